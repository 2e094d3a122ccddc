package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * The epoch kept is judged by validation macro-F1 when the classes are imbalanced or --class-weights is given, by accuracy
 * otherwise, and as --select says when given; every epoch's validation macro-F1 is recorded. (A user's try: with 90% of
 * the sequences 'ok', the kept epoch was the one of highest validation accuracy, and one that always predicted 'ok' beat
 * the epochs that found the faults.)
 */
class EpochSelectionTest {

    @TempDir
    Path dir;

    /** {@code rare} of every {@code every} sequences are 'fault' (a level shift), the rest 'ok'. */
    private static String csv(int sequences, int every, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("sequence_id,signal,label\n");
        for (int s = 0; s < sequences; s++) {
            boolean fault = s % every == 0;
            for (int t = 0; t < 5; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, (fault ? 1.5 : 0) + r.nextGaussian(), fault ? "fault" : "ok"));
            }
        }
        return b.toString();
    }

    @Test
    void crossValidationJudgesTheClassesBalanceOnThePooledData() throws Exception {
        // a fresh-user trial: compare --cv with a group column judged the balance on the training split carved before the
        // folds ('normal' 45%, 'misalignment' 5%), though the folds pool all the data (ratio 2.1): config.json said MACRO_F1
        // here the split column makes the training split 30 'ok' to 5 'fault' (6:1) and the pooled data 40 to 25 (1.6:1)
        Random r = new Random(3);
        StringBuilder b = new StringBuilder("sequence_id,signal,label,split\n");
        for (int s = 0; s < 65; s++) {
            boolean fault = s >= 40;
            String split = s < 30 || fault && s < 45 ? "train" : s % 2 == 0 ? "validation" : "test";
            for (int t = 0; t < 4; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s,%s%n", s, (fault ? 1.5 : 0) + r.nextGaussian(), fault ? "fault" : "ok",
                        split));
            }
        }
        Path data = Files.writeString(dir.resolve("split.csv"), b.toString());
        Path out = dir.resolve("cv");
        Run cv = run("compare", "--dataset", "csv", "--train", data.toString(), "--cv", "3", "--cells", "rnn", "--seeds", "1",
                "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cv.err()).doesNotContain("imbalanced").contains("--cv 3 pools the training, validation and test sequences into "
                + "folds: the split sizes above do not apply");
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).at("/comparison/training/selection").asText())
                .isEqualTo("ACCURACY");
        // without --cv the runs train on the split column's training split, which is imbalanced
        Run split = run("compare", "--dataset", "csv", "--train", data.toString(), "--cells", "rnn", "--seeds", "1",
                "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet", "--out", dir.resolve("split").toString());
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.err()).contains("compare: the classes are imbalanced: 'ok' has 30 of the 35 training sequences (86%), 6.0 "
                + "times the 5 of 'fault' (14%)");
    }

    @Test
    void compareFixesTheAveragePrecisionClassFromThePooledTrainingDataForEveryFold() throws Exception {
        // near-balanced classes (31 'fault', 30 'ok' pooled): "the rarer class" of each fold's validation and test parts
        // flipped between 'fault' and 'ok'; the comparison picks one class from its whole pool, for every split and fold
        Random r = new Random(5);
        StringBuilder b = new StringBuilder("sequence_id,signal,label\n");
        for (int s = 0; s < 61; s++) {
            boolean fault = s % 2 == 0;
            for (int t = 0; t < 4; t++) {
                b.append(String.format(Locale.ROOT, "s%d,%.4f,%s%n", s, (fault ? 1.5 : 0) + r.nextGaussian(), fault ? "fault" : "ok"));
            }
        }
        Path data = Files.writeString(dir.resolve("balanced.csv"), b.toString());
        Path out = dir.resolve("ap");
        Run cv = run("compare", "--dataset", "csv", "--train", data.toString(), "--cv", "3", "--cells", "rnn", "--seeds", "1",
                "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet", "--select", "average-precision", "--out", out.toString());
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cv.err()).contains("compare: average precision is that of 'ok' in validation, test and every fold (the rarer "
                + "class of the 61 pooled sequences, 30 of them)");
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        int ok = 0;
        while (!results.get("labelNames").get(ok).asText().equals("ok")) {
            ok++;
        }
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).at("/comparison/training/averagePrecisionClass")
                .asInt(-1)).isEqualTo(ok);
        assertThat(results.at("/config/training/averagePrecisionClass").asInt(-1)).isEqualTo(ok);
        assertThat(cv.out()).containsPattern("mean test average precision of 'ok' [0-9.]+");
    }

    @Test
    void imbalancedClassesKeepTheEpochOfHighestValidationMacroF1() throws Exception {
        Path train = Files.writeString(dir.resolve("imbalanced.csv"), csv(120, 6, 1));
        Path out = dir.resolve("imbalanced");
        Run imbalanced = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "6", "--epochs", "4", "--quiet",
                "--out", out.toString());
        assertThat(imbalanced.code()).as(imbalanced.err()).isZero();
        assertThat(imbalanced.err()).containsPattern("train: the classes are imbalanced: 'ok' has \\d+ of the \\d+ training "
                + "sequences \\(83%\\), [0-9.]+ times the \\d+ of 'fault' \\(17%\\): the epoch kept is the one of highest validation "
                + "macro-F1, which counts every class alike, not accuracy, of which a model that never predicts 'fault' loses only 17%");
        assertThat(imbalanced.out()).contains("(highest validation macro-F1), validation accuracy 0.");
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.at("/training/selection").asText()).isEqualTo("MACRO_F1");
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("keptBy").asText()).isEqualTo("highest validation macro-F1");
        double best = -1;
        double bestLoss = Double.NaN;
        int bestEpoch = 0;
        boolean tie = false;
        for (JsonNode e : results.get("history")) {
            assertThat(e.has("validationMacroF1")).as("every epoch's validation macro-F1").isTrue();
            double f1 = e.get("validationMacroF1").asDouble();
            double loss = e.get("validationLogLoss").asDouble();
            // of equal scores, the one of lower validation log-loss is the best (trial 71c), said in train's output
            if (f1 > best || f1 == best && loss < bestLoss) {
                tie = f1 == best;
                best = f1;
                bestLoss = loss;
                bestEpoch = e.get("epoch").asInt();
            }
        }
        assertThat(best).isPositive();
        assertThat(results.get("bestEpoch").asInt()).isEqualTo(bestEpoch);
        if (tie) {
            assertThat(imbalanced.out()).contains("epoch " + bestEpoch + " kept: its validation macro-F1 ")
                    .contains("the tie is broken by the lower validation log-loss");
        }
        assertThat(results.at("/validation/metrics/MACRO_F1").asDouble()).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-9));

        // --select accuracy as given, recorded and said
        Path byAccuracy = dir.resolve("accuracy");
        Run accuracy = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "6", "--epochs", "4", "--quiet",
                "--select", "accuracy", "--out", byAccuracy.toString());
        assertThat(accuracy.code()).as(accuracy.err()).isZero();
        assertThat(accuracy.err()).doesNotContain("imbalanced");
        assertThat(accuracy.out()).contains("(highest validation accuracy)");
        assertThat(Json.mapper().readTree(byAccuracy.resolve("config.json").toFile()).at("/training/selection").asText())
                .isEqualTo("ACCURACY");

        // --class-weights: macro-F1 by default, said
        Run weighted = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "6", "--epochs", "2", "--quiet",
                "--class-weights", "balanced", "--out", dir.resolve("weighted").toString());
        assertThat(weighted.code()).as(weighted.err()).isZero();
        assertThat(weighted.err()).contains("the epoch kept is the one of highest validation macro-F1, as --class-weights balanced "
                + "weighs the classes alike");

        Run bad = run("train", "--dataset", "csv", "--train", train.toString(), "--select", "f1", "--out", dir.resolve("bad").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--select").contains("expected one of accuracy, macro-f1, log-loss, roc-auc, average-precision");
    }

    @Test
    void balancedClassesKeepTheEpochOfHighestValidationAccuracy() throws Exception {
        Path train = Files.writeString(dir.resolve("balanced.csv"), csv(60, 2, 2));
        Path out = dir.resolve("balanced");
        Run balanced = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "6", "--epochs", "2", "--quiet",
                "--out", out.toString());
        assertThat(balanced.code()).as(balanced.err()).isZero();
        assertThat(balanced.err()).doesNotContain("imbalanced");
        assertThat(balanced.out()).contains("(highest validation accuracy)");
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).at("/training/selection").asText()).isEqualTo("ACCURACY");
    }
    @Test
    void aClassWithoutValidationSequencesIsNamedAsUnseenByTheEpochSelection() throws Exception {
        // two 'fault' sequences of 60: the stratified carve keeps both for training, so neither validation nor test has one
        Path train = Files.writeString(dir.resolve("rare.csv"), csv(60, 30, 3));
        Run rare = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "6", "--epochs", "1", "--quiet",
                "--out", dir.resolve("rare").toString());
        assertThat(rare.code()).as(rare.err()).isZero();
        assertThat(rare.err()).contains("train: warning: no validation sequence of class(es) 'fault' (2 training): the epoch kept "
                + "(and early stopping) is chosen without them");
        // compare's report carries these warnings too (they were on the terminal only)
        Path cmp = dir.resolve("cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", train.toString(), "--cells", "rnn", "--seeds", "1", "--hidden", "4",
                "--epochs", "1", "--probe", "0", "--quiet", "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        assertThat(Files.readString(cmp.resolve("data-warnings.txt"))).contains("no test sequence of class(es) 'fault' (2 training)")
                .contains("no validation sequence of class(es) 'fault' (2 training)");
        assertThat(Files.readString(cmp.resolve("index.html"))).contains("no validation sequence of class(es)");
    }

    @Test
    void logLossKeepsTheEpochOfLowestValidationLogLossAndCompareChoosesTheLowestMean() throws Exception {
        // trial 65c (finding 4): rare defects never crossed p = 0.5, so the argmax scores stayed flat; log-loss judges the
        // probabilities, lower better
        Path train = Files.writeString(dir.resolve("imbalanced.csv"), csv(120, 6, 1));
        Path out = dir.resolve("logloss");
        Run byLogLoss = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "6", "--epochs", "4", "--quiet",
                "--select", "log-loss", "--out", out.toString());
        assertThat(byLogLoss.code()).as(byLogLoss.err()).isZero();
        assertThat(byLogLoss.err()).as("as given: not the imbalance default").doesNotContain("imbalanced");
        assertThat(byLogLoss.out()).containsPattern("\\(lowest validation log-loss\\), validation accuracy 0\\.\\d+, macro-F1 "
                + "0\\.\\d+, log-loss 0\\.\\d+");
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).at("/training/selection").asText()).isEqualTo("LOG_LOSS");
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("keptBy").asText()).isEqualTo("lowest validation log-loss");
        double lowest = Double.MAX_VALUE;
        int lowestEpoch = 0;
        for (JsonNode e : results.get("history")) {
            assertThat(e.has("validationRocAuc") && e.has("validationAveragePrecision")).isTrue();
            if (e.get("validationLogLoss").asDouble() < lowest) {
                lowest = e.get("validationLogLoss").asDouble();
                lowestEpoch = e.get("epoch").asInt();
            }
        }
        assertThat(results.get("bestEpoch").asInt()).isEqualTo(lowestEpoch);

        Path cmp = dir.resolve("cmp");
        Run compared = run("compare", "--dataset", "csv", "--train", train.toString(), "--cells", "rnn,gru", "--seeds", "1",
                "--hidden", "4", "--epochs", "2", "--probe", "0", "--quiet", "--select", "log-loss", "--out", cmp.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        JsonNode r = Json.mapper().readTree(cmp.resolve("results.json").toFile());
        double min = Double.MAX_VALUE;
        double max = -1;
        String lowestConfiguration = null;
        for (JsonNode a : r.get("aggregates")) {
            double mean = a.at("/validationLogLoss/mean").asDouble();
            if (mean < min) {
                min = mean;
                lowestConfiguration = a.get("configuration").asText();
            }
            max = Math.max(max, mean);
        }
        assertThat(max).as("two different means to choose from").isGreaterThan(min);
        assertThat(r.at("/best/configuration").asText()).isEqualTo(lowestConfiguration);
        assertThat(r.at("/best/chosenBy").asText()).isEqualTo("validation log-loss");
        String csv = Files.readString(cmp.resolve("results.csv"));
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",validation_log_loss,validation_roc_auc,validation_average_precision,"
                + "log_loss,average_precision,test_groups,macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual");
        // the scores before test_groups (empty without folds) are all there, and the macro-F1 after it (then layers, hidden,
        // learning rate, dropout, head, residual)
        assertThat(csv.lines().skip(1)).allSatisfy(line -> assertThat(line.replaceFirst(
                ",[0-9.]+,\\d+,\\d+,[0-9.E-]+,[0-9.]+,[a-z-]+,(true|false)$", "")).endsWith(",")
                .doesNotEndWith(",,"));
        // chosen by validation log-loss, the best line gives the test log-loss too (a parcel carrier's trial read macro-F1 only)
        double testLogLoss = 0;
        for (JsonNode a : r.get("aggregates")) {
            if (a.get("configuration").asText().equals(lowestConfiguration)) {
                testLogLoss = a.at("/metrics/LOG_LOSS/mean").asDouble();
            }
        }
        assertThat(testLogLoss).isPositive();
        assertThat(compared.out()).contains(String.format(java.util.Locale.ROOT, ", mean test log-loss %.4f, ", testLogLoss));
        assertThat(Files.readString(cmp.resolve("index.html"))).contains("the lowest validation log-loss: the score plotted here")
                .contains("A curve that keeps falling wanted more epochs; one that turns up again is overfitting")
                .doesNotContain("A curve that keeps rising wanted more epochs").contains("(lowest is best)");
    }

    @Test
    void helpListsTheThresholdFreeSelections() {
        for (String command : new String[] {"train", "compare"}) {
            Run help = run(command, "--help");
            assertThat(help.out().replaceAll("\\s+", " ").replace("average-precisi on", "average-precision")).contains("--select=accuracy|macro-f1|log-loss|roc-auc|average-precision").contains("log-loss (the mean")
                    .contains("roc-auc (macro ROC AUC");
        }
    }

    @Test
    void rocAucOnAValidationSplitOfOneClassIsWarnedOfAndLogLossIsNot() throws Exception {
        // two 'fault' sequences of 60: the stratified carve keeps both for training, so validation has only 'ok'
        Path train = Files.writeString(dir.resolve("rare.csv"), csv(60, 30, 3));
        Run auc = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "4", "--epochs", "1", "--quiet",
                "--select", "roc-auc", "--out", dir.resolve("auc").toString());
        assertThat(auc.code()).as(auc.err()).isZero();
        assertThat(auc.err()).containsPattern("train: warning: --select roc-auc is undefined on the validation data, whose \\d+ "
                + "sequences are all of one class");
        Run logLoss = run("train", "--dataset", "csv", "--train", train.toString(), "--hidden", "4", "--epochs", "1", "--quiet",
                "--select", "log-loss", "--out", dir.resolve("ll").toString());
        assertThat(logLoss.code()).as(logLoss.err()).isZero();
        assertThat(logLoss.err()).doesNotContain("is undefined on the validation data");
    }
}
