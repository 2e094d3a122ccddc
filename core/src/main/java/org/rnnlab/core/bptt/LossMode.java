package org.rnnlab.core.bptt;

/** Where {@link VanillaRnn} puts its cross-entropy loss. */
public enum LossMode {
    /** One label per sequence, read at the last step t = T-1 (sequence classification). */
    LAST_STEP,
    /** One label per step; the loss is the sum over the steps. */
    EVERY_STEP
}
