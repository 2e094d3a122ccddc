package org.rnnlab.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.core.Json;

/**
 * Reads a zip file that rnnlab wrote (a model bundle or a checkpoint) without trusting it: at most
 * {@link #MAX_ENTRIES} entries, no two of the same name, only the entries the caller allows, and
 * every entry read through a stream that counts the bytes it actually inflates and stops at a limit
 * the caller gives (relative to what the model needs) and at {@link #HARD_LIMIT_BYTES}, whatever the
 * zip's headers claim. So a zip bomb fails after at most the limit's worth of inflation.
 *
 * <p>{@link ZipFile} does not check an entry's CRC-32, so this class does: every entry is read to its
 * end ({@link #bytes}, {@link #json} and {@link #rawArray} read what follows the parsed value too, and a
 * caller of {@link #stream} calls {@link #finish}), and its CRC-32 and size must equal those of the zip's
 * directory. So a file whose content was altered (or damaged) while its stored CRC was kept is refused
 * rather than loaded with other values. Every refusal is a {@link BundleException} naming the file and
 * the entry.
 */
final class SafeZip implements Closeable {
    /** Most entries a bundle or checkpoint may have (they have at most 6). */
    static final int MAX_ENTRIES = 16;
    /** No entry is ever read beyond this many bytes, whatever limit the caller gives. */
    static final long HARD_LIMIT_BYTES = 2L << 30;
    /** Limit of small JSON headers ({@code bundle.json}, {@code checkpoint.json}). */
    static final long HEADER_LIMIT_BYTES = 64 << 10;
    /** Limit of the model card and the training state (a text model's card holds its vocabulary). */
    static final long DOCUMENT_LIMIT_BYTES = 64L << 20;

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;

