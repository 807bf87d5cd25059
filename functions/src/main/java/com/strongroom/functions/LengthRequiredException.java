package com.strongroom.functions;

import com.strongroom.core.error.FailureKind;
import com.strongroom.core.error.StrongroomException;

/** A body sent without Content-Length (chunked): the Functions host hands the function no body at all. */
final class LengthRequiredException extends StrongroomException {
    LengthRequiredException(String message) {
        super(FailureKind.LENGTH_REQUIRED, message);
    }
}
