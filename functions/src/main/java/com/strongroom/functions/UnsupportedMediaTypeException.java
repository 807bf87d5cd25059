package com.strongroom.functions;

import com.strongroom.core.error.FailureKind;
import com.strongroom.core.error.StrongroomException;

final class UnsupportedMediaTypeException extends StrongroomException {
    UnsupportedMediaTypeException(String message) {
        super(FailureKind.UNSUPPORTED_MEDIA_TYPE, message);
    }
}
