package com.strongroom.functions;

import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Map;

/** What a function answers when its use case succeeds: a JSON value, raw bytes, or nothing. */
record Reply(HttpStatusType status, Map<String, String> headers, Object body) {
    static Reply ok(Object body) {
        return new Reply(HttpStatus.OK, Map.of(), body);
    }

    static Reply ok(Object body, Map<String, String> headers) {
        return new Reply(HttpStatus.OK, headers, body);
    }

    static Reply created(String location, Object body) {
        return new Reply(HttpStatus.CREATED, Map.of("Location", location), body);
    }

    static Reply created(String location, Object body, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Location", location);
        return new Reply(HttpStatus.CREATED, all, body);
    }

    /** The request was taken; the work it starts (a queue job) goes on after the answer. */
    static Reply accepted(Object body) {
        return new Reply(HttpStatus.ACCEPTED, Map.of(), body);
    }

    static Reply noContent() {
        return new Reply(HttpStatus.NO_CONTENT, Map.of(), null);
    }

    /** Raw bytes; {@code headers} must carry the Content-Type. */
    static Reply bytes(HttpStatusType status, byte[] body, Map<String, String> headers) {
        return new Reply(status, headers, body);
    }
}
