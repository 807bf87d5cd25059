package com.strongroom.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.strongroom.core.consent.CreateConsentGrant;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.tenant.CreateTenant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One strict check for every free-text field: what an auditor reads is what was written. */
class TextTest {
    /** Right-to-left override, zero-width joiner, a C0 and a C1 control, byte-order mark. */
    static final List<String> HIDDEN = List.of("\u202E", "\u200D", "\u0007", "\u0085", "\uFEFF");

    @Test
    void visibleTextIsStrippedAndKept() {
        assertEquals("Acme Ltd – Zürich", Text.required("displayName", "  Acme Ltd – Zürich ", 200));
    }

    @Test
    void hiddenAndControlCharactersAreRefusedEverywhere() {
        for (String hidden : HIDDEN) {
            String text = "Preview " + hidden + "fails";
            assertThrows(InvalidInputException.class, () -> Text.required("purpose", text, 500), text);
            assertThrows(InvalidInputException.class, () -> new CreateTenant.Command(TenantId.of("acme"), text,
                    Optional.empty(), Optional.empty()), "displayName " + hidden.codePointAt(0));
            assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.of(TenantId.of("acme"),
                    UUID.randomUUID().toString(), "tenant", List.of(), Set.of(ConsentPermission.METADATA_READ),
                    text, "SUP-1", Optional.empty()), "purpose " + hidden.codePointAt(0));
            assertThrows(InvalidInputException.class, () -> CreateConsentGrant.Command.of(TenantId.of("acme"),
                    UUID.randomUUID().toString(), "tenant", List.of(), Set.of(ConsentPermission.METADATA_READ),
                    "why", "SUP-" + hidden + "1", Optional.empty()), "ticket " + hidden.codePointAt(0));
        }
    }

    @Test
    void emptyAndOverlongTextIsRefusedNamingTheField() {
        assertEquals("displayName", assertThrows(InvalidInputException.class,
                () -> Text.required("displayName", " ", 200)).field());
        assertThrows(InvalidInputException.class, () -> Text.required("ticket", "x".repeat(101), 100));
    }
}
