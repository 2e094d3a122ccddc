package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.metrics.ClassMetrics;
import org.rnnlab.evaluation.metrics.EvaluationResult;

/** train's line of per-class precision and recall when a class is rare in the test split (a fraud trial's 6 of 200). */
class RareClassLineTest {

    private static EvaluationResult result(long fraud, long legit, double fraudPrecision) {
        return new EvaluationResult(List.of("fraud", "legit"), Map.of(org.rnnlab.evaluation.metrics.Metric.ACCURACY, 0.9), List.of(
                new ClassMetrics("fraud", fraudPrecision, 0.5, 0.5, fraud), new ClassMetrics("legit", 0.99, 1.0, 0.99, legit)),
                new long[][] {{1, 1}, {0, legit}}, List.of(), fraud + legit, 0);
    }

    @Test
    void aRareClassGetsEveryClassesPrecisionAndRecallAndBalancedClassesDoNot() {
        assertThat(TrainCommand.rareClassLine(result(6, 194, 0.75), false)).contains(
                "test per class, precision/recall (sequences; the recall's 95% Wilson interval): 'fraud' 0.75/0.50 (6; [0.19, 0.81]), "
                + "'legit' 0.99/1.00 (194; [0.98, 1.00])");
        assertThat(TrainCommand.rareClassLine(result(6, 194, Double.NaN), false).orElseThrow()).contains("'fraud' -/0.50 (6; [0.19, 0.81])");
        assertThat(TrainCommand.rareClassLine(result(90, 110, 0.75), false)).isEmpty();
        assertThat(TrainCommand.rareClassLine(null, false)).isEmpty();
    }

    @Test
    void evaluateSaysWhichClassesRestOnFewSequences() {
        // a trial's failure class of 2 cycles: recall, ROC AUC and average precision 1.0000 with no word of how little that says
        EvaluationResult two = new EvaluationResult(List.of("failure", "ok"), Map.of(org.rnnlab.evaluation.metrics.Metric.ACCURACY, 1.0),
                List.of(new ClassMetrics("failure", 1.0, 1.0, 1.0, 2), new ClassMetrics("ok", 1.0, 1.0, 1.0, 82)),
                new long[][] {{2, 0}, {0, 82}}, List.of(), 84, 0);
        assertThat(EvaluateCommand.fewSequences(two)).hasValueSatisfying(l -> assertThat(l)
                .startsWith("(few sequences: failure 2 of 2 recalled, 95% interval [0.34, 1.00]; their precision")
                .doesNotContain("ok "));
        assertThat(EvaluateCommand.fewSequences(result(60, 140, 0.75))).isEmpty();
    }

