package org.rnnlab.datasets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.text.TextEncoder;

/**
 * A labelled sequence-classification dataset: its input, its classes, three splits held in memory,
 * and where it came from. Every loader and generator of rnnlab implements it.
 */
public interface SequenceDataset {

    /** Short name, e.g. {@code agreement} or {@code har}. */
    String name();

    /** What a time step holds. */
    InputDescription input();

    /** Class names, index = label. */
    List<String> labelNames();

    /** The examples of one split, in a fixed order. */
    SequenceSet split(Split split);

    /** Files and checksums, or generator parameters and seed. */
    DatasetProvenance provenance();

    /** The same dataset with at most {@code maxPerSplit} examples in each split (for quick runs and tests). */
    SequenceDataset limit(int maxPerSplit);

    /**
     * For text datasets, the tokenizer, vocabulary and length limit that turned text into token ids, so
     * a trained model can encode new text the same way; empty for other datasets.
     */
    default Optional<TextEncoder> textEncoder() {
        return Optional.empty();
    }

    /**
     * For CSV datasets, the data contract (layout, column roles, missing-value policy) decided from the
     * training file, so a trained model reads new files the same way; empty for other datasets.
     */
    default Optional<CsvSchema> csvSchema() {
        return Optional.empty();
    }

    /**
     * For CSV datasets, and text files with an id column, the ids of the sequences in each split (as {@code predict} and
     * {@code evaluate} name them), so that a run can record which sequences it trained and selected on (with {@code --limit},
     * those kept) and name them in its predictions; empty when not known (other datasets, a re-split one).
     */
    default Map<Split, List<String>> sequenceIds() {
        return Map.of();
    }

    /**
     * For CSV datasets, the fingerprint of each sequence of each split ({@code csv.SplitIdsFile.fingerprint} of its
     * feature values as read, after the missing-value policy), aligned with {@link #sequenceIds()}, so that a run can
     * record what it trained and selected on by content, not only by name; empty when not known.
     */
    default Map<Split, List<String>> sequenceFingerprints() {
        return Map.of();
    }

    /**
     * For CSV datasets with a group column ({@code --set group}), the group of each sequence of each split, aligned with
     * {@link #sequenceIds()}, so that a run can record which groups (subjects, machines) it trained and selected on;
     * empty without a group column.
     */
    default Map<Split, List<String>> sequenceGroups() {
        return Map.of();
    }

    /**
     * For CSV datasets with a time column, each sequence's first time in each split, aligned with {@link #sequenceIds()}
     * (seconds since the epoch for date-times), so that cross-validation can fold them walk-forward
     * ({@link CrossValidation#TIME}); empty without times.
     */
    default Map<Split, List<Double>> sequenceStarts() {
        return Map.of();
    }

    /**
     * For CSV datasets with a time column, each sequence's last time, aligned with {@link #sequenceStarts()}: walk-forward
     * folds leave out of a fold's training the sequences that reach into the period it scores; empty without times.
     */
    default Map<Split, List<Double>> sequenceEnds() {
        return Map.of();
    }

    /** A time of {@link #sequenceStarts()} as a reader knows it (a date-time for date-times), for messages. */
    default String showTime(double time) {
        return String.valueOf(time);
    }

    /**
     * The tags whose values only tell examples apart, numbering names in sorted order (a CSV's group column: the patient
     * or subject), as opposed to quantities such as agreement's distance: they keep groups apart when splitting, but an
     * accuracy per value, or bands of values, would show numbers that mean nothing to the user.
     */
    default Set<String> nominalTags() {
        return Set.of();
    }

    /** Number of classes. */
    default int classCount() {
        return labelNames().size();
    }

    /**
     * Minibatches of a split. The training split is shuffled per epoch by {@code seed}; the others
     * keep their order.
     */
    default SequenceBatchIterator iterator(Split split, int batchSize, long seed) {
        return iterator(split, batchSize, seed, false);
    }

    /** As above; with {@code byLength} the training split's minibatches hold sequences of similar lengths ({@link SequenceBatchIterator}). */
    default SequenceBatchIterator iterator(Split split, int batchSize, long seed, boolean byLength) {
        return new SequenceBatchIterator(split(split), input().featureCount(), labelNames(), batchSize,
                split == Split.TRAIN, seed, byLength);
    }

    /**
     * Per-feature standardisation fitted on the training split only (masked steps ignored), for dense
     * input; empty for token input. The caller attaches it to its iterators and saves it with the model.
     * Computed in double ({@link FeatureStandardizer}), so that large values (1e30) do not overflow.
     *
     * @throws IllegalArgumentException when a feature's training values spread beyond the float range
     */
    default Optional<NormalizerStandardize> fitNormalizer() {
        if (input().kind() != InputDescription.Kind.DENSE) {
            return Optional.empty();
        }
        return Optional.of(FeatureStandardizer.fit(split(Split.TRAIN), input().featureNames()));
    }
}
