package com.strongroom.config;

import java.util.List;

/** Start-up failure naming every missing or malformed setting; never echoes a setting's value. */
public final class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("invalid settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
