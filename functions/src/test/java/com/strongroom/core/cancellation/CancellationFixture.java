package com.strongroom.core.cancellation;

import com.strongroom.adapters.keys.JwsCheckpointSigner;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.audit.AuditRecorder;
import com.strongroom.core.model.AuditEvent;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Cancellation;
import com.strongroom.core.model.Contacts;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.Export;
import com.strongroom.core.model.QueueDelivery;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.Tenant;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.TenantStatus;
import com.strongroom.core.notice.DeliverNotices;
import com.strongroom.core.port.CancellationStore;
import com.strongroom.core.port.ContactStore;
import com.strongroom.core.port.ExportJobs;
import com.strongroom.core.port.KeyEncryptionKeys;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.Notifier;
import com.strongroom.core.port.SendLedger;
import com.strongroom.core.port.TenantDataSet;
import com.strongroom.core.port.TenantStore;
import com.strongroom.testing.CountingKeyEncryptionKeys;
import com.strongroom.testing.CrashPoints;
import com.strongroom.testing.Identities;
import com.strongroom.testing.InMemoryCancellationStore;
import com.strongroom.testing.InMemoryContactStore;
import com.strongroom.testing.InMemoryExportJobs;
import com.strongroom.testing.InMemoryExportStore;
import com.strongroom.testing.InMemoryGrantStore;
import com.strongroom.testing.InMemoryNoticeJobs;
import com.strongroom.testing.InMemoryNoticeStore;
import com.strongroom.testing.InMemoryPurgeJobs;
import com.strongroom.testing.InMemorySendBudget;
import com.strongroom.testing.InMemorySendLedger;
import com.strongroom.testing.InMemoryTenantDataSet;
import com.strongroom.testing.InMemoryTenantStore;
import com.strongroom.testing.RecordingNotifier;
import com.strongroom.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cancellation use cases over in-memory ports, the purge's ports wrapped in {@link CrashPoints}, a real signer
 * (a local key) and the real notifier use case, so that a certificate and its email can be checked as received.
 */
final class CancellationFixture {
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId OTHER = TenantId.of("other");
    static final Caller PLATFORM = Identities.staff("platform", Role.PLATFORM_ADMIN);
    static final Caller ADMIN = Identities.customer(ACME, "admin", Role.TENANT_ADMIN);
    static final Caller OTHER_ADMIN = Identities.customer(OTHER, "admin", Role.TENANT_ADMIN);
    static final List<String> ADMIN_ADDRESSES = List.of("it@acme.example", "cio@acme.example");
    static final DeletionCertificates.Retention RETENTION = new DeletionCertificates.Retention(Duration.ofDays(90),
            Duration.ofHours(48), Duration.ofDays(30), Duration.ofDays(400));

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T10:00:00Z"));
    final CrashPoints crashes = new CrashPoints();
    final InMemoryTenantStore tenants = new InMemoryTenantStore();
    final CountingKeyEncryptionKeys keks = new CountingKeyEncryptionKeys();
    final InMemoryExportStore exports = new InMemoryExportStore();
    final InMemoryExportJobs exportJobs = new InMemoryExportJobs();
    final InMemoryPurgeJobs purgeJobs = new InMemoryPurgeJobs();
    final InMemoryCancellationStore store = new InMemoryCancellationStore();
    final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    final InMemoryNoticeJobs noticeJobs = new InMemoryNoticeJobs(clock);
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemorySendLedger ledger = new InMemorySendLedger();
    final RecordingNotifier notifier = new RecordingNotifier();
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    final List<InMemoryTenantDataSet> data = List.of(new InMemoryTenantDataSet("asset-documents"),
            new InMemoryTenantDataSet("asset-content-blobs"), new InMemoryTenantDataSet("content-keys"));
    final JwsCheckpointSigner signer;
    final AccessControl access;
    final Cancellations cancellations;

