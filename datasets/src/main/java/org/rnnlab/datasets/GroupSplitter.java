package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seeded split by group (e.g. by subject or volunteer): whole groups go to test, then to validation,
 * until each holds at least its fraction of the items, so no group is in two splits. Groups are taken
 * in an order shuffled by the seed; the rest is training data.
 *
 * <p>Given the items' labels, a group is passed over (left to training) when carving it would take the last
 * training group of one of its classes: a class recorded by one subject only stays in training, where the model can
 * learn it, rather than going whole into validation or test (where it would be scored against an output never trained).
 * Only if no group can be carved that way for a requested split does that split take the next group regardless, and
 * {@link Result#untrainedClasses} names the classes left without training items.
 *
 * @param validationFraction fraction of items for validation, in [0, 1)
 * @param testFraction       fraction of items for test, in [0, 1)
 * @param seed               seed of the group order
 */
public record GroupSplitter(double validationFraction, double testFraction, long seed, boolean nearest) {

    /**
     * @param nearest whether a part stops short of its fraction where its next group would overshoot it by more than the
     *                part falls short (a part of one group or more: cross-validation's per-fold validation carve, where a
     *                trial's equal-sized homes went 2 where 1 was nearest); else each part takes groups until it holds at
     *                least its fraction
     */
    public GroupSplitter {
        new StratifiedSplitter(validationFraction, testFraction, seed); // same bounds
    }

    /** At least each fraction ({@code nearest} false). */
    public GroupSplitter(double validationFraction, double testFraction, long seed) {
        this(validationFraction, testFraction, seed, false);
    }

    /** The three parts, without regard to classes; throws when there are too few groups to give every requested part one. */
    public <T> StratifiedSplitter.Parts<T> split(List<T> items, Function<T, String> group) {
        return split(items, group, null).parts();
    }

    /**
     * The three parts, keeping a training group for every class of {@code label} where the groups allow it; throws when
     * there are too few groups to give every requested part one.
     */
    public <T, L> Result<T, L> split(List<T> items, Function<T, String> group, Function<T, L> label) {
        Map<String, List<T>> byGroup = new TreeMap<>();
        for (T item : items) {
            byGroup.computeIfAbsent(group.apply(item), k -> new ArrayList<>()).add(item);
        }
        List<String> order = new ArrayList<>(byGroup.keySet());
        Collections.shuffle(order, new Random(seed));
        int wantTest = testFraction > 0 ? Math.max(1, (int) Math.round(items.size() * testFraction)) : 0;
        int wantValidation = validationFraction > 0 ? Math.max(1, (int) Math.round(items.size() * validationFraction)) : 0;
        int needed = (wantTest > 0 ? 1 : 0) + (wantValidation > 0 ? 1 : 0) + 1;
        if (order.size() < needed) {
            throw new IllegalArgumentException("only " + order.size() + " group(s) " + order + ": splitting by group needs at least "
                    + needed + " (one for training and one for each carved split)");
        }
        // for each class, the groups holding it that are still in training
        Map<String, Set<L>> classesOf = new HashMap<>();
        Map<L, Integer> trainingGroups = new LinkedHashMap<>();
        if (label != null) {
            for (String g : order) {
                Set<L> classes = new LinkedHashSet<>();
                byGroup.get(g).forEach(item -> classes.add(label.apply(item)));
                classesOf.put(g, classes);
                classes.forEach(c -> trainingGroups.merge(c, 1, Integer::sum));
            }
        }
        Set<String> carved = new HashSet<>();
        List<T> test = carve(order, byGroup, wantTest, wantValidation > 0 ? 2 : 1, carved, classesOf, trainingGroups, nearest);
        List<T> validation = carve(order, byGroup, wantValidation, 1, carved, classesOf, trainingGroups, nearest);
        List<T> train = new ArrayList<>();
        for (String g : order) {
            if (!carved.contains(g)) {
                train.addAll(byGroup.get(g));
            }
        }
        Random random = new Random(seed + 1);
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        Collections.shuffle(test, random);
        List<L> untrained = new ArrayList<>();
        trainingGroups.forEach((c, n) -> {
            if (n == 0) {
                untrained.add(c);
            }
        });
        return new Result<>(new StratifiedSplitter.Parts<>(train, validation, test), List.copyOf(untrained));
    }

    /**
     * Moves whole groups, in {@code order}, out of training into a new part until it holds {@code want} items, leaving
     * at least {@code reserve} groups uncarved; passes over groups holding the last training group of a class, unless
     * no other group could give the part anything.
     */
    private static <T, L> List<T> carve(List<String> order, Map<String, List<T>> byGroup, int want, int reserve, Set<String> carved,
                                        Map<String, Set<L>> classesOf, Map<L, Integer> trainingGroups, boolean nearest) {
        List<T> part = new ArrayList<>();
        for (boolean protect : new boolean[] {true, false}) {
            for (String g : order) {
                if (part.size() >= want || order.size() - carved.size() <= reserve) {
                    return part;
                }
                if (carved.contains(g)) {
                    continue;
                }
                if (protect && classesOf.getOrDefault(g, Set.of()).stream().anyMatch(c -> trainingGroups.get(c) <= 1)) {
                    continue;
                }
                if (nearest && !part.isEmpty() && part.size() + byGroup.get(g).size() - want > want - part.size()) {
                    return part; // the next group would overshoot by more than the part falls short
                }
                carved.add(g);
                classesOf.getOrDefault(g, Set.of()).forEach(c -> trainingGroups.merge(c, -1, Integer::sum));
                part.addAll(byGroup.get(g));
            }
            if (!part.isEmpty() || want == 0) {
                return part;
            }
        }
        return part;
    }

    /**
     * A split by group.
     *
     * @param parts            training, validation and test items
     * @param untrainedClasses classes with no training item (every group holding them went to validation or test,
     *                         because no other group could be carved); empty when no labels were given
     */
    public record Result<T, L>(StratifiedSplitter.Parts<T> parts, List<L> untrainedClasses) {
    }
}
