package org.rnnlab.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads users' text files (CSV, TSV, one text per line) as strict UTF-8: a UTF-8 byte order mark is
 * dropped, and anything that is not UTF-8 (Latin-1, Windows-1252, UTF-16) is an error that names the file, the
 * byte offset and the line, instead of turning into U+FFFD. Lines end with LF or CRLF; in a file without any LF, with
 * a lone CR (classic Mac OS files): {@link #lines} and {@link #lineStarts} split them alike, so a file of CR-only lines is
 * not read as one long line. In a file with LFs a lone CR is inside a line (a user's try: a CR pasted into a ticket split
 * its line in two, shifting every later id): {@link #lines} reads it as a space, and {@link #lines(Path, String)} says so,
 * naming the lines by their LF count ({@code sed -n Np}). Data files ({@link #readText}) are read in the encoding the user
 * declared for them instead ({@link FileEncoding}: {@code --set encoding=windows-1252}), as strictly; a refusal for not
 * being UTF-8 says how to declare one.
 */
public final class TextFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TextFiles.class);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TextFiles() {
    }

    /**
     * The file's text.
     *
     * @param file        the file
     * @param expectation what the file should be, for the "not found" message (e.g. "a CSV file")
     * @throws DatasetFormatException when the file is missing, a folder, or not UTF-8
     */
    public static String readUtf8(Path file, String expectation) {
        return decode(file, readBytes(file, expectation), null, false);
    }

    /**
     * The text of a data file (CSV, TSV, one text per line): in the encoding declared for this read ({@link
     * FileEncoding#reading}), else as {@link #readUtf8}, whose refusal of a file that is not UTF-8 then also says how to
     * declare its encoding ({@code --set encoding=windows-1252}, {@code --encoding windows-1252}).
     *
     * @throws DatasetFormatException when the file is missing, a folder, or not text in its encoding
     */
    public static String readText(Path file, String expectation) {
        return decode(file, readBytes(file, expectation, true), FileEncoding.declared(), true);
    }

    private static byte[] readBytes(Path file, String expectation) {
        return readBytes(file, expectation, false);
    }

    /** {@code gunzip}: a gzip-compressed file ({@link #isGzip}) is read as the text it holds (data files: {@link #readText}). */
    private static byte[] readBytes(Path file, String expectation, boolean gunzip) {
        if (Files.isDirectory(file)) {
            throw DatasetFormatException.wrongPath(file, "is a folder (expected " + expectation + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw DatasetFormatException.wrongPath(file, notRegular(file, expectation));
        }
        byte[] bytes;
        try {
            bytes = gunzip && isGzip(file) ? gunzipped(file) : Files.readAllBytes(file);
            // checked on the bytes read, before they are decoded and parsed (a review: a second pass over the file cost a read)
            requireShortLines(file, expectation, maxLineBytes(), new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return bytes;
    }

    /**
     * Whether {@code file} is gzip-compressed, by its first two bytes (0x1F 0x8B), not its name: data files ({@link #readText},
     * {@link #newReader}) are then read as the text they hold (trial 78c F6: a 541 MB CSV file kept as 155 MB of gzip had to
     * be unpacked before train, where the reader holds the whole text anyway). False for a file that cannot be read.
     */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return false;
        }
    }

    /**
     * The size of the text a data file holds, in bytes: its size, or for a gzip-compressed file ({@link #isGzip}) its
     * uncompressed size as its gzip trailer gives it (the size modulo 4 GiB of its last member; deflate packs at most
     * {@value #DEFLATE_MAX_RATIO} bytes into one, so a file of over 4 GiB / {@value #DEFLATE_MAX_RATIO} whose trailer says less
     * than its own size holds 4 GiB more, as often as that needs), for the heap a reading takes ({@code CsvTable}). A lower
     * bound for a whole file: a file of more than 4 GiB of text whose trailer still says more than its compressed size holds
     * 4 GiB (or a multiple) more than this (review 78 R3), which reading refuses anyway, as over 2 GiB; a damaged file's
     * trailer says anything up to {@value #DEFLATE_MAX_RATIO} times its size.
     */
    public static long textSize(Path file) {
        long size = file.toFile().length();
        if (size < 18 || !isGzip(file)) {
            return size;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer trailer = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(trailer, size - 4);
            long text = trailer.flip().getInt(0) & 0xFFFFFFFFL;
            while (text < size && size * DEFLATE_MAX_RATIO >= 1L << 32) {
                text += 1L << 32;
            }
            return Math.min(text, size * DEFLATE_MAX_RATIO);
        } catch (IOException e) {
            return size;
        }
    }

    /** Deflate's largest ratio of uncompressed to compressed bytes (about 1032: 258 bytes from a code of 2 bits). */
    static final long DEFLATE_MAX_RATIO = 1032;

    /**
     * A reader of a data file's text in {@code charset} (malformed input reported, as {@link Files#newBufferedReader}
     * does), through gzip for a gzip-compressed file ({@link #isGzip}): for the looks at a file's first lines before it
     * is read whole.
     */
    public static java.io.BufferedReader newReader(Path file, java.nio.charset.Charset charset) throws IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(open(file), charset.newDecoder()));
    }

    /**
     * The bytes of {@code file}, uncompressed when it is gzip-compressed ({@link #isGzip}), opened once. A gzip-compressed file
     * whose gzip header is damaged is refused by name as such (review 78 R3: its compressed bytes were read as text, and the
     * looks at its header lines said "not UTF-8" or named a bad header).
     */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        boolean gzip;
        try {
            in.mark(2);
            gzip = in.read() == 0x1F && in.read() == 0x8B;
            in.reset();
        } catch (IOException e) {
            in.close();
            throw e;
        }
        if (!gzip) {
            return in;
        }
        try {
            return new java.util.zip.GZIPInputStream(in, 64 * 1024);
        } catch (IOException e) { // ZipException (not a gzip header after all), EOFException (cut short in it)
            in.close();
            throw damaged(file, "damaged gzip header: " + e.getMessage());
        }
    }

    /** A gzip-compressed file that gzip cannot read: its name, what is wrong, and how to test it. */
    private static DatasetFormatException damaged(Path file, String what) {
        return new DatasetFormatException(file, "the file is gzip-compressed (its first bytes say so) but damaged or cut short: "
                + what + " (expected a whole gzip file; gzip -t FILE tests one)");
    }

    /**
     * The uncompressed bytes of a gzip-compressed file, in an array sized by its trailer ({@link #textSize}) so that a
     * large file is not copied while it grows; a damaged file is refused with its name and what gzip said.
     */
    private static byte[] gunzipped(Path file) throws IOException {
        long expected = textSize(file);
        byte[] out = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024, expected))];
        int n = 0;
        try (InputStream in = open(file)) {
            for (int r; (r = in.read(out, n, out.length - n)) >= 0; ) {
                n += r;
                if (n == out.length) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    if (out.length >= Integer.MAX_VALUE - 16) {
                        throw new DatasetFormatException(file, "the gzip-compressed file holds more than 2 GiB of text, more than "
                                + "one CSV file can be read as (expected a smaller file: split it into files of less than 2 GiB)");
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16, (long) out.length * 3 / 2));
                    out[n++] = (byte) b;
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw damaged(file, e.getMessage());
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * Longest line, in bytes, of a file read here: 1 MiB. These files hold one record a line (a sequence file one time step,
     * a text file one text), and a line of a megabyte is tens of thousands of features or a book; a longer one is not data
     * (a trial's 700 MB row ran the reader out of heap, and predict advised lowering options it does not have, naming no file).
     * The system property {@code rnnlab.maxLineBytes} sets another bound (for tests, with small files).
     */
    public static final long MAX_LINE_BYTES = 1L << 20;

    static long maxLineBytes() {
        return Long.getLong("rnnlab.maxLineBytes", MAX_LINE_BYTES);
    }

    /**
     * Refuses a file with a line of more than {@code max} bytes, naming the line, before anything of it is held in memory: one
     * pass over the file through a small buffer, which stops at the first such line. Lines end with LF; in a file without
     * LF, with a lone CR (as {@link #lineStarts}), so a line longer only when counted to the next LF is refused only once an
     * LF shows the file ends its lines with LF. A file that is one line with no line end at all is said to be that (a header,
     * a row and no more, read as "no data rows after the header", was a 200 MB file without a newline).
     */
    static void requireShortLines(Path file, String expectation, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            requireShortLines(file, expectation, max, in);
        }
    }

    /** {@link #requireShortLines(Path, String, long)} of the bytes of {@code file} that {@code in} reads. */
    static void requireShortLines(Path file, String expectation, long max, InputStream in) throws IOException {
        long line = 1; // by LF
        long crLine = 1; // by CR or LF (a file of classic Mac OS line ends)
        long sinceLf = 0;
        long sinceBreak = 0;
        boolean sawLf = false;
        byte[] buffer = new byte[64 * 1024];
        {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (sinceLf > max) { // a first line short only when read by its CRs: the file ends its lines with LF
                            throw longLine(file, expectation, max, line, false);
                        }
                        sawLf = true;
                        line++;
                        crLine++;
                        sinceLf = 0;
                        sinceBreak = 0;
                    } else if (b == '\r') {
                        sinceBreak = 0;
                        crLine++;
                    } else {
                        sinceLf++;
                        sinceBreak++;
                        if (sinceLf > max && (sawLf || sinceBreak > max)) { // too long however the file ends its lines
                            throw longLine(file, expectation, max, sawLf ? line : crLine, crLine == 1 && !hasLineEnd(in, buffer, i + 1, n));
                        }
                    }
                }
            }
        }
    }

    /** Whether a line end (LF or CR) follows: in {@code buffer} from {@code from} to {@code n}, or in the rest of {@code in}. */
    private static boolean hasLineEnd(InputStream in, byte[] buffer, int from, int n) throws IOException {
        for (int i = from; i < n; i++) {
            if (buffer[i] == '\n' || buffer[i] == '\r') {
                return true;
            }
        }
        for (int m; (m = in.read(buffer)) > 0; ) {
            for (int i = 0; i < m; i++) {
                if (buffer[i] == '\n' || buffer[i] == '\r') {
                    return true;
                }
            }
        }
        return false;
    }

    /** The refusal of a line over {@code max} bytes; {@code wholeFile}: the file has no line end at all. */
    private static DatasetFormatException longLine(Path file, String expectation, long max, long line, boolean wholeFile) {
        return new DatasetFormatException(file, line, "more than " + max + " bytes on one line" + (wholeFile ? " (the whole file, "
                + file.toFile().length() + " bytes, is one line with no line end: not a header and rows)" : "") + ": expected "
                + expectation + " of lines up to " + max + " bytes each (a sequence file holds one time step per line, a text "
                + "file one text per line); a longer line is not data (a file that lost its line ends, or a binary file?)");
    }

    /** Decodes bytes read from {@code file} as strict UTF-8 (see the class comment). */
    public static String decode(Path file, byte[] bytes) {
        return decode(file, bytes, null, false);
    }

    /** The advice of a data file's refusal for not being UTF-8: how to declare the encoding {@code name}. */
    private static String declare(String name) {
        return "declare its encoding (train: --set encoding=" + name + "; predict, evaluate, data windows: --encoding " + name + ")";
    }

    /**
     * Decodes bytes read from {@code file}: in {@code declared} when not null, else as strict UTF-8 (see the class comment);
     * {@code dataFile}: a refusal for not being UTF-8 says how to declare the encoding.
     */
    static String decode(Path file, byte[] bytes, FileEncoding declared, boolean dataFile) {
        if (declared == null && bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new DatasetFormatException(file, "the file is UTF-16 (byte order mark at byte offset 0); expected UTF-8: "
                    + (dataFile ? declare("utf-16") + ", or " : "") + "save it as UTF-8, e.g. iconv -f utf-16 -t utf-8");
        }
        String packed = bytes.length >= 2 && bytes[0] == (byte) 0x1F && bytes[1] == (byte) 0x8B ? "gzip"
                : bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4 ? "zip"
                : bytes.length >= 3 && bytes[0] == 'B' && bytes[1] == 'Z' && bytes[2] == 'h' ? "bzip2"
                : bytes.length >= 6 && bytes[0] == (byte) 0xFD && bytes[1] == '7' && bytes[2] == 'z' && bytes[3] == 'X' ? "xz" : null;
        if (packed != null) {
            throw new DatasetFormatException(file, "the file is " + packed + "-compressed (its first bytes say so); rnnlab reads plain "
                    + "UTF-8 text: unpack it first (e.g. " + switch (packed) {
                        case "gzip" -> "gunzip -k FILE";
                        case "zip" -> "unzip FILE";
                        case "bzip2" -> "bunzip2 -k FILE";
                        default -> "unxz -k FILE";
                    } + ")");
        }
        for (int i = 0; (declared == null || declared.asciiCompatible()) && i < bytes.length; i++) {
            if (bytes[i] == 0) {
                String expected = declared == null ? "UTF-8" : declared.charset().name();
                throw new DatasetFormatException(file, lineAt(bytes, i), String.format(Locale.ROOT, "byte 0x00 at byte offset %d: not "
                        + "%s text (UTF-16 without a byte order mark, or a binary file?); expected a %s text file%s", i, expected,
                        expected, dataFile ? " (a UTF-16 file: " + declare("utf-16le") + ")" : ""));
            }
        }
        if (declared != null) {
            String text = withoutMarks(file, declared.decode(file, bytes));
            if (dataFile) {
                FileEncoding.decoded(file);
            }
            return text;
        }
        int start = bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2] ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            // windows-1252, not latin1: bytes 0x80-0x9F are its letters and signs (the euro sign, curly quotes) and Latin-1's
            // control codes, so a conversion from Latin-1 turned them into invisible control characters; elsewhere they agree
            String mixed = mixedEncodings(bytes, start);
            // the other files of a training run, read as UTF-8: --set encoding would read them in windows-1252 too (trial 75b F8)
            List<String> others = dataFile ? FileEncoding.othersDecoded(file) : List.of();
            throw new DatasetFormatException(file, lineAt(bytes, offset), String.format(Locale.ROOT,
                    "byte 0x%02X at byte offset %d is not valid UTF-8 (expected a UTF-8 file; %s)", bytes[offset] & 0xFF, offset,
                    !mixed.isEmpty() ? mixed : dataFile ? "a Windows-1252 or Latin-1 file (Excel's CSV on Windows): "
                            + declare("windows-1252") + ", or convert it first, e.g. iconv -f windows-1252 -t utf-8"
                            + (others.isEmpty() ? "" : FileEncoding.twoEncodingsInARun(others, "UTF-8", "windows-1252",
                            InputNames.shown(file)))
                            : "a Windows-1252 or Latin-1 file must be converted first, e.g. iconv -f windows-1252 -t utf-8"));
        }
        decoder.flush(out);
        out.flip();
        String text = withoutMarks(file, out.toString());
        if (dataFile) {
            FileEncoding.decoded(file);
        }
        return text;
    }

    /** Whether {@code bytes} are valid UTF-8 throughout. */
    static boolean isUtf8(byte[] bytes) {
        return !StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes), CharBuffer.allocate(bytes.length), true)
                .isError();
    }

    /** {@code decoded} without its DOS end-of-file mark, warning of byte order marks inside it. */
    private static String withoutMarks(Path file, String decoded) {
        String text = withoutEndOfFileMark(file, decoded);
        int bom = text.indexOf('\uFEFF');
        // once per file and content in a process: a file read twice (its layout, then its examples) warned twice
        if (bom >= 0 && BOM_WARNED.add(file.toAbsolutePath().normalize() + "#" + text.hashCode())) {
            // a user's try: two files joined with cat, each starting with a BOM; the second one's stuck to the first word of
            // its line, which then read as an unknown word and changed the prediction, without a word
            LOG.warn("{}:{}: a byte order mark (U+FEFF) inside the file ({} in all; files joined with cat, each starting with one?): "
                    + "it stays part of the label or value it touches, which then reads as another label or fails to parse (a text's "
                    + "tokenizer drops it); remove "
                    + "it, e.g. sed -i 's/\\xEF\\xBB\\xBF//g' FILE", InputNames.shown(file), lineOf(text, bom),
                    text.chars().filter(c -> c == '\uFEFF').count());
        }
        return text;
    }

    /**
     * For a file that is not UTF-8: when some of its lines are UTF-8 with letters beyond ASCII and others are not UTF-8, a
     * sentence saying that the file mixes encodings and how to convert it; else empty. A trial's agency export joined
     * Windows-1252 and UTF-8 files with cat; the advice to convert the file with {@code iconv -f windows-1252} garbled its
     * UTF-8 rows ({@code Périphérique} became {@code PÃ©riphÃ©rique}). A line counts as UTF-8 only when all its bytes
     * beyond ASCII form valid UTF-8, which a Windows-1252 line's accented letters, followed by letters or standing alone, do
     * not.
     */
    static String mixedEncodings(byte[] bytes, int start) {
        boolean crEnds = true;
        for (byte b : bytes) {
            crEnds &= b != '\n';
        }
        int utf8Lines = 0;
        int otherLines = 0;
        long firstUtf8 = 0;
        long firstOther = 0;
        String example = null;
        long line = 1;
        for (int from = start, i = start; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n' && !(crEnds && bytes[i] == '\r')) {
                continue;
            }
            boolean high = false;
            for (int k = from; k < i && !high; k++) {
                high = bytes[k] < 0;
            }
            if (high) {
                try {
                    String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, i - from)).toString();
                    utf8Lines++;
                    if (firstUtf8 == 0) {
                        firstUtf8 = line;
                        example = wordBeyondAscii(text);
                    }
                } catch (java.nio.charset.CharacterCodingException e) {
                    otherLines++;
                    firstOther = firstOther == 0 ? line : firstOther;
                }
            }
            line++;
            from = i + 1;
        }
        if (utf8Lines == 0 || otherLines == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "the file mixes UTF-8 and another encoding: %d line(s) are UTF-8 with letters beyond "
                + "ASCII (e.g. line %d, '%s'), %d are not UTF-8 (e.g. line %d): files of different encodings joined into one (with "
                + "cat?); convert each source file from its own encoding before joining them (iconv -f windows-1252 -t utf-8 on "
                + "the Windows-1252 ones only; a file that is UTF-8 already must not go through iconv): iconv over the whole file "
                + "garbles its UTF-8 lines ('é' becomes 'Ã©')", utf8Lines, firstUtf8, example, otherLines, firstOther);
    }

    /** The first word (between spaces, commas, semicolons, tabs or quotes) of {@code text} with a letter beyond ASCII. */
    private static String wordBeyondAscii(String text) {
        for (String word : text.split("[\\s,;\t\"|]+")) {
            if (word.chars().anyMatch(c -> c >= 0x80)) {
                return word.length() <= 40 ? word : word.substring(0, 37) + "...";
            }
        }
        return "";
    }

    /** Ctrl-Z (U+001A, SUB): the end-of-file mark of DOS, CP/M and old Windows editors ({@code copy /a} still writes one). */
    public static final char END_OF_FILE_MARK = '\u001A';

    /**
     * {@code text} without the DOS end-of-file mark: a Ctrl-Z that ends the file, after its last line's text or after its
     * final line break, and followed by at most one line end, is dropped (a user's try: text files read it as a line or
     * as part of the last word, a text file's last line then got a prediction of its own, where a CSV file's trimmed cells
     * hid it). A Ctrl-Z anywhere else is refused, naming its line and column: it is no text, and read as a character it
     * would change a word or a label without a word.
     */
    static String withoutEndOfFileMark(Path file, String text) {
        int mark = text.indexOf(END_OF_FILE_MARK);
        if (mark < 0) {
            return text;
        }
        String after = text.substring(mark + 1);
        if (after.isEmpty() || after.equals("\n") || after.equals("\r\n") || after.equals("\r")) {
            boolean ownLine = mark == 0 || text.charAt(mark - 1) == '\n' || text.charAt(mark - 1) == '\r';
            // on a line of its own the mark goes with its line end; glued to the last line's text, that line keeps its end
            return text.substring(0, mark) + (ownLine ? "" : after);
        }
        int line = lineOf(text, mark);
        int column = mark - lineStarts(text)[line - 1] + 1;
        throw new DatasetFormatException(file, line, String.format(Locale.ROOT, "U+001A (Ctrl-Z) at line %d, column %d: a "
                + "Ctrl-Z is read only as the old DOS end-of-file mark, at the very end of a file (possibly after its final line "
                + "break), and ignored there; anywhere else it is not text (expected nothing after it but a line end); remove "
                + "it, e.g. tr -d '\\032' < FILE > NEW", line, column));
    }

    private static final java.util.Set<String> BOM_WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The 1-based line of character {@code index} of {@code text} (by {@link #lineStarts}). */
    private static int lineOf(String text, int index) {
        int k = java.util.Arrays.binarySearch(lineStarts(text), index);
        return k >= 0 ? k + 1 : -k - 1;
    }

    /** The 1-based line of byte {@code offset}, lines ending as {@link #lines} says (a lone CR only in a file without LF). */
    static long lineAt(byte[] bytes, int offset) {
        boolean crEnds = true;
        for (byte b : bytes) {
            crEnds &= b != '\n';
        }
        long line = 1;
        for (int i = 0; i < offset; i++) {
            line += bytes[i] == '\n' || crEnds && bytes[i] == '\r' ? 1 : 0;
        }
        return line;
    }

    /** Whether a lone CR ends lines in {@code text}: only when it holds no LF (a classic Mac OS file). */
    private static boolean crEndsLines(String text) {
        return text.indexOf('\n') < 0;
    }

    /** Whether {@code text} has a CR at {@code i} that is neither a line end nor part of a CRLF: a character of its line. */
    private static boolean isLoneCrInLine(String text, int i, boolean crEnds) {
        return !crEnds && text.charAt(i) == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n');
    }

    /**
     * The 1-based lines of {@code text} (by {@link #lines}) that hold a lone CR inside them: none in a file whose lines end
     * in a lone CR.
     */
    public static List<Integer> linesWithInnerCr(String text) {
        List<Integer> out = new ArrayList<>();
        boolean crEnds = crEndsLines(text);
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            } else if (isLoneCrInLine(text, i, crEnds) && (out.isEmpty() || out.get(out.size() - 1) != line)) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * The lines of {@code file}'s {@code text} as {@link #lines(String)} reads them, warning (once per file and content in a
     * process) of lone CRs inside lines, which are read as spaces.
     */
    public static List<String> lines(Path file, String text) {
        warnInnerCr(file, text);
        return lines(text);
    }

    /**
     * {@code text} with each lone CR inside an LF-ended line replaced by a space (so character offsets stay), warning as
     * {@link #lines(Path, String)} does: for parsers such as Commons CSV that would end a record at it (a CR inside a line
     * of a CSV file split its row in two, shifting every later line number).
     */
    public static String innerCrAsSpace(Path file, String text) {
        if (crEndsLines(text) || text.indexOf('\r') < 0 || linesWithInnerCr(text).isEmpty()) {
            return text; // no copy of a CRLF file without a lone CR (a review: every CRLF CSV was copied whole)
        }
        warnInnerCr(file, text);
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (isLoneCrInLine(text, i, false)) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static void warnInnerCr(Path file, String text) {
        List<Integer> inner = linesWithInnerCr(text);
        if (!inner.isEmpty() && CR_WARNED.add(file.toAbsolutePath().normalize() + "#" + text.hashCode())) {
            LOG.warn("{}:{}: a carriage return (CR, \\r) inside the line: the file ends its lines in LF or CRLF, so a CR not "
                    + "followed by LF does not end one and is read as a space ({} line(s) hold one: {}{}; lines are counted by LF, as sed -n Np and wc -l count "
                    + "them); a CR pasted into a text or a cell? remove it, e.g. perl -pi -e 's/\\r(?!\\n)/ /g' FILE",
                    InputNames.shown(file), inner.get(0), inner.size(),
                    inner.stream().limit(10).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
                    inner.size() > 10 ? ", ..." : "");
        }
    }

    private static final java.util.Set<String> CR_WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The text's lines, without their ends (LF, CRLF; a lone CR in a text without LF); line k (1-based) is element k - 1,
     * and the piece after the last line end is the last element (empty if the text ends with a line end). In a text with
     * LFs a lone CR is inside its line and read as a space.
     */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        boolean crEnds = crEndsLines(text);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && crEnds) {
                lines.add(line.toString());
                line.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                i++;
            } else {
                line.append(c == '\r' ? ' ' : c);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * The character index where each line starts (line k, 1-based, at index k - 1); lines end with LF or CRLF, or with a
     * lone CR in a text without LF (as {@link #lines}).
     */
    public static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        boolean crEnds = crEndsLines(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && crEnds) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Why a path that is no regular file cannot be read as one: missing, or a pipe or device (a user's {@code --train
     * <(zcat data.csv.gz)} and {@code /dev/stdin} were "file not found", though they were there).
     */
    public static String notRegular(Path file, String expectation) {
        if (Files.exists(file)) {
            return "a pipe or device, not a regular file (expected " + expectation + "): training reads its data files more than "
                    + "once (their checksum, then the data), so save it to a file first; predict and evaluate read standard input "
                    + "(--input -)";
        }
        return "file not found (expected " + expectation + ")" + backslashHint(file);
    }

    /**
     * For a path that is not there and holds a backslash: a sentence saying that a backslash is part of a name on this system,
     * not a folder separator (Windows paths, {@code daten\train.csv} or {@code .\daten\...}, were "not found" without a word,
     * though {@code daten/train.csv} was there), naming the path with '/' and whether it exists; else empty.
     */
    public static String backslashHint(Path path) {
        String text = path.toString();
        if (text.indexOf('\\') < 0) {
            return "";
        }
        String slashed = text.replace('\\', '/');
        boolean there;
        try {
            there = Files.exists(Path.of(slashed));
        } catch (java.nio.file.InvalidPathException e) {
            there = false;
        }
        return "; the path holds '\\', which is part of a file or folder name on this system, not a folder separator (a Windows "
                + "path?): " + (there ? shellWord(Path.of(slashed).normalize().toString()) + " exists, write the path with '/'"
                : "write folders with '/' (" + shellWord(slashed) + " does not exist either)");
    }

    /**
     * A word, such as a path in a suggested command, as a POSIX shell reads it back: as it stands when it holds only
     * characters no shell treats specially, else in single quotes (a quote inside written {@code '\\''}), so that a
     * printed suggestion can be pasted as printed (trial 81a F1: {@code --curve My Data/curve.csv} was split at the space).
     */
    public static String shellWord(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=,@%+^-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
