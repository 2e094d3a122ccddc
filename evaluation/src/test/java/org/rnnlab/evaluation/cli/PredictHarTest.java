package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.har.UciHar;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/** {@code train --dataset har} and {@code predict --format har} end to end on a small folder in the official layout. */
class PredictHarTest {
    static final String[] SIGNALS = {"body_acc_x", "body_acc_y", "body_acc_z", "body_gyro_x", "body_gyro_y", "body_gyro_z",
        "total_acc_x", "total_acc_y", "total_acc_z"};

    /** Writes a UCI HAR folder with {@code perClass} windows of each of the 6 activities per split. */
    static Path harFolder(Path root, int perClass) throws Exception {
        Path folder = root.resolve("UCI HAR Dataset");
        Random random = new Random(3);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("activity_labels.txt"),
                "1 WALKING\n2 WALKING_UPSTAIRS\n3 WALKING_DOWNSTAIRS\n4 SITTING\n5 STANDING\n6 LAYING\n");
        for (String split : List.of("train", "test")) {
            Path signals = Files.createDirectories(folder.resolve(split).resolve("Inertial Signals"));
            StringBuilder y = new StringBuilder();
            StringBuilder subjects = new StringBuilder();
            StringBuilder[] lines = new StringBuilder[SIGNALS.length];
            for (int s = 0; s < SIGNALS.length; s++) {
                lines[s] = new StringBuilder();
            }
            int window = 0;
            for (int label = 1; label <= 6; label++) {
                for (int k = 0; k < perClass; k++, window++) {
                    y.append(label).append('\n');
                    subjects.append(split.equals("train") ? 1 + window % 5 : 9).append('\n');
                    for (int s = 0; s < SIGNALS.length; s++) {
                        for (int t = 0; t < 128; t++) {
                            double v = 0.1 * label * Math.sin(t * label / 10.0 + s) + 0.05 * random.nextGaussian();
                            lines[s].append(String.format(Locale.ROOT, " %.7e", v));
                        }
                        lines[s].append('\n');
                    }
                }
            }
            Files.writeString(folder.resolve(split).resolve("y_" + split + ".txt"), y);
            Files.writeString(folder.resolve(split).resolve("subject_" + split + ".txt"), subjects);
            for (int s = 0; s < SIGNALS.length; s++) {
                Files.writeString(signals.resolve(SIGNALS[s] + "_" + split + ".txt"), lines[s]);
            }
        }
        return folder;
    }

    @Test
    void trainsOnAHarFolderAndPredictsItsTestWindows(@TempDir Path dir) throws Exception {
        Path folder = harFolder(dir, 4);
        Path run = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = TrainEvaluatePredictTest.run("train", "--dataset", "har", "--data", folder.toString(),
                "--cell", "gru", "--hidden", "4", "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        TrainEvaluatePredictTest.Run predict = TrainEvaluatePredictTest.run("predict", "--model", run.resolve("model.rnnlab").toString(),
                "--input", folder.toString(), "--format", "har");
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,label,p_WALKING,p_WALKING_UPSTAIRS,p_WALKING_DOWNSTAIRS,p_SITTING,p_STANDING,p_LAYING,length_untested,far_from_training,far_reasons,constant_features,low_confidence");
        // id i is the window on line i + 1 of the test files (a user's ids were positions in the loader's seeded shuffle, which
        // joined to y_test.txt gave chance accuracy): the folder lists 4 windows of activity 1, then 4 of activity 2, ...
        List<Sequence> windows = UciHar.load(folder).split(Split.TEST).examples();
        assertThat(lines).hasSize(1 + windows.size());
        SequenceClassifier model = ModelBundle.load(run.resolve("model.rnnlab"));
        List<float[][]> inFileOrder = UciHar.testWindows(folder);
        for (Sequence w : windows) {
            int line = -1;
            for (int i = 0; i < inFileOrder.size(); i++) {
                if (java.util.Arrays.deepEquals(inFileOrder.get(i), w.values())) {
                    line = i;
                }
            }
            assertThat(line / 4).as("window of activity %d", w.label() + 1).isEqualTo(w.label());
            SequenceClassifier.Prediction p = model.predict(w.values());
            StringBuilder row = new StringBuilder(line + "," + p.label());
            for (double q : p.probabilities()) {
                row.append(',').append(String.format(Locale.ROOT, "%.6f", q));
            }
            row.append(','); // length_untested: the windows are all of the training windows' length
            row.append(',').append(String.join(";", org.rnnlab.training.FarFromTraining.ofSequence(w.values(), model.normalizer().getMean().toFloatVector(),
                    model.normalizer().getStd().toFloatVector(), model.card().trainingRange()).stream().map(model.card().input().featureNames()::get).toList()));
            row.append(',').append(String.join(";", p.farReasons().stream().map(r -> r.feature() + ":" + r.kind()).toList())); // far_reasons
            row.append(',').append(String.join(";", p.constantFeatures())); // the Java API's, as predict's constant_features
            row.append(',').append(p.lowConfidence()); // the Java API's mark, as predict's low_confidence column
            assertThat(lines.get(line + 1)).isEqualTo(row.toString());
        }
        // new windows without labels, subjects or a train/ part: the test signals alone
        Path unlabelled = Files.createDirectories(dir.resolve("new").resolve("test").resolve("Inertial Signals"));
        try (var files = Files.list(folder.resolve("test").resolve("Inertial Signals"))) {
            for (Path f : files.toList()) {
                Files.copy(f, unlabelled.resolve(f.getFileName()));
            }
        }
        TrainEvaluatePredictTest.Run signalsOnly = TrainEvaluatePredictTest.run("predict", "--model",
                run.resolve("model.rnnlab").toString(), "--input", dir.resolve("new").toString(), "--format", "har");
        assertThat(signalsOnly.code()).as(signalsOnly.err()).isZero();
        assertThat(signalsOnly.out()).isEqualTo(predict.out());
        // a user's try: without --format the HAR folder was read as a folder of CSV files ("no .csv files in the folder")
        TrainEvaluatePredictTest.Run auto = TrainEvaluatePredictTest.run("predict", "--model", run.resolve("model.rnnlab").toString(),
                "--input", folder.toString());
        assertThat(auto.code()).as(auto.err()).isZero();
        assertThat(auto.out()).isEqualTo(predict.out());
        // and evaluate --input names the way that scores it, instead of "no labels.csv in the folder"
        TrainEvaluatePredictTest.Run evaluate = TrainEvaluatePredictTest.run("evaluate", "--model", run.resolve("model.rnnlab").toString(),
                "--input", folder.toString());
        assertThat(evaluate.code()).isEqualTo(2);
        assertThat(evaluate.err()).contains("is a UCI HAR folder: score a model on it with --dataset har --data");
        // the test split of HAR is its test/ part whatever the validation fraction (the har recipe's 0 warned every user)
        TrainEvaluatePredictTest.Run split = TrainEvaluatePredictTest.run("evaluate", "--model", run.resolve("model.rnnlab").toString(),
                "--dataset", "har", "--data", folder.toString(), "--set", "validationFraction=0");
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.err()).doesNotContain("differ from the data");
        TrainEvaluatePredictTest.Run validation = TrainEvaluatePredictTest.run("evaluate", "--model",
                run.resolve("model.rnnlab").toString(), "--dataset", "har", "--data", folder.toString(), "--set", "validationFraction=0.5",
                "--split", "validation");
        assertThat(validation.err()).contains("differ from the data"); // another validation split: still said
        // cross-validation stratified by class puts one volunteer's overlapping windows on both sides of a fold: warned of
        TrainEvaluatePredictTest.Run cv = TrainEvaluatePredictTest.run("compare", "--dataset", "har", "--data", folder.toString(),
                "--cells", "rnn", "--seeds", "1", "--epochs", "1", "--hidden", "4", "--probe", "0", "--cv", "2", "--quiet", "--out",
                dir.resolve("cv").toString());
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cv.err()).contains("warning: --cv folds are stratified by class, and the examples of har carry a subject")
                .contains("--group-column subject keeps each in one fold");
    }
}
