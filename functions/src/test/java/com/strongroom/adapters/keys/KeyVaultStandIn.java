package com.strongroom.adapters.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.strongroom.testing.LoopbackHttps;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * A wire-level stand-in of the Key Vault keys REST API for tests: HTTPS on loopback with a throw-away
 * certificate, the bearer challenge (401 with {@code WWW-Authenticate} until a token is sent), create key, get key,
 * list keys, wrapkey and unwrapkey with RSA-OAEP-256, and sign with RS256. It counts calls per operation and can be told to answer the
 * next requests with an error (429 with {@code Retry-After}, or 5xx).
 */
public final class KeyVaultStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREATE = Pattern.compile("^/keys/([A-Za-z0-9-]+)/create$");
    private static final Pattern KEY = Pattern.compile("^/keys/([A-Za-z0-9-]+)(?:/([0-9a-f]*))?/?$");
    private static final Pattern OPERATION = Pattern.compile("^/keys/([A-Za-z0-9-]+)/([0-9a-f]+)/(wrapkey|unwrapkey|sign)$");
    /** ASN.1 DigestInfo prefix of a SHA-256 digest (RFC 8017 section 9.2): what RS256 signs. */
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
    private static final OAEPParameterSpec OAEP_256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private record StoredKey(String name, String version, KeyPair pair, String kty) {
    }

    private final LoopbackHttps https;
    private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();
    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Deque<Integer> injectedFailures = new ArrayDeque<>();

    public KeyVaultStandIn(Path workDir) {
        https = LoopbackHttps.start(workDir, "kv", this::serve);
    }

    public String vaultUrl() {
        return https.url();
    }

    public LoopbackHttps https() {
        return https;
    }

    /** How many calls of an operation ({@code create}, {@code get}, {@code list}, {@code wrapkey}, {@code unwrapkey},
     * {@code challenge}) reached the stand-in. */
    public int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** The next {@code times} authenticated requests are answered with {@code status}. */
    public synchronized void failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            injectedFailures.add(status);
        }
    }

    public synchronized void clearFailures() {
        injectedFailures.clear();
    }

    private synchronized Integer nextFailure() {
        return injectedFailures.poll();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (auth == null || !auth.startsWith("Bearer ")) {
                count("challenge");
                exchange.getResponseHeaders().set("WWW-Authenticate",
                        "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", "
                                + "resource=\"https://vault.azure.net\"");
                respond(exchange, 401, JSON.createObjectNode().set("error", error("Unauthorized", "no token")));
                return;
            }
            Integer failure = nextFailure();
            if (failure != null) {
                count("injected-" + failure);
                if (failure == 429) {
                    exchange.getResponseHeaders().set("Retry-After", "0");
                }
                respond(exchange, failure, JSON.createObjectNode().set("error", error("Throttled", "injected")));
                return;
            }
            route(exchange, exchange.getRequestURI().getPath(), body);
        } catch (RuntimeException e) {
            respond(exchange, 500, JSON.createObjectNode().set("error", error("InternalError", e.getClass().getName())));
        }
    }

    private void route(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        Matcher m;
        if (method.equals("POST") && (m = CREATE.matcher(path)).matches()) {
            count("create");
            JsonNode request = JSON.readTree(body);
            respond(exchange, 200, bundle(create(m.group(1), request.path("kty").asText("RSA"),
                    request.path("key_size").asInt(2048))));
        } else if (method.equals("POST") && (m = OPERATION.matcher(path)).matches()) {
            count(m.group(3));
            StoredKey key = keys.get(m.group(1) + "/" + m.group(2));
            if (key == null) {
                respond(exchange, 404, JSON.createObjectNode().set("error", error("KeyNotFound", "no such key")));
                return;
            }
            JsonNode request = JSON.readTree(body);
            if (m.group(3).equals("sign")) {
                sign(exchange, key, request);
                return;
            }
            if (!"RSA-OAEP-256".equals(request.path("alg").asText())) {
                respond(exchange, 400, JSON.createObjectNode().set("error", error("BadParameter", "algorithm")));
                return;
            }
            byte[] input = Base64.getUrlDecoder().decode(request.path("value").asText());
            byte[] output;
            try {
                Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
                boolean wrap = m.group(3).equals("wrapkey");
                cipher.init(wrap ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                        wrap ? key.pair().getPublic() : key.pair().getPrivate(), OAEP_256);
                output = cipher.doFinal(input);
            } catch (Exception e) {
                respond(exchange, 400, JSON.createObjectNode().set("error", error("BadParameter", "decryption failed")));
                return;
            }
            respond(exchange, 200, JSON.createObjectNode().put("kid", kid(key))
                    .put("value", Base64.getUrlEncoder().withoutPadding().encodeToString(output)));
        } else if (method.equals("GET") && path.equals("/keys")) {
            count("list");
            ArrayNode value = JSON.createArrayNode();
            latest.forEach((name, version) -> value.add(JSON.createObjectNode()
                    .put("kid", vaultUrl() + "/keys/" + name).set("attributes", attributes())));
            respond(exchange, 200, JSON.createObjectNode().<ObjectNode>set("value", value).putNull("nextLink"));
        } else if (method.equals("GET") && (m = KEY.matcher(path)).matches()) {
            count("get");
            String version = m.group(2) == null || m.group(2).isEmpty() ? latest.get(m.group(1)) : m.group(2);
            StoredKey key = version == null ? null : keys.get(m.group(1) + "/" + version);
            if (key == null) {
                respond(exchange, 404, JSON.createObjectNode().set("error", error("KeyNotFound", "no such key")));
                return;
            }
            respond(exchange, 200, bundle(key));
        } else {
            respond(exchange, 400, JSON.createObjectNode().set("error", error("BadRequest", method + " " + path)));
        }
    }

    /** RS256 as Key Vault does it: the client sends the SHA-256 digest, the vault signs its DigestInfo. */
    private void sign(HttpExchange exchange, StoredKey key, JsonNode request) throws IOException {
        byte[] digest = Base64.getUrlDecoder().decode(request.path("value").asText());
        if (!"RS256".equals(request.path("alg").asText()) || digest.length != 32) {
            respond(exchange, 400, JSON.createObjectNode().set("error", error("BadParameter", "algorithm or digest")));
            return;
        }
        try {
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(key.pair().getPrivate());
            rsa.update(SHA256_DIGEST_INFO);
            rsa.update(digest);
            respond(exchange, 200, JSON.createObjectNode().put("kid", kid(key))
                    .put("value", Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates (or rotates) a key directly, as the infrastructure would; returns its versioned id. */
    public String createKey(String name) {
        return kid(create(name, "RSA", 3072));
    }

    private StoredKey create(String name, String kty, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(size);
            String version = HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "")
                    .getBytes(StandardCharsets.US_ASCII)).substring(0, 32);
            StoredKey key = new StoredKey(name, version, generator.generateKeyPair(), kty);
            keys.put(name + "/" + version, key);
            latest.put(name, version);
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String kid(StoredKey key) {
        return vaultUrl() + "/keys/" + key.name() + "/" + key.version();
    }

    /** The public size of a created key, for assertions. */
    public int keySize(String kid) {
        String[] parts = kid.substring(kid.indexOf("/keys/") + 6).split("/");
        return ((RSAPublicKey) keys.get(parts[0] + "/" + parts[1]).pair().getPublic()).getModulus().bitLength();
    }

    public String keyType(String kid) {
        String[] parts = kid.substring(kid.indexOf("/keys/") + 6).split("/");
        return keys.get(parts[0] + "/" + parts[1]).kty();
    }

    private ObjectNode bundle(StoredKey key) {
        RSAPublicKey pub = (RSAPublicKey) key.pair().getPublic();
        ObjectNode jwk = JSON.createObjectNode().put("kid", kid(key)).put("kty", key.kty());
        jwk.putArray("key_ops").add("wrapKey").add("unwrapKey").add("sign").add("verify");
        jwk.put("n", unsigned(pub.getModulus())).put("e", unsigned(pub.getPublicExponent()));
        ObjectNode bundle = JSON.createObjectNode();
        bundle.set("key", jwk);
        bundle.set("attributes", attributes());
        return bundle;
    }

    private static ObjectNode attributes() {
        long now = System.currentTimeMillis() / 1000;
        return JSON.createObjectNode().put("enabled", true).put("created", now).put("updated", now)
                .put("recoveryLevel", "Recoverable+Purgeable");
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }

    private void count(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        https.close();
    }
}
