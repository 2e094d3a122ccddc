package org.rnnlab.evaluation.tune;

import java.util.Collections;
import java.util.Locale;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.evaluation.compare.ClipSetting;

/**
 * One sampled configuration of a {@link SearchSpace}.
 *
 * @param index        trial number, from 0
 * @param learningRate learning rate of the base's updater
 * @param hidden       units per layer
 * @param layers       stacked layers
 * @param dropout      dropout rate
 * @param clip         clip setting id
 * @param head         sequence head id
 * @param residual     residual connections (only with 2+ layers)
 */
public record Trial(int index, double learningRate, int hidden, int layers, double dropout, String clip, String head,
                    boolean residual) {

    /** {@code base} with this trial's hyperparameters (cell, direction, input, updater kind and the rest kept). */
    public ModelSpec apply(ModelSpec base) {
        ModelSpec spec = base.withUpdater(base.updater(), learningRate).withHiddenSizes(Collections.nCopies(layers, hidden))
                .withDropout(dropout).withHead(SequenceHead.parse(head)).withResidual(residual);
        return ClipSetting.parse(clip).applyTo(spec);
    }

    /**
     * The {@code train} options of these settings, each value exactly as tuning.json records it (round-trip
     * {@link Double#toString}: a user's retraining with the printed {@code lr 0.00736} gave other numbers), e.g.
     * {@code --lr 0.007364120982 --hidden 64 --layers 1 --dropout 0.0 --clip l2:1.0 --head mean --no-residual}.
     */
    public java.util.List<String> trainOptions() {
        return java.util.List.of("--lr", Double.toString(learningRate), "--hidden", Integer.toString(hidden), "--layers",
                Integer.toString(layers), "--dropout", Double.toString(dropout), "--clip", clip, "--head", head,
                residual ? "--residual" : "--no-residual");
    }

    /** e.g. {@code lr 0.0031, 2 x 64, dropout 0.2, clip l2:1.0, head mean, residual}. */
    public String describe() {
        return String.format(Locale.ROOT, "lr %.3g, %d x %d, dropout %.2g, clip %s, head %s%s", learningRate, layers, hidden, dropout,
                clip, head, residual ? ", residual" : "");
    }
}