    CancellationFixture(Path keysDir) {
        for (TenantId id : List.of(ACME, OTHER)) {
            tenants.create(new Tenant(id, id.value() + " Ltd", Region.WEST_EUROPE,
                    Optional.of(Identities.directoryOf(id)), clock.instant(), "platform", TenantStatus.ACTIVE,
                    keks.newTenantKeys(id)));
            for (InMemoryTenantDataSet set : data) {
                for (int i = 0; i < 5; i++) {
                    set.add(id, set.kind() + "-" + i);
                }
            }
            contacts.put(id, new Contacts(List.of(), List.of(), ADMIN_ADDRESSES.stream().map(EmailAddress::of)
                    .toList()));
        }
        signer = JwsCheckpointSigner.local(keysDir);
        AuditRecorder audit = new AuditRecorder(events::add, clock);
        access = Identities.accessControl(Region.WEST_EUROPE, tenants, InMemoryGrantStore.noGrants(clock), audit);
        DeliverNotices deliver = new DeliverNotices(crashes.around(NoticeStore.class, notices),
                crashes.around(ContactStore.class, contacts), crashes.around(SendLedger.class, ledger),
                new InMemorySendBudget(100), crashes.around(Notifier.class, notifier), noticeJobs, audit, clock);
        List<TenantDataSet> guarded = data.stream().map(set -> crashes.around(TenantDataSet.class, set)).toList();
        cancellations = new Cancellations(access, new Cancellations.Ports(
                crashes.around(CancellationStore.class, store), crashes.around(TenantStore.class, tenants), exports,
                crashes.around(ExportJobs.class, exportJobs), purgeJobs, crashes.around(KeyEncryptionKeys.class, keks), guarded,
                crashes.around(TenantDataSet.class, notificationsOf()), crashes.around(NoticeStore.class, notices),
                crashes.around(NoticeJobs.class, noticeJobs)),
                new DeletionCertificates(signer.deletionCertificates(), Region.WEST_EUROPE, RETENTION), deliver,
                audit, clock);
    }

    /** The tenant's contacts, notices and send ledger, as one set: the notifications container's partition. */
    private TenantDataSet notificationsOf() {
        return new TenantDataSet() {
            @Override
            public String kind() {
                return "notifications";
            }

            @Override
            public long count(TenantId tenant) {
                return contacts.count(tenant) + notices.count(tenant) + ledger.count(tenant);
            }

            @Override
            public void deleteAll(TenantId tenant) {
                contacts.forget(tenant);
                notices.forget(tenant);
                ledger.forget(tenant);
            }
        };
    }

    Cancellation request(int graceDays, boolean exportFirst) {
        return cancellations.request(PLATFORM, new Cancellations.Command(ACME, graceDays,
                Optional.of("ticket 42"), exportFirst), "r-cancel");
    }

    /** Marks the cancellation's export ready, as its job would. */
    void exportReady(Cancellation c) {
        Export queued = exports.find(c.tenantId(), c.exportId().orElseThrow()).orElseThrow();
        exports.replace(queued.ready(new Export.Package(100, 1, 0, 0), 0, clock.instant()));
    }

    Cancellation stored() {
        return store.find(ACME).orElseThrow();
    }

    Tenant tenant() {
        return tenants.find(ACME).orElseThrow();
    }

    /** Delivers the purge message as the host does: again after a crash, until it returns normally. */
    int purgeToEnd(int maxDequeue) {
        for (int delivery = 1; delivery <= maxDequeue; delivery++) {
            try {
                cancellations.purge().handle(ACME, new QueueDelivery(delivery, maxDequeue, "purge-" + delivery));
                return delivery;
            } catch (CrashPoints.Crash | RuntimeException e) {
                clock.advance(Duration.ofSeconds(30));
            }
        }
        throw new AssertionError("the purge never finished");
    }

    long eventsOf(String action, String purpose) {
        return events.stream().filter(e -> e.action().equals(action))
                .filter(e -> purpose == null || e.purpose().filter(p -> p.startsWith(purpose)).isPresent()).count();
    }
}
