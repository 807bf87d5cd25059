package com.strongroom.core.export;

import static com.strongroom.core.export.ExportFixture.ACME;
import static com.strongroom.core.export.ExportFixture.ADMIN;
import static com.strongroom.core.export.ExportFixture.MANAGER;
import static com.strongroom.core.export.ExportFixture.OTHER;
import static com.strongroom.core.export.ExportFixture.OTHER_ADMIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.asset.DownloadAsset;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.GoneException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.RangeNotSatisfiableException;
import com.strongroom.core.error.RangeRequiredException;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.ExportId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

class ExportsTest {
    private static final int CAP = 64 * 1024;

    @TempDir
    Path keys;

    private final InFlightBytes inFlight = new InFlightBytes(1 << 30, Duration.ofSeconds(1));

    private ExportFixture readyExport(ExportFixture f) {
        f.asset("a.bin", new byte[200_000]);
        Export requested = f.exports.request(ADMIN, ACME, "r");
        f.runToEnd(f.jobs.next().orElseThrow());
        assertEquals(Export.State.READY, f.export(requested).state());
        return f;
    }

    private Export only(ExportFixture f) {
        return f.exports.list(ADMIN, Exports.Kind.TENANT, ACME, "r").get(0);
    }

    private Exports.Content download(ExportFixture f, Export export, Optional<DownloadAsset.ByteRange> range) {
        try (InFlightBytes.Lease lease = inFlight.lease()) {
            return f.exports.download(ADMIN, Exports.Kind.TENANT, ACME, export.id(), range, lease, "r-dl");
        }
    }

    private static Optional<DownloadAsset.ByteRange> range(long first, long last) {
        return Optional.of(new DownloadAsset.ByteRange(OptionalLong.of(first), OptionalLong.of(last),
                OptionalLong.empty()));
    }

    @Test
    void aTenantAdminRequestsAnExportThatIsQueuedWithItsJob() {
        ExportFixture f = new ExportFixture(keys, CAP);

        Export export = f.exports.request(ADMIN, ACME, "r");

        assertEquals(Export.State.QUEUED, export.state());
        assertEquals(f.clock.instant().plus(Exports.RETENTION), export.expiresAt());
        assertEquals(export.id(), f.jobs.next().orElseThrow().exportId());
        assertEquals(1, f.auditLog.count(e -> e.event().action().equals("export.request")
                && e.event().outcome().name().equals("SUCCESS")));
    }

    @Test
    void onlyTheTenantsOwnAdminMayRequestReadOrDownloadAndAnotherTenantsIdIsNotFound() {
        ExportFixture f = readyExport(new ExportFixture(keys, CAP));
        Export export = only(f);

        assertThrows(ForbiddenException.class, () -> f.exports.request(MANAGER, ACME, "r"));
        assertThrows(ForbiddenException.class, () -> f.exports.request(OTHER_ADMIN, ACME, "r"));
        assertThrows(ForbiddenException.class, () -> f.exports.read(MANAGER, Exports.Kind.TENANT, ACME, export.id(), "r"));
        assertThrows(ForbiddenException.class, () -> f.exports.read(OTHER_ADMIN, Exports.Kind.TENANT, ACME, export.id(), "r"));
        assertThrows(NotFoundException.class, () -> f.exports.read(OTHER_ADMIN, Exports.Kind.TENANT, OTHER, export.id(), "r"));
        try (InFlightBytes.Lease lease = inFlight.lease()) {
            assertThrows(NotFoundException.class, () -> f.exports.download(OTHER_ADMIN, Exports.Kind.TENANT, OTHER, export.id(),
                    Optional.empty(), lease, "r"));
        }
        assertEquals(0, f.jobs.size());
    }

    @Test
    void aThirdExportWhileTwoAreBeingBuiltIsAConflictThatStoresNothing() {
        ExportFixture f = new ExportFixture(keys, CAP);
        f.exports.request(ADMIN, ACME, "r");
        f.exports.request(ADMIN, ACME, "r");

        assertThrows(ConflictException.class, () -> f.exports.request(ADMIN, ACME, "r"));
        assertEquals(2, f.exports.list(ADMIN, Exports.Kind.TENANT, ACME, "r").size());
        assertEquals(2, f.jobs.size());
    }

