package org.rnnlab.datasets.text;

/** Which tokens a text longer than the maximum length keeps. */
public enum Truncation {
    /** Keep the first {@code maxLength} tokens (drop the end). */
    KEEP_HEAD,
    /**
     * Keep the last {@code maxLength} tokens (drop the beginning): the tokens nearest to the final
     * step, whose output a sequence classifier reads.
     */
    KEEP_TAIL
}
