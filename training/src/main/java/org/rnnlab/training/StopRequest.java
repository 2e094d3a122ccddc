package org.rnnlab.training;

import java.util.concurrent.atomic.AtomicBoolean;
import org.rnnlab.training.TrainingState.Progress;

/**
 * A request from outside (Ctrl-C) to stop after the current minibatch. The trainer writes a checkpoint
 * first when it has a checkpoint folder, then throws {@link #interruption}.
 */
final class StopRequest {
    private final AtomicBoolean flag;

    /** @param flag set to true to stop, or null for a run that cannot be stopped */
    StopRequest(AtomicBoolean flag) {
        this.flag = flag;
    }

    /** Whether a stop was asked for. */
    boolean requested() {
        return flag != null && flag.get();
    }

    /** The exception that ends the run at {@code progress}, naming the checkpoint written before it, if any. */
    TrainingInterruptedException interruption(Progress progress, Checkpointing checkpoints) {
        return new TrainingInterruptedException("training stopped at epoch " + progress.epoch() + ", batch " + progress.batchesDone()
                + (checkpoints.enabled() ? "; checkpoint written to " + checkpoints.file() : ""));
    }
}
