package org.rnnlab.datasets;

import java.util.Map;
import java.util.Optional;

/**
 * Factors between common units of measurement, by which a level seen in one group of data (or in new data) and another
 * is judged to be another unit rather than other data: g against m/s² (9.81), km/h against m/s (3.6), percent against
 * fractions (100), milli- against base units (1000), micro- against base units or ppm (10⁶), minutes against seconds
 * (60), hours against seconds (3600), bits against bytes (8), KiB against bytes (1024), pounds against kilograms (2.2). A
 * ratio within 12% of one of them, either way, names it; anything else (a winter file's temperatures at a fifth of
 * summer's, prices of different products) is not called a unit (a review: a per-group price was). A group's level or
 * spread far from the others' ({@link #ofGroups}) is also named by the nearest power of 1000 within
 * {@value #DECADES} decades: a trial's bridge logging strain in strain among others in microstrain lay at 1/7.36e5, its
 * level bent by the bridge's stiffness and its vehicles' class mix, and went unnamed.
 */
public final class UnitFactors {

    private static final Map<Double, String> FACTORS = Map.of(
            9.80665, "acceleration in g against m/s²",
            3.6, "km/h against m/s",
            100.0, "percent against fractions, or cm against m",
            1000.0, "milli- against base units, or base units against kilo-",
            1.0e6, "micro- against base units (microstrain logged as strain?), or parts per million against fractions",
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

    /**
     * A unit change: its {@code factor} (always 1 or more: 9.80665, 1e6) and the units it is between ({@code words}), and
     * the {@code ratio} (one level over another) that was judged by it.
     */
    public record Factor(double factor, String words, double ratio) {

        /** As "a factor near 9.81: acceleration in g against m/s²". */
        public String named() {
            return String.format(java.util.Locale.ROOT, "a factor near %.3g: %s", factor, words);
        }

        /** The factor as a user types it: 1e6 for a million, 1000, 9.80665, 2.20462. */
        public String written() {
            double decades = Math.log10(factor);
            if (factor >= 1e4 && Math.abs(decades - Math.rint(decades)) < 1e-9) {
                return "1e" + (int) Math.rint(decades);
            }
            return new java.math.BigDecimal(factor).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }

        /** The ratio in the factor's words: "about 1e-6 of the others'", "about 9.80665 times the others'". */
        public String about() {
            return ratio < 1 && ratio > -1 ? "about " + (written().startsWith("1e") ? "1e-" + written().substring(2) : "1/" + written())
                    + " of the others'" : "about " + written() + " times the others'";
        }
    }

    /** The unit change that {@code ratio} (one level over another, any sign) is within 12% of, as "a factor near 9.81: ...". */
    public static Optional<String> named(double ratio) {
        return named(ratio, 1.12);
    }

    /** As {@link #named(double)}, within a factor {@code tolerance} (1.03: 3%) of the unit's. */
    public static Optional<String> named(double ratio, double tolerance) {
        return factor(ratio, tolerance).map(Factor::named);
    }

    /**
     * The unit change {@code ratio} is within a factor {@code tolerance} of, either way: the nearest where two are (1000 and
     * 1024, 8 and 9.80665 lie within 12% of one ratio). The first found was taken before, and {@code Map.of}'s order is
     * salted per JVM, so the same data were called milli- in one run and KiB in the next.
     */
    public static Optional<Factor> factor(double ratio, double tolerance) {
        double r = Math.abs(ratio);
        if (!(r > 0) || Double.isInfinite(r)) {
            return Optional.empty();
        }
        Map.Entry<Double, String> nearest = null;
        double distance = Math.log(tolerance);
        for (Map.Entry<Double, String> f : FACTORS.entrySet()) {
            double d = Math.min(Math.abs(Math.log(r) - Math.log(f.getKey())), Math.abs(Math.log(r) + Math.log(f.getKey())));
            if (d < distance || nearest != null && d == distance && f.getKey() < nearest.getKey()) {
                nearest = f;
                distance = d;
            }
        }
        return nearest == null ? Optional.empty() : Optional.of(new Factor(nearest.getKey(), nearest.getValue(), ratio));
    }

    /** How far (in decades, log10) a group's ratio may lie from a power of 1000 for {@link #ofGroups} to name it. */
    public static final double DECADES = 0.2;

    /**
     * The unit change of a group's level or spread {@code ratio} times the other groups': within a factor {@code tolerance}
     * of one ({@link #factor}), or, beyond about 1000 either way, the nearest power of 1000 that the table holds (milli-,
     * micro-) within {@value #DECADES} decades. Groups' levels are bent by what the groups hold (a bridge's stiffness and
     * its vehicles' class mix): a trial's bridge logging strain in strain among others in microstrain lay at 1/7.36e5, 0.13
     * decades from 1e-6 and far outside 12% of it, and was named only as "another unit or scale". Near 1 a factor's
     * tolerance stays narrow: a group's nature moves its spread by a few times.
     */
    public static Optional<Factor> ofGroups(double ratio, double tolerance) {
        Optional<Factor> near = factor(ratio, tolerance);
        double decades = Math.abs(Math.log10(Math.abs(ratio)));
        if (near.isPresent() || !Double.isFinite(decades)) {
            return near;
        }
        double power = Math.pow(1000, Math.rint(decades / 3));
        String words = FACTORS.get(power);
        return power >= 1000 && words != null && Math.abs(decades - Math.log10(power)) <= DECADES
                ? Optional.of(new Factor(power, words, ratio)) : Optional.empty();
    }
}
