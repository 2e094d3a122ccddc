package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.tune.Trial;

/**
 * The settings {@code train --config} of a tuned comparison trains an architecture with: each tuned option given on the
 * command line, else the value its tuning chose (tuning.json beside the config.json), and every given option that differs
 * from the chosen one named. Trial 78d F1: a command with the tuned options but {@code --residual} left out (and another
 * with {@code --lr 0.004} for the tuned 0.003936289463109258) trained another model and was called a repeat of the
 * comparison's run ({@code repeat-of.json: "repeat": true}).
 *
 * @param trial       what is trained
 * @param filled      the options taken from tuning.json, as train spells them ({@code --residual}), in the order of
 *                    {@link Trial#trainOptions}
 * @param differences each given option that differs from the tuned value, e.g. {@code --lr 0.004 (tuned 0.003936289463109258)}
 */
record TunedSettings(Trial trial, List<String> filled, List<String> differences) {

    /** The relative difference of two learning rates below which they are the same (a rate printed and read back). */
    static final double SAME_RATE = 1e-9;

    TunedSettings {
        filled = List.copyOf(filled);
        differences = List.copyOf(differences);
    }

    /**
     * The settings of {@code chosen} with those given ({@code null}: not given) in their place.
     *
     * @param residual {@code --residual} (true), {@code --no-residual} (false) or null; left out with fewer than 2 layers it
     *                 is off (skip connections go around stacked layers)
     */
    static TunedSettings of(Trial chosen, Double lr, Integer hidden, Integer layers, Double dropout, String clip, String head,
                            Boolean residual) {
        List<String> filled = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        double rate = lr != null ? lr : chosen.learningRate();
        if (lr == null) {
            filled.add("--lr " + chosen.learningRate());
        } else if (Math.abs(lr - chosen.learningRate()) > SAME_RATE * Math.abs(chosen.learningRate())) {
            differ.add("--lr " + lr + " (tuned " + chosen.learningRate() + ")");
        }
        int width = pick("--hidden", hidden, chosen.hidden(), filled, differ);
        int depth = pick("--layers", layers, chosen.layers(), filled, differ);
        double drop = dropout != null ? dropout : chosen.dropout();
        if (dropout == null) {
            filled.add("--dropout " + chosen.dropout());
        } else if (Math.abs(dropout - chosen.dropout()) > SAME_RATE) {
            differ.add("--dropout " + dropout + " (tuned " + chosen.dropout() + ")");
        }
        String clipId = ClipSetting.parse(chosen.clip()).id();
        if (clip == null) {
            filled.add("--clip " + chosen.clip());
        } else if (!ClipSetting.parse(clip).id().equals(clipId)) {
            differ.add("--clip " + clip + " (tuned " + chosen.clip() + ")");
            clipId = ClipSetting.parse(clip).id();
        }
        String headId = SequenceHead.parse(chosen.head()).id();
        if (head == null) {
            filled.add("--head " + chosen.head());
        } else if (!SequenceHead.parse(head).id().equals(headId)) {
            differ.add("--head " + head + " (tuned " + chosen.head() + ")");
            headId = SequenceHead.parse(head).id();
        }
        boolean skip;
        if (residual == null) {
            skip = chosen.residual() && depth >= 2;
            filled.add(skip ? "--residual" : "--no-residual");
        } else {
            skip = residual;
        }
        if (skip != chosen.residual() && (residual != null || depth == chosen.layers())) {
            differ.add((skip ? "--residual" : residual == null ? "no residual (with --layers " + depth + ")" : "--no-residual")
                    + " (tuned " + (chosen.residual() ? "--residual" : "--no-residual") + ")");
        }
        return new TunedSettings(new Trial(0, rate, width, depth, drop, clipId, headId, skip), filled, differ);
    }

    private static int pick(String option, Integer given, int chosen, List<String> filled, List<String> differ) {
        if (given == null) {
            filled.add(option + " " + chosen);
            return chosen;
        }
        if (given != chosen) {
            differ.add(option + " " + given + " (tuned " + chosen + ")");
        }
        return given;
    }

    /** Whether these settings are the tuned ones: a repeat of the comparison's run. */
    boolean same() {
        return differences.isEmpty();
    }
}
