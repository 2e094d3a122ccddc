package org.rnnlab.training;

import java.util.Arrays;
import java.util.List;
import org.rnnlab.core.layers.Activations;
import org.rnnlab.datasets.csv.MissingValues;

/**
 * One sequence read a sample at a time, e.g. one device's accelerometer samples as they arrive: {@link #step} takes the
 * next sample and returns the prediction of the sequence read so far, what {@link SequenceClassifier#predict(float[][])}
 * gives for that prefix (to float rounding: 1e-5 in the tests), in constant time and memory per sample. Made by
 * {@link SequenceClassifier#stream()}; one per device (cheap: a few arrays of the layers' widths), many per classifier.
 * Not thread-safe: a stream is one sequence, so give each to one thread at a time (different streams of a classifier may
 * step on different threads at once).
 *
 * <p>Why: a trial's wearables service received samples one at a time from many devices and had no stateful API; DL4J's
 * {@code rnnTimeStep} fails on rnnlab's {@code last} head, and stepping the recurrent layer by hand through ND4J cost
 * 399 µs of CPU per sample, more than predicting a whole 64-step window. A step here runs the cells' equations in plain
 * Java on the model's parameters ({@link StreamingNetwork}), with the kernels' own tanh and σ ({@link Activations}):
 * <pre>
 *   x   = (raw − mean) / std                                       the model's standardiser
 *   LSTM: [g f o i] = x W + h RW + b;  c = σ(f) c + σ(i) tanh(g);  h = σ(o) tanh(c)
 *   GRU:  r = σ(x W_r + b_r + h RW_r + rb_r);  z = σ(… _z);  n = tanh(x W_n + b_n + r (h RW_n + rb_n));  h = n + z (h − n)
 *   RNN:  h = tanh(x W + h RW + b)
 *   residual layer: y = x + h, or x P + h where the widths differ (h is carried, y goes up)
 *   head: last y_t;  mean (1/t) Σ y (a running sum, in double);  max max_t y (a running maximum);
 *         attention e_t = u · tanh(y_t W + b), M = max_s e_s, S = Σ exp(e_s − M), V = Σ exp(e_s − M) y_s, head V / S
 *         (M, S, V running, in double: a new maximum M' rescales S and V by exp(M − M'))
 *   p = softmax(head W + b)
 * </pre>
 * These are exactly the recurrences predict runs over the whole prefix, and the last, mean, max and attention heads of a
 * prefix extend from one step to the next (an attention score depends on its own step alone; the softmax over the steps
 * so far is the rescaled running sum), so nothing of the past but the state {@code h} (and {@code c}) and the running
 * aggregate is needed. Bidirectional layers, text models, convolutions and per-sequence scaling do not extend so:
 * {@link SequenceClassifier#stream()} refuses them and says to predict sliding windows.
 *
 * <p>Raw values are prepared as predict prepares them, per stream: the model's codes for a missing value
 * ({@code --set naValues}) are missing; a missing value (NaN) is filled by the model's {@code --missing} policy where a
 * stream can do it exactly, {@code ffill} (the feature's last value read by this stream) and {@code zero}; it is refused,
 * naming the feature, under {@code error}, {@code drop} and {@code trim} (as predict refuses the sequence), under
 * {@code interpolate} (the filling needs the value after the gap, which has not come) and under {@code ffill} before the
 * feature's first value (predict fills such a leading gap from a later value). A refused sample changes nothing: the stream
 * continues from the samples before it. Unlike predict, a step logs no warning (untested lengths, values far from the
 * training data): a stream's length grows without end by design.
 *
 * <p>After the classifier is {@linkplain SequenceClassifier#close() closed}, {@link #step} is an
 * {@link IllegalStateException}. A step allocates only its {@link SequenceClassifier.Prediction}; the state is fixed-size.
 */
public final class PredictionStream {
    private final SequenceClassifier classifier;
    private final StreamingNetwork net;
    private final List<String> featureNames;
    private final MissingValues missing;
    /** The model's numeric codes for a missing value (a plain array: a step boxes nothing). */
    private final float[] codes;

    // state: per layer the carried state h (and the LSTM's cell c), the head's aggregate; each written into the spare
    // array and swapped in when the step succeeded, so that a step that fails (a NaN output) leaves the stream as it was
    private final float[][] h;
    private final float[][] hNext;
    private final float[][] c;
    private final float[][] cNext;
    private final double[] sum;
    private final double[] sumNext;
    private final float[] max;
    private final float[] maxNext;
    /** Attention head: the running maximum score M and the sum S, and V in {@link #sum} (each rescaled to M). */
    private double scoreMax;
    private double scoreMaxNext;
    private double weights;
    private double weightsNext;
    /** The last value read of each feature (ffill), and whether one was. */
    private final float[] last;
    private final boolean[] seen;
    private long steps;

