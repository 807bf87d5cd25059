package com.strongroom.testing;

import com.nimbusds.jose.JWSObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks an export package as its recipient would, with no help from Strongroom: a ZIP whose one top-level directory
 * is a BagIt bag (RFC 8493) whose every manifest line matches its file, whose Payload-Oxum counts the payload, and
 * whose tag manifest carries a JWS by one of the stamp's public signing keys.
 */
public final class ExportPackages {
    /** A checked bag: its files by path below the bag's directory, and bag-info.txt's fields. */
    public record Bag(String root, Map<String, byte[]> files, Map<String, String> info) {
        public byte[] file(String path) {
            byte[] bytes = files.get(path);
            if (bytes == null) {
                throw new AssertionError("the bag has no " + path + "; it has " + files.keySet());
            }
            return bytes;
        }

        public List<String> payload() {
            return files.keySet().stream().filter(p -> p.startsWith("data/")).toList();
        }
    }

    private ExportPackages() {
    }

    public static Bag check(byte[] zip, String publicKeySet, Path scratch) throws IOException {
        Path file = Files.createTempFile(scratch, "export", ".zip");
        Files.write(file, zip);
        Map<String, byte[]> files = new LinkedHashMap<>();
        String root = null;
        try (ZipFile archive = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            for (ZipEntry entry : archive.stream().toList()) {
                String name = entry.getName();
                String top = name.substring(0, name.indexOf('/'));
                if (root != null && !root.equals(top)) {
                    throw new AssertionError("more than one top-level directory: " + root + ", " + top);
                }
                root = top;
                files.put(name.substring(top.length() + 1), archive.getInputStream(entry).readAllBytes());
            }
        }
        Bag bag = new Bag(root, files, info(new String(files.getOrDefault("bag-info.txt", new byte[0]),
                StandardCharsets.UTF_8)));
        if (!"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".equals(text(bag, "bagit.txt"))) {
            throw new AssertionError("bagit.txt is not a BagIt 1.0 declaration");
        }
        List<String> listed = checkManifest(bag, "manifest-sha512.txt");
        List<String> payload = new ArrayList<>(bag.payload());
        if (!new java.util.TreeSet<>(listed).equals(new java.util.TreeSet<>(payload))) {
            throw new AssertionError("the manifest lists " + listed + " but the payload is " + payload);
        }
        long octets = payload.stream().mapToLong(p -> bag.files().get(p).length).sum();
        if (!(octets + "." + payload.size()).equals(bag.info().get("Payload-Oxum"))) {
            throw new AssertionError("Payload-Oxum " + bag.info().get("Payload-Oxum") + ", payload " + octets + "."
                    + payload.size());
        }
        checkManifest(bag, "tagmanifest-sha512.txt");
        verifySignature(bag.file("tagmanifest-sha512.txt"), text(bag, "tagmanifest-sha512.txt.jws"), publicKeySet);
        return bag;
    }

    private static String text(Bag bag, String path) {
        return new String(bag.file(path), StandardCharsets.UTF_8);
    }

    private static Map<String, String> info(String text) {
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                info.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return info;
    }

    private static List<String> checkManifest(Bag bag, String manifest) {
        List<String> paths = new ArrayList<>();
        for (String line : text(bag, manifest).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String digest = line.substring(0, 128);
            String path = line.substring(130).replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
            if (!digest.equals(sha512(bag.file(path)))) {
                throw new AssertionError(manifest + ": " + path + " does not match its SHA-512");
            }
            paths.add(path);
        }
        return paths;
    }

    private static void verifySignature(byte[] tagManifest, String jws, String publicKeySet) {
        JWSObject parsed = SignedByStamp.verified(jws, publicKeySet, "the tag manifest");
        if (!Arrays.equals(tagManifest, parsed.getPayload().toBytes())) {
            throw new AssertionError("the JWS signs something other than the tag manifest");
        }
    }

    public static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
