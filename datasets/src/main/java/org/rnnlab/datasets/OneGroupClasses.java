package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Classes that a carve by group ({@link GroupSplitter}) left with sequences of one group only in training, though the
 * class has {@value #GROUPS} groups or more in all. The carve shuffles groups by the seed and only keeps one training group
 * for each class: a trial's air-quality stations (4 rural of 20) kept 1 rural station in training and sent the other 3 to
 * validation and test, and nothing said that the class was learnt from one station, whose own traits (a quiet mountain
 * site) the model then takes for the class's. Named, the user can carve again (another seed) or give a split column.
 */
public final class OneGroupClasses {

    /** Groups a class must have in all for a training split of one of them to be named. */
    public static final int GROUPS = 3;

    private OneGroupClasses() {
    }

    /**
     * One class whose training items are all of one group.
     *
     * @param label      the class
     * @param kept       the one group of it in training
     * @param groups     its groups in all (training, validation and test)
     * @param validation its groups in validation
     * @param test       its groups in test
     */
    public record Found<L>(L label, String kept, int groups, int validation, int test) {
    }

    /** The classes of {@code parts} whose training items are of one group and which have {@value #GROUPS} or more in all. */
    public static <T, L> List<Found<L>> find(StratifiedSplitter.Parts<T> parts, Function<T, String> group, Function<T, L> label) {
        Map<L, TreeSet<String>> train = groups(parts.train(), group, label);
        Map<L, TreeSet<String>> validation = groups(parts.validation(), group, label);
        Map<L, TreeSet<String>> test = groups(parts.test(), group, label);
        List<Found<L>> out = new ArrayList<>();
        train.forEach((c, kept) -> {
            if (kept.size() != 1) {
                return;
            }
            TreeSet<String> all = new TreeSet<>(kept);
            all.addAll(validation.getOrDefault(c, new TreeSet<>()));
            all.addAll(test.getOrDefault(c, new TreeSet<>()));
            if (all.size() >= GROUPS) {
                out.add(new Found<>(c, kept.first(), all.size(), validation.getOrDefault(c, new TreeSet<>()).size(),
                        test.getOrDefault(c, new TreeSet<>()).size()));
            }
        });
        return out;
    }

    private static <T, L> Map<L, TreeSet<String>> groups(List<T> items, Function<T, String> group, Function<T, L> label) {
        Map<L, TreeSet<String>> out = new LinkedHashMap<>();
        for (T item : items) {
            out.computeIfAbsent(label.apply(item), c -> new TreeSet<>()).add(group.apply(item));
        }
        return out;
    }
}
