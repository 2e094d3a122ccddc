package org.rnnlab.training;

import java.util.concurrent.atomic.AtomicBoolean;
import org.rnnlab.training.TrainingState.Progress;

/**
 * A request from outside to stop after the current minibatch: the flag set (Ctrl-C) or the training thread interrupted
 * ({@code Future.cancel(true)}, which training used to ignore: a cancelled task was still training 20 s later). The
 * trainer writes a checkpoint first when it has a checkpoint folder, then throws {@link #interruption}.
 */
final class StopRequest {
    private final AtomicBoolean flag;

    /** @param flag set to true to stop, or null for a run that cannot be stopped */
    StopRequest(AtomicBoolean flag) {
        this.flag = flag;
    }

    /** Whether a stop was asked for: the flag is set or the current thread is interrupted (its status left as it is). */
    boolean requested() {
        return flag != null && flag.get() || Thread.currentThread().isInterrupted();
    }

    /** The exception that ends the run at {@code progress}, naming the checkpoint written before it, if any. */
    TrainingInterruptedException interruption(Progress progress, Checkpointing checkpoints) {
        return interruption(progress, checkpoints, false);
    }

    /** {@link #interruption(Progress, Checkpointing)}, saying whether the stop was the thread's interrupt. */
    TrainingInterruptedException interruption(Progress progress, Checkpointing checkpoints, boolean interrupted) {
        return new TrainingInterruptedException("training stopped at epoch " + progress.epoch() + ", batch " + progress.batchesDone()
                + (interrupted ? " (the training thread was interrupted)" : "")
                + (checkpoints.enabled() ? "; checkpoint written to " + checkpoints.file() : ""));
    }
}
