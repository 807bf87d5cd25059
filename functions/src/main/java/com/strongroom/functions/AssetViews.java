package com.strongroom.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.strongroom.core.asset.ListAssets;
import com.strongroom.core.asset.StartUpload;
import com.strongroom.core.asset.UpdateAsset;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.model.Asset;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import com.strongroom.core.model.UploadSession;
import com.strongroom.core.port.AssetStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** JSON shapes of the asset, upload and key routes. Subjects are never echoed back: only how many there are. */
final class AssetViews {
    private AssetViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AssetView(String id, String name, String contentType, long size,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String sha256, int subjectCount,
                     Map<String, String> metadata, HoldView legalHold, Instant createdAt, String createdBy,
                     Instant updatedAt) {
        static AssetView of(Asset a) {
            return of(a, true);
        }

        static AssetView of(Asset a, boolean digestShown) {
            return new AssetView(a.id().value(), a.name(), a.contentType(), a.size(), digestShown ? a.sha256() : null,
                    a.subjectIndex().size(), a.metadata(),
                    a.legalHold().map(h -> new HoldView(h.reason(), h.setBy(), h.since())).orElse(null),
                    a.createdAt(), a.createdBy(), a.updatedAt());
        }
    }

    record HoldView(String reason, String setBy, Instant since) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AssetPage(List<AssetView> assets, String continuation) {
        static AssetPage of(ListAssets.Listing listing) {
            AssetStore.Page page = listing.page();
            return new AssetPage(page.assets().stream().map(a -> AssetView.of(a, listing.digestShown())).toList(),
                    page.continuation().orElse(null));
        }
    }

    record StartUploadRequest(String name, String contentType, Long size, Long partSize, String sha256,
                              List<String> subjects, Map<String, String> metadata) {
        StartUpload.Command toCommand(TenantId tenant) {
            if (size == null) {
                throw new InvalidInputException("size", "is required");
            }
            long part = partSize == null ? 0 : partSize;
            if (part > Integer.MAX_VALUE) {
                throw new InvalidInputException("partSize", "is too large");
            }
            return new StartUpload.Command(tenant, name, contentType, size, (int) part, Optional.ofNullable(sha256),
                    subjects, metadata);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UploadView(String id, String name, String contentType, long size, int partSize, int partCount,
                      String sha256, Instant expiresAt) {
        static UploadView of(UploadSession s) {
            return new UploadView(s.id().value(), s.name(), s.contentType(), s.size(), s.partSize(), s.partCount(),
                    s.sha256().orElse(null), s.expiresAt());
        }
    }

    record PartView(int number, long length) {
        static PartView of(UploadPart p) {
            return new PartView(p.number(), p.length());
        }
    }

    /** A JSON merge patch of an asset: absent members stay, {@code legalHold: null} releases a hold. */
    static UpdateAsset.Command patch(TenantId tenant, AssetId asset, JsonNode body, Optional<String> ifMatch) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        List<String> known = List.of("name", "subjects", "metadata", "legalHold");
        body.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new InvalidInputException(f, "is not a known member");
            }
        });
        Optional<String> name = text(body, "name");
        Optional<List<String>> subjects = Optional.ofNullable(body.get("subjects")).map(node -> {
            if (!node.isArray()) {
                throw new InvalidInputException("subjects", "must be an array of strings");
            }
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(textValue(v, "subjects")));
            return values;
        });
        Optional<Map<String, String>> metadata = Optional.ofNullable(body.get("metadata")).map(node -> {
            if (!node.isObject()) {
                throw new InvalidInputException("metadata", "must be an object of strings");
            }
            Map<String, String> values = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> values.put(e.getKey(), textValue(e.getValue(), "metadata")));
            return values;
        });
        UpdateAsset.Hold hold = UpdateAsset.Hold.KEEP;
        Optional<String> reason = Optional.empty();
        if (body.has("legalHold")) {
            JsonNode node = body.get("legalHold");
            if (node.isNull()) {
                hold = UpdateAsset.Hold.RELEASE;
            } else if (node.isObject() && node.size() == 1 && node.has("reason")) {
                hold = UpdateAsset.Hold.SET;
                reason = Optional.of(textValue(node.get("reason"), "legalHold.reason"));
            } else {
                throw new InvalidInputException("legalHold", "must be {\"reason\": \"...\"} or null");
            }
        }
        return new UpdateAsset.Command(tenant, asset, name, subjects, metadata, hold, reason, ifMatch);
    }

    /** An ETag header value for a stored version. */
    static String etag(String version) {
        return version.startsWith("\"") ? version : "\"" + version + "\"";
    }

    /** A header value percent-encoded as UTF-8 (headers carry ASCII only). */
    static String decodeHeader(String value, String field) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be percent-encoded UTF-8");
        }
    }

    /** {@code attachment} with an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 8187). */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static Optional<String> text(JsonNode body, String field) {
        return Optional.ofNullable(body.get(field)).map(v -> textValue(v, field));
    }

    private static String textValue(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return value.asText();
    }
}
