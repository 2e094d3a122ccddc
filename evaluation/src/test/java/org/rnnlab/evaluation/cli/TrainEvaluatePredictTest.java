package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.core.layers.AttentionPooling;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.synthetic.Agreement;
import org.rnnlab.evaluation.train.TrainRequest;
import org.rnnlab.evaluation.train.TrainRun;
import org.rnnlab.training.Checkpoint;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingInterruptedException;
import picocli.CommandLine;

class TrainEvaluatePredictTest {
    static final String[] AGREEMENT = {"--dataset", "agreement", "--set", "trainSize=200", "--set", "validationSize=50",
        "--set", "testSize=60", "--set", "maxDistance=6"};

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    @Test
    void theDataWarningsAreKeptInTheRunFolder(@TempDir Path dir) throws Exception {
        // a user's try: train said them on the terminal only (compare keeps them), so the run's record lost them
        org.rnnlab.datasets.synthetic.ExampleArchive.write(dir.resolve("d"), 20, 4, 3);
        Path train = dir.resolve("d/TRAIN.csv");
        Path copy = java.nio.file.Files.copy(train, dir.resolve("copy.csv"));
        Path runDir = dir.resolve("run");
        Run r = run("train", "--dataset", "csv", "--train", train.toString(), "--test", copy.toString(), "--set",
                "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class", "--hidden", "3", "--epochs", "1",
                "--quiet", "--out", runDir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(runDir.resolve("data-warnings.txt"))).contains("test sequence(s) are also in the training data with the same values");
    }

    @Test
    void aClassMissingFromTheTestFileIsKeptInDataWarnings(@TempDir Path dir) throws Exception {
        // train said "no test sequence of class(es)" on the terminal only, while compare kept it in data-warnings.txt
        List<String> trainLines = new ArrayList<>(List.of("sequence_id,x,label"));
        List<String> testLines = new ArrayList<>(List.of("sequence_id,x,label"));
        for (int i = 0; i < 30; i++) {
            String label = i % 3 == 0 ? "walk" : i % 3 == 1 ? "sit" : "fall";
            for (int t = 0; t < 3; t++) {
                trainLines.add("s" + i + "," + (i % 3 + t) + "," + label);
                if (!label.equals("fall")) {
                    testLines.add("t" + i + "," + (i % 3 + t + 0.5) + "," + label);
                }
            }
        }
        Path train = Files.write(dir.resolve("train.csv"), trainLines);
        Path test = Files.write(dir.resolve("test_one.csv"), testLines);
        Path runDir = dir.resolve("run");
        Run r = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--hidden", "3",
                "--epochs", "1", "--quiet", "--out", runDir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("train: warning: no test sequence of class(es) 'fall' (");
        assertThat(Files.readAllLines(runDir.resolve("data-warnings.txt")))
                .anySatisfy(l -> assertThat(l).startsWith("no test sequence of class(es) 'fall' (").doesNotContain("'walk'"));
    }

    @Test
    void testScoresOfTextsWhoseCopiesACarveSplitAreCalledOptimistic(@TempDir Path dir) throws Exception {
        // a trial's reviews, each written twice: the carve put 31 of 180 test texts' copies in training, called "unbiased"
        String[] words = {"bueno", "malo", "precio", "envío", "calidad", "tienda", "pantalla", "caja"};
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            String text = words[i % 8] + " " + words[i / 8 % 8] + " " + words[(i * 3 + 1) % 8] + " r" + (i % 40);
            tsv.append(i % 2 == 0 ? "positivo" : "negativo").append('\t').append(text).append('\n').append(i % 2 == 0 ? "positivo"
                    : "negativo").append('\t').append(text).append('\n');
        }
        Path data = Files.writeString(dir.resolve("reviews.tsv"), tsv);
        Path runDir = dir.resolve("run");
        Run train = run("train", "--dataset", "text", "--train", data.toString(), "--hidden", "4", "--epochs", "1", "--quiet",
                "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains(" texts (optimistic: the data warnings say the test data hold training data)");
        assertThat(Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("testHoldsTrainingData").asBoolean()).isTrue();
        assertThat(Files.readString(runDir.resolve("data-warnings.txt"))).contains("test texts carved from it also occur in the "
                + "training split carved from it");
    }

