package org.rnnlab.datasets.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into tokens, exactly as follows (the same rules are written for other languages in the README,
 * section "Using a model elsewhere: ONNX", and by {@link #rules()}):
 * <ol>
 *   <li>invisible format characters are removed: under rules version 5 ({@link #RULES_VERSION}, new models) every code
 *       point of Unicode category Cf except U+200B (soft hyphen, zero-width joiner and non-joiner, word joiner, the
 *       direction marks, embeddings and isolates U+200E, U+200F, U+061C, U+202A..U+202E, U+2066..U+2069, U+FEFF (a byte
 *       order mark inside a text), tag characters, ...) and the variation selectors U+FE00..U+FE0F and U+E0100..U+E01EF
 *       ({@code \u2068shalom\u2069} reads as {@code shalom}, a lone U+FE0F as nothing); under version 4 (models saved
 *       before version 5, which keep their tokenization) only U+00AD (soft hyphen), U+2060 (word joiner), U+FEFF and
 *       U+200E, U+200F ({@code in\u00ADvoice} reads as {@code invoice} under both);</li>
 *   <li>the text is brought to the {@code normalization} form ({@link TextNormalization#NFC}: composed and
 *       decomposed accents become the same code points; {@link TextNormalization#NFKC}: full-width forms, ligatures and
 *       other compatibility characters become their usual forms too);</li>
 *   <li>if {@code lowerCase}, it is lower-cased with {@link Locale#ROOT} (Unicode's default full lower-case
 *       mapping, the same in every locale; {@code false} keeps case, e.g. for Turkish, whose dotted and dotless i the
 *       locale-free mapping merges and splits wrongly);</li>
 *   <li>white space separates tokens and is dropped: code points of the Unicode categories Zs, Zl and Zp (space,
 *       no-break spaces, line and paragraph separators), U+0009..U+000D (tab, line feed, vertical tab, form feed,
 *       carriage return), U+001C..U+001F, U+0085 (NEL) and U+200B (zero-width space, a break without a space:
 *       {@code invoice\u200Brefund} reads as two words);</li>
 *   <li>with {@code unit} {@link Unit#CHARS}, every other code point is a token of its own (for Chinese, Japanese or
 *       Thai text written without spaces between words), and the next two steps do not apply; with {@link Unit#MIXED},
 *       every code point of the scripts written without spaces ({@link #isUnspaced}: Han, Hiragana, Katakana, Thai, Lao,
 *       Khmer, Myanmar) is a token of its own, and the next two steps apply to the others ({@code 最高です great!}
 *       becomes {@code [最, 高, で, す, great, !]});</li>
 *   <li>if {@code splitPunctuation}, every punctuation or symbol character (Unicode general categories
 *       P* and S*, e.g. {@code . , ! ? " ( ) - & $}) and every code point unassigned in the running Java's Unicode tables
 *       (Cn: Java 17 knows Unicode 13, so the emoji of later versions, such as U+1FAE0, are unassigned there and symbols
 *       (So) in later Javas and Pythons) becomes a token of its own, except an apostrophe
 *       ({@code '} or U+2019) with a letter (L*) or decimal digit (Nd) on both sides, which stays inside its word
 *       ({@code don't}, {@code it's});</li>
 *   <li>everything else (letters, digits, marks) accumulates into words.</li>
 * </ol>
 * Example with the defaults: {@code "Not bad -- I'd say GREAT!"} becomes
 * {@code [not, bad, -, -, i'd, say, great, !]}.
 *
 * @param lowerCase        lower-case before splitting
 * @param splitPunctuation punctuation and symbols become their own tokens (otherwise they stay in words); {@link Unit#WORDS}
 *                         only
 * @param normalization    Unicode normalization applied first; {@link TextNormalization#NONE} in models saved before
 *                         it was recorded, so they keep tokenizing as they were trained
 * @param unit             words (runs of letters, digits and marks), single characters (code points), or words with the
 *                         characters of unspaced scripts single ({@link Unit#MIXED})
 * @param rulesVersion     the version of the rules, 4 or {@link #RULES_VERSION}: which invisible characters step 1 removes
 *                         (4 for models saved before version 5 was recorded, so they keep tokenizing as they were trained)
 */
public record Tokenizer(boolean lowerCase, boolean splitPunctuation, TextNormalization normalization, Unit unit,
                        int rulesVersion) {

    /** What a token is. */
    public enum Unit {
        /** Runs of letters, digits and marks, split at white space (and at punctuation and symbols with splitPunctuation). */
        WORDS,
        /**
         * Every character (code point, not UTF-16 unit) but white space: for scripts written without spaces between words
         * (Chinese, Japanese, Thai, ...), which {@link #WORDS} reads as one rare long word per phrase.
         */
        CHARS,
        /**
         * Words, but every character of the scripts written without spaces ({@link #isUnspaced}: Han, Hiragana, Katakana,
         * Thai, Lao, Khmer, Myanmar) a token of its own: for files mixing such text with spaced languages, whose words
         * {@link #CHARS} breaks up (as BERT's basic tokenizer does for CJK ideographs). {@code tokenize=mixed}.
         */
        MIXED;

        /** The setting's value ({@code --set tokenize=words|chars|mixed}), in any case. */
        public static Unit parse(String value) {
            for (Unit u : values()) {
                if (u.name().equalsIgnoreCase(value.trim())) {
                    return u;
                }
            }
            throw new IllegalArgumentException("setting tokenize must be words, chars or mixed, got '" + value + "'");
        }
    }

    /**
     * Version of the rules {@link #rules()} describes; a change of the rules must change it. 2: U+00AD, U+2060 and U+FEFF
     * removed, U+200B white space (a trial user's {@code in\u00ADvoice} and {@code invoice\u200Brefund} read as unknown words,
     * and in training made second spellings of words in the vocabulary). Models saved under version 1 tokenize by version 2
     * too: only texts holding those four invisible characters read otherwise. 3: U+200E and U+200F (direction marks) removed
     * too (a trial's note: a word next to one read as an unknown word); models saved under versions 1 and 2 tokenize by
     * version 3, as before for every text without those marks. 4: code points unassigned in the running Java's Unicode
     * tables (Cn) are tokens of their own with punctuation and symbols (a trial's {@code great\uD83E\uDEE0}, U+1FAE0, an
     * emoji of Unicode 14: Java 17 has Unicode 13 and glued it into the word, hiding {@code great} from the model, while
     * Python 3.11 and newer Javas read it as a symbol, so the README's Python function and rnnlab on another JDK gave
     * other ids); models saved under versions 1 to 3 tokenize by version 4, as before for every text without such a code
     * point. 5: every format character (category Cf) but U+200B and the variation selectors removed (a trial's bidi
     * isolates U+2066..U+2069, which web pages wrap around users' text, glued to words and hid them; emoji presentation
     * selector U+FE0F and zero-width joiner U+200D were words of their own, a lone U+FE0F classified as if it were a text);
     * recorded in the model ({@code rulesVersion}), as models saved before it keep version 4.
     */
    public static final int RULES_VERSION = 5;

    /** The rules version of models saved before rnnlab recorded one: they tokenize by version 4. */
    public static final int UNRECORDED_RULES_VERSION = 4;

    /**
     * The format characters removed before anything else under rules version 4: soft hyphen, word joiner, zero-width
     * no-break space (BOM), left-to-right and right-to-left marks.
     */
    static final String REMOVED = "\u00AD\u2060\uFEFF\u200E\u200F";

    public Tokenizer {
        if (normalization == null || unit == null) {
            throw new IllegalArgumentException("Tokenizer.normalization and unit must not be null (NONE for no normalization)");
        }
        if (rulesVersion < UNRECORDED_RULES_VERSION || rulesVersion > RULES_VERSION) {
            throw new IllegalArgumentException("Tokenizer.rulesVersion must be " + UNRECORDED_RULES_VERSION + " to " + RULES_VERSION
                    + ", got " + rulesVersion);
        }
    }

    /**
     * A word tokenizer as models saved before rnnlab recorded the unit and rules version have: words, rules version
     * {@value #UNRECORDED_RULES_VERSION}.
     */
    public Tokenizer(boolean lowerCase, boolean splitPunctuation, TextNormalization normalization) {
        this(lowerCase, splitPunctuation, normalization, Unit.WORDS, UNRECORDED_RULES_VERSION);
    }

    /** NFC, lower-casing and punctuation splitting into words by the current rules, the setting of new rnnlab text datasets. */
    public static Tokenizer defaults() {
        return new Tokenizer(true, true, TextNormalization.NFC, Unit.WORDS, RULES_VERSION);
    }

    /** The same settings with another unit. */
    public Tokenizer withUnit(Unit newUnit) {
        return new Tokenizer(lowerCase, splitPunctuation, normalization, newUnit, rulesVersion);
    }

    /** The same settings with lower-casing on or off. */
    public Tokenizer withLowerCase(boolean newLowerCase) {
        return new Tokenizer(newLowerCase, splitPunctuation, normalization, unit, rulesVersion);
    }

    /** The same settings with another normalization. */
    public Tokenizer withNormalization(TextNormalization newNormalization) {
        return new Tokenizer(lowerCase, splitPunctuation, newNormalization, unit, rulesVersion);
    }

    /** The same settings under another rules version. */
    public Tokenizer withRulesVersion(int version) {
        return new Tokenizer(lowerCase, splitPunctuation, normalization, unit, version);
    }

    /**
     * The settings in a few words, for messages and model summaries: e.g. {@code words, lower-cased, NFC, rules 5} or
     * {@code characters, case kept, NFC, rules 5}.
     */
    public String summary() {
        return (switch (unit) {
            case CHARS -> "characters (tokenize=chars)";
            case MIXED -> "words, characters of unspaced scripts (tokenize=mixed)";
            case WORDS -> "words (tokenize=words)";
        }) + ", "
                + (lowerCase ? "lower-cased" : "case kept (lowerCase=false)") + ", " + normalization + " normalization, rules "
                + rulesVersion;
    }

    /**
     * The rules of this tokenizer as one line of text, starting with {@code rnnlab-tokenizer <version>}: what a
     * program in another language needs to reproduce {@link #tokenize} (stored in exported ONNX models).
     */
    public String rules() {
        List<String> steps = new ArrayList<>();
        steps.add(rulesVersion >= 5 ? "remove every code point of category Cf except U+200B, and U+FE00-U+FE0F and U+E0100-U+E01EF"
                : "remove U+00AD, U+2060, U+FEFF, U+200E and U+200F");
        if (normalization != TextNormalization.NONE) {
            steps.add("Unicode " + normalization + " normalization");
        }
        if (lowerCase) {
            steps.add("lower-case by Unicode's default full mapping (Java toLowerCase(Locale.ROOT), Python str.lower())");
        }
        steps.add("split at white space (categories Zs, Zl, Zp and U+0009-U+000D, U+001C-U+001F, U+0085, U+200B), which is dropped");
        if (unit == Unit.CHARS) {
            steps.add("every other code point is a token of its own");
        } else if (unit == Unit.MIXED) {
            steps.add("every code point of the scripts Han, Hiragana, Katakana, Thai, Lao, Khmer and Myanmar (Unicode 13) is a "
                    + "token of its own");
        }
        if (unit != Unit.CHARS && splitPunctuation) {
            steps.add("every code point of categories P*, S* and Cn (unassigned in the tables used, Unicode 13 in Java 17) is a "
                    + "token of its own, except ' (U+0027) or U+2019 between two letters (L*) or decimal digits (Nd), which stays in "
                    + "its word");
        }
        if (unit != Unit.CHARS) {
            steps.add("runs of the other code points are words");
        }
        StringBuilder sb = new StringBuilder("rnnlab-tokenizer ").append(rulesVersion).append(':');
        for (int i = 0; i < steps.size(); i++) {
            sb.append(' ').append(i + 1).append(". ").append(steps.get(i)).append(i + 1 < steps.size() ? ';' : '.');
        }
        return sb.toString();
    }

    /** The tokens of {@code text}, in order (empty for blank text). */
    public List<String> tokenize(String text) {
        String normal = normalization.apply(rulesVersion >= 5 ? withoutFormatCharacters(text) : withoutRemoved(text));
        String s = lowerCase ? normal.toLowerCase(Locale.ROOT) : normal;
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWhiteSpace(cp)) {
                flush(word, tokens);
            } else if (unit == Unit.CHARS) {
                tokens.add(new String(Character.toChars(cp)));
            } else if (unit == Unit.MIXED && isUnspaced(cp)) {
                flush(word, tokens);
                tokens.add(new String(Character.toChars(cp)));
            } else if (splitPunctuation && isPunctuationOrSymbol(cp) && !isInWordApostrophe(s, i, cp, next)) {
                flush(word, tokens);
                tokens.add(new String(Character.toChars(cp)));
            } else {
                word.appendCodePoint(cp);
            }
            i = next;
        }
        flush(word, tokens);
        return tokens;
    }

    /** {@code text} without the {@link #REMOVED} characters (the same string when it holds none). */
    static String withoutRemoved(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (REMOVED.indexOf(text.charAt(i)) >= 0) {
                StringBuilder b = new StringBuilder(text.length());
                text.chars().filter(c -> REMOVED.indexOf(c) < 0).forEach(c -> b.append((char) c));
                return b.toString();
            }
        }
        return text;
    }

    /**
     * {@code text} without the format characters of rules version 5 ({@link #isRemovedFormatCharacter}; the same string when
     * it holds none).
     */
    static String withoutFormatCharacters(String text) {
        if (text.codePoints().noneMatch(Tokenizer::isRemovedFormatCharacter)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isRemovedFormatCharacter(cp)).forEach(b::appendCodePoint);
        return b.toString();
    }

    /**
     * What rules version 5 removes before anything else: category Cf but U+200B (read as white space, a break between
     * words), and the variation selectors (category Mn) U+FE00..U+FE0F and U+E0100..U+E01EF.
     */
    static boolean isRemovedFormatCharacter(int cp) {
        return (Character.getType(cp) == Character.FORMAT && cp != 0x200B) || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /**
     * The code points of the scripts written without spaces between words, Han, Hiragana, Katakana, Thai, Lao, Khmer and
     * Myanmar, as Unicode 13 (Java 17) assigns them: pairs of first and last code point, in order. Fixed here rather than
     * read from the running Java's {@link Character.UnicodeScript}, so that {@link Unit#MIXED} tokenizes alike on every JDK
     * and in the README's Python function, which lists the same ranges.
     */
    static final int[] UNSPACED_RANGES = {
            0x0E01, 0x0E3A, 0x0E40, 0x0E5B, 0x0E81, 0x0E82, 0x0E84, 0x0E84, 0x0E86, 0x0E8A, 0x0E8C, 0x0EA3, 0x0EA5, 0x0EA5,
            0x0EA7, 0x0EBD, 0x0EC0, 0x0EC4, 0x0EC6, 0x0EC6, 0x0EC8, 0x0ECD, 0x0ED0, 0x0ED9, 0x0EDC, 0x0EDF, 0x1000, 0x109F,
            0x1780, 0x17DD, 0x17E0, 0x17E9, 0x17F0, 0x17F9, 0x19E0, 0x19FF, 0x2E80, 0x2E99, 0x2E9B, 0x2EF3, 0x2F00, 0x2FD5,
            0x3005, 0x3005, 0x3007, 0x3007, 0x3021, 0x3029, 0x3038, 0x303B, 0x3041, 0x3096, 0x309D, 0x309F, 0x30A1, 0x30FA,
            0x30FD, 0x30FF, 0x31F0, 0x31FF, 0x32D0, 0x32FE, 0x3300, 0x3357, 0x3400, 0x4DBF, 0x4E00, 0x9FFC, 0xA9E0, 0xA9FE,
            0xAA60, 0xAA7F, 0xF900, 0xFA6D, 0xFA70, 0xFAD9, 0xFF66, 0xFF6F, 0xFF71, 0xFF9D, 0x16FF0, 0x16FF1,
            0x1B000, 0x1B11E, 0x1B150, 0x1B152, 0x1B164, 0x1B167, 0x1F200, 0x1F200, 0x20000, 0x2A6DD, 0x2A700, 0x2B734,
            0x2B740, 0x2B81D, 0x2B820, 0x2CEA1, 0x2CEB0, 0x2EBE0, 0x2F800, 0x2FA1D, 0x30000, 0x3134A
    };

    /** Whether {@code cp} is a character of a script written without spaces ({@link #UNSPACED_RANGES}). */
    public static boolean isUnspaced(int cp) {
        int lo = 0;
        int hi = UNSPACED_RANGES.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < UNSPACED_RANGES[2 * mid]) {
                hi = mid - 1;
            } else if (cp > UNSPACED_RANGES[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    /**
     * Java's whitespace plus no-break spaces, U+0085 (NEL) and U+200B (zero-width space): Unicode's White_Space property,
     * the four information separators U+001C..U+001F, which Java counts as white space, and the zero-width space, a break
     * between words that shows no space.
     */
    static boolean isWhiteSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85 || cp == 0x200B;
    }

    /**
     * Categories P* and S*, and Cn (unassigned here): an emoji newer than the running Java's Unicode tables is a symbol
     * wherever it is known, so it is read as one.
     */
    static boolean isPunctuationOrSymbol(int cp) {
        switch (Character.getType(cp)) {
            case Character.UNASSIGNED, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    private static boolean isInWordApostrophe(String s, int at, int cp, int next) {
        if (cp != '\'' && cp != '\u2019') {
            return false;
        }
        return at > 0 && next < s.length()
                && Character.isLetterOrDigit(s.codePointBefore(at)) && Character.isLetterOrDigit(s.codePointAt(next));
    }
}
