package com.strongroom.local;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Dev only: Azurite and the Cosmos DB stand-in, started through {@code local/emulators.mjs}. Installs the npm
 * packages from the committed lock file on first use. The emulators exit when this JVM's pipe to them closes,
 * so even a killed JVM leaves no process behind.
 */
public final class Emulators implements AutoCloseable {
    /** The storage emulator's well-known development account key (public, dev only). */
    public static final String AZURITE_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /** The Cosmos DB emulator's well-known key (public, dev only); the stand-in accepts any key. */
    public static final String COSMOS_KEY =
            "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public record Ports(int blob, int queue, int cosmos) {
        public static final Ports ANY = new Ports(0, 0, 0);
    }

    private final Process process;
    private final String blobEndpoint;
    private final String queueEndpoint;
    private final String cosmosEndpoint;

    private Emulators(Process process, JsonNode endpoints) {
        this.process = process;
        this.blobEndpoint = endpoints.get("blob").asText();
        this.queueEndpoint = endpoints.get("queue").asText();
        this.cosmosEndpoint = endpoints.get("cosmos").asText();
    }

    /** Starts the emulators; {@code dataDir} keeps Azurite's data between runs, empty means in memory. */
    public static Emulators start(Path projectDir, Ports ports, Optional<Path> dataDir) {
        Path localDir = projectDir.resolve("local");
        NpmPackages.ensureInstalled(localDir, List.of("azurite", "@vercel/cosmosdb-server"), List.of());
        List<String> command = new ArrayList<>(List.of("node", localDir.resolve("emulators.mjs").toString(),
                "--exit-with-stdin", "--blob-port", Integer.toString(ports.blob()), "--queue-port", Integer.toString(ports.queue()),
                "--cosmos-port", Integer.toString(ports.cosmos())));
        dataDir.ifPresent(dir -> {
            command.add("--location");
            command.add(dir.toString());
        });
        try {
            dataDir.ifPresent(Emulators::createDirectories);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("the emulators did not start (see the messages above)");
            }
            return new Emulators(process, new ObjectMapper().readTree(line));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulators", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String storageConnectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AZURITE_KEY
                + ";BlobEndpoint=" + blobEndpoint + ";QueueEndpoint=" + queueEndpoint + ";";
    }

    /** The ports the emulators listen on. */
    public Ports ports() {
        return new Ports(URI.create(blobEndpoint).getPort(), URI.create(queueEndpoint).getPort(),
                URI.create(cosmosEndpoint).getPort());
    }

    public String cosmosEndpoint() {
        return cosmosEndpoint;
    }

    /** A new Cosmos DB client for the stand-in, with the settings it needs (gateway mode, one region). */
    public CosmosClient newCosmosClient() {
        return new CosmosClientBuilder().endpoint(cosmosEndpoint).key(COSMOS_KEY).gatewayMode()
                .endpointDiscoveryEnabled(false).buildClient();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
