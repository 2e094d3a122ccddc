package org.rnnlab.training;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SequenceScaling;
import org.rnnlab.datasets.csv.WideLayout;

/**
 * What a model trained on CSV data does to a raw sequence's values before its normaliser, as {@code rnnlab predict} reads a
 * file and {@code serve} a request: values equal to one of its codes for a missing value ({@code --set naValues=-9999}) are
 * missing; missing values (NaN) are handled by its {@code --missing} policy (filled, end padding trimmed, steps holding one
 * removed, or refused); then
 * each sequence is scaled by its own statistics ({@code --set sequenceScaling}). Nothing for other models.
 *
 * @param missing the model's missing-value policy ({@link MissingValues#ERROR} without a CSV schema)
 * @param scaling the model's per-sequence scaling ({@link SequenceScaling#NONE} without one)
 * @param codes   its codes for a missing value that are numbers, as 32-bit floats (the values compared are floats: -999.9
 *                as a double never equals a float read from -999.9, a review)
 * @param wide    the model's wide layout ({@code --set layout=wide}), whose step columns messages name; null for other models
 * @param emptyFeature what the model writes into a feature with no value at all in a sequence under {@code --missing
 *                ffill|interpolate} ({@code --set emptyFeature=mean|zero}), or null: such a sequence is refused
 */
