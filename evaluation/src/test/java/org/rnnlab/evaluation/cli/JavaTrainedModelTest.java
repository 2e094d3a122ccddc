package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.evaluation.train.TrainCard;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/**
 * A model trained from Java (trial 81d F1, F2): {@link TrainCard#of} fills its card as {@code rnnlab train} does (held-out
 * confidence, training range and class counts, test metrics, baselines, the CSV layout given), where the guide's bare
 * {@code ModelBundle.card} leaves them out; predict's notes on such a bare model say how it was made, not that it is old,
 * and its refusal of a file's columns names rnnlab's default layout, not "the model's data layout".
 */
class JavaTrainedModelTest {
    @TempDir
    static Path dir;
    static Path test;
    static Path full;
    static Path bare;
    static ModelCard fullCard;
    static ModelCard bareCard;
    static TrainedModel trained;

    @BeforeAll
    static void trainFromJava() throws Exception {
        Path data = dir.resolve("data");
        var made = TrainEvaluatePredictTest.run("data", "example", "--out", data.toString(), "--train-per-class", "12",
                "--test-per-class", "6");
        assertThat(made.code()).as(made.err()).isZero();
        test = data.resolve("TEST.csv");
        // the user's own reader, as the trial's: header series_id,timestamp,<features>,class
        List<String> header = List.of(Files.readAllLines(test).get(0).split(","));
        List<String> features = header.stream().filter(h -> !List.of("series_id", "timestamp", "class").contains(h)).toList();
        TreeSet<String> labelSet = new TreeSet<>();
        Files.readAllLines(data.resolve("TRAIN.csv")).stream().skip(1).forEach(l -> labelSet.add(l.split(",")[header.indexOf("class")]));
        List<String> labels = List.copyOf(labelSet);
        List<Sequence> train = read(data.resolve("TRAIN.csv"), header, features, labels);
        List<Sequence> held = read(test, header, features, labels);
        List<Sequence> validation = new ArrayList<>();
        List<Sequence> fit = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            (i % 4 == 0 ? validation : fit).add(train.get(i));
        }
        int max = train.stream().mapToInt(Sequence::length).max().orElseThrow();
        InMemorySequenceDataset dataset = new InMemorySequenceDataset("mine", InputDescription.dense(features, max), labels,
                new SequenceSet(fit), new SequenceSet(validation), new SequenceSet(held),
                new DatasetProvenance("mine", "memory", Map.of(), List.of(), 1));
        trained = Trainer.train(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(4)).withUpdater(UpdaterKind.ADAM, 0.01),
                TrainingConfig.defaults().withEpochs(2), dataset);
        // the guide's bare card
        bare = dir.resolve("bare.rnnlab");
        int min = fit.stream().mapToInt(Sequence::length).min().orElseThrow();
        ModelBundle.save(trained.network(), trained.normalizer(), ModelBundle.card(trained, Map.of("validation_accuracy", 0.5),
                "mine", trained.provenance(), min, max, Optional.empty()), bare);
        // the card train writes, with the file's own columns
        CsvSchema layout = new CsvSchema(CsvSchema.LONG, ",", true, 0, Column.named("series_id"), Column.named("timestamp"),
                Column.named("class"), null, null, features.stream().map(Column::named).toList(), MissingValues.ERROR, List.of());
        full = dir.resolve("full.rnnlab");
        ModelBundle.save(trained.network(), trained.normalizer(), TrainCard.of(trained, dataset, layout), full);
        fullCard = ModelBundle.readCard(full);
        bareCard = ModelBundle.readCard(bare);
    }

    private static List<Sequence> read(Path file, List<String> header, List<String> features, List<String> labels) throws Exception {
        Map<String, List<float[]>> steps = new LinkedHashMap<>();
        Map<String, String> label = new HashMap<>();
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] c = line.split(",");
            float[] v = new float[features.size()];
            for (int f = 0; f < v.length; f++) {
                v[f] = Float.parseFloat(c[header.indexOf(features.get(f))]);
            }
            String id = c[header.indexOf("series_id")];
            steps.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
            label.put(id, c[header.indexOf("class")]);
        }
        List<Sequence> out = new ArrayList<>();
        steps.forEach((id, s) -> out.add(new Sequence(s.toArray(float[][]::new), labels.indexOf(label.get(id)))));
        return out;
    }

    @Test
    void trainCardFillsWhatTrainRecordsAndTheBareCardLacks() {
        assertThat(fullCard.heldOutConfidence()).isPresent();
        assertThat(fullCard.heldOutPredictions().split()).isEqualTo("validation");
        assertThat(fullCard.trainingRange()).isNotNull();
        assertThat(fullCard.trainingCounts()).isPresent();
        assertThat(fullCard.metrics()).containsKeys("validation_accuracy", "validation_macro_f1", "test_accuracy", "test_macro_f1",
                "test_sequences");
        assertThat(fullCard.majorityBaseline()).isNotNull();
        assertThat(fullCard.storedSummaryBaseline()).isPresent();
        assertThat(fullCard.csvSchema()).get().extracting(s -> s.sequenceId().name()).isEqualTo("series_id");
        // what the guide says a bare card lacks
        assertThat(bareCard.heldOutConfidence()).isEmpty();
        assertThat(bareCard.trainingRange()).isNull();
        assertThat(bareCard.trainingCounts()).isEmpty();
        assertThat(bareCard.storedSummaryBaseline()).isEmpty();
        assertThat(bareCard.csvSchema()).isEmpty();
    }

    @Test
    void predictReadsTheFilesOwnColumnsAndMarksLowConfidence() {
        var p = TrainEvaluatePredictTest.run("predict", "--model", full.toString(), "--input", test.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out().lines().findFirst().orElseThrow()).endsWith(",low_confidence");
        assertThat(p.err()).doesNotContain("records no confidence quantiles").doesNotContain("heldOutPredictions");
    }

    @Test
    void aBareModelsColumnsAreRefusedAsRnnlabsDefaultLayout() {
        var p = TrainEvaluatePredictTest.run("predict", "--model", bare.toString(), "--input", test.toString());
        assertThat(p.code()).isEqualTo(1);
        assertThat(p.err()).contains("no sequence id column 'sequence_id' (rnnlab's default layout names it, as the model stores no "
                        + "CSV layout of its own; the file has [series_id, ")
                .contains("a model saved without a layout (through the Java API, ModelBundle.card without a CsvSchema) reads the "
                        + "columns sequence_id, time and label")
                .doesNotContain("the model's data layout names it");
    }

    @Test
    void predictsNotesOnABareModelSayHowItWasMadeNotThatItIsOld() throws Exception {
        String renamed = Files.readString(test).replaceFirst("series_id", "sequence_id").replaceFirst("timestamp", "time");
        Path input = Files.writeString(dir.resolve("renamed.csv"), renamed);
        var p = TrainEvaluatePredictTest.run("predict", "--model", bare.toString(), "--input", input.toString(), "--ignore-columns", "class");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.err()).contains("records no confidence quantiles of its held-out split (it was made through the Java API "
                        + "without them (ModelBundle.card alone, or a dataset without a validation or test split))")
                .contains("TrainCard.of(trained, dataset)")
                .doesNotContain("trained before they were recorded").doesNotContain("predates");
        // and evaluate's note on the training class shares (left after trial 81d: it still said "predates")
        Path labelled = Files.writeString(dir.resolve("labelled.csv"), renamed.replaceFirst(",class", ",label"));
        var e = TrainEvaluatePredictTest.run("evaluate", "--model", bare.toString(), "--input", labelled.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.err()).contains("records no training class counts (trainingClassCounts: it was made through the Java API")
                .contains("TrainCard.of(trained, dataset)").doesNotContain("predates rnnlab's record of the training data's class");
    }

    /** Review 81a R4: the guide's two-argument entry point refuses a missing dataset as its javadoc says, not with an NPE. */
    @Test
    void aMissingDatasetIsAnIllegalArgument() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainCard.of(trained, (org.rnnlab.datasets.SequenceDataset) null))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data is null");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainCard.of(null, (org.rnnlab.datasets.SequenceDataset) null))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("trained is null");
    }
}