    // per-step scratch
    private final float[] x;
    private final float[][] y;      // each layer's output (the state, or with the residual skip)
    private final float[][] z;      // each layer's input projections (gates)
    private final float[][] q;      // the GRU's recurrent projections
    private final float[] pooled;
    private final double[] logits;

    PredictionStream(SequenceClassifier classifier, StreamingNetwork net, InputPreparation preparation) {
        this.classifier = classifier;
        this.net = net;
        this.featureNames = classifier.card().input().featureNames();
        this.missing = preparation.missing();
        this.codes = new float[preparation.codes().size()];
        int i = 0;
        for (Float code : preparation.codes()) {
            codes[i++] = code;
        }
        int n = net.layers.size();
        h = new float[n][];
        hNext = new float[n][];
        c = new float[n][];
        cNext = new float[n][];
        y = new float[n][];
        z = new float[n][];
        q = new float[n][];
        for (int l = 0; l < n; l++) {
            StreamingNetwork.Recurrent r = net.layers.get(l);
            h[l] = new float[r.h()];
            hNext[l] = new float[r.h()];
            y[l] = new float[r.h()];
            z[l] = new float[r.cell().gates * r.h()];
            if (r.cell() == StreamingNetwork.Cell.LSTM) {
                c[l] = new float[r.h()];
                cNext[l] = new float[r.h()];
            }
            if (r.cell() == StreamingNetwork.Cell.GRU) {
                q[l] = new float[r.cell().gates * r.h()];
            }
        }
        sum = new double[net.top()];
        sumNext = new double[net.top()];
        max = new float[net.top()];
        maxNext = new float[net.top()];
        last = new float[net.features];
        seen = new boolean[net.features];
        x = new float[net.features];
        pooled = new float[net.top()];
        logits = new double[net.classes];
        reset();
    }

    /** Forgets everything read: the next step starts a new sequence (e.g. a device reconnected after a gap). */
    public void reset() {
        for (int l = 0; l < h.length; l++) {
            Arrays.fill(h[l], 0f);
            if (c[l] != null) {
                Arrays.fill(c[l], 0f);
            }
        }
        Arrays.fill(sum, 0);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        scoreMax = Double.NEGATIVE_INFINITY;
        weights = 0;
        Arrays.fill(seen, false);
        steps = 0;
    }

    /** The samples read since the stream was made or last reset. */
    public long steps() {
        return steps;
    }

    /**
     * Reads the next sample and returns the prediction of the sequence read so far (since the stream was made or last
     * {@linkplain #reset() reset}), equal to {@code predict} of that prefix.
     *
     * @param sample the raw values of one step, in the card's feature order ({@code card().input().featureNames()}); not
     *               kept or changed
     * @throws InvalidSequenceException for a sample of the wrong width, a value that is not finite, or a missing value the
     *                                  model's policy cannot fill here (naming the feature); the stream is then unchanged
     * @throws IllegalStateException    when the classifier was closed
     */
    public SequenceClassifier.Prediction step(float[] sample) {
        classifier.ensureOpen();
        prepare(sample);
        for (int l = 0; l < net.layers.size(); l++) {
            cell(l, l == 0 ? x : y[l - 1]);
        }
        float[] top = y[y.length - 1];
        long t = steps + 1;
        switch (net.head) {
            case LAST -> System.arraycopy(top, 0, pooled, 0, top.length);
            case MEAN -> {
                for (int j = 0; j < top.length; j++) {
                    sumNext[j] = sum[j] + top[j];
                    pooled[j] = (float) (sumNext[j] / t);
                }
            }
            case MAX -> {
                for (int j = 0; j < top.length; j++) {
                    maxNext[j] = Math.max(max[j], top[j]);
                    pooled[j] = maxNext[j];
                }
            }
            case ATTENTION -> attend(top);
        }
        // train --calibrate prior / temperature: the card's correction and T, as SequenceClassifier applies them to predict's
        double[] p = classifier.card().calibrated(softmax());
        if (!finite(p)) {
            throw new IllegalArgumentException("step " + steps + " of this stream: the model's output is not a number: the "
                    + "sample's values " + Arrays.toString(sample) + " are too large for the network's 32-bit arithmetic ("
                    + featureNames.size() + " features " + featureNames + "); values on the scale of the training data are "
                    + "expected (the stream is unchanged)");
        }
        commit(sample);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new SequenceClassifier.Prediction(best, classifier.labelNames().get(best), p);
    }

