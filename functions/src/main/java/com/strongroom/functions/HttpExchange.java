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
import com.strongroom.core.error.ConflictException;
import com.strongroom.core.error.DependencyUnavailableException;
import com.strongroom.core.error.ForbiddenException;
import com.strongroom.core.error.IntegrityException;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.error.MisdirectedException;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.error.PreconditionFailedException;
import com.strongroom.core.error.RangeNotSatisfiableException;
import com.strongroom.core.error.RangeRequiredException;
import com.strongroom.core.error.StepUpRequiredException;
import com.strongroom.core.error.UnauthenticatedException;
import com.strongroom.core.model.Caller;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.Authenticator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

    /** Authenticates, runs the handler and maps the outcome. {@code tenant} is the route's tenant, if any. */
    HttpResponseMessage handle(HttpRequestMessage<?> request, ExecutionContext context, String action,
                               Optional<String> tenant, Handler handler) {
        String requestId = context.getInvocationId();
        HttpResponseMessage response = respond(request, context, action, tenant, handler, requestId);
        context.getLogger().info(() -> context.getFunctionName() + " " + response.getStatusCode() + " request "
                + requestId);
        return response;
    }

    private HttpResponseMessage respond(HttpRequestMessage<?> request, ExecutionContext context, String action,
                                        Optional<String> tenant, Handler handler, String requestId) {
        try {
            Caller caller;
            try {
                caller = authenticator.authenticate(header(request, "Authorization"));
            } catch (UnauthenticatedException e) {
                access.recordUnauthenticated(action, tenant.flatMap(HttpExchange::tenantIdIfValid),
                        request.getUri().getPath(), requestId);
                throw e;
            }
            return toResponse(request, handler.handle(caller));
        } catch (RuntimeException e) {
            return problem(request, e, context);
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
    static byte[] octetStream(HttpRequestMessage<Optional<byte[]>> request, long maxBytes) {
        if (!UploadBody.OCTET_STREAM.equals(mediaType(request))) {
            throw new UnsupportedMediaTypeException("send the part as " + UploadBody.OCTET_STREAM);
        }
        return declaredBody(request, maxBytes);
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
    static byte[] declaredBody(HttpRequestMessage<Optional<byte[]>> request, long maxBytes) {
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
        return body;
    }

    static Optional<String> header(HttpRequestMessage<?> request, String name) {
        return request.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static Optional<TenantId> tenantIdIfValid(String raw) {
        try {
            return Optional.of(TenantId.of(raw));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
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

    private static HttpResponseMessage rangeNotSatisfiable(HttpRequestMessage<?> request, Problem problem, long size) {
        return request.createResponseBuilder(problem.type().status()).header("Content-Type", Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store").header("Content-Range", "bytes */" + size)
                .body(write(problem.body())).build();
    }

    /**
     * 401 with a claims challenge naming the authentication context, in the form Entra ID's clients (MSAL) read from
     * {@code WWW-Authenticate}: {@code error="insufficient_claims"} and {@code claims}, the base64 of
     * {@code {"access_token":{"acrs":{"essential":true,"value":"c1"}}}}, which they pass back to get a stepped-up token.
     */
    private static HttpResponseMessage stepUpRequired(HttpRequestMessage<?> request, Problem problem,
                                                      String authContext) {
        String claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"" + authContext + "\"}}}";
        return request.createResponseBuilder(problem.type().status()).header("Content-Type", Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .header("WWW-Authenticate", "Bearer error=\"insufficient_claims\", claims=\""
                        + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "\"")
                .body(write(problem.body())).build();
    }

    static HttpResponseMessage problem(HttpRequestMessage<?> request, Problem problem) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(problem.type().status())
                .header("Content-Type", Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store");
        if (problem.type() == ProblemType.UNAUTHENTICATED) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.body(write(problem.body())).build();
    }

    private static HttpResponseMessage problem(HttpRequestMessage<?> request, RuntimeException e,
                                               ExecutionContext context) {
        String instance = request.getUri().getPath();
        Problem problem;
        if (e instanceof InvalidInputException invalid) {
            problem = new Problem(ProblemType.INVALID_REQUEST, invalid.getMessage(), instance,
                    Map.of("field", invalid.field()));
        } else if (e instanceof PayloadTooLargeException) {
            problem = new Problem(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), instance);
        } else if (e instanceof LengthRequiredException) {
            problem = new Problem(ProblemType.LENGTH_REQUIRED, e.getMessage(), instance);
        } else if (e instanceof UnsupportedMediaTypeException) {
            problem = new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), instance);
        } else if (e instanceof UnauthenticatedException) {
            problem = new Problem(ProblemType.UNAUTHENTICATED, e.getMessage(), instance);
        } else if (e instanceof StepUpRequiredException stepUp) {
            return stepUpRequired(request, new Problem(ProblemType.STEP_UP_REQUIRED, e.getMessage(), instance,
                    Map.of("authContext", stepUp.authContext())), stepUp.authContext());
        } else if (e instanceof ForbiddenException) {
            problem = new Problem(ProblemType.FORBIDDEN, e.getMessage(), instance);
        } else if (e instanceof NotFoundException) {
            problem = new Problem(ProblemType.NOT_FOUND, e.getMessage(), instance);
        } else if (e instanceof ConflictException) {
            problem = new Problem(ProblemType.CONFLICT, e.getMessage(), instance);
        } else if (e instanceof PreconditionFailedException) {
            problem = new Problem(ProblemType.PRECONDITION_FAILED, e.getMessage(), instance);
        } else if (e instanceof RangeNotSatisfiableException range) {
            return rangeNotSatisfiable(request, new Problem(ProblemType.RANGE_NOT_SATISFIABLE, e.getMessage(), instance,
                    Map.of("size", range.size())), range.size());
        } else if (e instanceof RangeRequiredException required) {
            problem = new Problem(ProblemType.RANGE_REQUIRED, e.getMessage(), instance,
                    Map.of("size", required.size(), "maxResponseBytes", required.maxResponseBytes()));
        } else if (e instanceof IntegrityException) {
            context.getLogger().log(Level.SEVERE, "integrity check failed in " + context.getFunctionName()
                    + " request " + context.getInvocationId());
            problem = new Problem(ProblemType.INTEGRITY_FAILURE, e.getMessage() + "; quote request id "
                    + context.getInvocationId(), instance);
        } else if (e instanceof MisdirectedException misdirected) {
            problem = new Problem(ProblemType.MISDIRECTED, e.getMessage(), instance,
                    Map.of("homeRegion", misdirected.homeRegion().azureName()));
        } else if (e instanceof DependencyUnavailableException unavailable) {
            context.getLogger().log(Level.WARNING, "dependency unavailable: " + unavailable.dependency() + " ("
                    + rootCauseName(e) + ") request " + context.getInvocationId());
            problem = new Problem(ProblemType.DEPENDENCY_UNAVAILABLE, e.getMessage(), instance,
                    Map.of("dependency", unavailable.dependency()));
        } else {
            context.getLogger().log(Level.SEVERE, "unexpected " + rootCauseName(e) + " in "
                    + context.getFunctionName() + " request " + context.getInvocationId());
            problem = new Problem(ProblemType.INTERNAL, "the request failed; quote request id "
                    + context.getInvocationId(), instance);
        }
        return problem(request, problem);
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
