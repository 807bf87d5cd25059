package com.strongroom.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.strongroom.adapters.auth.EntraIssuer;
import com.strongroom.app.Strongroom;
import com.strongroom.config.Settings;
import com.strongroom.core.model.EntraTenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dev only: the local token issuer. It mints tokens shaped as Entra ID v2.0 access tokens of one multi-tenant
 * application (issuer {@code <base>/dev/<tid>/v2.0}, {@code aud} the client id, GUID {@code tid} and {@code oid},
 * pairwise {@code sub}, {@code ver}, {@code idtyp}, {@code acct}, {@code scp}, {@code roles}, {@code acrs}) and
 * describes itself with an {@code organizations}-style metadata document whose issuer is the {@code {tenantid}}
 * template, so the app validates them with its production code. Its RSA key lives in
 * {@code LOCAL_KEYS_DIR/dev-issuer.jwk.json}; the public key set and the metadata are written beside it for the app.
 */
public final class DevIssuer {
    static final String PRIVATE_KEY_FILE = "dev-issuer.jwk.json";
    /** The delegated scope a front-end asks for; user tokens carry it as {@code scp}. */
    public static final String USER_SCOPE = "access_as_user";

    /** Who a token is for. {@code name} is a readable handle; the object id is derived from it and the tenant. */
    public record Identity(EntraTenantId tenant, String name, boolean application, boolean guest,
                           List<String> authContexts) {
        public String objectId() {
            return objectIdFor(tenant, name);
        }
    }

    private final RSAKey key;
    private final Path keysDir;
    private final String clientId;
    private final EntraTenantId vendorTenant;
    private final String staffAuthContext;
    private volatile String issuerTemplate;

    private DevIssuer(RSAKey key, Path keysDir, Settings settings) {
        this.key = key;
        this.keysDir = keysDir;
        this.clientId = settings.authClientId();
        this.vendorTenant = settings.vendorTenantId();
        this.staffAuthContext = settings.staffAuthContext();
    }

    /** Loads the dev issuer's key from the keys folder, creating it (and its public key set) on first use. */
    public static DevIssuer open(Settings settings) {
        Path keysDir = settings.localKeysDir().orElseThrow();
        try {
            Files.createDirectories(keysDir);
            Path privateFile = keysDir.resolve(PRIVATE_KEY_FILE);
            RSAKey key;
            if (Files.exists(privateFile)) {
                key = RSAKey.parse(Files.readString(privateFile));
            } else {
                key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyID(UUID.randomUUID().toString()).generate();
                Files.writeString(privateFile, key.toJSONString());
            }
            Files.writeString(keysDir.resolve(Strongroom.DEV_ISSUER_JWKS), new JWKSet(key.toPublicJWK()).toString());
            return new DevIssuer(key, keysDir, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot load the dev issuer's key", e);
        }
    }

    /** Names the issuer after the host's address and writes its metadata document where the app reads it. */
    void publish(URI base) {
        String root = base.toString().replaceAll("/$", "") + "/dev";
        issuerTemplate = root + "/" + EntraIssuer.TENANT_PLACEHOLDER + "/v2.0";
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuerTemplate);
        metadata.put("jwks_uri", root + "/discovery/v2.0/keys");
        metadata.put("token_endpoint", root + "/token");
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        try {
            Files.writeString(keysDir.resolve(Strongroom.DEV_ISSUER_METADATA),
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String metadataJson() throws IOException {
        return Files.readString(keysDir.resolve(Strongroom.DEV_ISSUER_METADATA));
    }

    String publicKeySetJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** The object id the dev issuer gives {@code name} in {@code tenant}: the same name elsewhere is another object. */
    public static String objectIdFor(EntraTenantId tenant, String name) {
        return UUID.nameUUIDFromBytes(("oid:" + tenant.value() + ":" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A member user of a customer's Entra tenant. */
    public String customer(EntraTenantId tenant, String name, List<String> roles, Duration lifetime) {
        return mint(new Identity(tenant, name, false, false, List.of()), roles, lifetime);
    }

    /** A member of the vendor's tenant; with {@code mfa} the token carries the staff authentication context. */
    public String staff(String name, List<String> roles, boolean mfa, Duration lifetime) {
        return mint(new Identity(vendorTenant, name, false, false, mfa ? List.of(staffAuthContext) : List.of()), roles,
                lifetime);
    }

    public String mint(Identity who, List<String> roles, Duration lifetime) {
        return sign(claims(who, lifetime).claim("roles", roles).build());
    }

    /** The claims Entra ID puts in a v2.0 access token for {@code who}; tests change them to forge bad tokens. */
    public JWTClaimsSet.Builder claims(Identity who, Duration lifetime) {
        Instant now = Instant.now();
        String oid = who.objectId();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuerFor(who.tenant())).audience(clientId)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .claim("ver", "2.0").claim("tid", who.tenant().value()).claim("oid", oid)
                .claim("azp", clientId).claim("uti", UUID.randomUUID().toString())
                .claim("acct", who.guest() ? 1 : 0);
        if (who.application()) {
            claims.subject(oid).claim("idtyp", "app");
        } else {
            claims.subject(pairwiseSubject(oid)).claim("idtyp", "user").claim("scp", USER_SCOPE);
        }
        if (!who.authContexts().isEmpty()) {
            claims.claim("acrs", who.authContexts());
        }
        return claims;
    }

    public String issuerFor(EntraTenantId tenant) {
        String template = issuerTemplate;
        if (template == null) {
            throw new IllegalStateException("the dev issuer is not published yet");
        }
        return template.replace(EntraIssuer.TENANT_PLACEHOLDER, tenant.value());
    }

    /** Entra's {@code sub} is pairwise: the same user has another subject in every application. */
    private String pairwiseSubject(String oid) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((clientId + ":" + oid).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs arbitrary claims with the dev key; tests use it to forge expired or misaddressed tokens. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    public String clientId() {
        return clientId;
    }

    public EntraTenantId vendorTenant() {
        return vendorTenant;
    }

    public String staffAuthContext() {
        return staffAuthContext;
    }
}
