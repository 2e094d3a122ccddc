package org.rnnlab.datasets;

import java.util.Map;
import java.util.Optional;

/**
 * Factors between common units of measurement, by which a level seen in one group of data (or in new data) and another
 * is judged to be another unit rather than other data: g against m/s² (9.81), km/h against m/s (3.6), percent against
 * fractions (100), milli- against base units (1000), minutes against seconds (60), hours against seconds (3600), bits
 * against bytes (8), KiB against bytes (1024), pounds against kilograms (2.2). A ratio within 12% of one of them, either
 * way, names it; anything else (a winter file's temperatures at a fifth of summer's, prices of different products) is not
 * called a unit (a review: a per-group price was).
 */
public final class UnitFactors {

    private static final Map<Double, String> FACTORS = Map.of(
            9.80665, "acceleration in g against m/s²",
            3.6, "km/h against m/s",
            100.0, "percent against fractions, or cm against m",
            1000.0, "milli- against base units, or base units against kilo-",
            60.0, "minutes against seconds, or hours against minutes",
            3600.0, "hours against seconds",
            8.0, "bits against bytes",
            1024.0, "KiB against bytes",
            2.20462, "pounds against kilograms");

    private UnitFactors() {
    }

    /**
     * Whether a feature's name says it has no unit a factor could change: cepstral coefficients (mfcc_2), principal
     * components, embeddings, z-scores, logarithms (a unit's factor is an offset there). A trial's recording site, its
     * background noise spreading mfcc_2 3.35 times wider, was called "km/h against m/s".
     */
    public static boolean unitless(String featureName) {
        String name = featureName.toLowerCase(java.util.Locale.ROOT);
        return UNITLESS.matcher(name).find();
    }

    private static final java.util.regex.Pattern UNITLESS = java.util.regex.Pattern.compile(
            "mfcc|cepstr|chroma|pca|(^|[^a-z])pc_?\\d|embed|latent|z_?score|logit|(^|[^a-z])log(_|\\d|$)");

    /** The unit change that {@code ratio} (one level over another, any sign) is within 12% of, as "a factor near 9.81: ...". */
    public static Optional<String> named(double ratio) {
        return named(ratio, 1.12);
    }

    /** As {@link #named(double)}, within a factor {@code tolerance} (1.03: 3%) of the unit's. */
    public static Optional<String> named(double ratio, double tolerance) {
        double r = Math.abs(ratio);
        if (!(r > 0) || Double.isInfinite(r)) {
            return Optional.empty();
        }
        for (Map.Entry<Double, String> f : FACTORS.entrySet()) {
            if (Math.abs(Math.log(r) - Math.log(f.getKey())) < Math.log(tolerance)
                    || Math.abs(Math.log(r) + Math.log(f.getKey())) < Math.log(tolerance)) {
                return Optional.of(String.format(java.util.Locale.ROOT, "a factor near %.3g: %s", f.getKey(), f.getValue()));
            }
        }
        return Optional.empty();
    }
}
