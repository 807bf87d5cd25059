package com.strongroom.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpMethod;
import com.strongroom.local.FunctionCatalog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/openapi.json describes exactly the routes the code declares, each by its function name. */
class OpenApiTest {
    @Test
    void documentAndAnnotationsDescribeTheSameOperations() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(Path.of("docs/openapi.json").toFile()).get("paths");
        Map<String, String> documented = new HashMap<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                documented.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        op.getValue().get("operationId").asText())));

        Map<String, String> declared = new HashMap<>();
        for (FunctionCatalog.HttpFunction f : new FunctionCatalog(FunctionCatalog.appFunctionClasses()).http()) {
            for (HttpMethod method : f.trigger().methods()) {
                declared.put(method.name() + " /" + f.trigger().route(), f.name());
            }
        }
        assertEquals(declared, documented);
    }

    @Test
    void everyAuthenticatedOperationDocumentsItsRefusals() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Path.of("docs/openapi.json").toFile());
        Set<String> problemTypes = new HashSet<>();
        Arrays.stream(ProblemType.values()).forEach(t -> problemTypes.add(t.uri()));
        root.get("paths").forEach(path -> path.forEach(op -> {
            boolean open = op.has("security") && op.get("security").isEmpty();
            if (!open) {
                for (String status : new String[] {"401", "403", "421", "503"}) {
                    assertTrue(op.get("responses").has(status), op.get("operationId").asText() + " lacks " + status);
                }
            }
        }));
        assertTrue(problemTypes.stream().allMatch(u -> u.startsWith("urn:strongroom:problem:")));
    }
}
