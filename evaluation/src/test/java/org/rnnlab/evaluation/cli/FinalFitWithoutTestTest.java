package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code train --set testFraction=0}: a final model fitted on all the labelled data, without a test split (a Kaggle-style
 * user's trial: after choosing a model on a held-out split there was no way to refit on everything for the submission,
 * as testFraction=0 was refused with "no test examples"). Compare, which scores its runs on the test split, still refuses it.
 */
class FinalFitWithoutTestTest {

    private static final String[] CSV = {"--set", "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class"};

    @Test
    void trainFitsOnAllTheLabelledDataAndSaysThereAreNoTestScores(@TempDir Path dir) throws Exception {
        ExampleArchive.write(dir, 12, 4, 3);
        Path train = dir.resolve("TRAIN.csv");
        long sequences = Files.readAllLines(train).stream().skip(1).map(l -> l.split(",")[0]).distinct().count();
        Path out = dir.resolve("run");
        Run r = run(concat(new String[] {"train", "--dataset", "csv", "--train", train.toString()}, CSV,
                new String[] {"--set", "testFraction=0", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()}));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("train: note: no test split (testFraction=0)")
                .contains("rnnlab evaluate --model " + out.resolve("model.rnnlab") + " --input FILE");
        assertThat(r.out()).contains("no test split (testFraction=0)").doesNotContain("test accuracy");

        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("test").isNull()).as(results.toString()).isTrue();
        assertThat(results.get("validation").get("examples").asInt()).isPositive();
        // every labelled sequence is in training or validation
        assertThat(r.err()).containsPattern("\\((\\d+) train / (\\d+) validation / 0 test sequences\\)");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) train / (\\d+) validation / 0 test").matcher(r.err());
        assertThat(m.find()).isTrue();
        assertThat(Long.parseLong(m.group(1)) + Long.parseLong(m.group(2))).isEqualTo(sequences);

        // the model is usable as any other: evaluate on a labelled file scores it; the held-out split says why it is empty
        Run scored = run("evaluate", "--model", out.resolve("model.rnnlab").toString(), "--input", dir.resolve("TEST.csv").toString());
        assertThat(scored.code()).as(scored.err()).isZero();
        assertThat(scored.out()).contains("accuracy");
        Run heldOut = run(concat(new String[] {"evaluate", "--model", out.resolve("model.rnnlab").toString(), "--dataset", "csv",
                "--train", train.toString()}, new String[] {"--set", "testFraction=0"}));
        assertThat(heldOut.code()).isEqualTo(2);
        assertThat(heldOut.err()).contains("test split of csv is empty").contains("--input FILE");
    }

    @Test
    void aComparisonsRunIsFittedOnAllTheLabelledDataWithItsConfig(@TempDir Path dir) throws Exception {
        ExampleArchive.write(dir, 12, 4, 3);
        Path cmp = dir.resolve("cmp");
        Run compared = run(concat(new String[] {"compare", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString()}, CSV,
                new String[] {"--cells", "lstm,gru", "--seeds", "1", "--hidden", "4", "--epochs", "1", "--out", cmp.toString()}));
        assertThat(compared.code()).as(compared.err()).isZero();
        assertThat(compared.out()).contains("adding --set testFraction=0 fits it without a test split instead");
        Path out = dir.resolve("final");
        Run r = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "gru", "--set", "testFraction=0",
                "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("train: a final fit (--set testFraction=0)").containsPattern("/ 0 test sequences\\)");
        assertThat(Json.mapper().readTree(out.resolve("results.json").toFile()).get("test").isNull()).isTrue();
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.get("datasetOptions").get("settings").get("testFraction").asText()).isEqualTo("0");
        assertThat(config.get("spec").get("cell").asText()).isEqualTo("GRU");

        // with validationFraction=0 too: every labelled sequence trains, and no repeat warning of "other data"
        Path all = dir.resolve("all");
        Run every = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "gru", "--set", "testFraction=0",
                "--set", "validationFraction=0", "--quiet", "--out", all.toString());
        assertThat(every.code()).as(every.err()).isZero();
        long sequences = Files.readAllLines(dir.resolve("TRAIN.csv")).stream().skip(1).map(l -> l.split(",")[0]).distinct().count();
        assertThat(every.err()).contains("(" + sequences + " train / 0 validation / 0 test sequences)")
                .contains("every labelled sequence trains").doesNotContain("data differ");
        assertThat(all.resolve("repeat-of.json")).doesNotExist();

        // any other setting with --config is still refused, naming the one that is taken
        Run other = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "gru", "--set", "testFraction=0.3",
                "--out", dir.resolve("other").toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("--set testFraction=0, with or without --set validationFraction=0 and --set split=none, "
                + "for a final model");
    }

    @Test
    void aComparisonOfSplitColumnDataIsFittedOnAllItsRowsAsItsBestLineSays(@TempDir Path dir) throws Exception {
        // a trial's best line offered --set testFraction=0 for data with a split column, which train then refused
        StringBuilder csv = new StringBuilder("sequence_id,time,x,label,split\n");
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 40; i++) {
            for (int t = 0; t < 5; t++) {
                csv.append('s').append(i).append(',').append(t).append(',').append((float) (random.nextGaussian() + (i % 2 == 0 ? 1 : -1)))
                        .append(',').append(i % 2 == 0 ? "a" : "b").append(',')
                        .append(i % 5 == 0 ? "test" : i % 5 == 1 ? "validation" : "train").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("split.csv"), csv);
        Path cmp = dir.resolve("cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", data.toString(), "--cells", "rnn", "--seeds", "1", "--hidden",
                "3", "--epochs", "1", "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        assertThat(compared.out()).contains("adding --set split=none --set testFraction=0 fits it without a test split instead");
        Run refused = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "rnn", "--set", "testFraction=0",
                "--quiet", "--out", dir.resolve("refused").toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("--set split=none");
        Path all = dir.resolve("all");
        Run every = run("train", "--config", cmp.resolve("config.json").toString(), "--cell", "rnn", "--set", "split=none", "--set",
                "testFraction=0", "--set", "validationFraction=0", "--quiet", "--out", all.toString());
        assertThat(every.code()).as(every.err()).isZero();
        assertThat(every.err()).contains("(40 train / 0 validation / 0 test sequences)");

        // a split column of another name, chosen with --set split=part: the same (a review: it was then read as a feature)
        Path part = Files.writeString(dir.resolve("part.csv"), csv.toString().replace(",split\n", ",part\n"));
        Path cmpPart = dir.resolve("cmp-part");
        Run comparedPart = run("compare", "--dataset", "csv", "--train", part.toString(), "--set", "split=part", "--cells", "rnn",
                "--seeds", "1", "--hidden", "3", "--epochs", "1", "--out", cmpPart.toString());
        assertThat(comparedPart.code()).as(comparedPart.err()).isZero();
        Run pooled = run("train", "--config", cmpPart.resolve("config.json").toString(), "--cell", "rnn", "--set", "split=none",
                "--set", "testFraction=0", "--quiet", "--out", dir.resolve("all-part").toString());
        assertThat(pooled.code()).as(pooled.err()).isZero();
        // the final model reads new data with the column, as a model reads a split column's
        Path fresh = Files.writeString(dir.resolve("fresh.csv"), "sequence_id,time,x,part\nn,0,1,test\nn,1,2,test\n");
        Run predicted = run("predict", "--model", dir.resolve("all-part").resolve("model.rnnlab").toString(), "--input", fresh.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
    }

    @Test
    void compareStillNeedsATestSplit(@TempDir Path dir) throws Exception {
        ExampleArchive.write(dir, 12, 4, 3);
        Run r = run(concat(new String[] {"compare", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString()}, CSV,
                new String[] {"--set", "testFraction=0", "--cells", "lstm", "--hidden", "4", "--epochs", "1", "--out",
                        dir.resolve("cmp").toString()}));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has no test examples").contains("train takes --set testFraction=0");
        assertThat(dir.resolve("cmp")).doesNotExist();
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
