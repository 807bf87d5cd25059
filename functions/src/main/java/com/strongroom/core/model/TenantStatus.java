package com.strongroom.core.model;

/** Where a tenant stands: served, being cancelled (its exports still readable), being purged, or gone. */
public enum TenantStatus { ACTIVE, CANCELLING, PURGING, DELETED }
