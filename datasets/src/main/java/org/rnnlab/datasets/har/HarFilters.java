package org.rnnlab.datasets.har;

import java.util.Arrays;
import uk.me.berndporr.iirj.Butterworth;

/**
 * The noise and gravity filters of the UCI HAR pre-processing (Anguita et al., ESANN 2013): a median
 * filter, and Butterworth low-pass filters (iirj) run causally or forward-backward (zero phase).
 *
 * <p>Each Butterworth pass starts in the steady state of its first input value (the filter runs on
 * {@code x - x[0]} and {@code x[0]} is added back; exact for a low-pass with unit DC gain), so a
 * recording that starts at 1 g does not ring for seconds.
 */
public final class HarFilters {

    private HarFilters() {
    }

    /** Whether a Butterworth filter runs once forwards, or forwards then backwards. */
    public enum Phase {
        /** One causal pass (iirj's {@code filter}), with the filter's phase lag. */
        CAUSAL,
        /** Forward then backward pass: no phase lag, squared magnitude response (like MATLAB filtfilt). */
        ZERO_PHASE
    }

    /**
     * Running median over an odd window; near the ends the window shrinks symmetrically (the first and
     * last samples are kept as they are for window 3).
     *
     * @param x      signal
     * @param window odd window length >= 1
     */
    public static double[] median(double[] x, int window) {
        if (window < 1 || window % 2 == 0) {
            throw new IllegalArgumentException("median window must be odd and >= 1, got " + window);
        }
        int half = window / 2;
        double[] out = new double[x.length];
        double[] buf = new double[window];
        for (int i = 0; i < x.length; i++) {
            int h = Math.min(half, Math.min(i, x.length - 1 - i));
            int n = 0;
            for (int j = i - h; j <= i + h; j++) {
                buf[n++] = x[j];
            }
            out[i] = n == 3 ? median3(buf[0], buf[1], buf[2]) : medianOf(buf, n);
        }
        return out;
    }

    private static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static double medianOf(double[] buf, int n) {
        double[] copy = Arrays.copyOf(buf, n);
        Arrays.sort(copy);
        return copy[n / 2];
    }

    /**
     * Butterworth low-pass.
     *
     * @param x          signal
     * @param order      filter order >= 1
     * @param sampleRate sampling rate in Hz
     * @param cutoffHz   cutoff in (0, sampleRate/2)
     * @param phase      causal or zero phase
     */
    public static double[] lowPass(double[] x, int order, double sampleRate, double cutoffHz, Phase phase) {
        if (order < 1) {
            throw new IllegalArgumentException("filter order must be >= 1, got " + order);
        }
        if (!(cutoffHz > 0 && cutoffHz < sampleRate / 2)) {
            throw new IllegalArgumentException("cutoff must be in (0, " + sampleRate / 2 + ") Hz, got " + cutoffHz);
        }
        double[] y = pass(x, order, sampleRate, cutoffHz, false);
        return phase == Phase.ZERO_PHASE ? pass(y, order, sampleRate, cutoffHz, true) : y;
    }

    private static double[] pass(double[] x, int order, double sampleRate, double cutoffHz, boolean backwards) {
        double[] y = new double[x.length];
        if (x.length == 0) {
            return y;
        }
        Butterworth filter = new Butterworth();
        filter.lowPass(order, sampleRate, cutoffHz);
        int n = x.length;
        double start = backwards ? x[n - 1] : x[0];
        for (int k = 0; k < n; k++) {
            int i = backwards ? n - 1 - k : k;
            y[i] = filter.filter(x[i] - start) + start;
        }
        return y;
    }
}