    /** The sample checked, its missing values filled and standardised into {@link #x}; nothing of the state changed. */
    private void prepare(float[] sample) {
        if (sample == null) {
            throw new InvalidSequenceException("step " + steps + " of this stream: the sample is null (expected "
                    + net.features + " values " + featureNames + ")", -1, stepIndex(), null);
        }
        if (sample.length != net.features) {
            throw new InvalidSequenceException("step " + steps + " of this stream: " + sample.length + " values, expected "
                    + net.features + " " + featureNames, -1, stepIndex(), null);
        }
        for (int f = 0; f < net.features; f++) {
            float v = sample[f];
            if (isMissing(v)) {
                v = filled(f, sample[f]);
            } else if (!Float.isFinite(v)) {
                throw new InvalidSequenceException("step " + steps + " of this stream, feature " + featureNames.get(f) + ": " + v
                        + " is not a finite number (the stream is unchanged)", -1, stepIndex(), featureNames.get(f));
            }
            x[f] = net.mean == null ? v : (v - net.mean[f]) / net.std[f];
        }
    }

    /** Whether predict reads {@code v} as missing: NaN, or one of the model's codes for a missing value. */
    private boolean isMissing(float v) {
        if (Float.isNaN(v)) {
            return true;
        }
        for (float code : codes) {
            if (code == v) {
                return true;
            }
        }
        return false;
    }

    /** The step a refusal names: the samples read before it (as an int; a stream of over 2^31 samples names the largest). */
    private int stepIndex() {
        return (int) Math.min(steps, Integer.MAX_VALUE);
    }

    /** A refusal of this sample's missing value of feature {@code f}. */
    private InvalidSequenceException refused(int f, String message) {
        return new InvalidSequenceException(message, -1, stepIndex(), featureNames.get(f));
    }

    /** The value predict would put in place of a missing value of feature {@code f}, or a refusal saying why not here. */
    private float filled(int f, float value) {
        String at = "step " + steps + " of this stream, feature " + featureNames.get(f) + ": "
                + (Float.isNaN(value) ? "a missing value (NaN)" : value + " is the model's code for a missing value (naValues)");
        String unchanged = " (the sample is not read: the stream is unchanged)";
        return switch (missing) {
            case ZERO -> 0f;
            case FFILL -> {
                if (!seen[f]) {
                    throw refused(f, at + " before any value of it: the model fills a gap with the feature's "
                            + "last value (--missing ffill), and predict fills a gap at a sequence's start from the first value "
                            + "that comes after it, which a stream cannot wait for; give a value" + unchanged);
                }
                yield last[f];
            }
            case INTERPOLATE -> throw refused(f, at + ": the model fills a gap with the straight line between "
                    + "the values around it (--missing interpolate), which needs the value after the gap, so predict's later "
                    + "answers would differ from the stream's; give a value (e.g. the last one)" + unchanged);
            case DROP -> throw refused(f, at + ": the model drops sequences with a missing value (--missing "
                    + "drop), so predict has no answer for this sequence from here on; give a value, or reset the stream"
                    + unchanged);
            case DROP_STEPS -> throw refused(f, at + ": the model removes every step holding a missing value "
                    + "(--missing drop-steps): leave this sample out of the stream, as predict leaves the step out of the sequence"
                    + unchanged);
            case TRIM -> throw refused(f, at + ": the model removes only the steps at a sequence's end "
                    + "whose every value is missing (--missing trim) and refuses other missing values; give a value"
                    + unchanged);
            case ERROR -> throw refused(f, at + ": the model fills none (it was trained with --missing "
                    + "error); give a value" + unchanged);
        };
    }

