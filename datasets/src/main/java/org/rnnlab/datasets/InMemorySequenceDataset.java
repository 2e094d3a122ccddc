package org.rnnlab.datasets;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SequenceDataset} whose splits are already built; loaders and generators return one.
 * Checks on construction that every example fits the input description and the label set, and that every value is a
 * finite number (NaN and infinities are refused, naming split, example, step and feature), so a dataset that exists is a
 * valid one.
 */
public final class InMemorySequenceDataset implements SequenceDataset {
    private final String name;
    private final InputDescription input;
    private final List<String> labelNames;
    private final Map<Split, SequenceSet> splits;
    private final DatasetProvenance provenance;

    public InMemorySequenceDataset(String name, InputDescription input, List<String> labelNames,
                                   SequenceSet train, SequenceSet validation, SequenceSet test,
                                   DatasetProvenance provenance) {
        this.name = name;
        this.input = input;
        this.labelNames = List.copyOf(labelNames);
        if (this.labelNames.size() < 2) {
            throw new IllegalArgumentException("dataset " + name + " needs at least 2 labels, got " + labelNames);
        }
        this.splits = new EnumMap<>(Split.class);
        splits.put(Split.TRAIN, train);
        splits.put(Split.VALIDATION, validation);
        splits.put(Split.TEST, test);
        this.provenance = provenance;
        for (Map.Entry<Split, SequenceSet> e : splits.entrySet()) {
            List<Sequence> ex = e.getValue().examples();
            for (int i = 0; i < ex.size(); i++) {
                Sequence s = ex.get(i);
                if (s.label() >= this.labelNames.size()) {
                    throw new IllegalArgumentException("dataset " + name + ", " + e.getKey() + " example " + i + ": label "
                            + s.label() + " outside the " + this.labelNames.size() + " known labels " + this.labelNames);
                }
                if (s.values()[0].length != input.featureCount()) {
                    throw new IllegalArgumentException("dataset " + name + ", " + e.getKey() + " example " + i + ": "
                            + s.values()[0].length + " features per step, expected " + input.featureCount());
                }
                if (s.length() > input.maxLength()) {
                    throw new IllegalArgumentException("dataset " + name + ", " + e.getKey() + " example " + i + ": length "
                            + s.length() + " exceeds maxLength " + input.maxLength());
                }
                checkValues(name, input, e.getKey(), i, s.values());
            }
        }
    }

    /**
     * Refuses a value that is not a finite number, naming the split, example, step and feature, as predict refuses one: a
     * NaN in the training split used to end training as "diverged ... try a lower learning rate", and one in the
     * validation split as DL4J's "Cannot perform evaluation with NaNs present in predictions" (a user's program).
     */
    private static void checkValues(String name, InputDescription input, Split split, int example, float[][] values) {
        for (int t = 0; t < values.length; t++) {
            float[] step = values[t];
            for (int f = 0; step != null && f < step.length; f++) {
                if (!Float.isFinite(step[f])) {
                    throw new IllegalArgumentException("dataset " + name + ", " + split + " example " + example + ", step " + t
                            + ", feature " + (f < input.featureNames().size() ? input.featureNames().get(f) : Integer.toString(f))
                            + ": " + step[f] + " is not a finite number (expected finite values; fill or drop missing values "
                            + "before building the dataset)");
                }
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InputDescription input() {
        return input;
    }

    @Override
    public List<String> labelNames() {
        return labelNames;
    }

    @Override
    public SequenceSet split(Split split) {
        return splits.get(split);
    }

    @Override
    public DatasetProvenance provenance() {
        return provenance;
    }

    @Override
    public SequenceDataset limit(int maxPerSplit) {
        return new InMemorySequenceDataset(name, input, labelNames, splits.get(Split.TRAIN).limit(maxPerSplit),
                splits.get(Split.VALIDATION).limit(maxPerSplit), splits.get(Split.TEST).limit(maxPerSplit), provenance);
    }
}
