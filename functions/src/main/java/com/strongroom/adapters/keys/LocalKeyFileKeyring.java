package com.strongroom.adapters.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.strongroom.core.error.Dependency;
import com.strongroom.core.error.NotFoundException;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.port.DependencyProbe;
import com.strongroom.core.port.KeyEncryptionKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dev-only KEKs: one RSA-3072 private JWK file per tenant key version under {@code <dir>/kek/tenant-<id>/},
 * used with RSA-OAEP-256 through the JCE. Ids look like {@code local:tenant-<id>/<32 hex>}. Never used in Azure,
 * where {@link KeyVaultKeyring} keeps the private keys inside Key Vault.
 */
public final class LocalKeyFileKeyring implements KeyEncryptionKeys {
    private static final Pattern KEK_ID = Pattern.compile("^local:(tenant-[a-z0-9-]{3,63})/([0-9a-f]{32})$");
    private static final int KEY_BITS = 3072;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path kekDir;

    public LocalKeyFileKeyring(Path keysDir) {
        this.kekDir = keysDir.resolve("kek");
    }

    @Override
    public String create(TenantId tenant) {
        byte[] version = new byte[16];
        RANDOM.nextBytes(version);
        String name = "tenant-" + tenant.value();
        String kekId = "local:" + name + "/" + java.util.HexFormat.of().formatHex(version);
        try {
            RSAKey key = new RSAKeyGenerator(KEY_BITS).keyUse(KeyUse.ENCRYPTION).keyID(kekId).generate();
            Path file = fileOf(kekId);
            Files.createDirectories(file.getParent());
            writePrivate(file, key.toJSONString());
            return kekId;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] wrap(String kekId, byte[] key) {
        try {
            return RsaOaep256.wrap(load(kekId).toRSAPublicKey(), key);
        } catch (JOSEException e) {
            throw new IllegalStateException("malformed local key " + kekId, e);
        }
    }

    @Override
    public byte[] unwrap(String kekId, byte[] wrappedKey) {
        try {
            return RsaOaep256.unwrap(load(kekId).toRSAPrivateKey(), wrappedKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("malformed local key " + kekId, e);
        }
    }

    /** Deletes the folder of the tenant's key files, every version in it. */
    @Override
    public void destroy(TenantId tenant) {
        Path folder = kekDir.resolve("tenant-" + tenant.value());
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Probe for the health route: the key folder exists and can be written. */
    public DependencyProbe probe() {
        return DependencyProbe.of(Dependency.KEYS, () -> {
            if (!Files.isDirectory(kekDir.getParent()) || !Files.isWritable(kekDir.getParent())) {
                throw new IllegalStateException("local key folder is not writable");
            }
        });
    }

    private RSAKey load(String kekId) {
        Path file = fileOf(kekId);
        try {
            return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotFoundException("no key " + kekId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("malformed local key " + kekId, e);
        }
    }

    private Path fileOf(String kekId) {
        Matcher m = KEK_ID.matcher(kekId);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a local KEK id");
        }
        return kekDir.resolve(m.group(1)).resolve(m.group(2) + ".jwk.json");
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the folder is dev-only and git-ignored.
        }
    }
}
