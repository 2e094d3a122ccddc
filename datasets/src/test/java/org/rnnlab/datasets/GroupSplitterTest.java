package org.rnnlab.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupSplitterTest {

    /** An item: its group (subject) and class. */
    private record Item(String group, String label) {
    }

    /** 8 subjects of 6 items; p0-p6 alternate x and y, every item of p7 is 'rare' (the class one subject recorded). */
    private static List<Item> subjects() {
        List<Item> items = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            for (int i = 0; i < 6; i++) {
                items.add(new Item("p" + p, p == 7 ? "rare" : (p % 2 == 0 ? "x" : "y")));
            }
        }
        return items;
    }

    @Test
    void aClassOfOneGroupStaysInTraining() {
        int carvedBefore = 0;
        for (long seed = 0; seed < 30; seed++) {
            GroupSplitter splitter = new GroupSplitter(0.15, 0.15, seed);
            var result = splitter.split(subjects(), Item::group, Item::label);
            var parts = result.parts();
            assertTrue(parts.train().stream().anyMatch(i -> i.label().equals("rare")), "seed " + seed);
            assertFalse(parts.validation().stream().anyMatch(i -> i.label().equals("rare")), "seed " + seed);
            assertFalse(parts.test().stream().anyMatch(i -> i.label().equals("rare")), "seed " + seed);
            assertEquals(List.of(), result.untrainedClasses());
            assertFalse(parts.validation().isEmpty());
            assertFalse(parts.test().isEmpty());
            assertEquals(48, parts.train().size() + parts.validation().size() + parts.test().size());
            assertNoGroupInTwoParts(parts);
            // without labels the same seed may carve the rare subject: what the protection changes
            var plain = splitter.split(subjects(), Item::group);
            if (!plain.train().stream().anyMatch(i -> i.label().equals("rare"))) {
                carvedBefore++;
            }
        }
        assertTrue(carvedBefore > 0, "the seeds tried never carved the rare subject without the protection: the test shows nothing");
    }

    @Test
    void everyClassKeepsATrainingGroupWhenTwoGroupsHoldIt() {
        // classes a, b in two subjects each, c in three: carving either part must leave each class a subject
        List<Item> items = new ArrayList<>();
        String[][] groups = {{"s1", "a"}, {"s2", "a"}, {"s3", "b"}, {"s4", "b"}, {"s5", "c"}, {"s6", "c"}, {"s7", "c"}};
        for (String[] g : groups) {
            for (int i = 0; i < 4; i++) {
                items.add(new Item(g[0], g[1]));
            }
        }
        for (long seed = 0; seed < 30; seed++) {
            var parts = new GroupSplitter(0.3, 0.3, seed).split(items, Item::group, Item::label).parts();
            Set<String> trained = new HashSet<>();
            parts.train().forEach(i -> trained.add(i.label()));
            assertEquals(Set.of("a", "b", "c"), trained, "seed " + seed);
            assertFalse(parts.validation().isEmpty(), "seed " + seed);
            assertFalse(parts.test().isEmpty(), "seed " + seed);
            assertNoGroupInTwoParts(parts);
        }
    }

    @Test
    void aSplitThatCanOnlyBeCarvedFromALastGroupSaysWhichClassLostItsTraining() {
        // three subjects, one class each: test and validation each need a subject, so two classes go untrained
        List<Item> items = List.of(new Item("p1", "a"), new Item("p2", "b"), new Item("p3", "c"));
        var result = new GroupSplitter(0.3, 0.3, 1).split(items, Item::group, Item::label);
        assertEquals(1, result.parts().train().size());
        assertEquals(1, result.parts().validation().size());
        assertEquals(1, result.parts().test().size());
        Set<String> untrained = new HashSet<>(result.untrainedClasses());
        assertEquals(2, untrained.size());
        assertFalse(untrained.contains(result.parts().train().get(0).label()));
    }

    @Test
    void withoutLabelsTheGroupsAreTakenInTheSeedsOrder() {
        var parts = new GroupSplitter(0.15, 0.15, 3).split(subjects(), Item::group);
        // 48 items: test and validation want 7 each, so each takes two subjects of 6
        assertEquals(12, parts.test().size());
        assertEquals(12, parts.validation().size());
        assertEquals(24, parts.train().size());
        assertNoGroupInTwoParts(parts);
    }

    private static void assertNoGroupInTwoParts(StratifiedSplitter.Parts<Item> parts) {
        Set<String> train = new HashSet<>();
        Set<String> validation = new HashSet<>();
        Set<String> test = new HashSet<>();
        parts.train().forEach(i -> train.add(i.group()));
        parts.validation().forEach(i -> validation.add(i.group()));
        parts.test().forEach(i -> test.add(i.group()));
        assertTrue(train.stream().noneMatch(g -> validation.contains(g) || test.contains(g)));
        assertTrue(validation.stream().noneMatch(test::contains));
    }
}
