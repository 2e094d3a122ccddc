package org.rnnlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.csv.SequenceScaling;
import org.rnnlab.training.SequenceClassifier;

/**
 * The guide's ONNX page (docs/guide/onnx.md) as a reader uses it: its JavaScript example runs as written under Node (a
 * trial's copy failed: {@code await} in a CommonJS file, {@code require} in an ES module), its Python example is Python, and
 * it states what the metadata holds (the per-sequence scaling's exact constant-feature rule, the calibration, the
 * low_confidence quantiles) and how to compare with predict at 1e-7 (trial 76b F1-F5).
 */
class OnnxGuideTest {
    static final Path GUIDE = Path.of("../docs/guide/onnx.md");
    static final Path NODE = Path.of("/usr/bin/node");

    /**
     * The {@code js} block, saved as the guide says ({@code predict.mjs}) beside {@code runs/my-gru/model.onnx} and its
     * {@code model.onnx.json}, run by Node with {@code onnxruntime-node}: each line's label, probabilities and low-confidence
     * flag are the Java API's for the two sequences of zeros it feeds. Node and the package are not build tools of rnnlab:
     * the run needs {@code RNNLAB_NODE_MODULES}, a {@code node_modules} folder holding {@code onnxruntime-node}
     * ({@code npm install --ignore-scripts onnxruntime-node}), and is skipped without it; the block's form is checked always.
     */
    @Test
    void theJavaScriptExampleRunsAsWritten(@TempDir Path dir) throws Exception {
        String js = block("```js\n");
        // an ES module (the file the guide names is .mjs): import, not require, which Node's ES modules do not have
        assertThat(js).startsWith("import * as ort from \"onnxruntime-node\";").doesNotContain("require(");
        assertThat(Files.readString(GUIDE)).contains("Saved as `predict.mjs` (an ES module");
        Assumptions.assumeTrue(Files.isExecutable(NODE), "node is not installed; skipped");
        Path script = Files.writeString(dir.resolve("predict.mjs"), js);
        Process check = new ProcessBuilder(NODE.toString(), "--check", script.toString()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(checked).isZero();

        String modules = System.getenv("RNNLAB_NODE_MODULES");
        Assumptions.assumeTrue(modules != null && Files.isDirectory(Path.of(modules, "onnxruntime-node")),
                "RNNLAB_NODE_MODULES names no node_modules folder with onnxruntime-node; the run is skipped");
        Files.createSymbolicLink(dir.resolve("node_modules"), Path.of(modules).toAbsolutePath());
        SequenceDataset data = ExportedModels.dense(5);
        Path run = Files.createDirectories(dir.resolve("runs/my-gru"));
        SequenceClassifier model = ExportedModels.withHeldOutQuantiles(ExportedModels.bundle(ModelSpec.of(CellType.GRU)
                .withHiddenSizes(List.of(6)), data, run, 5), data, run.resolve("model.rnnlab"));
        onnx.Onnx.ModelProto exported = OnnxExporter.export(model);
        Files.write(run.resolve("model.onnx"), exported.toByteArray());
        Map<String, String> meta = new LinkedHashMap<>(); // what export writes beside the model
        exported.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        Files.writeString(run.resolve("model.onnx.json"), Json.write(meta) + "\n");

        Process node = new ProcessBuilder(NODE.toString(), "predict.mjs").directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).hasSize(2);
        List<SequenceClassifier.Prediction> want = model.predict(List.of(new float[40][3], new float[25][3]));
        for (int i = 0; i < 2; i++) {
            String[] fields = lines.get(i).split(" ");
            assertThat(fields[0]).isEqualTo(want.get(i).label());
            String[] p = fields[1].split(",");
            for (int c = 0; c < p.length; c++) {
                assertThat(Double.parseDouble(p[c])).isCloseTo(want.get(i).probabilities()[c], within(1e-5));
            }
            assertThat(fields[2]).isEqualTo(String.valueOf(want.get(i).lowConfidence()));
        }
    }

    /** The {@code python} block of ONNX Runtime is valid Python (python3's parser; ONNX Runtime itself is not needed). */
    @Test
    void thePythonExampleIsPython(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OnnxCheckerTest.PYTHON)), "python3 is not installed; skipped");
        Path script = Files.writeString(dir.resolve("example.py"), block("```python\nimport json, numpy"));
        Process p = new ProcessBuilder(OnnxCheckerTest.PYTHON, "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())",
                script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    /**
     * What the metadata holds, said on the page: the scaling's constant-feature rule with {@link SequenceScaling#CONSTANT_SD}
     * (there and in the data guide), the calibration and confidence keys, and {@code predict --digits 9} for comparisons.
     */
    @Test
    void theGuideStatesTheMetadataAndHowToCompare() throws Exception {
        String guide = Files.readString(GUIDE).replaceAll("\\s+", " ");
        String rule = "standard deviation is at most " + "1e-6" + " x the largest absolute value it takes";
        assertThat(Double.parseDouble("1e-6")).isEqualTo(SequenceScaling.CONSTANT_SD);
        assertThat(guide).contains(rule).contains("| `calibration` |").contains("| `confidence_quantiles`, `confidence_quantiles_doc` |")
                .contains("`low_confidence` is `probabilities[label] < confidence_quantiles.p05[labels[label]]`")
                .contains("compare yours with `predict --digits 9`");
        String checked = guide.substring(guide.indexOf("**Checked, not assumed**"), guide.indexOf("In Python, with"));
        assertThat(checked).contains("--digits 9");
        assertThat(Files.readString(Path.of("../docs/guide/your-data.md")).replaceAll("\\s+", " ")).contains(rule);
    }

    /** The fenced block of the guide that starts with {@code start} (its fence line included), without its fences. */
    private static String block(String start) throws Exception {
        String guide = Files.readString(GUIDE);
        int at = guide.indexOf(start);
        assertThat(at).as(start).isPositive();
        int body = guide.indexOf('\n', at) + 1;
        return guide.substring(body, guide.indexOf("```", body));
    }
}