    /** Layer {@code l} on input {@code in}: the new state into {@link #hNext} (and {@link #cNext}), the output into {@link #y}. */
    private void cell(int l, float[] in) {
        StreamingNetwork.Recurrent r = net.layers.get(l);
        int hs = r.h();
        int width = r.cell().gates * hs;
        float[] zl = z[l];
        float[] old = h[l];
        float[] next = hNext[l];
        System.arraycopy(r.b(), 0, zl, 0, width);
        multiplyAdd(in, r.w(), r.in(), width, zl);
        switch (r.cell()) {
            case LSTM -> {
                multiplyAdd(old, r.rw(), hs, width, zl);
                float[] cOld = c[l];
                float[] cNew = cNext[l];
                for (int j = 0; j < hs; j++) {
                    float g = Activations.tanh(zl[j]);
                    float fg = Activations.sigmoid(zl[hs + j]);
                    float og = Activations.sigmoid(zl[2 * hs + j]);
                    float ig = Activations.sigmoid(zl[3 * hs + j]);
                    float cell = fg * cOld[j] + ig * g;
                    cNew[j] = cell;
                    next[j] = og * Activations.tanh(cell);
                }
            }
            case GRU -> {
                float[] ql = q[l];
                System.arraycopy(r.rb(), 0, ql, 0, width);
                multiplyAdd(old, r.rw(), hs, width, ql);
                for (int j = 0; j < hs; j++) {
                    float rg = Activations.sigmoid(zl[j] + ql[j]);
                    float ug = Activations.sigmoid(zl[hs + j] + ql[hs + j]);
                    float n = Activations.tanh(zl[2 * hs + j] + rg * ql[2 * hs + j]);
                    next[j] = n + ug * (old[j] - n);
                }
            }
            case RNN -> {
                multiplyAdd(old, r.rw(), hs, width, zl);
                for (int j = 0; j < hs; j++) {
                    next[j] = Activations.tanh(zl[j]);
                }
            }
        }
        float[] out = y[l];
        if (!r.residual()) {
            System.arraycopy(next, 0, out, 0, hs);
        } else if (r.p() == null) {
            for (int j = 0; j < hs; j++) {
                out[j] = in[j] + next[j];
            }
        } else {
            Arrays.fill(out, 0f);
            multiplyAdd(in, r.p(), r.in(), hs, out);
            for (int j = 0; j < hs; j++) {
                out[j] += next[j];
            }
        }
    }

    /**
     * The attention head after step output {@code top}: its score, the running maximum, sum and weighted sum rescaled to
     * the new maximum (into the spares), and their quotient into {@link #pooled}. The score in double with exact tanh, as
     * {@code AttentionPoolingLayer} computes it with ND4J's.
     */
    private void attend(float[] top) {
        StreamingNetwork.Attention a = net.attention;
        double e = 0;
        for (int k = 0; k < a.size(); k++) {
            double pre = a.b()[k];
            for (int i = 0; i < top.length; i++) {
                pre += (double) top[i] * a.w()[i * a.size() + k];
            }
            e += a.u()[k] * Math.tanh(pre);
        }
        scoreMaxNext = Math.max(scoreMax, e);
        double rescale = weights == 0 ? 0 : Math.exp(scoreMax - scoreMaxNext); // the first step: nothing to rescale
        double fresh = Math.exp(e - scoreMaxNext);
        weightsNext = weights * rescale + fresh;
        for (int j = 0; j < top.length; j++) {
            sumNext[j] = sum[j] * rescale + fresh * top[j];
            pooled[j] = (float) (sumNext[j] / weightsNext);
        }
    }

    /** {@code acc += v M}, {@code M [rows][cols]} row-major: the inner loop runs along a row (vectorised by the JIT). */
    private static void multiplyAdd(float[] v, float[] m, int rows, int cols, float[] acc) {
        for (int i = 0; i < rows; i++) {
            float vi = v[i];
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                acc[j] += vi * m[base + j];
            }
        }
    }

    private double[] softmax() {
        int k = net.classes;
        int n = pooled.length;
        double largest = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = net.outB[j];
            for (int i = 0; i < n; i++) {
                s += (double) pooled[i] * net.outW[i * k + j];
            }
            logits[j] = s;
            largest = Math.max(largest, s);
        }
        double total = 0;
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            p[j] = Math.exp(logits[j] - largest);
            total += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] = (float) (p[j] / total); // as predict's float probabilities
        }
        return p;
    }

    private static boolean finite(double[] p) {
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The step succeeded: its state becomes the stream's, and the sample's values the last seen (ffill). */
    private void commit(float[] sample) {
        for (int l = 0; l < h.length; l++) {
            float[] t = h[l];
            h[l] = hNext[l];
            hNext[l] = t;
            if (c[l] != null) {
                float[] u = c[l];
                c[l] = cNext[l];
                cNext[l] = u;
            }
        }
        if (net.head == StreamingNetwork.Head.MEAN || net.head == StreamingNetwork.Head.ATTENTION) {
            System.arraycopy(sumNext, 0, sum, 0, sum.length);
            scoreMax = scoreMaxNext;
            weights = weightsNext;
        } else if (net.head == StreamingNetwork.Head.MAX) {
            System.arraycopy(maxNext, 0, max, 0, max.length);
        }
        for (int f = 0; f < sample.length; f++) {
            float v = sample[f];
            if (!isMissing(v)) {
                last[f] = v;
                seen[f] = true;
            }
        }
        steps++;
    }
}
