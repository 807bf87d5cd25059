package com.strongroom.functions;

import com.strongroom.core.error.FailureKind;
import com.strongroom.core.error.StrongroomException;

final class PayloadTooLargeException extends StrongroomException {
    PayloadTooLargeException(String message) {
        super(FailureKind.PAYLOAD_TOO_LARGE, message);
    }
}
