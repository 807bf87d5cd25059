package com.strongroom.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.strongroom.core.access.AccessControl;
import com.strongroom.core.access.Operation;
import com.strongroom.core.error.FailureKind;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.StrongroomException;
import com.strongroom.core.error.UnauthenticatedException;
import com.strongroom.core.limits.InFlightBytes;
import com.strongroom.core.model.Caller;
import com.strongroom.core.port.Authenticator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * The one place where a request is authenticated, handed to a use case, and every failure is mapped to an
 * {@code application/problem+json} answer. Logs carry the function, status and request id only: never a
 * token, a key, a subject id or a request body.
 */
final class HttpExchange {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** JSON commands are small; anything larger is refused before it is parsed. */
    static final int MAX_JSON_BODY_CHARS = 64 * 1024;
    // The alert rules in infra/modules/alerts.bicep search the logs for these two beginnings.
    static final String INTEGRITY_FAILURE_LOG = "integrity check failed in ";
    static final String DEPENDENCY_UNAVAILABLE_LOG = "dependency unavailable: ";

    @FunctionalInterface
    interface Handler {
        Reply handle(Caller caller);
    }

    private final Authenticator authenticator;
    private final AccessControl access;

    HttpExchange(Authenticator authenticator, AccessControl access) {
        this.authenticator = authenticator;
        this.access = access;
    }

    /** Authenticates, runs the handler and maps the outcome. */
    HttpResponseMessage handle(HttpRequestMessage<?> request, ExecutionContext context, Operation operation,
                               Handler handler) {
        String requestId = context.getInvocationId();
        HttpResponseMessage response = respond(request, context, operation, handler, requestId);
        context.getLogger().info(() -> context.getFunctionName() + " " + response.getStatusCode() + " request "
                + requestId);
        return response;
    }

    private HttpResponseMessage respond(HttpRequestMessage<?> request, ExecutionContext context, Operation operation,
                                        Handler handler, String requestId) {
        access.recordRefusalCounts();
        try {
            Caller caller;
            try {
                caller = authenticator.authenticate(header(request, "Authorization"));
            } catch (UnauthenticatedException e) {
                access.recordUnauthenticated(operation.action(), request.getUri().getPath(),
                        RequestSource.of(header(request, "X-Forwarded-For")), requestId);
                throw e;
            }
            return toResponse(request, handler.handle(caller));
        } catch (RuntimeException e) {
            return failure(request, e, context);
        }
    }

