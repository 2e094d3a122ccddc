package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.datasets.LabelCheck;

/**
 * The note {@code evaluate} and {@code predict} print for a model trained with unequal class weights
 * ({@code --class-weights}, stored in the model card's spec). Weighing a class up in the cross-entropy moves the
 * probabilities that minimise it toward that class: for a model that fits its training data well, the odds of one class
 * against another are multiplied by the ratio of their weights. A user trial's model, trained with balanced weights
 * (fraud 18.8, legit 0.514), gave a mean probability of fraud of 0.202 on a month with 3.4% fraud, and nothing said that the
 * column was a re-weighted score rather than a probability. Standard error gets it as one line ({@link #line}), the full
 * text ({@link #of(org.rnnlab.training.ModelCard)}) is evaluate {@code --json}'s {@code classWeightsNote} and the docs'.
 */
final class ClassWeightNote {
    private ClassWeightNote() {
    }

    /** Where the docs explain the note in full: the paragraph of the user's guide that {@link #line} points to. */
    static final String DOCS = "'Prior correction' in docs/guide/your-data.md";

    /**
     * The note as one line for standard error, which every predict and evaluate of the model prints: what it means and where
     * it is said in full ({@link #DOCS}; {@link #of(org.rnnlab.training.ModelCard)}, evaluate {@code --json}'s
     * {@code classWeightsNote}). Trial 75b: {@link #of(org.rnnlab.training.ModelCard)}'s ~900 characters before every
     * output of a batch job buried the warnings on truncated texts and encodings. A warning in it (a correction that raised
     * the validation log-loss) stays in the line.
     */
    static Optional<String> line(org.rnnlab.training.ModelCard card) {
        String more = " (see " + DOCS + ")";
        if (card.priorCorrection() != null) {
            return Optional.of("this model was trained with class weights, and its probabilities are corrected for them (train "
                    + "--calibrate prior), " + calibrationCaveat(card).map(w -> "meant to "
                    + "estimate the classes' rates as in training, but " + w + ": read them as rates with care")
                    .orElse("so they estimate the classes' rates as in training") + more);
        }
        List<String> labels = card.labelNames();
        List<Double> weights = card.spec().classWeights();
        Optional<String> temperature = temperatureCaveat(card);
        if (weights.size() != labels.size() || weights.stream().distinct().count() < 2) {
            return temperature.map(t -> "this model's " + t);
        }
        return Optional.of("this model was trained with class weights (" + weights(labels, weights) + "): its probabilities are "
                + "scores shifted toward the classes weighted up, not the classes' shares" + temperature.map(t -> "; its " + t)
                .orElse("") + more);
    }

    /**
     * {@code "probabilities are calibrated by one temperature (train --calibrate temperature, T = 1.2000), meant to estimate
     * the classes' rates, but on the validation split it was fitted on, ..."} for a model calibrated by a temperature alone
     * whose card says some classes' rates missed on that split ({@link #ratesOff}); empty otherwise. Review 81a R1: a
     * temperature-only card held {@code validation_classes_rate_not_estimated = 2}, and predict said nothing of it.
     */
    static Optional<String> temperatureCaveat(org.rnnlab.training.ModelCard card) {
        if (card.temperature() == null || card.priorCorrection() != null) {
            return Optional.empty();
        }
        return ratesOff(card).map(w -> String.format(Locale.ROOT, "probabilities are calibrated by one temperature (train "
                + "--calibrate temperature, T = %.4f), meant to estimate the classes' rates, but %s: read them as rates with care",
                card.temperature(), w));
    }

