package com.strongroom.core.port;

import com.strongroom.core.model.Caller;
import java.util.Optional;

/** Turns the request's {@code Authorization} header into a caller, or throws {@code UnauthenticatedException}. */
public interface Authenticator {
    Caller authenticate(Optional<String> authorizationHeader);
}
