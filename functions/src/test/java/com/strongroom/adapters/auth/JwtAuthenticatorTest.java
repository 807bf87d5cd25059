package com.strongroom.adapters.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.strongroom.core.access.CallerPolicy;
import com.strongroom.core.error.UnauthenticatedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entra ID v2.0 access tokens of a multi-tenant application, shaped as the identity platform's access-token claims
 * reference and optional-claims reference describe them (entra-docs identity-platform/access-token-claims-reference.md,
 * optional-claims-reference.md).
 */
class JwtAuthenticatorTest {
    static final String TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";
    static final String CLIENT_ID = "6e2a4f4c-1a1b-4c1d-9e1f-2a3b4c5d6e7f";
    static final String CUSTOMER_TID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String VENDOR_TID = "0e0e0e0e-0000-4000-8000-00000000000f";
    static final String OID = "4c8a3d2e-0b6f-4a5c-9d7e-1f2a3b4c5d6e";
    static RSAKey key;
    static RSAKey otherKey;
    static JwtAuthenticator authenticator;

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        authenticator = authenticatorFor(dir, TEMPLATE);
    }

    static JwtAuthenticator authenticatorFor(Path dir, String issuerTemplate) throws Exception {
        Path metadata = dir.resolve("openid-configuration.json");
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(metadata, "{\"issuer\":\"" + issuerTemplate + "\",\"jwks_uri\":\"https://keys.test/keys\"}");
        Files.writeString(jwks, new JWKSet(key).toString(false));
        return new JwtAuthenticator(EntraIssuer.fromFiles(metadata, jwks), CLIENT_ID,
                new CallerPolicy(EntraTenantId.of(VENDOR_TID), "c1"));
    }

    /** A user's token as Entra issues it for the application: delegated ({@code scp}), a member ({@code acct} 0). */
    static JWTClaimsSet.Builder valid() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(TEMPLATE.replace("{tenantid}", CUSTOMER_TID)).audience(CLIENT_ID)
                .subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("ver", "2.0").claim("tid", CUSTOMER_TID).claim("oid", OID).claim("azp", CLIENT_ID)
                .claim("scp", "access_as_user").claim("idtyp", "user").claim("acct", 0)
                .claim("roles", List.of("Tenant.Admin", "Asset.Reader", "Made.Up"));
    }

    static JWTClaimsSet.Builder staff() {
        return valid().issuer(TEMPLATE.replace("{tenantid}", VENDOR_TID)).claim("tid", VENDOR_TID)
                .claim("roles", List.of("Platform.Admin", "Tenant.Admin")).claim("acrs", List.of("c1"));
    }

    static String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    static Caller authenticate(JWTClaimsSet.Builder claims) throws Exception {
        return authenticator.authenticate(Optional.of("Bearer " + sign(claims.build(), key)));
    }

    static String rejection(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        String token = sign(change.apply(valid()).build(), key);
        return assertThrows(UnauthenticatedException.class,
                () -> authenticator.authenticate(Optional.of("Bearer " + token))).getMessage();
    }

    @Test
    void aCustomerUsersTokenIsTheUserOfItsDirectoryWithTheCustomerRolesOnly() throws Exception {
        Caller caller = authenticate(valid());
        assertEquals(EntraTenantId.of(CUSTOMER_TID), caller.directory());
        assertEquals(OID, caller.objectId(), "the object id, not the pairwise sub");
        assertEquals(Caller.PrincipalType.USER, caller.type());
        assertEquals(Caller.Affiliation.CUSTOMER, caller.affiliation());
        assertEquals(Set.of(Role.TENANT_ADMIN, Role.ASSET_READER), caller.roles(), "unknown roles are dropped");
        assertFalse(caller.stepUp());
    }

    @Test
    void aStaffTokenCountsStaffRolesOnlyAndCarriesTheAuthenticationContext() throws Exception {
        Caller caller = authenticate(staff());
        assertEquals(Caller.Affiliation.STAFF, caller.affiliation());
        assertEquals(Set.of(Role.PLATFORM_ADMIN), caller.roles());
        assertTrue(caller.stepUp());
        assertFalse(authenticate(staff().claim("acrs", List.of("c2"))).stepUp());
        assertFalse(authenticate(staff().claim("acrs", null)).stepUp());
        assertEquals(Set.of(), authenticate(staff().claim("acct", 1)).roles(), "a guest of the vendor is not staff");
        assertEquals(Set.of(), authenticate(staff().claim("acct", null)).roles(), "membership must be stated");
    }

    @Test
    void aCustomerTokenClaimingStaffRolesGetsNone() throws Exception {
        assertEquals(Set.of(), authenticate(valid().claim("roles", List.of("Platform.Admin", "Support.Engineer")))
                .roles());
    }

    @Test
    void appOnlyTokensAreToldApartByIdtypElseByTheAbsenceOfScp() throws Exception {
        assertEquals(Caller.PrincipalType.APPLICATION,
                authenticate(valid().claim("idtyp", "app").claim("scp", null).subject(OID)).type());
        assertEquals(Caller.PrincipalType.APPLICATION, authenticate(valid().claim("idtyp", null).claim("scp", null))
                .type());
        assertEquals(Caller.PrincipalType.USER, authenticate(valid().claim("idtyp", null)).type());
        assertEquals("the bearer token's claims are not accepted", rejection(b -> b.claim("idtyp", "device")));
    }

    @Test
    void theIssuerMustBeTheTemplateWithTheTokensOwnTenant() throws Exception {
        String otherTid = "0b5b9e1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
        assertEquals("the bearer token's issuer does not match its tenant",
                rejection(b -> b.issuer(TEMPLATE.replace("{tenantid}", otherTid))));
        assertEquals("the bearer token's issuer does not match its tenant",
                rejection(b -> b.issuer("https://sts.windows.net/" + CUSTOMER_TID + "/")));
        assertEquals("the bearer token's issuer does not match its tenant",
                rejection(b -> b.issuer("https://login.microsoftonline.com/common/v2.0")));
    }

    @Test
    void aV1TokenIsRefused() throws Exception {
        assertEquals("the bearer token must be a v2.0 access token", rejection(b -> b.claim("ver", "1.0")
                .issuer("https://sts.windows.net/" + CUSTOMER_TID + "/")));
        assertEquals("the bearer token must be a v2.0 access token", rejection(b -> b.claim("ver", null)));
    }

    @Test
    void theAudienceMustBeTheClientIdNotAnAppIdUri() throws Exception {
        assertEquals("the bearer token is not for this API (aud must be its client id)",
                rejection(b -> b.audience("api://" + CLIENT_ID)));
        assertEquals("the bearer token is not for this API (aud must be its client id)",
                rejection(b -> b.audience("00000003-0000-0000-c000-000000000000")));
    }

    @Test
    void personalAccountsAndMalformedTenantsAreRefused() throws Exception {
        String msa = EntraTenantId.PERSONAL_ACCOUNTS;
        assertEquals("the bearer token must come from an organisation's Entra tenant",
                rejection(b -> b.claim("tid", msa).issuer(TEMPLATE.replace("{tenantid}", msa))));
        assertEquals("the bearer token must come from an organisation's Entra tenant",
                rejection(b -> b.claim("tid", "contoso.onmicrosoft.com")));
    }

    @Test
    void tidAndOidAreRequiredAndTheSubjectIsNotAStandIn() throws Exception {
        assertEquals("the bearer token lacks a required claim (exp, iat, iss, tid, oid)",
                rejection(b -> b.claim("oid", null)));
        assertEquals("the bearer token lacks a required claim (exp, iat, iss, tid, oid)",
                rejection(b -> b.claim("tid", null)));
        rejection(b -> b.claim("oid", "not-a-guid"));
    }

    @Test
    void rejectsExpiredNotYetValidAndMissingExpiry() throws Exception {
        assertEquals("the bearer token has expired",
                rejection(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
        rejection(b -> b.expirationTime(null));
        rejection(b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600))));
    }

    @Test
    void rejectsASignatureByAnotherKeyWithTheSameKeyId() throws Exception {
        String forged = sign(valid().build(), otherKey);
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of("Bearer " + forged)));
    }

    @Test
    void rejectsUnsignedAndSymmetricTokens() throws Exception {
        String plain = new PlainJWT(new PlainHeader(), valid().build()).serialize();
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of("Bearer " + plain)));
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), valid().build());
        hs256.sign(new MACSigner(new byte[32]));
        assertThrows(UnauthenticatedException.class,
                () -> authenticator.authenticate(Optional.of("Bearer " + hs256.serialize())));
    }

    @Test
    void rejectsMissingMalformedAndOversizedHeaders() throws Exception {
        String token = sign(valid().build(), key);
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.empty()));
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of(token)));
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of("Basic " + token)));
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of("Bearer ")));
        assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(Optional.of("Bearer a.b.c")));
        assertThrows(UnauthenticatedException.class,
                () -> authenticator.authenticate(Optional.of("Bearer " + "a".repeat(20_000))));
        assertTrue(authenticator.authenticate(Optional.of("bearer " + token)).has(Role.TENANT_ADMIN));
    }

    @Test
    void errorMessagesNeverEchoTheTokenOrItsClaims() throws Exception {
        String message = rejection(b -> b.claim("ver", "1.0"));
        assertFalse(message.contains("1.0"));
        assertFalse(rejection(b -> b.audience("api://secret-name")).contains("secret-name"));
    }
}
