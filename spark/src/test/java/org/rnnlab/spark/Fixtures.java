package org.rnnlab.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.ClipSetting;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.training.TrainingConfig;

/** A small comparison every test of this module runs: the agreement task, rnn and lstm, 2 seeds, few epochs. */
final class Fixtures {

    private Fixtures() {
    }

    /** 160 / 40 / 80 agreement examples of distance up to 4. */
    static DatasetOptions options() {
        return new DatasetOptions(null, null, null, 42, 0, null,
                Map.of("trainSize", "160", "validationSize", "40", "testSize", "80", "maxDistance", "4"), null);
    }

    static SequenceDataset open() {
        return Datasets.open("agreement", options());
    }

    /** rnn and lstm (hidden 8), 2 seeds each: 4 runs of {@code epochs} epochs, with the gradient probe. */
    static ComparisonConfig config(int epochs) {
        return new ComparisonConfig(Architecture.parseList("rnn,lstm"), ClipSetting.parseList("none"),
                ModelSpec.of(Architecture.parse("rnn")).withHiddenSizes(List.of(8)),
                TrainingConfig.defaults().withEpochs(epochs).withBatchSize(32).withEarlyStopping(0, 0.0), 2, 1, 16);
    }

    static DataSource source(ComparisonConfig config, SequenceDataset data) {
        return new DataSource("agreement", options(), config.crossValidation(), data.provenance().checksum());
    }

    /** What a run computed, without its timings and memory: equal for equal seeds and data whatever ran it. */
    record Computed(String key, Map<?, ?> metrics, String perClass, String confusion, String buckets, long examples, int bestEpoch,
                    long parameters, List<String> history, List<Double> gradientNorms) {
    }

    static Computed computed(RunResult r) {
        return new Computed(r.key(), r.test().metrics(), Json.writeCompact(r.test().perClass()), Arrays.deepToString(r.test().confusion()),
                Json.writeCompact(r.test().buckets()), r.test().examples(), r.bestEpoch(), r.parameters(),
                r.history().stream().map(e -> e.epoch() + " loss " + e.trainLoss() + " validation " + e.validationAccuracy()).toList(),
                r.gradientNorms());
    }

    static List<Computed> computed(List<RunResult> runs) {
        return runs.stream().map(Fixtures::computed).toList();
    }
}
