package org.rnnlab.evaluation.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rnnlab.training.EpochSelection;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/**
 * A progress bar per training epoch on standard error (progressbar library), with the running loss and the epoch's time
 * left, when standard error is a terminal; and one line per finished epoch with its validation accuracy (and macro-F1), in a
 * log too, and the value of a threshold-free --select (log-loss, ROC AUC, average precision), which the kept epoch is judged
 * by: a trial's line showed a macro-F1 flat at 0.4923 and nothing of what was moving. Without the bars (standard error
 * redirected to a file) the epoch line ends with an estimate of the whole run's time left ({@link #timeLeft}): a trial's
 * redirected run had only the epoch lines and nothing of how long the rest would take. The bars are drawn only on a terminal
 * because progressbar's console consumer writes a carriage return and the bar every update whatever the stream is: a
 * redirected file would fill with them.
 */
final class Progress implements Trainer.Listener, AutoCloseable {
    private final String task;
    private final boolean quiet;
    private final boolean bars;
    private final LongSupplier clock;
    private ProgressBar bar;
    private int barEpoch = -1;
    private EpochSelection selection = EpochSelection.ACCURACY;
    /** The run's settings (its epoch budget, patience, time budget), from {@link #onStart}; null before. */
    private TrainingConfig config;
    /** {@link #clock} at {@link #onStart}, and the epochs finished since: a resumed run's time counts from its resumption. */
    private long startNanos;
    private int epochsSinceStart;
    /**
     * The best epoch so far by the rule of the trainer's early stopping (a gain: a score above the best's by more than the
     * minimum improvement, or equal to it with a lower validation log-loss), its score (higher better) and log-loss; 0 before
     * the first epoch; on a resumed run those of its finished epochs ({@link #onResumed}), and -1 when they were not given.
     */
    private int bestEpoch;
    private double bestScore = Double.NaN;
    private double bestLogLoss = Double.NaN;

    /**
     * @param quiet neither bars nor epoch lines; without it, the epoch lines are written also when standard error is
     *              not a terminal (a log), the bars only on a terminal, so that logs stay readable
     */
    Progress(String task, boolean quiet) {
        this(task, quiet, standardErrorIsATerminal(), System::nanoTime);
    }

    /**
     * @param terminal whether standard error is a terminal: bars, else the time left on the epoch lines
     * @param clock    nanoseconds, for the time left
     */
    Progress(String task, boolean quiet, boolean terminal, LongSupplier clock) {
        this.task = task;
        this.quiet = quiet;
        this.bars = !quiet && terminal;
        this.clock = clock;
    }

    /**
     * Whether standard error is a terminal: on Linux, whether file descriptor 2 is a tty or pseudo-terminal device
     * ({@code System.console()} says whether standard input and output are, not standard error: {@code 2> log} kept the
     * bars, {@code > out} lost them); elsewhere {@code System.console()}.
     */
    static boolean standardErrorIsATerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    @Override
    public void onStart(TrainingConfig config) {
        selection = config.selection();
        this.config = config;
        startNanos = clock.getAsLong();
        epochsSinceStart = 0;
        bestEpoch = 0;
        bestScore = Double.NaN;
        bestLogLoss = Double.NaN;
    }

    /**
     * A resumed run's finished epochs, replayed through the best-epoch rule of {@link #tie} without a line: its epoch lines
     * then say what the uninterrupted run's say. A trial's run killed after epoch 3 and resumed lost epoch 4's tie note and
     * kept "(early stopping may end sooner)" to epoch 11, where the uninterrupted run dropped it from epoch 7 (its best epoch
     * was in the checkpoint).
     */
    @Override
    public void onResumed(List<EpochStats> finished) {
        bestEpoch = 0;
        for (EpochStats stats : finished) {
            tie(stats);
        }
    }