    @Test
    void testScoresOfOverlappingWindowsSplitAtRandomAreCalledOptimistic(@TempDir Path dir) throws Exception {
        // windows of 30 steps every 5 steps of one random walk: a random carve puts the same steps in training and test
        java.util.Random random = new java.util.Random(3);
        double[] walk = new double[700];
        for (int t = 1; t < walk.length; t++) {
            walk[t] = walk[t - 1] + random.nextGaussian();
        }
        StringBuilder csv = new StringBuilder("sequence_id,time,x,label\n");
        for (int start = 0; start + 30 <= walk.length; start += 5) {
            String label = walk[start + 29] > walk[start] ? "up" : "down";
            for (int t = 0; t < 30; t++) {
                csv.append('w').append(start).append(',').append(start + t).append(',').append((float) walk[start + t]).append(',')
                        .append(label).append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("windows.csv"), csv);
        Path runDir = dir.resolve("run");
        Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--cell", "rnn", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains(" sequences (optimistic: the data warnings say the test data hold training data)");
        assertThat(Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("testHoldsTrainingData").asBoolean()).isTrue();
        assertThat(Files.readString(runDir.resolve("data-warnings.txt"))).contains("test sequences share stretches of 3 or more "
                + "consecutive time steps");
    }

    @Test
    void overlappingWindowsScaledEachByItsOwnStatisticsAreStillCalledOptimistic(@TempDir Path dir) throws Exception {
        // a trial: --set sequenceScaling=standardize (which rnnlab's group warning recommends) or center hid windows sharing 45
        // of 60 bars from the overlap check, which compared the scaled values: no warning, testHoldsTrainingData false
        java.util.Random random = new java.util.Random(65);
        double[] walk = new double[700];
        walk[0] = 5000;
        for (int t = 1; t < walk.length; t++) {
            walk[t] = walk[t - 1] + 10 * random.nextGaussian();
        }
        StringBuilder csv = new StringBuilder("sequence_id,time,price,label\n");
        for (int start = 0; start + 60 <= walk.length; start += 15) {
            String label = walk[Math.min(walk.length - 1, start + 75)] > walk[start + 59] ? "up" : "down";
            for (int t = 0; t < 60; t++) {
                csv.append('w').append(start).append(',').append(start + t).append(',').append((float) walk[start + t]).append(',')
                        .append(label).append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("windows.csv"), csv);
        for (String scaling : List.of("standardize", "center")) {
            Path runDir = dir.resolve("run-" + scaling);
            Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceScaling=" + scaling, "--cell",
                    "gru", "--hidden", "8", "--epochs", "1", "--threads", "1", "--quiet", "--out", runDir.toString());
            assertThat(train.code()).as(train.err()).isZero();
            assertThat(train.out()).as(scaling).contains(" sequences (optimistic: the data warnings say the test data hold training data)");
            assertThat(Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("testHoldsTrainingData").asBoolean())
                    .as(scaling).isTrue();
            assertThat(Files.readString(runDir.resolve("data-warnings.txt"))).as(scaling).contains("test sequences share stretches of "
                    + "3 or more consecutive time steps");
        }
    }

    @Test
    void aFeatureThatGivesTheLabelIsNamedOnTheResultLineAndInResults(@TempDir Path dir) throws Exception {
        // a trial: the next hour's sign as a feature, warned of at load time, and the result line read "test accuracy 0.9898"
        // with nothing beside it, results.json neither
        java.util.Random random = new java.util.Random(8);
        StringBuilder csv = new StringBuilder("sequence_id,time,ret,fwd_up,label\n");
        StringBuilder clean = new StringBuilder("sequence_id,time,ret,label\n");
        for (int i = 0; i < 120; i++) {
            boolean up = random.nextBoolean();
            for (int t = 0; t < 12; t++) {
                String ret = String.format(java.util.Locale.ROOT, "%.4f", random.nextGaussian() + (up ? 0.3 : -0.3));
                csv.append('s').append(i).append(',').append(t).append(',').append(ret).append(',').append(up ? 1 : 0).append(',')
                        .append(up ? "up" : "down").append('\n');
                clean.append('s').append(i).append(',').append(t).append(',').append(ret).append(',').append(up ? "up" : "down")
                        .append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("leak.csv"), csv);
        Path runDir = dir.resolve("run");
        Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "features=ret,fwd_up", "--cell", "gru",
                "--hidden", "8", "--epochs", "1", "--threads", "1", "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains(" sequences (optimistic: a data warning says feature 'fwd_up' gives the label)");
        com.fasterxml.jackson.databind.JsonNode results = Json.mapper().readTree(runDir.resolve("results.json").toFile());
        // bare names, so that a script's "fwd_up" in labelLeak holds (a review: the quotes were stored with them)
        assertThat(results.get("labelLeak").toString()).isEqualTo("[\"fwd_up\"]");
        assertThat(results.get("testHoldsTrainingData").asBoolean()).isFalse();
        // the same data without the feature: nothing said
        Path cleanRun = dir.resolve("clean");
        Run plain = run("train", "--dataset", "csv", "--train", Files.writeString(dir.resolve("clean.csv"), clean).toString(),
                "--cell", "gru", "--hidden", "8", "--epochs", "1", "--threads", "1", "--quiet", "--out", cleanRun.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).doesNotContain("optimistic");
        assertThat(Json.mapper().readTree(cleanRun.resolve("results.json").toFile()).get("labelLeak").size()).isZero();
    }

    @Test
    void aCodeForAMissingValueInAFewCellsOfNewDataIsNamed(@TempDir Path dir) throws Exception {
        // a trial's plant B exported dropouts as -999 in 0.5% of its cells, for a model trained on empty cells: predict, evaluate
        // and serve read it as a number without a word (2% of a feature's values far out was the rule), and one -999 at the
        // 76th of 77 steps flipped a cycle's class
        java.util.Random random = new java.util.Random(4);
        StringBuilder csv = new StringBuilder("sequence_id,time,vib,temp,label\n");
        StringBuilder fresh = new StringBuilder("sequence_id,time,vib,temp\n");
        for (int i = 0; i < 40; i++) {
            for (int t = 0; t < 10; t++) {
                String vib = String.format(java.util.Locale.ROOT, "%.3f", 1.4 + 0.2 * random.nextGaussian());
                String temp = String.format(java.util.Locale.ROOT, "%.2f", 46 + 3 * random.nextGaussian() + (i % 2 == 0 ? t : -t));
                csv.append('s').append(i).append(',').append(t).append(',').append(vib).append(',').append(temp).append(',')
                        .append(i % 2 == 0 ? "rise" : "fall").append('\n');
                fresh.append('n').append(i).append(',').append(t).append(',').append(i == 7 && t == 8 ? "-999" : vib).append(',')
                        .append(temp).append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("plantA.csv"), csv);
        Path newData = Files.writeString(dir.resolve("plantB.csv"), fresh); // one -999 in 400 values of vib: 0.25%
        Path runDir = dir.resolve("run");
        Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--missing", "interpolate", "--cell", "rnn",
                "--hidden", "3", "--epochs", "1", "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Run predict = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", newData.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.err()).contains("warning: the new data hold values that look like codes for a missing value, far outside "
                + "the training data, which the model reads as numbers: 'vib' holds -999 in 1 cell(s) of 1 sequence(s) (e.g. 'n7')")
                .contains("df['vib'] = df['vib'].replace(-999, float('nan'))").contains("read it so with --na-values -999")
                .doesNotContain("'temp' holds");
        // the same data without the code: no word
        Path clean = Files.writeString(dir.resolve("clean.csv"), Files.readString(newData).replace(",-999,", ",1.400,"));
        Run quiet = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", clean.toString());
        assertThat(quiet.err()).doesNotContain("codes for a missing value");
        // --na-values -999.0 reads the code as a missing value, as an empty cell is read (the model interpolates): the same
        // predictions as the file with that cell empty, and a note instead of the warning; evaluate takes it too
        Path blank = Files.writeString(dir.resolve("blank.csv"), Files.readString(newData).replace(",-999,", ",,"));
        Run coded = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", newData.toString(), "--na-values",
                "-999.0", "--digits", "17");
        Run empty = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", blank.toString(), "--digits", "17");
        assertThat(coded.code()).as(coded.err()).isZero();
        assertThat(coded.out()).isEqualTo(empty.out()).isNotEqualTo(predict.out());
        assertThat(coded.err()).doesNotContain("codes for a missing value")
                .contains("note: cells written -999.0 read as missing values (--na-values), then handled by --missing interpolate: 1 "
                        + "feature cell(s) held a code\n");
        Run absent = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", clean.toString(), "--na-values",
                "-999");
        assertThat(absent.err()).contains("0 feature cell(s) held a code (none: is the code written otherwise in this file?)");
        Path labelled = Files.writeString(dir.resolve("labelled.csv"), Files.readString(data).replace("s7,8,", "s7,8,-999").replaceFirst(
                "(s7,8,-999)[0-9.]+", "$1"));
        Run evaluate = run("evaluate", "--model", runDir.resolve("model.rnnlab").toString(), "--input", labelled.toString(),
                "--na-values", "-999");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.err()).contains("note: cells written -999 read as missing values").doesNotContain("codes for a missing value");
        Run onSplit = run("evaluate", "--model", runDir.resolve("model.rnnlab").toString(), "--dataset", "csv", "--train",
                data.toString(), "--na-values", "-999");
        assertThat(onSplit.code()).isEqualTo(2);
        assertThat(onSplit.err()).contains("--na-values applies to a file scored whole (--input FILE)");
        // codes are missing feature values only: --na-values 0 leaves a time of 0 and an id or label of 0 as written (a review:
        // a time starting at 0 was "missing" and 0/1 labels "empty")
        Path zeros = Files.writeString(dir.resolve("zeros.csv"), "sequence_id,time,vib,temp,label\n0,0,1.4,46,rise\n0,1,0,47,rise\n"
                + "0,2,1.5,48,rise\n");
        Run zero = run("evaluate", "--model", runDir.resolve("model.rnnlab").toString(), "--input", zeros.toString(), "--na-values", "0");
        assertThat(zero.code()).as(zero.err()).isZero();
        Run zeroPredict = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", zeros.toString(),
                "--na-values", "0", "--digits", "17");
        Path filled = Files.writeString(dir.resolve("filled.csv"), "sequence_id,time,vib,temp,label\n0,0,1.4,46,rise\n0,1,,47,rise\n"
                + "0,2,1.5,48,rise\n");
        Run blankPredict = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", filled.toString(),
                "--digits", "17");
        assertThat(zeroPredict.code()).as(zeroPredict.err()).isZero();
        assertThat(zeroPredict.out()).startsWith("id,label").contains("\n0,").isEqualTo(blankPredict.out());
    }

    @Test
    void codesForAMissingValueAreStoredWithTheModelAndReadSoByPredict(@TempDir Path dir) throws Exception {
        // a hydrology trial's -9999 rain: --set naValues makes it a missing value in training and, from the model, in predict
        java.util.Random random = new java.util.Random(9);
        StringBuilder csv = new StringBuilder("sequence_id,time,rain,level,label\n");
        for (int i = 0; i < 40; i++) {
            for (int t = 0; t < 5; t++) {
                csv.append('s').append(i).append(',').append(t).append(',').append(i % 7 == 0 && t == 2 ? "-9999"
                        : String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble())).append(',').append(i % 2 == 0 ? t : -t)
                        .append(',').append(i % 2 == 0 ? "rise" : "fall").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("gauges.csv"), csv);
        Path runDir = dir.resolve("run");
        Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "naValues=-9999", "--missing", "interpolate",
                "--cell", "rnn", "--hidden", "3", "--epochs", "1", "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).doesNotContain("standard deviations of the other values");
        Path coded = Files.writeString(dir.resolve("new.csv"), "sequence_id,time,rain,level\nn,0,0.5,0\nn,1,-9999,1\nn,2,0.25,2\n");
        Path blank = Files.writeString(dir.resolve("blank.csv"), "sequence_id,time,rain,level\nn,0,0.5,0\nn,1,,1\nn,2,0.25,2\n");
        Run a = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", coded.toString());
        Run b = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", blank.toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(a.err()).doesNotContain("far outside the training data");
    }

    @Test
    void groupsOfOneNameInTheTrainingAndTestFilesAreNoLeakOfTrainingData(@TempDir Path dir) throws Exception {
        // two trials: pump_01 of plant A and pump_01 of plant C, students in two semesters: "the test data hold training data"
        java.util.Random random = new java.util.Random(9);
        StringBuilder a = new StringBuilder("id,machine,t,v,label\n");
        StringBuilder b = new StringBuilder("id,machine,t,v,label\n");
        for (int s = 0; s < 40; s++) {
            StringBuilder to = s < 30 ? a : b;
            for (int t = 0; t < 4; t++) {
                to.append(s < 30 ? "a" : "c").append(s).append(",pump_0").append(s % 5).append(',').append(t).append(',')
                        .append((float) random.nextGaussian()).append(',').append(s % 2 == 0 ? "ok" : "worn").append('\n');
            }
        }
        Path train = Files.writeString(dir.resolve("a.csv"), a);
        Path test = Files.writeString(dir.resolve("c.csv"), b);
        Path runDir = dir.resolve("run");
        Run r = run("train", "--dataset", "csv", "--train", train.toString(), "--test", test.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--set", "group=machine", "--cell", "rnn", "--hidden", "3", "--epochs", "1", "--quiet", "--out",
                runDir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(" sequences (optimistic for new groups: 5 of the ").contains(" training groups of group column machine "
                + "also have test sequences (a data warning; no test sequence is a training one))").doesNotContain("hold training data");
        com.fasterxml.jackson.databind.JsonNode results = Json.mapper().readTree(runDir.resolve("results.json").toFile());
        assertThat(results.get("testHoldsTrainingData").asBoolean()).isFalse();
        assertThat(results.get("testSharesGroups").asBoolean()).isTrue();
    }

    @Test
    void testScoresOfSpeakersSplitAtRandomByASplitColumnAreCalledOptimistic(@TempDir Path dir) throws Exception {
        // a trial's split_rand.csv: each speaker's utterances split by a split column at random, and a speaker column beside
        // them, which got no word ("column(s) ['speaker'] are not used")
        java.util.Random random = new java.util.Random(5);
        StringBuilder csv = new StringBuilder("utterance_id,speaker,frame,c0,label,split\n");
        for (int u = 0; u < 60; u++) {
            for (int t = 0; t < 4; t++) {
                csv.append('u').append(u).append(",spk").append(u / 6).append(',').append(t).append(',')
                        .append((float) random.nextGaussian()).append(',').append(u % 2 == 0 ? "yes" : "no").append(',')
                        .append(u % 6 == 0 ? "test" : u % 6 == 1 ? "validation" : "train").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("split_rand.csv"), csv);
        Path runDir = dir.resolve("run");
        Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=utterance_id", "--set",
                "time=frame", "--set", "features=c0", "--cell", "rnn", "--hidden", "3", "--epochs", "1", "--quiet", "--out",
                runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readString(runDir.resolve("data-warnings.txt"))).contains("column 'speaker' holds one value per sequence",
                "10 of the test data's 10 values", "(as the split column marks them)");
        assertThat(train.out()).contains(" sequences (optimistic if 'speaker' names who or what a sequence comes from (a data "
                + "warning: the test data share its values with training))");
        assertThat(Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("testHoldsTrainingData").asBoolean()).isFalse();
    }

    @Test
    void withoutValidationDataNoValidationScoreIsMadeUpAndTheRunDoesNotStopEarly(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Run train = run("train", "--dataset", "agreement", "--set", "trainSize=120", "--set", "validationSize=0",
                "--set", "testSize=40", "--set", "maxDistance=4", "--cell", "rnn", "--hidden", "4", "--epochs", "4",
                "--patience", "1", "--lr", "0.5", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.err()).contains("--patience 1 does not apply: there is no validation data, so no early stopping").doesNotContain("NaN");
        com.fasterxml.jackson.databind.JsonNode results = Json.mapper().readTree(runDir.resolve("results.json").toFile());
        assertThat(results.get("history")).as("all 4 epochs ran: nothing stops early without validation data").hasSize(4);
        assertThat(results.get("stoppedBy").asText()).isEqualTo("epochs");
        for (com.fasterxml.jackson.databind.JsonNode epoch : results.get("history")) {
            assertThat(epoch.get("validationAccuracy").isNull()).as(epoch.toString()).isTrue();
            assertThat(epoch.get("trainLoss").isNumber()).isTrue();
        }
        assertThat(results.get("validation").isNull()).as("no validation block of zeros").isTrue();
        assertThat(results.get("test").get("examples").asInt()).isEqualTo(40);
        // the test scores' baseline, as compare and evaluate give it: always the most frequent training class
        com.fasterxml.jackson.databind.JsonNode base = results.get("majorityBaseline");
        String majority = base.get("labels").get(0).asText();
        long support = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : results.get("test").get("perClass")) {
            support += c.get("label").asText().equals(majority) ? c.get("support").asLong() : 0;
        }
        assertThat(base.get("accuracy").asDouble()).isCloseTo(support / 40.0, org.assertj.core.data.Offset.offset(1e-12));
        // (the agreement data's two classes are tied in training: the line says so, and which one it takes)
        assertThat(train.out()).contains("baseline: always '" + majority + "' (").contains("): test accuracy "
                + String.format(java.util.Locale.ROOT, "%.4f", support / 40.0));
        assertThat(ModelBundle.readCard(runDir.resolve("model.rnnlab")).metrics()).containsKey("test_accuracy")
                .doesNotContainKeys("validation_accuracy", "validation_macro_f1");
        assertThat(train.out()).contains("lowest training loss: no validation data");
    }

    @Test
    void trainWritesARunFolderAndTheModelEvaluatesAndPredictsText(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Run train = run(concat(concat(new String[] {"train"}, AGREEMENT), "--cell", "gru", "--hidden", "8", "--epochs", "2",
                "--quiet", "--out", runDir.toString()));
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("test accuracy").contains("model.rnnlab");
        for (String f : List.of("config.json", "provenance.json", "dataset-provenance.json", "results.json", "model.rnnlab",
                "checkpoints/checkpoint.zip")) {
            assertThat(runDir.resolve(f)).as(f).isRegularFile();
        }
        TrainRequest request = Json.readFile(runDir.resolve("config.json"), TrainRequest.class);
        assertThat(Json.write(request)).isEqualTo(Files.readString(runDir.resolve("config.json")).strip());
        assertThat(request.training().epochs()).isEqualTo(2);
        assertThat(request.datasetOptions().settings()).containsEntry("maxDistance", "6");

        Path model = runDir.resolve("model.rnnlab");
        // config.json records the input the model was built with: token ids of the vocabulary into the default embedding
        assertThat(request.spec().input()).isEqualTo(org.rnnlab.core.InputSpec.tokens(
                ModelBundle.readCard(model).input().vocabularySize(), org.rnnlab.training.Trainer.DEFAULT_EMBEDDING_SIZE));
        assertThat(ModelBundle.readCard(model).provenance()).as("the card holds the provenance of the trained model, as written")
                .isEqualTo(Json.readFile(runDir.resolve("provenance.json"), Provenance.class));
        Run eval = run(concat(concat(new String[] {"evaluate", "--model", model.toString()}, AGREEMENT)));
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("accuracy").contains("singular").contains("confusion matrix");
        double accuracy = Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("test").get("metrics").get("ACCURACY").asDouble();
        assertThat(eval.out()).contains(String.format(Locale.ROOT, "accuracy %.4f", accuracy));

        Run evalJson = run(concat(concat(new String[] {"evaluate", "--json", "--model", model.toString()}, AGREEMENT)));
        assertThat(Json.mapper().readTree(evalJson.out()).get("metrics").get("ACCURACY").asDouble()).isEqualTo(accuracy);
        // Cohen's kappa of the test split's confusion matrix: results.json, the card, train's line, evaluate's text and JSON
        com.fasterxml.jackson.databind.JsonNode test = Json.mapper().readTree(runDir.resolve("results.json").toFile()).get("test");
        double kappa = org.rnnlab.evaluation.metrics.Evaluator.cohenKappa(Json.mapper().treeToValue(test.get("confusion"), long[][].class));
        assertThat(test.get("metrics").get("COHEN_KAPPA").asDouble()).isEqualTo(kappa);
        assertThat(ModelBundle.readCard(model).metrics().get("test_cohen_kappa")).isEqualTo(kappa);
        assertThat(train.out()).contains(String.format(Locale.ROOT, "test accuracy %.4f, macro-F1 %.4f, Cohen's kappa %.4f on %d "
                + "texts", accuracy, test.get("metrics").get("MACRO_F1").asDouble(), kappa, test.get("examples").asInt()));
        assertThat(eval.out()).contains(String.format(Locale.ROOT, ", Cohen's kappa %.4f on ", kappa));
        assertThat(Json.mapper().readTree(evalJson.out()).get("metrics").get("COHEN_KAPPA").asDouble()).isEqualTo(kappa);
        assertThat(Json.mapper().readTree(evalJson.out()).at("/intervals95/cohenKappa").size()).isEqualTo(2);

        SequenceDataset data = Datasets.open("agreement", request.datasetOptions());
        List<Sequence> tests = data.split(Split.TEST).examples().subList(0, 5);
        Path texts = dir.resolve("texts.txt");
        Files.writeString(texts, String.join("\n", tests.stream().map(Agreement::text).toList()) + "\n\n");
        Run predict = run("predict", "--model", model.toString(), "--input", texts.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,label,p_singular,p_plural,tokens,truncated,unknown_words,many_unknown_words,low_confidence,reason");
        assertThat(lines).hasSize(6);
        SequenceClassifier classifier = ModelBundle.load(model);
        for (int i = 0; i < 5; i++) {
            String[] cells = lines.get(i + 1).split(",");
            SequenceClassifier.Prediction direct = classifier.predict(tests.get(i).values());
            assertThat(cells[0]).isEqualTo(String.valueOf(i + 1));
            assertThat(cells[1]).isEqualTo(direct.label());
            assertThat(Double.parseDouble(cells[2]) + Double.parseDouble(cells[3])).isCloseTo(1.0, within(2e-6));
            assertThat(Double.parseDouble(cells[2])).isCloseTo(direct.probabilities()[0], within(1e-6));
        }
    }

    @Test
    void evaluateRefusesADatasetTheModelCannotRead(@TempDir Path dir) {
        Path runDir = dir.resolve("run");
        assertThat(run(concat(concat(new String[] {"train"}, AGREEMENT), "--cell", "rnn", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", runDir.toString())).code()).isZero();
        Run wrong = run("evaluate", "--model", runDir.resolve("model.rnnlab").toString(), "--dataset", "temporal-order",
                "--set", "trainSize=20", "--set", "validationSize=10", "--set", "testSize=10");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("labels");
        Run missing = run("evaluate", "--model", dir.resolve("nope.rnnlab").toString());
        assertThat(missing.code()).isEqualTo(2); // a wrong path on the command line: usage
        assertThat(missing.err()).contains("nope.rnnlab: no such model file");
    }

    @Test
    void aDenseModelPredictsCsvFoldersAndLongCsvLikeTheApi(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        String[] order = {"--dataset", "temporal-order", "--set", "trainSize=120", "--set", "validationSize=30", "--set", "testSize=30"};
        Run train = run(concat(concat(new String[] {"train"}, order), "--cell", "lstm", "--hidden", "6", "--epochs", "1", "--quiet",
                "--out", runDir.toString()));
        assertThat(train.code()).as(train.err()).isZero();
        TrainRequest request = Json.readFile(runDir.resolve("config.json"), TrainRequest.class);
        List<Sequence> tests = Datasets.open("temporal-order", request.datasetOptions()).split(Split.TEST).examples().subList(0, 3);
        Path folder = Files.createDirectories(dir.resolve("seqs"));
        StringBuilder longCsv = new StringBuilder("sequence_id,f1,f2,f3,f4,f5,f6,f7,f8\n".substring(0, 0));
        for (int i = 0; i < tests.size(); i++) {
            StringBuilder one = new StringBuilder();
            for (float[] step : tests.get(i).values()) {
                StringBuilder row = new StringBuilder();
                for (int f = 0; f < step.length; f++) {
                    row.append(f == 0 ? "" : ",").append(step[f]);
                }
                one.append(row).append('\n');
                longCsv.append("s").append(i).append(',').append(row).append('\n');
            }
            Files.writeString(folder.resolve("s" + i + ".csv"), one);
        }
        Files.writeString(dir.resolve("long.csv"), longCsv);
        SequenceClassifier classifier = ModelBundle.load(runDir.resolve("model.rnnlab"));
        for (Path input : List.of(folder, dir.resolve("long.csv"))) {
            Run p = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", input.toString());
            assertThat(p.code()).as(p.err()).isZero();
            List<String> lines = p.out().lines().toList();
            assertThat(lines).hasSize(4);
            for (int i = 0; i < 3; i++) {
                assertThat(lines.get(i + 1)).startsWith("s" + i + "," + classifier.predict(tests.get(i).values()).label() + ",");
            }
        }
        // evaluate with neither --input nor --dataset scores the model's own dataset (a HAR model was scored on the agreement
        // task, the option's default, and refused for its labels)
        Run own = run("evaluate", "--model", runDir.resolve("model.rnnlab").toString(), "--set", "testSize=30");
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.err()).contains("evaluate: the model's own dataset, temporal-order (no --input or --dataset given)");
        assertThat(own.err()).doesNotContain("differ from the dataset's");

        // more sequences than predict classifies at a time: every row, in the input's order, as the API answers each
        StringBuilder many = new StringBuilder();
        int count = PredictCommand.PART * 2 + 5;
        for (int i = 0; i < count; i++) {
            for (float[] step : tests.get(i % 3).values()) {
                many.append("m").append(i).append(',');
                for (int f = 0; f < step.length; f++) {
                    many.append(f == 0 ? "" : ",").append(step[f] + (i / 3) * 1e-3f);
                }
                many.append('\n');
            }
        }
        Files.writeString(dir.resolve("many.csv"), many);
        Run m = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", dir.resolve("many.csv").toString());
        assertThat(m.code()).as(m.err()).isZero();
        List<String> rows = m.out().lines().toList();
        assertThat(rows).hasSize(count + 1);
        assertThat(m.err()).contains("predict: " + count + " sequence(s) classified");
        for (int i : new int[] {0, 1, PredictCommand.PART - 1, PredictCommand.PART, PredictCommand.PART + 1, count - 1}) {
            float[][] values = tests.get(i % 3).values();
            float[][] shifted = new float[values.length][];
            for (int t = 0; t < values.length; t++) {
                shifted[t] = values[t].clone();
                for (int f = 0; f < shifted[t].length; f++) {
                    shifted[t][f] += (i / 3) * 1e-3f;
                }
            }
            assertThat(rows.get(i + 1)).as("row of sequence " + i).startsWith("m" + i + "," + classifier.predict(shifted).label() + ",");
        }
        Files.writeString(dir.resolve("bad.csv"), "s0,1,2,x\n");
        Run bad = run("predict", "--model", runDir.resolve("model.rnnlab").toString(), "--input", dir.resolve("bad.csv").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("bad.csv: the file has 4 columns; the model was trained on headerless files of 9 columns");
    }

    /**
     * Writes {@code tests} as a headerless long CSV ({@code s<i>,feature...} per step) into {@code dir}, runs
     * {@code predict} on it with {@code model} and checks each predicted label against {@code classifier}'s.
     */
    static void predictsLikeTheApi(Path dir, Path model, SequenceClassifier classifier, List<Sequence> tests) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < tests.size(); i++) {
            for (float[] step : tests.get(i).values()) {
                csv.append("s").append(i);
                for (float v : step) {
                    csv.append(',').append(v);
                }
                csv.append('\n');
            }
        }
        Files.writeString(dir.resolve("long.csv"), csv);
        Run p = run("predict", "--model", model.toString(), "--input", dir.resolve("long.csv").toString());
        assertThat(p.code()).as(p.err()).isZero();
        for (int i = 0; i < tests.size(); i++) {
            assertThat(p.out().lines().toList().get(i + 1)).startsWith("s" + i + "," + classifier.predict(tests.get(i).values()).label() + ",");
        }
    }

    @Test
    void aPoolingHeadIsTrainedSavedAndPredictsLikeTheApi(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        String[] order = {"--dataset", "temporal-order", "--set", "trainSize=60", "--set", "validationSize=20", "--set", "testSize=20"};
        Run train = run(concat(concat(new String[] {"train"}, order), "--cell", "gru", "--hidden", "5", "--epochs", "1",
                "--head", "max", "--quiet", "--out", runDir.toString()));
        assertThat(train.code()).as(train.err()).isZero();
        SequenceClassifier classifier = ModelBundle.load(runDir.resolve("model.rnnlab"));
        assertThat(classifier.card().spec().head()).isEqualTo(SequenceHead.MAX);
        assertThat(classifier.network().getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(GlobalPoolingLayer.class);
        assertThat(Files.readString(runDir.resolve("config.json"))).contains("\"head\" : \"MAX\"");

        TrainRequest request = Json.readFile(runDir.resolve("config.json"), TrainRequest.class);
        List<Sequence> tests = Datasets.open("temporal-order", request.datasetOptions()).split(Split.TEST).examples().subList(0, 2);
        predictsLikeTheApi(dir, runDir.resolve("model.rnnlab"), classifier, tests);

        Run bad = run(concat(concat(new String[] {"train"}, order), "--head", "first", "--out", dir.resolve("bad").toString()));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--head: unknown sequence head 'first': expected one of last, mean, max, attention");
    }

    @Test
    void anAttentionHeadIsTrainedFromTheCommandLineAndPredicts(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        String[] order = {"--dataset", "temporal-order", "--set", "trainSize=60", "--set", "validationSize=20", "--set", "testSize=20"};
        Run train = run(concat(concat(new String[] {"train"}, order), "--cell", "gru", "--hidden", "5", "--epochs", "1",
                "--head", "attention", "--quiet", "--out", runDir.toString()));
        assertThat(train.code()).as(train.err()).isZero();
        SequenceClassifier classifier = ModelBundle.load(runDir.resolve("model.rnnlab"));
        assertThat(classifier.card().spec().head()).isEqualTo(SequenceHead.ATTENTION);
        assertThat(classifier.network().getLayerWiseConfigurations().getConf(1).getLayer())
                .isInstanceOf(AttentionPooling.class);
        assertThat(Files.readString(runDir.resolve("config.json"))).contains("\"head\" : \"ATTENTION\"");

        TrainRequest request = Json.readFile(runDir.resolve("config.json"), TrainRequest.class);
        List<Sequence> tests = Datasets.open("temporal-order", request.datasetOptions()).split(Split.TEST).examples().subList(0, 2);
        for (Sequence s : tests) {
            double[] p = classifier.predict(s.values()).probabilities();
            assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void anInterruptedRunContinuesWithResume(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Run first = run(concat(concat(new String[] {"train"}, AGREEMENT), "--cell", "rnn", "--hidden", "4", "--epochs", "2",
                "--quiet", "--out", runDir.toString()));
        assertThat(first.code()).isZero();
        TrainRequest request = Json.readFile(runDir.resolve("config.json"), TrainRequest.class);
        Path second = dir.resolve("second");
        Files.createDirectories(second);
        AtomicBoolean stop = new AtomicBoolean();
        Trainer.Listener stopAfter3 = new Trainer.Listener() {
            @Override
            public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
                stop.set(epoch == 1 && batch == 3);
            }
        };
        try {
            TrainRun.run(request, second, List.of("test"), stopAfter3, stop);
        } catch (TrainingInterruptedException expected) {
            // stopped mid-epoch with a checkpoint
        }
        assertThat(Checkpoint.read(second.resolve("checkpoints")).state().progress().iteration()).isEqualTo(3);
        assertThat(second.resolve("model.rnnlab")).doesNotExist();
        Run resumed = run("train", "--resume", second.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(ModelBundle.load(second.resolve("model.rnnlab")).network().params())
                .isEqualTo(ModelBundle.load(runDir.resolve("model.rnnlab")).network().params());
    }
}