    private SafeZip(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    /**
     * Opens a zip file and checks its entry list.
     *
     * @param what what the file should be, for messages, e.g. "rnnlab model bundle"
     */
    static SafeZip open(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException(file, "no such file");
        }
        ZipFile zip;
        Path copy = null;
        try {
            if (file.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
                // inside a jar or zip (a model shipped as a resource): ZipFile reads the default file system's files only,
                // so it reads a copy, deleted once opened (a user's model in a jar was called corrupt)
                copy = Files.createTempFile("rnnlab-", ".zip");
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                zip = new ZipFile(copy.toFile(), ZipFile.OPEN_READ | ZipFile.OPEN_DELETE);
            } else {
                zip = new ZipFile(file.toFile());
            }
        } catch (ZipException e) {
            throw new BundleException(file, "not an " + what + " (not a zip file, or truncated: " + e.getMessage() + ")", e);
        } catch (java.io.EOFException e) {
            // the end record's fields point past the file (its last bytes damaged, or the file cut short)
            throw new BundleException(file, "not an " + what + " (damaged or truncated: its zip directory cannot be read)", e);
        } catch (IOException e) {
            throw new BundleException(file, "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy); // opened: the zip keeps reading it; not opened: not needed
                } catch (IOException ignored) {
                    // OPEN_DELETE removes it when the zip is closed
                }
            }
        }
        try {
            if (zip.size() > MAX_ENTRIES) {
                throw new BundleException(file, "not an " + what + ": " + zip.size() + " entries (at most " + MAX_ENTRIES + " expected)");
            }
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            for (int i = 0; all.hasMoreElements(); i++) {
                ZipEntry e = all.nextElement();
                if (i >= MAX_ENTRIES) {
                    throw new BundleException(file, "not an " + what + ": more than " + MAX_ENTRIES + " entries");
                }
                if (entries.put(e.getName(), e) != null) {
                    throw new BundleException(file, "not an " + what + ": entry '" + printable(e.getName()) + "' appears twice");
                }
            }
            return new SafeZip(file, zip, entries);
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    /** The file. */
    Path file() {
        return file;
    }

    /** Entry names, in the zip's order. */
    Set<String> names() {
        return entries.keySet();
    }

    /** Whether the zip has this entry. */
    boolean has(String name) {
        return entries.containsKey(name);
    }

    /**
     * Refuses the file if it has an entry not in {@code allowed}.
     *
     * @param format what defines the allowed entries, for the message, e.g. "bundle format 2"
     */
    void allowOnly(List<String> allowed, String format) {
        for (String name : entries.keySet()) {
            if (!allowed.contains(name)) {
                throw new BundleException(file, "entry '" + printable(name) + "' is not part of " + format + " (which has only "
                        + String.join(", ", allowed) + "): refusing to load the file");
            }
        }
    }

    /** Refuses the file unless it has the entry. */
    void require(String name, String what) {
        if (!has(name)) {
            throw new BundleException(file, "not a complete " + what + ": entry " + name + " is missing");
        }
    }

    /**
     * A stream of an entry's inflated bytes that fails with a {@link BundleException} as soon as more
     * than {@code limit} bytes (or {@link #HARD_LIMIT_BYTES}) come out, and when its end is reached if
     * the bytes read do not have the CRC-32 and size the zip's directory gives. A caller that may stop
     * before the end calls {@link #finish} once it has what it needs.
     */
    InputStream stream(String name, long limit) throws IOException {
        ZipEntry e = entries.get(name);
        if (e == null) {
            throw new BundleException(file, "entry " + name + " is missing");
        }
        long cap = Math.min(limit, HARD_LIMIT_BYTES);
        if (e.getSize() > cap) { // a first, cheap check; the stream below is what counts
            throw tooLarge(file, name, cap);
        }
        return new Bounded(new Checked(zip.getInputStream(e), file, name, e.getCrc(), e.getSize()), file, name, cap);
    }

    /**
     * Reads the rest of an entry's {@link #stream} (still within its limit), so that its CRC-32 and size
     * are checked; a {@link BundleException} if they do not match the zip's directory.
     */
    static void finish(InputStream entry) throws IOException {
        byte[] buf = new byte[8192];
        while (entry.read(buf, 0, buf.length) >= 0) {
            // read (counted, within the limit) and dropped
        }
    }

    /** An entry's bytes, at most {@code limit} of them, checked against its CRC-32. */
    byte[] bytes(String name, long limit) throws IOException {
        try (InputStream in = stream(name, limit)) {
            byte[] b = in.readAllBytes();
            finish(in);
            return b;
        }
    }

    /**
     * Parses a JSON entry of at most {@code limit} bytes, streaming (so an entry that is not JSON fails at
     * its first byte), then reads the rest of the entry for its CRC-32 check; a parse failure names the
     * file and the entry.
     */
    <T> T json(String name, long limit, Class<T> type) throws IOException {
        try (InputStream in = stream(name, limit)) {
            T value = Json.mapper().readValue(unclosable(in), type); // Jackson closes its source: finish reads on
            finish(in);
            if (value == null) { // the entry is the JSON literal null: named here, not as a NullPointerException of its reader
                throw new BundleException(file, "corrupt " + name + ": it holds null (expected a JSON object: the "
                        + type.getSimpleName() + ")");
            }
            return value;
        } catch (JsonProcessingException e) {
            String why = Json.explain(e);
            // a field this version does not define: a newer rnnlab (same format version) or a hand edit, not damage
            boolean unknown = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
            throw damagedOr(name, new BundleException(file, (unknown ? "unreadable " : "corrupt ") + name + ": cannot read "
                    + type.getSimpleName() + " from JSON: " + why + (unknown ? " (a field this rnnlab does not know: was the file "
                    + "written by a newer rnnlab, or edited?)" : ""), e));
        }
    }

    /**
     * The failure to report for an entry that could not be parsed: its CRC-32 failure when its bytes differ from those the
     * zip was written with (damage, which a parser reports as a syntax error or an unknown version), else {@code parseFailure}.
     */
    private BundleException damagedOr(String name, BundleException parseFailure) {
        ZipEntry e = entries.get(name);
        if (e == null || e.getSize() < 0 || e.getCrc() < 0) {
            return parseFailure;
        }
        // no more than the size the directory gives is inflated (a zip bomb's lying header trips the bound at once)
        try (InputStream in = stream(name, e.getSize())) {
            finish(in);
        } catch (BundleException damage) {
            if (damage.getMessage().contains("(the file is damaged)")) { // its CRC-32 or size differs from the directory's
                return damage;
            }
            // more bytes than the directory gives came out (this stream is bounded by that size): damaged data, no zip bomb
            return damage.getMessage().contains(" is larger than the ") ? new BundleException(file, "entry " + printable(name)
                    + ": holds more than the " + e.getSize() + " bytes the zip's directory says (the file is damaged)") : parseFailure;
        } catch (IOException | RuntimeException other) {
            return parseFailure;
        }
        return parseFailure;
    }

    /** Reads a {@link RawArray} entry of exactly {@code expected} values (which ends at the entry's end), CRC-32 checked. */
    INDArray rawArray(String name, long expected) throws IOException {
        try (InputStream in = stream(name, RawArray.maxBytes(expected))) {
            INDArray array = RawArray.read(in, expected);
            finish(in); // RawArray.read has read the end already, which checked the CRC-32: nothing left
            return array;
        } catch (IOException e) {
            throw damagedOr(name, new BundleException(file, "entry " + name + ": " + (e.getMessage() == null ? (e instanceof java.io.EOFException
                    ? "ends early (the file is cut short or damaged)" : e.getClass().getSimpleName()) : e.getMessage()
                    + (e instanceof java.util.zip.ZipException && !e.getMessage().contains("damaged")
                            ? " (its compressed data cannot be read: the file is damaged)" : "")), e));
        }
    }

    /** A view of a stream whose {@code close} leaves the stream open (for readers that close their source). */
    static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // closed by its owner
            }
        };
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    static BundleException tooLarge(Path file, String name, long cap) {
        return new BundleException(file, "entry " + name + " is larger than the " + cap + " bytes it can be for this model "
                + "(a zip bomb?): refusing to load the file");
    }

    /** An entry name as it may appear in a message: control characters replaced, at most 100 characters. */
    static String printable(String name) {
        String s = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // refusing the file already
        }
    }

    /**
     * Computes the CRC-32 and count of the bytes read and, when the end of the entry is read, refuses the
     * file unless both equal what the zip's directory says ({@code -1}: not known, not checked).
     */
    static final class Checked extends FilterInputStream {
        private final Path file;
        private final String name;
        private final long expectedCrc;
        private final long expectedSize;
        private final CRC32 crc = new CRC32();
        private long count;
        private boolean checked;

        Checked(InputStream in, Path file, String name, long expectedCrc, long expectedSize) {
            super(in);
            this.file = file;
            this.name = name;
            this.expectedCrc = expectedCrc;
            this.expectedSize = expectedSize;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw unreadable(e);
            }
            if (b >= 0) {
                crc.update(b);
                count++;
            } else {
                atEnd();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                throw unreadable(e);
            }
            if (n > 0) {
                crc.update(b, off, n);
                count += n;
            } else if (n < 0) {
                atEnd();
            }
            return n;
        }

        /** Skipped bytes are read, so that they are part of the CRC-32. */
        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        /**
         * The inflater's failure, named by entry and said in words: a flipped byte gave "corrupt rnnlab model bundle
         * (EOFException: null)" or "(ZipException: invalid distance too far back)", with no entry and no word of damage.
         * Other I/O errors (a disk's) stay what they are.
         */
        private IOException unreadable(IOException e) {
            if (e instanceof java.io.EOFException) {
                throw new BundleException(file, "entry " + name + ": its compressed data end early (the file is truncated or "
                        + "damaged)", e);
            }
            if (e instanceof java.util.zip.ZipException) {
                throw new BundleException(file, "entry " + name + ": its compressed data cannot be read (the file is damaged"
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
            }
            return e;
        }

        private void atEnd() {
            if (checked) {
                return;
            }
            checked = true;
            if (expectedSize >= 0 && count != expectedSize) {
                throw new BundleException(file, "entry " + name + ": holds " + count + " bytes, but the zip's directory says "
                        + expectedSize + " (the file is damaged)");
            }
            if (expectedCrc >= 0 && crc.getValue() != expectedCrc) {
                throw new BundleException(file, "entry " + name + ": CRC-32 mismatch (the file is damaged)");
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /**
     * The bytes this thread has read from entries through {@link Bounded} since it was last reset: how a test shows that a
     * crafted file is refused after reading little of it (a bound on the work, where a time limit failed on a loaded machine).
     */
    static final ThreadLocal<long[]> BYTES_READ = ThreadLocal.withInitial(() -> new long[1]);

    /** Counts the bytes read and fails past the limit. */
    static final class Bounded extends FilterInputStream {
        private final Path file;
        private final String name;
        private final long limit;
        private long count;

        Bounded(InputStream in, Path file, String name, long limit) {
            super(in);
            this.file = file;
            this.name = name;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, limit - count + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, limit - count + 1));
            count(s);
            return s;
        }

        private void count(long n) {
            count += n;
            BYTES_READ.get()[0] += n;
            if (count > limit) {
                throw tooLarge(file, name, limit);
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
