package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * Labels from the folders ({@code --set labelFrom=folder}, groups {@code --set groupFrom=folder:1}) from the command line, as
 * a data-glove trial's {@code signerNN/L/repNN.csv} tree wanted it: recorded in config.json so that {@code train --config}
 * and {@code evaluate --split} replay it, and stored with the model so that predict and evaluate read a tree of new
 * recordings the same way.
 */
class FolderLabelsCliTest {

    @TempDir
    Path dir;

    /** root/gG/L/rR.csv: 2 groups x labels a, b, c x 3 files of 6 steps, column x at the label's level. */
    static Path tree(Path root, long seed) throws Exception {
        Random random = new Random(seed);
        String[] labels = {"a", "b", "c"};
        for (int g = 1; g <= 2; g++) {
            for (int l = 0; l < labels.length; l++) {
                Path folder = Files.createDirectories(root.resolve("g" + g).resolve(labels[l]));
                for (int r = 1; r <= 3; r++) {
                    StringBuilder b = new StringBuilder("x,y\n");
                    for (int t = 0; t < 6; t++) {
                        b.append(String.format(Locale.ROOT, "%.3f,%.3f%n", l + 0.2 * random.nextGaussian(), random.nextGaussian()));
                    }
                    Files.writeString(folder.resolve("r" + r + ".csv"), b.toString());
                }
            }
        }
        return root;
    }

    @Test
    void aTreeTrainsReplaysAndIsPredictedAndEvaluatedByItsFolders() throws Exception {
        Path data = tree(dir.resolve("data"), 1);
        Path out = dir.resolve("run");
        Run train = run("train", "--dataset", "csv", "--data", data.toString(), "--set", "labelFrom=folder", "--set",
                "groupFrom=folder:1", "--set", "validationFraction=0", "--set", "testFraction=0.5", "--cell", "rnn", "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"labelFrom\" : \"folder\"", "\"groupFrom\" : \"folder:1\"");
        String splits = Files.readString(out.resolve("splits.csv"));
        assertThat(splits).contains("g1/a/r1.csv", "g2/c/r3.csv");
        // the test split takes a whole signer (group)
        assertThat(splits.lines().filter(l -> l.contains(",test,")).map(l -> l.substring(0, 2)).distinct()).hasSize(1);

        Run again = run("train", "--config", out.resolve("config.json").toString(), "--quiet", "--out", dir.resolve("run2").toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readString(dir.resolve("run2/splits.csv"))).isEqualTo(splits);

        Path model = out.resolve("model.rnnlab");
        Run split = run("evaluate", "--model", model.toString(), "--dataset", "csv", "--data", data.toString(), "--split", "test");
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.out()).contains("on 9 examples")
                // one group, from a folder level: no "1 groups of the column group" (trial 68e)
                .contains("the 9 sequences come from 1 group (from folder level 1), and sequences of one group are not independent");

        Path batch = tree(dir.resolve("batch"), 2);
        Run predict = run("predict", "--model", model.toString(), "--input", batch.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out().lines()).hasSize(19).anyMatch(l -> l.startsWith("g2/b/r2.csv,"));
        Run evaluate = run("evaluate", "--model", model.toString(), "--input", batch.toString(), "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(org.rnnlab.core.Json.mapper().readTree(evaluate.out()).get("examples").asInt()).isEqualTo(18);

        // a labels file in such a tree is refused, as in training
        Files.writeString(batch.resolve("labels.csv"), "file,label\ng1/a/r1.csv,a\n");
        Run refused = run("evaluate", "--model", model.toString(), "--input", batch.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("labelFrom=folder", "labels.csv");

        Run compare = run("compare", "--dataset", "csv", "--data", data.toString(), "--set", "labelFrom=folder", "--group-column",
                "signer", "--cv", "2", "--cells", "rnn", "--out", dir.resolve("cmp").toString());
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err()).contains("--set groupFrom=folder:N");
    }
}
