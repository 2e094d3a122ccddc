package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The examples of one split, in memory, in a fixed order (the order of test results and tags).
 *
 * @param examples the examples
 */
public record SequenceSet(List<Sequence> examples) {

    public SequenceSet {
        examples = List.copyOf(InputDescription.nonNull(examples, "examples", "a list of Sequences", "a Sequence"));
    }

    public int size() {
        return examples.size();
    }

    public Sequence get(int i) {
        return examples.get(i);
    }

    /** Longest sequence length (0 when empty). */
    public int maxLength() {
        int max = 0;
        for (Sequence s : examples) {
            max = Math.max(max, s.length());
        }
        return max;
    }

    /** The first {@code n} examples (all when there are fewer). */
    public SequenceSet limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + n);
        }
        return n >= examples.size() ? this : new SequenceSet(examples.subList(0, n));
    }

    /** A copy in an order shuffled by {@code seed}. */
    public SequenceSet shuffled(long seed) {
        List<Sequence> copy = new ArrayList<>(examples);
        Collections.shuffle(copy, new Random(seed));
        return new SequenceSet(copy);
    }

    /** Number of examples per class index, for {@code classes} classes. */
    public int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (Sequence s : examples) {
            counts[s.label()]++;
        }
        return counts;
    }
}
