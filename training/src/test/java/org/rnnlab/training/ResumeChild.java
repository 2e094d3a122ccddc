package org.rnnlab.training;

import java.nio.file.Path;
import java.util.List;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;

/** A real training process for {@link CheckpointResumeTest}: trains with a checkpoint after every minibatch until killed. */
public final class ResumeChild {
    static final ModelSpec SPEC = ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(12, 12)).withDropout(0.2);
    static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(30).withBatchSize(8).withCheckpoints(1, 0); // long enough to be killed mid-run

    private ResumeChild() {
    }

    public static void main(String[] args) {
        Trainer.train(SPEC, CONFIG, CheckpointResumeTest.data(), new Trainer.Options(null, Path.of(args[0]), null));
        System.out.println("finished");
    }
}