    @Test
    void aClassOfManySequencesFromFewGroupsIsNamedAndOneOfFewSequencesOrManyGroupsIsNot() {
        // a trial's 42 EV-charger test days from 3 households; here 'ev' 12 sequences from 3 groups, 'none' 20 from 10
        List<String> groups = new java.util.ArrayList<>();
        List<Integer> actual = new java.util.ArrayList<>();
        List<Integer> predicted = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            groups.add("HH" + (i / 4));
            actual.add(0);
            predicted.add(i / 4 == 1 && i % 4 != 0 ? 1 : 0); // HH1: 1 of 4 recalled
        }
        for (int i = 0; i < 20; i++) {
            groups.add("HH" + (10 + i / 2));
            actual.add(1);
            predicted.add(1);
        }
        for (int i = 0; i < 9; i++) { // 'pv' 9 sequences from 1 group: the few-sequences line's
            groups.add("HH99");
            actual.add(2);
            predicted.add(2);
        }
        EvaluationResult r = new EvaluationResult(List.of("ev", "none", "pv"), Map.of(org.rnnlab.evaluation.metrics.Metric.ACCURACY,
                0.9), List.of(new ClassMetrics("ev", 1.0, 0.75, 0.86, 12), new ClassMetrics("none", 0.87, 1.0, 0.93, 20),
                new ClassMetrics("pv", 1.0, 1.0, 1.0, 9)), new long[][] {{9, 3, 0}, {0, 20, 0}, {0, 0, 9}}, List.of(), 41, 0);
        int[] a = actual.stream().mapToInt(Integer::intValue).toArray();
        int[] p = predicted.stream().mapToInt(Integer::intValue).toArray();
        List<EvaluateCommand.ClassGroups> few = EvaluateCommand.fewGroups(r, groups, a, p);
        assertThat(few).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("ev");
            assertThat(c.sequences()).isEqualTo(12);
            assertThat(c.recalled()).isEqualTo(9);
        });
        assertThat(EvaluateCommand.fewGroupsLine(few)).hasValueSatisfying(l -> assertThat(l).startsWith("(few groups: ev 12 sequences "
                + "from 3 groups, recalled by group 'HH0' 4/4, 'HH1' 1/4, 'HH2' 4/4; its recall and F1 rest on so few groups"));
        assertThat(EvaluateCommand.text(r, "t", null, null, null, "", few)).contains("\n(few groups: ev 12 sequences")
                .contains("(few sequences: pv 9 of 9 recalled");
        // a sequence without a group: nothing can be said of groups
        groups.set(0, "");
        assertThat(EvaluateCommand.fewGroups(r, groups, a, p)).isNull();
        assertThat(EvaluateCommand.fewGroupsLine(null)).isEmpty();
    }

    /** 40 users of 9 test sequences each: u017 read as u023 5 times, u005 as u006 twice, the others all right. */
    private static EvaluationResult fortyUsers() {
        int k = 40;
        List<String> labels = new java.util.ArrayList<>();
        long[][] m = new long[k][k];
        for (int i = 0; i < k; i++) {
            labels.add(String.format(java.util.Locale.ROOT, "u%03d", i + 1));
            m[i][i] = 9;
        }
        m[16][16] = 4;
        m[16][22] = 5;
        m[4][4] = 7;
        m[4][5] = 2;
        List<ClassMetrics> perClass = new java.util.ArrayList<>();
        for (int i = 0; i < k; i++) {
            long predicted = 0;
            for (long[] row : m) {
                predicted += row[i];
            }
            double precision = (double) m[i][i] / predicted;
            double recall = m[i][i] / 9.0;
            perClass.add(new ClassMetrics(labels.get(i), precision, recall, 2 * precision * recall / (precision + recall), 9));
        }
        return new EvaluationResult(labels, Map.of(org.rnnlab.evaluation.metrics.Metric.ACCURACY, 353 / 360.0), perClass, m,
                List.of(), 360, 0);
    }

    @Test
    void manyClassesGetTheWorstFirstAndTheLargestConfusionsInsteadOfAWideMatrix() {
        // a keystroke trial's 40 users: a 2,083-character few-sequences line, a 40x40 matrix 300+ characters wide, and train's
        // per-class line showing the first 12 users by name
        EvaluationResult r = fortyUsers();
        String few = EvaluateCommand.fewSequences(r).orElseThrow();
        assertThat(few).startsWith("(few sequences: u017 4 of 9 recalled").contains("; u005 7 of 9 recalled")
                .contains("and 28 more classes of under 10 sequences (the lowest recall shown; 38 of the 40 recalled in full)");
        assertThat(few.length()).isLessThan(900);
        String text = EvaluateCommand.text(r, "t");
        assertThat(text).doesNotContain("confusion matrix (rows").contains("confusion matrix: 40 classes, too many to print")
                .contains("\n  u017 read as u023: 5 of 9\n  u005 read as u006: 2 of 9");
        assertThat(text.lines().mapToInt(String::length).max().orElseThrow()).isLessThan(1000);
        assertThat(TrainCommand.rareClassLine(r, false).orElseThrow()).startsWith("test per class, precision/recall (sequences; the "
                + "recall's 95% Wilson interval), the 12 of 40 with the lowest F1 first: 'u017' 1.00/0.44 (9; [0.19, 0.73]), 'u023' "
                + "0.64/1.00 (9; [0.70, 1.00]), 'u005' 1.00/0.78 (9; [0.45, 0.94])")
                .endsWith("and 28 more (results.json)");
        // a few classes keep the matrix
        assertThat(EvaluateCommand.text(result(6, 194, 0.75), "t")).contains("confusion matrix (rows: actual");
    }

    @Test
    void longClassNamesAreCountedAsNamedInTheHead() {
        // review 81b R4: 30 classes with names of about 100 characters: 9 named, "and 21 more", under "the 12 of 30"
        int k = 30;
        List<String> labels = new java.util.ArrayList<>();
        List<ClassMetrics> perClass = new java.util.ArrayList<>();
        long[][] m = new long[k][k];
        for (int i = 0; i < k; i++) {
            labels.add(String.format(java.util.Locale.ROOT, "recording_site_%02d_", i) + "x".repeat(82));
            m[i][i] = 9;
            perClass.add(new ClassMetrics(labels.get(i), 1.0, 1.0, 1.0, 9));
        }
        String line = TrainCommand.rareClassLine(new EvaluationResult(labels, Map.of(org.rnnlab.evaluation.metrics.Metric.ACCURACY,
                1.0), perClass, m, List.of(), 270, 0), false).orElseThrow();
        java.util.regex.Matcher head = java.util.regex.Pattern.compile("the (\\d+) of 30 with the lowest F1 first").matcher(line);
        assertThat(head.find()).as(line).isTrue();
        int named = Integer.parseInt(head.group(1));
        assertThat(named).isLessThan(12);
        assertThat(line).endsWith("and " + (30 - named) + " more (results.json)");
        assertThat(line.split("'recording_site_").length - 1).isEqualTo(named);
    }

    @Test
    void classesWithoutATestSequenceAreNotCountedAmongThoseRankedByF1() {
        // a handwriting trial's 62 classes, 26 of them (one writer's upper case) without a test sequence: "the 12 of 62"
        EvaluationResult forty = fortyUsers();
        List<ClassMetrics> perClass = new java.util.ArrayList<>(forty.perClass());
        List<String> labels = new java.util.ArrayList<>(forty.labelNames());
        for (int i = 0; i < 5; i++) {
            labels.add("U" + i);
            perClass.add(new ClassMetrics("U" + i, Double.NaN, Double.NaN, Double.NaN, 0));
        }
        long[][] m = new long[45][45];
        for (int i = 0; i < 40; i++) {
            System.arraycopy(forty.confusion()[i], 0, m[i], 0, 40);
        }
        EvaluationResult r = new EvaluationResult(labels, forty.metrics(), perClass, m, List.of(), 360, 0);
        assertThat(TrainCommand.rareClassLine(r, false).orElseThrow()).startsWith("test per class, precision/recall (sequences; the "
                + "recall's 95% Wilson interval), the 12 of the 40 classes with test sequences (5 have none), with the lowest F1 first: 'u017'")
                .endsWith("and 28 more (results.json)").doesNotContain("'U0'");
    }

    @Test
    void aTextModelsLinesCountTexts() {
        // a text run's test split is of texts, as evaluate names them: the interval and per-class lines said "sequences"
        EvaluationResult r = result(6, 194, 0.75);
        assertThat(TrainCommand.testIntervalLine(r, List.of(), true)).hasValueSatisfying(l -> assertThat(l)
                .endsWith("Wilson over the 200 test texts)").doesNotContain("sequences"));
        assertThat(TrainCommand.rareClassLine(r, true)).hasValueSatisfying(l -> assertThat(l)
                .startsWith("test per class, precision/recall (texts; the recall's 95% Wilson interval): 'fraud' 0.75/0.50 (6; ")
                .doesNotContain("sequences"));
        EvaluationResult forty = fortyUsers();
        List<ClassMetrics> perClass = new java.util.ArrayList<>(forty.perClass());
        perClass.add(new ClassMetrics("U0", Double.NaN, Double.NaN, Double.NaN, 0));
        List<String> labels = new java.util.ArrayList<>(forty.labelNames());
        labels.add("U0");
        long[][] m = new long[41][41];
        for (int i = 0; i < 40; i++) {
            System.arraycopy(forty.confusion()[i], 0, m[i], 0, 40);
        }
        assertThat(TrainCommand.rareClassLine(new EvaluationResult(labels, forty.metrics(), perClass, m, List.of(), 360, 0), true)
                .orElseThrow()).startsWith("test per class, precision/recall (texts; the recall's 95% Wilson interval), the 12 of "
                + "the 40 classes with test texts (1 has none), with the lowest F1 first");
    }

    @Test
    void trainGivesTheTestAccuracysWilsonIntervalAndSaysWhenFewGroupsMakeItTooNarrow() {
        // trial 77f: test accuracy 1.0000 on 90 days of 3 hives, quoted with no interval (compare by hive found 0.9307)
        EvaluationResult perfect = new EvaluationResult(List.of("a", "b"), Map.of(org.rnnlab.evaluation.metrics.Metric.ACCURACY, 1.0),
                List.of(new ClassMetrics("a", 1.0, 1.0, 1.0, 80), new ClassMetrics("b", 1.0, 1.0, 1.0, 10)),
                new long[][] {{80, 0}, {0, 10}}, List.of(), 90, 0);
        assertThat(TrainCommand.testIntervalLine(perfect, List.of(), false)).hasValue("(95% interval of the test accuracy: [0.9591, 1.0000], "
                + "Wilson over the 90 test sequences)");
        assertThat(TrainCommand.testIntervalLine(perfect, List.of("the test split's 90 sequences come from only 3 group(s) of hive: "
                + "its scores say how the model does on these 3, and move with which groups are held out; compare --cv K "
                + "--group-column hive scores every group once"), false).orElseThrow()).endsWith("Wilson over the 90 test sequences; they "
                + "come from only 3 group(s) of hive, so it is too narrow: the score moves with which groups are held out (compare "
                + "--cv K scores every group once))");
        // a carve's wording (a text run's: "2 groups of team ('team2' 30, 'team6' 30)"), which the interval line missed
        assertThat(TrainCommand.testIntervalLine(perfect, List.of("text tickets.tsv: the test split's 60 texts come from only 2 groups "
                + "of team ('team2' 30, 'team6' 30): its scores say how the model does on these 2, and move with which groups are "
                + "held out; --set splitBy=class (...)"), true).orElseThrow()).endsWith("Wilson over the 90 test texts; they come "
                + "from only 2 group(s) of team, so it is too narrow: the score moves with which groups are held out (compare --cv K "
                + "scores every group once))");
        assertThat(TrainCommand.testIntervalLine(null, List.of(), false)).isEmpty();
    }
}
