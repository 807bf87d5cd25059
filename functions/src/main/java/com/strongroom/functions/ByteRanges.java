package com.strongroom.functions;

import com.microsoft.azure.functions.HttpStatus;
import com.strongroom.core.asset.DownloadAsset;
import com.strongroom.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP side of byte ranges (RFC 9110 section 14): one {@code bytes} range in, 200 or 206 out. */
final class ByteRanges {
    private static final Pattern SINGLE = Pattern.compile("^bytes=(\\d{0,19})-(\\d{0,19})$");

    private ByteRanges() {
    }

    static DownloadAsset.ByteRange parse(String header) {
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw new InvalidInputException("Range", "must be one range: bytes=first-last, bytes=first- or bytes=-n");
        }
        try {
            if (m.group(1).isEmpty()) {
                return new DownloadAsset.ByteRange(OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.of(Long.parseLong(m.group(2))));
            }
            return new DownloadAsset.ByteRange(OptionalLong.of(Long.parseLong(m.group(1))),
                    m.group(2).isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(2))),
                    OptionalLong.empty());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Range", "is out of range");
        }
    }

    static Reply reply(DownloadAsset.Content content) {
        Map<String, String> entity = new LinkedHashMap<>();
        entity.put("Content-Type", content.asset().contentType());
        entity.put("Content-Disposition", AssetViews.contentDisposition(content.asset().name()));
        entity.put("ETag", "\"" + content.asset().sha256() + "\"");
        return reply(content.bytes(), content.first(), content.asset().size(), content.partial(), entity);
    }

    /**
     * {@code bytes} from {@code first} of a representation of {@code total} bytes described by {@code entity}
     * (Content-Type, Content-Disposition, ETag): 206 with Content-Range when partial, else 200.
     */
    static Reply reply(byte[] bytes, long first, long total, boolean partial, Map<String, String> entity) {
        Map<String, String> headers = new LinkedHashMap<>(entity);
        headers.put("Accept-Ranges", "bytes");
        headers.put("X-Content-Type-Options", "nosniff");
        if (partial) {
            headers.put("Content-Range", "bytes " + first + "-" + (first + bytes.length - 1) + "/" + total);
        }
        return Reply.bytes(partial ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK, bytes, headers);
    }
}
