package com.strongroom.functions;

/** A body sent without Content-Length (chunked): the Functions host hands the function no body at all. */
final class LengthRequiredException extends RuntimeException {
    LengthRequiredException(String message) {
        super(message);
    }
}
