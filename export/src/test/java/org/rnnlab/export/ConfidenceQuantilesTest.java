package org.rnnlab.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.training.HeldOutConfidence;
import org.rnnlab.training.SequenceClassifier;

/**
 * The held-out confidence quantiles behind predict's {@code low_confidence} travel in the ONNX metadata
 * ({@code confidence_quantiles}), so that an app running the graph raises the same flag: a trial's hearing-aid app had the
 * probabilities and labels of predict, but nothing to say "not sure" from (trial 76b F3).
 */
class ConfidenceQuantilesTest {

    @Test
    void theMetadataHoldsTheCardsCutOffsAndLowConfidenceIsRecomputedFromThem(@TempDir Path dir) throws Exception {
        SequenceDataset data = ExportedModels.dense(21);
        SequenceClassifier plain = ExportedModels.bundle(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)), data, dir, 3);
        assertThat(metadata(plain)).as("a card without held-out quantiles: no key").doesNotContainKeys("confidence_quantiles",
                "confidence_quantiles_doc");

        // the quantiles as training records them: of the model's own predictions on held-out sequences
        SequenceClassifier model = ExportedModels.withHeldOutQuantiles(plain, data, dir.resolve("with-quantiles.rnnlab"));
        HeldOutConfidence held = model.card().heldOutConfidence().orElseThrow();
        List<String> labels = model.labelNames();

        Map<String, String> meta = metadata(model);
        Map<String, Map<String, Double>> quantiles = Json.mapper().readValue(meta.get("confidence_quantiles"),
                new TypeReference<Map<String, Map<String, Double>>>() { });
        assertThat(quantiles.keySet()).containsExactlyElementsOf(HeldOutConfidence.NAMES);
        for (String q : HeldOutConfidence.NAMES) {
            assertThat(quantiles.get(q).keySet()).as(q).containsExactlyElementsOf(labels);
            for (String label : labels) {
                assertThat(quantiles.get(q).get(label)).as(q + " " + label).isEqualTo(held.cutOff(q, label));
            }
        }
        String doc = meta.get("confidence_quantiles_doc");
        assertThat(doc).contains("over the model's validation split")
                .contains("predict's low_confidence is true when probabilities[label] < confidence_quantiles.p05[labels[label]]")
                .contains("Not in this file: predict's far_from_training column");
        for (String label : labels) { // each class named with how often it was predicted, and where its cut-off comes from
            assertThat(doc).contains("'" + label + "' (" + held.predictedAs(label) + ")");
        }
        assertThat(labels.stream().anyMatch(held::perClass)).as("some class has its own quantiles: " + doc).isTrue();

        // new sequences: low_confidence from the graph's outputs and the metadata alone is predict's (Java API's) flag
        Random r = new Random(44);
        List<float[][]> fresh = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fresh.add(ExportedModels.sequence(r, 1 + r.nextInt(14), r.nextInt(3)));
        }
        List<SequenceClassifier.Prediction> want = model.predict(fresh);
        Path onnx = dir.resolve("model.onnx");
        OnnxExporter.write(model, onnx);
        int low = 0;
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            ExportedModels.Answer got = ExportedModels.run(session, fresh, false, 1e3f);
            for (int i = 0; i < fresh.size(); i++) {
                int label = (int) got.labels()[i];
                double cutOff = quantiles.get("p05").get(labels.get(label));
                boolean flagged = got.probabilities()[i][label] < cutOff;
                if (Math.abs(got.probabilities()[i][label] - cutOff) > 1e-5) { // float32 against predict's: ~1e-7 apart
                    assertThat(flagged).as("sequence " + i).isEqualTo(want.get(i).lowConfidence());
                }
                low += want.get(i).lowConfidence() ? 1 : 0;
            }
        }
        assertThat(low).as("some flagged, most not").isBetween(1, fresh.size() - 1);
    }

    @Test
    void aCardWithoutPerClassQuantilesSaysEveryClassUsesTheOnesOverAll() {
        HeldOutConfidence old = HeldOutConfidence.of(new double[][] {{0.9, 0.1}, {0.3, 0.7}, {0.6, 0.4}}, new int[] {0, 1, 1});
        List<String> labels = List.of("a", "b");
        assertThat(OnnxExporter.confidenceCutOffs(old, labels).get("p05")).containsEntry("a", old.cutOff()).containsEntry("b",
                old.cutOff());
        assertThat(OnnxExporter.confidenceDoc(old, labels, "test")).contains("for every label those over all 3 test sequences "
                + "(a model trained before per-class quantiles were recorded)");
        HeldOutConfidence few = HeldOutConfidence.of(new double[][] {{0.9, 0.1}, {0.3, 0.7}, {0.6, 0.4}}, new int[] {0, 1, 1}, labels);
        assertThat(OnnxExporter.confidenceDoc(few, labels, "validation")).contains("for 'a' (2), 'b' (1) those over all 3 "
                + "validation sequences (predicted fewer than 10 times there)");
    }

    private static Map<String, String> metadata(SequenceClassifier model) {
        Map<String, String> meta = new HashMap<>();
        OnnxExporter.export(model).getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        return meta;
    }
}
