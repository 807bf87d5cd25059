package com.strongroom.core.notice;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.NoticeId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.Text;
import com.strongroom.core.port.NoticeJobs;
import com.strongroom.core.port.NoticeStore;
import com.strongroom.core.port.TenantStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A Platform.Admin announces a maintenance window to the tenants it affects (all of the stamp's, or those listed):
 * one notice per tenant, sent through the notifier to its admins. The announcement's id is derived from what it
 * says, so posting the same announcement again (after a failure half-way) finishes it instead of repeating it.
 */
public final class AnnounceMaintenance {
    public static final int MAX_TEXT = 4000;
    public static final int MAX_LISTED_TENANTS = 1000;

    private final AccessControl access;
    private final TenantStore tenants;
    private final NoticeStore notices;
    private final NoticeJobs jobs;
    private final Clock clock;

    /** The window and who it affects: {@code tenants} empty means every tenant of the stamp. */
    public record Command(Instant from, Instant to, Optional<List<TenantId>> tenants, String text) {
        public Command {
            if (from == null || to == null) {
                throw new InvalidInputException("window", "needs from and to");
            }
            if (!to.isAfter(from)) {
                throw new InvalidInputException("window", "must end after it starts");
            }
            tenants = Objects.requireNonNullElse(tenants, Optional.empty());
            tenants.ifPresent(list -> {
                if (list.isEmpty() || list.size() > MAX_LISTED_TENANTS) {
                    throw new InvalidInputException("tenants", "is \"all\" or a list of 1 to " + MAX_LISTED_TENANTS
                            + " tenant ids");
                }
            });
            text = Text.paragraphs("text", text, MAX_TEXT);
        }
    }

    public record Announced(String maintenanceId, int tenants) {
    }

    public AnnounceMaintenance(AccessControl access, TenantStore tenants, NoticeStore notices, NoticeJobs jobs,
                               Clock clock) {
        this.access = access;
        this.tenants = tenants;
        this.notices = notices;
        this.jobs = jobs;
        this.clock = clock;
    }

    public Announced announce(Caller caller, Command command, String requestId) {
        String id = idOf(command);
        RequestScope scope = access.authorize(caller, Operation.MAINTENANCE_ANNOUNCE,
                new Target("maintenance-notices/" + id), requestId);
        if (!command.to().isAfter(clock.instant())) {
            throw scope.failed(new InvalidInputException("window", "has already ended"));
        }
        List<TenantId> affected = command.tenants().isPresent() ? listed(scope, command.tenants().get())
                : tenants.allIds();
        RequestScope change = scope.attempting();
        Instant now = clock.instant();
        for (TenantId tenant : affected) {
            notices.createIfAbsent(NoticeTexts.maintenance(id, tenant, command.from(), command.to(), command.text(), now));
            jobs.enqueue(tenant, NoticeId.maintenance(id), Duration.ZERO);
        }
        change.succeeded();
        return new Announced(id, affected.size());
    }

    private List<TenantId> listed(RequestScope scope, List<TenantId> listed) {
        List<TenantId> distinct = listed.stream().distinct().toList();
        for (TenantId tenant : distinct) {
            if (!access.holds(tenant)) {
                throw scope.failed(new InvalidInputException("tenants", "names " + tenant
                        + ", which is not a tenant of this stamp"));
            }
        }
        return distinct;
    }


    private static String idOf(Command command) {
        String canonical = command.from() + "\n" + command.to() + "\n" + command.tenants()
                .map(list -> String.join(",", new TreeSet<>(list.stream().map(TenantId::value).toList())))
                .orElse("all") + "\n" + command.text();
        return UUID.nameUUIDFromBytes(canonical.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
