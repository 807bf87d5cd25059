package com.strongroom.functions;

final class PayloadTooLargeException extends RuntimeException {
    PayloadTooLargeException(String message) {
        super(message);
    }
}
