package org.rnnlab.evaluation.cli;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Trainer;

/**
 * A progress bar per training epoch on standard error (progressbar library), with the running loss,
 * and one line per finished epoch with its validation accuracy.
 */
final class Progress implements Trainer.Listener, AutoCloseable {
    private final String task;
    private final boolean quiet;
    private ProgressBar bar;
    private int barEpoch = -1;

    /** @param quiet no bars (also when standard error is not a terminal, so logs stay readable) */
    Progress(String task, boolean quiet) {
        this.task = task;
        this.quiet = quiet || System.console() == null;
    }

    @Override
    public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
        if (quiet) {
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
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", loss));
    }

    @Override
    public void onEpoch(EpochStats stats) {
        close();
        if (!quiet) {
            System.err.printf(Locale.ROOT, "%s epoch %d: loss %.4f, validation accuracy %.4f, %.1f s, %.0f samples/s%n",
                    task, stats.epoch(), stats.trainLoss(), stats.validationAccuracy(), stats.seconds(), stats.samplesPerSecond());
        }
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
