package org.rnnlab.datasets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * UTF-8 text that was read as Windows-1252 (or Latin-1) and saved as UTF-8 again ("mojibake"): each accented letter
 * becomes two characters, {@code Ã} or {@code Â} and a sign ({@code PÃ©riphÃ©rique}, {@code Âµg/mÂ³}), a typographic
 * quote three ({@code â€™}). It is what {@code iconv -f windows-1252 -t utf-8} makes of a file that was UTF-8 already: a
 * trial's agency export joined Windows-1252 and UTF-8 files with cat, rnnlab advised iconv for the whole file, and the
 * UTF-8 rows' station names and column headers came out garbled, trained without a word, and a model trained on them
 * then refused clean files for "missing" columns. Text datasets ({@link #SIGNS}) and CSV data ({@link #repaired}) both
 * look for it here.
 */
public final class Mojibake {
    private Mojibake() {
    }

    /**
     * The signs of mojibake in free text: {@code Ã} or {@code Â} and one of the Latin-1 supplement ({@code decepciÃ³n}),
     * typographic quotes {@code â€™}, emojis {@code ðŸ} (a trial's text file trained without a word, its vocabulary full of
     * {@code ã} and {@code ðÿ}). Texts are judged by how many of them hold one (a word in a review may be garbled alone).
     */
    public static final Pattern SIGNS = Pattern.compile("[ÃÂ][\u0080-\u00BF]|â€|ðŸ");

    /** Characters of Windows-1252 bytes 0x80-0x9F, by byte (0 where the code page defines none: Latin-1's control code). */
    private static final String CP1252_HIGH = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

    /**
     * {@code value} repaired, when it is mojibake as a whole: its characters written back as the Windows-1252 (or Latin-1)
     * bytes they were read from form valid UTF-8 with at least one character of two or more bytes, and that UTF-8 holds
     * no control character; else empty. A name or a value is one piece of one source file, so all of it was garbled or none:
     * a clean name with accents stays itself, since a legitimate {@code É}, {@code ö}, {@code µ}, {@code °} or {@code Ñ}
     * is followed by letters or stands alone, which is not valid UTF-8 ({@code Évry}, {@code µg/m³}, {@code Ñandú}); and
     * a name with a character beyond Windows-1252 ({@code ł}, {@code ő}, CJK) was never read as Windows-1252.
     */
    public static Optional<String> repaired(String value) {
        if (value == null || value.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[value.length()];
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int high = c > 0xFF ? CP1252_HIGH.indexOf(c) : -1;
            if (c <= 0xFF) {
                bytes[i] = (byte) c;
            } else if (high >= 0) {
                bytes[i] = (byte) (0x80 + high);
            } else {
                return Optional.empty();
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (decoded.length() == value.length() || decoded.chars().anyMatch(c -> Character.isISOControl(c) && c >= 0x80)) {
            return Optional.empty();
        }
        return Optional.of(decoded);
    }

    /** Whether {@code value} is mojibake as {@link #repaired} judges it. */
    public static boolean isGarbled(String value) {
        return repaired(value).isPresent();
    }

    /** {@code 'PÃ©riphÃ©rique' is 'Périphérique' read as Windows-1252}, for a garbled {@code value}. */
    public static String shown(String value) {
        return "'" + value + "' is '" + repaired(value).orElse(value) + "' read as Windows-1252";
    }

    /**
     * A model's column name and a file's that are one name, one of them garbled ({@code modelGarbled}: the model's, so the
     * training file went through the wrong conversion; else the file's).
     */
    public record Mismatch(String modelName, String fileName, boolean modelGarbled) {
    }

    /** {@code modelName} and {@code fileName} as a {@link Mismatch}, when one is the other garbled; else empty. */
    public static Optional<Mismatch> mismatch(String modelName, String fileName) {
        if (modelName == null || fileName == null) {
            return Optional.empty();
        }
        if (repaired(fileName).filter(modelName::equals).isPresent()) {
            return Optional.of(new Mismatch(modelName, fileName, false));
        }
        if (repaired(modelName).filter(fileName::equals).isPresent()) {
            return Optional.of(new Mismatch(modelName, fileName, true));
        }
        return Optional.empty();
    }

    /**
     * {@code mismatches} as a sentence: {@code the file has 'NO2 [µg/m³]' for 'NO2 [Âµg/mÂ³]' (the model's names are this
     * file's read as Windows-1252: the training file went through a wrong encoding conversion ...)}, and what to do; empty
     * when there are none.
     */
    public static String explained(java.util.List<Mismatch> mismatches) {
        return explained(mismatches, null);
    }

    /**
     * {@link #explained(java.util.List)} for a refusal of {@code file}: when the file was read in an encoding the user
     * declared though it is valid UTF-8 ({@link FileEncoding#utf8ReadAsDeclared}), its garbled names come from that
     * declaration, and the remedy is to leave it out (a review: a UTF-8 file declared {@code --encoding cp1252} was told to
     * convert its source files, the error never saying "leave --encoding out").
     */
    public static String explained(java.util.List<Mismatch> mismatches, java.nio.file.Path file) {
        String declared = FileEncoding.utf8ReadAsDeclared(file);
        if (declared != null && mismatches.stream().noneMatch(Mismatch::modelGarbled) && !mismatches.isEmpty()) {
            return "the file has " + String.join(", ", mismatches.stream().map(m -> "'" + m.fileName() + "' for '"
                    + m.modelName() + "'").toList()) + " (this file's name" + (mismatches.size() == 1 ? " is" : "s are")
                    + " the model's read as " + FileEncoding.declared() + "): the file is valid UTF-8, read in the encoding "
                    + declared + " declares; leave " + declared + " out (UTF-8 is the default)";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (boolean model : new boolean[] {true, false}) {
            java.util.List<Mismatch> side = mismatches.stream().filter(m -> m.modelGarbled() == model).toList();
            if (side.isEmpty()) {
                continue;
            }
            parts.add(String.join(", ", side.stream().map(m -> "'" + m.fileName() + "' for '" + m.modelName() + "'").toList())
                    + (model ? " (the model's name" + (side.size() == 1 ? " is" : "s are") + " this file's read as Windows-1252: "
                    + "the training file went through a wrong encoding conversion; convert each of its source files from its own "
                    + "encoding and retrain)" : " (this file's name" + (side.size() == 1 ? " is" : "s are") + " the model's read as "
                    + "Windows-1252: this file went through a wrong encoding conversion; convert each of its source files from "
                    + "its own encoding)"));
        }
        return parts.isEmpty() ? "" : "the file has " + String.join(", and ", parts) + ": UTF-8 converted again as if it were "
                + "Windows-1252, as iconv -f windows-1252 -t utf-8 does to a file that was UTF-8 already, or to files of different "
                + "encodings joined with cat (a file that was UTF-8 already must not go through iconv)";
    }
}
