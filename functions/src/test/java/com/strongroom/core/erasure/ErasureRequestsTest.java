package com.strongroom.core.erasure;

import static com.strongroom.core.erasure.ErasureFixture.ACME;
import static com.strongroom.core.erasure.ErasureFixture.ADMIN;
import static com.strongroom.core.erasure.ErasureFixture.JANE;
import static com.strongroom.core.erasure.ErasureFixture.MANAGER;
import static com.strongroom.core.erasure.ErasureFixture.OTHER;
import static com.strongroom.core.erasure.ErasureFixture.OTHER_MANAGER;
import static com.strongroom.core.erasure.ErasureFixture.SECOND_MANAGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.asset.BlindIndex;
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.ErasureRequest.State;
import com.strongroom.core.model.ErasureRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The life of a request before and around its job: preview, four eyes, cancel, extend, retry, and bad input. */
class ErasureRequestsTest {
    @TempDir
    Path keys;
    ErasureFixture f;

    @BeforeEach
    void setUp() {
        f = new ErasureFixture(keys);
    }

    RequestErasure.Command command(List<String> subjects, Instant receivedAt) {
        return new RequestErasure.Command(ACME, subjects, "Art. 17 request", receivedAt, Optional.of("DSR-7"));
    }

    @Test
    void thePreviewShowsWhatWouldBeErasedAndRetainedAndStoresNoIdentifier() {
        Asset passport = f.asset("passport.pdf", JANE);
        Asset contract = f.held("contract.pdf", "litigation 2026-04", " Jane.Doe@Example.com ");
        f.asset("unrelated.txt", "john@example.com");
        f.asset("shared.txt", "john@example.com", JANE);
        RequestErasure.Preview preview = f.request.handle(MANAGER, command(List.of(JANE),
                Instant.parse("2026-11-29T09:00:00Z")), "r1");

        assertEquals(List.of("passport.pdf", "shared.txt"), ErasureFixture.names(preview.erasable()).stream().sorted()
                .toList());
        assertEquals(2, preview.erasableCount());
        assertEquals(List.of(contract.id()), preview.retained().stream().map(Asset::id).toList());
        ErasureRequest stored = f.stored(preview.request());
        assertEquals(State.AWAITING_APPROVAL, stored.state());
        assertEquals(Instant.parse("2026-12-29T23:59:59Z"), stored.dueAt());
        assertEquals(passport.subjectIndex(), stored.subjectIndex(), "the blind-index value, as the asset holds it");
        assertFalse(stored.toString().toLowerCase().contains("jane"), "no identifier in clear: " + stored);
        assertTrue(f.events.stream().noneMatch(e -> e.toString().toLowerCase().contains("jane")));
        assertTrue(f.jobs.size() == 0, "nothing is queued before approval");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Instant yesterday = f.clock.instant().minus(Duration.ofDays(1));
        assertThrows(InvalidInputException.class, () -> command(List.of(), yesterday));
        assertThrows(InvalidInputException.class, () -> command(List.of(" "), yesterday));
        assertThrows(InvalidInputException.class, () -> command(List.of("x".repeat(321)), yesterday));
        assertThrows(InvalidInputException.class, () -> command(Collections.nCopies(101, JANE), yesterday));
        assertThrows(InvalidInputException.class, () -> command(List.of(JANE), null));
        assertThrows(InvalidInputException.class, () -> new RequestErasure.Command(ACME, List.of(JANE), " ",
                yesterday, Optional.empty()));
        Instant tomorrow = f.clock.instant().plus(Duration.ofDays(1));
        assertThrows(InvalidInputException.class, () -> f.request.handle(MANAGER, command(List.of(JANE), tomorrow),
                "r1"));
        assertEquals(0, f.erasures.list(ACME, Optional.empty(), 10, Optional.empty()).requests().size());
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequest() {
        ErasureRequest request = f.requested(JANE);
        assertThrows(ForbiddenException.class, () -> f.requests.approve(MANAGER, ACME, request.id(), "r2"));
        assertEquals(State.AWAITING_APPROVAL, f.stored(request).state());
        assertEquals(0, f.jobs.size());
        assertTrue(f.events.stream().anyMatch(e -> e.action().equals("erasure.approve")
                && e.outcome() == AuditEvent.Outcome.DENIED));
    }

    @Test
    void aSecondManagerApprovesOnceAndOneJobIsQueued() {
        ErasureRequest request = f.requested(JANE);
        ErasureRequest approved = f.requests.approve(SECOND_MANAGER, ACME, request.id(), "r2");
        assertEquals(State.APPROVED, approved.state());
        assertEquals(SECOND_MANAGER.subject(), approved.approval().orElseThrow().by());
        assertEquals(1, f.jobs.size());
        assertThrows(ConflictException.class, () -> f.requests.approve(SECOND_MANAGER, ACME, request.id(), "r3"));
        assertEquals(1, f.jobs.size(), "approving twice queues nothing more");
    }

    @Test
    void aCancelledRequestCannotBeApprovedAndItsJobDoesNothing() {
        Asset passport = f.asset("passport.pdf", JANE);
        ErasureRequest approved = f.approved(JANE);
        f.requests.cancel(MANAGER, ACME, approved.id(), "r3");
        assertThrows(ConflictException.class, () -> f.requests.approve(SECOND_MANAGER, ACME, approved.id(), "r4"));
        f.drain();
        assertEquals(State.CANCELLED, f.stored(approved).state());
        assertTrue(f.assets.find(ACME, passport.id()).isPresent(), "nothing erased");
    }

    @Test
    void aRunningOrCompletedRequestCannotBeCancelled() {
        f.asset("passport.pdf", JANE);
        ErasureRequest approved = f.approved(JANE);
        f.drain();
        assertThrows(ConflictException.class, () -> f.requests.cancel(MANAGER, ACME, approved.id(), "r5"));
    }

    @Test
    void anotherTenantsRequestIsNotFound() {
        ErasureRequest request = f.requested(JANE);
        assertThrows(NotFoundException.class, () -> f.requests.read(OTHER_MANAGER, OTHER, request.id(), "r6"));
        assertThrows(ForbiddenException.class, () -> f.requests.read(ADMIN, OTHER, request.id(), "r6"));
        assertThrows(NotFoundException.class, () -> f.requests.approve(OTHER_MANAGER, OTHER, request.id(), "r6"));
        assertEquals(State.AWAITING_APPROVAL, f.stored(request).state());
    }

    @Test
    void theTimeIsExtendedByTwoMonthsAtMostAndOnlyBeforeItEnds() {
        ErasureRequest request = f.requested(JANE);
        Instant due = request.dueAt();
        ErasureRequest once = f.requests.extend(MANAGER, ACME, request.id(),
                new ErasureRequests.Extension(1, "many files across archives"), "r7");
        assertEquals(ErasureRequest.dueAt(request.receivedAt(), 2), once.dueAt());
        assertTrue(once.dueAt().isAfter(due));
        assertThrows(ConflictException.class, () -> f.requests.extend(MANAGER, ACME, request.id(),
                new ErasureRequests.Extension(2, "more"), "r8"));
        assertThrows(InvalidInputException.class, () -> new ErasureRequests.Extension(3, "too long"));
        assertThrows(InvalidInputException.class, () -> new ErasureRequests.Extension(0, "none"));
        f.clock.advance(Duration.between(f.clock.instant(), once.dueAt()).plusSeconds(1));
        assertThrows(ConflictException.class, () -> f.requests.extend(MANAGER, ACME, request.id(),
                new ErasureRequests.Extension(1, "late"), "r9"));
        assertEquals(1, f.stored(request).extendedMonths());
    }

    @Test
    void listsFilterByStateAndOverdue() {
        ErasureRequest waiting = f.requested(JANE);
        ErasureRequest approved = f.approved("john@example.com");
        assertEquals(List.of(waiting.id()), f.requests.list(ADMIN, new ErasureRequests.Query(ACME,
                Optional.of(State.AWAITING_APPROVAL), Optional.empty(), 50, Optional.empty()), "r10").requests()
                .stream().map(ErasureRequest::id).toList());
        assertEquals(0, f.requests.list(ADMIN, new ErasureRequests.Query(ACME, Optional.empty(), Optional.of(true),
                50, Optional.empty()), "r11").requests().size());
        f.clock.advance(Duration.ofDays(40));
        assertEquals(2, f.requests.list(ADMIN, new ErasureRequests.Query(ACME, Optional.empty(), Optional.of(true),
                50, Optional.empty()), "r12").requests().size());
        assertEquals(State.APPROVED, f.stored(approved).state());
    }

    @Test
    void aSubjectIsMatchedThroughTheTenantsOwnBlindIndex() {
        f.asset("passport.pdf", JANE);
        ErasureRequest request = f.requested("JANE.DOE@example.com");
        assertEquals(1, request.previewAssets().size(), "normalised as asset subjects are");
        assertEquals(BlindIndex.normalise(JANE), BlindIndex.normalise("JANE.DOE@example.com"));
    }
}
