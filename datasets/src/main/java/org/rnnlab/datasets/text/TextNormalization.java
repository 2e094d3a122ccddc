package org.rnnlab.datasets.text;

import java.text.Normalizer;

/**
 * The Unicode normalization a {@link Tokenizer} applies before anything else. The same visible word can be
 * written in several code point sequences: {@code é} is U+00E9 when composed (NFC, what most keyboards and
 * web pages produce) or {@code e} + U+0301 when decomposed (NFD, common in text from macOS file systems and
 * some editors). Without normalization a model trained on one form finds no known word in the other.
 */
public enum TextNormalization {
    /**
     * No normalization: the text is tokenized as written. The setting of models saved before rnnlab recorded a
     * normalization, which keep their behaviour.
     */
    NONE,
    /**
     * Unicode canonical composition (NFC, {@link Normalizer.Form#NFC}): canonically equivalent sequences become
     * one, so composed and decomposed accents give the same tokens. Compatibility characters (full-width
     * letters, ligatures such as {@code ﬁ}) are left as they are (that is {@link #NFKC}). The default.
     */
    NFC,
    /**
     * Unicode compatibility composition (NFKC, {@link Normalizer.Form#NFKC}, {@code --set normalization=NFKC}): as
     * {@link #NFC}, and compatibility characters become their usual forms, so the full-width forms that Chinese and Japanese
     * input methods type ({@code ６２０５－２ＲＳ}, {@code （ＤＥ）}, U+FF01..U+FF5E) read as {@code 6205-2RS} and {@code (DE)},
     * half-width katakana as katakana, ligatures ({@code ﬁ}) as their letters, superscripts and circled digits ({@code ²},
     * {@code ①}) as digits, the ideographic space U+3000 as a space. It also changes what the distinction was meant to keep
     * ({@code m²} becomes {@code m2}), so it is a setting, not the default.
     */
    NFKC;

    /** The text in this form. */
    public String apply(String text) {
        return switch (this) {
            case NONE -> text;
            case NFC -> Normalizer.normalize(text, Normalizer.Form.NFC);
            case NFKC -> Normalizer.normalize(text, Normalizer.Form.NFKC);
        };
    }

    /** The setting's value ({@code --set normalization=NFC|NFKC}), in any case; NONE is a model's record only, not a setting. */
    public static TextNormalization parse(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("NFC")) {
            return NFC;
        }
        if (v.equalsIgnoreCase("NFKC")) {
            return NFKC;
        }
        throw new IllegalArgumentException("setting normalization must be NFC (the default: composed and decomposed accents are "
                + "one) or NFKC (also full-width letters, digits and punctuation such as ６２０５－２ＲＳ read as 6205-2RS), got '"
                + value + "'");
    }
}
