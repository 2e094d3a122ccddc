package org.rnnlab.evaluation.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.evaluation.compare.PairedDifference;
import org.rnnlab.evaluation.compare.PresentOrPredicted;
import org.rnnlab.evaluation.compare.SummaryFeatures;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.evaluation.metrics.ScoreIntervals;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SummaryBaselineModel;

/**
 * {@code evaluate}'s second baseline: the summary-feature baseline train fitted on the training split of the model's run
 * and stored in the model card ({@link SummaryBaselineModel}), scored on the sequences evaluated, as train scored it on its
 * test split ({@link SummaryFeatures}: the same summaries of the same values, the same standardisation and coefficients,
 * the same macro-F1), and compared with the model sequence by sequence by McNemar's exact test
 * ({@link ScoreIntervals#mcnemar}, as the majority baseline and {@code --baseline-column} are). A user evaluating a deployed
 * model on a new month of data learns whether the network still beats it there.
 *
 * <p>Its macro-F1 is compared with the model's as every other verdict compares them (evaluate's majority baseline, train's
 * summary-baseline verdict, compare): scikit-learn's {@code f1_score(average='macro')} on both sides ({@link
 * EvaluationResult#macroF1PresentOrPredicted}), which counts a class predicted but absent from these data at F1 0; the line
 * names it ({@link PresentOrPredicted#LABEL}) where it differs from rnnlab's over the classes present (review 80a R1: on a
 * month without one class the comparison read 0.0385 for the model where evaluate's own scikit-learn figure was 0.0256).
 *
 * @param stored            the baseline as the model card keeps it
 * @param accuracy          its accuracy on the sequences evaluated
 * @param macroF1           its macro-F1 there (over the classes present, as the model's)
 * @param macroF1PresentOrPredicted its macro-F1 there as scikit-learn computes it (equal to {@code macroF1} where it
 *                          predicted no class absent from these data): the figure compared
 * @param modelAccuracy     the model's accuracy on the same sequences
 * @param modelMacroF1      the model's macro-F1 (over the classes present)
 * @param modelMacroF1PresentOrPredicted the model's as scikit-learn computes it: the figure compared
 * @param modelOnlyRight    sequences the model got right and the baseline wrong
 * @param baselineOnlyRight sequences the baseline got right and the model wrong
 * @param mcnemarP          two-sided exact McNemar p of the accuracy difference
 * @param sequences         sequences scored
 */
