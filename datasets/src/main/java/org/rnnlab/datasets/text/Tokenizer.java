package org.rnnlab.datasets.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into tokens, exactly as follows:
 * <ol>
 *   <li>if {@code lowerCase}, the text is lower-cased with {@link Locale#ROOT};</li>
 *   <li>Unicode White_Space characters (space, tab, line breaks, no-break space, U+0085 NEL, ...)
 *       separate tokens and are dropped;</li>
 *   <li>if {@code splitPunctuation}, every punctuation or symbol character (Unicode general categories
 *       P* and S*, e.g. {@code . , ! ? " ( ) - & $}) becomes a token of its own, except an apostrophe
 *       ({@code '} or U+2019) with a letter or digit on both sides, which stays inside its word
 *       ({@code don't}, {@code it's});</li>
 *   <li>everything else (letters, digits, marks) accumulates into words.</li>
 * </ol>
 * Example with the defaults: {@code "Not bad -- I'd say GREAT!"} becomes
 * {@code [not, bad, -, -, i'd, say, great, !]}.
 *
 * @param lowerCase        lower-case before splitting
 * @param splitPunctuation punctuation and symbols become their own tokens (otherwise they stay in words)
 */
public record Tokenizer(boolean lowerCase, boolean splitPunctuation) {

    /** Lower-casing and punctuation splitting, the setting of all rnnlab text datasets. */
    public static Tokenizer defaults() {
        return new Tokenizer(true, true);
    }

    /** The tokens of {@code text}, in order (empty for blank text). */
    public List<String> tokenize(String text) {
        String s = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWhiteSpace(cp)) {
                flush(word, tokens);
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

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    /** Unicode White_Space: Java's whitespace plus no-break spaces and U+0085 (NEL). */
    static boolean isWhiteSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    static boolean isPunctuationOrSymbol(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
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
