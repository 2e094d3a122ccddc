package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Seeded, stratified train/validation/test split: within each class the items are shuffled by the
 * seed, the first {@code round(n * testFraction)} go to test, the next
 * {@code round(n * validationFraction)} to validation and the rest to train, so every split keeps the
 * class proportions (up to rounding). Each split is then shuffled by the seed, so that
 * {@link SequenceSet#limit(int)} takes a representative slice.
 *
 * @param validationFraction fraction of each class for validation, in [0, 1)
 * @param testFraction       fraction of each class for test, in [0, 1)
 * @param seed               seed of both shuffles
 */
public record StratifiedSplitter(double validationFraction, double testFraction, long seed) {

    public StratifiedSplitter {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("StratifiedSplitter.validationFraction must be in [0, 1), got " + validationFraction);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("StratifiedSplitter.testFraction must be in [0, 1), got " + testFraction);
        }
        if (validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("StratifiedSplitter.validationFraction + testFraction must be < 1 (both are carved "
                    + "from the training data), got " + (validationFraction + testFraction));
        }
    }

    /**
     * The three parts of {@code items}.
     *
     * @param items the items, in a deterministic order (e.g. file order)
     * @param label class of an item
     * @param <T>   item type
     * @return train, validation and test, each in a seeded shuffled order
     */
    public <T> Parts<T> split(List<T> items, ToIntFunction<T> label) {
        TreeMap<Integer, List<T>> byClass = new TreeMap<>();
        for (T item : items) {
            byClass.computeIfAbsent(label.applyAsInt(item), k -> new ArrayList<>()).add(item);
        }
        Random random = new Random(seed);
        List<T> train = new ArrayList<>();
        List<T> validation = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (List<T> members : byClass.values()) {
            Collections.shuffle(members, random);
            int n = members.size();
            int nTest = (int) Math.round(n * testFraction);
            int nValidation = Math.min(n - nTest, (int) Math.round(n * validationFraction));
            test.addAll(members.subList(0, nTest));
            validation.addAll(members.subList(nTest, nTest + nValidation));
            train.addAll(members.subList(nTest + nValidation, n));
        }
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        Collections.shuffle(test, random);
        return new Parts<>(train, validation, test);
    }

    /**
     * Result of a split.
     *
     * @param train      training items
     * @param validation validation items
     * @param test       test items
     * @param <T>        item type
     */
    public record Parts<T>(List<T> train, List<T> validation, List<T> test) {
        public Parts {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
            test = List.copyOf(test);
        }
    }
}