record SummaryBaselineScore(SummaryBaselineModel stored, double accuracy, double macroF1, double macroF1PresentOrPredicted,
                            double modelAccuracy, double modelMacroF1, double modelMacroF1PresentOrPredicted, long modelOnlyRight, long baselineOnlyRight, double mcnemarP, int sequences) {

    /**
     * The note for a model of numeric features per step whose file holds no summary-feature baseline, or empty (a text model,
     * where it does not apply, or a card that holds one).
     */
    static Optional<String> missingNote(ModelCard card) {
        if (card.storedSummaryBaseline().isPresent() || card.input() == null || card.input().kind() != InputDescription.Kind.DENSE) {
            return Optional.empty();
        }
        return Optional.of("the summary-feature baseline (" + org.rnnlab.evaluation.compare.SummaryBaseline.WHAT + ") is not in "
                + "this model file, so it is not scored here: the file was written by an rnnlab before it was stored, or by a run "
                + "without a test split or whose fit of it failed; train the model again with this rnnlab to have it");
    }

    /**
     * The stored baseline scored on {@code sequences} (their values as the model read them), or empty when the card holds none.
     *
     * @param labels    the model's classes
     * @param actual    each sequence's class (index of {@code labels})
     * @param predicted the model's class of each
     */
    static Optional<SummaryBaselineScore> of(ModelCard card, List<String> labels, List<Sequence> sequences, int[] actual,
                                             int[] predicted) {
        Optional<SummaryBaselineModel> stored = card.storedSummaryBaseline();
        if (stored.isEmpty() || sequences.isEmpty() || card.input().kind() != InputDescription.Kind.DENSE) {
            return Optional.empty();
        }
        int[] baseline = SummaryFeatures.fromStored(stored.get()).predict(sequences);
        for (int i = 0; i < baseline.length; i++) { // its classes by name: the card's labelNames in their order as train writes them
            baseline[i] = labels.indexOf(stored.get().classes().get(baseline[i]));
        }
        int k = labels.size();
        long[][] confusion = new long[k][k];
        long[][] modelConfusion = new long[k][k];
        long modelOnly = 0;
        long baselineOnly = 0;
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][baseline[i]]++;
            modelConfusion[actual[i]][predicted[i]]++;
            boolean modelRight = predicted[i] == actual[i];
            boolean baselineRight = baseline[i] == actual[i];
            if (modelRight && !baselineRight) {
                modelOnly++;
            } else if (baselineRight && !modelRight) {
                baselineOnly++;
            }
        }
        // scored as train's SummaryBaseline scores its test split, so that the run's own test split gives its recorded scores
        EvaluationResult base = Evaluator.fromConfusion(labels, confusion, List.of(), 0);
        EvaluationResult model = Evaluator.fromConfusion(labels, modelConfusion, List.of(), 0);
        return Optional.of(new SummaryBaselineScore(stored.get(), base.accuracy(), base.macroF1(), judged(base), model.accuracy(),
                model.macroF1(), judged(model), modelOnly, baselineOnly, ScoreIntervals.mcnemar(modelOnly, baselineOnly), actual.length));
    }

    /** Scikit-learn's macro-F1 of an evaluation: rnnlab's where no class is predicted but absent (then the two are equal). */
    private static double judged(EvaluationResult r) {
        return r.macroF1PresentOrPredicted() != null ? r.macroF1PresentOrPredicted() : r.macroF1();
    }

    /**
     * Whether scikit-learn's macro-F1 differs from rnnlab's (to the 4 digits printed) for the baseline or the model here, or
     * the baseline on the run's test split: then the line names the figure it gives ({@link PresentOrPredicted#LABEL}).
     */
    boolean differs() {
        return round4(macroF1PresentOrPredicted) != round4(macroF1) || round4(modelMacroF1PresentOrPredicted) != round4(modelMacroF1)
                || round4(stored.judgedTestMacroF1()) != round4(stored.testMacroF1());
    }

    private static double round4(double x) { // as printed, 4 digits (MajorityBaseline.round4)
        return Math.round(x * 10_000) / 10_000.0;
    }

    /**
     * Fisher's exact two-sided p of the baseline's right and wrong sequences here against those on the run's test split (its
     * stored accuracy times its test sequences).
     */
    double fellP() {
        long testRight = Math.round(stored.testAccuracy() * stored.testSequences());
        long hereRight = Math.round(accuracy * sequences);
        return org.rnnlab.evaluation.metrics.FisherExact.twoSided(testRight, stored.testSequences() - testRight, hereRight,
                sequences - hereRight);
    }

    /**
     * Whether the baseline's own accuracy here is lower than on the run's test split beyond chance (Fisher's exact test at
     * 5%): its inputs, the features' means and sds, moved, or the data hold more of the classes it gets wrong (review 81a R2),
     * and the comparison with the model then says more of that drift than
     * of the model's use of the step order (trial 80g F2: the baseline fell from 1.0000 to 0.4667 on a month whose acc_x and
     * acc_y had 2.5 times their spread, and the line read as evidence that the model uses the order far better).
     */
    boolean fell() {
        return accuracy < stored.testAccuracy() && fellP() < 0.05;
    }

    /** Whether the accuracies differ at 5% by McNemar's test. */
    boolean reliable() {
        return mcnemarP < 0.05;
    }

    /**
     * One line of evaluate's text, after the majority baseline's, e.g. {@code (summary-feature baseline, fitted on the training
     * split of the model's run: logistic regression on each sequence's mean and sd of each feature (16 summaries of 8
     * features, no step order): accuracy 0.6500, macro-F1 0.6012 on these data (0.7000, 0.6400 on the run's test split); the
     * model's accuracy +0.0300, macro-F1 +0.0250, McNemar's exact p = 0.523 (14 sequences right only by the model, 11 only by
     * the baseline): accuracy not reliably different at 5%: no evidence here that the model beats it)}.
     */
    String line() {
        // scikit-learn's macro-F1 on both sides, as every other verdict compares them; named where it differs from rnnlab's
        double base = macroF1PresentOrPredicted;
        double model = modelMacroF1PresentOrPredicted;
        String name = differs() ? PresentOrPredicted.LABEL : "macro-F1";
        String verdict = !reliable() ? "accuracy not reliably different at 5%: no evidence here that the model beats it"
                : modelAccuracy > accuracy ? "the model's accuracy reliably higher at 5%" : "the model's accuracy reliably lower at 5%";
        if (reliable() && (modelAccuracy > accuracy) != (model > base) && model != base) {
            verdict += ", but its " + name + " " + (model > base ? "higher" : "lower") + " (read the classes' scores)";
        }
        // a card written before the scikit-learn figure was stored holds rnnlab's only: said so where the line names the other
        String runTest = differs() && stored.testMacroF1PresentOrPredicted() == null
                ? String.format(Locale.ROOT, "%.4f and macro-F1 over the classes present %.4f on the run's test split",
                stored.testAccuracy(), stored.testMacroF1())
                : String.format(Locale.ROOT, "%.4f, %.4f on the run's test split", stored.testAccuracy(), stored.judgedTestMacroF1());
        if (fell()) {
            // review 81a R2: a class mix with more of the classes it gets wrong lowers it too, with no drift at all (600
            // sequences of two of three classes fell from 0.7289 to 0.5983, and the line blamed drift); and the p in words,
            // not "0.0" below 1e-300
            verdict += String.format(Locale.ROOT, "; but the baseline's own accuracy fell from %.4f on the run's test split (%d "
                    + "sequences) to %.4f here (Fisher's exact p %s): the features' means and sds it reads may have drifted "
                    + "from training's, or these data hold another class mix (more of the classes it gets wrong), so this "
                    + "comparison may say more of that than of the model's use of the step order",
                    stored.testAccuracy(), stored.testSequences(), accuracy, HeldOutComparison.pWords(fellP()));
        }
        int f = stored.features().size();
        return String.format(Locale.ROOT, "(summary-feature baseline, fitted on the training split of the model's run and stored "
                        + "in the model file: %s (%d summaries of %d feature%s, no step order): accuracy %.4f, %s %.4f on these "
                        + "data (%s); the model's accuracy %s, %s %s, McNemar's exact p %s (%d "
                        + "sequences right only by the model, %d only by the baseline): %s)%n",
                org.rnnlab.evaluation.compare.SummaryBaseline.WHAT, 2 * f, f, f == 1 ? "" : "s", accuracy, name, base,
                runTest, PairedDifference.signed(modelAccuracy - accuracy), name,
                PairedDifference.signed(model - base),
                mcnemarP < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "= %.3g", mcnemarP), modelOnlyRight, baselineOnlyRight,
                verdict);
    }

    /**
     * The comparison as {@code --json}'s {@code summaryBaseline}: {@code accuracy}, {@code macroF1}, {@code mcnemarP},
     * {@code features}, ...; {@code accuracyDifference} and {@code macroF1Difference} are the model's minus the baseline's,
     * the latter of scikit-learn's figures ({@code macroF1PresentOrPredicted}, {@code modelMacroF1PresentOrPredicted}), as the
     * verdicts compare them; {@code macroF1} and {@code modelMacroF1} are rnnlab's, over the classes present.
     */
    com.fasterxml.jackson.databind.node.ObjectNode json() {
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.mapper().createObjectNode();
        node.put("method", stored.method()).put("fittedOn", "the training split of the model's run (stored in the model file)");
        node.putPOJO("features", stored.features());
        node.put("sequences", sequences).put("accuracy", accuracy).put("macroF1", macroF1)
                .put("macroF1PresentOrPredicted", macroF1PresentOrPredicted)
                .put("modelOnlyRight", modelOnlyRight).put("baselineOnlyRight", baselineOnlyRight).put("mcnemarP", mcnemarP)
                .put("reliablyDifferent", reliable()).put("modelAccuracy", modelAccuracy).put("modelMacroF1", modelMacroF1)
                .put("modelMacroF1PresentOrPredicted", modelMacroF1PresentOrPredicted)
                .put("accuracyDifference", modelAccuracy - accuracy)
                .put("macroF1Difference", modelMacroF1PresentOrPredicted - macroF1PresentOrPredicted)
                .put("runTestAccuracy", stored.testAccuracy()).put("runTestMacroF1", stored.testMacroF1())
                .put("runTestSequences", stored.testSequences()).put("fellP", fellP()).put("fell", fell());
        if (stored.testMacroF1PresentOrPredicted() != null) {
            node.put("runTestMacroF1PresentOrPredicted", stored.testMacroF1PresentOrPredicted());
        } else {
            node.putNull("runTestMacroF1PresentOrPredicted"); // a card written before it was stored
        }
        return node;
    }
}
