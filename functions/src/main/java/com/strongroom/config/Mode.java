package com.strongroom.config;

public enum Mode { LOCAL, AZURE }
