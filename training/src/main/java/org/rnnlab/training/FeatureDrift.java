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
 * <p>Where the pooled training sd is the signal itself (a vibration axis) a device's offset can hide in it: an industrial
 * trial's remounted sensor read acc_z 0.05 g high, 2.25 pooled sd, and its accuracy fell from 1.0 to 0.47 without a word,
 * although the 250 training windows' own means lay within 0.00094 g (sd) of one another. So a level is also judged against
 * the spread of the training sequences' own means ({@link TrainingRange#sequenceMeanSd}, kept in cards since): the mean of
 * the file's or group's sequence means over {@value #SEQUENCE_MEAN_SDS} of those sds from theirs, and over
 * {@value #POOLED_SHARE} of the pooled sd too (a feature whose sequences share one level, a whole-number count or a
 * near-constant one, has a between-sequence sd near 0, and a difference so small against the values' own spread is none
 * the model reads). Cards without those statistics are judged by the pooled sd alone, as before.
 *
 * <p>A whole file's spread is narrower than the training data's when its sd is under 1/{@value #SD_RATIO} of the pooled
 * training sd and, where the card holds it ({@link TrainingRange#sequenceSd}), under 1/{@value #SD_RATIO} of the spread
 * within the training sequences too: the pooled sd holds every training device's level, and a file of one or two devices is
 * narrower by nature (a marine trial's new file of two ships, lube-oil sd 0.083 against a pooled 0.276 of twelve ships'
 * offsets, each training ship's own sd 0.062 to 0.068, was warned of). A file whose sequences are flatter than the training
 * sequences themselves (a stuck or damped sensor, another unit) still is. Cards without it keep the pooled sd alone.
 *
 * <p>Judged only over {@value #MIN_SEQUENCES} sequences or more and {@value #MIN_VALUES} values or more (one sequence's own
 * level is no device's), and not for features with two values or fewer in the data judged (flags, one-hot columns) nor
 * constant in training. A file or group of one class only can differ from the whole training data as much: the words say so.
 *
 * <p>That allowance of {@value #SEQUENCE_MEAN_SDS} is for a group of one class, and a file or group of every class lies far
 * inside it: a reefer trial's +2 %RH humidity calibration offset over a whole file lay 4.9 sds of the training sequences'
 * means out, unnamed, and turned every 'ok' window into a fault (accuracy 0.96 to 0.44). So, once the model has predicted
 * (predict, evaluate), cards with each class's sequence means ({@link TrainingRange#hasClassSequenceMeans}) also have each
 * sequence's mean judged against the training sequences of its predicted class ({@link #judgeByClass}): the mean over a
 * file or group of those standardised distances over {@value #CLASS_MEAN_SDS} ({@link #CLASS_MEAN_SDS}, argued there), and
 * the mean distance over {@value #POOLED_SHARE} of the pooled sd too.
 */
public final class FeatureDrift {

    /** Training sd between a unit's mean and the training mean beyond which its level is off. */
    public static final double MEAN_SDS = 3;

    /** Factor between a unit's sd and the training sd beyond which (either way) its spread is off. */
    public static final double SD_RATIO = 3;

    /**
     * Sds of the training sequences' means between a file's or group's mean of its sequence means and theirs beyond which
     * its level is off. The class mix of new data moves that mean without any device's offset: the training sequences' means
     * vary between classes, and a class of share p of the training sequences can lie at most 1/sqrt(p) of their sd from the
     * mean of all (its share of the variance, p (class mean - mean)², is at most the whole), so a group of one class only lies
     * within 2 sd for 4 balanced classes and within 6 for any class of 1/36 (2.8%) of the training sequences or more; its
     * sequences' own scatter, averaged over {@value #MIN_SEQUENCES} sequences or more, adds under half an sd. The trial's
     * offset lay 53 such sds out; its normal, held-out and training machines within 1.3.
     */
    public static final double SEQUENCE_MEAN_SDS = 6;

    /**
     * Share of the pooled training sd a level judged by the sequences' means must also be off by: a quarter, so that a
     * feature whose sequences all share nearly one level (between-sequence sd near 0: counts, near-constant settings) is not
     * named for a difference small beside its values' spread.
     */
    public static final double POOLED_SHARE = 0.25;

    /**
     * Sds of the training sequences' means of a class by which, on average over a file or group, its sequences' means lie
     * from those of the class predicted for each ({@link #judgeByClass}) beyond which its level is off: 3. Each sequence's
     * standardised distance z = (its mean - its predicted class's mean of training sequence means) / that class's sd of them
     * has mean 0 and sd 1 over sequences like the training ones of the class (devices, voyages and all: the training sequences
     * came from many), so the mean of n of them has sd 1 or less however alike the group's sequences are (one device's
     * sequences all share its level: the sd of a mean is at most the largest sd of its terms), and 1/sqrt(n) for independent
     * ones: 3 is 3 sd for a group that is one device like the training ones and 3 sqrt(n) standard errors for a file of
     * independent sequences (a normal level lies beyond 3 sd in 0.3% of devices; by Chebyshev in at most 11% of any
     * distribution). A sequence the model misclassifies is judged against another class's level: its share of the group
     * times the distance between the classes' levels in that class's sd adds to the mean, so a group the model mostly gets
     * wrong could be named too: so a level is named only where over half of the group's sequences also lie over
     * {@value #MAJORITY_SDS} such sd out on the same side ({@link #MAJORITY_SDS}: an offset moves the whole group, and a
     * misclassified minority, each judged against another class's level, does not make it alone; a test's model trained one
     * epoch called every window of a normal station one class, half of them wrongly, and one misclassified window of six
     * on a feature that is the class signal lay 35 sds out). The trial's
     * normal held-out file lay at 0.3 (its containers within 1.4, the temperature setpoints that one container's windows
     * share), its +2 %RH file at 4.9 and that offset's containers at 3.4 to 7.1.
     */
    public static final double CLASS_MEAN_SDS = 3;

    /**
     * Sds of the predicted class's training sequence means that over half of a file's or group's sequences must also lie
     * out, on the side of the mean's ({@link #judgeByClass}): 1, so that a few misclassified sequences (judged against
     * another class's level, many sds away on a feature that carries the class) do not name a group whose other sequences
     * sit at their classes' levels. The trial's normal containers had at most 0.8 over half their windows; its +2 %RH
     * container 2.3.
     */
    public static final double MAJORITY_SDS = 1;

    /**
     * Fewest training sequences of a class (with a value of the feature) for its own mean and sd of their means to judge by;
     * a sequence predicted as a rarer class is judged against all training sequences' ({@link TrainingRange#sequenceMeanMean}).
     */
    public static final int MIN_CLASS_SEQUENCES = 5;

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
     * @param meanOfMeans the mean of the sequences' own means, NaN when not judged (a card without the training sequences' means)
     * @param trainMeanOfMeans the training sequences' mean of their means ({@link TrainingRange#sequenceMeanMean}), or NaN
     * @param trainSdOfMeans the sd of the training sequences' means ({@link TrainingRange#sequenceMeanSd}), or NaN
     * @param trainSequenceSd the spread within the training sequences ({@link TrainingRange#sequenceSd}), or NaN (older cards)
     */
    public record Shift(int feature, String group, int sequences, double mean, double sd, float trainMean, float trainSd,
                        double meanOfMeans, double trainMeanOfMeans, double trainSdOfMeans, double trainSequenceSd) {

        /** A shift judged without the spread within the training sequences (cards before it). */
        public Shift(int feature, String group, int sequences, double mean, double sd, float trainMean, float trainSd,
                     double meanOfMeans, double trainMeanOfMeans, double trainSdOfMeans) {
            this(feature, group, sequences, mean, sd, trainMean, trainSd, meanOfMeans, trainMeanOfMeans, trainSdOfMeans, Double.NaN);
        }

        /** A shift judged by the pooled training mean and sd alone. */
        public Shift(int feature, String group, int sequences, double mean, double sd, float trainMean, float trainSd) {
            this(feature, group, sequences, mean, sd, trainMean, trainSd, Double.NaN, Double.NaN, Double.NaN);
        }

        /** The mean's distance from the training mean in training sd, signed. */
        public double meanSds() {
            return (mean - trainMean) / trainSd;
        }

        /**
         * The distance of the mean of the sequences' means from the training sequences' in sds of those (signed; infinite for
         * a training sd of 0), NaN when not judged.
         */
        public double sequenceMeanSds() {
            double d = meanOfMeans - trainMeanOfMeans;
            return trainSdOfMeans > 0 ? d / trainSdOfMeans : d == 0 ? 0 : d > 0 ? Double.POSITIVE_INFINITY
                    : d < 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        }

        /**
         * Whether the mean of the sequences' means is over {@link #SEQUENCE_MEAN_SDS} sds of the training sequences' means
         * from theirs and over {@link #POOLED_SHARE} of the pooled training sd too; false when not judged.
         */
        public boolean sequenceLevelOff() {
            return Math.abs(sequenceMeanSds()) > SEQUENCE_MEAN_SDS
                    && Math.abs(meanOfMeans - trainMeanOfMeans) > POOLED_SHARE * trainSd;
        }

        /** The sd over the training sd. */
        public double sdRatio() {
            return sd / trainSd;
        }

        /**
         * Whether the spread is narrower than the training data's: under 1/{@link #SD_RATIO} of the pooled training sd and,
         * where known, of the spread within the training sequences ({@link #trainSequenceSd}): a spread like one training
         * sequence's is none, however far under the pooled sd, which holds every sequence's level.
         */
        public boolean narrower() {
            return sdRatio() < 1 / SD_RATIO && !(sd >= trainSequenceSd / SD_RATIO); // NaN (not known): the pooled sd alone
        }

        /**
         * Whether the mean is over {@link #MEAN_SDS} training sd off: named before spreads alone, as a model without
         * per-sequence scaling reads an offset in every value (a quiet station's narrower spread is a weaker sign).
         */
        public boolean levelOff() {
            return Math.abs(meanSds()) > MEAN_SDS || sequenceLevelOff();
        }

        /**
         * How far off, for ordering: the largest of the mean's sds over {@link #MEAN_SDS}, the sequences' means' sds over
         * {@link #SEQUENCE_MEAN_SDS} (when they name it) and the sd's factor over {@link #SD_RATIO}.
         */
        double severity() {
            double ratio = sdRatio() > 0 ? Math.max(sdRatio(), 1 / sdRatio()) : Double.MAX_VALUE;
            double byMeans = sequenceLevelOff() ? Math.min(Double.MAX_VALUE, Math.abs(sequenceMeanSds()) / SEQUENCE_MEAN_SDS) : 0;
            return Math.max(Math.max(Math.abs(meanSds()) / MEAN_SDS, ratio / SD_RATIO), byMeans);
        }

        /**
         * {@code 'HHZ' in 'KIRN' (53 sequences: mean 1.466e+04, 4.4 training sd above the training mean -266; sd 8700, 2.5
         * times the training sd 3482)}; the whole file's without the group ({@code 'HHZ' in the whole file (...)}), as
         * {@code rnnlab predict} and {@code evaluate} judge a file.
         */
        public String describe(String name) {
            return describe(name, " in the whole file", true);
        }

        /**
         * As {@link #describe(String)}, for data that are no file (a service's window of recent requests): a shift of all the
         * sequences judged (no group) is said to lie in {@code whole}, the caller's word for them ({@code 'probe_temp_c' in
         * the last hour's requests (8 sequences: ...)}), or, for null, {@code 'probe_temp_c' in these 8 sequences (mean
         * 43.80, ...)}. A trial's service logged "in the whole file" for a window of 8 requests, which sent a reader looking
         * for a file. A group's shift is named by its group either way.
         */
        public String describe(String name, String whole) {
            if (group != null) {
                return describe(name);
            }
            return whole == null ? describe(name, " in these " + sequences + " sequences", false)
                    : describe(name, " in " + whole, true);
        }

        /** The words, the data named by {@code where} (or the group), with the count of sequences when {@code count}. */
        private String describe(String name, String where, boolean count) {
            double z = meanSds();
            double r = sdRatio();
            double zm = sequenceMeanSds();
            // named by the sequences' means alone: their numbers, which are why (the pooled sd's are small)
            String byMeans = sequenceLevelOff() && !(Math.abs(z) > MEAN_SDS) ? String.format(Locale.ROOT, "; the mean of its "
                    + "sequences' means %.4g, %s sd of the training sequences' means (%.2g) %s their mean %.4g", meanOfMeans,
                    Double.isInfinite(zm) ? "infinitely many" : String.format(Locale.ROOT, "%.3g", Math.abs(zm)), trainSdOfMeans,
                    zm >= 0 ? "above" : "below", trainMeanOfMeans) : "";
            // a narrower spread named against the spread within the training sequences too: its numbers, which are why
            double within = sd / trainSequenceSd;
            String bySequences = narrower() && trainSequenceSd > 0 ? String.format(Locale.ROOT, " and %s the training sequences' own "
                    + "sd %.4g", within > 0 ? String.format(Locale.ROOT, "1/%.2g of", 1 / within) : "0 times", trainSequenceSd) : "";
            return String.format(Locale.ROOT, "'%s'%s (%smean %.4g, %.2g training sd %s the training mean %.4g%s; sd %.4g, %s the "
                            + "training sd %.4g%s)", name, group == null ? where : " in '" + group + "'",
                    count ? sequences + " sequences: " : "", mean,
                    Math.abs(z), z >= 0 ? "above" : "below", trainMean, byMeans, sd, sdWords(r), trainSd, bySequences);
        }
    }

    /**
     * An sd ratio in words before "the training sd": {@code 2.5 times}, {@code 0.97 times} (trial 80c F5: a ratio of 0.975,
     * named only for the mean's shift, read "1/1.0 of"), and only a spread under 1/{@value #SD_RATIO}, which is why it is
     * named, as a fraction: {@code 1/4.2 of}; {@code 0 times} for none.
     */
    static String sdWords(double r) {
        return r >= 1 / SD_RATIO ? String.format(Locale.ROOT, "%.2g times", r)
                : r > 0 ? String.format(Locale.ROOT, "1/%.2g of", 1 / r) : "0 times";
    }

    /**
     * The shifts of {@code sequences} ({@code [time][feature]} each) from the training {@code mean} and {@code std}: over
     * each group of {@code groups} (aligned with the sequences; empty or null for none) and, without groups or with two groups
     * or more, over the whole file (for the features no group is named for: a group that moves the whole file is named
     * itself). Shifted levels first, then the farthest first.
     */
    public static List<Shift> judge(List<float[][]> sequences, List<String> groups, float[] mean, float[] std) {
        return judge(sequences, groups, mean, std, null);
    }

    /**
     * As {@link #judge(List, List, float[], float[])}, the levels also against the training sequences' means that
     * {@code range} holds ({@link TrainingRange#hasSequenceMeans}; null or without them: the pooled sd alone).
     */
    public static List<Shift> judge(List<float[][]> sequences, List<String> groups, float[] mean, float[] std, TrainingRange range) {
        float[] refMean = range != null && range.hasSequenceMeans() && range.size() == std.length ? range.sequenceMeanMean() : null;
        float[] refSd = refMean == null ? null : range.sequenceMeanSd();
        float[] within = range != null && range.hasSequenceSd() && range.size() == std.length ? range.sequenceSd() : null;
        List<Shift> out = new ArrayList<>();
        boolean grouped = groups != null && !groups.isEmpty() && groups.size() == sequences.size();
        Map<String, List<float[][]>> byGroup = new LinkedHashMap<>();
        if (grouped) {
            for (int i = 0; i < sequences.size(); i++) {
                byGroup.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(sequences.get(i));
            }
        }
        byGroup.forEach((g, s) -> out.addAll(judgeOne(s, g, mean, std, refMean, refSd, within)));
        if (!grouped || byGroup.size() > 1) {
            // a feature a group is named for is not named again for the whole file, which that group moves
            Set<Integer> named = new HashSet<>();
            out.forEach(s -> named.add(s.feature()));
            judgeOne(sequences, null, mean, std, refMean, refSd, within).stream().filter(s -> !named.contains(s.feature())).forEach(out::add);
        }
        out.sort(Comparator.comparing(Shift::levelOff).reversed().thenComparing(Comparator.comparingDouble(Shift::severity).reversed()));
        return out;
    }

    /**
     * The shifts of a service's window of recent requests ({@code window}, raw sequences as given to
     * {@link SequenceClassifier#predict}) from {@code classifier}'s training data: {@link #judge(List, List, float[], float[],
     * TrainingRange)} of the values as the model reads them ({@link SequenceClassifier#prepare}), against its standardiser's
     * mean and sd and its card's training range. A model that scales each sequence by its own statistics ({@code --set
     * sequenceScaling}) has a standardiser of the scaled values: judged raw, a trial's normal window of temperatures lay 7.3
     * training sd above the scaled training mean and every window was named. Such a model reads no level (and under
     * {@code standardize} no spread) of a sequence, so drift in them is no shift here; a unit that changes the shape within
     * sequences still is. {@link Shift#describe(String, String)} names the window in the caller's words.
     *
     * @param groups each sequence's group (a device, a site), aligned with {@code window}; null or empty for none
     * @throws IllegalArgumentException for a model that reads text or has no standardiser, and for a sequence that
     *                                  {@code predict} refuses (a missing value under {@code --missing error}), naming it
     */
    public static List<Shift> judge(SequenceClassifier classifier, List<float[][]> window, List<String> groups) {
        if (classifier.readsText() || classifier.normalizer() == null) {
            throw new IllegalArgumentException("FeatureDrift judges the features of a sequence model by its standardiser; "
                    + classifier + (classifier.readsText() ? " reads text" : " has none"));
        }
        float[] mean = classifier.normalizer().getMean().toFloatVector();
        float[] std = classifier.normalizer().getStd().toFloatVector();
        return judge(classifier.prepare(window), groups, mean, std, classifier.card().trainingRange());
    }

    /** {@link #judge(SequenceClassifier, List, List)} without groups: the window as a whole. */
    public static List<Shift> judge(SequenceClassifier classifier, List<float[][]> window) {
        return judge(classifier, window, null);
    }

    /**
     * One feature of one file or group whose sequences' means lie, on average, far from those of the training sequences of
     * the classes predicted for them ({@link #judgeByClass}).
     *
     * @param feature        the feature's position
     * @param group          the group's value, or null for the whole file
     * @param sequences      the sequences of the file or group judged (with a value of the feature)
     * @param meanSds        the mean over them of (sequence mean - predicted class's mean of training sequence means) / that
     *                       class's sd of them, signed (infinite when a class's sd is 0)
     * @param meanDifference the mean over them of (sequence mean - predicted class's mean of training sequence means)
     * @param trainSd        the pooled training sd of the feature
     * @param predicted      how many of them were predicted as each class (label order); of a labelled file judged against its
     *                       labels ({@code evaluate}), how many hold each label
     * @param sameSide       how many of them lie over {@link #MAJORITY_SDS} such sd out on the side of {@code meanSds}
     */
    public record ClassShift(int feature, String group, int sequences, double meanSds, double meanDifference, float trainSd,
                             int[] predicted, int sameSide) {

        public ClassShift {
            predicted = predicted.clone();
        }

        /** How many sequences were predicted as each class (a copy). */
        @Override
        public int[] predicted() {
            return predicted.clone();
        }

        /**
         * Whether the level is off: over {@link #CLASS_MEAN_SDS} and over {@link #POOLED_SHARE} of the pooled sd, with over
         * half of the sequences over {@link #MAJORITY_SDS} out on that side.
         */
        public boolean off() {
            return Math.abs(meanSds) > CLASS_MEAN_SDS && Math.abs(meanDifference) > POOLED_SHARE * trainSd && 2 * sameSide > sequences;
        }

        /**
         * The class the predictions lean toward: the one whose share of them most exceeds its share of the training sequences
         * ({@code range}'s with a value of the feature), -1 when none exceeds it (the predictions hold the training shares) or
         * without the per-class counts.
         */
        public int leaning(TrainingRange range) {
            if (range == null || !range.hasClassSequenceMeans() || range.classCount() != predicted.length || sequences == 0) {
                return -1;
            }
            long training = 0;
            for (int c = 0; c < predicted.length; c++) {
                training += range.classSequences(c, feature);
            }
            int best = -1;
            double most = 0;
            for (int c = 0; c < predicted.length && training > 0; c++) {
                double over = (double) predicted[c] / sequences - (double) range.classSequences(c, feature) / training;
                if (over > most) {
                    most = over;
                    best = c;
                }
            }
            return best;
        }

        /**
         * {@code 'humidity_pct' in the whole file (72 sequences, predicted 'ok' 20, 'door_fault' 40, ...: their means lie on
         * average 4.9 sd of the training sequences' means of the class predicted above that class's mean, by 2.0, 1.1 training
         * sd)}.
         */
        public String describe(String name, List<String> labels) {
            return describe(name, labels, false);
        }

        /**
         * As {@link #describe(String, List)}, for sequences judged against their labelled classes ({@code labelled}: the
         * counts are of the labels, {@code labelled 'walk' 15, ...}, and each mean lies from the level of "its labelled
         * class"), as {@code evaluate} judges a labelled file (trial 80g F1: judged against the classes predicted, an unchanged
         * temperature was named because a gain on other features had walks predicted as runs).
         */
        public String describe(String name, List<String> labels, boolean labelled) {
            StringBuilder mix = new StringBuilder();
            for (int c = 0; c < predicted.length; c++) {
                if (predicted[c] > 0) {
                    mix.append(mix.length() == 0 ? "" : ", ").append('\'').append(c < labels.size() ? labels.get(c) : String.valueOf(c))
                            .append("' ").append(predicted[c]);
                }
            }
            return String.format(Locale.ROOT, "'%s'%s (%d sequences, %s %s: their means lie on average %s sd of the training "
                            + "sequences' means of %s %s that class's mean, by %.4g, %.2g training sd; %d of them over "
                            + "%.0f sd)", name,
                    group == null ? " in the whole file" : " in '" + group + "'", sequences, labelled ? "labelled" : "predicted", mix,
                    Double.isInfinite(meanSds) ? "infinitely many" : String.format(Locale.ROOT, "%.3g", Math.abs(meanSds)),
                    labelled ? "its labelled class" : "the class predicted", meanDifference >= 0 ? "above" : "below", Math.abs(meanDifference), Math.abs(meanDifference) / trainSd, sameSide,
                    MAJORITY_SDS);
        }
    }

    /**
     * Standard errors of the difference between a file's mean of its sequences' means and the training sequences' within
     * which the file's level matches training's ({@link FileLevel#matches}): 3, as a normal-like difference lies beyond 3
     * standard errors in 0.3% of files, and by Chebyshev in at most 11% of any distribution.
     */
    public static final double FILE_LEVEL_ERRORS = 3;

    /**
     * A feature's level over a whole file against the training split's overall level: the mean of the file's sequences'
     * means against the training sequences' ({@link TrainingRange#sequenceMeanMean}, in sds of those,
     * {@link TrainingRange#sequenceMeanSd}, and in standard errors of that difference). A level off by the class predicted
     * ({@link ClassShift}) whose file level matches is more likely the model's or the class mix's than a device's offset: a
     * trial's weak GRU (test accuracy 0.625, 13 of 14 swipes called 'tap') had its clean test file's gz, 0.03 training sd from
     * the training level, named 11.8 sd off against the classes it predicted, and was told of a device's offset.
     *
     * @param feature          the feature's position
     * @param sequences        the file's sequences with a value of it
     * @param meanOfMeans      the mean of their means
     * @param trainMeanOfMeans the training sequences' mean of their means
     * @param trainSdOfMeans   the sd of the training sequences' means
     * @param trainSequences   the training sequences with a value of it, 0 where the card does not hold them (older cards)
     * @param trainSd          the pooled training sd of the feature
     */
    public record FileLevel(int feature, int sequences, double meanOfMeans, double trainMeanOfMeans, double trainSdOfMeans,
                            int trainSequences, float trainSd) {

        /** The distance of the file's mean of means from the training sequences' in sds of those, signed (infinite for an sd of 0). */
        public double sds() {
            return ratio(meanOfMeans - trainMeanOfMeans, trainSdOfMeans);
        }

        /**
         * The standard error of the difference of the two means of means, for files like the training sequences:
         * {@code trainSdOfMeans * sqrt(1 / sequences + 1 / trainSequences)} (the second term left out where the count is
         * unknown, which only narrows it).
         */
        public double standardError() {
            return trainSdOfMeans * Math.sqrt(1.0 / sequences + (trainSequences > 0 ? 1.0 / trainSequences : 0));
        }

        /** The distance in standard errors ({@link #standardError}), signed (infinite for an error of 0). */
        public double standardErrors() {
            return ratio(meanOfMeans - trainMeanOfMeans, standardError());
        }

        private static double ratio(double d, double scale) {
            return scale > 0 ? d / scale : d == 0 ? 0 : d > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }

        /**
         * Whether the file's level matches training's: within {@link #FILE_LEVEL_ERRORS} standard errors of the training
         * sequences' mean of means ({@link #standardErrors}), or within {@link #POOLED_SHARE} of the pooled sd. The file's
         * level is a mean over many sequences, so it is judged on the scale of such a mean, not on the spread of single
         * sequences' means ({@link #CLASS_MEAN_SDS}): on that scale (review 79 R3) a real offset of up to 3 of those sds, 21
         * standard errors for a 100-sequence file against 100 training sequences, was called the model's. Under a quarter of
         * the pooled sd, an offset alone would not have a level off by the classes predicted named ({@link ClassShift#off}
         * asks for more). What the standard error leaves out moves a file beyond it without an offset too: a new class mix (a
         * class of share p of the training sequences lies up to 1/sqrt(p) of their sds from the mean of all) and sequences
         * that share a device's level; such a file gets the offset's words, a question, as before trial 79f. That trial's
         * clean file's gz lay 0.011 standard errors out (its other features within 2.0); the reefer trial's +2 %RH file 4.9
         * sds, which is more standard errors (from 2 sequences on each side a standard error is under one sd).
         */
        public boolean matches() {
            return Math.abs(standardErrors()) <= FILE_LEVEL_ERRORS || Math.abs(meanOfMeans - trainMeanOfMeans) <= POOLED_SHARE * trainSd;
        }

        /**
         * {@code the mean of its sequences' means 14.98 against the training sequences' 14.85: 0.012 sd of those (11.1), 0.058
         * standard errors of the difference (2.30) for 40 and 56 sequences}.
         */
        public String describe() {
            return String.format(Locale.ROOT, "the mean of its sequences' means %.4g against the training sequences' %.4g: %s sd of "
                            + "those (%.3g), %s standard errors of the difference (%.3g) for %d%s sequences", meanOfMeans,
                    trainMeanOfMeans, times(sds()), trainSdOfMeans, times(standardErrors()), standardError(), sequences,
                    trainSequences > 0 ? " and " + trainSequences : "");
        }

        private static String times(double z) {
            return Double.isInfinite(z) ? "infinitely many" : String.format(Locale.ROOT, "%.2g", Math.abs(z));
        }
    }

    /**
     * Feature {@code feature}'s level over all of {@code sequences} against the training split's overall level
     * ({@link FileLevel}, with the training sequences' count where the card holds it per class); null for a card without the
     * training sequences' means or a file without a value of it.
     */
    public static FileLevel fileLevel(List<float[][]> sequences, int feature, float[] std, TrainingRange range) {
        if (range == null || !range.hasSequenceMeans() || range.size() != std.length) {
            return null;
        }
        double[] means = TrainingRange.sequenceMeans(sequences, feature);
        if (means.length == 0) {
            return null;
        }
        int training = 0;
        for (int c = 0; c < range.classCount(); c++) {
            training += range.classSequences(c, feature);
        }
        return new FileLevel(feature, means.length, java.util.Arrays.stream(means).average().orElseThrow(),
                range.sequenceMeanMean()[feature], range.sequenceMeanSd()[feature], training, std[feature]);
    }

    /**
     * The levels of {@code sequences} ({@code [time][feature]} each, as the model reads them) judged against the training
     * sequences of the class the model predicted for each ({@code predicted}, aligned, label order; the most probable class;
     * or, where the labels are known, as {@code evaluate}'s are, each sequence's labelled class, so that a sequence the model
     * gets wrong is judged against its own class's level, not another's):
     * per group of {@code groups} (aligned; empty or null for none) and, without groups, over the whole file; with two groups
     * or more, the whole file too where its level is the groups' in common ({@link #wholeFileNamed}: most groups judged off
     * on one side, or the file off beyond the groups named; one offset group among quiet ones is named alone). Only those
     * off ({@link ClassShift#off}; a whole file named for most of its groups may lie under the bound itself), the whole
     * file first, then the farthest first; empty
     * for a card without the per-class sequence means ({@link TrainingRange#hasClassSequenceMeans}) or for predictions of
     * another number of classes. The same sequences, values and features as {@link #judge} judges ({@value #MIN_SEQUENCES}
     * sequences, {@value #MIN_VALUES} values, three distinct values or more; not a feature constant in training).
     */
    public static List<ClassShift> judgeByClass(List<float[][]> sequences, List<String> groups, int[] predicted, float[] std,
                                                TrainingRange range) {
        List<ClassShift> out = new ArrayList<>();
        if (range == null || !range.hasClassSequenceMeans() || !range.hasSequenceMeans() || range.size() != std.length
                || predicted == null || predicted.length != sequences.size()) {
            return out;
        }
        for (int p : predicted) {
            if (p < 0 || p >= range.classCount()) {
                return out;
            }
        }
        boolean grouped = groups != null && !groups.isEmpty() && groups.size() == sequences.size();
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        if (grouped) {
            for (int i = 0; i < sequences.size(); i++) {
                byGroup.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
            }
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            all.add(i);
        }
        List<ClassShift> whole = judgeByClassOne(sequences, all, null, predicted, std, range);
        if (!grouped) {
            whole.stream().filter(ClassShift::off).forEach(out::add);
        } else {
            List<ClassShift> judged = new ArrayList<>();
            byGroup.forEach((g, members) -> judged.addAll(judgeByClassOne(sequences, members, g, predicted, std, range)));
            judged.stream().filter(ClassShift::off).forEach(out::add);
            if (byGroup.size() > 1) {
                for (ClassShift file : whole) {
                    if (wholeFileNamed(file, judged, sequences, byGroup, predicted, std, range)) {
                        out.add(file);
                    }
                }
            }
        }
        // the whole file first (the widest statement), then the groups, the farthest first
        out.sort(Comparator.comparing((ClassShift s) -> s.group() != null)
                .thenComparing(Comparator.comparingDouble((ClassShift s) -> Math.abs(s.meanSds())).reversed()));
        return out;
    }

    /**
     * Whether the whole file is named for {@code file}'s feature beside (before) its groups: when over half of the groups
     * judged ({@value #MIN_SEQUENCES} sequences or more) are off on the whole file's side, or when the whole file is off and
     * so are its sequences outside the groups named (the small groups and the quiet ones: the level is not only the named
     * groups' moving the file's mean). A reefer trial's +3 °C offset over every truck was said as "in 11 of the 20 trucks"
     * (the 11 of 5 trips or more; the 9 smaller ones unnamed) while the whole file lay 8.9 sds out; one truck of many
     * offset, or one large group moving the file's mean, names that group alone.
     */
    private static boolean wholeFileNamed(ClassShift file, List<ClassShift> judged, List<float[][]> sequences,
                                          Map<String, List<Integer>> byGroup, int[] predicted, float[] std, TrainingRange range) {
        List<ClassShift> groups = judged.stream().filter(s -> s.feature() == file.feature()).toList();
        long sameSide = groups.stream().filter(s -> s.off() && Math.signum(s.meanSds()) == Math.signum(file.meanSds())).count();
        if (groups.size() >= 2 && 2 * sameSide > groups.size()) {
            return true;
        }
        if (!file.off()) {
            return false;
        }
        Set<String> named = new HashSet<>();
        groups.stream().filter(ClassShift::off).forEach(s -> named.add(s.group()));
        if (named.isEmpty()) {
            return true;
        }
        List<Integer> rest = new ArrayList<>();
        byGroup.forEach((g, members) -> {
            if (!named.contains(g)) {
                rest.addAll(members);
            }
        });
        return judgeByClassOne(sequences, rest, null, predicted, std, range).stream()
                .anyMatch(s -> s.feature() == file.feature() && s.off() && Math.signum(s.meanSds()) == Math.signum(file.meanSds()));
    }

    private static List<ClassShift> judgeByClassOne(List<float[][]> sequences, List<Integer> members, String group, int[] predicted,
                                                    float[] std, TrainingRange range) {
        List<ClassShift> out = new ArrayList<>();
        if (members.size() < MIN_SEQUENCES) {
            return out;
        }
        float[] allMean = range.sequenceMeanMean();
        float[] allSd = range.sequenceMeanSd();
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f]) || !(std[f] > 0)) {
                continue;
            }
            long values = 0;
            Set<Float> distinct = new HashSet<>();
            int judged = 0;
            double sumZ = 0;
            double sumD = 0;
            int[] counts = new int[range.classCount()];
            int above = 0;
            int below = 0;
            for (int i : members) {
                double sum = 0;
                int n = 0;
                for (float[] step : sequences.get(i)) {
                    float x = step[f];
                    if (!Float.isNaN(x)) {
                        sum += x;
                        n++;
                        if (distinct.size() < 3) {
                            distinct.add(x);
                        }
                    }
                }
                if (n == 0) {
                    continue;
                }
                values += n;
                int c = predicted[i];
                boolean own = range.classSequences(c, f) >= MIN_CLASS_SEQUENCES;
                double m = own ? range.classMean(c, f) : allMean[f];
                double sd = own ? range.classSd(c, f) : allSd[f];
                double d = sum / n - m;
                sumD += d;
                double z = sd > 0 ? d / sd : d == 0 ? 0 : d > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                sumZ += z;
                above += z > MAJORITY_SDS ? 1 : 0;
                below += z < -MAJORITY_SDS ? 1 : 0;
                counts[c]++;
                judged++;
            }
            if (judged < MIN_SEQUENCES || values < MIN_VALUES || distinct.size() < 3 || Double.isNaN(sumZ)) {
                continue;
            }
            out.add(new ClassShift(f, group, judged, sumZ / judged, sumD / judged, std[f], counts, sumZ >= 0 ? above : below));
        }
        return out;
    }

    private static List<Shift> judgeOne(List<float[][]> sequences, String group, float[] mean, float[] std, float[] refMean,
                                        float[] refSd, float[] within) {
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
            // normal station SCHW was named for it); a whole file's still is, where it is narrower than the training
            // sequences' own spread too (Shift#narrower: a file of two ships like any training ship's was named)
            double withinSd = within == null ? Double.NaN : within[f];
            Shift shift;
            if (refMean != null) {
                double[] means = TrainingRange.sequenceMeans(sequences, f);
                double meanOfMeans = java.util.Arrays.stream(means).average().orElse(Double.NaN);
                shift = new Shift(f, group, sequences.size(), m, sd, mean[f], std[f], meanOfMeans, refMean[f], refSd[f], withinSd);
            } else {
                shift = new Shift(f, group, sequences.size(), m, sd, mean[f], std[f], Double.NaN, Double.NaN, Double.NaN, withinSd);
            }
            if (shift.levelOff() || ratio > SD_RATIO || (group == null && shift.narrower())) {
                out.add(shift);
            }
        }
        return out;
    }
}
