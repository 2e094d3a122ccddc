package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.concat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Conv1d;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.train.ClassWeights;
import org.rnnlab.evaluation.train.TrainRequest;
import org.rnnlab.training.LearningRateSchedule;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * The model-zoo options of {@code train} and {@code compare} (--conv, --weight-decay, --class-weights,
 * --lr-schedule) reach the model, its config.json and its model file, and bad values are usage errors naming the
 * option, the file and the line.
 */
class ModelZooOptionsTest {

    private static final String[] ORDER = {"--dataset", "temporal-order", "--set", "trainSize=60", "--set", "validationSize=20",
        "--set", "testSize=20", "--set", "minDistance=5", "--set", "maxDistance=9"};

    @Test
    void convolutionsWeightDecayAndBalancedWeightsAreTrainedSavedAndPredictLikeTheApi(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Run train = run(concat(concat(new String[] {"train"}, ORDER), "--cell", "gru", "--hidden", "5", "--epochs", "2",
                "--conv", "3x4/2,2x3", "--weight-decay", "1e-4", "--class-weights", "balanced", "--lr-schedule", "cosine",
                "--head", "mean", "--quiet", "--out", runDir.toString()));
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).contains("train: class weights ").doesNotContain("does not change the learning rate");
        // a schedule that cannot act within the epochs is said, not silently constant (a user's step:10:0.5 over 1 epoch)
        Run step = run(concat(concat(new String[] {"train"}, ORDER), "--hidden", "3", "--epochs", "1", "--lr-schedule", "step:10:0.5",
                "--quiet", "--out", dir.resolve("step").toString()));
        assertThat(step.code()).as(step.err()).isZero();
        assertThat(step.err()).contains("train: warning: --lr-schedule step:10:0.5 does not change the learning rate within 1 epoch "
                + "(its first step comes after epoch 10)");
        SequenceClassifier classifier = ModelBundle.load(runDir.resolve("model.rnnlab"));
        assertThat(classifier.card().spec().convolutions()).containsExactly(new Conv1d(3, 4, 2), new Conv1d(2, 3, 1));
        assertThat(classifier.card().spec().weightDecay()).isEqualTo(1e-4);
        TrainRequest request = Json.readFile(runDir.resolve("config.json"), TrainRequest.class);
        SequenceDataset data = Datasets.open("temporal-order", request.datasetOptions());
        assertThat(request.spec().classWeights()).isEqualTo(ClassWeights.balanced(data)).hasSize(data.labelNames().size());
        assertThat(request.training().schedule()).isEqualTo(LearningRateSchedule.parse("cosine"));
        assertThat(Files.readString(runDir.resolve("config.json"))).contains("\"kernel\" : 3", "\"weightDecay\" : 1.0E-4");

        List<Sequence> tests = data.split(Split.TEST).examples().subList(0, 3);
        TrainEvaluatePredictTest.predictsLikeTheApi(dir, runDir.resolve("model.rnnlab"), classifier, tests);
    }

    @Test
    void aClassWeightsFileNamesEveryClassAndCompareUsesIt(@TempDir Path dir) throws Exception {
        List<String> labels = Datasets.open("temporal-order", DatasetOptions.defaults()).labelNames();
        StringBuilder file = new StringBuilder("label,weight\n# the first class counts double\n");
        for (int i = 0; i < labels.size(); i++) {
            file.append(labels.get(i)).append(',').append(i == 0 ? 2 : 1).append('\n');
        }
        Path weights = Files.writeString(dir.resolve("weights.csv"), file);
        Path out = dir.resolve("cmp");
        Run compare = run(concat(concat(new String[] {"compare"}, ORDER), "--cells", "gru", "--seeds", "1", "--hidden", "4",
                "--epochs", "1", "--probe", "0", "--class-weights", weights.toString(), "--quiet", "--out", out.toString()));
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(Files.readString(out.resolve("config.json")).replaceAll("\\s", "")).contains("\"classWeights\":[2.0,1.0");
        // a user's report of a weighted comparison did not say so: its settings line left the weights out
        assertThat(Files.readString(out.resolve("index.html"))).containsPattern("<p>Every configuration: [^<]*, class weights "
                + java.util.regex.Pattern.quote(labels.get(0) + "=2.00, " + labels.get(1) + "=1.00"));

        Path missing = Files.writeString(dir.resolve("missing.csv"), labels.get(0) + ",1\n");
        Run r = run(concat(concat(new String[] {"train"}, ORDER), "--class-weights", missing.toString(), "--out",
                dir.resolve("never").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--class-weights: " + missing + ": no weight for class(es) '" + labels.get(1) + "'");
        Path bad = Files.writeString(dir.resolve("bad.csv"), labels.get(0) + ",1\n" + labels.get(1) + ",heavy\n");
        r = run(concat(concat(new String[] {"train"}, ORDER), "--class-weights", bad.toString(), "--out", dir.resolve("never").toString()));
        assertThat(r.err()).contains(bad + " line 2: the weight of '" + labels.get(1) + "' is not a number: 'heavy'");
        Path json = Files.writeString(dir.resolve("w.json"), "{\"" + labels.get(0) + "\": 1, \"nope\": 2}");
        r = run(concat(concat(new String[] {"train"}, ORDER), "--class-weights", json.toString(), "--out", dir.resolve("never").toString()));
        assertThat(r.err()).contains("w.json: no weight for class(es) '" + labels.get(1) + "'");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void badZooOptionsAreUsageErrorsNamingTheOption(@TempDir Path dir) {
        Path out = dir.resolve("never");
        Run conv = run("train", "--conv", "5x", "--out", out.toString());
        assertThat(conv.code()).isEqualTo(2);
        assertThat(conv.err()).contains("--conv", "KERNELxCHANNELS or KERNELxCHANNELS/STRIDE", "'5x'");
        Run stride = run("train", "--conv", "3x8/4", "--out", out.toString());
        assertThat(stride.err()).contains("convolution stride must be in [1, kernel=3], got 4");
        Run decay = run("train", "--weight-decay", "1", "--out", out.toString());
        assertThat(decay.code()).isEqualTo(2);
        assertThat(decay.err()).contains("--weight-decay must be a finite number >= 0 and < 1, got 1.0");
        Run residual = run("train", "--residual", "--out", out.toString());
        assertThat(residual.code()).isEqualTo(2);
        assertThat(residual.err()).contains("--residual needs --layers 2 or more");
        Run twice = run("train", "--cell", "bilstm", "--bidirectional", "--out", out.toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("--bidirectional and --cell bilstm say the same: give one");
        Run schedule = run("compare", "--lr-schedule", "wavy", "--out", out.toString());
        assertThat(schedule.code()).isEqualTo(2);
        assertThat(schedule.err()).contains("--lr-schedule", "unknown learning-rate schedule 'wavy'");
        assertThat(out).doesNotExist();
    }
}
