package org.rnnlab.datasets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * An encoding the user declared for data files ({@code train --set encoding=windows-1252}, {@code predict} and {@code
 * evaluate --encoding}), read strictly: a byte that is not valid in it is refused naming the file, line and byte offset,
 * never turned into U+FFFD. A trial's air-quality agency had Excel exports in Windows-1252 ({@code µg/m³}, {@code Évry})
 * and could only convert them with iconv first; without a declared encoding files are still read as strict UTF-8 with
 * the detection of {@link TextFiles} (mixed encodings, UTF-16, the advice to declare one).
 *
 * <p>A declared encoding holds for the files of one read ({@link #reading}): training's files (recorded in config.json
 * with the other settings), or one new file of predict or evaluate. A model does not impose its training files' encoding
 * on new data, which often comes from another export.
 *
 * @param charset the encoding
 * @param setting how the user named it, for messages ({@code --set encoding=cp1252})
 */
public record FileEncoding(Charset charset, String setting) {

    /** The encodings messages list (any name or alias Java knows is accepted too). */
    public static final List<String> COMMON = List.of("utf-8", "windows-1252 (cp1252)", "iso-8859-1 (latin1)", "iso-8859-15 (latin9)",
            "utf-16 (with a byte order mark)", "utf-16le", "utf-16be");

    private static final ThreadLocal<FileEncoding> DECLARED = new ThreadLocal<>();

    /**
     * The encoding named {@code name} (a Java charset name or alias: {@code utf-8}, {@code windows-1252}, {@code cp1252},
     * {@code iso-8859-1}, {@code latin1}, {@code utf-16}, ...; case and surrounding spaces do not matter).
     *
     * @param option how the user gave it, for messages ({@code --set encoding}, {@code --encoding})
     * @throws IllegalArgumentException for a name Java does not know, listing the common ones
     */
    public static FileEncoding parse(String name, String option) {
        String n = name == null ? "" : name.strip();
        String alias = switch (n.toLowerCase(Locale.ROOT)) {
            case "latin9" -> "iso-8859-15"; // Java knows LATIN9 only as L9
            case "ansi" -> "windows-1252"; // Windows' own word for its code page in Notepad's "Save as"
            default -> n;
        };
        try {
            if (!alias.isEmpty() && Charset.isSupported(alias)) {
                return new FileEncoding(Charset.forName(alias), option + "=" + n);
            }
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // refused below
        }
        throw new IllegalArgumentException(option + " '" + n + "' is not an encoding Java knows (expected one of "
                + String.join(", ", COMMON) + ", or another Java charset name; a file from Excel on Windows is usually "
                + "windows-1252)");
    }

    /** Whether its text holds ASCII as one byte each, so a 0x00 byte is a sign of UTF-16 or a binary file, as for UTF-8. */
    boolean asciiCompatible() {
        // a decode-only charset (ISO-2022-CN) has no encoder to ask: not counted as such
        return charset.equals(StandardCharsets.UTF_8) || charset.canEncode() && charset.newEncoder().maxBytesPerChar() <= 1.0f;
    }

    /**
     * {@code bytes} of {@code file} as text in this encoding: a byte order mark at its start is dropped (UTF-8's, and
     * UTF-16's that {@code utf-16le} or {@code utf-16be} leave as U+FEFF); a byte sequence invalid in it is refused naming the
     * line and byte offset. A file declared in a one-byte encoding that starts with UTF-8's byte order mark and is valid UTF-8
     * is read as UTF-8, with a warning: the mark wins over the declaration.
     */
    String decode(Path file, byte[] bytes) {
        if (!charset.equals(StandardCharsets.UTF_8) && asciiCompatible() && bytes.length >= 3 && bytes[0] == (byte) 0xEF
                && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF && TextFiles.isUtf8(bytes)) {
            // UTF-8's byte order mark (Excel's "CSV UTF-8") is proof of UTF-8: read as declared, it became 'ï»¿' before the
            // first column's name (a trial's shift file re-saved so, read with the plant's usual windows-1252)
            if (WARNED.add(file.toAbsolutePath().normalize() + "#bom#" + java.util.Arrays.hashCode(bytes))) {
                LOG.warn("{}: declared {} ({}), but the file starts with UTF-8's byte order mark (as Excel's \"CSV UTF-8\" "
                        + "writes) and is valid UTF-8: read as UTF-8", InputNames.shown(file), charset.name(), setting);
            }
            return new FileEncoding(StandardCharsets.UTF_8, setting).decode(file, bytes);
        }
        byteOrder(file, bytes);
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        boolean utf8Bom = charset.equals(StandardCharsets.UTF_8) && bytes.length >= 3 && bytes[0] == (byte) 0xEF
                && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
        int start = utf8Bom ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                (long) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 4));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            boolean lf = false; // lines end in a lone CR only in a file without LF (as TextFiles counts them)
            for (int i = 0; asciiCompatible() && i < bytes.length && !lf; i++) {
                lf = bytes[i] == '\n';
            }
            throw new DatasetFormatException(file, lineOf(out, out.position(), lf), invalid(file, bytes, offset, result.length()));
        }
        if (!charset.equals(StandardCharsets.UTF_8) && asciiCompatible()) {
            utf8Inside(file, bytes);
        }
        out.flip();
        String text = out.toString();
        controlsOfWindows1252(file, bytes, text);
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' && !utf8Bom ? text.substring(1) : text;
    }

    /**
     * Says when a file declared in a one-byte encoding holds UTF-8: refused when some of its lines are UTF-8 and others not
     * (files of both joined with cat: its UTF-8 lines would read as {@code PÃ©riphÃ©rique}), warned of when the whole file
     * is UTF-8 with letters beyond ASCII (read as declared, but likely garbled). A file whose bytes beyond ASCII do not form
     * UTF-8, as a Windows-1252 file's accented letters do not, is silent.
     */
    private void utf8Inside(Path file, byte[] bytes) {
        boolean high = false;
        for (int i = 0; i < bytes.length && !high; i++) {
            high = bytes[i] < 0;
        }
        UTF8_READ_AS_DECLARED.remove(key(file));
        if (!high) {
            return;
        }
        if (TextFiles.isUtf8(bytes)) {
            UTF8_READ_AS_DECLARED.put(key(file), setting);
            if (WARNED.add(file.toAbsolutePath().normalize() + "#" + java.util.Arrays.hashCode(bytes))) {
                LOG.warn("{}: declared {} ({}), but the file is valid UTF-8 throughout, with letters beyond ASCII: read as {}, "
                        + "they turn into pairs of signs ('é' into 'Ã©'); if the file is UTF-8, leave {} out", InputNames.shown(file),
                        charset.name(), setting, charset.name(), setting);
            }
            return;
        }
        String mixed = TextFiles.mixedEncodings(bytes, 0);
        if (!mixed.isEmpty()) {
            throw new DatasetFormatException(file, String.format(Locale.ROOT, "declared %s (%s), but %s; a declared encoding "
                    + "holds for the whole file, so the UTF-8 lines would read garbled", charset.name(), setting, mixed));
        }
    }

    /**
     * The setting ({@code --encoding=cp1252}) of the encoding declared for this read when {@code file} was read in it
     * though valid UTF-8 throughout with letters beyond ASCII; else null. For refusals of names that reading garbled
     * ({@code Ã©tape} for {@code étape}): a trial's refusal of such a time column told the user to convert the file or
     * rename its column, where the remedy was to leave out the encoding they had declared.
     */
    public static String utf8ReadAsDeclared(Path file) {
        FileEncoding declared = DECLARED.get();
        return declared == null || file == null || !declared.setting().equals(UTF8_READ_AS_DECLARED.get(key(file))) ? null
                : declared.setting();
    }

    private static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    /** The option of {@link #setting} as the user gave it ({@code --encoding}, {@code --set encoding}) with {@code name}. */
    private String option(String name) {
        int eq = setting.indexOf('=');
        return (eq < 0 ? setting : setting.substring(0, eq)) + "=" + name;
    }

    /**
     * Refuses a file declared UTF-16 (or UTF-16LE or UTF-16BE) without a byte order mark whose 0x00 bytes say the other
     * byte order: ASCII text has them at odd byte offsets in UTF-16LE, at even ones in UTF-16BE. A review's UTF-16LE file
     * without a BOM (what many Windows tools write as "Unicode"), declared {@code utf-16}, which Java then reads
     * big-endian, decoded into CJK-looking characters without a line break and was refused as an "empty file". A file
     * whose 0x00 bytes say neither (text mostly beyond ASCII) is read as declared.
     */
    private void byteOrder(Path file, byte[] bytes) {
        String name = charset.name();
        if (!name.equals("UTF-16") && !name.equals("UTF-16LE") && !name.equals("UTF-16BE") || bytes.length < 4
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)) {
            return;
        }
        int pairs = Math.min(bytes.length, 1 << 16) / 2;
        int oddZeros = 0;
        int evenZeros = 0;
        for (int k = 0; k < pairs; k++) {
            boolean even = bytes[2 * k] == 0;
            boolean odd = bytes[2 * k + 1] == 0;
            oddZeros += odd && !even ? 1 : 0;
            evenZeros += even && !odd ? 1 : 0;
        }
        int least = Math.max(2, pairs / 4);
        String found = oddZeros >= least && evenZeros * 10 <= oddZeros ? "UTF-16LE"
                : evenZeros >= least && oddZeros * 10 <= evenZeros ? "UTF-16BE" : null;
        // Java reads UTF-16 without a byte order mark big-endian
        String read = name.equals("UTF-16") ? "UTF-16BE" : name;
        if (found == null || found.equals(read)) {
            return;
        }
        throw new DatasetFormatException(file, String.format(Locale.ROOT, "declared %s (%s), %s, but the file has no byte order "
                + "mark and its 0x00 bytes stand at %s byte offsets (%d of the first %d two-byte units, as ASCII letters and digits "
                + "in %s have them): the file is %s%s; declare %s", name, setting, name.equals("UTF-16")
                ? "which without a byte order mark reads big-endian" : "read " + (read.endsWith("LE") ? "little" : "big") + "-endian",
                found.endsWith("LE") ? "odd" : "even", found.endsWith("LE") ? oddZeros : evenZeros, pairs, found, found,
                found.endsWith("LE") ? " (what Windows tools call \"Unicode\")" : "", option(found.toLowerCase(Locale.ROOT))));
    }

    /**
     * Refuses a file declared ISO-8859-1 (latin1) or ISO-8859-15 whose bytes 0x80-0x9F decoded into C1 control characters
     * (U+0080-U+009F): in a Windows-1252 file (Excel's CSV on Windows) those bytes are {@code € ‚ „ … ’ “ ” – —} and
     * other signs, which ISO-8859-1 reads, strictly and without a word, as invisible controls (a review: {@code prix_€}
     * became the feature {@code prix_<U+0080>}, and the model then refused the same file read as windows-1252). Browsers
     * read a latin1 label as windows-1252 for this reason. A valid UTF-8 file is told to leave the setting out instead.
     */
    private void controlsOfWindows1252(Path file, byte[] bytes, String text) {
        if (!charset.name().equals("ISO-8859-1") && !charset.name().equals("ISO-8859-15") || text.length() != bytes.length) {
            return; // one char per byte in these: the char index is the byte offset
        }
        int first = -1;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80 && text.charAt(i) <= 0x9F) {
                first = first < 0 ? i : first;
                count++;
            }
        }
        if (first < 0) {
            return;
        }
        int b = bytes[first] & 0xFF;
        String cp1252 = new String(new byte[] {bytes[first]}, Charset.forName("windows-1252"));
        String likely = TextFiles.isUtf8(bytes) ? "the file is valid UTF-8 (its '’' or '€' are 3 bytes, one of them in "
                + "0x80-0x9F): leave " + setting + " out (UTF-8 is the default)"
                : "the file is most likely windows-1252 (Excel's CSV on Windows), where 0x80-0x9F are signs such as € ’ “ ” – "
                + "(byte 0x" + String.format(Locale.ROOT, "%02X", b) + (cp1252.equals("\uFFFD") ? " has none there" : " is '" + cp1252
                + "'") + "): declare " + option("windows-1252");
        throw new DatasetFormatException(file, TextFiles.lineAt(bytes, first), String.format(Locale.ROOT, "byte 0x%02X at byte "
                + "offset %d is the control character U+%04X in %s, the encoding %s declares (%d such byte(s) in 0x80-0x9F in the "
                + "file; they would become invisible characters in names, labels or values): %s", b, first, b, charset.name(),
                setting, count, likely));
    }

    private static final java.util.Map<String, String> UTF8_READ_AS_DECLARED = new java.util.concurrent.ConcurrentHashMap<>();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileEncoding.class);
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The refusal of the {@code length} bytes at {@code offset}, with what they likely are. */
    private String invalid(Path file, byte[] bytes, int offset, int length) {
        StringBuilder shown = new StringBuilder();
        for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, Math.min(length, 4))); i++) {
            shown.append(shown.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", bytes[i] & 0xFF));
        }
        List<String> others = othersDecoded(file);
        String from = charset.name().toLowerCase(Locale.ROOT);
        String likely = TextFiles.isUtf8(bytes) && !charset.equals(StandardCharsets.UTF_8)
                ? "the file is valid UTF-8: leave " + setting + " out (UTF-8 is the default)" + (!setting.startsWith("--set") ? ""
                : others.isEmpty() ? twoEncodingsInARun(others, charset.name(), from, "FILE").replace("file alone", "file of them alone")
                : twoEncodingsInARun(others, charset.name(), from, others.get(0)))
                : charset.equals(StandardCharsets.UTF_8) ? "a file in another encoding? declare it instead, e.g. windows-1252"
                : "a file in another encoding, or one that mixes encodings (files joined with cat)? declare the file's own encoding, "
                + "or convert it to UTF-8 first";
        return String.format(Locale.ROOT, "byte(s) %s at byte offset %d are not valid %s, the encoding %s declares (%s; expected "
                + "text in %s throughout)", shown, offset, charset.name(), setting, likely, charset.name());
    }

    /** The 1-based line of character {@code end} of the decoded text in {@code out} (lines as {@link TextFiles#lines}). */
    private static long lineOf(CharBuffer out, int end, boolean fileHasLf) {
        boolean lf = fileHasLf;
        for (int i = 0; i < end && !lf; i++) {
            lf = out.get(i) == '\n';
        }
        long line = 1;
        for (int i = 0; i < end; i++) {
            char c = out.get(i);
            line += c == '\n' || (!lf && c == '\r') ? 1 : 0;
        }
        return line;
    }

    /** The encoding declared for the files read on this thread, or null: strict UTF-8 with detection ({@link TextFiles}). */
    public static FileEncoding declared() {
        return DECLARED.get();
    }

    /**
     * The charset of quick looks at a file's first line (is it a header, a labels file?) on this thread: the declared
     * encoding's, else UTF-8; the reading proper checks every byte.
     */
    public static Charset peekCharset() {
        FileEncoding declared = DECLARED.get();
        return declared == null ? StandardCharsets.UTF_8 : declared.charset();
    }

    /**
     * {@code body}'s result, its files read in {@code encoding} (null: strict UTF-8 with detection, also when an outer read
     * declared one).
     */
    public static <T> T reading(FileEncoding encoding, Supplier<T> body) {
        return reading(encoding, false, body);
    }

    /**
     * As {@link #reading(FileEncoding, Supplier)} for the files of a training run ({@link Datasets#open}), which {@code --set
     * encoding} reads all alike: a refusal for the encoding names the run's files read before it ({@link #othersDecoded}).
     * Not predict's and evaluate's files (a folder of sequence files), whose {@code --encoding} is no setting of a run.
     */
    public static <T> T readingRun(FileEncoding encoding, Supplier<T> body) {
        return reading(encoding, true, body);
    }

    private static <T> T reading(FileEncoding encoding, boolean run, Supplier<T> body) {
        FileEncoding previous = DECLARED.get();
        java.util.Map<Path, Path> previousFiles = READ_FILES.get();
        DECLARED.set(encoding);
        if (run) {
            READ_FILES.set(new java.util.LinkedHashMap<>());
        } else {
            READ_FILES.remove();
        }
        try {
            return body.get();
        } finally {
            if (previous == null) {
                DECLARED.remove();
            } else {
                DECLARED.set(previous);
            }
            if (previousFiles == null) {
                READ_FILES.remove();
            } else {
                READ_FILES.set(previousFiles);
            }
        }
    }

    /**
     * The data files decoded so far in this {@link #readingRun}: a training run's files share one encoding ({@code --set
     * encoding}), so the refusal of one of them names the others read in it (trial 75b F8: a UTF-8 training file and a
     * Windows-1252 test file were each refused in turn, with and without the setting, and neither refusal said that the
     * setting holds for every file of the run and that the way out is to convert the one file).
     */
    private static final ThreadLocal<java.util.Map<Path, Path>> READ_FILES = new ThreadLocal<>();

    /** Notes {@code file} as decoded in this read's encoding ({@link #READ_FILES}); nothing outside a {@link #readingRun}. */
    static void decoded(Path file) {
        java.util.Map<Path, Path> files = READ_FILES.get();
        if (files != null) {
            files.putIfAbsent(file.toAbsolutePath().normalize(), file);
        }
    }

    /** The data files other than {@code file} decoded so far in this {@link #readingRun}, as shown in messages. */
    static List<String> othersDecoded(Path file) {
        java.util.Map<Path, Path> files = READ_FILES.get();
        Path self = file.toAbsolutePath().normalize();
        return files == null ? List.of() : files.entrySet().stream().filter(f -> !f.getKey().equals(self))
                .map(f -> InputNames.shown(f.getValue())).toList();
    }

    /**
     * What a refusal adds when a run's files, which {@code --set encoding} reads all alike, are of two encodings: {@code
     * others} were read as {@code otherName}, and the way out is to convert the file {@code convert}, in {@code from}, alone
     * to UTF-8 and train without the setting (iconv's line; {@code FILE} when it is not known yet).
     */
    static String twoEncodingsInARun(List<String> others, String otherName, String from, String convert) {
        int dot = convert.lastIndexOf('.');
        boolean extension = dot > Math.max(convert.lastIndexOf('/'), convert.lastIndexOf('\\')) + 1;
        String converted = (extension ? convert.substring(0, dot) : convert) + "-utf8" + (extension ? convert.substring(dot) : "");
        String named = String.join(", ", others.subList(0, Math.min(3, others.size())))
                + (others.size() > 3 ? " and " + (others.size() - 3) + " more" : ""); // a folder of sequence files: a few named
        return "; --set encoding holds for every file of the run" + (others.isEmpty() ? "" : ", and " + named
                + (others.size() == 1 ? " was" : " were") + " read as " + otherName) + ": for files of both encodings, convert the " + from
                + " file alone to UTF-8 and train without the setting, e.g. iconv -f " + from + " -t utf-8 " + convert + " > " + converted;
    }

    @Override
    public String toString() {
        return charset.name();
    }
}