    /** Parses a JSON body into {@code type}; malformed JSON, unknown members and wrong media types are refused. */
    static <T> T json(HttpRequestMessage<Optional<String>> request, Class<T> type) {
        String contentType = header(request, "Content-Type").orElse("");
        String media = contentType.toLowerCase(Locale.ROOT);
        if (!media.startsWith("application/json") && !media.startsWith("application/merge-patch+json")) {
            throw new UnsupportedMediaTypeException("the body must be application/json");
        }
        String body = request.getBody().filter(b -> !b.isBlank())
                .orElseThrow(() -> new InvalidInputException("body", "is required"));
        if (body.length() > MAX_JSON_BODY_CHARS) {
            throw new PayloadTooLargeException("a JSON body is at most " + MAX_JSON_BODY_CHARS + " characters");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new InvalidInputException("body", "must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(e.getPropertyName(), "is not a known member");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "is not valid JSON for this request");
        }
    }

    /**
     * A binary body: it must be sent with Content-Length (else 411, as the host would hand over nothing) and, for
     * {@code application/octet-stream} only, as that is the one type the host passes on as bytes (else 415); a
     * declared length over {@code maxBytes} is 413.
     */
    static byte[] octetStream(HttpRequestMessage<Optional<byte[]>> request, long maxBytes, InFlightBytes.Lease lease) {
        if (!UploadBody.OCTET_STREAM.equals(mediaType(request))) {
            throw new UnsupportedMediaTypeException("send the part as " + UploadBody.OCTET_STREAM);
        }
        return declaredBody(request, maxBytes, lease);
    }

    /** The request's media type, lower case, without parameters; empty when it has none. */
    static String mediaType(HttpRequestMessage<?> request) {
        return header(request, "Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    /**
     * The body of a request that must declare its length: the host hands a function no body at all for a chunked
     * request (411 here rather than an empty file), and refuses one over its limit.
     */
    static byte[] declaredBody(HttpRequestMessage<Optional<byte[]>> request, long maxBytes, InFlightBytes.Lease lease) {
        String declared = header(request, "Content-Length")
                .orElseThrow(() -> new LengthRequiredException("send the body with Content-Length; chunked bodies "
                        + "do not reach the function"));
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Content-Length", "must be a whole number");
        }
        byte[] body = request.getBody().orElse(new byte[0]);
        if (Math.max(length, body.length) > maxBytes) {
            throw new PayloadTooLargeException("a request body is at most " + maxBytes + " bytes");
        }
        lease.hold(body.length);
        return body;
    }

    static Optional<String> header(HttpRequestMessage<?> request, String name) {
        return request.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static HttpResponseMessage toResponse(HttpRequestMessage<?> request, Reply reply) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(reply.status());
        reply.headers().forEach(builder::header);
        if (reply.body() instanceof byte[] bytes) {
            builder.body(bytes);
        } else if (reply.body() != null) {
            builder.header("Content-Type", "application/json").body(write(reply.body()));
        }
        return builder.header("Cache-Control", "no-store").build();
    }

    /** Every kind of failure, and the one problem type it is answered with. */
    static final Map<FailureKind, ProblemType> PROBLEM_TYPES = new EnumMap<>(Map.ofEntries(
            Map.entry(FailureKind.INVALID_INPUT, ProblemType.INVALID_REQUEST),
            Map.entry(FailureKind.UNAUTHENTICATED, ProblemType.UNAUTHENTICATED),
            Map.entry(FailureKind.STEP_UP_REQUIRED, ProblemType.STEP_UP_REQUIRED),
            Map.entry(FailureKind.FORBIDDEN, ProblemType.FORBIDDEN),
            Map.entry(FailureKind.NOT_FOUND, ProblemType.NOT_FOUND),
            Map.entry(FailureKind.GONE, ProblemType.GONE),
            Map.entry(FailureKind.CONFLICT, ProblemType.CONFLICT),
            Map.entry(FailureKind.PRECONDITION_FAILED, ProblemType.PRECONDITION_FAILED),
            Map.entry(FailureKind.RANGE_NOT_SATISFIABLE, ProblemType.RANGE_NOT_SATISFIABLE),
            Map.entry(FailureKind.RANGE_REQUIRED, ProblemType.RANGE_REQUIRED),
            Map.entry(FailureKind.LENGTH_REQUIRED, ProblemType.LENGTH_REQUIRED),
            Map.entry(FailureKind.PAYLOAD_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE),
            Map.entry(FailureKind.UNSUPPORTED_MEDIA_TYPE, ProblemType.UNSUPPORTED_MEDIA_TYPE),
            Map.entry(FailureKind.INTEGRITY, ProblemType.INTEGRITY_FAILURE),
            Map.entry(FailureKind.MISDIRECTED, ProblemType.MISDIRECTED),
            Map.entry(FailureKind.BUSY, ProblemType.BUSY),
            Map.entry(FailureKind.DEPENDENCY_UNAVAILABLE, ProblemType.DEPENDENCY_UNAVAILABLE)));

    /** A failure as its problem type, with its details and headers; anything unexpected is a logged 500. */
    private static HttpResponseMessage failure(HttpRequestMessage<?> request, RuntimeException e,
                                               ExecutionContext context) {
        String instance = request.getUri().getPath();
        if (!(e instanceof StrongroomException failure)) {
            context.getLogger().log(Level.SEVERE, "unexpected " + rootCauseName(e) + " in "
                    + context.getFunctionName() + " request " + context.getInvocationId());
            return problem(request, new Problem(ProblemType.INTERNAL, "the request failed; quote request id "
                    + context.getInvocationId(), instance));
        }
        String detail = failure.getMessage();
        if (failure.kind() == FailureKind.INTEGRITY) {
            context.getLogger().log(Level.SEVERE, INTEGRITY_FAILURE_LOG + context.getFunctionName()
                    + " request " + context.getInvocationId());
            detail = detail + "; quote request id " + context.getInvocationId();
        } else if (failure.kind() == FailureKind.DEPENDENCY_UNAVAILABLE) {
            context.getLogger().log(Level.WARNING, DEPENDENCY_UNAVAILABLE_LOG + failure.details().get("dependency")
                    + " (" + rootCauseName(e) + ") request " + context.getInvocationId());
        }
        return problem(request, new Problem(PROBLEM_TYPES.get(failure.kind()), detail, instance, failure.details()),
                headers(failure));
    }

    /**
     * Headers a kind of failure needs beside its body: the bearer challenge on 401 ({@code WWW-Authenticate}), for a
     * step-up the claims challenge Entra ID's clients (MSAL) read from it ({@code error="insufficient_claims"} and
     * {@code claims}, the base64 of {@code {"access_token":{"acrs":{"essential":true,"value":"c1"}}}}), and the
     * content's length on 416 ({@code Content-Range: bytes *}{@code /size}), and when to come back on a busy 503
     * ({@code Retry-After}).
     */
    private static Map<String, String> headers(StrongroomException failure) {
        return switch (failure.kind()) {
            case UNAUTHENTICATED -> Map.of("WWW-Authenticate", "Bearer");
            case STEP_UP_REQUIRED -> {
                String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\""
                        + failure.details().get("authContext") + "\"}}}";
                yield Map.of("WWW-Authenticate", "Bearer error=\"insufficient_claims\", claims=\""
                        + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"");
            }
            case RANGE_NOT_SATISFIABLE -> Map.of("Content-Range", "bytes */" + failure.details().get("size"));
            case BUSY -> Map.of("Retry-After", String.valueOf(failure.details().get("retryAfterSeconds")));
            default -> Map.of();
        };
    }

    static HttpResponseMessage problem(HttpRequestMessage<?> request, Problem problem) {
        return problem(request, problem, Map.of());
    }

    private static HttpResponseMessage problem(HttpRequestMessage<?> request, Problem problem,
                                               Map<String, String> headers) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(problem.type().status())
                .header("Content-Type", Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store");
        headers.forEach(builder::header);
        return builder.body(write(problem.body())).build();
    }

    private static String rootCauseName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    static HttpResponseMessage json(HttpRequestMessage<?> request, HttpStatus status, Object body) {
        return request.createResponseBuilder(status).header("Content-Type", "application/json")
                .header("Cache-Control", "no-store").body(write(body)).build();
    }
}
