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
     * line and byte offset.
     */
    String decode(Path file, byte[] bytes) {
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
            throw new DatasetFormatException(file, lineOf(out, out.position(), lf), invalid(bytes, offset, result.length()));
        }
        if (!charset.equals(StandardCharsets.UTF_8) && asciiCompatible()) {
            utf8Inside(file, bytes);
        }
        out.flip();
        String text = out.toString();
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
        if (!high) {
            return;
        }
        if (TextFiles.isUtf8(bytes)) {
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileEncoding.class);
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The refusal of the {@code length} bytes at {@code offset}, with what they likely are. */
    private String invalid(byte[] bytes, int offset, int length) {
        StringBuilder shown = new StringBuilder();
        for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, Math.min(length, 4))); i++) {
            shown.append(shown.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", bytes[i] & 0xFF));
        }
        String likely = TextFiles.isUtf8(bytes) && !charset.equals(StandardCharsets.UTF_8)
                ? "the file is valid UTF-8: leave " + setting + " out (UTF-8 is the default)"
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
        FileEncoding previous = DECLARED.get();
        DECLARED.set(encoding);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                DECLARED.remove();
            } else {
                DECLARED.set(previous);
            }
        }
    }

    @Override
    public String toString() {
        return charset.name();
    }
}
