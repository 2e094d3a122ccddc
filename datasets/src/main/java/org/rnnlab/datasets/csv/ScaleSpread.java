package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sequences of one class alike in shape but not in scale: the hint to scale each sequence by its own statistics
 * ({@code --set sequenceScaling=standardize}). A chemist's trial: spectra of one polymer differ 3-4x in intensity (focus,
 * flake thickness) while their bands are the same; a model of the absolute values scored 0.72, one of each spectrum
 * standardised 0.93, and nothing had suggested it.
 *
 * <p>The rule, per feature, over the classes with {@value #MIN_CLASS} or more sequences of {@value FlatSequences#MIN_STEPS}
 * steps or more (at least two such classes): in every one the 90th percentile of the sequences' own sd is
 * {@value #RATIO} times or more their 10th percentile (the scale spread), and the sequences of the class's most common
 * length are alike in shape: each standardised by its own mean and sd, the median of their correlations with the class's mean
 * standardised sequence is {@value #SHAPE} or more. Windows of movement, of a machine's vibration or of the example data
 * have no common shape at fixed steps (a phase, a start), or a spread well below the ratio, and are not named.
 */
public final class ScaleSpread {

    /** Sequences a class needs to be judged. */
    static final int MIN_CLASS = 10;
    /** Ratio of the 90th to the 10th percentile of per-sequence sd. */
    static final double RATIO = 2.5;
    /** Median correlation with the class's mean standardised shape. */
    static final double SHAPE = 0.8;

    private ScaleSpread() {
    }

    /**
     * A feature whose scale spreads within classes.
     *
     * @param feature the feature's index
     * @param low     the smallest ratio over the classes judged
     * @param high    the largest
     * @param classes the classes judged
     */
    public record Found(int feature, double low, double high, int classes) {

        /** The hint's text, naming the feature {@code name}. */
        public String hint(String name) {
            return String.format(Locale.ROOT, "feature '%s': within each of the %d classes the sequences are alike in shape but "
                    + "their scale differs %.1fx to %.1fx (the 90th to the 10th percentile of each sequence's own sd: intensity, "
                    + "gain, focus, thickness?); the model reads the absolute values, so this spread is noise it must learn around. "
                    + "--set sequenceScaling=standardize scales each sequence by its own mean and sd (per feature; SNV for spectra), "
                    + "so that only the shape counts; try it if the scale says nothing about the class (compare both with rnnlab compare)", name, classes, low, high);
        }
    }

    /**
     * The features of {@code sequences} (with their {@code labels}) whose scale spreads within every class judged, with
     * the first of them first; empty when none.
     */
    public static List<Found> find(List<float[][]> sequences, List<String> labels, int features) {
        Map<String, List<float[][]>> byClass = new HashMap<>();
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i).length >= FlatSequences.MIN_STEPS && labels.get(i) != null) {
                byClass.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(sequences.get(i));
            }
        }
        List<List<float[][]>> classes = byClass.values().stream().filter(l -> l.size() >= MIN_CLASS).toList();
        List<Found> out = new ArrayList<>();
        if (classes.size() < 2) {
            return out;
        }
        for (int f = 0; f < features; f++) {
            double low = Double.POSITIVE_INFINITY;
            double high = 0;
            boolean all = true;
            for (List<float[][]> c : classes) {
                double ratio = ratio(c, f);
                if (!(ratio >= RATIO) || !(shape(c, f) >= SHAPE)) {
                    all = false;
                    break;
                }
                low = Math.min(low, ratio);
                high = Math.max(high, ratio);
            }
            if (all) {
                out.add(new Found(f, low, high, classes.size()));
            }
        }
        return out;
    }

    /** The 90th over the 10th percentile of the sequences' own sd of feature {@code f}; NaN when the 10th is 0. */
    static double ratio(List<float[][]> c, int f) {
        double[] sd = new double[c.size()];
        for (int i = 0; i < sd.length; i++) {
            sd[i] = meanSd(c.get(i), f)[1];
        }
        Arrays.sort(sd);
        double p10 = sd[(int) Math.floor(0.1 * (sd.length - 1))];
        double p90 = sd[(int) Math.ceil(0.9 * (sd.length - 1))];
        return p10 > 0 ? p90 / p10 : Double.NaN;
    }

    /** The median correlation of the class's sequences of its most common length with their mean standardised shape. */
    static double shape(List<float[][]> c, int f) {
        Map<Integer, Integer> lengths = new HashMap<>();
        c.forEach(q -> lengths.merge(q.length, 1, Integer::sum));
        int length = lengths.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<double[]> z = new ArrayList<>();
        for (float[][] q : c) {
            if (q.length == length) {
                double[] ms = meanSd(q, f);
                if (ms[1] > 0) {
                    double[] v = new double[length];
                    for (int t = 0; t < length; t++) {
                        v[t] = Float.isNaN(q[t][f]) ? 0 : (q[t][f] - ms[0]) / ms[1];
                    }
                    z.add(v);
                }
            }
        }
        if (z.size() < MIN_CLASS) {
            return Double.NaN;
        }
        double[] mean = new double[length];
        for (double[] v : z) {
            for (int t = 0; t < length; t++) {
                mean[t] += v[t] / z.size();
            }
        }
        double[] r = new double[z.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = correlation(z.get(i), mean);
        }
        Arrays.sort(r);
        return r[r.length / 2];
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int t = 0; t < a.length; t++) {
            ab += (a[t] - ma) * (b[t] - mb);
            aa += (a[t] - ma) * (a[t] - ma);
            bb += (b[t] - mb) * (b[t] - mb);
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
    }

    /** The mean and sd of feature {@code f} over the sequence's steps (NaN skipped). */
    private static double[] meanSd(float[][] q, int f) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (float[] step : q) {
            if (!Float.isNaN(step[f])) {
                sum += step[f];
                sq += (double) step[f] * step[f];
                n++;
            }
        }
        if (n < 2) {
            return new double[] {0, 0};
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(Math.max(0, sq / n - mean * mean))};
    }

    /** Optional.of the first found, for callers that name one. */
    static Optional<Found> first(List<Found> found) {
        return found.stream().findFirst();
    }
}
