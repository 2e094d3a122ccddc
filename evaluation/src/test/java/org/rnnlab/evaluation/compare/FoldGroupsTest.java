package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FoldGroupsTest {

    @Test
    void aFoldsGroupsAreJoinedAndManyAreCounted() {
        List<String> seventeen = IntStream.rangeClosed(1, 17).mapToObj(i -> String.format("s%02d", i)).toList();
        List<List<String>> folds = List.of(List.of("signer05"), seventeen, List.of("a", "b", "c", "d", "e"));
        assertThat(FoldGroups.text(folds, 0)).isEqualTo("signer05");
        assertThat(FoldGroups.text(folds, 1)).isEqualTo("s01;s02;s03;s04;s05 (+12 more)");
        assertThat(FoldGroups.text(folds, 2)).isEqualTo("a;b;c;d;e");
        assertThat(FoldGroups.label(folds, 0)).isEqualTo(" fold 0 (signer05)");
        // no folds by group, or no fold: nothing (a walk-forward fold keeps its number alone)
        assertThat(FoldGroups.text(null, 0)).isEmpty();
        assertThat(FoldGroups.text(folds, null)).isEmpty();
        assertThat(FoldGroups.label(null, 2)).isEqualTo(" fold 2");
        assertThat(FoldGroups.label(folds, null)).isEmpty();
    }
}
