package com.strongroom.core.access;

import static com.strongroom.core.model.Role.ARCHIVE_MANAGER;
import static com.strongroom.core.model.Role.ASSET_CONTRIBUTOR;
import static com.strongroom.core.model.Role.ASSET_READER;
import static com.strongroom.core.model.Role.PLATFORM_ADMIN;
import static com.strongroom.core.model.Role.SECURITY_OFFICER;
import static com.strongroom.core.model.Role.TENANT_ADMIN;

import com.strongroom.core.model.AuditEvent.EventClass;
import com.strongroom.core.model.ConsentPermission;
import com.strongroom.core.model.Role;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every operation a caller can ask for, with the only roles allowed to perform it. An operation not listed
 * here cannot be authorised, and a role not named for an operation is refused: deny by default. Support staff
 * hold no role that reaches customer data; an operation with a consent permission lets them in only under a
 * grant that allows it (see {@link AccessControl#authorizeRead}).
 */
public enum Operation {
    TENANT_CREATE("tenant.create", EventClass.ADMIN, EnumSet.of(PLATFORM_ADMIN)),
    TENANT_READ("tenant.read", EventClass.ACCESS, EnumSet.of(PLATFORM_ADMIN, TENANT_ADMIN)),
    TENANT_REGISTER_DIRECTORY("tenant.register-directory", EventClass.ADMIN, EnumSet.of(PLATFORM_ADMIN)),
    AUDIT_READ("audit.read", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN), Applications.ALLOWED),
    AUDIT_VERIFY("audit.verify", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN), Applications.ALLOWED),
    AUDIT_CHECKPOINT("audit.checkpoint", EventClass.ADMIN, EnumSet.of(TENANT_ADMIN, PLATFORM_ADMIN)),
    KEYS_ROTATE("keys.rotate", EventClass.ADMIN, EnumSet.of(TENANT_ADMIN, PLATFORM_ADMIN)),
    ASSET_UPLOAD("asset.upload", EventClass.ADMIN, EnumSet.of(ASSET_CONTRIBUTOR, ARCHIVE_MANAGER),
            Applications.ALLOWED),
    ASSET_LIST("asset.list", EventClass.ACCESS, EnumSet.of(ASSET_READER, ASSET_CONTRIBUTOR, ARCHIVE_MANAGER),
            Applications.ALLOWED, ConsentPermission.METADATA_READ),
    ASSET_READ("asset.read", EventClass.ACCESS, EnumSet.of(ASSET_READER, ASSET_CONTRIBUTOR, ARCHIVE_MANAGER),
            Applications.ALLOWED, ConsentPermission.METADATA_READ),
    ASSET_DOWNLOAD("asset.download", EventClass.ACCESS, EnumSet.of(ASSET_READER, ASSET_CONTRIBUTOR, ARCHIVE_MANAGER),
            Applications.ALLOWED, ConsentPermission.CONTENT_READ),
    ASSET_UPDATE("asset.update", EventClass.ADMIN, EnumSet.of(ASSET_CONTRIBUTOR, ARCHIVE_MANAGER),
            Applications.ALLOWED),
    ASSET_LEGAL_HOLD("asset.legal-hold", EventClass.ADMIN, EnumSet.of(ARCHIVE_MANAGER)),
    ASSET_DELETE("asset.delete", EventClass.ADMIN, EnumSet.of(ARCHIVE_MANAGER)),
    CONSENT_GRANT("consent.grant", EventClass.ADMIN, EnumSet.of(TENANT_ADMIN)),
    CONSENT_LIST("consent.list", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN)),
    CONSENT_READ("consent.read", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN)),
    CONSENT_REVOKE("consent.revoke", EventClass.ADMIN, EnumSet.of(TENANT_ADMIN)),
    CONSENT_ACCESSES("consent.accesses", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN)),
    /** The system marking a grant whose time ran out; no caller may ask for it. */
    CONSENT_EXPIRE("consent.expire", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    ERASURE_REQUEST("erasure.request", EventClass.ADMIN, EnumSet.of(ARCHIVE_MANAGER)),
    ERASURE_APPROVE("erasure.approve", EventClass.ADMIN, EnumSet.of(ARCHIVE_MANAGER)),
    ERASURE_CANCEL("erasure.cancel", EventClass.ADMIN, EnumSet.of(ARCHIVE_MANAGER)),
    ERASURE_EXTEND("erasure.extend", EventClass.ADMIN, EnumSet.of(ARCHIVE_MANAGER)),
    ERASURE_RETRY("erasure.retry", EventClass.ADMIN, EnumSet.of(ARCHIVE_MANAGER)),
    ERASURE_LIST("erasure.list", EventClass.ACCESS, EnumSet.of(ARCHIVE_MANAGER, TENANT_ADMIN)),
    ERASURE_READ("erasure.read", EventClass.ACCESS, EnumSet.of(ARCHIVE_MANAGER, TENANT_ADMIN)),
    ERASURE_RECEIPT("erasure.receipt", EventClass.ACCESS, EnumSet.of(ARCHIVE_MANAGER, TENANT_ADMIN)),
    /** The erasure job's own steps (start, upload sessions aborted, completion, failure); no caller may ask for them. */
    ERASURE_RUN("erasure.run", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    ERASURE_COMPLETE("erasure.complete", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    ERASURE_FAIL("erasure.fail", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    ERASURE_IRRECOVERABLE("erasure.irrecoverable", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    CONTACTS_READ("contacts.read", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN, PLATFORM_ADMIN)),
    CONTACTS_WRITE("contacts.write", EventClass.ADMIN, EnumSet.of(TENANT_ADMIN, PLATFORM_ADMIN)),
    NOTICES_LIST("notices.list", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN)),
    NOTICE_RETRY("notice.retry", EventClass.ADMIN, EnumSet.of(PLATFORM_ADMIN)),
    MAINTENANCE_ANNOUNCE("maintenance.announce", EventClass.ADMIN, EnumSet.of(PLATFORM_ADMIN)),
    INCIDENT_PREVIEW("incident.preview", EventClass.SECURITY, EnumSet.of(SECURITY_OFFICER)),
    INCIDENT_DECLARE("incident.declare", EventClass.SECURITY, EnumSet.of(SECURITY_OFFICER)),
    INCIDENT_LIST("incident.list", EventClass.ACCESS, EnumSet.of(SECURITY_OFFICER)),
    INCIDENT_READ("incident.read", EventClass.ACCESS, EnumSet.of(SECURITY_OFFICER)),
    INCIDENT_NOTIFY("incident.notify", EventClass.SECURITY, EnumSet.of(SECURITY_OFFICER)),
    INCIDENT_UPDATE("incident.update", EventClass.SECURITY, EnumSet.of(SECURITY_OFFICER)),
    INCIDENT_CLOSE("incident.close", EventClass.SECURITY, EnumSet.of(SECURITY_OFFICER)),
    EXPORT_REQUEST("export.request", EventClass.ADMIN, EnumSet.of(TENANT_ADMIN)),
    EXPORT_READ("export.read", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN)),
    EXPORT_DOWNLOAD("export.download", EventClass.ACCESS, EnumSet.of(TENANT_ADMIN)),
    SUBJECT_EXPORT_REQUEST("subject-export.request", EventClass.ADMIN, EnumSet.of(ARCHIVE_MANAGER, TENANT_ADMIN)),
    SUBJECT_EXPORT_READ("subject-export.read", EventClass.ACCESS, EnumSet.of(ARCHIVE_MANAGER, TENANT_ADMIN)),
    SUBJECT_EXPORT_DOWNLOAD("subject-export.download", EventClass.ACCESS, EnumSet.of(ARCHIVE_MANAGER, TENANT_ADMIN)),
    /** The export job's outcomes and the expiry of a package; no caller may ask for them. */
    EXPORT_READY("export.ready", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    EXPORT_FAIL("export.fail", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    EXPORT_EXPIRE("export.expire", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    CANCELLATION_REQUEST("cancellation.request", EventClass.ADMIN, EnumSet.of(PLATFORM_ADMIN)),
    CANCELLATION_REVOKE("cancellation.revoke", EventClass.ADMIN, EnumSet.of(PLATFORM_ADMIN)),
    CANCELLATION_READ("cancellation.read", EventClass.ACCESS, EnumSet.of(PLATFORM_ADMIN, TENANT_ADMIN)),
    CANCELLATION_CERTIFICATE("cancellation.certificate", EventClass.ACCESS, EnumSet.of(PLATFORM_ADMIN)),
    /** A cancellation moving on by itself (export ready, grace over) and the purge's steps; no caller may ask. */
    CANCELLATION_ADVANCE("cancellation.advance", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    TENANT_PURGE("tenant.purge", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    /** The notifier giving up on a notice after the queue's last delivery; no caller may ask for it. */
    NOTICE_FAIL("notice.fail", EventClass.ADMIN, EnumSet.noneOf(Role.class)),
    /** Erasing again whatever a restore of the data brought back (the restore runbook; also a daily timer). */
    ERASURE_LEDGER_REPLAY("erasure-ledger.replay", EventClass.ADMIN, EnumSet.of(PLATFORM_ADMIN));

    /**
     * Whether an application acting as itself (an app-only token) may perform the operation. Only the routine work
     * of a customer's integration may be done without a person: everything that grants, deletes, holds, rotates or
     * administers names a signed-in user in the audit trail.
     */
    enum Applications { ALLOWED, REFUSED }

    private final String action;
    private final EventClass eventClass;
    private final Set<Role> allowedRoles;
    private final boolean allowsApplications;
    private final Optional<ConsentPermission> consentPermission;

    Operation(String action, EventClass eventClass, Set<Role> allowedRoles) {
        this(action, eventClass, allowedRoles, Applications.REFUSED, null);
    }

    Operation(String action, EventClass eventClass, Set<Role> allowedRoles, Applications applications) {
        this(action, eventClass, allowedRoles, applications, null);
    }

    Operation(String action, EventClass eventClass, Set<Role> allowedRoles, Applications applications,
              ConsentPermission consentPermission) {
        this.action = action;
        this.eventClass = eventClass;
        this.allowedRoles = Set.copyOf(allowedRoles);
        this.allowsApplications = applications == Applications.ALLOWED;
        this.consentPermission = Optional.ofNullable(consentPermission);
    }

    /** True when an app-only token may perform the operation (with a role that allows it). */
    public boolean allowsApplications() {
        return allowsApplications;
    }

    /** The name this operation carries in the audit trail. */
    public String action() {
        return action;
    }

    public EventClass eventClass() {
        return eventClass;
    }

    public Set<Role> allowedRoles() {
        return allowedRoles;
    }

    /** The permission of a consent grant under which support staff may perform this operation, if any. */
    public Optional<ConsentPermission> consentPermission() {
        return consentPermission;
    }
}
