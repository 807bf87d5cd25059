package com.strongroom.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

/** The parts of {@code host.json} the local host honours, with the Functions host's defaults. */
public record HostConfig(String routePrefix, int maxDequeueCount, Duration visibilityTimeout, int batchSize,
                         int newBatchThreshold, Duration maxPollingInterval, boolean base64Messages) {

    public static HostConfig read(Path hostJson) {
        try {
            JsonNode root = new ObjectMapper().readTree(hostJson.toFile());
            JsonNode http = root.path("extensions").path("http");
            JsonNode queues = root.path("extensions").path("queues");
            return new HostConfig(
                    http.path("routePrefix").asText("api"),
                    queues.path("maxDequeueCount").asInt(5),
                    timeSpan(queues.path("visibilityTimeout").asText("00:00:00")),
                    queues.path("batchSize").asInt(16),
                    queues.path("newBatchThreshold").asInt(queues.path("batchSize").asInt(16) / 2),
                    timeSpan(queues.path("maxPollingInterval").asText("00:01:00")),
                    !"none".equalsIgnoreCase(queues.path("messageEncoding").asText("base64")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hostJson, e);
        }
    }

    /** The same settings with a shorter retry delay, for tests that must not wait the production backoff. */
    public HostConfig withVisibilityTimeout(Duration timeout) {
        return new HostConfig(routePrefix, maxDequeueCount, timeout, batchSize, newBatchThreshold, maxPollingInterval,
                base64Messages);
    }

    private static Duration timeSpan(String value) {
        return Duration.ofNanos(LocalTime.parse(value).toNanoOfDay());
    }
}
