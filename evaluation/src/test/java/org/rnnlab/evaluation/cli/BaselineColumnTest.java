package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.metrics.ScoreIntervals;

/**
 * {@code evaluate --baseline-column}: another method's labels, read from a column of the scored file, scored beside the
 * model on the same sequences and compared by McNemar's exact test (a quant's trial: a model far above the majority class
 * was level with persistence, and nothing in rnnlab could say so).
 */
class BaselineColumnTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path scored;
    /** Each sequence's true class and the model's label, by id. */
    static final Map<String, String> truth = new HashMap<>();
    static final Map<String, String> modelSays = new HashMap<>();

    /** Rising or falling sequences, with noise; {@code column} adds a per-sequence column of the given labels. */
    private static String csv(int sequences, long seed, Map<String, String> column) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("id,t,x,label" + (column == null ? "" : ",persist") + "\n");
        for (int s = 0; s < sequences; s++) {
            boolean rise = s % 2 == 0;
            String id = "s" + s;
            for (int t = 0; t < 8; t++) {
                sb.append(id).append(',').append(t).append(',').append((rise ? t : -t) * 0.3 + random.nextGaussian()).append(',')
                        .append(rise ? "rise" : "fall");
                if (column != null) {
                    sb.append(',').append(column.getOrDefault(id, ""));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @BeforeAll
    static void trainAndPredict() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), csv(80, 1, null));
        Path runDir = dir.resolve("run");
        var t = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=id", "--set", "time=t",
                "--cell", "gru", "--hidden", "4", "--epochs", "2", "--quiet", "--out", runDir.toString());
        assertThat(t.code()).as(t.err()).isZero();
        model = runDir.resolve("model.rnnlab");
        Path plain = Files.writeString(dir.resolve("new.csv"), csv(60, 2, null));
        var p = run("predict", "--model", model.toString(), "--input", plain.toString());
        assertThat(p.code()).as(p.err()).isZero();
        p.out().lines().skip(1).forEach(l -> modelSays.put(l.split(",")[0], l.split(",")[1]));
        for (int s = 0; s < 60; s++) {
            truth.put("s" + s, s % 2 == 0 ? "rise" : "fall");
        }
        scored = plain;
    }

    private static Path withColumn(String name, Map<String, String> column) throws Exception {
        return Files.writeString(dir.resolve(name), csv(60, 2, column));
    }

    @Test
    void aColumnOfTheTrueLabelsIsPerfectAndTheTestCountsTheSequencesEachGotRight() throws Exception {
        Path file = withColumn("truth.csv", truth);
        var e = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--baseline-column", "persist");
        assertThat(e.code()).as(e.err()).isZero();
        long modelWrong = truth.keySet().stream().filter(id -> !truth.get(id).equals(modelSays.get(id))).count();
        assertThat(e.out()).contains("against --baseline-column persist (the labels it holds, on the same 60 sequences): accuracy "
                + "1.0000, macro-F1 1.0000").contains("(0 sequences right only by the model, " + modelWrong + " only by the column)");
        // the column is not a feature the model reads: it is not refused, and the scores are those of the file without it
        var plain = run("evaluate", "--model", model.toString(), "--input", scored.toString());
        assertThat(e.out().lines().filter(l -> l.startsWith("accuracy")).findFirst())
                .isEqualTo(plain.out().lines().filter(l -> l.startsWith("accuracy")).findFirst());
    }

    @Test
    void aColumnOfTheModelsOwnLabelsIsLevelWithIt() throws Exception {
        Path file = withColumn("same.csv", modelSays);
        var e = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--baseline-column", "persist", "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode b = Json.mapper().readTree(e.out()).get("baselineColumn");
        assertThat(b.get("modelOnlyRight").asLong()).isZero();
        assertThat(b.get("baselineOnlyRight").asLong()).isZero();
        assertThat(b.get("mcnemarP").asDouble()).isEqualTo(1.0);
        assertThat(b.get("reliablyDifferent").asBoolean()).isFalse();
        assertThat(b.get("sequences").asInt()).isEqualTo(60);
    }

    @Test
    void aColumnRightOnHalfTheSequencesIsComparedByMcNemar() throws Exception {
        Map<String, String> half = new HashMap<>();
        truth.forEach((id, label) -> half.put(id, Integer.parseInt(id.substring(1)) % 4 < 2 ? label
                : label.equals("rise") ? "fall" : "rise"));
        Path file = withColumn("half.csv", half);
        var e = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--baseline-column", "persist", "--json");
        assertThat(e.code()).as(e.err()).isZero();
        long modelOnly = truth.keySet().stream().filter(id -> truth.get(id).equals(modelSays.get(id)) && !truth.get(id).equals(half.get(id))).count();
        long columnOnly = truth.keySet().stream().filter(id -> !truth.get(id).equals(modelSays.get(id)) && truth.get(id).equals(half.get(id))).count();
        JsonNode b = Json.mapper().readTree(e.out()).get("baselineColumn");
        assertThat(b.get("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(b.get("modelOnlyRight").asLong()).isEqualTo(modelOnly);
        assertThat(b.get("baselineOnlyRight").asLong()).isEqualTo(columnOnly);
        assertThat(b.get("mcnemarP").asDouble()).isEqualTo(ScoreIntervals.mcnemar(modelOnly, columnOnly));
        // the differences, model minus column, in JSON as in the text line (a review: none there)
        assertThat(b.get("accuracyDifference").asDouble()).isEqualTo(b.get("modelAccuracy").asDouble() - 0.5);
        assertThat(b.get("macroF1Difference").asDouble()).isEqualTo(b.get("modelMacroF1").asDouble() - b.get("macroF1").asDouble());
    }

    @Test
    void aBlankIsRefusedByNameAnUnknownLabelCountsAsWrongAndTheOptionNeedsAFile() throws Exception {
        Map<String, String> blank = new HashMap<>(truth);
        blank.remove("s7");
        var e = run("evaluate", "--model", model.toString(), "--input", withColumn("blank.csv", blank).toString(),
                "--baseline-column", "persist");
        assertThat(e.code()).isEqualTo(1);
        assertThat(e.err()).contains("sequence 's7' has no value in --baseline-column persist");
        Map<String, String> other = new HashMap<>(truth);
        other.put("s3", "flat");
        e = run("evaluate", "--model", model.toString(), "--input", withColumn("other.csv", other).toString(),
                "--baseline-column", "persist");
        // a label the model does not know is a wrong answer of the column's, said (a persistence column carries a new class on)
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("accuracy 0.9833").contains("the column's labels the model does not know, counted as wrong: 'flat'");
        e = run("evaluate", "--model", model.toString(), "--input", scored.toString(), "--baseline-column", "nope");
        assertThat(e.code()).isNotZero();
        assertThat(e.err()).contains("nope");
        e = run("evaluate", "--model", model.toString(), "--dataset", "csv", "--train", dir.resolve("train.csv").toString(),
                "--baseline-column", "persist");
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err()).contains("--baseline-column persist applies to a CSV file scored whole (--input FILE)");
    }

    @Test
    void errorsOfTheColumnNameTheOptionAndWhatItIsForNotPredictsKeepColumns() throws Exception {
        // a column that changes within a sequence (a review: the error spoke of --keep-columns and of what predict copies)
        List<String> lines = new java.util.ArrayList<>(Files.readString(withColumn("truth.csv", truth)).lines().toList());
        int row = 1 + 7 * 8 + 3; // s7's fourth row, line row + 1 of the file
        String line = lines.get(row);
        lines.set(row, line.substring(0, line.lastIndexOf(',') + 1) + (truth.get("s7").equals("rise") ? "fall" : "rise"));
        Path varying = Files.writeString(dir.resolve("varying.csv"), String.join("\n", lines) + "\n");
        var e = run("evaluate", "--model", model.toString(), "--input", varying.toString(), "--baseline-column", "persist");
        assertThat(e.code()).isEqualTo(1);
        assertThat(e.err()).contains("varying.csv:" + (row + 1) + ": --baseline-column persist: '")
                .contains("in the same sequence 's7' (expected one value per sequence, the label another method gave it, which "
                        + "evaluate scores beside the model; ").contains("persist@first or persist@last")
                .doesNotContain("--keep-columns").doesNotContain("predict");
        // the column's value at each sequence's last row is one per sequence: taken, as predict's persist@last is
        var last = run("evaluate", "--model", model.toString(), "--input", varying.toString(), "--baseline-column", "persist@last");
        assertThat(last.code()).as(last.err()).isZero();
        assertThat(last.out()).contains("against --baseline-column persist@last");
        // a column the file lacks
        e = run("evaluate", "--model", model.toString(), "--input", scored.toString(), "--baseline-column", "nope");
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err()).contains("--baseline-column nope: no column named 'nope' in ").doesNotContain("--keep-columns");
        // a folder of one file per sequence
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("s0.csv"), "id,t,x,label,persist\ns0,0,0.1,rise,rise\ns0,1,0.2,rise,rise\n");
        e = run("evaluate", "--model", model.toString(), "--input", folder.toString(), "--baseline-column", "persist");
        assertThat(e.code()).isNotZero();
        assertThat(e.err()).contains("--baseline-column copies columns of one long-layout CSV file, and " + folder + " is a folder")
                .doesNotContain("--keep-columns");
    }

    @Test
    void aColumnHalfInAnotherEncodingIsComparedOnItsModelLabelsOnlyWithAWarningAndOneOfNoneIsRefused() throws Exception {
        // a parcel carrier's trial: its prediction written 0/1 by one system and late/on_time by the other; every 0/1 counted
        // as wrong made the model "reliably higher" than a rule it did not beat
        Map<String, String> mixed = new HashMap<>();
        truth.forEach((id, label) -> mixed.put(id, Integer.parseInt(id.substring(1)) < 30 ? label : label.equals("rise") ? "1" : "0"));
        Path file = withColumn("mixed.csv", mixed);
        var e = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--baseline-column", "persist");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.err()).containsPattern("(?m)^evaluate: warning: --baseline-column persist: 30 of the 60 sequences hold values that are "
                + "not labels of the model \\['fall', 'rise'\\]: '1' \\(15 sequences\\), '0' \\(15\\); the comparison is over the "
                + "other 30 sequences only").contains("map them to those in the file");
        assertThat(e.out()).contains("against --baseline-column persist (the labels it holds, on the 30 of the 60 sequences whose "
                + "value is a label of the model (see the warning)): accuracy 1.0000").doesNotContain("counted as wrong");
        var j = run("evaluate", "--model", model.toString(), "--input", file.toString(), "--baseline-column", "persist", "--json");
        JsonNode b = Json.mapper().readTree(j.out()).get("baselineColumn");
        long modelWrongKnown = truth.keySet().stream().filter(id -> Integer.parseInt(id.substring(1)) < 30)
                .filter(id -> !truth.get(id).equals(modelSays.get(id))).count();
        assertThat(b.get("sequences").asInt()).isEqualTo(30);
        assertThat(b.get("scored").asInt()).isEqualTo(60);
        assertThat(b.get("knownLabelsOnly").asBoolean()).isTrue();
        assertThat(b.get("modelOnlyRight").asLong()).isZero();
        assertThat(b.get("baselineOnlyRight").asLong()).isEqualTo(modelWrongKnown);
        assertThat(b.get("reliablyDifferent").asBoolean()).isEqualTo(ScoreIntervals.mcnemar(0, modelWrongKnown) < 0.05);
        assertThat(Json.mapper().readTree(j.out()).get("warnings").toString()).contains("30 of the 60 sequences hold values");
        // no value a label of the model: refused, with the values counted
        Map<String, String> coded = new HashMap<>();
        truth.forEach((id, label) -> coded.put(id, label.equals("rise") ? "1" : "0"));
        var none = run("evaluate", "--model", model.toString(), "--input", withColumn("coded.csv", coded).toString(),
                "--baseline-column", "persist");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("none of the 60 sequences' values in --baseline-column persist is a label of the model "
                + "[fall, rise]: '1' (30 sequences), '0' (30); map them to the model's labels");
    }

    @Test
    void aFewUnknownLabelsStayWrongAnswersWithoutAWarning() throws Exception {
        // 2 of 60 (3%): new classes a persistence column carries on, not another encoding
        Map<String, String> few = new HashMap<>(truth);
        few.put("s3", "flat");
        few.put("s8", "flat");
        var e = run("evaluate", "--model", model.toString(), "--input", withColumn("few.csv", few).toString(),
                "--baseline-column", "persist");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.err()).doesNotContain("not labels of the model");
        assertThat(e.out()).contains("on the same 60 sequences): accuracy 0.9667")
                .contains("the column's labels the model does not know, counted as wrong: 'flat'");
    }
}
