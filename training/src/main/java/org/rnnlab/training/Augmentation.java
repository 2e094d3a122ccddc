package org.rnnlab.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which random transforms are applied to the training minibatches of dense (numeric) sequences, and how
 * strongly; validation and test data are never augmented. Each transform is off at its default
 * ({@link #none()} turns all of them off). {@link Augmenter} applies them, in the order slice, time warp,
 * magnitude warp, scaling, jitter, to the valid (unmasked) steps of each sequence only, after the
 * standardisation fitted on the training split: the σ are therefore in units of each feature's standard
 * deviation. Token (integer id) inputs cannot be augmented and are refused.
 *
 * <p>The compact text form of the command line ({@link #parse}, {@link #toString}) lists the transforms that are
 * on, e.g. {@code jitter=0.03,scale=0.1,magwarp=0.2,timewarp=0.2,slice=0.9}; {@code none} turns all off.
 *
 * @param jitter   σ of the Gaussian noise N(0, σ²) added to every value (Um et al. 2017, "Data Augmentation of
 *                 Wearable Sensor Data for Parkinson's Disease Monitoring using Convolutional Neural Networks", ICMI);
 *                 in [0, 10], 0 = off
 * @param scale    σ of the factor ~ N(1, σ²) that multiplies each channel of a sequence, the same at every step
 *                 (Um et al. 2017); in [0, 1], 0 = off
 * @param magWarp  σ of the knots ~ N(1, σ²) of the smooth curve (a natural cubic spline, one per channel) that
 *                 multiplies each channel (magnitude warping, Um et al. 2017); in [0, 1], 0 = off
 * @param timeWarp σ of the knots ~ N(1, σ²) of the smooth local speed (a natural cubic spline) whose integral
 *                 distorts the time axis of a sequence, all channels alike; the first and last valid steps stay in
 *                 place and the length is kept (time warping, Um et al. 2017); in [0, 1], 0 = off
 * @param slice    ratio r of the valid steps kept by window slicing: a random contiguous window of r times the valid
 *                 length, stretched back to that length by linear interpolation (Le Guennec, Malinowski and Tavenard
 *                 2016, "Data Augmentation for Time Series Classification using Convolutional Neural Networks",
 *                 ECML/PKDD workshop AALTD); in (0, 1], 1 = off
 * @param knots    interior knots of the magnitude and time warping curves (besides one at each end; Um et al. use 4);
 *                 in [1, 100]
 * @param prefix   the shortest share r of its valid steps that a training sequence is cut to: each sequence of a minibatch
 *                 keeps its first n steps, n drawn uniformly from ceil(r L) (at least 1) to its L valid steps, the steps
 *                 after the cut masked out like padding, so the last-step head reads step n. Training for early
 *                 classification, of sequences still under way at prediction time (a carrier's in-flight shipments:
 *                 trained on completed ones, whose last scan all but gave the label away, a model scored ROC AUC 0.58 on
 *                 their first scans, 0.72 when trained on random prefixes). Validation, and so the epoch kept, stays on
 *                 whole sequences; score prefixes with {@code evaluate} on files of them. In (0, 1], 1 = off
 */
public record Augmentation(double jitter, double scale, double magWarp, double timeWarp, double slice, int knots,
                           @com.fasterxml.jackson.annotation.JsonInclude(value = com.fasterxml.jackson.annotation.JsonInclude.Include.CUSTOM,
                                   valueFilter = Augmentation.PrefixOff.class) double prefix) {

    /**
     * Leaves {@code prefix} out of the JSON when it is off (1), so configs and checkpoints without it are written as before
     * (a checkpoint fixture is read and written back byte for byte).
     */
    static final class PrefixOff {
        @Override
        public boolean equals(Object value) {
            return value instanceof Double d && d == 1.0;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }


    /** Interior knots of the warping curves when not given, as Um et al. 2017. */
    public static final int DEFAULT_KNOTS = 4;

    /** The keys of the text form, in the order {@link #toString} writes them. */
    public static final String KEYS = "jitter, scale, magwarp, timewarp, slice, knots, prefix";

    public Augmentation {
        check("jitter", jitter, 0, 10, "σ of the added Gaussian noise; 0 = off");
        check("scale", scale, 0, 1, "σ of the per-channel factor around 1; 0 = off");
        check("magWarp", magWarp, 0, 1, "σ of the magnitude-warping knots around 1; 0 = off");
        check("timeWarp", timeWarp, 0, 1, "σ of the time-warping knots around 1; 0 = off");
        if (!(Double.isFinite(slice) && slice > 0 && slice <= 1)) {
            throw new IllegalArgumentException("Augmentation.slice must be in (0, 1] (ratio of the valid steps kept; 1 = off), got "
                    + slice);
        }
        if (!(Double.isFinite(prefix) && prefix > 0 && prefix <= 1)) {
            throw new IllegalArgumentException("Augmentation.prefix must be in (0, 1] (the shortest share of a sequence's steps "
                    + "it is cut to; 1 = off), got " + prefix);
        }
        if (knots < 1 || knots > 100) {
            throw new IllegalArgumentException("Augmentation.knots must be in [1, 100] (interior knots of the warping curves), got "
                    + knots);
        }
    }

    /** Without prefix cutting (the components before it existed). */
    public Augmentation(double jitter, double scale, double magWarp, double timeWarp, double slice, int knots) {
        this(jitter, scale, magWarp, timeWarp, slice, knots, 1);
    }

    /** Reads the JSON of a config; {@code prefix} is absent from configs written before it existed: off. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static Augmentation fromJson(@com.fasterxml.jackson.annotation.JsonProperty("jitter") double jitter,
                                 @com.fasterxml.jackson.annotation.JsonProperty("scale") double scale,
                                 @com.fasterxml.jackson.annotation.JsonProperty("magWarp") double magWarp,
                                 @com.fasterxml.jackson.annotation.JsonProperty("timeWarp") double timeWarp,
                                 @com.fasterxml.jackson.annotation.JsonProperty("slice") double slice,
                                 @com.fasterxml.jackson.annotation.JsonProperty("knots") int knots,
                                 @com.fasterxml.jackson.annotation.JacksonInject(value = "rnnlab.absent",
                                         useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                                 @com.fasterxml.jackson.annotation.JsonProperty("prefix") Double prefix) {
        return new Augmentation(jitter, scale, magWarp, timeWarp, slice, knots, prefix == null ? 1 : prefix);
    }

    private static void check(String field, double value, double low, double high, String meaning) {
        if (!(Double.isFinite(value) && value >= low && value <= high)) {
            throw new IllegalArgumentException("Augmentation." + field + " must be in [" + fmt(low) + ", " + fmt(high) + "] ("
                    + meaning + "), got " + value);
        }
    }

    /** No augmentation: every transform off. */
    public static Augmentation none() {
        return new Augmentation(0, 0, 0, 0, 1, DEFAULT_KNOTS);
    }

    /** Whether any transform is on. */
    public boolean enabled() {
        return jitter > 0 || scale > 0 || magWarp > 0 || timeWarp > 0 || slice < 1 || prefix < 1;
    }

    public Augmentation withJitter(double v) {
        return new Augmentation(v, scale, magWarp, timeWarp, slice, knots, prefix);
    }

    public Augmentation withScale(double v) {
        return new Augmentation(jitter, v, magWarp, timeWarp, slice, knots, prefix);
    }

    public Augmentation withMagWarp(double v) {
        return new Augmentation(jitter, scale, v, timeWarp, slice, knots, prefix);
    }

    public Augmentation withTimeWarp(double v) {
        return new Augmentation(jitter, scale, magWarp, v, slice, knots, prefix);
    }

    public Augmentation withSlice(double v) {
        return new Augmentation(jitter, scale, magWarp, timeWarp, v, knots, prefix);
    }

    public Augmentation withKnots(int v) {
        return new Augmentation(jitter, scale, magWarp, timeWarp, slice, v, prefix);
    }

    public Augmentation withPrefix(double v) {
        return new Augmentation(jitter, scale, magWarp, timeWarp, slice, knots, v);
    }

    /**
     * Parses the text form: {@code none} (or nothing), or comma-separated {@code key=value} pairs with the keys
     * {@value #KEYS}; keys left out are off (knots: {@value #DEFAULT_KNOTS}). Unknown or repeated keys, values that are
     * not numbers and values out of range are refused with a message naming the key.
     */
    public static Augmentation parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return none();
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String part : s.split(",", -1)) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("augmentation '" + p + "' must be KEY=VALUE with a key among " + KEYS
                        + " (e.g. jitter=0.03,slice=0.9), or none");
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!(", " + KEYS + ",").contains(", " + key + ",")) {
                throw new IllegalArgumentException("unknown augmentation key '" + key + "', accepted: " + KEYS);
            }
            if (given.put(key, p.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("augmentation key '" + key + "' given twice");
            }
        }
        Augmentation a = none();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            try {
                a = switch (key) {
                    case "jitter" -> a.withJitter(Double.parseDouble(value));
                    case "scale" -> a.withScale(Double.parseDouble(value));
                    case "magwarp" -> a.withMagWarp(Double.parseDouble(value));
                    case "timewarp" -> a.withTimeWarp(Double.parseDouble(value));
                    case "slice" -> a.withSlice(Double.parseDouble(value));
                    case "prefix" -> a.withPrefix(Double.parseDouble(value));
                    default -> a.withKnots(Integer.parseInt(value)); // "knots", the last key left
                };
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("augmentation key '" + key + "' needs " + (key.equals("knots") ? "a whole number"
                        : "a number") + ", got '" + value + "'");
            }
        }
        return a;
    }

    /** The text form ({@link #parse} reads it back equal): the transforms that are on, or {@code none}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb, "jitter", jitter, jitter > 0);
        append(sb, "scale", scale, scale > 0);
        append(sb, "magwarp", magWarp, magWarp > 0);
        append(sb, "timewarp", timeWarp, timeWarp > 0);
        append(sb, "slice", slice, slice < 1);
        append(sb, "prefix", prefix, prefix < 1);
        if (knots != DEFAULT_KNOTS) {
            sb.append(sb.length() > 0 ? "," : "").append("knots=").append(knots);
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static void append(StringBuilder sb, String key, double value, boolean on) {
        if (on) {
            sb.append(sb.length() > 0 ? "," : "").append(key).append('=').append(fmt(value));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
