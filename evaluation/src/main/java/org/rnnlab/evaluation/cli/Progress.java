package org.rnnlab.evaluation.cli;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rnnlab.training.EpochSelection;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/**
 * A progress bar per training epoch on standard error (progressbar library), with the running loss, when standard
 * error is a terminal; and one line per finished epoch with its validation accuracy (and macro-F1), in a log too, and the
 * value of a threshold-free --select (log-loss, ROC AUC, average precision), which the kept epoch is judged by: a trial's
 * line showed a macro-F1 flat at 0.4923 and nothing of what was moving.
 */
final class Progress implements Trainer.Listener, AutoCloseable {
    private final String task;
    private final boolean quiet;
    private final boolean bars;
    private ProgressBar bar;
    private int barEpoch = -1;
    private EpochSelection selection = EpochSelection.ACCURACY;

    /**
     * @param quiet neither bars nor epoch lines; without it, the epoch lines are written also when standard error is
     *              not a terminal (a log), the bars only on a terminal, so that logs stay readable
     */
    Progress(String task, boolean quiet) {
        this.task = task;
        this.quiet = quiet;
        this.bars = !quiet && standardErrorIsATerminal();
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
        if (!quiet) {
            String validation = Double.isNaN(stats.validationAccuracy()) ? "no validation data"
                    : String.format(Locale.ROOT, "validation accuracy %.4f", stats.validationAccuracy())
                            + (stats.validationMacroF1() == null ? "" : String.format(Locale.ROOT, ", macro-F1 %.4f", stats.validationMacroF1()))
                            + selected(stats);
            String clipped = stats.clipped() == null ? ""
                    : String.format(Locale.ROOT, ", clipping changed %.0f%% of updates", 100 * stats.clipped());
            System.err.printf(Locale.ROOT, "%s epoch %d: loss %.4f, %s, %.1f s, %.0f samples/s%s%n",
                    task, stats.epoch(), stats.trainLoss(), validation, stats.seconds(), stats.samplesPerSecond(), clipped);
        }
    }

    /** {@code , log-loss 0.1234} for a threshold-free selection ({@code undefined} where it is: ROC AUC of one class), else empty. */
    String selected(EpochStats stats) {
        if (!selection.thresholdFree()) {
            return "";
        }
        double v = stats.validation(selection);
        return ", " + selection.label() + (Double.isNaN(v) ? " undefined" : String.format(Locale.ROOT, " %.4f", v));
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
