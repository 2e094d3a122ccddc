package org.rnnlab.evaluation.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.training.FarFromTraining;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validation and test splits judged against the training split as {@code evaluate} judges new data against a model
 * ({@link FarFromTraining}: a feature far outside the training data, codes for a missing value), when training and
 * comparing. A trial's held-out plant in °F, given as {@code train --test}, scored 0.18 accuracy against 0.86 in °C
 * without a word, where {@code evaluate} on the same file warned. The warnings go to the dataset readers' logger, so that
 * they are a run's data warnings ({@link DataWarnings#capture}) beside the scores they qualify.
 */
public final class HeldOutValues {
    private static final Logger LOG = LoggerFactory.getLogger("org.rnnlab.datasets.heldout");

    private HeldOutValues() {
    }

    /** Warns of what {@link #warnings} finds in {@code data}, and returns it. */
    public static SequenceDataset checked(SequenceDataset data) {
        warnings(data).forEach(w -> LOG.warn("{}", w));
        return data;
    }

    /** The warnings of the validation and test splits' values against the training split's mean, deviation and range, per feature. */
    public static List<String> warnings(SequenceDataset data) {
        List<String> out = new ArrayList<>();
        if (data.input().kind() == InputDescription.Kind.TOKENS) {
            return out;
        }
        List<Sequence> train = data.split(Split.TRAIN).examples();
        int features = data.input().featureCount();
        if (train.isEmpty() || features == 0) {
            return out;
        }
        // the model's own standardisation of the training split (a feature constant in training is ignored by the model, and
        // judged by no one here: a review found a constant feature's 0 deviation calling any other value far out)
        java.util.Optional<org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize> fitted = data.fitNormalizer();
        if (fitted.isEmpty()) {
            return out;
        }
        float[] mean = fitted.get().getMean().toFloatVector();
        float[] std = fitted.get().getStd().toFloatVector();
        // and the training split's range of each feature, as the model card keeps it: a held-out value inside what training
        // held is not far outside it (a glove trial's gyroscope, about 0 for most letters and 180 deg/s for J)
        org.rnnlab.training.TrainingRange range = org.rnnlab.training.TrainingRange.of(
                train.stream().map(Sequence::values).toList(), features);
        // codes the training split holds too are training's to warn of (it does, in 3 cells or more), not a difference of the
        // held-out data (a review: -999 in 0.5% of every split's cells was called far outside the training data)
        java.util.Set<Long> trainingCodes = new java.util.HashSet<>();
        for (Sequence s : train) {
            for (float[] step : s.values()) {
                for (int f = 0; f < features; f++) {
                    if (org.rnnlab.datasets.csv.MissingValues.codeLike(step[f])) {
                        trainingCodes.add(((long) f << 32) ^ Float.floatToIntBits(step[f]));
                    }
                }
            }
        }
        List<String> names = data.input().featureNames();
        for (Split split : List.of(Split.VALIDATION, Split.TEST)) {
            List<float[][]> values = data.split(split).examples().stream().map(Sequence::values).toList();
            if (values.isEmpty()) {
                continue;
            }
            String what = split.name().toLowerCase(Locale.ROOT);
            List<String> far = new ArrayList<>();
            java.util.Set<Integer> named = new java.util.HashSet<>();
            for (FarFromTraining.Feature x : FarFromTraining.judge(values, mean, std, range)) {
                int f = x.index();
                named.add(f);
                far.add(x.describe(names.get(f), mean[f], std[f], range)
                        + FarFromTraining.temperatureHint(names.get(f), x.mean(), x.farMean(), mean[f], std[f]) + ")");
            }
            for (FarFromTraining.Rescaled x : FarFromTraining.rescaled(values, mean, std)) { // kWh per quarter-hour for kW
                if (named.add(x.index())) {
                    far.add(x.describe(names.get(x.index()), mean[x.index()], std[x.index()]) + ")");
                }
            }
            for (FarFromTraining.Narrow x : FarFromTraining.narrow(values, mean, std, range)) { // volts for microvolts
                if (named.add(x.index())) {
                    far.add(x.describe(names.get(x.index()), mean[x.index()], std[x.index()]) + ")");
                }
            }
            // the far cells counted over the split, per feature not named above: a few sequences' cells typed wrong (a
            // greenhouse trial's CO2 typed 10 times too large in 112 cells of 4 test days: train --test said nothing)
            List<String> ids = data.sequenceIds().getOrDefault(split, List.of());
            if (ids.size() != values.size()) {
                ids = java.util.stream.IntStream.rangeClosed(1, values.size()).mapToObj(i -> "#" + i).toList();
            }
            List<String> cells = new ArrayList<>();
            for (FarFromTraining.FarCells c : FarFromTraining.farCells(values, mean, std, range)) {
                if (!named.contains(c.index())) {
                    cells.add(c.describe(names.get(c.index()), ids, values.size(), mean[c.index()], std[c.index()], range));
                }
            }
            for (String line : cells) {
                out.add(String.format(Locale.ROOT, "the %s data: %s The %s scores read them as data; fix those cells, or mark "
                        + "them missing (an empty cell) and choose a --missing policy", what, line, what));
            }
            if (!far.isEmpty()) {
                out.add(String.format(Locale.ROOT, "%d feature(s) of the %s data lie far outside the training data: %s. Another "
                        + "unit or scale, or a drifted sensor? The %s scores then measure that, not the model on data like its "
                        + "training data; bring the %s data to the training data's units", far.size(), what, String.join("; ", far),
                        what, what));
            }
            List<String> codes = new ArrayList<>();
            for (FarFromTraining.Code c : FarFromTraining.codes(values, mean, std, range)) {
                if (!named.contains(c.index()) && !trainingCodes.contains(((long) c.index() << 32) ^ Float.floatToIntBits(c.value()))) {
                    codes.add(String.format(Locale.ROOT, "'%s' holds %s in %d cell(s) of %d sequence(s)", names.get(c.index()),
                            c.value() == Math.rint(c.value()) ? Long.toString((long) c.value()) : Float.toString(c.value()),
                            c.count(), c.sequences()));
                }
            }
            if (!codes.isEmpty()) {
                out.add(String.format(Locale.ROOT, "the %s data hold values that look like codes for a missing value, far outside "
                        + "the training data, read as numbers: %s; if they mean missing, give --set naValues=CODE (and a --missing "
                        + "policy)", what, String.join("; ", codes)));
            }
        }
        return out;
    }
}
