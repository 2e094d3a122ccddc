package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;
import org.slf4j.LoggerFactory;

/**
 * {@link Trainer#train} refuses a training split of one class, as {@code rnnlab train} refuses such a file, and says when
 * early stopping cannot run for want of a validation split (trial 81d F3: both went through without a word from Java).
 */
class TrainerDataChecksTest {

    private static float[][] ramp(int n, float sign) {
        float[][] s = new float[n][2];
        for (int t = 0; t < n; t++) {
            s[t][0] = sign * t;
            s[t][1] = -sign * t / 2f;
        }
        return s;
    }

    private static InMemorySequenceDataset data(List<Sequence> train, List<Sequence> validation) {
        return new InMemorySequenceDataset("mine", InputDescription.dense(List.of("a", "b"), 10), List.of("x", "y"),
                new SequenceSet(train), new SequenceSet(validation), new SequenceSet(List.of()),
                new DatasetProvenance("mine", "memory", Map.of(), List.of(), 1));
    }

    private static List<String> warnings(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(Trainer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aTrainingSplitOfOneClassIsRefusedNamingIt() {
        InMemorySequenceDataset oneClass = data(List.of(new Sequence(ramp(5, 1), 0), new Sequence(ramp(6, 1), 0)),
                List.of(new Sequence(ramp(5, -1), 1)));
        assertThatThrownBy(() -> Trainer.train(ModelSpec.of(CellType.GRU), TrainingConfig.defaults().withEpochs(1), oneClass))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset mine: only the label(s) [x] occur in the training split (2 sequence(s)): expected sequences "
                        + "of at least 2 distinct labels of [x, y] to train a classifier on (rnnlab train refuses such data too)");
    }

    @Test
    void earlyStoppingWithoutAValidationSplitIsLoggedAndTheRunTrainsEveryEpoch() {
        List<Sequence> train = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            train.add(new Sequence(ramp(4 + i, 1), 0));
            train.add(new Sequence(ramp(4 + i, -1), 1));
        }
        InMemorySequenceDataset noValidation = data(train, List.of());
        TrainedModel[] trained = new TrainedModel[1];
        List<String> logged = warnings(() -> trained[0] = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(3).withEarlyStopping(1, 0), noValidation));
        assertThat(logged).containsExactly("dataset mine has no validation split, so early stopping (patience 1) is ignored: all 3 "
                + "epochs train and the epoch of the lowest training loss is kept; give the dataset validation sequences to stop "
                + "early, or set the patience to 0 (TrainingConfig.withEarlyStopping(0, 0), rnnlab train --patience 0) to say so");
        assertThat(trained[0].history()).hasSize(3);
        // review 81a R8: said once per dataset, not per dataset name: the same dataset again is not warned of, another of
        // the same name is
        assertThat(warnings(() -> Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withEarlyStopping(1, 0), noValidation))).isEmpty();
        InMemorySequenceDataset sameName = data(train.subList(0, 6), List.of());
        assertThat(sameName.name()).isEqualTo(noValidation.name());
        assertThat(warnings(() -> Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withEarlyStopping(1, 0), sameName))).singleElement().asString()
                .startsWith("dataset mine has no validation split, so early stopping (patience 1) is ignored: all 1 epochs");
        // without early stopping, or with validation data, nothing is said
        assertThat(warnings(() -> Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1), noValidation))).isEmpty();
        assertThat(warnings(() -> Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withEarlyStopping(1, 0),
                data(train, List.of(new Sequence(ramp(5, 1), 0), new Sequence(ramp(5, -1), 1)))))).isEmpty();
    }
}
