package org.rnnlab.datasets;

import java.util.Map;
import java.util.Optional;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.text.TextEncoder;

/**
 * A dataset cut from another one: its own training, validation and test splits, everything else (input, labels, text
 * encoder, CSV schema, provenance) the other dataset's. A cross-validation fold ({@link CrossValidation#fold}) and a band
 * of a tag ({@link TagBands#select}) are such datasets.
 */
final class ResplitDataset extends ForwardingSequenceDataset {
    private final Map<Split, SequenceSet> splits;

    ResplitDataset(SequenceDataset data, SequenceSet train, SequenceSet validation, SequenceSet test) {
        super(data);
        this.splits = Map.of(Split.TRAIN, train, Split.VALIDATION, validation, Split.TEST, test);
    }

    @Override
    public SequenceSet split(Split split) {
        return splits.get(split);
    }

    @Override
    public SequenceDataset limit(int maxPerSplit) {
        return new ResplitDataset(data, splits.get(Split.TRAIN).limit(maxPerSplit), splits.get(Split.VALIDATION).limit(maxPerSplit),
                splits.get(Split.TEST).limit(maxPerSplit));
    }

    @Override
    public Optional<TextEncoder> textEncoder() {
        return data.textEncoder();
    }

    @Override
    public Optional<CsvSchema> csvSchema() {
        return data.csvSchema();
    }
}
