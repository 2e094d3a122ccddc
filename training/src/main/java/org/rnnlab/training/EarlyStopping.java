package org.rnnlab.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.training.TrainingState.BestEpoch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the parameters of the best epoch and ends a run when {@code patience} epochs in a row did not
 * improve on it by more than {@code minImprovement}. An epoch's score is its validation accuracy (or macro-F1, log-loss,
 * ROC AUC, average precision: {@link TrainingConfig#selection}), turned so that higher is better (minus the log-loss, whose
 * improvement is a fall by more than {@code minImprovement}), or
 * minus its training loss when there is no validation data ({@link #score}); without validation data the run never
 * stops early (the trainer says early stopping is off). The best epoch is kept
 * with or without early stopping (patience 0 never stops and never counts), and {@link #restoreBest}
 * puts its parameters back into the network at the end of the run.
 *
 * <p>An epoch whose score ties the best's exactly (accuracy saturated at 1.0) is kept instead when its validation log-loss is
 * lower: the later, surer model, not the first to reach the score. Such an epoch is a gain for the patience too, so that the
 * rule that stops a run and the rule that keeps an epoch agree: a trial's validation accuracy stayed at 0.5714 from epoch 2 to
 * 10 while the log-loss fell every epoch, epoch 10 was kept, and the run stopped there "without gain for 8 epochs".
 *
 * <p>It starts from the {@link BestEpoch} and parameters of a checkpoint when a run is resumed, so the
 * count of epochs without improvement goes on where it stopped.
 */
final class EarlyStopping {
    /** The trainer's log, where these lines have always been. */
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final int patience;
    private final double minImprovement;
    private final String model;
    /** Whether a tie kept by its lower log-loss is a gain for the patience (not under {@link SelectionTies#LOWER_LOG_LOSS_NO_PATIENCE_GAIN}). */
    private final boolean tieIsGain;
    private BestEpoch best;
    private INDArray bestParameters;
    /** The best epoch's validation log-loss, which breaks an exact tie of the score; NaN when not known (no tie-break). */
    private double bestLogLoss = Double.NaN;

    /**
     * @param config         patience and minimum improvement
     * @param model          the model's label, for the log
     * @param best           the best epoch so far ({@link BestEpoch#none()} for a new run)
     * @param bestParameters its parameters, or null before the first epoch ended
     */
    EarlyStopping(TrainingConfig config, String model, BestEpoch best, INDArray bestParameters) {
        this.patience = config.patience();
        this.minImprovement = config.minImprovement();
        this.model = model;
        this.tieIsGain = config.selectionTies() != SelectionTies.LOWER_LOG_LOSS_NO_PATIENCE_GAIN;
        this.best = best;
        this.bestParameters = bestParameters;
    }

    /** The score an epoch is judged by: validation accuracy, or minus the training loss without validation data. */
    static double score(EpochStats stats, boolean hasValidation) {
        return score(stats, hasValidation, EpochSelection.ACCURACY);
    }

    /**
     * The score an epoch is judged by, higher better: its validation score by {@code selection} ({@link
     * EpochSelection#oriented}: minus the log-loss), or minus the training loss without validation data.
     */
    static double score(EpochStats stats, boolean hasValidation, EpochSelection selection) {
        return hasValidation ? selection.oriented(stats.validation(selection)) : -stats.trainLoss();
    }

    /**
     * Judges an epoch that just ended: the first epoch and every epoch that beats the best score by more than
     * {@code minImprovement} become the best (their parameters are copied); any other epoch counts as one
     * without improvement when early stopping is on and {@code mayStop}. With {@code mayStop} false (no validation data,
     * whose absence turns early stopping off, or the budget's last epoch, after which the run ends anyway) the epoch is
     * judged for the best one only: nothing is counted and the run is not said to stop early.
     *
     * @return whether the run should stop after this epoch ({@code patience} epochs in a row without improvement)
     */
    boolean afterEpoch(int epoch, double score, MultiLayerNetwork net, boolean mayStop) {
        return afterEpoch(epoch, score, Double.NaN, net, mayStop);
    }

    /**
     * {@link #afterEpoch(int, double, MultiLayerNetwork, boolean)} with the epoch's validation log-loss, which breaks an exact
     * tie of the score: an epoch whose score equals the best's exactly and whose log-loss is lower becomes the kept one (a
     * trial's validation macro-F1 saturated at 0.9955 from epoch 1 on, and epoch 1 was kept at a log-loss of 0.43 where epoch
     * 6 had 0.0076). Such an epoch is a gain for early stopping as well: the count of epochs without one starts again from it,
     * so a run never stops "without gain" at the epoch it keeps (trial 77a: kept epoch 10 of an accuracy flat since epoch 2,
     * stopped after it "with no validation gain for 8 epochs"), and the epochs counted are those since the kept one. Under
     * {@link SelectionTies#LOWER_LOG_LOSS_NO_PATIENCE_GAIN} (the replay of a run of rnnlab before that, 35658db4) the tie is
     * kept but the count goes on, as that run counted (trial 78j: its replay trained 12 epochs where the run stopped after 3).
     */
    boolean afterEpoch(int epoch, double score, double logLoss, MultiLayerNetwork net, boolean mayStop) {
        if (!best.found() || score > best.score() + minImprovement) {
            bestParameters = net.params().dup();
            best = BestEpoch.at(epoch, score);
            bestLogLoss = logLoss;
            return false;
        }
        if (score == best.score() && logLoss < bestLogLoss) { // NaN on either side: no tie-break
            bestParameters = net.params().dup();
            bestLogLoss = logLoss;
            if (tieIsGain) {
                best = BestEpoch.at(epoch, score); // a gain: the count starts again from the epoch kept
                return false;
            }
            // the rule of 62dd0b01..35658db4: kept, but the count of epochs without a gain goes on
            best = new BestEpoch(true, epoch, score, best.epochsWithoutImprovement());
        }
        if (patience == 0 || !mayStop) {
            return false;
        }
        best = best.oneMoreEpochWithoutImprovement();
        if (best.epochsWithoutImprovement() < patience) {
            return false;
        }
        LOG.info("{}: early stop after epoch {} (no validation gain for {} epochs since epoch {}, the one kept)", model, epoch,
                best.epochsWithoutImprovement(), best.epoch());
        return true;
    }

    /** A resumed run: the best epoch's validation log-loss as its history recorded it (null: none, no tie-break). */
    EarlyStopping withBestLogLoss(Double logLoss) {
        bestLogLoss = logLoss == null ? Double.NaN : logLoss;
        return this;
    }

    /** The best epoch so far, for checkpoints and the result. */
    BestEpoch best() {
        return best;
    }

    /** The parameters of the best epoch so far, or null before the first epoch ended. */
    INDArray bestParameters() {
        return bestParameters;
    }

    /** Puts the parameters of the best epoch into the network. */
    void restoreBest(MultiLayerNetwork net) {
        net.setParams(bestParameters);
    }
}
