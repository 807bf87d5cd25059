package com.strongroom.adapters.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.strongroom.core.error.UnauthenticatedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.Region;
import com.strongroom.core.model.Role;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.Authenticator;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates bearer JWTs with nimbus-jose-jwt: signature by a key of the issuer's key set, algorithm RS256
 * only, {@code typ} JWT or absent, exact issuer, our audience, {@code exp} required, 60 s clock skew.
 * Claims used: {@code oid} (else {@code sub}), {@code tenant}, {@code home_region}, {@code roles}.
 */
public final class JwtAuthenticator implements Authenticator {
    static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWSAlgorithm.RS256);
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final String BEARER = "bearer ";

    private final ConfigurableJWTProcessor<SecurityContext> processor;

    public JwtAuthenticator(JWKSource<SecurityContext> keys, String issuer, String audience) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, keys));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(audience)),
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(List.of("exp", "iat")),
                new HashSet<>()));
        this.processor = p;
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
            throw new UnauthenticatedException(e.getMessage() != null && e.getMessage().contains("xpired")
                    ? "the bearer token has expired" : "the bearer token's claims are not accepted");
        } catch (ParseException e) {
            throw new UnauthenticatedException("the bearer token is malformed");
        } catch (Exception e) {
            throw new UnauthenticatedException("the bearer token is not valid");
        }
        return toCaller(claims);
    }

    private static Caller toCaller(JWTClaimsSet claims) {
        try {
            String subject = Optional.ofNullable(claims.getStringClaim("oid")).orElse(claims.getSubject());
            if (subject == null || subject.isBlank()) {
                throw new UnauthenticatedException("the bearer token names no subject");
            }
            Optional<TenantId> tenant = Optional.ofNullable(claims.getStringClaim("tenant")).map(TenantId::of);
            Optional<Region> home = Optional.ofNullable(claims.getStringClaim("home_region"))
                    .map(r -> Region.fromAzureName(r)
                            .orElseThrow(() -> new UnauthenticatedException("the bearer token names an unknown region")));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            List<String> roleClaims = claims.getStringListClaim("roles");
            for (String value : roleClaims == null ? List.<String>of() : new HashSet<>(roleClaims)) {
                Role.fromClaim(value).ifPresent(roles::add);
            }
            return new Caller(subject, tenant, home, roles);
        } catch (ParseException | com.strongroom.core.error.InvalidInputException e) {
            throw new UnauthenticatedException("the bearer token's claims are malformed");
        }
    }
}
