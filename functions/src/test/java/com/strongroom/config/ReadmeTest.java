package com.strongroom.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeTest {
    @Test
    void theSettingsTableNamesEverySetting() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting setting : Setting.values()) {
            assertTrue(readme.contains("`" + setting.key() + "`"), setting.key() + " is missing from README.md");
        }
    }
}
