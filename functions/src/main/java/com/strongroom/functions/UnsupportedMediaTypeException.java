package com.strongroom.functions;

final class UnsupportedMediaTypeException extends RuntimeException {
    UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
