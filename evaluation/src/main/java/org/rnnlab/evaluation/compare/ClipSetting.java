package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.rnnlab.core.ModelSpec;

/**
 * A gradient normalization setting as written on the command line: {@code none}, {@code l2:1.0}
 * (ClipL2PerLayer), {@code l2param:1.0} (ClipL2PerParamType), {@code value:0.5}
 * (ClipElementWiseAbsoluteValue), {@code renorm} (RenormalizeL2PerLayer), {@code renormparam}
 * (RenormalizeL2PerParamType).
 *
 * @param mode      DL4J's mode
 * @param threshold threshold of the clipping modes
 */
public record ClipSetting(GradientNormalization mode, double threshold) {

    public ClipSetting {
        if (mode == null) {
            throw new IllegalArgumentException("ClipSetting.mode must not be null");
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("ClipSetting.threshold must be a finite number > 0, got " + threshold);
        }
    }

    /** No clipping. */
    public static ClipSetting none() {
        return new ClipSetting(GradientNormalization.None, ModelSpec.DEFAULT_CLIP_THRESHOLD);
    }

    /**
     * What each setting does, for {@code --help} (DL4J's gradient normalization, applied per layer before the update):
     * {@code l2:T} is not the whole network's norm clipping of Pascanu et al. (2013) that {@code rnnlab gradients}
     * demonstrates, but the same rule per layer.
     */
    public static final String MODES = "none; l2:T (each layer's gradient scaled down to L2 norm T where above it: the clipping of "
            + "Pascanu et al. per layer, not over the whole network); l2param:T (the same per parameter type of each layer: input "
            + "weights, recurrent weights, bias); value:T (each element clipped to [-T, T]); renorm and renormparam (always scaled "
            + "to L2 norm 1, per layer or per parameter type). T is the threshold, 1.0 when left out (l2 = l2:1.0)";

    /** Parses one setting, e.g. {@code l2:1.0}. */
    /** A clip threshold below this is warned of ({@link #tinyThreshold}). */
    public static final double TINY = 1e-6;

    /**
     * A warning for clip thresholds below {@value #TINY} (none otherwise): every update's gradient is clipped to almost nothing,
     * and under Adam or RMSProp their epsilon (1e-8) then outweighs it, so the steps vanish and the model hardly trains (a
     * user's value:1e-30 and l2:1e-30 left a text model at chance without a word).
     */
    public static java.util.Optional<String> tinyThreshold(java.util.List<ClipSetting> clips) {
        java.util.List<String> tiny = clips.stream().filter(c -> c.mode() != GradientNormalization.None
                && c.mode() != GradientNormalization.RenormalizeL2PerLayer && c.mode() != GradientNormalization.RenormalizeL2PerParamType
                && c.threshold() < TINY).map(ClipSetting::id).toList();
        return tiny.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("clip threshold(s) " + String.join(", ", tiny)
                + " below " + ModelSpec.plain(TINY) + ": every update's gradient is clipped to almost nothing (and under Adam or "
                + "RMSProp their epsilon, 1e-8, then outweighs it), so the steps vanish and the model hardly trains; gradient norms "
                + "are typically 0.01-100 (compare's clipping table shows the share of updates a threshold changed)");
    }

    public static ClipSetting parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String name = t.contains(":") ? t.substring(0, t.indexOf(':')) : t;
        double threshold = ModelSpec.DEFAULT_CLIP_THRESHOLD;
        if (t.contains(":")) {
            try {
                threshold = Double.parseDouble(t.substring(t.indexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("clip setting '" + text + "': threshold after ':' must be a number");
            }
        }
        GradientNormalization mode = switch (name) {
            case "none" -> GradientNormalization.None;
            case "l2" -> GradientNormalization.ClipL2PerLayer;
            case "l2param" -> GradientNormalization.ClipL2PerParamType;
            case "value" -> GradientNormalization.ClipElementWiseAbsoluteValue;
            case "renorm" -> GradientNormalization.RenormalizeL2PerLayer;
            case "renormparam" -> GradientNormalization.RenormalizeL2PerParamType;
            default -> throw new IllegalArgumentException("unknown clip setting '" + text
                    + "', expected none, l2:T, l2param:T, value:T, renorm or renormparam");
        };
        boolean clips = mode == GradientNormalization.ClipL2PerLayer || mode == GradientNormalization.ClipL2PerParamType
                || mode == GradientNormalization.ClipElementWiseAbsoluteValue;
        if (!clips && t.contains(":")) {
            throw new IllegalArgumentException("clip setting '" + text + "': " + name + " takes no threshold ("
                    + (mode == GradientNormalization.None ? "no normalization" : "it rescales gradients to unit L2 norm")
                    + "; thresholds apply to l2:T, l2param:T and value:T)");
        }
        return new ClipSetting(mode, threshold);
    }

    /** Parses a comma-separated list. */
    public static List<ClipSetting> parseList(String text) {
        List<ClipSetting> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(parse(s));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no clip setting in '" + text + "'");
        }
        return out;
    }

    /** The command-line form, e.g. {@code l2:1.0} or {@code none}. */
    public String id() {
        return ModelSpec.clipId(mode, threshold);
    }

    /** The spec with this setting. */
    public ModelSpec applyTo(ModelSpec spec) {
        return spec.withGradientNormalization(mode, threshold);
    }
}
