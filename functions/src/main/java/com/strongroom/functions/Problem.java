package com.strongroom.functions;

import java.util.LinkedHashMap;
import java.util.Map;

/** An {@code application/problem+json} body. {@code extensions} carry type-specific members. */
record Problem(ProblemType type, String detail, String instance, Map<String, Object> extensions) {
    static final String MEDIA_TYPE = "application/problem+json";

    Problem {
        extensions = Map.copyOf(extensions);
    }

    Problem(ProblemType type, String detail, String instance) {
        this(type, detail, instance, Map.of());
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        body.put("instance", instance);
        body.putAll(extensions);
        return body;
    }
}
