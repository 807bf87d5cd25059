package com.strongroom.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An array and a stream of the same plaintext cut into the same segments, the last one flagged. */
class SegmentsTest {
    private static final int S = ContentFormat.SEGMENT_BYTES;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, S - 1, S, S + 1, 2 * S, 2 * S + 1, 3 * S - 7})
    void arrayAndStreamGiveTheSameSegmentsAsTheFormatCounts(int length) throws IOException {
        byte[] plaintext = new byte[length + 3];
        new Random(length).nextBytes(plaintext);
        List<String> fromArray = cut(Segments.of(plaintext, 3, length));
        List<String> fromStream = cut(Segments.of(new ByteArrayInputStream(plaintext, 3, length)));
        assertEquals(fromArray, fromStream);
        assertEquals(ContentFormat.segmentCount(length), fromArray.size());
        assertEquals(ContentFormat.segmentCount(length), Segments.of(plaintext, 3, length).count().orElseThrow());
        for (int i = 0; i < fromArray.size(); i++) {
            assertEquals(i == fromArray.size() - 1, fromArray.get(i).startsWith("last"), fromArray.toString());
        }
        byte[] joined = fromArray.stream().map(s -> s.substring(s.indexOf(':') + 1)).reduce("", String::concat)
                .getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(Arrays.copyOfRange(plaintext, 3, 3 + length), joined);
    }

    private static List<String> cut(Segments segments) throws IOException {
        List<String> cut = new ArrayList<>();
        while (segments.advance()) {
            cut.add((segments.last() ? "last:" : "more:") + new String(segments.bytes(), segments.offset(),
                    segments.length(), StandardCharsets.ISO_8859_1));
        }
        assertFalse(segments.advance(), "no segment after the last");
        return cut;
    }
}
