package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.FileChecksums;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;

/** Reads a file or folder for a trained model with the model's data contract (evaluate and predict). */
final class ModelData {

    private ModelData() {
    }

    /**
     * The data of {@code input} as the model reads it.
     *
     * @param missing a missing-value policy that overrides the model's, or null
     */
    static NewData read(SequenceClassifier model, Path input, boolean labelRequired, NewData.TextLayout layout, MissingValues missing,
                        PrintWriter err) {
        NewData data;
        if (model.readsText()) {
            if (missing != null) {
                throw new IllegalArgumentException("--missing does not apply to a text model");
            }
            data = NewData.text(input, model.card().encoder().orElseThrow(), model.labelNames(),
                    labelRequired ? NewData.TextLayout.TSV : layout);
        } else {
            CsvSchema schema = schema(model.card());
            if (missing != null && missing != schema.missing()) {
                err.printf("note: missing values handled with --missing %s instead of the model's %s%n", missing, schema.missing());
                schema = schema.withMissing(missing);
            }
            data = NewData.csv(input, schema, labelRequired);
        }
        if (!data.dropped().isEmpty()) {
            err.printf("warning: %d sequence(s) dropped for missing values (missing=drop), e.g. %s%n", data.dropped().size(),
                    data.dropped().subList(0, Math.min(5, data.dropped().size())));
        }
        err.flush();
        return data;
    }

    /**
     * The model's CSV contract; for models saved before contracts were stored, the long layout with a
     * header: {@code sequence_id}, optional {@code time} and {@code label}, the features by name.
     */
    static CsvSchema schema(ModelCard card) {
        return card.csvSchema().orElseGet(() -> new CsvSchema(CsvSchema.LONG, ",", true, 0, Column.named("sequence_id"),
                CsvOptions.DEFAULT_TIME, Column.named("label"), null, null,
                card.input().featureNames().stream().map(Column::named).toList(), MissingValues.ERROR, List.of()));
    }

    /** Labelled new data as a dataset whose test split is every sequence, in file order. */
    static SequenceDataset asTestSet(SequenceClassifier model, NewData data, Path input) {
        List<String> labels = model.labelNames();
        List<Sequence> sequences = new ArrayList<>();
        int longest = model.card().input().maxLength();
        for (int i = 0; i < data.size(); i++) {
            int label = labels.indexOf(data.labels().get(i));
            if (label < 0) {
                throw new DatasetFormatException(input, "label '" + data.labels().get(i) + "' of sequence '" + data.ids().get(i)
                        + "' is not one of the model's labels " + labels);
            }
            sequences.add(new Sequence(data.values().get(i), label));
            longest = Math.max(longest, data.values().get(i).length);
        }
        InputDescription in = model.card().input();
        InputDescription widened = new InputDescription(in.kind(), in.featureCount(), in.featureNames(), in.vocabularySize(), longest);
        List<DatasetProvenance.FileChecksum> files = java.nio.file.Files.isRegularFile(input) ? List.of(FileChecksums.of(input)) : List.of();
        return new InMemorySequenceDataset(model.card().dataset(), widened, labels, new SequenceSet(List.of()),
                new SequenceSet(List.of()), new SequenceSet(sequences),
                new DatasetProvenance(model.card().dataset(), input.toString(), java.util.Map.of(), files, 0));
    }
}
