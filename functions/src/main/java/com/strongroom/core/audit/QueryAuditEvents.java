package com.strongroom.core.audit;

import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.access.RequestScope;
import com.strongroom.core.access.Target;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.PageSize;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.AuditLog;
import java.time.Instant;
import java.util.Optional;

/** A tenant's audit trail, filtered and paged, for its Tenant.Admin. Reading it is itself audited. */
public final class QueryAuditEvents {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    public record Command(TenantId tenant, Optional<Instant> from, Optional<Instant> to, Optional<String> actor,
                          Optional<String> action, Optional<String> target, int pageSize,
                          Optional<String> continuation) {
        public Command {
            new TimeRange(from, to);
            PageSize.checked(pageSize, MAX_PAGE_SIZE);
            for (Optional<String> filter : java.util.List.of(actor, action, target)) {
                if (filter.filter(f -> f.isBlank() || f.length() > 512).isPresent()) {
                    throw new InvalidInputException("filter", "must be 1-512 characters");
                }
            }
        }
    }

    private final AccessControl access;
    private final AuditLog log;

    public QueryAuditEvents(AccessControl access, AuditLog log) {
        this.access = access;
        this.log = log;
    }

    public Operation operation() {
        return Operation.AUDIT_READ;
    }

    public AuditLog.Page handle(Caller caller, Command command, String requestId) {
        RequestScope scope = access.authorizeTenant(caller, operation(), command.tenant(),
                Target.tenant(command.tenant()).and("audit-events"), requestId);
        AuditLog.Page page = log.query(new AuditLog.Query(command.tenant().value(), command.from(), command.to(),
                command.actor(), command.action(), command.target(), Optional.empty(), command.pageSize(),
                command.continuation()));
        scope.succeeded();
        return page;
    }
}
