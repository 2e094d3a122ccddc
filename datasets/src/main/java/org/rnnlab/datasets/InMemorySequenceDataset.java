package org.rnnlab.datasets;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SequenceDataset} whose splits are already built; loaders and generators return one.
 * Checks on construction, naming the split, example and step of what it refuses, that every example fits the input
 * description (every step non-null with one value per feature; token ids whole numbers within the vocabulary) and the
 * label set, that every value is a finite number (NaN and infinities are refused), that the class names are non-empty,
 * without control characters and each given once, that the feature names are each given once, and that no argument is
 * null: a dataset that exists is a valid one, and training never meets these problems half-way.
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
        notNull(name, "name", "the dataset's name");
        notNull(input, "input", "an InputDescription");
        notNull(labelNames, "labelNames", "a list of class names");
        notNull(train, "train", "a SequenceSet (training split)");
        notNull(validation, "validation", "a SequenceSet (validation split, may be empty)");
        notNull(test, "test", "a SequenceSet (test split, may be empty)");
        notNull(provenance, "provenance", "a DatasetProvenance (e.g. new DatasetProvenance(name, \"memory\", Map.of(), List.of(), seed))");
        this.name = name;
        this.input = input;
        checkLabelNames(name, labelNames);
        this.labelNames = List.copyOf(labelNames);
        if (this.labelNames.size() < 2) {
            throw new IllegalArgumentException("dataset " + name + " needs at least 2 labels, got " + labelNames);
        }
        checkFeatureNames(name, input);
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
        String at = "dataset " + name + ", " + split + " example " + example + ", step ";
        for (int t = 0; t < values.length; t++) {
            float[] step = values[t];
            if (step == null) {
                throw new IllegalArgumentException(at + t + " is null (expected " + input.featureCount() + " values "
                        + input.featureNames() + ")");
            }
            if (step.length != input.featureCount()) {
                throw new IllegalArgumentException(at + t + ": " + step.length + " values, expected " + input.featureCount()
                        + " " + input.featureNames());
            }
            for (int f = 0; f < step.length; f++) {
                float v = step[f];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(at + t + ", feature " + input.featureNames().get(f) + ": " + v
                            + " is not a finite number (expected finite values; fill or drop missing values before building "
                            + "the dataset)");
                }
                if (input.kind() == InputDescription.Kind.TOKENS && (v < 0 || v >= input.vocabularySize() || v != Math.rint(v))) {
                    // DL4J's embedding layer failed deep inside on them (a user's ids up to 92 for a vocabulary of 10)
                    throw new IllegalArgumentException(at + t + ": token id " + v + (v != Math.rint(v) ? " is not a whole number"
                            : " is outside the vocabulary") + " (expected a whole number in [0, " + input.vocabularySize() + "))");
                }
            }
        }
    }

    private static void notNull(Object value, String argument, String expected) {
        if (value == null) {
            throw new IllegalArgumentException("InMemorySequenceDataset: '" + argument + "' is null (expected " + expected + ")");
        }
    }

    /**
     * Class names as training and model files need them: none null or empty, none with a control character, none twice
     * (a class named like a missing-value marker, {@code None} or {@code NA}, is a class here: only the file readers read such
     * a cell as missing) ({@code ["up", "up"]} and a label with a line break used to train fully and be refused only
     * by {@code ModelBundle.save}).
     */
    private static void checkLabelNames(String name, List<String> labelNames) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < labelNames.size(); i++) {
            String label = labelNames.get(i);
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("dataset " + name + ": labelNames[" + i + "] is "
                        + (label == null ? "null" : LabelCheck.quoted(label)) + " (expected a class name, not empty)");
            }
            if (LabelCheck.controlCharacter(label) >= 0) {
                throw new IllegalArgumentException("dataset " + name + ": labelNames[" + i + "] "
                        + LabelCheck.controlCharacterProblem(label));
            }
            Integer before = seen.putIfAbsent(label, i);
            if (before != null) {
                throw new IllegalArgumentException("dataset " + name + ": labelNames[" + i + "] " + LabelCheck.quoted(label)
                        + " is labelNames[" + before + "] again (expected each class named once)");
            }
        }
    }

    /** Feature names once each: a model's card names its columns by them. */
    private static void checkFeatureNames(String name, InputDescription input) {
        List<String> names = input.featureNames();
        for (int i = 0; i < names.size(); i++) {
            int before = names.subList(0, i).indexOf(names.get(i));
            if (before >= 0) {
                throw new IllegalArgumentException("dataset " + name + ": feature " + i + " " + LabelCheck.quoted(names.get(i))
                        + " is feature " + before + " again (expected each feature named once)");
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
