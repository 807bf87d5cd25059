package com.strongroom.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipWriterTest {
    private static final Instant AT = Instant.parse("2026-11-30T14:27:10Z");

    @TempDir
    Path dir;

    private static byte[] archive(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipWriter zip = new ZipWriter(out, AT);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            try (OutputStream entry = zip.entry(e.getKey())) {
                entry.write(e.getValue());
            }
        }
        zip.finish();
        return out.toByteArray();
    }

    /**
     * One entry "a.txt" holding "hi": local header with a Zip64 field of zeros, data, Zip64 data descriptor, central
     * header with a Zip64 field, Zip64 end record and locator, end record (APPNOTE 6.3.10 4.3.6 to 4.3.16). Python's
     * zipfile (3.11) and Info-ZIP's {@code unzip -t} read these bytes back as a.txt = "hi", CRC 0xD8932AAC,
     * 2026-11-30 14:27:10, when they were pinned.
     */
    @Test
    void writesTheKnownBytesForOneSmallEntry() throws IOException {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put("a.txt", "hi".getBytes(StandardCharsets.US_ASCII));

        String hex = HexFormat.of().formatHex(archive(one));

        assertEquals("504b03042d000808000065737e5d00000000ffffffffffffffff05001400612e747874"
                + "0100100000000000000000000000000000000000" + "6869"
                + "504b0708ac2a93d802000000000000000200000000000000"
                + "504b01022d002d000808000065737e5dac2a93d8ffffffffffffffff05001c0000000000000000000000ffffffff"
                + "612e747874" + "01001800" + "0200000000000000" + "0200000000000000" + "0000000000000000"
                + "504b06062c000000000000002d002d00000000000000000001000000000000000100000000000000"
                + "4f000000000000005100000000000000"
                + "504b060700000000a00000000000000001000000"
                + "504b050600000000ffffffffffffffffffffffff0000", hex);
    }

    @Test
    void theJdksZipFileReadsEveryEntryBackWithItsNameSizeAndCrc() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Random random = new Random(3);
        entries.put("bag/data/empty", new byte[0]);
        entries.put("bag/data/Übersicht – März.pdf", bytes(random, 70_000));
        entries.put("bag/data/日本語/ファイル.txt", "こんにちは".getBytes(StandardCharsets.UTF_8));
        entries.put("bag/data/big.bin", bytes(random, 3 * 1024 * 1024 + 17));
        Path file = dir.resolve("a.zip");
        Files.write(file, archive(entries));

        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            assertEquals(List.copyOf(entries.keySet()), names);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = zip.getEntry(e.getKey());
                assertEquals(ZipEntry.STORED, entry.getMethod());
                assertEquals(e.getValue().length, entry.getSize());
                assertArrayEquals(e.getValue(), zip.getInputStream(entry).readAllBytes(), e.getKey());
            }
        }
    }

    @Test
    void theSameEntriesMakeTheSameBytes() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("x/1", bytes(new Random(1), 100_000));
        entries.put("x/2", bytes(new Random(2), 5));

        assertArrayEquals(archive(entries), archive(entries));
    }

    @Test
    void refusesAnEntryWhileAnotherIsOpenAndANameThatIsEmpty() {
        ZipWriter zip = new ZipWriter(new ByteArrayOutputStream(), AT);
        zip.entry("a");

        assertThrows(IllegalStateException.class, () -> zip.entry("b"));
        assertThrows(IllegalStateException.class, zip::finish);
        assertThrows(IllegalArgumentException.class, () -> new ZipWriter(new ByteArrayOutputStream(), AT).entry(""));
        assertThrows(IllegalArgumentException.class,
                () -> new ZipWriter(new ByteArrayOutputStream(), Instant.parse("1979-12-31T23:59:59Z")));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
