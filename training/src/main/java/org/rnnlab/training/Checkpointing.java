package org.rnnlab.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * When a run writes its {@link Checkpoint}: at the end of every epoch, after every
 * {@code checkpointEveryIterations}-th minibatch, after a minibatch when {@code checkpointEveryMinutes}
 * have passed since the last checkpoint, and before a requested stop; never without a checkpoint folder.
 * The listener hears of each checkpoint once it is complete. Writing a checkpoint does not change
 * training, so a run resumed from any of them ends exactly as the uninterrupted run does.
 */
final class Checkpointing {
    private final Path dir;
    private final int everyIterations;
    private final double everyMinutes;
    private final int features;
    private final int classes;
    private final Trainer.Listener listener;
    private final LongSupplier nanoClock;
    private final boolean exactStandardization;
    private long lastWritten;

    /**
     * @param dir       checkpoint folder, or null for no checkpoints
     * @param config    how often to write
     * @param features  input features per step the network was built for
     * @param classes   number of classes it was built for
     * @param listener  told of each checkpoint written
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime}); the interval in minutes starts now
     */
    Checkpointing(Path dir, TrainingConfig config, int features, int classes, Trainer.Listener listener, LongSupplier nanoClock) {
        this(dir, config, features, classes, listener, nanoClock, true);
    }

    /**
     * @param exactStandardization whether the run standardises exactly, recorded in every checkpoint so that a run begun
     *                             with ND4J's standardiser (before checkpoint format 4) keeps it at every later resume
     */
    Checkpointing(Path dir, TrainingConfig config, int features, int classes, Trainer.Listener listener, LongSupplier nanoClock,
                  boolean exactStandardization) {
        this.exactStandardization = exactStandardization;
        this.dir = dir;
        this.everyIterations = config.checkpointEveryIterations();
        this.everyMinutes = config.checkpointEveryMinutes();
        this.features = features;
        this.classes = classes;
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.lastWritten = nanoClock.getAsLong();
    }

    /** Whether checkpoints are written at all. */
    boolean enabled() {
        return dir != null;
    }

    /** The checkpoint file (only when {@link #enabled()}). */
    Path file() {
        return Checkpoint.file(dir);
    }

    /** After a minibatch: writes when one is due by iterations or minutes, or when the run is about to stop. */
    void afterBatch(TrainingState state, MultiLayerNetwork net, INDArray bestParameters, boolean stopping) {
        if (enabled() && (stopping || due(state.progress().iteration()))) {
            write(state, net, bestParameters);
        }
    }

    /** After an epoch (its validation and the policies done): always writes. */
    void afterEpoch(TrainingState state, MultiLayerNetwork net, INDArray bestParameters) {
        if (enabled()) {
            write(state, net, bestParameters);
        }
    }

    private boolean due(long iteration) {
        return (everyIterations > 0 && iteration % everyIterations == 0)
                || (everyMinutes > 0 && (nanoClock.getAsLong() - lastWritten) / 60e9 >= everyMinutes);
    }

    /**
     * Writes the checkpoint with the thread's interrupt cleared meanwhile and set again after it: an interruptible file channel
     * refuses to write for an interrupted thread (ClosedByInterruptException), and an interrupt that came during an epoch's
     * validation would otherwise fail the run instead of stopping it with its checkpoint.
     */
    private void write(TrainingState state, MultiLayerNetwork net, INDArray bestParameters) {
        boolean interrupted = Thread.interrupted();
        try {
            Checkpoint.write(dir, state, features, classes, net, bestParameters, exactStandardization);
            listener.onCheckpoint(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint to " + dir + ": " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        lastWritten = nanoClock.getAsLong();
    }
}