    @Test
    void anExportWhoseJobCannotBeQueuedIsMarkedFailedNotLeftQueued() {
        ExportFixture f = new ExportFixture(keys, CAP);
        f.crashes.arm("ExportJobs.enqueue");

        assertThrows(Error.class, () -> f.exports.request(ADMIN, ACME, "r"));
        // A crash (an Error) runs no cleanup; an ordinary failure of the queue does.
        ExportFixture g = new ExportFixture(keys, CAP);
        Exports failingQueue = new Exports(g.access, g.exportStore, (t, x) -> {
            throw new IllegalStateException("queue down");
        }, g.keyring, g.exportContent, CAP, g.clock);

        assertThrows(IllegalStateException.class, () -> failingQueue.request(ADMIN, ACME, "r"));
        Export failed = g.exports.list(ADMIN, Exports.Kind.TENANT, ACME, "r").get(0);
        assertEquals(Export.State.FAILED, failed.state());
        assertEquals(Optional.of("not queued: IllegalStateException"), failed.failure());
    }

    @Test
    void aReadyPackageIsServedInRangesThatTogetherAreTheWholePackage() throws IOException {
        ExportFixture f = readyExport(new ExportFixture(keys, CAP));
        Export export = only(f);
        long length = export.content().orElseThrow().length();
        assertTrue(length > CAP);

        assertThrows(RangeRequiredException.class, () -> download(f, export, Optional.empty()));
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (long first = 0; first < length; first += CAP) {
            Exports.Content part = download(f, export, range(first, first + CAP - 1));
            assertTrue(part.partial());
            whole.write(part.bytes());
        }
        assertArrayEquals(f.packageOf(export), whole.toByteArray());
        assertThrows(RangeNotSatisfiableException.class, () -> download(f, export, range(length, length + 5)));
        assertEquals(length / CAP + 1, f.auditLog.count(e -> e.event().action().equals("export.download")
                && e.event().outcome().name().equals("SUCCESS")));
    }

    @Test
    void aPackageNotReadyYetIsAConflict() {
        ExportFixture f = new ExportFixture(keys, CAP);
        Export queued = f.exports.request(ADMIN, ACME, "r");

        assertThrows(ConflictException.class, () -> download(f, queued, range(0, 10)));
    }

    @Test
    void aTamperedPackageIsRefusedAsAnIntegrityFailureAndRecordedAsASecurityEvent() {
        ExportFixture f = readyExport(new ExportFixture(keys, CAP));
        Export export = only(f);
        byte[] stored = f.exportContent.stored(ACME, export.id().contentId());
        stored[100] ^= 1;
        f.exportContent.overwrite(ACME, export.id().contentId(), stored);

        assertThrows(IntegrityException.class, () -> download(f, export, range(0, 10)));
        assertEquals(1, f.auditLog.count(e -> e.event().action().equals("export.content.tampered")));
    }

    @Test
    void afterItsExpiryAPackageIsGoneAndTheTimerDestroysItsKeyAndBlob() {
        ExportFixture f = readyExport(new ExportFixture(keys, CAP));
        Export export = only(f);
        f.clock.advance(Exports.RETENTION.plusSeconds(1));

        assertThrows(GoneException.class, () -> download(f, export, range(0, 10)));
        assertEquals(1, f.expire.run("timer-1"));
        assertEquals(0, f.expire.run("timer-2"));

        assertEquals(Export.State.EXPIRED, f.export(export).state());
        assertEquals(Optional.empty(), f.dataKeys.find(ACME, export.id().contentId()));
        assertEquals(null, f.exportContent.stored(ACME, export.id().contentId()));
        assertThrows(GoneException.class, () -> download(f, export, range(0, 10)));
        assertEquals(1, f.auditLog.count(e -> e.event().action().equals("export.expire")));
    }

    @Test
    void exportIdsAreCheckedForShape() {
        assertThrows(com.strongroom.core.error.InvalidInputException.class, () -> ExportId.of("../x"));
        assertFalse(Arrays.asList(ExportId.random().value().split("")).contains("/"));
    }
}
