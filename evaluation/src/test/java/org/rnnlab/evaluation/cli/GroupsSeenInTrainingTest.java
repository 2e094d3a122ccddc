package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A run with a group column records the groups of its splits (split-groups.csv), and evaluate warns of new sequences
 * from groups the model trained or was selected on. (A user's try: 50 new recordings of training machines scored
 * without a word, where train warned of the same file given as --test.)
 */
class GroupsSeenInTrainingTest {

    @TempDir
    Path dir;

    /** 4 sequences of each of the machines {@code first}.. {@code first + machines - 1}, ids from {@code idBase}. */
    private static String csv(int first, int machines, int idBase, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("sequence_id,machine,x,label\n");
        int id = idBase;
        for (int m = first; m < first + machines; m++) {
            for (int k = 0; k < 4; k++, id++) {
                boolean fault = k % 2 == 0;
                for (int t = 0; t < 5; t++) {
                    b.append(String.format(Locale.ROOT, "s%d,M%02d,%.4f,%s%n", id, m, (fault ? 1 : -1) + 0.3 * r.nextGaussian(),
                            fault ? "fault" : "ok"));
                }
            }
        }
        return b.toString();
    }

    @Test
    void newSequencesOfKnownMachinesAreWarnedOfAndOtherMachinesAreNot() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), csv(1, 12, 0, 1));
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "group=machine", "--hidden", "6",
                "--epochs", "2", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String groups = Files.readString(out.resolve("split-groups.csv"));
        assertThat(groups).startsWith("group,split\n").contains(",train\n").contains(",validation\n").contains(",test\n");
        String model = out.resolve("model.rnnlab").toString();

        Path known = Files.writeString(dir.resolve("known.csv"), csv(1, 2, 1000, 2)); // M01, M02: new ids, known machines
        Run onKnown = run("evaluate", "--model", model, "--input", known.toString());
        assertThat(onKnown.code()).as(onKnown.err()).isZero();
        long trainedOrSelected = groups.lines().filter(l -> (l.startsWith("M01,") || l.startsWith("M02,")) && !l.endsWith(",test")).count();
        if (trainedOrSelected > 0) {
            assertThat(onKnown.err()).contains("of the 8 sequences come from").contains("group(s) of group column machine that "
                    + "this model's run trained or selected on");
        }
        // the group column is optional in new data: --ignore-columns leaves it out (it was refused as read by the model)
        Run withGroup = run("predict", "--model", model, "--input", known.toString());
        Run withoutGroup = run("predict", "--model", model, "--input", known.toString(), "--ignore-columns", "machine");
        assertThat(withoutGroup.code()).as(withoutGroup.err()).isZero();
        assertThat(withoutGroup.out()).isEqualTo(withGroup.out());
        assertThat(run("predict", "--model", model, "--input", known.toString(), "--ignore-columns", "label").err())
                .contains("a label column is optional in new data");
        Path fresh = Files.writeString(dir.resolve("fresh.csv"), csv(20, 2, 2000, 3)); // machines never seen
        Run onFresh = run("evaluate", "--model", model, "--input", fresh.toString());
        assertThat(onFresh.code()).as(onFresh.err()).isZero();
        assertThat(onFresh.err()).doesNotContain("group(s) of group column");
        // all 12 machines of training: every one trained or selected on except the test split's
        Path all = Files.writeString(dir.resolve("all.csv"), csv(1, 12, 3000, 4));
        long testMachines = groups.lines().filter(l -> l.endsWith(",test")).count();
        assertThat(run("evaluate", "--model", model, "--input", all.toString()).err())
                .contains((12 - testMachines) * 4 + " of the 48 sequences come from " + (12 - testMachines) + " group(s) of group "
                        + "column machine that this model's run trained or selected on");
    }
    @Test
    void aGroupWrittenInAnotherCaseIsNotedAndNotCountedSilentlyAsAGroupNeverSeen() throws Exception {
        // trial 76f F14: one chamber 'C' wafer written 'c' was scored as a group of its own ('c' 1/1 beside 'C' 8/8) and
        // counted among the groups the model never saw, while train warns of such values in its data
        String model = trainedOn12Machines();
        String trainedMachine = Files.readAllLines(dir.resolve("run/split-groups.csv")).stream().filter(l -> l.endsWith(",train"))
                .map(l -> l.split(",")[0]).findFirst().orElseThrow();
        int m = Integer.parseInt(trainedMachine.substring(1));
        String lower = csv(m, 1, 7100, 5).lines().skip(1).map(l -> l.replace("," + trainedMachine + ",", ","
                + trainedMachine.toLowerCase(Locale.ROOT) + ",")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        Path f = Files.writeString(dir.resolve("spelt.csv"), csv(m, 1, 7000, 4) + lower);
        String low = trainedMachine.toLowerCase(Locale.ROOT);
        Run scored = run("evaluate", "--model", model, "--input", f.toString());
        assertThat(scored.code()).as(scored.err()).isZero();
        String note = "evaluate: note: the values '" + trainedMachine + "', '" + low + "' of group column 'machine' differ only in case "
                + "and are scored as separate groups ('" + trainedMachine + "' 4 sequence(s), first 's7000'; '" + low + "' 4 "
                + "sequence(s), first 's7100'): the scores by group, the few-groups lines and the intervals that resample groups "
                + "take them apart: if they are one group, write it one way (pandas: df[\"machine\"] = df[\"machine\"].replace({'"
                + low + "': '" + trainedMachine + "'}))";
        assertThat(scored.err()).contains(note)
                .contains("4 of the 8 sequences come from 1 group(s) of group column machine that this model's run trained or "
                        + "selected on")
                .contains("; 4 more sequences come from group(s) '" + low + "' 4, which differ only in case from group(s) the run trained or "
                        + "selected on ('" + low + "' as '" + trainedMachine + "') and are counted here as groups it never saw: if "
                        + "they are the same groups, their scores are optimistic too");
        // --group-column: the same note
        assertThat(run("evaluate", "--model", model, "--input", f.toString(), "--group-column", "machine").err()).contains(note);
        // written one way: no note
        Path one = Files.writeString(dir.resolve("one.csv"), csv(m, 1, 7000, 4));
        assertThat(run("evaluate", "--model", model, "--input", one.toString()).err()).doesNotContain("differ only in case");
    }

    /** A model trained on train.csv of 12 machines (group column machine) in run/: its model file. */
    private String trainedOn12Machines() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), csv(1, 12, 0, 1));
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "group=machine", "--hidden", "6",
                "--epochs", "2", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        return out.resolve("model.rnnlab").toString();
    }

    @Test
    void fewGroupsGetEachGroupsScoreNotAnIntervalAndTheSplitPathSaysAsMuchAsInput() throws Exception {
        // a trial: 3 athletes' "95% intervals resampling the groups" were their lowest and highest scores, called reliable
        String model = trainedOn12Machines();
        Path train = dir.resolve("train.csv");
        Path three = Files.writeString(dir.resolve("three.csv"), csv(30, 3, 5000, 7)); // 3 new machines, 12 sequences
        Run onThree = run("evaluate", "--model", model, "--input", three.toString());
        assertThat(onThree.code()).as(onThree.err()).isZero();
        assertThat(onThree.out()).contains("the 12 sequences come from 3 groups of the column machine")
                .contains("(3 groups are too few for intervals or a verdict across groups").contains("'M30' ")
                .doesNotContain("95% intervals resampling");
        Run json = run("evaluate", "--model", model, "--input", three.toString(), "--json");
        com.fasterxml.jackson.databind.JsonNode scores = org.rnnlab.core.Json.mapper().readTree(json.out()).get("intervals95")
                .get("groupScores");
        assertThat(scores).hasSize(3);
        int right = 0;
        for (com.fasterxml.jackson.databind.JsonNode g : scores) {
            assertThat(g.get("sequences").asInt()).isEqualTo(4);
            assertThat(g.get("accuracy").asDouble()).isEqualTo(g.get("right").asInt() / 4.0);
            right += g.get("right").asInt();
        }
        assertThat(right / 12.0).isEqualTo(org.rnnlab.core.Json.mapper().readTree(json.out()).get("metrics").get("ACCURACY").asDouble());
        // 8 machines: intervals resampling them
        Path eight = Files.writeString(dir.resolve("eight.csv"), csv(40, 8, 6000, 8));
        assertThat(run("evaluate", "--model", model, "--input", eight.toString()).out()).contains("95% intervals resampling the 8 groups")
                .doesNotContain("too few for intervals");
        // the run's own test split, scored by --split: its groups are said as for --input
        Run split = run("evaluate", "--model", model, "--dataset", "csv", "--train", train.toString(), "--split", "test");
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.out()).contains("sequences come from").contains("groups of the column machine");
    }
    @Test
    void aClassWhoseSequencesComeFromFewGroupsIsNamedWithItsRecallInEachOfThem() throws Exception {
        // a trial's test split held 42 EV-charger days from 3 households: recall 0.6667 rested on those 3, and nothing said so
        String model = trainedOn12Machines();
        Random r = new Random(11);
        StringBuilder b = new StringBuilder("sequence_id,machine,x,label\n");
        int id = 8000;
        for (int m = 60; m < 72; m++) { // 12 machines with 2 ok sequences each; M60-M62 also 4 fault each
            for (int k = 0; k < (m < 63 ? 6 : 2); k++, id++) {
                boolean fault = k >= 2;
                for (int t = 0; t < 5; t++) {
                    b.append(String.format(Locale.ROOT, "s%d,M%02d,%.4f,%s%n", id, m, (fault ? 1 : -1) + 0.3 * r.nextGaussian(),
                            fault ? "fault" : "ok"));
                }
            }
        }
        Path f = Files.writeString(dir.resolve("fault-few-machines.csv"), b.toString());
        // each machine's recalled fault sequences, from predict's classes
        Run predicted = run("predict", "--model", model, "--input", f.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        Map<String, String> machineOf = new HashMap<>();
        Map<String, String> labelOf = new HashMap<>();
        Files.readAllLines(f).stream().skip(1).forEach(l -> {
            machineOf.put(l.split(",")[0], l.split(",")[1]);
            labelOf.put(l.split(",")[0], l.split(",")[3]);
        });
        Map<String, Integer> recalled = new TreeMap<>(Map.of("M60", 0, "M61", 0, "M62", 0));
        predicted.out().lines().skip(1).filter(l -> l.split(",")[1].equals("fault") && labelOf.get(l.split(",")[0]).equals("fault"))
                .forEach(l -> recalled.merge(machineOf.get(l.split(",")[0]), 1, Integer::sum));
        assertThat(recalled).containsOnlyKeys("M60", "M61", "M62");

        Run text = run("evaluate", "--model", model, "--input", f.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains(String.format(Locale.ROOT, "%n(few groups: fault 12 sequences from 3 groups, recalled by group "
                + "'M60' %d/4, 'M61' %d/4, 'M62' %d/4; its recall and F1 rest on so few groups, whose sequences are not independent, "
                + "that one group more or less moves them far: score data of more groups where there are any (compare --cv K scores "
                + "every group of the training data once), or read them as these groups' scores)%n", recalled.get("M60"), recalled.get("M61"), recalled.get("M62")))
                .as("ok: 24 sequences from 12 machines").doesNotContain("; ok 24 sequences").doesNotContain("few groups: ok");
        int sum = recalled.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(text.out()).containsPattern(String.format(Locale.ROOT, "(?m)^fault +\\S+ +%.4f +\\S+ +12$", sum / 12.0));

        com.fasterxml.jackson.databind.JsonNode json = org.rnnlab.core.Json.mapper().readTree(run("evaluate", "--model", model,
                "--input", f.toString(), "--json").out());
        com.fasterxml.jackson.databind.JsonNode few = json.get("fewGroups");
        assertThat(few).hasSize(1);
        assertThat(few.get(0).get("label").asText()).isEqualTo("fault");
        assertThat(few.get(0).get("sequences").asInt()).isEqualTo(12);
        assertThat(few.get(0).get("groups").asInt()).isEqualTo(3);
        assertThat(few.get(0).get("recalled").asInt()).isEqualTo(sum);
        Map<String, Integer> byGroup = new TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode g : few.get(0).get("byGroup")) {
            assertThat(g.get("sequences").asInt()).isEqualTo(4);
            byGroup.put(g.get("group").asText(), g.get("recalled").asInt());
        }
        assertThat(byGroup).isEqualTo(recalled);

        // without the group column nothing is known of groups: no line, no field
        Run noGroups = run("evaluate", "--model", model, "--input", f.toString(), "--ignore-columns", "machine");
        assertThat(noGroups.code()).as(noGroups.err()).isZero();
        assertThat(noGroups.out()).doesNotContain("few groups");
        assertThat(org.rnnlab.core.Json.mapper().readTree(run("evaluate", "--model", model, "--input", f.toString(), "--json",
                "--ignore-columns", "machine").out()).has("fewGroups")).isFalse();
        // 10 machines of fault sequences are not few: the data of 12 machines, each with 2 of either class
        Path many = Files.writeString(dir.resolve("many.csv"), csv(60, 12, 9000, 12));
        com.fasterxml.jackson.databind.JsonNode manyJson = org.rnnlab.core.Json.mapper().readTree(run("evaluate", "--model", model,
                "--input", many.toString(), "--json").out());
        assertThat(manyJson.get("fewGroups")).isEmpty();
    }

    @Test
    void unknownLabelsAreAnErrorOrLeftOutAndReported() throws Exception {
        // a network trial's capture of another day held a new attack type: evaluate refused the whole file
        String model = trainedOn12Machines();
        String day2 = csv(30, 3, 7000, 9);
        // machine M31's 'ok' sequences are of a class the model never learnt
        String withNew = day2.lines().map(l -> l.contains(",M31,") && l.endsWith(",ok") ? l.replace(",ok", ",new-attack") : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        Path f = Files.writeString(dir.resolve("day2.csv"), withNew);
        Run refused = run("evaluate", "--model", model, "--input", f.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("label 'new-attack'").contains("is not one of the model's labels")
                .contains("is read as the model's with --label-map FILE (columns from,to)");
        Run reported = run("evaluate", "--model", model, "--input", f.toString(), "--unknown-labels", "report");
        assertThat(reported.code()).as(reported.err()).isZero();
        assertThat(reported.err()).contains("2 of the 12 sequences have labels the model does not know, left out of the scores: "
                + "'new-attack' (2, called ");
        assertThat(reported.out()).contains("on 10 examples")
                // and as a table on standard output, after the scores: each such label against the classes it was given
                .contains("\nsequences of labels the model does not know, left out of the scores (rows: their label, columns: the "
                        + "class the model gave them)\n").containsPattern("(?m)^new-attack +\\d+ +\\d+ +2  (fault|ok)");
        Run json = run("evaluate", "--model", model, "--input", f.toString(), "--unknown-labels", "report", "--json");
        com.fasterxml.jackson.databind.JsonNode u = org.rnnlab.core.Json.mapper().readTree(json.out()).get("unknownLabels");
        assertThat(u).hasSize(1);
        assertThat(u.get(0).get("label").asText()).isEqualTo("new-attack");
        assertThat(u.get(0).get("sequences").asInt()).isEqualTo(2);
        int called = 0;
        for (var e : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) u.get(0).get("predicted")::fields) {
            assertThat(e.getKey()).isIn("fault", "ok");
            called += e.getValue().asInt();
        }
        assertThat(called).isEqualTo(2);
        assertThat(run("evaluate", "--model", model, "--input", f.toString(), "--unknown-labels", "skip").err())
                .contains("--unknown-labels skip is unknown");
    }

    @Test
    void aLabelMapReadsANewFilesOwnSpellingAsTheModelsLabel() throws Exception {
        // a chemist's new batch spelt LDPE where training said PE-LD: refused as an unknown label, and only sed helped
        String model = trainedOn12Machines();
        String spelt = csv(30, 3, 7000, 9).lines().map(l -> l.contains(",M31,") && l.endsWith(",ok") ? l.replace(",ok", ",OK ") : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        Path f = Files.writeString(dir.resolve("spelt.csv"), spelt);
        assertThat(run("evaluate", "--model", model, "--input", f.toString()).code()).isNotZero();
        Path map = Files.writeString(dir.resolve("map.csv"), "from,to\nOK,ok\nnever,ok\n");
        Run mapped = run("evaluate", "--model", model, "--input", f.toString(), "--label-map", map.toString());
        assertThat(mapped.code()).as(mapped.err()).isZero();
        assertThat(mapped.err()).contains("evaluate: label map " + map + ": 2 sequences relabelled: 'OK' read as 'ok' in 2 sequences")
                .contains("the label 'never' occurs in none of the data read");
        assertThat(mapped.out()).contains("on 12 examples");
        Path chain = Files.writeString(dir.resolve("chain.csv"), "from,to\nOK,ok\nok,fault\n");
        Run refused = run("evaluate", "--model", model, "--input", f.toString(), "--label-map", chain.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("chain.csv:3: a chain: line 2 maps 'OK' to 'ok' and line 3 maps 'ok' to 'fault'");
    }

    @Test
    void unknownLabelsCountedAreWrongInAnAccuracyOverAllSequencesAndTheOtherScoresStayOverTheKnownLabels() throws Exception {
        String model = trainedOn12Machines();
        String withNew = csv(30, 3, 7000, 9).lines().map(l -> l.contains(",M31,") && l.endsWith(",ok") ? l.replace(",ok", ",new-attack") : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        Path f = Files.writeString(dir.resolve("day2.csv"), withNew);
        Run counted = run("evaluate", "--model", model, "--input", f.toString(), "--unknown-labels", "count");
        assertThat(counted.code()).as(counted.err()).isZero();
        assertThat(counted.err()).contains("2 of the 12 sequences have labels the model does not know, counted as wrong in the "
                + "accuracy over all sequences, left out of the other scores: 'new-attack' (2, called ");
        assertThat(counted.out()).contains("on 10 examples")
                .containsPattern("accuracy over all 12 sequences, the 2 of labels the model does not know counted as wrong \\(they "
                        + "can never be right\\): 0\\.\\d{4} \\(\\d+ right\\)")
                .contains("  'new-attack': 2 sequences, 0 right (accuracy 0.0000)")
                .contains("macro-F1, Cohen's kappa, ROC AUC and the other scores above are over the 10 sequences of the model's labels only");
        com.fasterxml.jackson.databind.JsonNode json = org.rnnlab.core.Json.mapper().readTree(run("evaluate", "--model", model,
                "--input", f.toString(), "--unknown-labels", "count", "--json").out());
        com.fasterxml.jackson.databind.JsonNode c = json.get("unknownLabelsCounted");
        assertThat(c.get("sequences").asInt()).isEqualTo(12);
        assertThat(c.get("unknownLabelSequences").asInt()).isEqualTo(2);
        int right = c.get("right").asInt();
        assertThat(right).isBetween(0, 10);
        assertThat(c.get("accuracy").asDouble()).isEqualTo(right / 12.0);
        assertThat(json.get("unknownLabels")).hasSize(1);
        // report leaves them out of every score: no such accuracy
        assertThat(run("evaluate", "--model", model, "--input", f.toString(), "--unknown-labels", "report").out())
                .doesNotContain("accuracy over all");
    }

    @Test
    void dataWithNoLabelOfTheModelGetTheTableOfTheirLabelsAndTheClassesGivenThenNothingToScore() throws Exception {
        // a sleep trial: R&K labels ('Sleep stage 1', ...) for a model of N1, ...; --unknown-labels report ended with "nothing
        // to score" (exit 2) and no table, where 'Sleep stage 1' called N1 would have told the two schemes apart at once
        String model = trainedOn12Machines();
        List<String> classes = org.rnnlab.training.ModelBundle.readCard(Path.of(model)).labelNames();
        assertThat(classes).containsExactly("fault", "ok");
        Path f = Files.writeString(dir.resolve("other-scheme.csv"), csv(30, 3, 7000, 9).replace(",fault\n", ",Stage F\n")
                .replace(",ok\n", ",Stage O\n"));
        // what the table must count: predict's class for each sequence, by the sequence's label in the file
        Run predicted = run("predict", "--model", model, "--input", f.toString());
        assertThat(predicted.code()).as(predicted.err()).isZero();
        Map<String, String> labelOf = new HashMap<>();
        Files.readAllLines(f).stream().skip(1).forEach(l -> labelOf.put(l.split(",")[0], l.split(",")[3]));
        Map<String, Map<String, Integer>> expected = new TreeMap<>();
        predicted.out().lines().skip(1).forEach(l -> expected.computeIfAbsent(labelOf.get(l.split(",")[0]), k -> new TreeMap<>())
                .merge(l.split(",")[1], 1, Integer::sum));
        assertThat(expected.keySet()).containsExactly("Stage F", "Stage O");

        Run reported = run("evaluate", "--model", model, "--input", f.toString(), "--unknown-labels", "report");
        assertThat(reported.code()).as("nothing scored: an error, as without the option, not a usage error").isEqualTo(1);
        assertThat(reported.out()).startsWith(model + " on every sequence of " + f + " (none scored: all 12 sequences have labels "
                + "the model does not know)\n\nsequences of labels the model does not know, left out of the scores (rows: their label, "
                + "columns: the class the model gave them)\n");
        for (var e : expected.entrySet()) {
            int fault = e.getValue().getOrDefault("fault", 0);
            int ok = e.getValue().getOrDefault("ok", 0);
            String mostly = fault == ok ? "fault, ok 50% each" : (fault > ok ? "fault " : "ok ")
                    + String.format(Locale.ROOT, "%.0f%%", 100.0 * Math.max(fault, ok) / 6);
            assertThat(reported.out()).contains(String.format(Locale.ROOT, "%-8s %6d %6d %6d  %s%n", e.getKey(), fault, ok, 6, mostly));
        }
        assertThat(reported.err()).contains("12 of the 12 sequences have labels the model does not know")
                .contains("has a label of the model [fault, ok]: nothing to score (--unknown-labels report left out all 12; "
                        + "the table above gives the classes the model gave them");
        Run json = run("evaluate", "--model", model, "--input", f.toString(), "--unknown-labels", "report", "--json");
        assertThat(json.code()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode node = org.rnnlab.core.Json.mapper().readTree(json.out());
        assertThat(node.get("examples").asInt()).isZero();
        assertThat(node.has("metrics")).isFalse();
        assertThat(node.get("model").get("sha256").asText()).hasSize(64);
        assertThat(node.get("warnings").toString()).contains("12 of the 12 sequences have labels the model does not know");
        Map<String, Map<String, Integer>> listed = new TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode u : node.get("unknownLabels")) {
            assertThat(u.get("sequences").asInt()).isEqualTo(6);
            u.get("predicted").fields().forEachRemaining(p -> listed.computeIfAbsent(u.get("label").asText(), k -> new TreeMap<>())
                    .put(p.getKey(), p.getValue().asInt()));
        }
        assertThat(listed).isEqualTo(expected);
        assertThat(json.err()).contains("nothing to score").contains("unknownLabels gives the classes the model gave them");
        // without the option the refusal points to it for what it can still show
        Run refused = run("evaluate", "--model", model, "--input", f.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("--unknown-labels report shows the classes the model gives each of these labels (no "
                + "sequence is left to score)");
    }
}
