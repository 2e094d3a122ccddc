package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each group's accuracy and macro-F1 against always its own most frequent class (a trial's languages). */
class GroupTableTest {

    @Test
    void aGroupAtItsMajorityBaselineIsMarkedAndWarnedOf() {
        List<String> labels = List.of("neg", "pos");
        // 'en': 6 of 6 right; 'ja': 4 pos and 2 neg, the model says pos for all: 4 of 6, the majority's own score
        List<String> groups = List.of("en", "en", "en", "en", "en", "en", "ja", "ja", "ja", "ja", "ja", "ja");
        int[] actual = {0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0};
        int[] predicted = {0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1};
        GroupTable t = GroupTable.of("lang", labels, groups, actual, predicted).orElseThrow();
        assertThat(t.rows()).extracting(GroupTable.Row::group).containsExactly("en", "ja");
        GroupTable.Row en = t.rows().get(0);
        assertThat(en.accuracy()).isEqualTo(1.0);
        assertThat(en.macroF1()).isEqualTo(1.0);
        assertThat(en.majorityAccuracy()).isEqualTo(0.5);
        assertThat(en.majority()).isEqualTo("neg");
        assertThat(en.noBetter()).isFalse();
        GroupTable.Row ja = t.rows().get(1);
        assertThat(ja.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(ja.majority()).isEqualTo("pos");
        assertThat(ja.majorityAccuracy()).isCloseTo(4.0 / 6, within(1e-12));
        // scikit-learn: f1_score([1,1,1,1,0,0], [1]*6, average='macro') = (0.8 + 0) / 2
        assertThat(ja.macroF1()).isCloseTo(0.4, within(1e-12));
        assertThat(ja.majorityMacroF1()).isCloseTo(0.4, within(1e-12));
        assertThat(ja.noBetter()).isTrue();
        assertThat(t.lines("test scores")).contains("test scores by group column lang").contains("<- no better than its majority class")
                .containsPattern("ja +6 +0\\.6667 +0\\.4000 +'pos': 0\\.6667, 0\\.4000");
        assertThat(t.warning("test")).hasValueSatisfying(w -> assertThat(w).startsWith("1 of the 2 groups of group column lang "
                + "score no better on the test data than always predicting their most frequent class: 'ja' accuracy 0.6667 "
                + "against 0.6667 (always 'pos'), macro-F1 0.4000 against 0.4000, 6 examples"));
    }

    @Test
    void noTableWithoutGroupsOrWithOneAndNoWarningForTinyGroups() {
        List<String> labels = List.of("neg", "pos");
        assertThat(GroupTable.of("lang", labels, List.of("en", "en"), new int[] {0, 1}, new int[] {0, 1})).isEmpty();
        assertThat(GroupTable.of("lang", labels, List.of(), new int[] {0, 1}, new int[] {0, 1})).isEmpty();
        assertThat(GroupTable.of(null, labels, List.of("a", "b"), new int[] {0, 1}, new int[] {0, 1})).isEmpty();
        GroupTable t = GroupTable.of("lang", labels, List.of("a", "b"), new int[] {0, 1}, new int[] {1, 1}).orElseThrow();
        assertThat(t.rows().get(0).noBetter()).isTrue();
        assertThat(t.warning("test")).as("one text is too few to warn of").isEmpty();
    }

    @Test
    void groupsOfUnderFiveExamplesAreNotFlaggedInTheTable() {
        // trial 77f: 6 hives of 1 day each, all 6 flagged "no better than its majority class", right or wrong: a group of one
        // example is its own majority class
        List<String> labels = List.of("healthy", "queenless");
        GroupTable ones = GroupTable.of("hive", labels, List.of("H90", "H91", "H92"), new int[] {0, 1, 1}, new int[] {0, 0, 1})
                .orElseThrow();
        assertThat(ones.rows()).allSatisfy(r -> assertThat(r.noBetter()).isTrue());
        assertThat(ones.lines("scores")).doesNotContain("<- no better").endsWith("  (every group here has under 5 examples: the table "
                + "says little of any group, and none is flagged against its majority class, which a group of one example matches "
                + "by definition)\n");
        // one group of 6 at its baseline is flagged, the group of 1 beside it is not, and said once
        List<String> groups = List.of("big", "big", "big", "big", "big", "big", "one");
        GroupTable mixed = GroupTable.of("hive", labels, groups, new int[] {0, 0, 0, 0, 1, 1, 1}, new int[] {0, 0, 0, 0, 0, 0, 1})
                .orElseThrow();
        String lines = mixed.lines("scores");
        assertThat(lines.lines().filter(l -> l.contains("<- no better than its majority class"))).singleElement().asString()
                .startsWith("  big ");
        assertThat(lines).endsWith("  (1 group of under 5 examples is not flagged against its majority class, which a group of one "
                + "example matches by definition)\n");
    }

    /**
     * Trial 80e F4: 17 of 25 patients of normal beats only, every beat right, were flagged "no better than its majority
     * class", and the flag hid the 2 patients whose every 'A' beat was missed. A group of one class, all right, is marked
     * "(one class, all right)" and neither flagged nor warned of; one of one class with a miss still is.
     */
    @Test
    void aGroupOfOneClassAllRightIsMarkedNotFlagged() {
        List<String> labels = List.of("A", "N");
        // NP001: 6 'N', all right; NP002: 5 'N' right and 2 'A' missed; NP003: 6 'N', one called 'A'
        List<String> groups = List.of("NP001", "NP001", "NP001", "NP001", "NP001", "NP001", "NP002", "NP002", "NP002", "NP002",
                "NP002", "NP002", "NP002", "NP003", "NP003", "NP003", "NP003", "NP003", "NP003");
        int[] actual = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1};
        int[] predicted = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        GroupTable t = GroupTable.of("patient_id", labels, groups, actual, predicted).orElseThrow();
        assertThat(t.rows().get(0).noBetter()).as("1.0 against its majority's 1.0").isTrue();
        assertThat(t.rows().get(0).oneClassAllRight()).isTrue();
        assertThat(t.rows().get(0).flagged()).isFalse();
        String lines = t.lines("scores");
        assertThat(lines.lines().filter(l -> l.startsWith("  NP001 "))).singleElement().asString()
                .endsWith("'N': 1.0000, 1.0000  (one class, all right)").doesNotContain("no better");
        assertThat(lines.lines().filter(l -> l.startsWith("  NP002 "))).singleElement().asString()
                .endsWith("<- no better than its majority class");
        assertThat(lines.lines().filter(l -> l.startsWith("  NP003 "))).singleElement().asString()
                .endsWith("<- no better than its majority class");
        assertThat(t.warning("test")).hasValueSatisfying(w -> assertThat(w).startsWith("2 of the 3 groups").contains("'NP002'")
                .contains("'NP003'").doesNotContain("'NP001'"));
        // the JSON keeps the plain comparison
        assertThat(t.json().get("byGroup").get(0).get("noBetterThanMajority").asBoolean()).isTrue();
    }

