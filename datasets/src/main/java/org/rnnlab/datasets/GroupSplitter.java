package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seeded split by group (e.g. by subject or volunteer): whole groups go to test, then to validation,
 * until each holds at least its fraction of the items, so no group is in two splits. Groups are taken
 * in an order shuffled by the seed; the rest is training data.
 *
 * @param validationFraction fraction of items for validation, in [0, 1)
 * @param testFraction       fraction of items for test, in [0, 1)
 * @param seed               seed of the group order
 */
public record GroupSplitter(double validationFraction, double testFraction, long seed) {

    public GroupSplitter {
        new StratifiedSplitter(validationFraction, testFraction, seed); // same bounds
    }

    /** The three parts; throws when there are too few groups to give every requested part one. */
    public <T> StratifiedSplitter.Parts<T> split(List<T> items, Function<T, String> group) {
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
        List<T> test = new ArrayList<>();
        List<T> validation = new ArrayList<>();
        List<T> train = new ArrayList<>();
        int next = 0;
        while (test.size() < wantTest && next < order.size() - (needed - 1)) {
            test.addAll(byGroup.get(order.get(next++)));
        }
        while (validation.size() < wantValidation && next < order.size() - 1) {
            validation.addAll(byGroup.get(order.get(next++)));
        }
        for (; next < order.size(); next++) {
            train.addAll(byGroup.get(order.get(next)));
        }
        Random random = new Random(seed + 1);
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        Collections.shuffle(test, random);
        return new StratifiedSplitter.Parts<>(train, validation, test);
    }
}
