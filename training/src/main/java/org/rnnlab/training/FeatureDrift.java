package org.rnnlab.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rnnlab.datasets.FeatureStandardizer;

/**
 * Features whose level or spread in new data, over a whole file or over one group of it (a station, a sensor, a subject),
 * lies far from the training data's as the model's standardiser records them (the training mean and sd of each feature):
 * the mean over {@value #MEAN_SDS} training sd from the training mean, or the sd over {@value #SD_RATIO} times (or, for a
 * whole file, under 1/{@value #SD_RATIO}) the training sd: a group's narrower spread is no sign, the training sd pooling every
 * group's level and every class. Each value may lie well inside the training range, so {@link FarFromTraining}
 * (10 sd, beyond the training range) says nothing: a seismology trial's station KIRN, held out of training, had a DC offset
 * and 2.5 times the gain of the others; its vertical channel's mean lay 4.4 training sd above the training mean, every one of
 * its windows was called a blast (earthquake recall 0 of 32), and neither evaluate nor predict said a word. A model that
 * scales each sequence by its own statistics ({@code sequenceScaling}) is judged on the values so scaled, as it reads them.
 *
 * <p>Judged only over {@value #MIN_SEQUENCES} sequences or more and {@value #MIN_VALUES} values or more (one sequence's own
 * level is no device's), and not for features with two values or fewer in the data judged (flags, one-hot columns) nor
 * constant in training. A file or group of one class only can differ from the whole training data as much: the words say so.
 */
public final class FeatureDrift {

    /** Training sd between a unit's mean and the training mean beyond which its level is off. */
    public static final double MEAN_SDS = 3;

    /** Factor between a unit's sd and the training sd beyond which (either way) its spread is off. */
    public static final double SD_RATIO = 3;

    /** Fewest sequences of a file or group judged. */
    public static final int MIN_SEQUENCES = 5;

    /** Fewest values (not missing) of a feature in a file or group judged. */
    public static final int MIN_VALUES = 100;

    private FeatureDrift() {
    }

    /**
     * One feature of one file or group whose level or spread lies far from the training data's.
     *
     * @param feature   the feature's position
     * @param group     the group's value, or null for the whole file
     * @param sequences the sequences of the file or group
     * @param mean      the feature's mean over them
     * @param sd        its (population) sd over them
     * @param trainMean the training mean
     * @param trainSd   the training sd
     */
    public record Shift(int feature, String group, int sequences, double mean, double sd, float trainMean, float trainSd) {

        /** The mean's distance from the training mean in training sd, signed. */
        public double meanSds() {
            return (mean - trainMean) / trainSd;
        }

        /** The sd over the training sd. */
        public double sdRatio() {
            return sd / trainSd;
        }

        /**
         * Whether the mean is over {@link #MEAN_SDS} training sd off: named before spreads alone, as a model without
         * per-sequence scaling reads an offset in every value (a quiet station's narrower spread is a weaker sign).
         */
        public boolean levelOff() {
            return Math.abs(meanSds()) > MEAN_SDS;
        }

        /** How far off, for ordering: the larger of the mean's sds over {@link #MEAN_SDS} and the sd's factor over {@link #SD_RATIO}. */
        double severity() {
            double ratio = sdRatio() > 0 ? Math.max(sdRatio(), 1 / sdRatio()) : Double.MAX_VALUE;
            return Math.max(Math.abs(meanSds()) / MEAN_SDS, ratio / SD_RATIO);
        }

        /**
         * {@code 'HHZ' in 'KIRN' (53 sequences: mean 1.466e+04, 4.4 training sd above the training mean -266; sd 8700, 2.5
         * times the training sd 3482)}; the whole file's without the group.
         */
        public String describe(String name) {
            double z = meanSds();
            double r = sdRatio();
            return String.format(Locale.ROOT, "'%s'%s (%d sequences: mean %.4g, %.2g training sd %s the training mean %.4g; sd %.4g, %s the "
                            + "training sd %.4g)", name, group == null ? " in the whole file" : " in '" + group + "'", sequences, mean,
                    Math.abs(z), z >= 0 ? "above" : "below", trainMean, sd, r >= 1 ? String.format(Locale.ROOT, "%.2g times", r)
                            : r > 0 ? String.format(Locale.ROOT, "1/%.2g of", 1 / r) : "0 times", trainSd);
        }
    }

    /**
     * The shifts of {@code sequences} ({@code [time][feature]} each) from the training {@code mean} and {@code std}: over
     * each group of {@code groups} (aligned with the sequences; empty or null for none) and, without groups or with two groups
     * or more, over the whole file (for the features no group is named for: a group that moves the whole file is named
     * itself). Shifted levels first, then the farthest first.
     */
    public static List<Shift> judge(List<float[][]> sequences, List<String> groups, float[] mean, float[] std) {
        List<Shift> out = new ArrayList<>();
        boolean grouped = groups != null && !groups.isEmpty() && groups.size() == sequences.size();
        Map<String, List<float[][]>> byGroup = new LinkedHashMap<>();
        if (grouped) {
            for (int i = 0; i < sequences.size(); i++) {
                byGroup.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(sequences.get(i));
            }
        }
        byGroup.forEach((g, s) -> out.addAll(judgeOne(s, g, mean, std)));
        if (!grouped || byGroup.size() > 1) {
            // a feature a group is named for is not named again for the whole file, which that group moves
            Set<Integer> named = new HashSet<>();
            out.forEach(s -> named.add(s.feature()));
            judgeOne(sequences, null, mean, std).stream().filter(s -> !named.contains(s.feature())).forEach(out::add);
        }
        out.sort(Comparator.comparing(Shift::levelOff).reversed().thenComparing(Comparator.comparingDouble(Shift::severity).reversed()));
        return out;
    }

    private static List<Shift> judgeOne(List<float[][]> sequences, String group, float[] mean, float[] std) {
        List<Shift> out = new ArrayList<>();
        if (sequences.size() < MIN_SEQUENCES) {
            return out;
        }
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f]) || !(std[f] > 0)) {
                continue;
            }
            long n = 0;
            double sum = 0;
            Set<Float> distinct = new HashSet<>();
            for (float[][] s : sequences) {
                for (float[] step : s) {
                    float x = step[f];
                    if (!Float.isNaN(x)) {
                        n++;
                        sum += x;
                        if (distinct.size() < 3) {
                            distinct.add(x);
                        }
                    }
                }
            }
            if (n < MIN_VALUES || distinct.size() < 3) {
                continue;
            }
            double m = sum / n;
            double squares = 0; // two passes: the levels of raw counts (1e4) would cancel in sum of squares less mean squared
            for (float[][] s : sequences) {
                for (float[] step : s) {
                    float x = step[f];
                    if (!Float.isNaN(x)) {
                        squares += (x - m) * (x - m);
                    }
                }
            }
            double sd = Math.sqrt(squares / n);
            double ratio = sd / std[f];
            // a group's narrower spread is no sign (the training sd pools every group's level and every class: the trial's
            // normal station SCHW was named for it); a whole file's still is
            if (Math.abs(m - mean[f]) > MEAN_SDS * std[f] || ratio > SD_RATIO || (group == null && ratio < 1 / SD_RATIO)) {
                out.add(new Shift(f, group, sequences.size(), m, sd, mean[f], std[f]));
            }
        }
        return out;
    }
}
