package org.rnnlab.evaluation.gradients;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceBatchIterator;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * Real data for the gradient probe: the training sequences of a {@link SequenceDataset} that have
 * exactly {@code steps} steps (so every position has the same distance to the end in all of them),
 * standardised with statistics of the training split; token sequences become one-hot vectors over the
 * vocabulary, so the hand-written RNN and the framework models read the same dense input.
 */
public final class SequenceDatasetSource implements GradientDataSource {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SequenceDatasetSource.class);
    private final String name;
    private final List<Sequence> examples;
    private final int features;
    private final int classes;
    private final NormalizerStandardize normalizer;
    private final int steps;
    private int warnedSize = -1;

    public SequenceDatasetSource(SequenceDataset data, int steps) {
        this.name = data.name();
        this.classes = data.classCount();
        List<Sequence> train = data.split(Split.TRAIN).examples();
        InputDescription in = data.input();
        boolean tokens = in.kind() == InputDescription.Kind.TOKENS;
        this.features = tokens ? in.vocabularySize() : in.featureCount();
        List<Sequence> picked = new ArrayList<>();
        TreeSet<Integer> lengths = new TreeSet<>();
        for (Sequence s : train) {
            lengths.add(s.length());
            if (s.length() == steps) {
                picked.add(tokens ? oneHot(s, features) : s);
            }
        }
        if (picked.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + " has no training sequence of exactly " + steps
                    + " steps (--steps); lengths available: " + lengths);
        }
        this.examples = picked;
        this.steps = steps;
        this.normalizer = tokens ? null : data.fitNormalizer().orElse(null);
    }

    private static Sequence oneHot(Sequence s, int vocabulary) {
        float[][] v = new float[s.length()][vocabulary];
        for (int t = 0; t < s.length(); t++) {
            v[t][Math.round(s.values()[t][0])] = 1f;
        }
        return new Sequence(v, s.label(), s.tags());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** Number of usable sequences. */
    public int size() {
        return examples.size();
    }

    @Override
    public Batch batch(int index, int size) {
        if (size > examples.size() && warnedSize != size) {
            warnedSize = size;
            LOG.warn("{}: only {} training sequence(s) have exactly {} steps, fewer than the batch of {}: the batch repeats them, "
                    + "and the gradient norms are averaged over those {} (a smaller --batch says so without repeats)", name,
                    examples.size(), steps, size, examples.size());
        }
        List<Sequence> chosen = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            chosen.add(examples.get((index * size + i) % examples.size()));
        }
        DataSet ds = SequenceBatchIterator.batch(chosen, features, classes);
        if (normalizer != null) {
            normalizer.preProcess(ds);
        }
        return new Batch(ds.getFeatures(), ds.getLabels(), null);
    }
}
