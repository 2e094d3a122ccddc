package org.rnnlab.datasets.csv;

import java.util.List;

/**
 * The one rule for a running count (a trip's stop count, a cycle counter): whole numbers, as written, that never fall within
 * any sequence (a missing cell is skipped: the value after it is compared with the one before it), rising in one sequence
 * at least and held from one reading to the next somewhere (a clock or a row number rises at every row: a measurement of
 * time, not a count), its largest value no ADC's full scale ({@link ClippedRuns#fullScale}: a ramp held at 4095 is a clipped
 * signal). Two places judged it before, each with its own edges: {@link ClippedRuns} (a count stays at its last value to the
 * end of a sequence by nature, and is not named a clipped sensor), which took a clock for a count and left out the full
 * scale, and {@link ResampleRules} (a count is resampled by its last value, not averaged into fractions), which took a ramp
 * to 4095 for a count. Now both ask this class, so that a column is a count for both or for neither.
 *
 * <p>After each sequence's own scaling ({@code --set sequenceScaling}) the values are not as written: whether they are whole
 * and the full scale are then not judged ({@code asWritten} false), never falling, rising and held still are.
 *
 * <p>Fed value by value, sequence by sequence ({@link #start()}, {@link #add(double)}), as {@link ResampleRules} reads its
 * cells; {@link #of} judges one feature of sequences of values.
 */
final class RunningCount {

    private final boolean asWritten;
    private boolean whole = true;
    private boolean neverFalls = true;
    private boolean rises;
    private boolean held;
    private double top = Double.NEGATIVE_INFINITY;
    /** The sequence's last value read (NaN at its start): missing cells leave it as it was. */
    private double previous = Double.NaN;

    /** @param asWritten whether the values are as written (else after each sequence's own scaling) */
    RunningCount(boolean asWritten) {
        this.asWritten = asWritten;
    }

    /** Whether feature {@code f} of {@code sequences} ({@code [step][feature]}, NaN: missing) is a running count. */
    static boolean of(List<float[][]> sequences, int f, boolean asWritten) {
        RunningCount count = new RunningCount(asWritten);
        for (float[][] q : sequences) {
            count.start();
            for (float[] step : q) {
                count.add(f < step.length ? step[f] : Float.NaN);
            }
            if (count.ruledOut()) {
                return false;
            }
        }
        return count.is();
    }

    /** A new sequence: its first value is compared with none. */
    void start() {
        previous = Double.NaN;
    }

    /** The next value of the sequence; NaN (missing) is skipped. */
    void add(double v) {
        if (Double.isNaN(v)) {
            return;
        }
        whole &= v == Math.rint(v);
        top = Math.max(top, v);
        if (!Double.isNaN(previous)) {
            neverFalls &= v >= previous;
            rises |= v > previous;
            held |= v == previous;
        }
        previous = v;
    }

    /** Whether the values read so far already rule a running count out (a fall, a fraction as written). */
    boolean ruledOut() {
        return !neverFalls || asWritten && !whole;
    }

    /** Whether the values read are a running count (the class comment's rule). */
    boolean is() {
        return !ruledOut() && rises && held && !(asWritten && ClippedRuns.fullScale((float) top));
    }
}
