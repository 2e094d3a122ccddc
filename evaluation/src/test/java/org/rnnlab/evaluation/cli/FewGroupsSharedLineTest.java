package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;

/**
 * evaluate's few-groups note, when every class comes from the same few groups (a handwriting trial's test split of 4
 * held-out writers: 36 classes, each "from 4 groups" with the groups in another order, one 3,500-character line, trial 73b
 * F3): the groups said once in one order, each class's recall by group in that order, capped at the classes whose recall
 * differs most between the groups.
 */
class FewGroupsSharedLineTest {

    static final List<String> WRITERS = List.of("w14", "w16", "w23", "w24"); // by name

    /** Class k's sequences right in writer j (of 3): all for k < 2, else all but (k % 3) + 1 in writer k % 4. */
    static int right(int k, int j) {
        return k < 2 || j != k % 4 ? 3 : 3 - (k % 3 + 1);
    }

    record Data(EvaluationResult r, List<String> groups, int[] actual, int[] predicted) {
    }

    /** {@code classes} classes of 12 sequences, 3 from each writer, the writers met in another order for each class. */
    static Data data(int classes, int alone) {
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            labels.add(String.format(Locale.ROOT, "c%02d", k));
        }
        List<String> groups = new ArrayList<>();
        List<Integer> actual = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            for (int n = 0; n < 4; n++) {
                int j = (n + k) % 4; // w14 first for c00, w16 first for c01, ...
                for (int i = 0; i < 3; i++) {
                    groups.add(k == alone ? "w99" : WRITERS.get(j));
                    actual.add(k);
                    predicted.add(i < right(k, j) ? k : (k + 1) % classes);
                }
            }
        }
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < actual.size(); i++) {
            confusion[actual.get(i)][predicted.get(i)]++;
        }
        return new Data(Evaluator.fromConfusion(labels, confusion, List.of(), 0), groups,
                actual.stream().mapToInt(Integer::intValue).toArray(), predicted.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Class k's part of the line: its recall in each writer, in the writers' order. */
    static String recalls(int k) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            parts.add(right(k, j) + "/3");
        }
        return String.format(Locale.ROOT, "c%02d ", k) + String.join(", ", parts);
    }

    static String fewGroupsLine(Data d) {
        List<EvaluateCommand.ClassGroups> few = EvaluateCommand.fewGroups(d.r(), d.groups(), d.actual(), d.predicted());
        String text = EvaluateCommand.text(d.r(), "t", null, null, null, "", few);
        return text.lines().filter(l -> l.startsWith("(few groups: ")).findFirst().orElseThrow();
    }

    @Test
    void everyClassFromTheSameGroupsIsSaidOnceWithTheRecallsInOneOrderCapped() {
        String line = fewGroupsLine(data(14, -1));
        assertThat(line).startsWith("(few groups: every class's sequences come from the same 4 groups: 'w14', 'w16', 'w23', "
                + "'w24'; recall by group, in that order, of the 12 classes whose recall differs most between the groups: ")
                .doesNotContain("from 4 groups,").doesNotContain("recalled by group")
                .contains("; and 2 more (--json: fewGroups); their recall and F1 rest on so few groups");
        // the 12 whose recall differs most (a third, two thirds or all of one writer's missed), largest first; c00 and c01,
        // recalled everywhere, are the 2 more
        List<Integer> shown = new ArrayList<>();
        for (int spread = 3; spread >= 1; spread--) {
            for (int k = 2; k < 14; k++) {
                if (k % 3 + 1 == spread) {
                    shown.add(k);
                }
            }
        }
        String expected = String.join("; ", shown.stream().map(FewGroupsSharedLineTest::recalls).toList());
        assertThat(line).contains("the groups: " + expected + "; and 2 more").doesNotContain("c00").doesNotContain("c01");
        // capped: 40 classes make a line no longer than 14 do (but for the count of the more)
        String forty = fewGroupsLine(data(40, -1));
        assertThat(forty).contains("; and 28 more (--json: fewGroups)");
        assertThat(forty.length()).isBetween(line.length(), line.length() + 1).isLessThan(1000);
    }

    @Test
    void aFewClassesAreAllListedInTheirOrder() {
        String line = fewGroupsLine(data(5, -1));
        assertThat(line).startsWith("(few groups: every class's sequences come from the same 4 groups: 'w14', 'w16', 'w23', "
                + "'w24'; recall by group, in that order: " + recalls(0) + "; " + recalls(1) + "; " + recalls(2) + "; "
                + recalls(3) + "; " + recalls(4) + "; their recall and F1").doesNotContain("more (--json");
    }

    @Test
    void classesOfOtherGroupsKeepAGroupListEach() {
        // c04 from another writer: no shared groups, each class with its own groups as before
        String line = fewGroupsLine(data(5, 4));
        assertThat(line).startsWith("(few groups: c00 12 sequences from 4 groups, recalled by group 'w14' 3/3")
                .contains("; c04 12 sequences from 1 group, recalled by group 'w99' ");
    }
}
