package com.strongroom.adapters.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.strongroom.core.model.EntraTenantId;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A multi-tenant issuer as the Entra ID {@code organizations} metadata describes it: its {@code issuer} is a
 * template holding {@code {tenantid}} (each customer organisation issues with its own tenant id in the URL), and its
 * {@code jwks_uri} serves the keys every organisation's tokens are signed with. Tokens signed with an application's
 * own key (claims mapping) are not in that set and fail. The metadata is read on first use, so a cold start does not
 * depend on the identity provider; after a failed read, tokens are refused as the provider's outage (503) for
 * {@link #RETRY_AFTER_FAILURE}, then the read is tried again.
 */
public final class EntraIssuer implements JWKSource<SecurityContext> {
    public static final String TENANT_PLACEHOLDER = "{tenantid}";
    private static final int TIMEOUT_MS = 5_000;
    private static final int SIZE_LIMIT = 512 * 1024;

    private record Resolved(String issuerTemplate, JWKSource<SecurityContext> keys) {
    }

    @FunctionalInterface
    private interface Loader {
        Resolved load() throws IOException, ParseException;
    }

    /** After a failed read, requests fail at once for this long instead of queueing for the next attempt. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private final Loader loader;
    private final Clock clock;
    private volatile Resolved resolved;
    private volatile Instant failedAt = Instant.MIN;

    private EntraIssuer(Loader loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    /** The issuer described by the OpenID Connect metadata at {@code metadataUrl}; keys from its {@code jwks_uri}. */
    public static EntraIssuer fromMetadata(URI metadataUrl) {
        return fromMetadata(metadataUrl, Clock.systemUTC());
    }

    static EntraIssuer fromMetadata(URI metadataUrl, Clock clock) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT);
        return new EntraIssuer(() -> {
            Map<String, Object> metadata = JSONObjectUtils.parse(retriever.retrieveResource(metadataUrl.toURL())
                    .getContent());
            return new Resolved(issuerTemplate(metadata),
                    JWKSourceBuilder.create(JSONObjectUtils.getURI(metadata, "jwks_uri").toURL(), retriever).build());
        }, clock);
    }

    /**
     * Local mode: the same metadata document, and the key set it names, read from the files the dev issuer writes
     * (the app and the local host share a folder, not a port).
     */
    public static EntraIssuer fromFiles(Path metadataFile, Path jwksFile) {
        return new EntraIssuer(() -> new Resolved(issuerTemplate(JSONObjectUtils.parse(Files.readString(metadataFile))),
                new ImmutableJWKSet<>(JWKSet.parse(Files.readString(jwksFile)).toPublicJWKSet())), Clock.systemUTC());
    }

    private static String issuerTemplate(Map<String, Object> metadata) throws ParseException {
        String issuer = JSONObjectUtils.getString(metadata, "issuer");
        if (issuer == null || issuer.indexOf(TENANT_PLACEHOLDER) < 0
                || issuer.indexOf(TENANT_PLACEHOLDER) != issuer.lastIndexOf(TENANT_PLACEHOLDER)) {
            throw new ParseException("the metadata's issuer is not a multi-tenant template with one "
                    + TENANT_PLACEHOLDER, 0);
        }
        return issuer;
    }

    /** The issuer a token of {@code tenant} must name, e.g. {@code https://login.microsoftonline.com/<tid>/v2.0}. */
    String issuerFor(EntraTenantId tenant) throws KeySourceException {
        return resolve().issuerTemplate().replace(TENANT_PLACEHOLDER, tenant.value());
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return resolve().keys().get(selector, context);
    }

    private Resolved resolve() throws KeySourceException {
        Resolved current = resolved;
        if (current != null) {
            return current;
        }
        if (clock.instant().isBefore(failedAt.plus(RETRY_AFTER_FAILURE))) {
            throw new KeySourceException("the issuer's metadata could not be read a moment ago");
        }
        synchronized (this) {
            if (resolved == null) {
                try {
                    resolved = loader.load();
                } catch (IOException | ParseException e) {
                    failedAt = clock.instant();
                    throw new KeySourceException("cannot read the issuer's metadata", e);
                }
            }
            return resolved;
        }
    }
}
