package com.strongroom.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dev only: how the Functions host and the Java worker turn an HTTP request or a queue message into a function's
 * arguments, so that what fails in Azure fails here too. Each rule names the source it follows; {@code
 * HostBindingTest} pins them one by one. Sources: Azure/azure-functions-host {@code GrpcMessageConversionExtensions}
 * ({@code ToRpcHttp}, {@code PopulateBody}) and {@code HttpRequestExtensions}; Azure/azure-functions-java-worker
 * {@code WorkerInitRequestHandler} (capabilities: {@code RpcHttpBodyOnly}, not {@code RawHttpBodyBytes}),
 * {@code RpcHttpRequestDataSource}, {@code DataSource.computeByType}, {@code DataOperations.apply},
 * {@code RpcStringDataSource}, {@code RpcByteArrayDataSource}; Azure/azure-sdk-for-net, the storage queues
 * extension's {@code QueueServiceClientProvider} (messages that fail base64 decoding go straight to poison).
 */
final class HostBinding {
    /** The worker fails the invocation before the function runs; the host answers 500 with no body. */
    static final class BindingFailure extends RuntimeException {
        BindingFailure(String message) {
            super(message);
        }
    }

    /** A queue message that is not base64: the extension moves it to the poison queue without invoking anything. */
    static final class NotBase64 extends RuntimeException {
        NotBase64() {
            super("the queue message is not base64");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters that end an unquoted literal in Gson's lenient reader, as they occur in base64 text. */
    private static final Pattern GSON_LITERAL_ENDS = Pattern.compile("[/=]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private HostBinding() {
    }

    /**
     * The body the host hands the worker: none unless Content-Length is above 0; bytes for
     * {@code application/octet-stream} and any {@code multipart/} type; a string for everything else, including no
     * Content-Type and JSON.
     *
     * @param declaredLength the request's Content-Length, or -1 when it has none (chunked)
     */
    static Optional<Object> hostBody(Optional<String> contentType, long declaredLength, byte[] raw) {
        if (declaredLength <= 0) {
            return Optional.empty();
        }
        return Optional.of(contentType.map(HostBinding::isOctetOrMultipart).orElse(false) ? raw : hostString(raw));
    }

    /** The host's media-type test: the parsed type is octet-stream, or contains {@code multipart/} anywhere. */
    static boolean isOctetOrMultipart(String contentType) {
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.matches("[a-z0-9!#$%&'*+.^_`|~-]+/[a-z0-9!#$%&'*+.^_`|~-]+")) {
            return false;
        }
        return media.equals("application/octet-stream") || media.contains("multipart/");
    }

    /**
     * The host reads a non-binary body with a UTF-8 {@code StreamReader} that detects byte-order marks: a UTF-8
     * BOM is dropped, a UTF-16 or UTF-32 BOM switches the decoding, and bytes that do not decode become U+FFFD.
     */
    static String hostString(byte[] raw) {
        int n = raw.length;
        if (n >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF) {
            return new String(raw, 3, n - 3, StandardCharsets.UTF_8);
        }
        if (n >= 4 && (raw[0] & 0xFF) == 0xFF && (raw[1] & 0xFF) == 0xFE && raw[2] == 0 && raw[3] == 0) {
            return new String(raw, 4, n - 4, Charset.forName("UTF-32LE"));
        }
        if (n >= 4 && raw[0] == 0 && raw[1] == 0 && (raw[2] & 0xFF) == 0xFE && (raw[3] & 0xFF) == 0xFF) {
            return new String(raw, 4, n - 4, Charset.forName("UTF-32BE"));
        }
        if (n >= 2 && (raw[0] & 0xFF) == 0xFE && (raw[1] & 0xFF) == 0xFF) {
            return new String(raw, 2, n - 2, StandardCharsets.UTF_16BE);
        }
        if (n >= 2 && (raw[0] & 0xFF) == 0xFF && (raw[1] & 0xFF) == 0xFE) {
            return new String(raw, 2, n - 2, StandardCharsets.UTF_16LE);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * What the worker binds to {@code HttpRequestMessage<T>} given the host's body: a string into {@code byte[]}
     * only when it is a JSON array of numbers (the worker's JSON fallback), bytes into {@code String} only when
     * their base64 text reads as one lenient JSON literal; anything else fails the invocation.
     */
    static Object workerBody(Type bodyType, Optional<Object> hostBody) {
        boolean optional = bodyType instanceof ParameterizedType p && p.getRawType() == Optional.class;
        Type target = optional ? ((ParameterizedType) bodyType).getActualTypeArguments()[0] : bodyType;
        Object value = hostBody.map(body -> convert(body, target)).orElse(null);
        return optional ? Optional.ofNullable(value) : value;
    }

    private static Object convert(Object body, Type target) {
        if (target == byte[].class) {
            return body instanceof byte[] bytes ? bytes.clone() : jsonByteArray((String) body);
        }
        if (target == String.class) {
            return body instanceof String text ? text : base64Literal((byte[]) body);
        }
        throw new BindingFailure("the local host binds only String and byte[] bodies, not " + target.getTypeName());
    }

    private static byte[] jsonByteArray(String text) {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (IOException e) {
            throw new BindingFailure("a string body cannot be bound to byte[]");
        }
        if (array == null || !array.isArray()) {
            throw new BindingFailure("a string body cannot be bound to byte[]");
        }
        byte[] bytes = new byte[array.size()];
        for (int i = 0; i < bytes.length; i++) {
            JsonNode number = array.get(i);
            if (!number.canConvertToInt() || !number.isIntegralNumber() || number.asInt() < Byte.MIN_VALUE
                    || number.asInt() > 255) {
                throw new BindingFailure("a string body cannot be bound to byte[]");
            }
            bytes[i] = (byte) number.asInt();
        }
        return bytes;
    }

    private static String base64Literal(byte[] bytes) {
        String text = Base64.getEncoder().encodeToString(bytes);
        if (text.isEmpty() || GSON_LITERAL_ENDS.matcher(text).find()) {
            throw new BindingFailure("a byte body cannot be bound to String");
        }
        return text;
    }

    /** Header names lower-cased; a header sent several times is one value, joined with a comma. */
    static Map<String, String> headers(Map<String, List<String>> received) {
        Map<String, String> headers = new LinkedHashMap<>();
        received.forEach((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
                (a, b) -> a + "," + b));
        return headers;
    }

    /** Query values of one name joined with a comma; a name whose joined value is empty is left out. */
    static Map<String, String> query(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        values.forEach((key, list) -> {
            String joined = String.join(",", list);
            if (!joined.isEmpty()) {
                query.put(key, joined);
            }
        });
        return query;
    }

    /** The bytes of a base64 queue message (whitespace ignored, as .NET's decoder does). */
    static byte[] queueMessageBytes(String raw) {
        try {
            return Base64.getDecoder().decode(WHITESPACE.matcher(raw).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new NotBase64();
        }
    }

    /** A queue message bound to {@code String}: strict UTF-8, so bytes that do not decode fail the invocation. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BindingFailure("the queue message is not UTF-8");
        }
    }
}