    @Override
    public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
        if (!bars) {
            return;
        }
        if (bar == null || barEpoch != epoch) {
            close();
            bar = new ProgressBarBuilder().setTaskName(task + " epoch " + epoch).setInitialMax(batchesPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setUnit(" batches", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err, 100)).showSpeed()
                    .setMaxRenderedLength(100).build();
            barEpoch = epoch;
            bar.stepTo(batch - 1);
        }
        bar.stepTo(batch);
        bar.setExtraMessage(String.format(Locale.ROOT, " batch loss %.4f", loss)); // the last minibatch's; the epoch line gives the mean
    }

    @Override
    public void onEpoch(EpochStats stats) {
        close();
        epochsSinceStart++;
        if (!quiet) {
            String validation = Double.isNaN(stats.validationAccuracy()) ? "no validation data"
                    : String.format(Locale.ROOT, "validation accuracy %.4f", stats.validationAccuracy())
                            + (stats.validationMacroF1() == null ? "" : String.format(Locale.ROOT, ", macro-F1 %.4f", stats.validationMacroF1()))
                            + selected(stats) + tie(stats);
            String clipped = stats.clipped() == null ? ""
                    : String.format(Locale.ROOT, ", clipping changed %.0f%% of updates", 100 * stats.clipped());
            System.err.printf(Locale.ROOT, "%s epoch %d: loss %.4f, %s, %.1f s, %.0f samples/s%s%s%n",
                    task, stats.epoch(), stats.trainLoss(), validation, stats.seconds(), stats.samplesPerSecond(), clipped,
                    bars ? "" : timeLeft(stats));
        }
    }

    /**
     * {@code ; about 0:00:25 left for the remaining 12 epochs at most (early stopping may end sooner)}: the mean wall time of
     * the epochs since {@link #onStart} (training, validation and checkpoints) times the epochs left of the budget, with what
     * may end the run sooner (early stopping, with validation data and a patience; a time budget); empty after the last epoch
     * and before {@link #onStart}.
     */
    String timeLeft(EpochStats stats) {
        if (config == null || epochsSinceStart == 0 || stats.epoch() >= config.epochs()) {
            return "";
        }
        int remaining = config.epochs() - stats.epoch();
        double each = (clock.getAsLong() - startNanos) / 1e9 / epochsSinceStart;
        List<String> sooner = new ArrayList<>();
        if (config.patience() > 0 && !Double.isNaN(stats.validationAccuracy())
                && Math.max(bestEpoch, 1) + config.patience() < config.epochs()) {
            // the earliest stop is patience epochs after the best one, and a stop at the budget's last epoch ends nothing sooner:
            // a 4-epoch run of patience 5 said "early stopping may end sooner" where compare said it cannot (trial 77f)
            sooner.add("early stopping");
        }
        if (config.timeBudgetSeconds() > 0) {
            sooner.add("the time budget");
        }
        return "; " + timeLeft(each, remaining, remaining == 1 ? "epoch" : "epochs")
                + (sooner.isEmpty() ? "" : " at most (" + String.join(" or ", sooner) + " may end sooner)");
    }

    /** {@code about 0:00:25 left for the remaining 12 epochs}: {@code remaining} things of {@code secondsEach} each. */
    static String timeLeft(double secondsEach, int remaining, String things) {
        return "about " + clockTime(secondsEach * remaining) + " left for the remaining " + remaining + " " + things;
    }

    /** {@code 1:02:05}: hours, minutes and seconds (rounded), as the bars show them. */
    static String clockTime(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** {@code , log-loss 0.1234} for a threshold-free selection ({@code undefined} where it is: ROC AUC of one class), else empty. */
    String selected(EpochStats stats) {
        if (!selection.thresholdFree()) {
            return "";
        }
        double v = stats.validation(selection);
        return ", " + selection.label() + (Double.isNaN(v) ? " undefined" : String.format(Locale.ROOT, " %.4f", v));
    }

    /**
     * {@code , log-loss 0.0312 (macro-F1 tied with the best, epoch 5: a lower log-loss than its 0.0760 counts as a gain: the best so far)} when
     * the epoch's selection score equals the best epoch's exactly and the tie is broken by the validation log-loss, as the
     * trainer breaks it for the epoch kept and for early stopping ({@code EarlyStopping}); else empty. A trial's
     * {@code --patience 2} ran all 15 epochs of a macro-F1 flat at 1.0000 from epoch 5: the log-loss fell every epoch, each
     * fall a gain, and the epoch lines did not show it. Also keeps the best epoch for {@link #timeLeft}. Empty (and no best
     * tracked) on a resumed run whose earlier epochs were not given ({@link #onResumed}); and for a threshold-free selection, whose
     * value the line gives already ({@link #selected}); and for a run with the first-epoch tie rule of an older run
     * ({@code SelectionTies.FIRST}), which breaks no tie.
     */
    String tie(EpochStats stats) {
        if (config == null || bestEpoch < 0 || Double.isNaN(stats.validationAccuracy())) {
            return "";
        }
        if (bestEpoch == 0 && stats.epoch() != 1) { // a resumed run without its earlier epochs: its best epoch is not known here
            bestEpoch = -1;
            return "";
        }
        double score = selection.oriented(stats.validation(selection));
        Double logLoss = stats.validationLogLoss();
        double loss = logLoss == null ? Double.NaN : logLoss;
        String words = "";
        if (bestEpoch == 0 || score > bestScore + config.minImprovement()) {
            bestEpoch = stats.epoch();
            bestScore = score;
            bestLogLoss = loss;
        } else if (score == bestScore && !Double.isNaN(loss) && !Double.isNaN(bestLogLoss)
                && config.selectionTies() != org.rnnlab.training.SelectionTies.FIRST) { // a replayed older run: no tie-break
            boolean gain = loss < bestLogLoss;
            words = selection == EpochSelection.LOG_LOSS ? "" : String.format(Locale.ROOT, ", log-loss %.4f (%s tied with the "
                    + "best, epoch %d: %s than its %.4f%s)", loss, selection.label(), bestEpoch, gain ? "a lower log-loss" : "no lower",
                    bestLogLoss, !gain ? ", no gain" : config.selectionTies() == org.rnnlab.training.SelectionTies
                    .LOWER_LOG_LOSS_NO_PATIENCE_GAIN ? ": the best so far, no gain for --patience (the rule the run replayed used)"
                    : " counts as a gain: the best so far");
            if (gain) {
                bestEpoch = stats.epoch();
                bestLogLoss = loss;
            }
        }
        return words;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    static String duration(double seconds) {
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        return d.toMinutesPart() > 0 || d.toHours() > 0 ? String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
