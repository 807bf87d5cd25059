package com.strongroom.functions;

import com.microsoft.azure.functions.HttpStatus;
import java.util.Map;

/** What a function answers when its use case succeeds. */
record Reply(HttpStatus status, Map<String, String> headers, Object body) {
    static Reply ok(Object body) {
        return new Reply(HttpStatus.OK, Map.of(), body);
    }

    static Reply created(String location, Object body) {
        return new Reply(HttpStatus.CREATED, Map.of("Location", location), body);
    }
}
