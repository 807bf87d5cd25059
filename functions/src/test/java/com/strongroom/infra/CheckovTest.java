package com.strongroom.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent scanner nobody here wrote, checkov (pinned, from PyPI, Bicep read natively), finds nothing in the
 * templates but the checks skipped inline, each with its reason; and it does find a weakness put into a copy.
 */
class CheckovTest {
    @TempDir
    Path work;

    @BeforeAll
    static void install() {
        InfraCheck.installCheckov();
    }

    @Test
    void theTemplatesPassCheckovWithAWrittenReasonForEverySkip() {
        InfraCheck.Result result = InfraCheck.checkov(InfraCheck.INFRA);
        JsonNode summary = result.json().get("summary");
        assertEquals(0, summary.get("failed").asInt(), failedChecks(result).toString());
        assertEquals(0, summary.get("parsing_errors").asInt(), result.json().get("results").get("parsing_errors").toString());
        assertTrue(summary.get("passed").asInt() >= 30, "checkov ran its checks: " + summary);
        assertTrue(summary.get("resource_count").asInt() >= 80, "every template was read: " + summary);
        for (JsonNode skipped : result.json().get("results").get("skipped_checks")) {
            String reason = skipped.get("check_result").get("suppress_comment").asText().trim();
            assertTrue(reason.length() >= 40, skipped.get("check_id").asText() + " in " + skipped.get("file_path").asText()
                    + " is skipped without a reason: " + reason);
        }
        assertEquals(0, result.exitCode());
    }

    @Test
    void checkovFindsAStorageAccountThatAcceptsOldTls() throws IOException {
        Path infra = new InfraCheckTest.Breakage("storage-tls", "modules/storage.bicep", "minimumTlsVersion: 'TLS1_2'",
                "minimumTlsVersion: 'TLS1_0'").applyTo(InfraCheck.copyOfInfra(work));
        InfraCheck.Result result = InfraCheck.checkov(infra);
        assertEquals(1, result.exitCode());
        assertTrue(failedChecks(result).contains("CKV_AZURE_44"), failedChecks(result).toString());
    }

    private static List<String> failedChecks(InfraCheck.Result result) {
        List<String> out = new ArrayList<>();
        result.json().get("results").get("failed_checks").forEach(f -> out.add(f.get("check_id").asText()));
        return out;
    }
}
