package com.strongroom.config;

import com.strongroom.core.audit.AuditRetention;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.EmailAddress;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Region;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings, read and checked once at start-up. Local mode reaches the emulators with their well-known
 * keys; azure mode reaches every service with the managed identity and refuses connection strings and keys.
 */
public record Settings(
        Mode mode,
        Region stampRegion,
        Optional<String> storageConnectionString,
        Optional<URI> blobServiceUri,
        Optional<URI> evidenceBlobServiceUri,
        Optional<URI> queueServiceUri,
        URI cosmosEndpoint,
        Optional<String> cosmosKey,
        String cosmosDatabase,
        URI keyringCosmosEndpoint,
        Optional<URI> keyVaultUri,
        boolean keyVaultHsm,
        Optional<Path> localKeysDir,
        String authClientId,
        Optional<URI> authOidcMetadataUrl,
        EntraTenantId vendorTenantId,
        String staffAuthContext,
        URI directoryCosmosEndpoint,
        String directoryCosmosDatabase,
        Optional<String> managedIdentityClientId,
        String signingKeyName,
        AuditRetention auditRetention,
        int auditCheckpointEvery,
        int auditLanes,
        Duration tdkCacheTtl,
        int tdkCacheMaxTenants,
        long maxResponseBytes,
        Queues queues,
        Duration keyringBackupRetention,
        Duration metadataBackupRetention,
        Email email) {

    public record Queues(String erasure, String tenantJobs, String notifications) {
    }

    /** How notices are sent: the provider's endpoint (azure) or an outbox folder (local), the sender, the rate. */
    public record Email(Optional<URI> endpoint, String senderAddress, int sendsPerMinute, Optional<Path> outbox) {
    }

    /** The dev issuer's application (client) id, the default audience in local mode. */
    public static final String LOCAL_CLIENT_ID = "d0d0d0d0-0000-4000-8000-000000000001";
    /** The dev issuer's vendor tenant, the default staff directory in local mode. */
    public static final String LOCAL_VENDOR_TENANT_ID = "d0d0d0d0-0000-4000-8000-0000000000fe";
    private static final Pattern AUTH_CONTEXT = Pattern.compile("^c([1-9]|[1-9][0-9])$");
    private static final Pattern QUEUE_NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$");

    public static Settings from(Map<String, String> env) {
        return new Reader(env).read();
    }

    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        Settings read() {
            Mode mode = parse(Setting.MODE, v -> Mode.valueOf(v.toUpperCase(Locale.ROOT)), "must be 'local' or 'azure'")
                    .orElse(null);
            if (mode == null && value(Setting.MODE).isEmpty()) {
                missing(Setting.MODE);
            }
            Region region = parse(Setting.STAMP_REGION, v -> Region.fromAzureName(v).orElseThrow(),
                    "must be one of eastus, westeurope, germanywestcentral, australiaeast").orElse(null);
            if (region == null && value(Setting.STAMP_REGION).isEmpty()) {
                missing(Setting.STAMP_REGION);
            }
            boolean local = mode == Mode.LOCAL;
            boolean azure = mode == Mode.AZURE;

            Optional<String> storageConnection = value(Setting.STORAGE_CONNECTION_STRING);
            Optional<URI> blobUri = uri(Setting.STORAGE_BLOB_SERVICE_URI);
            Optional<URI> queueUri = uri(Setting.STORAGE_QUEUE_SERVICE_URI);
            Optional<URI> evidenceUri = uri(Setting.EVIDENCE_BLOB_SERVICE_URI);
            Optional<String> cosmosKey = value(Setting.COSMOS_KEY);
            if (azure) {
                forbidden(Setting.STORAGE_CONNECTION_STRING, storageConnection, "use STORAGE__blobServiceUri and STORAGE__queueServiceUri");
                forbidden(Setting.COSMOS_KEY, cosmosKey, "the managed identity reaches Cosmos DB");
                require(Setting.STORAGE_BLOB_SERVICE_URI, blobUri);
                require(Setting.STORAGE_QUEUE_SERVICE_URI, queueUri);
                require(Setting.EVIDENCE_BLOB_SERVICE_URI, evidenceUri);
            }
            if (local) {
                require(Setting.STORAGE_CONNECTION_STRING, storageConnection);
                require(Setting.COSMOS_KEY, cosmosKey);
            }
            Optional<URI> cosmos = uri(Setting.COSMOS_ENDPOINT);
            require(Setting.COSMOS_ENDPOINT, cosmos);
            Optional<URI> keyring = uri(Setting.KEYRING_COSMOS_ENDPOINT);
            if (azure) {
                require(Setting.KEYRING_COSMOS_ENDPOINT, keyring);
            }
            Optional<URI> vault = uri(Setting.KEY_VAULT_URI);
            Optional<Path> keysDir = value(Setting.LOCAL_KEYS_DIR).map(Path::of);
            Optional<URI> metadata = uri(Setting.AUTH_OIDC_METADATA_URL);
            if (azure) {
                require(Setting.KEY_VAULT_URI, vault);
                require(Setting.AUTH_OIDC_METADATA_URL, metadata);
                if (metadata.filter(m -> !"https".equals(m.getScheme())).isPresent()) {
                    problems.add(Setting.AUTH_OIDC_METADATA_URL.key() + " must be https in azure mode: the keys that "
                            + "vouch for every token come from it");
                }
                forbidden(Setting.LOCAL_KEYS_DIR, keysDir, "keys live in Key Vault");
            }
            if (local) {
                require(Setting.LOCAL_KEYS_DIR, keysDir);
            }
            boolean hsm = parse(Setting.KEY_VAULT_HSM, Settings::strictBoolean, "must be true or false").orElse(true);
            Optional<String> clientId = parse(Setting.AUTH_CLIENT_ID, v -> {
                if (!EntraTenantId.isGuid(v)) {
                    throw new IllegalArgumentException();
                }
                return v.toLowerCase(Locale.ROOT);
            }, "must be the application's client id (a GUID); v2.0 tokens carry it as aud");
            Optional<EntraTenantId> vendor = guid(Setting.VENDOR_TENANT_ID);
            Optional<String> authContext = parse(Setting.STAFF_AUTH_CONTEXT, v -> {
                if (!AUTH_CONTEXT.matcher(v).matches()) {
                    throw new IllegalArgumentException();
                }
                return v;
            }, "must be an authentication context id, c1 to c99");
            Optional<URI> directory = uri(Setting.DIRECTORY_COSMOS_ENDPOINT);
            if (azure) {
                require(Setting.AUTH_CLIENT_ID, clientId);
                require(Setting.VENDOR_TENANT_ID, vendor);
                require(Setting.STAFF_AUTH_CONTEXT, authContext);
                require(Setting.DIRECTORY_COSMOS_ENDPOINT, directory);
            }
            AuditRetention retention = retention();
            int checkpointEvery = (int) wholeNumber(Setting.AUDIT_CHECKPOINT_EVERY, 1, 100_000, 100);
            int auditLanes = (int) wholeNumber(Setting.AUDIT_LANES, 1, 64, 16);
            long tdkCacheSeconds = wholeNumber(Setting.TDK_CACHE_TTL_SECONDS, 1, 3600, 300);
            int tdkCacheTenants = (int) wholeNumber(Setting.TDK_CACHE_MAX_TENANTS, 1, 100_000, 1000);
            long maxResponseBytes = wholeNumber(Setting.MAX_RESPONSE_BYTES, 65_536, 100_000_000, 16L * 1024 * 1024);
            long keyringBackupHours = wholeNumber(Setting.KEYRING_BACKUP_RETENTION_HOURS, 1, 720, 48);
            long metadataBackupDays = wholeNumber(Setting.METADATA_BACKUP_RETENTION_DAYS, 0, 35, 30);
            Queues queues = new Queues(queue(Setting.ERASURE_QUEUE, "erasure-jobs"),
                    queue(Setting.TENANT_JOBS_QUEUE, "tenant-jobs"),
                    queue(Setting.NOTIFICATIONS_QUEUE, "notifications"));

            Email email = email(azure, local, keysDir);

            if (!problems.isEmpty()) {
                throw new SettingsException(problems);
            }
            return new Settings(mode, region, storageConnection, blobUri, evidenceUri, queueUri, cosmos.orElseThrow(), cosmosKey,
                    value(Setting.COSMOS_DATABASE).orElse("strongroom"), keyring.orElse(cosmos.orElseThrow()), vault,
                    hsm, keysDir, clientId.orElse(LOCAL_CLIENT_ID), metadata,
                    vendor.orElse(EntraTenantId.of(LOCAL_VENDOR_TENANT_ID)), authContext.orElse("c1"),
                    directory.orElse(cosmos.orElseThrow()),
                    value(Setting.DIRECTORY_COSMOS_DATABASE).orElse("strongroom-directory"),
                    value(Setting.AZURE_CLIENT_ID), value(Setting.SIGNING_KEY_NAME).orElse("audit-signing"), retention,
                    checkpointEvery, auditLanes, Duration.ofSeconds(tdkCacheSeconds), tdkCacheTenants, maxResponseBytes, queues,
                    Duration.ofHours(keyringBackupHours), Duration.ofDays(metadataBackupDays), email);
        }

        private Email email(boolean azure, boolean local, Optional<Path> keysDir) {
            Optional<URI> endpoint = uri(Setting.EMAIL_ENDPOINT);
            Optional<String> sender = value(Setting.EMAIL_SENDER_ADDRESS);
            Optional<Path> outbox = value(Setting.LOCAL_OUTBOX_DIR).map(Path::of);
            // The same rule as every other address notices use: a mailbox a provider can send from.
            if (sender.filter(v -> !isMailbox(v)).isPresent()) {
                problems.add(Setting.EMAIL_SENDER_ADDRESS.key() + " must be an email address");
            }
            if (azure) {
                require(Setting.EMAIL_ENDPOINT, endpoint);
                require(Setting.EMAIL_SENDER_ADDRESS, sender);
                if (endpoint.filter(e -> !"https".equals(e.getScheme())).isPresent()) {
                    problems.add(Setting.EMAIL_ENDPOINT.key() + " must be https");
                }
                forbidden(Setting.LOCAL_OUTBOX_DIR, outbox, "notices go through Azure Communication Services");
            }
            if (local && outbox.isEmpty()) {
                outbox = keysDir.map(k -> k.toAbsolutePath().getParent().resolve("outbox"));
            }
            int perMinute = (int) wholeNumber(Setting.EMAIL_SENDS_PER_MINUTE, 1, 100_000, 30);
            return new Email(endpoint, sender.orElse("notices@strongroom.localhost"), perMinute, outbox);
        }

        private static boolean isMailbox(String value) {
            try {
                EmailAddress.of(value);
                return true;
            } catch (InvalidInputException e) {
                return false;
            }
        }

        private long wholeNumber(Setting setting, long min, long max, long fallback) {
            return parse(setting, v -> {
                long n = Long.parseLong(v);
                if (n < min || n > max) {
                    throw new IllegalArgumentException();
                }
                return n;
            }, "must be a whole number from " + min + " to " + max).orElse(fallback);
        }

        private AuditRetention retention() {
            long access = days(Setting.AUDIT_RETENTION_ACCESS_DAYS, 30, AuditRetention.MIN_ACCESS.toDays());
            long admin = days(Setting.AUDIT_RETENTION_ADMIN_DAYS, 400, AuditRetention.MIN_ADMIN_AND_SECURITY.toDays());
            long security = days(Setting.AUDIT_RETENTION_SECURITY_DAYS, 400,
                    AuditRetention.MIN_ADMIN_AND_SECURITY.toDays());
            return new AuditRetention(Duration.ofDays(access), Duration.ofDays(admin), Duration.ofDays(security));
        }

        /** A retention in days; a value below the minimum is reported and replaced so parsing can go on. */
        private long days(Setting setting, long fallback, long minimum) {
            return parse(setting, v -> {
                long n = Long.parseLong(v);
                if (n < minimum || n > 3650) {
                    throw new IllegalArgumentException();
                }
                return n;
            }, "must be a whole number of days from " + minimum + " to 3650").orElse(fallback);
        }

        private Optional<String> value(Setting setting) {
            String raw = env.get(setting.key());
            return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
        }

        private <T> Optional<T> parse(Setting setting, java.util.function.Function<String, T> parser, String rule) {
            Optional<String> raw = value(setting);
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(parser.apply(raw.get()));
            } catch (RuntimeException e) {
                problems.add(setting.key() + " " + rule);
                return Optional.empty();
            }
        }

        private Optional<URI> uri(Setting setting) {
            return parse(setting, v -> {
                URI uri = URI.create(v);
                if (!uri.isAbsolute() || uri.getHost() == null
                        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException();
                }
                return uri;
            }, "must be an absolute http(s) URL");
        }

        private Optional<EntraTenantId> guid(Setting setting) {
            return parse(setting, EntraTenantId::of, "must be a GUID (and not the personal-accounts tenant)");
        }

        private String queue(Setting setting, String fallback) {
            return parse(setting, v -> {
                if (!QUEUE_NAME.matcher(v).matches()) {
                    throw new IllegalArgumentException();
                }
                return v;
            }, "must be a valid queue name (3-63 lower-case letters, digits, single hyphens)").orElse(fallback);
        }

        private void require(Setting setting, Optional<?> value) {
            if (value.isEmpty() && value(setting).isEmpty()) {
                missing(setting);
            }
        }

        private void missing(Setting setting) {
            problems.add(setting.key() + " is missing (" + setting.description() + ")");
        }

        private void forbidden(Setting setting, Optional<?> value, String why) {
            if (value.isPresent() || value(setting).isPresent()) {
                problems.add(setting.key() + " must not be set in azure mode: " + why);
            }
        }
    }

    private static boolean strictBoolean(String v) {
        if ("true".equalsIgnoreCase(v)) {
            return true;
        }
        if ("false".equalsIgnoreCase(v)) {
            return false;
        }
        throw new IllegalArgumentException();
    }
}
