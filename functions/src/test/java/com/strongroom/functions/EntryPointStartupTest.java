package com.strongroom.functions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.config.SettingsException;
import org.junit.jupiter.api.Test;

/** The Functions worker builds entry points with their no-argument constructor, from the process environment. */
class EntryPointStartupTest {
    @Test
    void withoutSettingsTheAppRefusesToStartAndNamesWhatIsMissing() {
        SettingsException e = assertThrows(SettingsException.class, HealthFunction::new);
        assertTrue(e.getMessage().contains("STRONGROOM_MODE is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("STAMP_REGION is missing"), e.getMessage());
        assertThrows(SettingsException.class, TenantFunctions::new);
    }
}
