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
import java.util.List;
import java.util.Map;

/**
 * A multi-tenant issuer as the Entra ID {@code organizations} metadata describes it: its {@code issuer} is a
 * template holding {@code {tenantid}} (each customer organisation issues with its own tenant id in the URL), and its
 * {@code jwks_uri} serves the keys every organisation's tokens are signed with. Tokens signed with an application's
 * own key (claims mapping) are not in that set and fail. The metadata is read on first use, so a cold start does not
 * depend on the identity provider; a failed read is tried again on the next token.
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

    private final Loader loader;
    private volatile Resolved resolved;

    private EntraIssuer(Loader loader) {
        this.loader = loader;
    }

    /** The issuer described by the OpenID Connect metadata at {@code metadataUrl}; keys from its {@code jwks_uri}. */
    public static EntraIssuer fromMetadata(URI metadataUrl) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT);
        return new EntraIssuer(() -> {
            Map<String, Object> metadata = JSONObjectUtils.parse(retriever.retrieveResource(metadataUrl.toURL())
                    .getContent());
            return new Resolved(issuerTemplate(metadata),
                    JWKSourceBuilder.create(JSONObjectUtils.getURI(metadata, "jwks_uri").toURL(), retriever).build());
        });
    }

    /**
     * Local mode: the same metadata document, and the key set it names, read from the files the dev issuer writes
     * (the app and the local host share a folder, not a port).
     */
    public static EntraIssuer fromFiles(Path metadataFile, Path jwksFile) {
        return new EntraIssuer(() -> new Resolved(issuerTemplate(JSONObjectUtils.parse(Files.readString(metadataFile))),
                new ImmutableJWKSet<>(JWKSet.parse(Files.readString(jwksFile)).toPublicJWKSet())));
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
        synchronized (this) {
            if (resolved == null) {
                try {
                    resolved = loader.load();
                } catch (IOException | ParseException e) {
                    throw new KeySourceException("cannot read the issuer's metadata", e);
                }
            }
            return resolved;
        }
    }
}
