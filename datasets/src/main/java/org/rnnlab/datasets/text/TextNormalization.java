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
     * letters, ligatures such as {@code ﬁ}) are left as they are (that would be NFKC).
     */
    NFC;

    /** The text in this form. */
    public String apply(String text) {
        return this == NFC ? Normalizer.normalize(text, Normalizer.Form.NFC) : text;
    }
}