    /**
     * The weights for {@link #line}: each class's up to 4 classes ({@code 'fraud' 18.8, 'legit' 0.514}), else the lowest and
     * the highest ({@code from 'ok' 0.370 to 'misalignment' 9.26, 12 classes}), so that 36 classes keep the line short.
     */
    static String weights(List<String> labels, List<Double> weights) {
        if (labels.size() <= 4) {
            List<String> each = new ArrayList<>();
            for (int c = 0; c < labels.size(); c++) {
                each.add(LabelCheck.quoted(labels.get(c)) + " " + String.format(Locale.ROOT, "%.3g", weights.get(c)));
            }
            return String.join(", ", each);
        }
        int high = 0;
        int low = 0;
        for (int c = 0; c < labels.size(); c++) {
            high = weights.get(c) > weights.get(high) ? c : high;
            low = weights.get(c) < weights.get(low) ? c : low;
        }
        return String.format(Locale.ROOT, "from %s %.3g to %s %.3g, %d classes", LabelCheck.quoted(labels.get(low)), weights.get(low),
                LabelCheck.quoted(labels.get(high)), weights.get(high), labels.size());
    }

    /**
     * The note for {@code card}'s model: {@link #of(List, List)} of its class weights, or, for a model whose probabilities
     * are corrected for them ({@code train --calibrate prior}: the card's {@code priorCorrection}), that they are.
     */
    static Optional<String> of(org.rnnlab.training.ModelCard card) {
        if (card.priorCorrection() == null) {
            return of(card.labelNames(), card.spec().classWeights());
        }
        Optional<String> worse = calibrationCaveat(card);
        return Optional.of("this model was trained with class weights, and its probabilities are corrected for them (train "
                + "--calibrate prior: each class's probability divided by its weight" + (card.temperature() != null
                ? ", then the temperature" : "") + "), " + worse.map(w -> "meant to estimate the classes' rates as in training, but "
                + w + ": read them as rates with care (train --calibrate prior,temperature, or more epochs, may fit better)")
                .orElse("so they estimate the classes' rates as in training") + "; its predicted classes "
                + "are those of the corrected probabilities (for an alarm on a rare class choose its cut-off: evaluate --split "
                + "validation --target-recall R --positive LABEL, then predict --threshold P --positive LABEL)");
    }

