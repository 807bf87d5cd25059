package com.strongroom.adapters.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.strongroom.core.access.CallerPolicy;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.error.UnauthenticatedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.EntraTenantId;
import com.strongroom.core.model.TokenIdentity;
import com.strongroom.core.port.Authenticator;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Validates Entra ID v2.0 access tokens of one multi-tenant application with nimbus-jose-jwt: RS256 by a key of the
 * issuer's set, {@code typ} JWT or absent, {@code aud} the application's client id, {@code ver} 2.0, {@code tid} an
 * organisation's GUID (never the personal-accounts tenant), {@code iss} the issuer template with that {@code tid},
 * {@code exp}, {@code iat}, {@code oid} required, 60 s clock skew. The caller is ({@code tid}, {@code oid});
 * {@code idtyp} (else the absence of {@code scp}) tells an application from a user, {@code acct} a member from a
 * guest, {@code acrs} the authentication contexts met; {@link CallerPolicy} then decides which roles count.
 */
public final class JwtAuthenticator implements Authenticator {
    static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWSAlgorithm.RS256);
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final String BEARER = "bearer ";
    private static final String ISSUER_UNAVAILABLE = "issuer metadata unavailable";

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final CallerPolicy policy;

    public JwtAuthenticator(EntraIssuer issuer, String clientId, CallerPolicy policy) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, issuer));
        p.setJWTClaimsSetVerifier(new EntraClaimsVerifier(issuer, clientId));
        this.processor = p;
        this.policy = policy;
    }

    /** The standard checks, then the ones a multi-tenant v2.0 application needs on top. */
    private static final class EntraClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final EntraIssuer issuer;

        EntraClaimsVerifier(EntraIssuer issuer, String clientId) {
            super(new HashSet<>(List.of(clientId)), new JWTClaimsSet.Builder().build(),
                    new HashSet<>(List.of("exp", "iat", "iss", "tid", "oid")), new HashSet<>());
            this.issuer = issuer;
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            if (!"2.0".equals(claims.getClaim("ver"))) {
                throw new BadJWTException("ver");
            }
            super.verify(claims, context);
            String tid = claims.getClaim("tid") instanceof String s ? s : "";
            if (!EntraTenantId.isGuid(tid) || tid.equalsIgnoreCase(EntraTenantId.PERSONAL_ACCOUNTS)) {
                throw new BadJWTException("tid");
            }
            if (!(claims.getClaim("oid") instanceof String oid) || !EntraTenantId.isGuid(oid)) {
                throw new BadJWTException("oid");
            }
            Object idtyp = claims.getClaim("idtyp");
            if (idtyp != null && !"app".equals(idtyp) && !"user".equals(idtyp)) {
                throw new BadJWTException("idtyp");
            }
            try {
                if (!issuer.issuerFor(EntraTenantId.of(tid)).equals(claims.getIssuer())) {
                    throw new BadJWTException("iss");
                }
            } catch (KeySourceException e) {
                throw new BadJWTException(ISSUER_UNAVAILABLE, e);
            }
        }
    }

    @Override
    public Caller authenticate(Optional<String> authorizationHeader) {
        String header = authorizationHeader.map(String::trim)
                .orElseThrow(() -> new UnauthenticatedException("a bearer token is required"));
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthenticatedException("the Authorization header must carry a bearer token");
        }
        String token = header.substring(BEARER.length()).trim();
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new UnauthenticatedException("the bearer token is too long");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            if (ISSUER_UNAVAILABLE.equals(e.getMessage())) {
                throw new DependencyUnavailableException(Dependency.IDENTITY_PROVIDER, e);
            }
            throw new UnauthenticatedException(reason(e.getMessage()));
        } catch (KeySourceException e) {
            // The token may well be good: the keys to check it could not be had. Not the caller's fault.
            throw new DependencyUnavailableException(Dependency.IDENTITY_PROVIDER, e);
        } catch (ParseException e) {
            throw new UnauthenticatedException("the bearer token is malformed");
        } catch (Exception e) {
            throw new UnauthenticatedException("the bearer token is not valid");
        }
        return policy.admit(identity(claims));
    }

    /** A reason a front-end developer can act on; never the token or a claim's value. */
    private static String reason(String failure) {
        String m = failure == null ? "" : failure;
        if (m.contains("xpired")) {
            return "the bearer token has expired";
        }
        if (m.contains("audience")) {
            return "the bearer token is not for this API (aud must be its client id)";
        }
        if (m.equals("ver")) {
            return "the bearer token must be a v2.0 access token";
        }
        if (m.equals("tid")) {
            return "the bearer token must come from an organisation's Entra tenant";
        }
        if (m.equals("iss")) {
            return "the bearer token's issuer does not match its tenant";
        }
        if (m.contains("missing required claims")) {
            return "the bearer token lacks a required claim (exp, iat, iss, tid, oid)";
        }
        return "the bearer token's claims are not accepted";
    }

    private static TokenIdentity identity(JWTClaimsSet claims) {
        try {
            Object idtyp = claims.getClaim("idtyp");
            boolean user = idtyp == null ? claims.getClaim("scp") != null : idtyp.equals("user");
            Object acct = claims.getClaim("acct");
            return new TokenIdentity(EntraTenantId.of(claims.getStringClaim("tid")),
                    claims.getStringClaim("oid").toLowerCase(Locale.ROOT),
                    user ? Caller.PrincipalType.USER : Caller.PrincipalType.APPLICATION,
                    acct == null || !"0".equals(acct.toString()), strings(claims, "roles"), strings(claims, "acrs"));
        } catch (ParseException e) {
            throw new UnauthenticatedException("the bearer token's claims are malformed");
        }
    }

    private static Set<String> strings(JWTClaimsSet claims, String name) throws ParseException {
        List<String> values = claims.getStringListClaim(name);
        return values == null ? Set.of() : new HashSet<>(values);
    }
}