    @Test
    void manySmallGroupsAreSummarisedWithTheWorstOfEnoughExamplesAndTheFullTableInTheJson() {
        // a web trial: 40 users of 1 to 6 sessions, 5% converting: nearly every user all 'no', so flagged whatever the model
        List<String> labels = List.of("no", "yes");
        List<String> groups = new java.util.ArrayList<>();
        List<Integer> actual = new java.util.ArrayList<>();
        List<Integer> predicted = new java.util.ArrayList<>();
        for (int u = 0; u < 40; u++) {
            int sessions = 1 + u % 6;
            for (int s = 0; s < sessions; s++) {
                groups.add(String.format(java.util.Locale.ROOT, "u%02d", u));
                actual.add(u == 5 && s == 0 ? 1 : 0);
                // u11 (6 sessions): 2 false alarms; u17 (6): one; u05 (6, one 'yes'): found
                predicted.add(u == 5 && s == 0 || u == 11 && s < 2 || u == 17 && s == 0 ? 1 : 0);
            }
        }
        GroupTable t = GroupTable.of("user_id", labels, groups, actual.stream().mapToInt(Integer::intValue).toArray(),
                predicted.stream().mapToInt(Integer::intValue).toArray()).orElseThrow();
        String lines = t.lines("scores");
        // sizes: 40 users, 1..6 sessions in turn: 7 users each of 1 to 4, 6 each of 5 and 6: median 3, 12 of 5 or more;
        // every user but u05 holds 'no' only
        assertThat(lines).contains("scores by group column user_id (each against always its most frequent class):\n"
                + "  40 groups of 1 to 6 examples (median 3, 12 of 5 or more); 39 no better than their majority class, 39 of "
                + "them holding one class only (always it is then right on every example, which no model beats)\n"
                + "  the 10 worst of the 12 groups of 5 examples or more (accuracy against their majority class's); the full "
                + "table: evaluate --json, \"groups\".\"byGroup\"\n");
        assertThat(lines.lines().filter(l -> l.matches("  u\\d\\d .*"))).hasSize(10);
        assertThat(lines.lines().filter(l -> l.matches("  u\\d\\d .*")).findFirst()).hasValueSatisfying(l -> assertThat(l)
                .matches("  u11 +6 +0\\.6667 .*"));
        assertThat(lines).doesNotContain("u00 ").doesNotContain("u05 "); // a user of 1 session; the one better than always 'no'
        // the full table stays in the JSON
        assertThat(t.json().get("byGroup")).hasSize(40);
        // few groups: one line each, as before
        assertThat(GroupTable.of("user_id", labels, groups.subList(0, 21), actual.stream().limit(21).mapToInt(Integer::intValue)
                .toArray(), predicted.stream().limit(21).mapToInt(Integer::intValue).toArray()).orElseThrow().lines("scores"))
                .doesNotContain("worst").contains("  u00 ");
    }
}
