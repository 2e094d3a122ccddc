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
}
