package com.strongroom.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of how the real host and Java worker bind a request or a queue message, with its source. */
class HostBindingTest {
    private static final byte[] HELLO = "héllo".getBytes(StandardCharsets.UTF_8);
    private static final Type OPTIONAL_BYTES = optionalOf(byte[].class);
    private static final Type OPTIONAL_STRING = optionalOf(String.class);

    static Stream<Arguments> hostBodies() {
        return Stream.of(
                // azure-functions-host HttpRequestExtensions.IsMediaTypeOctetOrMultipart: octet-stream -> bytes
                Arguments.of("application/octet-stream", HELLO, HELLO),
                Arguments.of("Application/Octet-Stream; charset=x", HELLO, HELLO),
                // IsMediaTypeOctetOrMultipart: IndexOf("multipart/") >= 0 -> bytes, whatever the subtype
                Arguments.of("multipart/form-data; boundary=x", HELLO, HELLO),
                Arguments.of("multipart/mixed; boundary=x", HELLO, HELLO),
                // GrpcMessageConversionExtensions.PopulateBody: everything else is read as a string
                Arguments.of("text/plain", HELLO, "héllo"),
                Arguments.of("image/png", HELLO, "héllo"),
                Arguments.of("video/mp4", HELLO, "héllo"),
                Arguments.of("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "{\"a\":1}"),
                // MediaTypeHeaderValue.TryParse fails on a malformed type: read as a string
                Arguments.of("not a type", HELLO, "héllo"),
                Arguments.of(null, HELLO, "héllo"),
                // HttpRequestExtensions.ReadAsStringAsync: StreamReader(UTF8, detectEncodingFromByteOrderMarks)
                Arguments.of("text/plain", bytes(0xEF, 0xBB, 0xBF, 'h', 'i'), "hi"),
                Arguments.of("text/plain", bytes(0xFF, 0xFE, 'h', 0, 'i', 0), "hi"),
                Arguments.of("text/plain", bytes(0xFE, 0xFF, 0, 'h', 0, 'i'), "hi"),
                Arguments.of("text/plain", bytes(0xFF, 0xFE, 0, 0, 'h', 0, 0, 0), "h"),
                Arguments.of("text/plain", bytes(0, 0, 0xFE, 0xFF, 0, 0, 0, 'h'), "h"),
                // invalid UTF-8 becomes U+FFFD: random binary is damaged before any function sees it
                Arguments.of("image/png", bytes(0x89, 'P', 'N', 'G', 0xFF), "\uFFFDPNG\uFFFD"));
    }

    @ParameterizedTest
    @MethodSource("hostBodies")
    void hostPassesBytesOnlyForOctetStreamAndMultipart(String contentType, byte[] raw, Object expected) {
        Object body = HostBinding.hostBody(Optional.ofNullable(contentType), raw.length, raw).orElseThrow();
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) body);
        } else {
            assertEquals(expected, body);
        }
    }

    @ParameterizedTest
    @MethodSource("noBodies")
    void hostSendsNoBodyUnlessContentLengthIsAboveZero(String contentType, long declaredLength) {
        // GrpcMessageConversionExtensions.ToRpcHttp: "if (request.Body != null && request.ContentLength > 0)"
        assertEquals(Optional.empty(), HostBinding.hostBody(Optional.ofNullable(contentType), declaredLength, HELLO));
    }

    static Stream<Arguments> noBodies() {
        return Stream.of(Arguments.of("application/octet-stream", -1L), Arguments.of("application/octet-stream", 0L),
                Arguments.of("text/plain", -1L), Arguments.of(null, 0L));
    }

    @ParameterizedTest
    @MethodSource("workerBindings")
    void workerBindsOrFails(Type parameter, Object hostBody, Object expected) {
        // azure-functions-java-worker DataOperations.apply: RpcStringDataSource has no byte[] operation and
        // RpcByteArrayDataSource no String one, so both fall back to a JSON conversion (Gson) that fails
        if (expected == null) {
            assertThrows(HostBinding.BindingFailure.class,
                    () -> HostBinding.workerBody(parameter, Optional.of(hostBody)));
            return;
        }
        Object bound = ((Optional<?>) HostBinding.workerBody(parameter, Optional.of(hostBody))).orElseThrow();
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) bound);
        } else {
            assertEquals(expected, bound);
        }
    }

    static Stream<Arguments> workerBindings() {
        byte[] slashes = bytes(0xFF, 0xFF, 0xFF);
        return Stream.of(
                Arguments.of(OPTIONAL_BYTES, HELLO, HELLO),
                Arguments.of(OPTIONAL_STRING, "text", "text"),
                // a string body into byte[]: the invocation fails before the function runs ...
                Arguments.of(OPTIONAL_BYTES, "hello", null),
                Arguments.of(OPTIONAL_BYTES, "{\"a\":1}", null),
                Arguments.of(OPTIONAL_BYTES, "[1, 2, 300]", null),
                // ... unless it is a JSON array of numbers, silently turned into other bytes
                Arguments.of(OPTIONAL_BYTES, "[104, 105, 255]", bytes('h', 'i', 0xFF)),
                // bytes into String: base64 text read by Gson as one lenient literal, or a failure
                Arguments.of(OPTIONAL_STRING, bytes('h', 'i', '!'), Base64.getEncoder().encodeToString(bytes('h', 'i', '!'))),
                Arguments.of(OPTIONAL_STRING, bytes('h', 'i'), null),
                Arguments.of(OPTIONAL_STRING, slashes, null));
    }

    @ParameterizedTest
    @MethodSource("parameterTypes")
    void missingBodyBindsAsEmpty(Type parameter) {
        // RpcEmptyDataSource + DataSource.computeByType: no body is Optional.empty()
        assertEquals(Optional.empty(), HostBinding.workerBody(parameter, Optional.empty()));
    }

    static Stream<Type> parameterTypes() {
        return Stream.of(OPTIONAL_BYTES, OPTIONAL_STRING);
    }

    @ParameterizedTest
    @MethodSource("headerCases")
    void headersAreLowerCasedAndRepeatedValuesJoined(Map<String, List<String>> received, Map<String, String> bound) {
        // GrpcMessageConversionExtensions.ToRpcHttp: Headers.Add(pair.Key.ToLowerInvariant(), pair.Value.ToString()),
        // and StringValues.ToString joins several values with ","; empty values stay (no IgnoreEmptyValued... capability)
        assertEquals(bound, HostBinding.headers(received));
    }

    static Stream<Arguments> headerCases() {
        Map<String, List<String>> received = new LinkedHashMap<>();
        received.put("Content-Type", List.of("application/json"));
        received.put("X-Asset-Subjects", List.of("a@example.com", "b@example.com"));
        received.put("X-Empty", List.of(""));
        return Stream.of(Arguments.of(received, Map.of("content-type", "application/json",
                "x-asset-subjects", "a@example.com,b@example.com", "x-empty", "")));
    }

    @ParameterizedTest
    @MethodSource("queryCases")
    void queryValuesAreJoinedAndEmptyOnesDropped(String rawQuery, Map<String, String> bound) {
        // GrpcMessageConversionExtensions.ToRpcHttp: Query.Add(key, pair.Value.ToString()) only if !IsNullOrEmpty(value)
        assertEquals(bound, HostBinding.query(rawQuery));
    }

    static Stream<Arguments> queryCases() {
        return Stream.of(
                Arguments.of("subject=a&subject=b", Map.of("subject", "a,b")),
                Arguments.of("continuation=&pageSize=5", Map.of("pageSize", "5")),
                Arguments.of("flag", Map.of()),
                Arguments.of("a=&a=x", Map.of("a", ",x")),
                Arguments.of("q=j%C3%B6rg+s", Map.of("q", "jörg s")),
                Arguments.of(null, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("queueMessages")
    void queueMessagesAreBase64ThenStrictUtf8(String raw, String expected) {
        // WebJobs storage queues extension: a base64 QueueClient; QueueServiceClientProvider's
        // MessageDecodingFailed handler moves what is not base64 to the poison queue without an invocation
        if (expected == null) {
            assertThrows(HostBinding.NotBase64.class, () -> HostBinding.queueMessageBytes(raw));
            return;
        }
        assertEquals(expected, HostBinding.strictUtf8(HostBinding.queueMessageBytes(raw)));
    }

    static Stream<Arguments> queueMessages() {
        String json = "{\"jobId\":\"j-1\"}";
        return Stream.of(
                Arguments.of(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), json),
                Arguments.of(" " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\n", json),
                Arguments.of(json, null),
                Arguments.of("not base64 {bad}", null));
    }

    @ParameterizedTest
    @MethodSource("notUtf8")
    void queueMessageThatIsNotUtf8FailsTheInvocation(byte[] decoded) {
        // a String parameter decodes strictly: the invocation fails, is retried, and ends in the poison queue
        assertThrows(HostBinding.BindingFailure.class, () -> HostBinding.strictUtf8(decoded));
    }

    static Stream<byte[]> notUtf8() {
        return Stream.of(bytes(0xFF), bytes('a', 0xC3), bytes(0xED, 0xA0, 0x80));
    }

    @ParameterizedTest
    @MethodSource("mediaTypes")
    void octetOrMultipartIsDecidedOnTheParsedType(String contentType, boolean binary) {
        // Utility.IsMediaTypeOctetOrMultipart after MediaTypeHeaderValue.TryParse
        assertEquals(binary, HostBinding.isOctetOrMultipart(contentType));
    }

    static Stream<Arguments> mediaTypes() {
        return Stream.of(Arguments.of("application/octet-stream", true), Arguments.of("multipart/form-data", true),
                Arguments.of("Multipart/Related; type=x", true), Arguments.of("application/json", false),
                Arguments.of("application/x-multipart/weird", false),
                Arguments.of("octet-stream", false), Arguments.of("", false));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static Type optionalOf(Class<?> type) {
        try {
            return Holder.class.getDeclaredMethod(type == byte[].class ? "bytes" : "text").getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unused")
    private interface Holder {
        Optional<byte[]> bytes();

        Optional<String> text();
    }

    @org.junit.jupiter.api.Test
    void everyHttpFunctionDeclaresABodyTheWorkerCanBindAndOnlyBinaryRoutesTakeBytes() {
        for (FunctionCatalog.HttpFunction f : new FunctionCatalog(FunctionCatalog.appFunctionClasses()).http()) {
            Type body = ((java.lang.reflect.ParameterizedType) f.parameter().getParameterizedType())
                    .getActualTypeArguments()[0];
            boolean binary = f.name().equals("uploadAsset") || f.name().equals("uploadPart");
            assertEquals(binary ? OPTIONAL_BYTES : OPTIONAL_STRING, body, f.name());
        }
    }
}
