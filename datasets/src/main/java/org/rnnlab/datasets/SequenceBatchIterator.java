package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches of a {@link SequenceSet} for DL4J: features {@code [batch, features, time]} (NCW) padded
 * at the end to the batch's longest sequence, a feature mask {@code [batch, time]} (1 = real step)
 * when lengths differ, and one-hot labels {@code [batch, classes]} for the last real step.
 *
 * <p>With shuffling, the order of epoch {@code e} is a pure function of {@code (seed, e)}, so a
 * resumed run sees exactly the batches an uninterrupted one would: {@link #reset()} moves to the next
 * epoch, {@link #setEpoch(int)} jumps to one.
 *
 * <p>By length ({@code --batching by-length}): each epoch's shuffled order is cut into chunks of {@value #CHUNK_BATCHES}
 * minibatches, each chunk sorted by length times a random factor within ±{@value #SORTING_NOISE} (sorting noise, as
 * AllenNLP's bucket iterator has it) and cut into minibatches, and the full minibatches shuffled (the last, partial one
 * stays last), so that a minibatch holds sequences of similar lengths and pads little, while every epoch still draws its
 * minibatches at random: without the noise a training split of one chunk (up to 1,600 sequences at batch 32) was cut into
 * nearly the same minibatches every epoch, only their order random (a review). A learning-analytics
 * trial's enrolments of 3 to 2,051 events made random minibatches of 32 about 83% padding.
 */
public final class SequenceBatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final SequenceSet data;
    private final int features;
    private final int classes;
    private final List<String> labelNames;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean byLength;
    private final long seed;

    /** Minibatches per chunk sorted by length ({@code by length}): wide enough to gather like lengths, narrow enough to stay random. */
    static final int CHUNK_BATCHES = 50;

    /** The relative noise on each length when a chunk is sorted: neighbours of similar lengths change from epoch to epoch. */
    static final double SORTING_NOISE = 0.2;
    private transient DataSetPreProcessor preProcessor;
    private int epoch;
    private SequenceSet order;
    private int cursor;

    /**
     * @param data       the examples
     * @param features   features per step
     * @param labelNames class names (their count is the label width)
     * @param batchSize  examples per batch (the last batch may be smaller)
     * @param shuffle    whether each epoch visits the examples in a new seeded order
     * @param seed       seed of the order
     */
    public SequenceBatchIterator(SequenceSet data, int features, List<String> labelNames, int batchSize, boolean shuffle, long seed) {
        this(data, features, labelNames, batchSize, shuffle, seed, false);
    }

    /** As above; with {@code byLength} (and shuffling) each minibatch of sequences of similar lengths (see the class). */
    public SequenceBatchIterator(SequenceSet data, int features, List<String> labelNames, int batchSize, boolean shuffle, long seed,
                                 boolean byLength) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.data = data;
        this.features = features;
        this.labelNames = List.copyOf(labelNames);
        this.classes = labelNames.size();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.byLength = byLength;
        this.seed = seed;
        setEpoch(0);
    }

    /** Positions the iterator at the start of epoch {@code e}. */
    public void setEpoch(int e) {
        this.epoch = e;
        this.order = shuffle ? data.shuffled(seed * 1_000_003L + e) : data;
        if (shuffle && byLength) {
            this.order = byLength(order, batchSize, new java.util.Random(seed * 1_000_033L + e));
        }
        this.cursor = 0;
    }

    /**
     * {@code shuffled} regrouped into minibatches of similar lengths: chunks of {@link #CHUNK_BATCHES} minibatches sorted by
     * length (stable), cut into minibatches, the full ones shuffled by {@code random}, the partial one last.
     */
    static SequenceSet byLength(SequenceSet shuffled, int batchSize, java.util.Random random) {
        List<Sequence> all = shuffled.examples();
        List<List<Sequence>> full = new java.util.ArrayList<>();
        List<Sequence> partial = List.of();
        int chunk = batchSize * CHUNK_BATCHES;
        for (int start = 0; start < all.size(); start += chunk) {
            List<Sequence> slice = all.subList(start, Math.min(all.size(), start + chunk));
            double[] key = new double[slice.size()];
            Integer[] index = new Integer[slice.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = slice.get(i).length() * (1 + SORTING_NOISE * (2 * random.nextDouble() - 1));
                index[i] = i;
            }
            java.util.Arrays.sort(index, java.util.Comparator.comparingDouble(i -> key[i]));
            List<Sequence> part = new java.util.ArrayList<>(slice.size());
            for (int i : index) {
                part.add(slice.get(i));
            }
            for (int b = 0; b < part.size(); b += batchSize) {
                List<Sequence> batch = part.subList(b, Math.min(part.size(), b + batchSize));
                if (batch.size() == batchSize) {
                    full.add(batch);
                } else {
                    partial = batch;
                }
            }
        }
        java.util.Collections.shuffle(full, random);
        List<Sequence> out = new java.util.ArrayList<>(all.size());
        full.forEach(out::addAll);
        out.addAll(partial);
        return new SequenceSet(out);
    }

    /**
     * The share of the steps a model computes that are padding, when {@code lengths} go through minibatches of
     * {@code batchSize} in {@code order} (each padded to its longest), for the note of train and compare.
     */
    public static double paddingShare(SequenceSet set, int batchSize, boolean byLength, long seed) {
        SequenceBatchIterator it = new SequenceBatchIterator(set, 1, List.of("x"), batchSize, true, seed, byLength);
        long real = 0;
        long computed = 0;
        List<Sequence> order = it.order.examples();
        for (int start = 0; start < order.size(); start += batchSize) {
            int longest = 0;
            for (Sequence s : order.subList(start, Math.min(order.size(), start + batchSize))) {
                real += s.length();
                longest = Math.max(longest, s.length());
            }
            computed += (long) longest * (Math.min(order.size(), start + batchSize) - start);
        }
        return computed == 0 ? 0 : 1.0 - (double) real / computed;
    }

    /** The current epoch (0 first). */
    public int epoch() {
        return epoch;
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** Skips {@code n} batches of the current epoch (used when resuming mid-epoch). */
    public void skipBatches(int n) {
        cursor = Math.min(order.size(), cursor + n * batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.size();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches");
        }
        int end = Math.min(order.size(), cursor + num);
        DataSet ds = batch(order.examples().subList(cursor, end), features, classes);
        cursor = end;
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /**
     * The indices of {@code sequences} in minibatches of at most {@code size}: in order, or with {@code equalLengths} each
     * minibatch of one length (shortest first, in order within a length), for a network whose outputs a padded minibatch
     * changes ({@code NetworkFactory.paddingChangesOutputs}), so that a sequence's result never depends on the sequences
     * beside it.
     */
    public static List<List<Integer>> minibatches(List<Sequence> sequences, int size, boolean equalLengths) {
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < sequences.size(); i++) {
            byLength.computeIfAbsent(equalLengths ? sequences.get(i).length() : 0, k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> group : byLength.values()) {
            for (int start = 0; start < group.size(); start += size) {
                out.add(group.subList(start, Math.min(group.size(), start + size)));
            }
        }
        return out;
    }

    /** Builds one padded, masked minibatch from a list of examples. */
    public static DataSet batch(List<Sequence> examples, int features, int classes) {
        int b = examples.size();
        int t = 0;
        boolean ragged = false;
        for (Sequence s : examples) {
            if (t != 0 && s.length() != t) {
                ragged = true;
            }
            t = Math.max(t, s.length());
        }
        float[] x = new float[b * features * t];
        float[] y = new float[b * classes];
        float[] m = ragged ? new float[b * t] : null;
        for (int i = 0; i < b; i++) {
            Sequence s = examples.get(i);
            if (s.label() >= classes) {
                throw new IllegalArgumentException("label " + s.label() + " outside [0, " + classes + ")");
            }
            y[i * classes + s.label()] = 1f;
            float[][] v = s.values();
            for (int step = 0; step < v.length; step++) {
                if (v[step].length != features) {
                    throw new IllegalArgumentException("example " + i + " step " + step + " has " + v[step].length
                            + " features, expected " + features);
                }
                for (int f = 0; f < features; f++) {
                    x[(i * features + f) * t + step] = v[step][f];
                }
                if (m != null) {
                    m[i * t + step] = 1f;
                }
            }
        }
        INDArray feats = Nd4j.create(x, new long[] {b, features, t}, DataType.FLOAT);
        INDArray labels = Nd4j.create(y, new long[] {b, classes}, DataType.FLOAT);
        INDArray mask = m == null ? null : Nd4j.create(m, new long[] {b, t}, DataType.FLOAT);
        return new DataSet(feats, labels, mask, null);
    }

    @Override
    public int inputColumns() {
        return features;
    }

    @Override
    public int totalOutcomes() {
        return classes;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch (a new seeded order when shuffling). */
    @Override
    public void reset() {
        setEpoch(cursor == 0 && epoch == 0 ? 0 : epoch + 1);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return labelNames;
    }
}
