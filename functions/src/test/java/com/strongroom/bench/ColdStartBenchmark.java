package com.strongroom.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.it.TestStack;
import com.strongroom.local.Emulators;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cold start, which Functions on Java is known for (run with {@code scripts/benchmark coldstart [runs]}): a fresh JVM
 * running the local host, as {@code scripts/run-local --no-emulators} starts it, against emulators already up. Times
 * the first answer of any kind and the first healthy one from the moment the process starts, then the first data
 * requests (a tenant created, a 1 KiB upload, its download), which build the SDK clients the app makes on first use,
 * and the same requests again. Median of the runs.
 */
public final class ColdStartBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStartBenchmark() {
    }

    private record Run(double firstAnswer, double healthy, double tenant, double upload, double download,
                       double warmUpload, double warmDownload) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (Emulators emulators = Emulators.start(TestStack.PROJECT, Emulators.Ports.ANY, Optional.empty())) {
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Run run = once(emulators, i);
                results.add(run);
                System.out.printf(Locale.ROOT, "run %d: first answer %.0f ms, healthy %.0f ms; first tenant %.0f ms, "
                        + "upload %.0f ms, download %.0f ms; again: upload %.0f ms, download %.0f ms%n", i + 1,
                        run.firstAnswer(), run.healthy(), run.tenant(), run.upload(), run.download(),
                        run.warmUpload(), run.warmDownload());
            }
            System.out.printf(Locale.ROOT, "median of %d: first answer %.0f ms, healthy %.0f ms after the JVM started;"
                    + " first tenant %.0f ms, first upload %.0f ms, first download %.0f ms; warm upload %.0f ms, "
                    + "warm download %.0f ms%n", runs, median(results, Run::firstAnswer), median(results, Run::healthy),
                    median(results, Run::tenant), median(results, Run::upload), median(results, Run::download),
                    median(results, Run::warmUpload), median(results, Run::warmDownload));
        }
    }

    private static Run once(Emulators emulators, int index) throws Exception {
        Path project = Files.createTempDirectory("coldstart");
        Files.copy(TestStack.PROJECT.resolve("host.json"), project.resolve("host.json"));
        ObjectNode settings = (ObjectNode) JSON.readTree(TestStack.PROJECT.resolve("local.settings.sample.json")
                .toFile());
        ObjectNode values = (ObjectNode) settings.get("Values");
        values.put("STORAGE", emulators.storageConnectionString());
        values.put("COSMOS_ENDPOINT", emulators.cosmosEndpoint());
        values.put("KEYRING_COSMOS_ENDPOINT", emulators.cosmosEndpoint());
        values.put("DIRECTORY_COSMOS_ENDPOINT", emulators.cosmosEndpoint());
        JSON.writeValue(project.resolve("local.settings.json").toFile(), settings);
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        long start = System.nanoTime();
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DCOSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED=true", "-Dstrongroom.port=" + port,
                "-cp", absoluteClassPath(), "com.strongroom.local.LocalHost", "--no-emulators")
                .directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.resolve("host.log").toFile()).start();
        try {
            double firstAnswer = -1;
            while (true) {
                Optional<Integer> status = status(base + "/api/health");
                if (status.isPresent() && firstAnswer < 0) {
                    firstAnswer = millisSince(start);
                }
                if (status.orElse(0) == 200) {
                    break;
                }
                if (millisSince(start) > 120_000 || !host.isAlive()) {
                    throw new IllegalStateException("the host never became healthy; see " + project.resolve("host.log"));
                }
                Thread.sleep(10);
            }
            double healthy = millisSince(start);
            String admin = token(base, "{\"sub\":\"cold-admin\",\"roles\":[\"Platform.Admin\"]}");
            String tenant = "cold-" + index + "-" + System.nanoTime() % 100_000;
            long t = System.nanoTime();
            expect(201, send(base + "/api/tenants", "POST", admin, "application/json",
                    "{\"id\":\"" + tenant + "\",\"displayName\":\"Cold\"}"));
            double created = millisSince(t);
            String contributor = token(base, "{\"sub\":\"cold-up\",\"tenant\":\"" + tenant
                    + "\",\"roles\":[\"Asset.Contributor\"]}");
            double[] first = uploadAndDownload(base, tenant, contributor);
            double[] again = uploadAndDownload(base, tenant, contributor);
            return new Run(firstAnswer, healthy, created, first[0], first[1], again[0], again[1]);
        } finally {
            host.destroy();
            host.waitFor();
        }
    }

    /** This JVM's class path with every entry absolute, for a child started in another directory. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static double[] uploadAndDownload(String base, String tenant, String token) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/tenants/" + tenant
                        + "/assets")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream").header("X-Asset-Name", "cold.bin")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024])).build(),
                HttpResponse.BodyHandlers.ofString());
        double upload = millisSince(t);
        expect(201, uploaded);
        String id = JSON.readTree(uploaded.body()).get("id").asText();
        t = System.nanoTime();
        expect(200, send(base + "/api/tenants/" + tenant + "/assets/" + id + "/content", "GET", token, null, null));
        return new double[] {upload, millisSince(t)};
    }

    private static String token(String base, String claims) throws Exception {
        HttpResponse<String> r = send(base + "/dev/token", "POST", null, "application/json", claims);
        expect(200, r);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private static HttpResponse<String> send(String url, String method, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<Integer> status(String url) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri() + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> field) {
        List<Double> values = new ArrayList<>(runs.stream().map(field::applyAsDouble).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
