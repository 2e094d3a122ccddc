package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSequenceDataset;

/** A test split of a few patients is said to be so (a trial's 150 segments of 6 patients were reported as any other). */
class FewTestGroupsTest {

    private static Path patients(Path dir, int patients) throws Exception {
        StringBuilder csv = new StringBuilder("sequence_id,patient,x,label\n");
        for (int i = 0; i < patients * 5; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append('s').append(i).append(",p").append(i / 5).append(',').append(t + i % 7).append(',')
                        .append(i % 2 == 0 ? "normal" : "af").append('\n');
            }
        }
        return Files.writeString(dir.resolve("p" + patients + ".csv"), csv);
    }

    @Test
    void aTestSplitOfFewGroupsIsNamedWithTheCrossValidationThatScoresEveryGroup(@TempDir Path dir) throws Exception {
        CsvOptions byPatient = CsvOptions.defaults().withGroupColumn(Column.named("patient"));
        CsvSequenceDataset few = CsvSequenceDataset.fromLongCsv(patients(dir, 20), byPatient);
        assertThat(BudgetOptions.fewTestGroups(few).orElseThrow()).contains("come from only 3 group(s) of patient", "compare --cv K "
                + "--group-column patient scores every group once");
        assertThat(BudgetOptions.fewTestGroups(CsvSequenceDataset.fromLongCsv(patients(dir, 80), byPatient))).isEmpty();
        // train says it, and so does train --config of that run (a trial's repeat was silent), also into data-warnings.txt
        Path data = patients(dir, 20);
        Path run = dir.resolve("run");
        TrainEvaluatePredictTest.Run first = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", data.toString(),
                "--set", "group=patient", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("come from only 3 group(s) of patient");
        Path again = dir.resolve("again");
        TrainEvaluatePredictTest.Run repeat = TrainEvaluatePredictTest.run("train", "--config", run.resolve("config.json").toString(),
                "--quiet", "--out", again.toString());
        assertThat(repeat.code()).as(repeat.err()).isZero();
        assertThat(repeat.err()).contains("come from only 3 group(s) of patient");
        assertThat(Files.readString(again.resolve("data-warnings.txt"))).contains("come from only 3 group(s) of patient");
        // without a group column nothing is known of groups
        assertThat(BudgetOptions.fewTestGroups(CsvSequenceDataset.fromLongCsv(patients(dir, 20), CsvOptions.defaults()
                .withFeatures(java.util.List.of(Column.named("x")))))).isEmpty();
    }
    /** The best line's words of the test scores, without its command (whose paths differ). */
    private static String bestCaveat(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("best: (.*?): rnnlab train").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void aReplayedComparisonKeepsTheSmallTestAndFewGroupsWarningsAndSaysOtherCode(@TempDir Path dir) throws Exception {
        // trial 80b F2: compare --config dropped both warnings (console, data-warnings.txt, index.html, the best line's
        // caveat), where the comparison it replays gave them: a replayed report must not look more certain than the original
        // 20 patients of 5 sequences, no two alike (the warnings of test sequences also in training would word the caveat)
        StringBuilder rows = new StringBuilder("sequence_id,patient,x,label\n");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 100; i++) {
            for (int t = 0; t < 3; t++) {
                rows.append('s').append(i).append(",p").append(i / 5).append(',').append(String.format(java.util.Locale.ROOT, "%.5f",
                        (i % 2 == 0 ? 1 : -1) * t + random.nextGaussian())).append(',').append(i % 2 == 0 ? "normal" : "af").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("distinct.csv"), rows);
        Path first = dir.resolve("C");
        TrainEvaluatePredictTest.Run compared = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", data.toString(),
                "--set", "group=patient", "--cells", "rnn", "--seeds", "1", "--hidden", "4", "--epochs", "1", "--bands", "none",
                "--quiet", "--out", first.toString());
        assertThat(compared.code()).as(compared.err()).isZero();
        String small = "the test split holds only 15 sequences";
        String few = "come from only 3 group(s) of patient";
        assertThat(compared.err()).contains(small, few);
        // F1: the comparison's provenance.json as a DL4J version of before wrote it
        com.fasterxml.jackson.databind.node.ObjectNode provenance = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.rnnlab.core.Json.mapper().readTree(first.resolve("provenance.json").toFile());
        provenance.put("dl4jVersion", "1.0.0-M2");
        org.rnnlab.core.Json.mapper().writeValue(first.resolve("provenance.json").toFile(), provenance);
        Path again = dir.resolve("CR");
        TrainEvaluatePredictTest.Run replayed = TrainEvaluatePredictTest.run("compare", "--config",
                first.resolve("config.json").toString(), "--quiet", "--out", again.toString());
        assertThat(replayed.code()).as(replayed.err()).isZero();
        assertThat(replayed.err()).contains(small, few);
        assertThat(Files.readString(again.resolve("data-warnings.txt"))).contains(small, few);
        assertThat(Files.readString(again.resolve("index.html"))).contains(few);
        // the best line's caveat of the test scores is the comparison's
        assertThat(bestCaveat(replayed.out())).isEqualTo(bestCaveat(compared.out()))
                .contains("of only 3 group(s) of patient, which it moves with");
        assertThat(replayed.err()).contains("compare: warning: this run runs other code than the run of "
                + first.resolve("config.json") + " (DL4J version 1.0.0-M2 -> ");
        com.fasterxml.jackson.databind.JsonNode repeat = org.rnnlab.core.Json.mapper().readTree(again.resolve("repeat-of.json").toFile());
        assertThat(repeat.path("repeat").asBoolean()).isTrue();
        assertThat(repeat.path("sameCode").isBoolean() && !repeat.path("sameCode").asBoolean()).as(repeat.toString()).isTrue();
        // trial 80b F3: --require-repeat makes a replay on changed data fail before anything is compared (other code is no refusal)
        Files.writeString(data, Files.readString(data).replaceFirst("\ns0,p0,", "\ns0,p0,1"));
        Path gated = dir.resolve("CR2");
        TrainEvaluatePredictTest.Run gate = TrainEvaluatePredictTest.run("compare", "--config", first.resolve("config.json").toString(),
                "--require-repeat", "--quiet", "--out", gated.toString());
        assertThat(gate.code()).as(gate.err()).isEqualTo(TrainCommand.EXIT_NOT_A_REPEAT);
        assertThat(gate.err()).contains("rnnlab compare: --require-repeat: this run would not repeat the run of "
                + first.resolve("config.json") + " (the data differ: changed since (content): [" + data + "]", "nothing compared");
        assertThat(gated).doesNotExist();
    }
}
