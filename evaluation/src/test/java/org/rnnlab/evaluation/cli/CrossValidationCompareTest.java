package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/** {@code rnnlab compare --cv K --group-column NAME} on a user's CSV, end to end as a user starts it. */
class CrossValidationCompareTest {

    /** 10 volunteers x 6 sequences of 5 steps; the label is the sign of the first step, plus noise. */
    static Path volunteers(Path dir) throws Exception {
        Random random = new Random(3);
        StringBuilder sb = new StringBuilder("id,time,x,volunteer,label\n");
        for (int v = 0; v < 10; v++) {
            for (int s = 0; s < 6; s++) {
                String label = (s + v) % 2 == 0 ? "up" : "down";
                for (int t = 0; t < 5; t++) {
                    double x = (t == 0 ? (label.equals("up") ? 1 : -1) : 0) + 0.3 * random.nextGaussian();
                    sb.append(String.format(Locale.ROOT, "v%d-s%d,%d,%.4f,person%d,%s%n", v, s, t, x, v, label));
                }
            }
        }
        Path f = dir.resolve("volunteers.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    /** 40 daily sequences of 4 hourly steps over 80 days (every other day), the label the sign of the first step. */
    static Path daily(Path dir) throws Exception {
        Random random = new Random(4);
        StringBuilder sb = new StringBuilder("id,time,x,label\n");
        java.time.LocalDate day = java.time.LocalDate.of(2025, 1, 1);
        for (int s = 0; s < 40; s++) {
            String label = s % 2 == 0 ? "up" : "down";
            for (int t = 0; t < 4; t++) {
                double x = (t == 0 ? (label.equals("up") ? 1 : -1) : 0) + 0.3 * random.nextGaussian();
                sb.append(String.format(Locale.ROOT, "d%d,%sT%02d:00:00,%.4f,%s%n", s, day.plusDays(2L * s), t, x, label));
            }
        }
        return Files.writeString(dir.resolve("daily.csv"), sb.toString());
    }

    @Test
    void splitByTimeFoldsWalkForwardAndRandomFoldsOfDatesAreNoted(@TempDir Path dir) throws Exception {
        Path csv = daily(dir);
        Path out = dir.resolve("wf");
        String[] data = {"compare", "--dataset", "csv", "--train", csv.toString(), "--set", "sequenceId=id", "--set", "time=time",
                "--cells", "rnn", "--seeds", "1", "--epochs", "1", "--hidden", "4", "--cv", "3", "--probe", "0", "--quiet"};
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(data),
                java.util.stream.Stream.of("--set", "splitBy=time", "--out", out.toString())).toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        // 4 blocks of 10 days' sequences: fold k trains on the k+1 earliest blocks and tests on the next
        assertThat(run.err()).contains("3-fold walk-forward by time cross-validation (expanding window)")
                // the fold's latest earlier sequences are its validation (6 of 34 in the data's own split: 2 of 10, 5 of 30)
                .contains("fold 0: trains on 8 sequences starting 2025-01-01 00:00:00 to 2025-01-15 00:00:00 (validation: the 2 "
                        + "after them), tests on 10 starting 2025-01-21 00:00:00 to 2025-02-08 00:00:00")
                .contains("fold 2: trains on 25 sequences starting 2025-01-01 00:00:00 to 2025-02-18 00:00:00 (validation: the 5 "
                        + "after them), tests on 10")
                .doesNotContain("left out")
                .doesNotContain("drawn at random");
        assertThat(run.out()).contains("cross-validation: 3-fold walk-forward by time");
        List<String> folds = Files.readAllLines(out.resolve("folds.csv"));
        // the earliest block is never tested: its fold cell is empty
        assertThat(folds.stream().skip(1).filter(l -> l.endsWith(",")).count()).isEqualTo(10);
        assertThat(folds).contains("d0,", "d10,0", "d39,2");
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.at("/comparison/crossValidation/assignment").asText()).isEqualTo("time");
        // walk-forward folds hold no groups: results.csv's test_groups (before macro_f1_present_or_predicted, layers and hidden) is empty, the console's fold
        // lines name none
        assertThat(Files.readAllLines(out.resolve("results.csv")).stream().skip(1).toList()).hasSize(3)
                .allSatisfy(l -> assertThat(l).matches(".*,,[0-9.E-]+,1,\\d+,[0-9.E-]+,[0-9.]+,[a-z-]+,(true|false)$")); // then layers and hidden, learning rate, dropout, head, residual
        assertThat(run.err()).contains(" fold 0: test accuracy").doesNotContain(" fold 0 (");

        // the same data folded at random: said to test on dates among training ones
        TrainEvaluatePredictTest.Run random = TrainEvaluatePredictTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(data),
                java.util.stream.Stream.of("--out", dir.resolve("random").toString())).toArray(String[]::new));
        assertThat(random.code()).as(random.err()).isZero();
        assertThat(random.err()).contains("the sequences start from 2025-01-01 00:00:00 to 2025-03-20 00:00:00 (78 days) and the "
                + "--cv folds are drawn at random").contains("--set splitBy=time folds walk-forward");

        // a group column does not go with walk-forward folds
        TrainEvaluatePredictTest.Run grouped = TrainEvaluatePredictTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(data),
                java.util.stream.Stream.of("--set", "splitBy=time", "--group-column", "label", "--out", dir.resolve("g").toString()))
                .toArray(String[]::new));
        assertThat(grouped.code()).isEqualTo(2);
        assertThat(grouped.err()).contains("--group-column does not go with --set splitBy=time");
        // spelled --set group= (the same, README says): refused alike before the load, not by the single carve by time of
        // new groups that --cv discards (a trial's exit 1 asked for smaller fractions)
        TrainEvaluatePredictTest.Run setGroup = TrainEvaluatePredictTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(data),
                java.util.stream.Stream.of("--set", "splitBy=time", "--set", "group=label", "--out", dir.resolve("sg").toString()))
                .toArray(String[]::new));
        assertThat(setGroup.code()).as(setGroup.err()).isEqualTo(2);
        assertThat(setGroup.err()).contains("--set group=label does not go with --set splitBy=time under --cv: --cv then folds "
                + "walk-forward by time").doesNotContain("smaller fractions");
        assertThat(dir.resolve("sg")).doesNotExist();
    }

    @Test
    void foldsByVolunteerAndPairedDifferences(@TempDir Path dir) throws Exception {
        Path csv = volunteers(dir);
        Path out = dir.resolve("cv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x",
                "--cells", "rnn,lstm", "--seeds", "2", "--epochs", "2", "--hidden", "4", "--cv", "5", "--group-column", "volunteer",
                "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        // the header counted the carved train / validation / test split, which no fold's run uses
        assertThat(run.err()).contains("on csv: 60 examples pooled into the folds").doesNotContain("validation / ");
        assertThat(run.err()).contains("5-fold by volunteer").contains("compare: 20 runs").contains("x 5 folds");
        assertThat(run.out()).contains("cross-validation: 5-fold by volunteer").contains("paired accuracy differences")
                // the 2 seeds of a fold share its test examples: the pairs are the 5 folds (each the mean of 2 seeds), too few
                // for a verdict, and the advice is more folds (a bioacoustics trial got "reliably worse" from 2 seeds x 4 folds)
                .containsPattern("rnn\\s+- lstm\\s+[-+]\\d\\.\\d{4} n/a n=5 folds, each the mean of 2 seeds p=\\d\\.\\d{3}  too few folds \\(5 < 6\\)")
                .contains("no verdict of \"reliably\" is possible with 5 folds", "give --cv 6 or more");

        // which volunteer went into which fold (a trial found it in no file): each volunteer in one fold, the 5 folds used
        List<String> folds = Files.readAllLines(out.resolve("folds.csv"));
        assertThat(folds.get(0)).isEqualTo("sequence_id,group,fold");
        assertThat(folds).hasSize(61);
        java.util.Map<String, java.util.Set<String>> foldsOf = new java.util.HashMap<>();
        folds.stream().skip(1).map(l -> l.split(",")).forEach(c -> foldsOf.computeIfAbsent(c[1], g -> new java.util.HashSet<>()).add(c[2]));
        assertThat(foldsOf.values()).allSatisfy(f -> assertThat(f).hasSize(1));
        assertThat(foldsOf.values().stream().flatMap(java.util.Set::stream).distinct().sorted().toList())
                .as("numbered as results.csv numbers folds").containsExactly("0", "1", "2", "3", "4");

        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.at("/comparison/crossValidation/folds").asInt()).isEqualTo(5);
        assertThat(config.at("/comparison/crossValidation/group").asText()).isEqualTo("volunteer");
        assertThat(config.at("/datasetOptions/settings/group").asText()).isEqualTo("volunteer");

        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertThat(rows).hasSize(1 + 20);
        Map<String, Set<String>> foldsByRun = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            foldsByRun.computeIfAbsent(cells[0] + " " + cells[3], k -> new HashSet<>())
                    .add(cells[List.of(rows.get(0).split(",")).indexOf("fold")]);
        }
        assertThat(foldsByRun).hasSize(4);
        assertThat(foldsByRun.values()).allSatisfy(f -> assertThat(f).containsExactlyInAnyOrder("0", "1", "2", "3", "4"));
        try (var files = Files.list(out.resolve("runs"))) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(20).contains("lstm-seed2-fold4.json");
        }
        List<String> differences = Files.readAllLines(out.resolve("differences.csv"));
        assertThat(differences.get(0)).isEqualTo("a,b,metric,pairs,mean_difference,ci_low,ci_high,p_value,reliable,verdict,unit,n,"
                + "seeds_per_unit,unfinished,scope,p_holm,definition");
        assertThat(differences).anySatisfy(l -> assertThat(l).startsWith("rnn,lstm,accuracy,5,").contains(",fold,5,2,"));
        // every test example is tested once per configuration and seed: 60 sequences over the 5 folds
        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        int tested = 0;
        for (JsonNode r : results.get("runs")) {
            if (r.get("configuration").asText().equals("lstm") && r.get("seed").asInt() == 1) {
                tested += r.at("/test/examples").asInt();
            }
        }
        assertThat(tested).isEqualTo(60);
        assertThat(Files.readString(out.resolve("index.html"))).contains("Which differences are reliable").contains("5-fold by volunteer");

        // the best line gives the spread of the mean it calls the estimate: its configuration's 10 runs (2 seeds x 5 folds)
        java.util.regex.Matcher best = java.util.regex.Pattern.compile("(rnn|lstm) \\(chosen by mean [^;]+; mean test macro-F1 "
                + "(\\d\\.\\d{4}) \\(its 10 fold runs, 5 folds x 2 seeds, (\\d\\.\\d{4}) to (\\d\\.\\d{4}), sd (\\d\\.\\d{4})\\)").matcher(run.out());
        assertThat(best.find()).as(run.out()).isTrue();
        List<Double> f1 = new java.util.ArrayList<>();
        for (JsonNode r : results.get("runs")) {
            if (r.get("configuration").asText().equals(best.group(1))) {
                f1.add(r.at("/test/metrics/MACRO_F1").asDouble(Double.NaN));
            }
        }
        assertThat(f1).hasSize(10);
        assertThat(Double.parseDouble(best.group(3))).isCloseTo(java.util.Collections.min(f1), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(Double.parseDouble(best.group(4))).isCloseTo(java.util.Collections.max(f1), org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void eachFoldsHeldOutGroupsAreNamedBesideItsScores(@TempDir Path dir) throws Exception {
        // leave-two-volunteers-out: a trial joined folds.csv to results.csv by hand to learn which signer its worst fold held out
        Path csv = volunteers(dir);
        Path out = dir.resolve("cv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x",
                "--cells", "rnn,gru", "--seeds", "2", "--epochs", "1", "--hidden", "3", "--cv", "5", "--group-column", "volunteer",
                "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Map<String, java.util.TreeSet<String>> groupsByFold = new HashMap<>();
        Files.readAllLines(out.resolve("folds.csv")).stream().skip(1).map(l -> l.split(","))
                .forEach(c -> groupsByFold.computeIfAbsent(c[2], k -> new java.util.TreeSet<>()).add(c[1]));
        assertThat(groupsByFold).hasSize(5).allSatisfy((fold, groups) -> assertThat(groups).hasSize(2));

        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        assertThat(rows.get(0)).endsWith(",log_loss,average_precision,test_groups,macro_f1_present_or_predicted,layers,hidden,learning_rate,dropout,head,residual");
        assertThat(rows).hasSize(1 + 20);
        Set<String> seen = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(header.size());
            String fold = cells[header.indexOf("fold")];
            String groups = cells[header.indexOf("test_groups")];
            assertThat(groups).as(row).isEqualTo(String.join(";", groupsByFold.get(fold)));
            seen.add(groups);
            // the console's line of that run names them too: "rnn   seed 1 fold 3 (person2;person7): test accuracy ..."
            assertThat(run.err()).containsPattern(cells[0] + "\\s+seed " + cells[3] + " fold " + fold + " \\(" + groups + "\\): test accuracy");
        }
        assertThat(seen).hasSize(5);

        JsonNode results = Json.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.at("/foldGroups/0").size()).isEqualTo(2);
        String summary = Files.readString(out.resolve("summary.md"));
        String html = Files.readString(out.resolve("index.html"));
        assertThat(summary).contains("| fold | test volunteer | rnn | gru |");
        assertThat(html).contains("Test accuracy by fold: the groups each fold held out");
        for (Map.Entry<String, java.util.TreeSet<String>> e : groupsByFold.entrySet()) {
            String groups = String.join(";", e.getValue());
            assertThat(summary).containsPattern("\\| " + e.getKey() + " \\| " + groups + " \\| \\d\\.\\d{4} ± \\d\\.\\d{4} \\| ");
            assertThat(html).contains("<th scope=\"row\">" + e.getKey() + "</th><td>" + groups + "</td><td>");
        }
    }

    @Test
    void foldsByFewGroupsSayTheirSizesAndWarnThatEachFoldsValidationTakesAWholeGroup(@TempDir Path dir) throws Exception {
        // a trial's 3 plants under --cv 3: each fold's validation carve took a whole plant, so every fold trained on one plant,
        // while compare said the carve warnings "do not apply" and printed no fold's training size
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder("id,time,x,plant,label\n");
        for (int p = 0; p < 3; p++) {
            for (int s = 0; s < 8; s++) {
                String label = s % 2 == 0 ? "pass" : "fail";
                for (int t = 0; t < 4; t++) {
                    sb.append(String.format(Locale.ROOT, "p%d-b%d,%d,%.4f,P%d,%s%n", p, s, t, random.nextGaussian(), p, label));
                }
            }
        }
        Path csv = Files.writeString(dir.resolve("plants.csv"), sb.toString());
        Path out = dir.resolve("cv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x", "--set", "group=plant",
                "--cv", "3", "--cells", "rnn", "--seeds", "1", "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet",
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        // each fold: 8 batches of one plant to train, 8 of another to validate, 8 of the third to test
        for (int k = 0; k < 3; k++) {
            assertThat(run.err()).contains("compare: fold " + k + ": train 8 (1 group) / validation 8 (1 group) / test 8 (1 group)");
        }
        String warning = "each fold carves its validation sequences from its training part by whole groups of plant, and in 3 of 3 "
                + "folds that takes half or more of the groups left for training (fold 0 trains on 1 and validates on 1 of its 2";
        assertThat(run.err()).contains("compare: warning: " + warning)
                .contains("--set validationFraction=0 with a fixed --epochs trains each fold on all its non-test groups")
                .doesNotContain("warning(s) about a carved split do not apply");
        assertThat(Files.readString(out.resolve(org.rnnlab.evaluation.run.DataWarnings.FILE))).contains(warning);

        // the advice taken: no validation carve, each fold trains on both other plants, and nothing is warned of
        Path all = dir.resolve("all");
        TrainEvaluatePredictTest.Run advised = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x", "--set", "group=plant",
                "--set", "validationFraction=0", "--cv", "3", "--cells", "rnn", "--seeds", "1", "--hidden", "3", "--epochs", "1",
                "--probe", "0", "--quiet", "--out", all.toString());
        assertThat(advised.code()).as(advised.err()).isZero();
        assertThat(advised.err()).contains("compare: fold 0: train 16 (2 groups) / validation 0 (0 groups) / test 8 (1 group)")
                .doesNotContain("by whole groups of plant, and in");
    }

    @Test
    void crossValidatedRowsCarryThePooledAccuracyAndItsWilsonInterval(@TempDir Path dir) throws Exception {
        // a trial read "0.8750 +- 0.1149" (the sd over 6 folds) as the uncertainty of the estimate; pooled 63/72 has [0.779, 0.933]
        Path out = dir.resolve("cv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train",
                volunteers(dir).toString(), "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set",
                "features=x", "--cv", "3", "--cells", "rnn", "--seeds", "1", "--hidden", "3", "--epochs", "1", "--probe", "0",
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        // the pooled count rebuilt from results.csv: each fold's accuracy times its test part's size (folds.csv)
        List<String> folds = Files.readAllLines(out.resolve("folds.csv"));
        int[] sizes = new int[3];
        folds.stream().skip(1).forEach(l -> sizes[Integer.parseInt(l.substring(l.lastIndexOf(',') + 1))]++);
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        long correct = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            int fold = Integer.parseInt(cells[header.indexOf("fold")]);
            correct += Math.round(Double.parseDouble(cells[header.indexOf("accuracy")]) * sizes[fold]);
        }
        assertThat(sizes[0] + sizes[1] + sizes[2]).isEqualTo(60);
        double[] w = org.rnnlab.evaluation.metrics.ScoreIntervals.wilson(correct, 60);
        String line = String.format(Locale.ROOT, ": pooled %d/60 %.4f [%.3f, %.3f]", correct, correct / 60.0, w[0], w[1]);
        assertThat(run.out() + run.err()).contains("test accuracy pooled over the folds' test predictions, with its 95% Wilson "
                + "interval").contains(line);
        assertThat(Files.readString(out.resolve("summary.md"))).contains(line)
                .contains("± above is the fold-to-fold spread, not an interval");
    }

    @Test
    void foldWarningsReachTheReportAndTheDiscardedCarveIsNotWarnedOf(@TempDir Path dir) throws Exception {
        // three volunteers of 30 sequences (up/down) and one of 3 who recorded a class of its own: any group carve is far
        // from 15% (32% or 3%), and the fold testing that volunteer never trains on its class
        Random random = new Random(5);
        StringBuilder sb = new StringBuilder("id,time,x,volunteer,label\n");
        int[] sizes = {30, 30, 30, 3};
        for (int v = 0; v < sizes.length; v++) {
            for (int s = 0; s < sizes[v]; s++) {
                String label = v == 3 ? "rare" : s % 2 == 0 ? "up" : "down";
                for (int t = 0; t < 4; t++) {
                    sb.append(String.format(Locale.ROOT, "v%d-s%d,%d,%.4f,person%d,%s%n", v, s, t, random.nextGaussian(), v, label));
                }
            }
        }
        Path csv = Files.writeString(dir.resolve("uneven.csv"), sb.toString());
        Path out = dir.resolve("cv");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x", "--set", "group=volunteer",
                "--cv", "3", "--cells", "rnn", "--seeds", "1", "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet",
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        // a user's try: both warned of the carved splits, which --cv pools into folds, and the fold's warning was not kept;
        // the fold testing two volunteers carves one of its other two for validation, so the carve's shortfall recurs there
        assertThat(run.err()).doesNotContain("no test sequence of class(es)")
                .contains("--cv 3 pools the training, validation and test sequences into folds: the split sizes above do not apply "
                        + "(each fold's training part gives up its own validation sequences, by whole groups again: the shortfall of "
                        + "the carved split recurs in the folds, see below)")
                .contains("in 1 of 3 folds that takes half or more of the groups left for training (fold 0 trains on 1 and "
                        + "validates on 1 of its 2 non-test groups)");
        String kept = Files.readString(out.resolve(org.rnnlab.evaluation.run.DataWarnings.FILE));
        assertThat(kept).contains("have a class that no training example of the fold has ([rare])")
                .doesNotContain("split carved by group column");
        assertThat(Files.readString(out.resolve("index.html"))).contains("no training example of the fold has");
    }

    @Test
    void anExplicitTestFilePooledIntoTheFoldsIsWarnedOfOnStandardErrorAndInTheDataWarnings(@TempDir Path dir) throws Exception {
        // a user's --test file was pooled into the folds, said only by an INFO line
        List<String> lines = Files.readAllLines(volunteers(dir));
        Path train = Files.write(dir.resolve("train.csv"), lines.stream().filter(l -> !l.contains(",person9,")).toList());
        Path test = Files.write(dir.resolve("test.csv"), java.util.stream.Stream.concat(lines.stream().limit(1),
                lines.stream().filter(l -> l.contains(",person9,"))).toList());
        Path out = dir.resolve("pooled");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", train.toString(),
                "--test", test.toString(), "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set",
                "features=x", "--cells", "rnn", "--seeds", "1", "--epochs", "1", "--hidden", "4", "--cv", "2", "--probe", "0",
                "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        String warning = "--cv 2 pools the test file " + test + " into the folds with the training data: its examples are trained "
                + "on in some folds and used for selection (the kept epochs and the best configuration) in others, so the test "
                + "file is no longer held-out test data. rnnlab has no option to cross-validate on the training data alone; to "
                + "keep the test file out of the folds, leave out --test (--cv then pools --train alone)";
        assertThat(run.err()).contains("compare: warning: " + warning);
        assertThat(Files.readString(out.resolve("data-warnings.txt"))).contains(warning);
        assertThat(CompareCommand.pooledFiles(3, null, null)).isEmpty();
        assertThat(CompareCommand.pooledFiles(3, Path.of("t.csv"), Path.of("v.csv")).orElseThrow())
                .startsWith("--cv 3 pools the test file t.csv and the validation file v.csv into the folds")
                .contains("leave out --test and --validation");
        // a pooled test file is no leak of the folds (a trial's CV by speaker was called optimistic for it)
        assertThat(org.rnnlab.evaluation.compare.TrainAgain.testHoldsTrainingData(List.of(CompareCommand.pooledFiles(3,
                Path.of("t.csv"), null).orElseThrow()))).isFalse();
        assertThat(CompareCommand.pooledFiles(3, null, Path.of("v.csv")).orElseThrow())
                .contains("so it is not kept for validation").contains("leave out --validation (");
        assertThat(CompareCommand.pooledSplitColumn(3, "split", null)).startsWith("--cv 3 sets aside the split column 'split': its "
                + "training, validation and test rows are pooled").contains("compare without --cv").endsWith("give it with --group-column");
        assertThat(org.rnnlab.evaluation.compare.TrainAgain.testHoldsTrainingData(List.of(CompareCommand.pooledSplitColumn(3, "s", null))))
                .isTrue();
        // folds by group keep each series in one fold: said, and no leak (a trial's folds by station were called optimistic)
        assertThat(CompareCommand.pooledSplitColumn(3, "split", "station")).contains("draws the folds by group station, each "
                + "group's sequences in one fold: a split by time does not survive");
        assertThat(org.rnnlab.evaluation.compare.TrainAgain.testHoldsTrainingData(List.of(CompareCommand.pooledSplitColumn(3, "s",
                "station")))).isFalse();
    }

    @Test
    void groupColumnNeedsCvAndEnoughGroups(@TempDir Path dir) throws Exception {
        Path csv = volunteers(dir);
        TrainEvaluatePredictTest.Run alone = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x",
                "--group-column", "volunteer", "--out", dir.resolve("a").toString());
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).contains("--group-column applies with --cv only");
        TrainEvaluatePredictTest.Run tooMany = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x",
                "--cv", "11", "--group-column", "volunteer", "--out", dir.resolve("b").toString());
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).contains("10 distinct values of group 'volunteer', fewer than the 11 folds");
        assertThat(dir.resolve("b")).doesNotExist();
        // --set group= (the CSV's group column, which keeps groups in one carved split) makes the folds by group too
        TrainEvaluatePredictTest.Run bySet = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x", "--set", "group=volunteer",
                "--cv", "11", "--out", dir.resolve("d").toString());
        assertThat(bySet.code()).isEqualTo(2);
        assertThat(bySet.err()).contains("--cv keeps each group of --set group=volunteer in one fold")
                .contains("10 distinct values of group 'volunteer', fewer than the 11 folds");
        TrainEvaluatePredictTest.Run noTag = TrainEvaluatePredictTest.run("compare", "--set", "trainSize=60", "--set", "validationSize=20",
                "--set", "testSize=20", "--cv", "3", "--group-column", "subject", "--out", dir.resolve("c").toString());
        assertThat(noTag.code()).isEqualTo(2);
        assertThat(noTag.err()).contains("no group 'subject'").contains("distance");
    }

    @Test
    void groupNumbersAreNeitherReportedNorCutIntoBands(@TempDir Path dir) throws Exception {
        Path csv = volunteers(dir);
        String[] data = {"--dataset", "csv", "--train", csv.toString(), "--set", "sequenceId=id", "--set", "time=time", "--set",
                "label=label", "--set", "features=x", "--set", "group=volunteer"};
        Path run = dir.resolve("t");
        TrainEvaluatePredictTest.Run train = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(TrainEvaluatePredictTest.concat(
                new String[] {"train"}, data), "--hidden", "3", "--epochs", "1", "--quiet", "--out", run.toString()));
        assertThat(train.code()).as(train.err()).isZero();
        // the group tag's values number the volunteers' names in sorted order: before, results.json (and compare's chart by
        // volunteer) showed accuracy by those numbers, which the user cannot map back to the names
        JsonNode test = Json.mapper().readTree(run.resolve("results.json").toFile()).get("test");
        assertThat(test.get("examples").asInt()).isPositive();
        assertThat(test.get("buckets")).isEmpty();
        TrainEvaluatePredictTest.Run bands = TrainEvaluatePredictTest.run(TrainEvaluatePredictTest.concat(TrainEvaluatePredictTest.concat(
                new String[] {"compare"}, data), "--cells", "rnn", "--seeds", "1", "--hidden", "3", "--epochs", "1", "--probe", "0",
                "--bands", "volunteer:0-4,5-9", "--out", dir.resolve("c").toString()));
        assertThat(bands.code()).isNotZero();
        assertThat(bands.err()).contains("'volunteer' is the group column, whose values are names, not a quantity to cut into bands");
    }

    /**
     * A user's trial, smaller: 20 subjects of 15 sequences of 4 steps, 3 classes, subject s favouring class s mod 3 (11 of its
     * 15). Its folds dealt by size tested mostly one class each (every model ~0.13, below chance, without a word).
     */
    static Path favouring(Path dir) throws Exception {
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder("id,time,x,subject,label\n");
        for (int subject = 0; subject < 20; subject++) {
            for (int i = 0; i < 15; i++) {
                String label = List.of("a", "b", "c").get((subject + (i < 11 ? 0 : i < 13 ? 1 : 2)) % 3);
                for (int t = 0; t < 4; t++) {
                    sb.append(String.format(Locale.ROOT, "s%d-%d,%d,%.4f,s%02d,%s%n", subject, i, t, random.nextGaussian(), subject,
                            label)); // s00 to s19: the names' sorted order is the subjects'
                }
            }
        }
        return Files.writeString(dir.resolve("favouring.csv"), sb.toString());
    }

    /** Test examples of each class (a, b, c) in each fold, as the runs of results.json counted them. */
    private static Map<Integer, List<Long>> testClassesByFold(Path run) throws Exception {
        Map<Integer, List<Long>> out = new java.util.TreeMap<>();
        for (JsonNode r : Json.mapper().readTree(run.resolve("results.json").toFile()).get("runs")) {
            List<Long> supports = new java.util.ArrayList<>();
            r.at("/test/perClass").forEach(c -> supports.add(c.get("support").asLong()));
            out.put(r.get("fold").asInt(), supports);
        }
        return out;
    }

    @Test
    void foldsKeepTheClassMixAndAConfigWrittenBeforeReplaysItsFoldsBySize(@TempDir Path dir) throws Exception {
        Path csv = favouring(dir);
        Path first = dir.resolve("now");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x",
                "--cv", "3", "--group-column", "subject", "--cells", "rnn", "--seeds", "1", "--hidden", "3", "--epochs", "1",
                "--probe", "0", "--quiet", "--out", first.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("3-fold by subject (stratified-groups, seed 42) cross-validation");
        Path configJson = first.resolve("config.json");
        JsonNode config = Json.mapper().readTree(configJson.toFile());
        assertThat(config.at("/comparison/crossValidation/assignment").asText()).isEqualTo("stratified-groups");
        assertThat(config.at("/comparison/crossValidation/seed").asLong()).isEqualTo(42);
        Map<Integer, List<Long>> now = testClassesByFold(first);
        assertThat(now).hasSize(3);
        now.values().forEach(counts -> {
            long n = counts.stream().mapToLong(Long::longValue).sum();
            // whole data: a 103, b 103, c 94 of 300; every fold within 0.07 of those shares
            assertThat(counts.get(0) / (double) n).isCloseTo(103 / 300.0, org.assertj.core.data.Offset.offset(0.07));
            assertThat(counts.get(2) / (double) n).isCloseTo(94 / 300.0, org.assertj.core.data.Offset.offset(0.07));
        });
        String kept = Files.exists(first.resolve(org.rnnlab.evaluation.run.DataWarnings.FILE))
                ? Files.readString(first.resolve(org.rnnlab.evaluation.run.DataWarnings.FILE)) : "";
        assertThat(kept).doesNotContain("total variation distance");

        // the same config.json as rnnlab wrote it before the assignment was recorded: its folds are dealt by size again
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) config;
        ((com.fasterxml.jackson.databind.node.ObjectNode) old.at("/comparison/crossValidation")).remove("assignment");
        Json.mapper().writeValue(configJson.toFile(), old);
        Path again = dir.resolve("again");
        TrainEvaluatePredictTest.Run replay = TrainEvaluatePredictTest.run("compare", "--config", configJson.toString(), "--quiet",
                "--out", again.toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(Json.mapper().readTree(again.resolve("config.json").toFile()).at("/comparison/crossValidation/assignment").asText())
                .isEqualTo("size");
        // by size, equal subjects go round-robin by name: fold k tests subjects k, k + 3, ..., which favour class k
        assertThat(testClassesByFold(again)).containsExactly(Map.entry(0, List.of(77L, 14L, 14L)), Map.entry(1, List.of(14L, 77L, 14L)),
                Map.entry(2, List.of(12L, 12L, 66L)));
        assertThat(Files.readString(again.resolve("index.html"))).contains("3-fold by subject (size)");
        // the replay's skewed folds are warned of in its data-warnings.txt and report too (they reached the terminal only)
        assertThat(Files.readString(again.resolve(org.rnnlab.evaluation.run.DataWarnings.FILE))).contains("total variation distance");
        assertThat(Files.readString(again.resolve("index.html"))).contains("total variation distance");
    }
}
