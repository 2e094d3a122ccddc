package org.rnnlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.training.SequenceClassifier;

/**
 * The README's Java example of ONNX Runtime (section "Using a model elsewhere: ONNX"), run as written on an exported GRU:
 * a trial's Java developer found examples for Python and JavaScript only. The lines between the markers are the README's.
 */
class JavaReadmeExampleTest {

    @Test
    void theReadmeJavaExampleGivesPredictsProbabilities(@TempDir Path dir) throws Exception {
        SequenceClassifier model = ExportedModels.bundle(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)),
                ExportedModels.dense(3), dir, 5);
        Path onnx = dir.resolve("model.onnx");
        OnnxExporter.write(model, onnx);
        java.util.Random r = new java.util.Random(9);
        float[][] first = ExportedModels.sequence(r, 40, 0);
        float[][] second = ExportedModels.sequence(r, 25, 1);
        float[] values = new float[2 * 40 * 3];
        for (int t = 0; t < 40; t++) {
            System.arraycopy(first[t], 0, values, t * 3, 3);
        }
        for (int t = 0; t < 25; t++) {
            System.arraycopy(second[t], 0, values, (40 + t) * 3, 3);
        }
        String file = onnx.toString();
        float[][] probabilities;
        long[] label;
        String labelsJson;
        // README begin
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file, new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            String labels = meta.get("labels");                       // ["fast","medium","slow"] (JSON)
            // values: two sequences padded to 40 steps of 3 features (x, y, z), row-major; the second has 25 real steps
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), new long[] {2, 40, 3});
                 OnnxTensor lengths = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {40, 25}), new long[] {2});
                 OrtSession.Result out = session.run(Map.of("sequences", x, "lengths", lengths))) {
                float[][] p = (float[][]) out.get("probabilities").orElseThrow().getValue();  // [2][classes]
                long[] argmax = (long[]) out.get("label").orElseThrow().getValue();
                // README end
                probabilities = p;
                label = argmax;
                labelsJson = labels;
            }
        }
        List<SequenceClassifier.Prediction> want = model.predict(List.of(first, second));
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < want.get(i).probabilities().length; c++) {
                assertThat((double) probabilities[i][c]).isCloseTo(want.get(i).probabilities()[c], within(1e-5));
            }
            assertThat(label[i]).isEqualTo(want.get(i).index());
        }
        assertThat(labelsJson).isEqualTo(org.rnnlab.core.Json.writeCompact(model.labelNames()));
    }

    @Test
    void theReadmeShowsTheseLines() throws Exception {
        List<String> source = java.nio.file.Files.readAllLines(Path.of("src/test/java/org/rnnlab/export/JavaReadmeExampleTest.java"));
        int begin = source.indexOf("        // README begin");
        int end = source.indexOf("                // README end");
        List<String> tested = source.subList(begin + 1, end).stream().map(String::strip).toList();
        String readme = java.nio.file.Files.readString(Path.of("../docs/guide/onnx.md"));
        int block = readme.indexOf("```java\nOrtEnvironment env");
        assertThat(block).as("the README's ONNX Runtime Java example").isPositive();
        List<String> shown = readme.substring(block + "```java\n".length(), readme.indexOf("```", block + 7)).lines()
                .map(String::strip).toList();
        assertThat(shown).isEqualTo(tested);
    }
}
