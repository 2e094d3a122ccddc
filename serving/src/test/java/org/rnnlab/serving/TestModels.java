package org.rnnlab.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.synthetic.Agreement;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/**
 * Two small real model bundles, trained once per test JVM on generated data (a few seconds): a dense LSTM of three
 * features and three classes, and a GRU text model (agreement sentences).
 */
final class TestModels {
    static final List<String> FEATURES = List.of("x", "y", "z");
    static final List<String> TEXTS = List.of("the writer of the books", "the writers of the book", "the old doctor",
            "the keys to the cabinet");

    private static Path dense;
    private static Path text;

    private TestModels() {
    }

    /** The dense model's file (features x, y, z; labels neg, pos, flat; lengths 3-12 in training). */
    static synchronized Path dense() {
        if (dense == null) {
            SequenceDataset data = denseData(96, 7);
            TrainedModel m = Trainer.train(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(8)),
                    TrainingConfig.defaults().withEpochs(2).withBatchSize(16), data);
            dense = save(m, data, "dense.rnnlab", 3, 12, Optional.empty());
        }
        return dense;
    }

    /**
     * A dense model like {@link #dense()} read from CSV data with the missing-value policy {@code missing} (its card holds
     * the CSV schema, as {@code rnnlab train --dataset csv --missing ...} writes it).
     */
    static Path denseCsv(org.rnnlab.datasets.csv.MissingValues missing) {
        return denseCsv(missing, org.rnnlab.datasets.csv.SequenceScaling.NONE);
    }

    /** As {@link #denseCsv(org.rnnlab.datasets.csv.MissingValues)}, with each sequence scaled by its own statistics. */
    static Path denseCsv(org.rnnlab.datasets.csv.MissingValues missing, org.rnnlab.datasets.csv.SequenceScaling scaling) {
        return denseCsv(missing, scaling, List.of());
    }

    /** As above, with codes for a missing value ({@code --set naValues}) in the schema. */
    static Path denseCsv(org.rnnlab.datasets.csv.MissingValues missing, org.rnnlab.datasets.csv.SequenceScaling scaling,
                         List<String> naValues) {
        return denseCsv(missing, scaling, naValues, null);
    }

    /**
     * As above, read from a wide file whose step columns are named by the numbers {@code axis} ({@code --set layout=wide}),
     * or from the long layout when null.
     */
    static Path denseCsv(org.rnnlab.datasets.csv.MissingValues missing, org.rnnlab.datasets.csv.SequenceScaling scaling,
                         List<String> naValues, List<String> axis) {
        return denseCsv(missing, scaling, naValues, axis, null);
    }

    /** As above, with a fallback for a feature with no value at all in a sequence ({@code --set emptyFeature}), or none. */
    static Path denseCsv(org.rnnlab.datasets.csv.MissingValues missing, org.rnnlab.datasets.csv.SequenceScaling scaling,
                         List<String> naValues, List<String> axis, org.rnnlab.datasets.csv.EmptyFeatureFill emptyFeature) {
        return denseCsv(missing, scaling, naValues, axis, emptyFeature, null);
    }

    /** As above, with the training data's time step stored in the schema ({@code timeStep}), or none. */
    static Path denseCsv(org.rnnlab.datasets.csv.MissingValues missing, org.rnnlab.datasets.csv.SequenceScaling scaling,
                         List<String> naValues, List<String> axis, org.rnnlab.datasets.csv.EmptyFeatureFill emptyFeature,
                         org.rnnlab.datasets.csv.TimeStep timeStep) {
        SequenceDataset data = denseData(48, 11);
        TrainedModel m = Trainer.train(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(16), data);
        var schema = new org.rnnlab.datasets.csv.CsvSchema(org.rnnlab.datasets.csv.CsvSchema.LONG, ",", true, 0,
                org.rnnlab.datasets.csv.Column.named("sequence_id"), org.rnnlab.datasets.csv.CsvOptions.DEFAULT_TIME,
                org.rnnlab.datasets.csv.Column.named("label"), null, null,
                FEATURES.stream().map(org.rnnlab.datasets.csv.Column::named).toList(), missing, List.of(), scaling, naValues);
        schema = schema.withEmptyFeature(emptyFeature);
        if (timeStep != null) {
            schema = schema.withTimeStep(timeStep);
        }
        if (axis != null) {
            schema = schema.withWide(new org.rnnlab.datasets.csv.WideLayout(true, org.rnnlab.datasets.csv.Column.named("label"), null,
                    null, null, axis));
        }
        try {
            Path dir = Files.createTempDirectory("rnnlab-serving-test");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("csv-" + missing + "-" + scaling + (naValues.isEmpty() ? "" : "-codes") + (axis == null ? ""
                    : "-wide") + (emptyFeature == null ? "" : "-" + emptyFeature.policy()) + (timeStep == null ? "" : "-step") + ".rnnlab");
            Provenance prov = Provenance.capture(List.of("serving-test"), data.name(), data.provenance().checksum(), List.of(1L));
            ModelBundle.save(m.network(), m.normalizer(), ModelBundle.card(m, Map.of("test_accuracy", 0.5), data.name(), prov, 3, 12,
                    Optional.empty(), Optional.of(schema)), file);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text model's file (labels singular, plural). */
    static synchronized Path text() {
        if (text == null) {
            var agreement = Agreement.generate(Agreement.Config.defaults().withSizes(200, 50, 50).withDistances(1, 6));
            TrainedModel m = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)),
                    TrainingConfig.defaults().withEpochs(1), agreement);
            text = save(m, agreement, "text.rnnlab", 3, 8, agreement.textEncoder());
        }
        return text;
    }

    private static Path save(TrainedModel m, SequenceDataset data, String name, int min, int max,
                             Optional<org.rnnlab.datasets.text.TextEncoder> encoder) {
        try {
            Path dir = Files.createTempDirectory("rnnlab-serving-test");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            Provenance prov = Provenance.capture(List.of("serving-test"), data.name(), data.provenance().checksum(), List.of(1L));
            ModelBundle.save(m.network(), m.normalizer(), ModelBundle.card(m, Map.of("test_accuracy", 0.5), data.name(), prov, min, max,
                    encoder), file);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sequences of 3 features; the label is the sign of the first step's x (or flat when it is near 0). */
    static SequenceDataset denseData(int n, long seed) {
        Random r = new Random(seed);
        List<List<Sequence>> splits = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float[][] v = randomSequence(r, 3 + r.nextInt(10));
                v[0][0] = i % 3 == 0 ? -1f : i % 3 == 1 ? 1f : 0f;
                list.add(new Sequence(v, i % 3));
            }
            splits.add(list);
        }
        return new InMemorySequenceDataset("serving-dense", InputDescription.dense(FEATURES, 12), List.of("neg", "pos", "flat"),
                new SequenceSet(splits.get(0)), new SequenceSet(splits.get(1)), new SequenceSet(splits.get(2)),
                new DatasetProvenance("serving-dense", "generated", Map.of("n", "" + n), List.of(), seed));
    }

    static float[][] randomSequence(Random r, int length) {
        float[][] v = new float[length][FEATURES.size()];
        for (float[] step : v) {
            for (int f = 0; f < step.length; f++) {
                step[f] = (float) r.nextGaussian();
            }
        }
        return v;
    }

    /** A list of one sequence. */
    static List<float[][]> one(float[][] sequence) {
        List<float[][]> l = new ArrayList<>();
        l.add(sequence);
        return l;
    }

    /** {@code {"sequences": [...]}} of the given sequences. */
    static String sequencesBody(List<float[][]> sequences) {
        return org.rnnlab.core.Json.writeCompact(Map.of("sequences", sequences));
    }
}
