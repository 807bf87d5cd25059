package com.strongroom.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.adapters.cosmos.CosmosAssetStore;
import com.strongroom.adapters.cosmos.CosmosAuditLog;
import com.strongroom.adapters.cosmos.CosmosDataKeyStore;
import com.strongroom.adapters.cosmos.CosmosGrantStore;
import com.strongroom.adapters.cosmos.CosmosTenantDirectory;
import com.strongroom.adapters.cosmos.CosmosTenantStore;
import com.strongroom.adapters.cosmos.CosmosUploadStore;
import com.strongroom.adapters.storage.BlobCheckpointStore;
import com.strongroom.adapters.storage.BlobContentStore;
import com.strongroom.adapters.storage.BlobErasureLedger;
import com.strongroom.adapters.storage.BlobReceiptStore;
import com.strongroom.config.Settings;
import com.strongroom.local.LocalProvisioner;
import org.junit.jupiter.api.Test;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Container, queue and database names are written in three languages: the Java adapters and settings, the local
 * provisioner, and the Bicep that creates them in Azure. A name that differs works locally and fails in Azure.
 */
class NamesTest {
    static final Path INFRA = Path.of("infra");

    /** The fewest settings local mode starts with, so every default shows. */
    static Map<String, String> localDefaults() {
        return Map.of("STRONGROOM_MODE", "local", "STAMP_REGION", "westeurope", "STORAGE", "UseDevelopmentStorage=true",
                "COSMOS_ENDPOINT", "https://127.0.0.1:8081/", "COSMOS_KEY", "a2V5", "LOCAL_KEYS_DIR", "keys");
    }

    static String read(String file) throws IOException {
        return Files.readString(INFRA.resolve(file));
    }

    /** The quoted strings of a Bicep array literal {@code key: [ ... ]} (the first one in the text). */
    static Set<String> bicepArray(String text, String key) {
        Matcher m = Pattern.compile(key + ": \\[(.*?)\\]", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), key + " not found");
        return quoted(m.group(1));
    }

    /** The union of every array named {@code key} in a template. */
    static Set<String> bicepArrays(String text, String key) {
        Matcher m = Pattern.compile(key + ": \\[(.*?)\\]", Pattern.DOTALL).matcher(text);
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.addAll(quoted(m.group(1)));
        }
        return out;
    }

    static Set<String> quoted(String text) {
        Matcher m = Pattern.compile("'([^'$]+)'").matcher(text);
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void cosmosContainersAreTheSameInJavaLocallyAndInBicep() throws IOException {
        String cosmos = read("modules/cosmos.bicep");
        Matcher declared = Pattern.compile("var metadataContainers = \\[(.*?)\\n\\]", Pattern.DOTALL).matcher(cosmos);
        assertTrue(declared.find());
        Map<String, String> bicep = new HashMap<>();
        Matcher entry = Pattern.compile("name: '([^']+)'\\s+partitionKey: '([^']+)'").matcher(declared.group(1));
        while (entry.find()) {
            bicep.put(entry.group(1), entry.group(2));
        }
        assertTrue(cosmos.contains("id: 'keyring'") && cosmos.contains("'/tenantId'"));
        bicep.put("keyring", "/tenantId");
        assertEquals(new TreeSet<>(LocalProvisioner.CONTAINERS.keySet()), new TreeSet<>(bicep.keySet()));
        LocalProvisioner.CONTAINERS.forEach((name, key) -> assertEquals(key, bicep.get(name), name));
        for (String used : List.of(CosmosTenantStore.CONTAINER, CosmosAssetStore.CONTAINER, CosmosUploadStore.CONTAINER,
                CosmosGrantStore.CONTAINER, CosmosDataKeyStore.CONTAINER, CosmosAuditLog.CONTAINER)) {
            assertTrue(bicep.containsKey(used), used + " is used by the app but not created in Azure");
        }
        assertTrue(cosmos.contains("var databaseName = 'strongroom'"));
        assertEquals("strongroom", Settings.from(localDefaults()).cosmosDatabase());
    }

    @Test
    void blobContainersAndQueuesAreTheSameInJavaLocallyAndInBicep() throws IOException {
        String main = read("main.bicep");
        Set<String> containers = new TreeSet<>(bicepArrays(main, "containerNames"));
        containers.remove("deployments");
        assertEquals(new TreeSet<>(LocalProvisioner.BLOB_CONTAINERS), containers);
        assertTrue(containers.containsAll(List.of(BlobContentStore.CONTAINER, BlobCheckpointStore.CONTAINER,
                BlobErasureLedger.CONTAINER, BlobReceiptStore.CONTAINER)));
        assertEquals(Set.of(BlobCheckpointStore.CONTAINER, BlobErasureLedger.CONTAINER),
                bicepArrays(main, "immutableContainerNames"));
        Settings.Queues queues = Settings.from(localDefaults()).queues();
        Set<String> expected = List.of(queues.erasure(), queues.tenantJobs(), queues.notifications()).stream()
                .flatMap(q -> List.of(q, q + "-poison").stream()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, bicepArray(main, "queueNames"));
    }

    @Test
    void theDirectoryIsTheSameInJavaAndInItsTemplate() throws IOException {
        String directory = read("directory/main.bicep");
        assertTrue(directory.contains("var databaseName = 'strongroom-directory'"));
        assertTrue(directory.contains("id: '" + CosmosTenantDirectory.CONTAINER + "'"));
        assertTrue(read("modules/directoryaccess.bicep").contains("/dbs/strongroom-directory"));
        assertEquals("strongroom-directory", Settings.from(localDefaults()).directoryCosmosDatabase());
    }
}
