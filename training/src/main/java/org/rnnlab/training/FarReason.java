package org.rnnlab.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Why one feature of one sequence is marked far outside the training data ({@link SequenceClassifier.Prediction#farReasons}):
 * which of the checks behind {@link SequenceClassifier.Prediction#farFromTraining} marked it, and the words of the warning
 * {@code predict} logs for it. A trial's service (76e) got {@code farFromTraining} {@code [air_temp_c, probe_temp_c]} for a
 * leg in °F and for a leg with -99 in a few cells alike, and the reasons (a unit, a code for a missing value) only as log
 * text; the °F words only from {@code rnnlab predict}.
 *
 * @param feature the feature's name
 * @param kind    the check that marked it
 * @param detail  what it found, as {@code predict}'s warning words it for this sequence: {@code 97% of its values over 10
 *                training sd from the training mean 6.154, sd 2.507, and beyond the training values ...; here mean 38.55,
 *                30.98 to 44.86: another unit or scale? (°F against °C? (x − 32) / 1.8 brings its mean to 3.641)}, {@code -99
 *                in 2 cell(s), far outside the training data (...): a code for a missing value, read as a number?}
 */
public record FarReason(String feature, Kind kind, String detail) {

    /** The checks that mark a feature of a sequence far outside the training data. */
    public enum Kind {
        /**
         * A tenth of its values or more over {@link FarFromTraining#FAR} training sd from the training mean and beyond the
         * training range, or every value beyond the training range by over a quarter of its span however few sd that is
         * ({@link FarFromTraining#judgeOne}): another unit or scale, or, for one value at every step, a dead channel (0) or a
         * stuck sensor ({@link FarReason#level}); the cells of a code for a missing value are {@link #CODE}'s and not counted here; for a
         * temperature's name the detail says when °F against
         * °C (or the reverse) brings its mean to the training mean ({@link FarFromTraining#temperatureHint}). When two such
         * features each lie within the other's training range the detail says {@code columns swapped? ...} instead
         * ({@link FarFromTraining#swappedWith}).
         */
        UNIT,
        /** Every value within 1/{@value FarFromTraining#NARROW} of the training data's magnitude ({@link FarFromTraining#narrow}): a unit that shrinks them. */
        TINY,
        /**
         * A value written as codes for a missing value are, far outside the training data ({@link FarFromTraining#codes}),
         * or, for a model that scales each sequence, far from the sequence's other values as written
         * ({@link WrittenValues#codes}); the detail begins with the code.
         */
        CODE,
        /**
         * For a model that scales each sequence by its own statistics: spikes as written in a tenth of its values or more
         * ({@link WrittenValues#spikes}), which the scaling bends around.
         */
        SPIKES
    }

    /**
     * The reasons of one sequence, in feature order and, per feature, in {@link Kind} order: one or more for each feature
     * {@link FarFromTraining#ofSequence} of {@code values} and, when {@code written} is given,
     * {@link WrittenValues#ofSequence} of it mark, and none for another (the same checks).
     *
     * @param values  the sequence as the model reads it ({@link SequenceClassifier#prepare})
     * @param written the sequence as written, for a model that scales each sequence by its own statistics; else null
     * @param names   the feature names, in the model's order
     */
    public static List<FarReason> ofSequence(float[][] values, float[][] written, float[] mean, float[] std, TrainingRange range,
                                             List<String> names) {
        List<Indexed> out = new ArrayList<>();
        List<float[][]> one = List.<float[][]>of(values);
        List<FarFromTraining.Feature> units = FarFromTraining.judgeOne(values, mean, std, range);
        List<Integer> unitIndices = units.stream().map(FarFromTraining.Feature::index).toList();
        for (FarFromTraining.Feature f : units) {
            String name = names.get(f.index());
            String described = f.describe(name, mean[f.index()], std[f.index()], range);
            // two far features each at home in the other's training range: a column swap, not a unit (trial 77e)
            int other = FarFromTraining.swappedWith(one, f.index(), unitIndices, range);
            out.add(new Indexed(f.index(), new FarReason(name, Kind.UNIT, described.substring(name.length() + 4) // after "'name' ("
                    + (other >= 0 ? ": " + FarFromTraining.swapHint(name, names.get(other))
                    : ": " + level(f) + FarFromTraining.temperatureHint(name, f.mean(), f.farMean(), mean[f.index()],
                    std[f.index()])))));
        }
        for (FarFromTraining.Narrow n : FarFromTraining.narrow(one, mean, std, range)) {
            out.add(new Indexed(n.index(), new FarReason(names.get(n.index()), Kind.TINY, String.format(Locale.ROOT,
                    "every value within %.2g of 0, 1/%s of the training data's magnitude %.4g (mean %.4g, sd %.4g): another unit "
                            + "(volts for microvolts)?", n.maxAbs(), n.ratioText(), n.scale(), mean[n.index()], std[n.index()]))));
        }
        for (FarFromTraining.Code c : FarFromTraining.codes(one, mean, std, range)) {
            out.add(new Indexed(c.index(), new FarReason(names.get(c.index()), Kind.CODE, String.format(Locale.ROOT,
                    "%s in %d cell(s), far outside the training data (training mean %.4g, sd %.4g): a code for a missing value, "
                            + "read as a number?", code(c.value()), c.count(), mean[c.index()], std[c.index()]) + remedy(c.value()))));
        }
        if (written != null) {
            boolean[][] spikes = WrittenValues.spikes(written, mean, std, range);
            for (int f = 0; f < std.length; f++) {
                int cells = 0;
                int present = 0;
                double low = Double.POSITIVE_INFINITY;
                double high = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < written.length; t++) {
                    present += Float.isNaN(written[t][f]) ? 0 : 1;
                    if (spikes[t][f]) {
                        cells++;
                        low = Math.min(low, written[t][f]);
                        high = Math.max(high, written[t][f]);
                    }
                }
                // WrittenValues.ofSequence's rule
                if (cells >= 3 && cells >= FarFromTraining.ONE_SEQUENCE_SHARE * present) {
                    out.add(new Indexed(f, new FarReason(names.get(f), Kind.SPIKES, String.format(Locale.ROOT, "%d of its %d values "
                            + "are spikes, %s as written, over %.0f training sd out scaled by the rest of the sequence; its own "
                            + "scaling bends around them and hides them", cells, present, low == high ? String.format(Locale.ROOT,
                            "%.4g", low) : String.format(Locale.ROOT, "%.4g to %.4g", low, high), FarFromTraining.FAR))));
                }
            }
            for (FarFromTraining.Code c : WrittenValues.codes(List.<float[][]>of(written), std)) {
                out.add(new Indexed(c.index(), new FarReason(names.get(c.index()), Kind.CODE, String.format(Locale.ROOT,
                        "%s in %d cell(s), over %.0f sd of the sequence's other values from their mean as written, before its own "
                                + "scaling (which a code bends): a code for a missing value, read as a number?", code(c.value()),
                        c.count(), FarFromTraining.FAR) + remedy(c.value()))));
            }
        }
        // one reason per check and feature (a code as read and as written is one), in feature and then kind order
        List<FarReason> sorted = new ArrayList<>();
        out.stream().sorted(Comparator.comparingInt(Indexed::index).thenComparing(i -> i.reason().kind()))
                .forEach(i -> {
                    if (sorted.isEmpty() || !sorted.get(sorted.size() - 1).feature().equals(i.reason().feature())
                            || sorted.get(sorted.size() - 1).kind() != i.reason().kind()) {
                        sorted.add(i.reason());
                    }
                });
        return List.copyOf(sorted);
    }

    /**
     * What a {@link Kind#UNIT} feature's far values suggest: {@code another unit or scale?}; for one value at every step,
     * which no unit change of varying data gives, a dead channel (0: {@code 0 at every step: a dead channel, its cells filled
     * with 0?}) or a stuck sensor ({@code one value, 100000, at every step: a stuck sensor, or another unit or scale?}). A
     * trial's (81e) pressure channel reading 0 throughout was told to convert its unit.
     */
    static String level(FarFromTraining.Feature f) {
        if (f.low() != f.high()) {
            return "another unit or scale?";
        }
        return f.low() == 0 ? "0 at every step: a dead channel, its cells filled with 0?"
                : "one value, " + code((float) f.low()) + ", at every step: a stuck sensor, or another unit or scale?";
    }

    /** A reason with its feature's position, for ordering. */
    private record Indexed(int index, FarReason reason) {
    }

    /**
     * What to do about a code, in the same words for serve and the Java API (which give this detail) and true for predict:
     * serve and the API read values by the model's own missing-value policy only, and predict's {@code --na-values} and
     * {@code --missing} overrides have no serve counterpart (trial 77e F9: serve's reason said only "read as a number?",
     * where predict's warning said how to read it as missing).
     */
    static String remedy(float code) {
        return " (the model reads values by its own missing-value policy, as serve and the Java API apply it: fill those cells "
                + "before sending, e.g. interpolate them, or retrain with --missing interpolate --set naValues=" + code(code)
                + "; rnnlab predict --na-values " + code(code) + " --missing interpolate reads them as missing for one run)";
    }

    /** {@code -99} for a whole number, else the float as Java writes it. */
    private static String code(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
    }
}
