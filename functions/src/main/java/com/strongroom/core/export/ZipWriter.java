package com.strongroom.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a ZIP archive (PKWARE APPNOTE 6.3.10) as a stream: every entry stored (method 0), its CRC-32 and sizes in a
 * data descriptor after the data (flag bit 3), names in UTF-8 (bit 11), and Zip64 records always (4.3.9.2: "ZIP64
 * format MAY be used regardless of the size of a file"), so a package over 4 GiB or 65,535 entries needs no other
 * path. The output is a function of the entries alone (one fixed modification time), which is what lets an export
 * resume by writing the same archive again and skipping what is already stored.
 * <p>
 * Memory: one central-directory record per entry (its name and three numbers) until {@link #finish}.
 */
final class ZipWriter {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int DATA_DESCRIPTOR = 0x08074b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int END = 0x06054b50;
    private static final int VERSION_ZIP64 = 45;
    private static final int FLAGS = 0x0008 | 0x0800;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final long MAGIC_32 = 0xFFFFFFFFL;
    private static final int MAGIC_16 = 0xFFFF;

    private record Entry(byte[] name, long offset, long crc, long size) {
    }

    private final OutputStream out;
    private final int dosTime;
    private final int dosDate;
    private final List<Entry> entries = new ArrayList<>();
    private final byte[] scratch = new byte[64];
    private long offset;
    private EntryStream open;

    ZipWriter(OutputStream out, Instant modified) {
        this.out = out;
        LocalDateTime at = LocalDateTime.ofInstant(modified, ZoneOffset.UTC);
        this.dosTime = (at.getHour() << 11) | (at.getMinute() << 5) | (at.getSecond() / 2);
        this.dosDate = ((at.getYear() - 1980) << 9) | (at.getMonthValue() << 5) | at.getDayOfMonth();
        if (at.getYear() < 1980 || at.getYear() > 2107) {
            throw new IllegalArgumentException("a ZIP time lies between 1980 and 2107");
        }
    }

    /** Bytes written so far. */
    long offset() {
        return offset;
    }

    /** Starts an entry and returns the stream of its data; closing that stream ends the entry. */
    OutputStream entry(String name) {
        if (open != null) {
            throw new IllegalStateException("the previous entry is still open");
        }
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        if (encoded.length == 0 || encoded.length > MAGIC_16) {
            throw new IllegalArgumentException("an entry name is 1 to 65,535 bytes");
        }
        long start = offset;
        int n = 0;
        n = le32(LOCAL_HEADER, n);
        n = neededFlagsMethodTime(n);
        n = le32(0, n);
        n = le32(MAGIC_32, n);
        n = le32(MAGIC_32, n);
        n = le16(encoded.length, n);
        n = le16(20, n);
        write(scratch, n);
        write(encoded, encoded.length);
        // The local Zip64 field carries zeros: the sizes follow in the data descriptor (4.3.9.1, 4.5.3).
        n = le16(ZIP64_EXTRA, 0);
        n = le16(16, n);
        n = le64(0, n);
        n = le64(0, n);
        write(scratch, n);
        open = new EntryStream(encoded, start);
        return open;
    }

    /** Writes the central directory and the end records; the archive is complete. */
    void finish() {
        if (open != null) {
            throw new IllegalStateException("an entry is still open");
        }
        long directoryStart = offset;
        for (Entry entry : entries) {
            int n = 0;
            n = le32(CENTRAL_HEADER, n);
            n = le16(VERSION_ZIP64, n);
            n = neededFlagsMethodTime(n);
            n = le32(entry.crc(), n);
            n = le32(MAGIC_32, n);
            n = le32(MAGIC_32, n);
            n = le16(entry.name().length, n);
            n = le16(28, n);
            n = le16(0, n);
            n = le16(0, n);
            n = le16(0, n);
            n = le32(0, n);
            n = le32(MAGIC_32, n);
            write(scratch, n);
            write(entry.name(), entry.name().length);
            n = le16(ZIP64_EXTRA, 0);
            n = le16(24, n);
            n = le64(entry.size(), n);
            n = le64(entry.size(), n);
            n = le64(entry.offset(), n);
            write(scratch, n);
        }
        long directorySize = offset - directoryStart;
        long zip64End = offset;
        int n = 0;
        n = le32(ZIP64_END, n);
        n = le64(44, n);
        n = le16(VERSION_ZIP64, n);
        n = le16(VERSION_ZIP64, n);
        n = le32(0, n);
        n = le32(0, n);
        n = le64(entries.size(), n);
        n = le64(entries.size(), n);
        n = le64(directorySize, n);
        n = le64(directoryStart, n);
        write(scratch, n);
        n = le32(ZIP64_LOCATOR, 0);
        n = le32(0, n);
        n = le64(zip64End, n);
        n = le32(1, n);
        write(scratch, n);
        n = le32(END, 0);
        n = le16(0, n);
        n = le16(0, n);
        n = le16(MAGIC_16, n);
        n = le16(MAGIC_16, n);
        n = le32(MAGIC_32, n);
        n = le32(MAGIC_32, n);
        n = le16(0, n);
        write(scratch, n);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class EntryStream extends OutputStream {
        private final byte[] name;
        private final long start;
        private final CRC32 crc = new CRC32();
        private long size;
        private boolean closed;

        EntryStream(byte[] name, long start) {
            this.name = name;
            this.start = start;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (closed) {
                throw new IllegalStateException("the entry is closed");
            }
            crc.update(b, off, len);
            size += len;
            ZipWriter.this.write(b, off, len);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            int n = le32(DATA_DESCRIPTOR, 0);
            n = le32(crc.getValue(), n);
            n = le64(size, n);
            n = le64(size, n);
            ZipWriter.this.write(scratch, n);
            entries.add(new Entry(name, start, crc.getValue(), size));
            open = null;
        }
    }

    /** The fields local and central headers share: version needed, flags, method (stored), time and date. */
    private int neededFlagsMethodTime(int at) {
        int n = le16(VERSION_ZIP64, at);
        n = le16(FLAGS, n);
        n = le16(0, n);
        n = le16(dosTime, n);
        return le16(dosDate, n);
    }

    private void write(byte[] bytes, int length) {
        write(bytes, 0, length);
    }

    private void write(byte[] bytes, int off, int length) {
        try {
            out.write(bytes, off, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        offset += length;
    }

    private int le16(int value, int at) {
        scratch[at] = (byte) value;
        scratch[at + 1] = (byte) (value >>> 8);
        return at + 2;
    }

    private int le32(long value, int at) {
        for (int i = 0; i < 4; i++) {
            scratch[at + i] = (byte) (value >>> (8 * i));
        }
        return at + 4;
    }

    private int le64(long value, int at) {
        for (int i = 0; i < 8; i++) {
            scratch[at + i] = (byte) (value >>> (8 * i));
        }
        return at + 8;
    }
}
