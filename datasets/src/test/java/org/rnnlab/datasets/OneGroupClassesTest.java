package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A class learnt from one of its several groups is named (a trial's rural class: 1 of its 4 stations in training). */
class OneGroupClassesTest {

    /** One item: its group and class. */
    private record Item(String group, String label) {
    }

    /** {@code windows} items of each group, all of {@code label}. */
    private static List<Item> items(String label, int windows, String... groups) {
        List<Item> out = new ArrayList<>();
        for (String g : groups) {
            for (int w = 0; w < windows; w++) {
                out.add(new Item(g, label));
            }
        }
        return out;
    }

    private static List<Item> concat(List<Item> a, List<Item> b) {
        List<Item> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aClassOfFourGroupsWithOneInTrainingIsNamedWithTheGroupKeptAndWhereTheOthersWent() {
        StratifiedSplitter.Parts<Item> parts = new StratifiedSplitter.Parts<>(
                concat(items("rural", 20, "Harz"), items("urban", 20, "Bochum", "Hannover", "Lyon")),
                concat(items("rural", 20, "Eifel", "Jura"), items("urban", 20, "Vitry")),
                items("rural", 20, "Rambouillet"));
        List<OneGroupClasses.Found<String>> found = OneGroupClasses.find(parts, Item::group, Item::label);
        assertThat(found).containsExactly(new OneGroupClasses.Found<>("rural", "Harz", 4, 2, 1));
    }

    @Test
    void twoTrainingGroupsOrAClassOfTwoGroupsAreNotNamed() {
        // 2 of 4 rural stations in training; a class of 2 groups that keeps 1 (its other one must be held out somewhere)
        StratifiedSplitter.Parts<Item> parts = new StratifiedSplitter.Parts<>(
                concat(items("rural", 20, "Harz", "Eifel"), items("industrial", 20, "Marl")),
                concat(items("rural", 20, "Jura"), items("industrial", 20, "Dortmund")),
                items("rural", 20, "Rambouillet"));
        assertThat(OneGroupClasses.find(parts, Item::group, Item::label)).isEmpty();
    }
}
