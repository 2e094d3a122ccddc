package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Seeded, stratified train/validation/test split: within each class the items are shuffled by the
 * seed; the first of them go to test, the next to validation and the rest to train. How many of each class: the
 * split's total is {@code round(N * fraction)} of all N items, shared among the classes by largest remainder (each
 * class gets the whole part of {@code n * fraction}, and the classes with the largest fractional parts one more, ties
 * to the class with the most items left, then the earlier one), and a class always keeps at least one item in train. So the splits keep the class proportions
 * as far as whole items allow, and their sizes are the fractions asked: rounding each class on its own carved 0 of 90
 * items of 30 classes of 3 (0.45 rounds to 0) and 20% of 60 items of 6 classes of 10 (1.5 rounds to 2), where 15% was
 * asked. Test is allocated first, then validation from what test left. Each split is then shuffled by the seed, so that
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
        List<List<T>> classes = new ArrayList<>(byClass.values());
        int[] sizes = classes.stream().mapToInt(List::size).toArray();
        int[] testCounts = allocate(sizes, new int[sizes.length], testFraction, items.size());
        int[] validationCounts = allocate(sizes, testCounts, validationFraction, items.size());
        for (int c = 0; c < classes.size(); c++) {
            List<T> members = classes.get(c);
            Collections.shuffle(members, random);
            int n = members.size();
            int nTest = testCounts[c];
            int nValidation = validationCounts[c];
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
     * Whether {@link #split} gives these items other split sizes per class than rnnlab's earlier rule (each class rounded
     * on its own: {@code round(n * testFraction)} to test, {@code round(n * validationFraction)} to validation). Datasets
     * record it in their provenance ({@code stratifiedCarving}) where it does, so that a run or model made with the
     * earlier split has another data checksum and is not resumed or evaluated on this split unawares; where the sizes
     * agree, the items and order are the same as before.
     */
    public <T> boolean differsFromPerClassRounding(List<T> items, ToIntFunction<T> label) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (T item : items) {
            counts.merge(label.applyAsInt(item), 1, Integer::sum);
        }
        int[] sizes = counts.values().stream().mapToInt(Integer::intValue).toArray();
        int[] test = allocate(sizes, new int[sizes.length], testFraction, items.size());
        int[] validation = allocate(sizes, test, validationFraction, items.size());
        for (int c = 0; c < sizes.length; c++) {
            int oldTest = (int) Math.round(sizes[c] * testFraction);
            int oldValidation = Math.min(sizes[c] - oldTest, (int) Math.round(sizes[c] * validationFraction));
            if (oldTest != test[c] || oldValidation != validation[c]) {
                return true;
            }
        }
        return false;
    }

    /** The provenance parameter that marks a split {@link #differsFromPerClassRounding} ({@code stratifiedCarving}). */
    public static final String PROVENANCE_KEY = "stratifiedCarving";

    /** Its value. */
    public static final String PROVENANCE_VALUE = "split sizes by largest remainder";

    /**
     * How many items of each class (of {@code sizes}, {@code taken} of which another split has) go to a split of
     * {@code fraction} of all {@code total} items: {@code round(total * fraction)} shared by largest remainder of {@code
     * sizes[c] * fraction}, at most {@code sizes[c] - taken[c] - 1} per class (one stays in train).
     */
    static int[] allocate(int[] sizes, int[] taken, double fraction, int total) {
        int[] counts = new int[sizes.length];
        int[] room = new int[sizes.length];
        int target = (int) Math.round(total * fraction);
        int given = 0;
        for (int c = 0; c < sizes.length; c++) {
            room[c] = Math.max(0, sizes[c] - taken[c] - 1);
            counts[c] = Math.min(room[c], (int) Math.floor(sizes[c] * fraction));
            given += counts[c];
        }
        while (given < target) {
            int best = -1;
            double bestRemainder = -1;
            for (int c = 0; c < sizes.length; c++) {
                double remainder = sizes[c] * fraction - counts[c];
                boolean tie = best >= 0 && Math.abs(remainder - bestRemainder) <= 1e-12;
                if (counts[c] < room[c] && (remainder > bestRemainder + 1e-12
                        || tie && room[c] - counts[c] > room[best] - counts[best])) {
                    best = c;
                    bestRemainder = remainder;
                }
            }
            if (best < 0) {
                break; // every class is down to its one training item
            }
            counts[best]++;
            given++;
        }
        return counts;
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
