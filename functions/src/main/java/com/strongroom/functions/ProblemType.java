package com.strongroom.functions;

import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

/** The stable problem types of the API (RFC 9457). A type's URI never changes once published. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is malformed", HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", HttpStatus.UNAUTHORIZED),
    STEP_UP_REQUIRED("step-up-required", "This operation needs a token proving multi-factor authentication",
            HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "The caller may not do this", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "No such resource", HttpStatus.NOT_FOUND),
    GONE("gone", "The tenant is being cancelled or was deleted", HttpStatusType.custom(410)),
    CONFLICT("conflict", "The request conflicts with the current state", HttpStatus.CONFLICT),
    PRECONDITION_FAILED("precondition-failed", "The resource changed since the caller read it",
            HttpStatus.PRECONDITION_FAILED),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", "The range lies outside the content", HttpStatusType.custom(416)),
    RANGE_REQUIRED("range-required", "The content is too large for one response; read it with Range",
            HttpStatus.BAD_REQUEST),
    INTEGRITY_FAILURE("integrity-failure", "Stored data failed its integrity check", HttpStatus.INTERNAL_SERVER_ERROR),
    LENGTH_REQUIRED("length-required", "The request body must be sent with Content-Length",
            HttpStatusType.custom(411)),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", HttpStatus.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The request body has an unsupported media type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    MISDIRECTED("misdirected", "This tenant is served by another regional stamp", HttpStatusType.custom(421)),
    BUSY("busy", "This instance holds as many request bytes as it may; try again after Retry-After",
            HttpStatus.SERVICE_UNAVAILABLE),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", "A service Strongroom depends on is unavailable",
            HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL("internal", "An unexpected error occurred", HttpStatus.INTERNAL_SERVER_ERROR);

    public static final String URI_PREFIX = "urn:strongroom:problem:";

    private final String slug;
    private final String title;
    private final HttpStatusType status;

    ProblemType(String slug, String title, HttpStatusType status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public HttpStatusType status() {
        return status;
    }
}