record InputPreparation(MissingValues missing, SequenceScaling scaling, Set<Float> codes, WideLayout wide,
                        org.rnnlab.datasets.csv.EmptyFeatureFill emptyFeature) {

    static InputPreparation of(ModelCard card) {
        CsvSchema schema = card.dataSchema();
        if (schema == null) {
            return new InputPreparation(MissingValues.ERROR, SequenceScaling.NONE, Set.of(), null, null);
        }
        Set<Float> codes = schema.naValues().stream().map(c -> {
            try {
                return Float.parseFloat(c.trim());
            } catch (NumberFormatException notANumber) {
                return null; // a code such as "n/a" is never a float
            }
        }).filter(d -> d != null).collect(Collectors.toUnmodifiableSet());
        return new InputPreparation(schema.missing(), schema.sequenceScaling(), codes, schema.wide(), schema.emptyFeature());
    }

    /**
     * How messages name feature {@code f} at step {@code t}: {@code feature NAME}, and for a wide model with a numeric axis
     * the step column it stands for, as predict names the cell of a file ({@link WideLayout#withStepColumn}):
     * {@code feature value (step column '1350.7')}.
     */
    String feature(int t, int f, List<String> features) {
        return "feature " + WideLayout.withStepColumn(features.get(f), wide == null ? null : wide.stepColumn(t));
    }

    /** Whether a missing value is refused (the model was trained with --missing error). */
    boolean refusesMissing() {
        return missing == MissingValues.ERROR;
    }

    /**
     * Refuses an infinite value of the sequence as given, naming its step, feature and value, before anything is done to it:
     * per-sequence scaling of a feature holding one makes the whole feature NaN (infinity minus infinity), and the check of
     * the prepared values then named step 0 and "NaN, a missing value", which a model with a filling policy fills (trial 76a:
     * {@code Infinity} at step 3 of {@code acc_x} was reported as {@code step 0 ... NaN is not a finite number}). NaN is left
     * to the model's policy; an infinity that is one of the model's codes is a missing value.
     *
     * @throws InvalidSequenceException naming sequence {@code index}, the step and the feature
     */
    void refuseInfinite(int index, float[][] values, List<String> features) {
        for (int t = 0; t < values.length; t++) {
            for (int f = 0; f < values[t].length; f++) {
                float v = values[t][f];
                if (Float.isInfinite(v) && !codes.contains(v)) {
                    throw new InvalidSequenceException("sequence " + index + ", step " + t + ", " + feature(t, f, features) + ": "
                            + v + " is not a finite number", index, t, features.get(f));
                }
            }
        }
    }

    /**
     * What a program should do with a value that looks like a code for a missing value, by the model's policy: under
     * {@code error}, {@code trim} and {@code drop} a NaN in its place is refused (or its sequence dropped), so the advice to
     * give NaN sent a developer into an exception (trial 76a); the words of {@code rnnlab predict}'s for such a model.
     */
    String codeAdvice(String code) {
        if (missing.fillsIn() || missing == MissingValues.DROP_STEPS) {
            return "if it means missing, give NaN there: the model's --missing " + missing + " "
                    + (missing == MissingValues.DROP_STEPS ? "removes such steps" : "fills it") + " as rnnlab predict does";
        }
        return "the model handles no missing value there (it was trained with --missing " + missing + (missing == MissingValues.ERROR
                ? ": a NaN is refused" : missing == MissingValues.TRIM ? ", which removes only end padding: a NaN elsewhere is refused"
                : ": a sequence with a NaN is refused") + "): if it means missing, retrain with --missing interpolate (or ffill, "
                + "zero, drop-steps) and --set naValues=" + code + ", or drop or impute those values yourself before predicting";
    }

    /**
     * How the model's policy filled missing values, in the words of {@code rnnlab predict}'s note of them; empty for a policy
     * that fills none.
     */
    String fillWords() {
        return switch (missing) {
            case ZERO -> "each set to 0, in the data's units";
            case INTERPOLATE -> "each on the straight line between the observed values of its feature and sequence around it, or "
                    + "the nearest one at a sequence's start or end";
            case FFILL -> "each from the last observed value of its feature and sequence, or the first one before it";
            default -> "";
        };
    }

    /** The cells of {@code values} (as given) that are missing: NaN, or one of the model's codes for a missing value. */
    int missingCells(float[][] values) {
        int n = 0;
        for (float[] step : values) {
            for (float v : step) {
                if (Float.isNaN(v) || !codes.isEmpty() && codes.contains(v)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The sequence as written, as {@code rnnlab predict} keeps it for a model that scales each sequence by its own statistics
     * ({@link WrittenValues}): the model's codes for a missing value as NaN, nothing filled, not scaled; {@code values}
     * itself when it holds no code.
     */
    float[][] written(float[][] values) {
        if (codes.isEmpty()) {
            return values;
        }
        float[][] out = null;
        for (int t = 0; t < values.length; t++) {
            for (int f = 0; f < values[t].length; f++) {
                if (codes.contains(values[t][f])) {
                    if (out == null) {
                        out = new float[values.length][];
                        for (int k = 0; k < values.length; k++) {
                            out[k] = values[k].clone();
                        }
                    }
                    out[t][f] = Float.NaN;
                }
            }
        }
        return out == null ? values : out;
    }

    /**
     * The sequence prepared: {@code values} itself when there is nothing to do, else a copy (the caller's arrays are not
     * changed). A missing value under {@code error} is left for the caller's check to refuse.
     *
     * @throws InvalidSequenceException naming sequence {@code index} when its missing values cannot be handled by the policy
     */
    float[][] prepare(int index, float[][] values, List<String> features) {
        boolean missingValues = false;
        for (float[] step : values) {
            for (float v : step) {
                if (Float.isNaN(v) || !codes.isEmpty() && codes.contains(v)) {
                    missingValues = true;
                }
            }
        }
        if (!missingValues && scaling == SequenceScaling.NONE) {
            return values;
        }
        if (missingValues && missing == MissingValues.ERROR && !codes.isEmpty()) {
            for (int t = 0; t < values.length; t++) {
                for (int f = 0; f < values[t].length; f++) {
                    if (codes.contains(values[t][f])) {
                        throw new InvalidSequenceException("sequence " + index + ", step " + t + ", " + feature(t, f, features) + ": "
                                + values[t][f] + " is the model's code for a missing value (naValues), and the model fills none "
                                + "(it was trained with --missing error)", index, t, features.get(f));
                    }
                }
            }
        }
        float[][] out = new float[values.length][];
        for (int t = 0; t < values.length; t++) {
            out[t] = values[t].clone();
            for (int f = 0; f < out[t].length; f++) {
                if (!codes.isEmpty() && codes.contains(out[t][f])) {
                    out[t][f] = Float.NaN; // the model's code for a missing value, as predict reads it
                }
            }
        }
        if (missingValues && missing == MissingValues.TRIM) {
            int trailing = MissingValues.trailingMissingSteps(out);
            out = MissingValues.trimmed(out);
            if (out.length == 0) {
                throw InvalidSequenceException.of("sequence " + index + " has no value at all: every value of its " + trailing
                        + " step(s) is missing (the model removes steps at a sequence's end whose every value is missing, "
                        + "--missing trim, and nothing is left)", index);
            }
            int[] at = MissingValues.firstMissing(out);
            if (at != null) {
                throw new InvalidSequenceException("sequence " + index + ", step " + at[0] + ", " + feature(at[0], at[1], features)
                        + ": a missing value that is not end padding (the model was trained with --missing trim, which removes "
                        + "only the steps at a sequence's end whose every value is missing)", index, at[0], features.get(at[1]));
            }
        } else if (missingValues && missing == MissingValues.DROP_STEPS) {
            int steps = out.length;
            out = MissingValues.withoutMissingSteps(out);
            if (out.length == 0) {
                throw InvalidSequenceException.of("sequence " + index + " has a missing value in every one of its " + steps
                        + " step(s), and the model removes such steps (it was trained with --missing drop-steps): there is nothing "
                        + "to predict for it", index);
            }
        } else if (missingValues && missing != MissingValues.ERROR) {
            MissingValues.Filled filled = missing.fill(out, emptyFeature == null ? null : emptyFeature.array(features.size()));
            if (filled.dropped()) {
                throw InvalidSequenceException.of("sequence " + index + " has a missing value, and the model drops such sequences "
                        + "(it was trained with --missing drop): there is nothing to predict for it", index);
            }
            if (filled.emptyFeature() >= 0) {
                throw new InvalidSequenceException("sequence " + index + ", feature " + features.get(filled.emptyFeature())
                        + " has no value at all (the model fills gaps with --missing " + missing + ", from values of the same "
                        + "feature in the sequence" + (emptyFeature == null ? ", and was trained without a fallback for a feature "
                        + "with none: train with --set " + org.rnnlab.datasets.csv.EmptyFeatureFill.SETTING + "=mean or zero to fill it"
                        : "; no feature of the sequence has a value, which no fallback fills") + ")", index, -1,
                        features.get(filled.emptyFeature()));
            }
        }
        if (MissingValues.firstMissing(out) == null) { // a NaN left (error policy) is refused by the caller, naming its step
            scaling.apply(out);
        }
        return out;
    }
}
