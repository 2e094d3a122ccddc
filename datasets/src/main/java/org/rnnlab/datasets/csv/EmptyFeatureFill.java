package org.rnnlab.datasets.csv;

import java.util.List;
import java.util.Locale;

/**
 * What {@code --missing ffill} and {@code interpolate} write into a feature that has no observed value at all in a sequence
 * (a heart-rate strap dead for a whole match, a lab never ordered in an admission): there is nothing in the sequence to fill
 * from. Chosen at training time with {@code --set emptyFeature=error|mean|zero}, stored in the model's {@link CsvSchema}
 * beside the {@code --missing} policy, and applied the same way by train, evaluate, predict, serve and the Java API.
 * Without it ({@code error}, a null fill) such a sequence is refused in training and given no prediction in new data.
 * A sequence with no value in any of its features is an empty recording, which no fallback fills.
 *
 * @param policy {@code mean} (the training data's mean of the feature, in the file's units, from its observed values before
 *               standardisation: new data are filled with the training value, never their own) or {@code zero} (0 in the
 *               file's units)
 * @param values the value written per feature, in model order and raw units; null while the training data are being read
 *               (the means are not known yet)
 */
public record EmptyFeatureFill(String policy, List<Double> values) {

    /** The {@code --set} key. */
    public static final String SETTING = "emptyFeature";
    /** The training data's mean. */
    public static final String MEAN = "mean";
    /** Zero. */
    public static final String ZERO = "zero";
    /** The setting's values, for messages. */
    public static final String CHOICES = "error, mean or zero";
    /** The remedy the refusals name. */
    public static final String REMEDY = "--set " + SETTING + "=mean (train: writes the training data's mean of the feature in such a "
            + "sequence, stored with the model) or =zero";

    public EmptyFeatureFill {
        if (!MEAN.equals(policy) && !ZERO.equals(policy)) {
            throw new IllegalArgumentException("EmptyFeatureFill.policy must be mean or zero, got " + policy);
        }
        values = values == null ? null : List.copyOf(values);
    }

    /**
     * Parses {@code error|mean|zero} (case-insensitively): null for {@code error} (no fallback), else a fill whose values are
     * not known yet.
     */
    public static EmptyFeatureFill parse(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "error" -> null;
            case MEAN, ZERO -> new EmptyFeatureFill(v, null);
            default -> throw new IllegalArgumentException("csv setting " + SETTING + "=" + s + " is unknown (expected " + CHOICES
                    + ": what --missing ffill or interpolate writes into a feature with no value at all in a sequence)");
        };
    }

    /** The same fill with its values known (one per feature, model order). */
    public EmptyFeatureFill withValues(List<Double> v) {
        return new EmptyFeatureFill(policy, v);
    }

    /** The values as floats, one per feature ({@code features} of them): zeros for {@code zero}, or while not known. */
    public float[] array(int features) {
        float[] out = new float[features];
        if (values != null && MEAN.equals(policy)) {
            for (int f = 0; f < Math.min(features, values.size()); f++) {
                out[f] = values.get(f).floatValue();
            }
        }
        return out;
    }

    /** Whether the values are still to be measured (a mean while the training data are read). */
    public boolean pending() {
        return values == null && MEAN.equals(policy);
    }

    /** In words: {@code the training mean of the feature} or {@code 0}. */
    public String words() {
        return MEAN.equals(policy) ? "the training data's mean of the feature (stored with the model)" : "0 (in the file's units)";
    }

    @Override
    public String toString() {
        return policy;
    }
}
