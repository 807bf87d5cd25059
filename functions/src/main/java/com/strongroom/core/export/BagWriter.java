package com.strongroom.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a BagIt bag (RFC 8493, version 1.0) into a ZIP under one top-level directory: payload files under
 * {@code data/} first, as they are produced, each hashed with SHA-512 on the way; then the tag files, which need
 * those digests: {@code bagit.txt}, {@code bag-info.txt} (with {@code Payload-Oxum}), {@code manifest-sha512.txt},
 * {@code tagmanifest-sha512.txt}, and {@code tagmanifest-sha512.txt.jws}, a JWS of the tag manifest by the stamp's
 * signing key. Memory: one manifest line per payload file.
 */
final class BagWriter {
    static final String SIGNATURE_FILE = "tagmanifest-sha512.txt.jws";

    private final ZipWriter zip;
    private final String root;
    private final List<String> manifest = new ArrayList<>();
    private long payloadBytes;
    private int payloadFiles;

    BagWriter(ZipWriter zip, String root) {
        this.zip = zip;
        this.root = root + "/";
    }

    /** A payload file at {@code data/<path>}; closing the stream ends it. */
    OutputStream payload(String path) {
        String name = "data/" + path;
        OutputStream entry = zip.entry(root + name);
        MessageDigest sha512 = sha512();
        return new OutputStream() {
            private long size;
            private boolean closed;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sha512.update(b, off, len);
                size += len;
                try {
                    entry.write(b, off, len);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                entry.close();
                manifest.add(HexFormat.of().formatHex(sha512.digest()) + "  " + encodePath(name) + "\n");
                payloadBytes += size;
                payloadFiles++;
            }
        };
    }

    long payloadBytes() {
        return payloadBytes;
    }

    /**
     * Writes the tag files and the ZIP's central directory. {@code info} holds bag-info.txt's fields (Payload-Oxum and
     * Bagging-Date are added); {@code sign} turns the tag manifest's bytes into a compact JWS.
     */
    void finish(Map<String, String> info, String baggingDate, Function<byte[], String> sign) {
        Map<String, byte[]> tags = new LinkedHashMap<>();
        tags.put("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder bagInfo = new StringBuilder();
        info.forEach((label, value) -> bagInfo.append(label).append(": ").append(value).append('\n'));
        bagInfo.append("Bagging-Date: ").append(baggingDate).append('\n');
        bagInfo.append("Payload-Oxum: ").append(payloadBytes).append('.').append(payloadFiles).append('\n');
        tags.put("bag-info.txt", bagInfo.toString().getBytes(StandardCharsets.UTF_8));
        tags.put("manifest-sha512.txt", String.join("", manifest).getBytes(StandardCharsets.UTF_8));
        StringBuilder tagManifest = new StringBuilder();
        tags.forEach((name, bytes) -> tagManifest.append(HexFormat.of().formatHex(sha512().digest(bytes)))
                .append("  ").append(name).append('\n'));
        byte[] tagManifestBytes = tagManifest.toString().getBytes(StandardCharsets.UTF_8);
        tags.put("tagmanifest-sha512.txt", tagManifestBytes);
        tags.put(SIGNATURE_FILE, sign.apply(tagManifestBytes).getBytes(StandardCharsets.US_ASCII));
        tags.forEach(this::whole);
        zip.finish();
    }

    private void whole(String name, byte[] bytes) {
        try (OutputStream entry = zip.entry(root + name)) {
            entry.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** RFC 8493 2.1.3: in a manifest, CR, LF and % (and only those) are percent-encoded. */
    static String encodePath(String path) {
        return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /**
     * A file name safe on every system a customer unpacks on: path separators, control characters and characters
     * Windows refuses become {@code _}; {@code .} and {@code ..} and an empty name become {@code _}, and the name is
     * cut to 200 characters.
     */
    static String safeFileName(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> out.appendCodePoint(
                c < 0x20 || c == 0x7f || "/\\<>:\"|?*".indexOf(c) >= 0 ? '_' : c));
        String safe = out.toString().strip();
        return safe.isEmpty() || safe.equals(".") || safe.equals("..") ? "_" : safe;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is unavailable", e);
        }
    }
}
