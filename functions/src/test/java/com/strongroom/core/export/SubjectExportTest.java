package com.strongroom.core.export;

import static com.strongroom.core.export.ExportFixture.ACME;
import static com.strongroom.core.export.ExportFixture.ADMIN;
import static com.strongroom.core.export.ExportFixture.MANAGER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.Role;
import com.strongroom.testing.ExportPackages;
import com.strongroom.testing.Identities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

class SubjectExportTest {
    private static final String JANE = "jane.doe@example.com";

    @TempDir
    Path keys;
    @TempDir
    Path scratch;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSubjectsCopyHoldsOnlyTheirAssetsHeldOnesIncludedAndSaysSo() throws IOException {
        ExportFixture f = new ExportFixture(keys, 1 << 20);
        Asset passport = f.asset("passport.pdf", bytes("passport"), JANE);
        Asset contract = f.held(f.asset("contract.pdf", bytes("contract"), "Jane.Doe@Example.com", "john@example.com"),
                "litigation 2026-04");
        Asset unrelated = f.asset("unrelated.txt", bytes("someone else"), "john@example.com");
        f.clock.advance(Duration.ofSeconds(1));

        Export requested = f.exports.requestForSubject(MANAGER, new Exports.SubjectCommand(ACME, List.of(JANE),
                Optional.of("DSR-2026-15")), "r-subject");
        f.runToEnd(f.jobs.next().orElseThrow());

        Export ready = f.export(requested);
        assertEquals(Export.State.READY, ready.state());
        assertFalse(ready.toString().toLowerCase().contains("jane"), "the export keeps no identifier in clear");
        ExportPackages.Bag bag = f.checkedBag(ready, scratch);
        assertArrayEquals(bytes("passport"), bag.file(BuildExport.pathOf(passport)));
        assertArrayEquals(bytes("contract"), bag.file(BuildExport.pathOf(contract)));
        assertFalse(bag.files().containsKey(BuildExport.pathOf(unrelated)));
        assertEquals("data-subject", bag.info().get("Strongroom-Kind"));
        assertEquals("DSR-2026-15", bag.info().get("Strongroom-Reference"));
        assertEquals("2", bag.info().get("Strongroom-Assets"));
        assertEquals("1", bag.info().get("Strongroom-Assets-Under-Legal-Hold"));
        String metadata = new String(bag.file("data/assets.json"), StandardCharsets.UTF_8);
        assertTrue(metadata.contains("\"legalHold\":{\"reason\":\"litigation 2026-04\""), metadata);
        String events = new String(bag.file("data/audit/events.jsonl"), StandardCharsets.UTF_8);
        assertTrue(events.contains(passport.id().value()) && events.contains(contract.id().value()), events);
        assertFalse(events.contains(unrelated.id().value()), "only the subject's assets' events");
        assertFalse(bag.files().containsKey("data/audit/checkpoints.jsonl"));
    }

    @Test
    void aSubjectTheTenantHoldsNothingOfStillGetsAnAnswerAsAValidEmptyBag() throws IOException {
        ExportFixture f = new ExportFixture(keys, 1 << 20);
        f.asset("unrelated.txt", bytes("x"), "john@example.com");

        Export requested = f.exports.requestForSubject(ADMIN, new Exports.SubjectCommand(ACME,
                List.of("nobody@example.com"), Optional.empty()), "r");
        f.runToEnd(f.jobs.next().orElseThrow());

        ExportPackages.Bag bag = f.checkedBag(f.export(requested), scratch);
        assertEquals("[\n]\n", new String(bag.file("data/assets.json"), StandardCharsets.UTF_8));
        assertEquals("0", bag.info().get("Strongroom-Assets"));
    }

    @Test
    void subjectCopiesAndTenantExportsAreEachFoundOnlyOnTheirOwnRoutes() {
        ExportFixture f = new ExportFixture(keys, 1 << 20);
        Export subject = f.exports.requestForSubject(MANAGER, new Exports.SubjectCommand(ACME, List.of(JANE),
                Optional.empty()), "r");
        Export tenant = f.exports.request(ADMIN, ACME, "r");

        assertEquals(subject, f.exports.read(MANAGER, Exports.Kind.SUBJECT, ACME, subject.id(), "r"));
        assertThrows(NotFoundException.class, () -> f.exports.read(ADMIN, Exports.Kind.TENANT, ACME, subject.id(),
                "r"));
        assertThrows(NotFoundException.class, () -> f.exports.read(ADMIN, Exports.Kind.SUBJECT, ACME, tenant.id(),
                "r"));
        assertThrows(ForbiddenException.class, () -> f.exports.read(MANAGER, Exports.Kind.TENANT, ACME, tenant.id(),
                "r"));
        assertEquals(List.of(subject.id()), f.exports.list(ADMIN, Exports.Kind.SUBJECT, ACME, "r").stream()
                .map(Export::id).toList());
        assertEquals(List.of(tenant.id()), f.exports.list(ADMIN, Exports.Kind.TENANT, ACME, "r").stream()
                .map(Export::id).toList());
    }

    @Test
    void onlyArchiveManagersAndTenantAdminsMayAskAndTheCommandChecksItsInput() {
        ExportFixture f = new ExportFixture(keys, 1 << 20);
        var reader = Identities.customer(ACME, "reader", Role.ASSET_READER);

        assertThrows(ForbiddenException.class, () -> f.exports.requestForSubject(reader,
                new Exports.SubjectCommand(ACME, List.of(JANE), Optional.empty()), "r"));
        assertThrows(InvalidInputException.class, () -> new Exports.SubjectCommand(ACME, List.of(), Optional.empty()));
        assertThrows(InvalidInputException.class, () -> new Exports.SubjectCommand(ACME, List.of(JANE),
                Optional.of("x".repeat(101))));
        assertEquals(0, f.jobs.size());
    }
}
