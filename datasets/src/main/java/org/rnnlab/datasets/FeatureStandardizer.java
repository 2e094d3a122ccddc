package org.rnnlab.datasets;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fits the per-feature standardiser {@code (x - mean) / std} of dense sequences: mean and population
 * standard deviation over every time step of every sequence, as ND4J's {@link NormalizerStandardize#fit}
 * defines them (masked padding ignored), but computed in double and in two passes (the mean, then the squared
 * deviations from it), and with {@link #CONSTANT_STD} for a feature of one value.
 *
 * <p>Why not ND4J's fit: it computes in the batches' float. One value of 1e30 (any |x| above about
 * 1.8e19) squares beyond the float range, the deviation becomes infinite, every value of that feature
 * standardises to 0, and the saved model is refused as damaged when read back. In double the squares
 * of float values never overflow. What must still fit in float is what the model computes with: the
 * mean, the deviation and {@code x - mean} of every training value; when a feature's values spread
 * beyond that (values near +-3.4e38), fitting is refused with the feature named.
 */
public final class FeatureStandardizer {

    /**
     * The deviation stored for a feature with one value at every training time step. {@code (x - mean) / std} is then 0
     * for that value, as it was, and about 0 for any other (below 1 for every float), so the model ignores the feature in
     * new data too, as the training warning says. Before, ND4J's rule for a zero deviation (divide by 1) passed {@code x -
     * mean} of new values on: a model trained where a column was always 7 read 107 in new data as 100 standard units of a
     * feature it never learnt, and its predictions changed (a user's evaluation fell from 1.0 to 0.5). {@code predict} and
     * {@code evaluate} warn of new data holding other values in such a feature ({@link #isConstant}).
     */
    public static final float CONSTANT_STD = Float.MAX_VALUE;

    private FeatureStandardizer() {
    }

    /**
     * The standardiser of these sequences (float arrays shaped {@code [1, features]}, as ND4J fits them).
     *
     * @param sequences    the training sequences
     * @param featureNames one name per feature, for the error
     * @throws IllegalArgumentException when there is no time step at all, or a feature's values spread
     *                                  beyond the float range
     */
    public static NormalizerStandardize fit(SequenceSet sequences, List<String> featureNames) {
        int features = featureNames.size();
        double[] sum = new double[features];
        long steps = 0;
        for (Sequence s : sequences.examples()) {
            for (float[] step : s.values()) {
                for (int f = 0; f < features; f++) {
                    sum[f] += step[f];
                }
                steps++;
            }
        }
        if (steps == 0) {
            throw new IllegalArgumentException("no training sequences to fit the feature standardiser on");
        }
        float[] mean = new float[features];
        for (int f = 0; f < features; f++) {
            mean[f] = (float) (sum[f] / steps);
        }
        double[] squares = new double[features];
        double[] farthest = new double[features];
        for (Sequence s : sequences.examples()) {
            for (float[] step : s.values()) {
                for (int f = 0; f < features; f++) {
                    double d = (double) step[f] - mean[f];
                    squares[f] += d * d;
                    farthest[f] = Math.max(farthest[f], Math.abs(d));
                }
            }
        }
        float[] std = new float[features];
        for (int f = 0; f < features; f++) {
            std[f] = squares[f] == 0 ? CONSTANT_STD : (float) Math.sqrt(squares[f] / steps);
            // the deviation is at most the farthest distance from the mean: a finite float farthest bounds both
            if (Float.isInfinite((float) farthest[f]) || Float.isInfinite(std[f])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "feature '%s' (input feature %d of %d) of the "
                        + "training data: its values lie up to %.3g from their mean %.3g, beyond the float range (|x| <= 3.4e38) in "
                        + "which the model standardises them as (x - mean) / std (standard deviation %.3g); rescale the column "
                        + "(e.g. divide it by a power of 10) and train again", featureNames.get(f), f + 1, features,
                        farthest[f], (double) mean[f], Math.sqrt(squares[f] / steps)));
            }
        }
        for (int f = 0; f < features; f++) {
            if (std[f] < Float.MIN_NORMAL) { // (float) of a deviation below 1.2e-38: zero or without precision, (x - mean) / 0
                throw new IllegalArgumentException(String.format(Locale.ROOT, "feature '%s' (input feature %d of %d) of the "
                        + "training data: its standard deviation %.3g is below the smallest normal float (1.2e-38), so the model "
                        + "cannot standardise it as (x - mean) / std; rescale the column (e.g. multiply it by a power of 10) and "
                        + "train again", featureNames.get(f), f + 1, features, Math.sqrt(squares[f] / steps)));
            }
        }
        return of(Nd4j.create(mean, new long[] {1, features}, DataType.FLOAT), Nd4j.create(std, new long[] {1, features}, DataType.FLOAT));
    }

    /**
     * The standardiser of these statistics ({@code [1, features]} each), used exactly as given: {@link ExactStandardize}
     * (ND4J's own divides deviations below about 1e-5 by 1).
     */
    public static NormalizerStandardize of(INDArray mean, INDArray std) {
        return new ExactStandardize(mean, std);
    }

    /** Whether a stored deviation marks a feature that had one value at every training step ({@link #CONSTANT_STD}). */
    public static boolean isConstant(double std) {
        return std == CONSTANT_STD;
    }

    /** How many standard deviations of the other values one value must lie from their mean to be named as dominating. */
    static final double DOMINATING = 100;
    /** How many standard deviations of the others a value written as a missing-value code must lie from their mean. */
    static final double FAR_CODE = 10;
    /** How many times the other values' deviation a dominating value must widen the feature's to be named. */
    static final double SQUEEZED = 3;

    /**
     * What about these training features the model cannot use well, one sentence per feature: a feature with one value
     * at every time step (it carries nothing; it standardises to 0), and a feature one value of which (at most 1% of the
     * steps, every copy of it) lies more than {@value #DOMINATING} standard deviations of the other values from their mean
     * (1e30 among values near 1, a sentinel such as -9999): that value then sets the deviation, and all the others
     * standardise to nearly the same number, so the feature is lost (named when it widens the deviation {@value #SQUEEZED}
     * times or more: among many values one far value widens it little). A rare level of a flag or a feature of a few levels
     * (the others taking fewer than 3 values) is not one.
     */
    public static List<String> oddities(SequenceSet sequences, List<String> featureNames) {
        return check(sequences, featureNames).messages();
    }

    /**
     * What {@link #oddities} says ({@code messages}), with the value each of its sentences about one far value names, by
     * feature index ({@code farValues}: a code such as -9999, 1e30 among values near 1). Other checks leave those values
     * out of their statistics with the very decision this warning made: a trial's undeclared -9999 in 18 of 20 stations'
     * temperatures widened their spread 200 times, and {@link org.rnnlab.datasets.csv.GroupScales} called the two stations
     * without it "another unit", while the station really in mg/m³ went unnamed.
     */
    public record Findings(List<String> messages, java.util.Map<Integer, Float> farValues) {
    }

    /** {@link #oddities} with the far values they name ({@link Findings}). */
    public static Findings check(SequenceSet sequences, List<String> featureNames) {
        return check(sequences, featureNames, java.util.Map.of());
    }

    /**
     * {@link #check(SequenceSet, List)}, a feature of one value in training judged against the held-out parts too
     * ({@code heldOut}, by name: {@code validation}, {@code test}): where their sequences hold other values the warning
     * counts them and does not advise leaving the feature out, which would remove the only trace of what sets them apart
     * (a parcel carrier's trial: a hub only December had, 0 in every training shipment and 1 in 103 of the 675 test ones,
     * was called "no information; leave it out" at training time).
     */
    public static Findings check(SequenceSet sequences, List<String> featureNames, java.util.Map<String, List<Sequence>> heldOut) {
        return check(sequences, featureNames, heldOut, java.util.Map.of());
    }

    /**
     * {@link #check(SequenceSet, List, java.util.Map)}, with the features that one-hot encode a column of categories
     * ({@code oneHot}: feature index to its group's name prefix, {@code road_type_}): a member 0 at every training step is one
     * category no training row is of, told so, and to be kept rather than left out. A trial's monthly replay on a month
     * without gravel roads was told "leave it out with --set features=...", which a --config replay refuses and which would
     * give the model another layout than the earlier month's, refusing the next month's gravel rows (74d F6).
     */
    public static Findings check(SequenceSet sequences, List<String> featureNames, java.util.Map<String, List<Sequence>> heldOut,
                                 java.util.Map<Integer, String> oneHot) {
        java.util.Map<Integer, Float> far = new java.util.LinkedHashMap<>();
        List<String> messages = oddities(sequences, featureNames, far, heldOut, oneHot);
        return new Findings(messages, java.util.Collections.unmodifiableMap(far));
    }

    /**
     * How many sequences of each held-out part hold a value of feature {@code f} other than {@code value}, with one of
     * them: {@code 103 of the 675 test sequences hold other values (e.g. 1.0)}; null when none does.
     */
    static String heldOutOtherValues(java.util.Map<String, List<Sequence>> heldOut, int f, float value) {
        List<String> parts = new java.util.ArrayList<>();
        Float example = null;
        for (java.util.Map.Entry<String, List<Sequence>> part : heldOut.entrySet()) {
            int differing = 0;
            for (Sequence s : part.getValue()) {
                for (float[] step : s.values()) {
                    if (step[f] != value && !Float.isNaN(step[f])) {
                        example = example == null ? step[f] : example;
                        differing++;
                        break;
                    }
                }
            }
            if (differing > 0) {
                parts.add(differing + " of the " + part.getValue().size() + " " + part.getKey());
            }
        }
        return parts.isEmpty() ? null : String.join(" and ", parts) + " sequences hold other values (e.g. " + example + ")";
    }

    /** How many of the {@code features} features hold {@code value} at some training step (cached in {@code holding}). */
    private static int featuresHolding(SequenceSet sequences, int features, float value, java.util.Map<Float, Integer> holding) {
        return holding.computeIfAbsent(value, v -> {
            boolean[] held = new boolean[features];
            for (Sequence s : sequences.examples()) {
                for (float[] step : s.values()) {
                    for (int f = 0; f < features; f++) {
                        held[f] |= step[f] == v;
                    }
                }
            }
            int n = 0;
            for (boolean h : held) {
                n += h ? 1 : 0;
            }
            return n;
        });
    }

    private static List<String> oddities(SequenceSet sequences, List<String> featureNames, java.util.Map<Integer, Float> far,
                                         java.util.Map<String, List<Sequence>> heldOut, java.util.Map<Integer, String> oneHot) {
        int features = featureNames.size();
        List<String> out = new java.util.ArrayList<>();
        List<String> constant = new java.util.ArrayList<>(); // each "'name' (value)"; 3 or more said in one message
        List<String> constantOne = new java.util.ArrayList<>();
        // one-hot categories no training row is of, by their group's prefix
        java.util.Map<String, List<String>> absentCategories = new java.util.LinkedHashMap<>();
        // features whose far value is one code for a missing value (all nines, -999, 65535...): said in one message when 3 or
        // more share it (a wind trial's -9999 in 10 SCADA columns gave 10 paragraphs in two wordings)
        java.util.Map<Float, List<String>> codeMessages = new java.util.LinkedHashMap<>();
        java.util.Map<Float, List<String>> codeFeatures = new java.util.LinkedHashMap<>();
        java.util.Map<Float, Long> codeCells = new java.util.HashMap<>();
        java.util.Map<Float, Integer> holding = new java.util.HashMap<>(); // features holding a code, counted when first asked
        for (int f = 0; f < features; f++) {
            // two passes in double for the mean and deviation, with the farthest value; two more without it when it stands out
            double sum = 0;
            long n = 0;
            for (Sequence s : sequences.examples()) {
                for (float[] step : s.values()) {
                    sum += step[f];
                    n++;
                }
            }
            if (n < 3) {
                return out;
            }
            double mean = sum / n;
            double squares = 0;
            double farthest = -1;
            float value = 0;
            for (Sequence s : sequences.examples()) {
                for (float[] step : s.values()) {
                    double d = Math.abs(step[f] - mean);
                    squares += d * d;
                    if (d > farthest) {
                        farthest = d;
                        value = step[f];
                    }
                }
            }
            double std = Math.sqrt(squares / n);
            String name = String.format(Locale.ROOT, "feature '%s' (input feature %d of %d)", featureNames.get(f), f + 1, features);
            String elsewhere = squares == 0 ? heldOutOtherValues(heldOut, f, value) : null;
            if (elsewhere != null) { // on its own, not among the constants to leave out
                out.add(String.format(Locale.ROOT, "%s has the value %s at every training time step (as read, in 32-bit floats), "
                        + "but %s: the model sees 0 for it whatever the value, so it ignores what sets those sequences apart and "
                        + "their scores say nothing of it (a category or period only the held-out data have?); the feature is the "
                        + "only trace of them, so rather than leave it out, read their scores apart, or give training sequences "
                        + "where it varies (another split: a split column or other fractions)", name, Float.toString(value), elsewhere));
                continue;
            }
            if (squares == 0 && value == 0 && oneHot.containsKey(f)) { // by group, below: not among the features to leave out
                absentCategories.computeIfAbsent(oneHot.get(f), k -> new java.util.ArrayList<>()).add(featureNames.get(f));
                continue;
            }
            if (squares == 0) {
                constantOne.add(String.format(Locale.ROOT, "%s has the value %s at every training time step (as read, in 32-bit floats): it carries no information "
                        + "(the model sees 0 for it, also for other values in new data); leave it out with --set features=...", name, Float.toString(value)));
                out.add(constantOne.get(constantOne.size() - 1));
                constant.add("'" + featureNames.get(f) + "' (" + Float.toString(value) + ")");
                continue;
            }
            if (farthest <= 5 * std) {
                continue; // nothing stands out (the most a few values can lie out is about sqrt(n / k) deviations)
            }
            // the other values: without every copy of the extreme one (a sentinel such as -9999 comes many times)
            double restSum = 0;
            long copies = 0;
            for (Sequence s : sequences.examples()) {
                for (float[] step : s.values()) {
                    if (step[f] == value) {
                        copies++;
                    } else {
                        restSum += step[f];
                    }
                }
            }
            long rest = n - copies;
            // a common value is a level of the feature, not an outlier; unless it is written as a code for missing (-999 in 3%
            // of a truck trial's engine temperatures was silent, where 0.5% was named); a code in fewer steps is one too where
            // 3 or more features hold it (trial 68e: a -9999 dropout of every sensor in 2 steps gave 3 paragraphs, none naming
            // naValues)
            boolean codeLike = org.rnnlab.datasets.csv.MissingValues.codeLike(value);
            boolean code = codeLike && (copies >= 3 || featuresHolding(sequences, features, value, holding) >= 3);
            if (rest < 2 || copies > Math.max(1, n / 100) && !code) {
                continue;
            }
            double restMean = restSum / rest;
            double restSquares = 0;
            double nearest = Double.POSITIVE_INFINITY; // the other values' closest approach to it
            java.util.Set<Float> levels = new java.util.HashSet<>();
            for (Sequence s : sequences.examples()) {
                for (float[] step : s.values()) {
                    if (step[f] != value) {
                        restSquares += (step[f] - restMean) * (step[f] - restMean);
                        nearest = Math.min(nearest, Math.abs(step[f] - value));
                        if (levels.size() < 3) {
                            levels.add(step[f]);
                        }
                    }
                }
            }
            if (levels.size() < 3) {
                continue; // a flag or a few levels (0/1 and a rare 2): not a measurement an outlier can swamp
            }
            double restStd = Math.sqrt(restSquares / rest);
            double away = Math.abs(value - restMean) / restStd;
            // and it widens the deviation enough to squeeze the others (a trial's one idle gap of 334 s among 56k packets, 215
            // deviations out, widened it 1.4 times and was called "the feature is lost")
            // a code stands apart, where a sensor that saturates at its full scale (an IMU's 32767 in a fall) reaches it
            // through values near it
            boolean isolated = nearest > 5 * restStd;
            if (code && away > FAR_CODE && std < SQUEEZED * restStd && isolated) {
                far.put(f, value);
                // a code far out that does not squeeze the others still feeds the model a value no sensor read (a trial's
                // power meter's 65535 in 4 of 45,124 steps, 118 deviations out, was named nowhere)
                out.add(String.format(Locale.ROOT, "%s: the training value %s (%d times) lies %.3g standard deviations of the "
                        + "other values (mean %.4g, deviation %.4g) from their mean, with no value near it, and is written as codes "
                        + "for a missing value or a sensor error are (all nines, -999, 65535, 32767): if it is one, read it as missing "
                        + "with --set naValues=%d and a --missing policy (a sensor's full scale, which it reaches, is data)", name,
                        Float.toString(value), copies, away, restMean, restStd, (long) value));
                codeMessages.computeIfAbsent(value, v -> new java.util.ArrayList<>()).add(out.get(out.size() - 1));
                codeFeatures.computeIfAbsent(value, v -> new java.util.ArrayList<>()).add(featureNames.get(f));
                codeCells.merge(value, copies, Long::sum);
            } else if ((away > DOMINATING || code && away > FAR_CODE) && std >= SQUEEZED * restStd) {
                far.put(f, value);
                out.add(String.format(Locale.ROOT, "%s: the training value %s (%s) lies %.3g standard deviations of the other "
                        + "values (mean %.4g, deviation %.4g) from their mean: it sets the feature's standardisation (deviation "
                        + "%.4g, %.3g times theirs), so all its other values standardise into 1/%.3g of the spread they would "
                        + "have and the model hardly tells them apart; check the value (a unit error, a sentinel for 'missing'?), "
                        + "remove it or leave the feature out%s",
                        name, Float.toString(value), copies == 1 ? "once" : copies + " times", away, restMean, restStd, std,
                        std / restStd, std / restStd,
                        codeLike || copies >= 3 && value == Math.rint(value) ? " (a code for a missing value is read as one with --set naValues="
                        + (long) value + " and a --missing policy)" : ""));
                if (code) {
                    codeMessages.computeIfAbsent(value, v -> new java.util.ArrayList<>()).add(out.get(out.size() - 1));
                    codeFeatures.computeIfAbsent(value, v -> new java.util.ArrayList<>()).add(featureNames.get(f));
                    codeCells.merge(value, copies, Long::sum);
                }
            }
        }
        for (java.util.Map.Entry<Float, List<String>> e : codeMessages.entrySet()) {
            List<String> names = codeFeatures.get(e.getKey());
            if (names.size() < 3) {
                continue;
            }
            long code = (long) (float) e.getKey();
            out.add(out.indexOf(e.getValue().get(0)), String.format(Locale.ROOT, "the training value %s, written as codes for a "
                    + "missing value or a sensor error are (all nines, -999, 65535, 32767), lies far from the other values of %d "
                    + "features (%d cells in all): %s; read as numbers it sets or skews their standardisation and feeds the model "
                    + "values no sensor read: if it means missing, give --set naValues=%d and a --missing policy",
                    Float.toString(e.getKey()), names.size(), codeCells.get(e.getKey()),
                    names.stream().limit(10).map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", "))
                            + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : ""), code));
            out.removeAll(e.getValue());
        }
        if (constant.size() >= 3) { // one message for many (a trial's one-hot-by-position file gave 19 lines)
            out.add(out.indexOf(constantOne.get(0)), constant.size() + " of the " + features + " features have one value at every training time step (as read, in "
                    + "32-bit floats): " + String.join(", ", constant.subList(0, Math.min(10, constant.size())))
                    + (constant.size() > 10 ? " and " + (constant.size() - 10) + " more" : "") + "; they carry no information (the "
                    + "model sees 0 for them, also for other values in new data); leave them out with --set features=...");
            out.removeAll(constantOne);
        }
        absentCategories.forEach((prefix, names) -> {
            boolean one = names.size() == 1;
            String those = one ? "that category" : "those categories";
            out.add(String.format(Locale.ROOT, "feature(s) %s, %s of the one-hot group %s* (which encodes '%s'), %s 0 at every "
                    + "training time step: no training row of this file is of %s (it did not occur in these data), so the model "
                    + "cannot learn %s from them; keep the column(s) all the same, so that the layout stays the same: without them "
                    + "the model's features would differ from those of earlier data, and data with rows of %s would be refused "
                    + "(a column not in the layout)", names.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors
                    .joining(", ")), one ? "one category" : "categories", prefix, prefix.substring(0, prefix.length() - 1),
                    one ? "is" : "are", those, those, those));
        });
        return out;
    }
}
