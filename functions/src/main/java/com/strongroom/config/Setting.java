package com.strongroom.config;

/**
 * Every application setting Strongroom reads, in one place. The names match {@code local.settings.sample.json}
 * and the Function App's app settings in {@code infra/}.
 */
public enum Setting {
    MODE("STRONGROOM_MODE", "'azure' (managed identity, Key Vault, OIDC) or 'local' (emulators, key files, dev issuer)"),
    STAMP_REGION("STAMP_REGION", "the region of this stamp: eastus, westeurope, germanywestcentral or australiaeast"),
    STORAGE_CONNECTION_STRING("STORAGE", "local mode only: connection string of the storage emulator"),
    STORAGE_BLOB_SERVICE_URI("STORAGE__blobServiceUri", "azure mode: blob endpoint, reached with the managed identity"),
    EVIDENCE_BLOB_SERVICE_URI("EVIDENCE_STORAGE__blobServiceUri", "azure mode: blob endpoint of the evidence account (audit checkpoints, erasure ledger; write-once, never restored), reached with the managed identity; local mode uses STORAGE"),
    STORAGE_QUEUE_SERVICE_URI("STORAGE__queueServiceUri", "azure mode: queue endpoint, reached with the managed identity"),
    COSMOS_ENDPOINT("COSMOS_ENDPOINT", "metadata Cosmos DB account endpoint"),
    COSMOS_KEY("COSMOS_KEY", "local mode only: key of the Cosmos DB emulator or stand-in"),
    COSMOS_DATABASE("COSMOS_DATABASE", "database name (default strongroom)"),
    KEYRING_COSMOS_ENDPOINT("KEYRING_COSMOS_ENDPOINT", "keyring Cosmos DB account endpoint (short backups); defaults to COSMOS_ENDPOINT in local mode"),
    KEY_VAULT_URI("KEY_VAULT_URI", "azure mode: the stamp's Key Vault"),
    KEY_VAULT_HSM("KEY_VAULT_HSM", "azure mode: create tenant KEKs as RSA-HSM (default true; needs a Premium vault)"),
    LOCAL_KEYS_DIR("LOCAL_KEYS_DIR", "local mode only: folder of the local key files (dev only)"),
    AUTH_CLIENT_ID("AUTH_CLIENT_ID", "client id of the multi-tenant Entra application, the aud of every token (a GUID; local default: the dev issuer's)"),
    AUTH_OIDC_METADATA_URL("AUTH_OIDC_METADATA_URL", "azure mode: OpenID Connect metadata of the organizations endpoint, whose issuer is the {tenantid} template"),
    VENDOR_TENANT_ID("VENDOR_TENANT_ID", "Entra tenant id of the vendor's staff: the only directory whose staff roles count (a GUID; local default: the dev issuer's)"),
    STAFF_AUTH_CONTEXT("STAFF_AUTH_CONTEXT", "Conditional Access authentication context (c1 to c99) whose policy requires MFA; staff operations need it in acrs (local default c1)"),
    DIRECTORY_COSMOS_ENDPOINT("DIRECTORY_COSMOS_ENDPOINT", "Cosmos DB account of the tenant directory shared by every stamp; defaults to COSMOS_ENDPOINT in local mode"),
    DIRECTORY_COSMOS_DATABASE("DIRECTORY_COSMOS_DATABASE", "database of the tenant directory (default strongroom-directory)"),
    AZURE_CLIENT_ID("AZURE_CLIENT_ID", "azure mode, optional: client id of a user-assigned managed identity"),
    SIGNING_KEY_NAME("SIGNING_KEY_NAME", "azure mode: name of the stamp's RSA signing key in Key Vault (default audit-signing)"),
    AUDIT_RETENTION_ACCESS_DAYS("AUDIT_RETENTION_ACCESS_DAYS", "days access events are kept (default 30, at least 14)"),
    AUDIT_RETENTION_ADMIN_DAYS("AUDIT_RETENTION_ADMIN_DAYS", "days admin events are kept (default 400, at least 365)"),
    AUDIT_RETENTION_SECURITY_DAYS("AUDIT_RETENTION_SECURITY_DAYS", "days security events are kept (default 400, at least 365)"),
    AUDIT_CHECKPOINT_SCHEDULE("AUDIT_CHECKPOINT_SCHEDULE", "NCRONTAB schedule of the periodic audit checkpoint, read by the host (hourly: 0 0 * * * *)"),
    ASSET_SWEEP_SCHEDULE("ASSET_SWEEP_SCHEDULE", "NCRONTAB schedule of the sweep that finishes asset deletes and removes one-request uploads a crash interrupted, read by the host (every 15 minutes: 0 */15 * * * *)"),
    CANCELLATION_SCHEDULE("CANCELLATION_SCHEDULE", "NCRONTAB schedule of the timer that starts purges whose grace period is over and queues stalled ones again, read by the host (every 10 minutes: 0 */10 * * * *)"),
    EXPORT_EXPIRY_SCHEDULE("EXPORT_EXPIRY_SCHEDULE", "NCRONTAB schedule of the timer that destroys the keys and deletes the packages of expired exports, read by the host (hourly: 0 40 * * * *)"),
    CONSENT_SWEEP_SCHEDULE("CONSENT_SWEEP_SCHEDULE", "NCRONTAB schedule of the sweep that marks expired consent grants, read by the host (every 15 minutes: 0 */15 * * * *)"),
    AUDIT_CHECKPOINT_EVERY("AUDIT_CHECKPOINT_EVERY", "sign a checkpoint every this many events of a chain lane (default 100)"),
    AUDIT_LANES("AUDIT_LANES", "parallel lanes of each tenant's audit chain per class, so a busy tenant's requests do not queue for one position (default 16, 1 to 64; raise it, never lower it: verification reads the lanes below it)"),
    TDK_CACHE_TTL_SECONDS("TDK_CACHE_TTL_SECONDS", "seconds an unwrapped tenant data key stays in memory (default 300): at most one KEK unwrap per tenant per this time and instance"),
    TDK_CACHE_MAX_TENANTS("TDK_CACHE_MAX_TENANTS", "how many unwrapped tenant data keys an instance holds at most (default 1000)"),
    MAX_RESPONSE_BYTES("MAX_RESPONSE_BYTES", "largest content response in bytes (default 16777216; see docs/platform.md for the memory it costs); larger assets are read with Range"),
    ERASURE_REQUEUE_SCHEDULE("ERASURE_REQUEUE_SCHEDULE", "NCRONTAB schedule of the timer that queues again approved erasures whose job never started, read by the host (every 15 minutes: 0 */15 * * * *)"),
    KEYRING_BACKUP_RETENTION_HOURS("KEYRING_BACKUP_RETENTION_HOURS", "hours the keyring account's backups are kept (default 48, as infra/ deploys it): after that no copy of a destroyed DEK exists; erasure receipts state it"),
    METADATA_BACKUP_RETENTION_DAYS("METADATA_BACKUP_RETENTION_DAYS", "days the metadata account's continuous backup reaches back (default 30, as infra/ deploys it), which keep erased asset documents; erasure receipts' irrecoverableAfter covers it"),
    ERASURE_LEDGER_REPLAY_SCHEDULE("ERASURE_LEDGER_REPLAY_SCHEDULE", "NCRONTAB schedule of the replay of the erasure ledger that erases again whatever a restore brought back, read by the host (daily: 0 30 3 * * *)"),
    ERASURE_IRRECOVERABLE_SCHEDULE("ERASURE_IRRECOVERABLE_SCHEDULE", "NCRONTAB schedule of the timer that marks completed erasures irrecoverable once their backups are gone and issues the final receipt, read by the host (hourly: 0 20 * * * *)"),
    ERASURE_QUEUE("ERASURE_QUEUE", "queue of erasure jobs (default erasure-jobs)"),
    TENANT_JOBS_QUEUE("TENANT_JOBS_QUEUE", "queue of tenant export and deletion jobs (default tenant-jobs)"),
    NOTIFICATIONS_QUEUE("NOTIFICATIONS_QUEUE", "queue of notifications (default notifications)"),
    EMAIL_ENDPOINT("EMAIL_ENDPOINT", "azure mode: endpoint of the Azure Communication Services resource that sends notices (https://<name>.<geography>.communication.azure.com), reached with the managed identity"),
    EMAIL_SENDER_ADDRESS("EMAIL_SENDER_ADDRESS", "sender of notices, an address of a domain verified for that resource (local default notices@strongroom.localhost)"),
    EMAIL_SENDS_PER_MINUTE("EMAIL_SENDS_PER_MINUTE", "emails the stamp sends per minute at most, across all instances (default 30, the provider's default limit)"),
    LOCAL_OUTBOX_DIR("LOCAL_OUTBOX_DIR", "local mode only: folder of the .eml files notices are written to (default .local/outbox)");

    private final String key;
    private final String description;

    Setting(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The app setting's name, as the environment carries it. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