    /**
     * {@code "on the validation split the correction raised the log-loss from 0.1313 to 0.1357"} when the card's metrics say
     * the stored calibration (the prior correction, and the temperature after it) made the validation log-loss worse: the
     * correction p' &prop; p / w holds for a model that fits its weighted loss, and an under-fitted one can be over-corrected
     * (a reefer trial's: the mean probability of 'sensor_drift' went from 1.43 times its share to 0.55 times). Empty otherwise,
     * and for a card without those metrics (no validation split).
     */
    static Optional<String> calibrationRaisedLogLoss(org.rnnlab.training.ModelCard card) {
        Double before = card.metrics().get(org.rnnlab.evaluation.train.TrainRun.LOG_LOSS_BEFORE);
        Double after = card.metrics().get(org.rnnlab.evaluation.train.TrainRun.LOG_LOSS_AFTER);
        if (card.priorCorrection() == null || before == null || after == null || !(after > before)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "on the validation split the correction raised the log-loss from %.4f to "
                + "%.4f", before, after));
    }

    /**
     * Why a prior-corrected model's probabilities may not estimate the classes' rates, the first that applies: the correction
     * raised the validation log-loss, some class's rate did not hold on the validation split, the class weighted up most had
     * few validation sequences; empty when none does.
     */
    static Optional<String> calibrationCaveat(org.rnnlab.training.ModelCard card) {
        return calibrationRaisedLogLoss(card).or(() -> ratesOff(card)).or(() -> fewChecked(card));
    }

    /**
     * {@code "on the validation split it was fitted on, the probabilities of 1 class did not estimate its rate (train's warning
     * names it)"} when the card's metrics say so (trial 80h F1: 'V' at 0.48 times its share on 31 validation sequences, unsaid
     * by train); empty otherwise, and for a card without that count.
     */
    static Optional<String> ratesOff(org.rnnlab.training.ModelCard card) {
        Double off = card.metrics().get(org.rnnlab.evaluation.train.TrainRun.CLASSES_RATE_OFF);
        if (off == null || off < 1) {
            return Optional.empty();
        }
        long n = Math.round(off);
        return Optional.of("on the validation split it was fitted on, the probabilities of " + n + (n == 1 ? " class" : " classes")
                + " did not estimate " + (n == 1 ? "its rate" : "their rates") + " (train's warning names " + (n == 1 ? "it" : "them")
                + "; evaluate on labelled data says whether they hold there)");
    }

    /**
     * {@code "the validation split checked them on only 1 sequence of 'A' (the class weighted up most): its rate is not
     * checked"} when the card's metrics say the class weighted up most had under {@value
     * org.rnnlab.evaluation.metrics.ScoreIntervals#FEW_SEQUENCES} validation sequences, on which its mean probability was
     * checked against its share (trial 80e F6: 1 'A' beat in 327; on new patients p_A was 5 times too low, slope -0.50);
     * empty otherwise, and for a card without that count (written before it, or without a validation split).
     */
    static Optional<String> fewChecked(org.rnnlab.training.ModelCard card) {
        Double sequences = card.metrics().get(org.rnnlab.evaluation.train.TrainRun.CLASS_SEQUENCES);
        if (card.priorCorrection() == null || sequences == null
                || sequences >= org.rnnlab.evaluation.metrics.ScoreIntervals.FEW_SEQUENCES) {
            return Optional.empty();
        }
        long n = Math.round(sequences);
        String label = LabelCheck.quoted(card.labelNames().get(org.rnnlab.evaluation.train.TrainRun.weightedUp(card.priorCorrection())));
        return Optional.of("the validation split checked them on only " + n + " sequence" + (n == 1 ? "" : "s") + " of " + label
                + " (the class weighted up most): its rate is not checked (evaluate on labelled data says whether it holds)");
    }

    /** The note for a model of {@code labels} trained with {@code weights} (label order; empty: none), or empty when all weigh alike. */
    static Optional<String> of(List<String> labels, List<Double> weights) {
        if (weights.size() != labels.size() || weights.stream().distinct().count() < 2) {
            return Optional.empty();
        }
        List<String> each = new ArrayList<>();
        int high = 0;
        int low = 0;
        for (int c = 0; c < labels.size(); c++) {
            each.add(LabelCheck.quoted(labels.get(c)) + " " + String.format(Locale.ROOT, "%.3g", weights.get(c)));
            high = weights.get(c) > weights.get(high) ? c : high;
            low = weights.get(c) < weights.get(low) ? c : low;
        }
        return Optional.of(String.format(Locale.ROOT, "this model was trained with class weights (%s): its probabilities are "
                        + "scores shifted toward the classes weighted up (for a well-fitted model the odds of %s against %s are about "
                        + "%.3g times those an unweighted model gives), not calibrated to the classes' shares (train --calibrate prior "
                        + "stores the correction in the model: each class's probability divided by its weight, the logits less log w; "
                        + "train --config RUN/config.json --calibrate prior trains this run again so); %s", String.join(", ", each),
                LabelCheck.quoted(labels.get(high)), LabelCheck.quoted(labels.get(low)), weights.get(high) / weights.get(low),
                // for an alarm, how to choose its cut-off (trial 67a #1: "rank by them" left a dashboard with argmax labels)
                labels.size() == 2 ? "rank by them, or choose a threshold on validation data: evaluate --split validation "
                        + "--target-recall R --positive " + labels.get(high) + " gives the cut-off P that raises the share R of that "
                        + "class there, then predict --threshold P --positive " + labels.get(high)
                        : "rank by them (evaluate's ROC AUC and average precision per class), not read them as rates; for an alarm "
                        + "on one class, choose its cut-off on validation data (evaluate --split validation --target-recall R "
                        + "--positive LABEL gives the cut-off P that raises the share R of it there), then predict --threshold P "
                        + "--positive LABEL"));
    }
}
