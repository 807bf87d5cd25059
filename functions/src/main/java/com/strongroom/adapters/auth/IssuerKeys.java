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
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/** Where the token issuer's public keys come from. */
public final class IssuerKeys {
    private static final int TIMEOUT_MS = 5_000;
    private static final int SIZE_LIMIT = 512 * 1024;

    private IssuerKeys() {
    }

    /**
     * The issuer's keys as its OpenID Connect metadata names them. The metadata is read on first use (so a
     * cold start does not depend on the identity provider), must name the configured issuer, and the key set
     * is cached and refreshed by nimbus when an unknown key id appears.
     */
    public static JWKSource<SecurityContext> fromOidcMetadata(URI metadataUrl, String expectedIssuer) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT);
        return new JWKSource<>() {
            private volatile JWKSource<SecurityContext> delegate;

            @Override
            public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
                return resolve().get(selector, context);
            }

            private synchronized JWKSource<SecurityContext> resolve() throws KeySourceException {
                if (delegate == null) {
                    try {
                        Resource metadata = retriever.retrieveResource(metadataUrl.toURL());
                        Map<String, Object> json = JSONObjectUtils.parse(metadata.getContent());
                        if (!expectedIssuer.equals(JSONObjectUtils.getString(json, "issuer"))) {
                            throw new KeySourceException("OIDC metadata names another issuer");
                        }
                        URL jwksUri = JSONObjectUtils.getURI(json, "jwks_uri").toURL();
                        delegate = JWKSourceBuilder.create(jwksUri, retriever).build();
                    } catch (IOException | ParseException e) {
                        throw new KeySourceException("cannot read OIDC metadata", e);
                    }
                }
                return delegate;
            }
        };
    }

    /** A fixed key set read from a JWKS file (the local dev issuer's public key). */
    public static JWKSource<SecurityContext> fromJwksFile(Path file) {
        try {
            return new ImmutableJWKSet<>(JWKSet.parse(Files.readString(file)).toPublicJWKSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dev issuer's key set " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("malformed key set " + file, e);
        }
    }
}
