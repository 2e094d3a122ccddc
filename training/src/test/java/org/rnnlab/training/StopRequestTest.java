package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.TrainingState.Progress;

class StopRequestTest {

    @Test
    void isRequestedOnlyWhenTheFlagIsSet() {
        AtomicBoolean flag = new AtomicBoolean();
        StopRequest stop = new StopRequest(flag);
        assertThat(stop.requested()).isFalse();
        flag.set(true);
        assertThat(stop.requested()).isTrue();
        assertThat(new StopRequest(null).requested()).isFalse();
    }

    @Test
    void theInterruptionSaysWhereAndNamesTheCheckpoint() {
        Progress at = new Progress(2, 3, 9, 0.5);
        TrainingConfig config = TrainingConfig.defaults();
        Checkpointing none = new Checkpointing(null, config, 2, 2, new Trainer.Listener() { }, () -> 0);
        assertThat(new StopRequest(null).interruption(at, none)).hasMessage("training stopped at epoch 2, batch 3");
        Path dir = Path.of("run", "checkpoints");
        Checkpointing some = new Checkpointing(dir, config, 2, 2, new Trainer.Listener() { }, () -> 0);
        assertThat(new StopRequest(null).interruption(at, some))
                .hasMessage("training stopped at epoch 2, batch 3; checkpoint written to " + dir.resolve("checkpoint.zip"));
    }
}
