package com.strongroom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostJsonTest {
    @Test
    void hostJsonFixesBundleRoutePrefixQueueSemanticsAndQuietSdkLogs() throws Exception {
        JsonNode host = new ObjectMapper().readTree(Path.of("host.json").toFile());
        assertEquals("2.0", host.get("version").asText());
        assertEquals("Microsoft.Azure.Functions.ExtensionBundle", host.at("/extensionBundle/id").asText());
        assertEquals("[4.*, 5.0.0)", host.at("/extensionBundle/version").asText());
        assertEquals("api", host.at("/extensions/http/routePrefix").asText());
        assertEquals("base64", host.at("/extensions/queues/messageEncoding").asText());
        int maxDequeue = host.at("/extensions/queues/maxDequeueCount").asInt();
        assertTrue(maxDequeue >= 3 && maxDequeue <= 10, "maxDequeueCount " + maxDequeue);
        assertTrue(host.at("/extensions/queues/visibilityTimeout").asText().matches("\\d\\d:\\d\\d:\\d\\d"));
        for (String category : new String[] {"Azure.Core", "Azure.Storage", "Azure.Cosmos", "Azure.Identity"}) {
            assertEquals("Warning", host.at("/logging/logLevel/" + category.replace("/", "~1")).asText(), category);
        }
    }
}
