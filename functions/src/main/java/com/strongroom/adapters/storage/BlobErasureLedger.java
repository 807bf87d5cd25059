package com.strongroom.adapters.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.specialized.AppendBlobClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.strongroom.adapters.AzureFailures;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.ErasureId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.ErasureLedger;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The erasure ledger as append blobs in a container of its own ({@code erasure-ledger}; in Azure a storage account
 * apart from the restorable data, write-once with protected appends), one blob per month named
 * {@code ledger-YYYY-MM.jsonl}. Each append is one block of JSON lines, one per asset:
 * {@code {"tenantId","assetId","dekId","erasureId","at"}}. An append blob takes 50,000 blocks; a job appends one
 * block per chunk of 100 assets, so a month holds 5 million erasures.
 */
public final class BlobErasureLedger implements ErasureLedger {
    public static final String CONTAINER = "erasure-ledger";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    private final BlobContainerClient container;
    private final Clock clock;

    public BlobErasureLedger(BlobContainerClient container, Clock clock) {
        this.container = container;
        this.clock = clock;
    }

    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Entry entry : entries) {
            ObjectNode line = JSON.createObjectNode();
            line.put("tenantId", entry.tenantId().value());
            line.put("assetId", entry.assetId().value());
            line.put("dekId", entry.dekId().orElse(null));
            line.put("erasureId", entry.erasureId().value());
            line.put("at", entry.at().toString());
            lines.append(line).append('\n');
        }
        byte[] block = lines.toString().getBytes(StandardCharsets.UTF_8);
        AppendBlobClient blob = container.getBlobClient("ledger-" + MONTH.format(clock.instant()) + ".jsonl")
                .getAppendBlobClient();
        AzureFailures.call(Dependency.BLOB, () -> {
            blob.createIfNotExists();
            return blob.appendBlock(new ByteArrayInputStream(block), block.length);
        });
    }

    @Override
    public void forEach(Consumer<Entry> action) {
        List<String> names = AzureFailures.call(Dependency.BLOB, () -> container.listBlobs().stream()
                .map(BlobItem::getName).sorted().toList());
        for (String name : names) {
            AzureFailures.call(Dependency.BLOB, () -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                        container.getBlobClient(name).openInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            action.accept(parse(line));
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Entry parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return new Entry(TenantId.of(node.get("tenantId").asText()), AssetId.of(node.get("assetId").asText()),
                    node.hasNonNull("dekId") ? Optional.of(node.get("dekId").asText()) : Optional.empty(),
                    ErasureId.of(node.get("erasureId").asText()), Instant.parse(node.get("at").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
