package com.strongroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.it.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Cosmos DB front's own checks (node's test runner): only the stand-in's missing-document failure of a point
 * read becomes 404; every other failure stays a failure, which the app answers 503.
 */
class CosmosFrontTest {
    @Test
    void frontTranslatesOnlyTheMissingDocumentFailure() throws Exception {
        Path local = TestStack.PROJECT.resolve("local");
        NpmPackages.ensureInstalled(local, List.of("@vercel/cosmosdb-server"), List.of());
        Process node = new ProcessBuilder("node", "--test", "cosmos-front.test.mjs").directory(local.toFile())
                .redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(2, TimeUnit.MINUTES), "node --test did not finish");
        assertEquals(0, node.exitValue(), out);
        assertTrue(out.contains("# fail 0") && !out.contains("# pass 0"), out);
    }
}
