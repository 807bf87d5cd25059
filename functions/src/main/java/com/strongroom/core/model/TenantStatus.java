package com.strongroom.core.model;

public enum TenantStatus { ACTIVE, CANCELLING, DELETED }
