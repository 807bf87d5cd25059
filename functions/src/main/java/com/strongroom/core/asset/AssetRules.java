package com.strongroom.core.asset;

import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Text;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a caller may put into an asset's name, type, metadata and subjects, checked before anything is stored. */
public final class AssetRules {
    public static final int MAX_NAME_CHARS = 255;
    public static final int MAX_METADATA_ENTRIES = 32;
    public static final int MAX_METADATA_VALUE_CHARS = 1024;
    public static final int MAX_SUBJECTS = 100;
    public static final int MAX_SUBJECT_CHARS = 320;
    /** The largest asset: far below what a block blob holds, and what a 24-hour upload session stages at 1.3 MB/s. */
    public static final long MAX_ASSET_BYTES = 100L * 1024 * 1024 * 1024;
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final Pattern CONTENT_TYPE = Pattern.compile(
            "^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}(\\s*;\\s*[\\x21-\\x7e]+(\\s*;\\s*[\\x21-\\x7e]+)*)?$");
    private static final Pattern METADATA_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_.-]{0,63}$");

    private AssetRules() {
    }

    /** A file name: 1-255 characters, no path separators, no control or invisible formatting characters. */
    public static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("name", "is required");
        }
        String name = raw.strip();
        if (name.length() > MAX_NAME_CHARS || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || Text.hasControl(name)) {
            throw new InvalidInputException("name",
                    "must be 1-255 characters without path separators or control characters");
        }
        return name;
    }

    /**
     * The asset's media type: the one declared, else the one its file name implies (the JDK's table of file name
     * extensions), else {@code application/octet-stream}.
     */
    public static String contentType(Optional<String> declared, String name) {
        return contentType(declared.map(String::strip).filter(t -> !t.isEmpty())
                .or(() -> Optional.ofNullable(URLConnection.guessContentTypeFromName(name))));
    }

    public static String contentType(Optional<String> raw) {
        String type = raw.map(String::strip).filter(t -> !t.isEmpty()).orElse(DEFAULT_CONTENT_TYPE);
        if (type.length() > 200 || !CONTENT_TYPE.matcher(type).matches()) {
            throw new InvalidInputException("contentType", "must be a media type such as image/png");
        }
        return type;
    }

    public static Map<String, String> metadata(Map<String, String> raw) {
        if (raw == null) {
            return Map.of();
        }
        if (raw.size() > MAX_METADATA_ENTRIES) {
            throw new InvalidInputException("metadata", "holds at most " + MAX_METADATA_ENTRIES + " entries");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (key == null || !METADATA_KEY.matcher(key).matches()) {
                throw new InvalidInputException("metadata", "keys are 1-64 letters, digits, '_', '.' or '-'");
            }
            if (value == null || value.length() > MAX_METADATA_VALUE_CHARS || Text.hasControl(value)) {
                throw new InvalidInputException("metadata." + key,
                        "must be at most " + MAX_METADATA_VALUE_CHARS + " characters without control characters");
            }
            metadata.put(key, value);
        });
        return metadata;
    }

    /** Data-subject identifiers as given (e-mail, person id, name); they are only ever stored as blind-index values. */
    public static List<String> subjects(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_SUBJECTS) {
            throw new InvalidInputException("subjects", "holds at most " + MAX_SUBJECTS + " identifiers");
        }
        List<String> subjects = new ArrayList<>();
        for (String subject : raw) {
            if (subject == null || subject.isBlank() || subject.strip().length() > MAX_SUBJECT_CHARS
                    || Text.hasControl(subject)) {
                throw new InvalidInputException("subjects",
                        "are 1-" + MAX_SUBJECT_CHARS + " characters each, without control characters");
            }
            subjects.add(subject);
        }
        return subjects;
    }

    public static long size(long size) {
        if (size < 0 || size > MAX_ASSET_BYTES) {
            throw new InvalidInputException("size", "must be 0 to " + MAX_ASSET_BYTES + " bytes");
        }
        return size;
    }

    /** A part size: a whole number of content segments, small enough for one request. */
    public static int partSize(long partSize, long maxPartBytes) {
        if (partSize <= 0 || partSize % ContentFormat.SEGMENT_BYTES != 0 || partSize > maxPartBytes) {
            throw new InvalidInputException("partSize", "must be a multiple of " + ContentFormat.SEGMENT_BYTES
                    + " bytes and at most " + maxPartBytes);
        }
        return (int) partSize;
    }

    public static Optional<String> sha256(Optional<String> raw) {
        raw.ifPresent(hex -> {
            if (!hex.matches("^[0-9a-fA-F]{64}$")) {
                throw new InvalidInputException("sha256", "must be 64 hex digits");
            }
        });
        return raw.map(h -> h.toLowerCase(java.util.Locale.ROOT));
    }
}
