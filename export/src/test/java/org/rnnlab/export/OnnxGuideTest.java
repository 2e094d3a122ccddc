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

    /**
     * The guide's {@code check_inputs} (*Checking an app's inputs*), run by python3 on an exported model's metadata: an app's
     * recordings in the order of {@code features} pass, the same with two features swapped name both (trial 79f F4: a model
     * re-trained on a CSV of another column order took the earlier app's input silently, 31 of 40 labels changed).
     */
    @Test
    void theInputCheckOfTheGuidePassesTheModelsOrderAndNamesTwoSwappedFeatures(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OnnxCheckerTest.PYTHON)), "python3 is not installed; skipped");
        SequenceClassifier model = ExportedModels.bundle(ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6)),
                ExportedModels.dense(5), dir, 5);
        Map<String, String> meta = new LinkedHashMap<>();
        OnnxExporter.export(model).getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        assertThat(meta.get("standardised_in_graph")).isEqualTo("true");
        java.util.Random r = new java.util.Random(3);
        List<float[]> rows = new java.util.ArrayList<>();
        for (int s = 0; s < 30; s++) { // recordings of every class, as the training data
            rows.addAll(List.of(ExportedModels.sequence(r, 14, s % 3)));
        }
        List<float[]> swapped = rows.stream().map(v -> new float[] {v[1], v[0], v[2]}).toList(); // ay fed as ax and back

        assertThat(checkInputs(meta, rows, dir)).isEmpty();
        List<String> found = checkInputs(meta, swapped, dir);
        assertThat(found).hasSize(2);
        assertThat(found.get(0)).startsWith("ax: mean ").contains(" training sd from ");
        assertThat(found.get(1)).startsWith("ay: mean ").contains(" training sd from ");
        // a graph that does not standardise raw values: the check says so instead of judging by the wrong numbers
        Map<String, String> scaled = new LinkedHashMap<>(meta);
        scaled.put("sequence_scaling", "standardize");
        List<String> notChecked = checkInputs(scaled, rows, dir);
        assertThat(notChecked).hasSize(1);
        assertThat(notChecked.get(0)).startsWith("not checked");
    }

    /** The guide's {@code check_inputs} applied by python3 to {@code rows} with {@code meta}: what it found. */
    private static List<String> checkInputs(Map<String, String> meta, List<float[]> rows, Path dir) throws Exception {
        String guide = Files.readString(GUIDE);
        int def = guide.indexOf("def check_inputs(");
        assertThat(def).as("the guide defines check_inputs").isPositive();
        int start = guide.lastIndexOf("```python\n", def) + "```python\n".length();
        String program = guide.substring(start, guide.indexOf("```", def)) + "\nimport sys\nrequest = json.load(sys.stdin)\n"
                + "print(json.dumps(check_inputs(request['meta'], request['rows'])))\n";
        Path script = Files.writeString(dir.resolve("check_inputs.py"), program);
        Process p = new ProcessBuilder(OnnxCheckerTest.PYTHON, script.toString()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        p.getOutputStream().write(Json.writeCompact(Map.of("meta", meta, "rows", rows)).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
        List<String> found = new java.util.ArrayList<>();
        Json.mapper().readTree(out).forEach(n -> found.add(n.asText()));
        return found;
    }

    /**
     * What the guide says of a length of 0 (trial 79f F5: it said "probabilities that look like any others" of every model):
     * with the mean head NaN probabilities and label 0, with the last and attention heads finite numbers; and that a
     * graph without per-sequence scaling holds no float64, which a phone build may lack.
     */
    @Test
    void aLengthOfZeroGivesNanWithTheMeanHeadAndOrdinaryNumbersWithTheLastAndAttentionHeads(@TempDir Path dir) throws Exception {
        SequenceDataset data = ExportedModels.dense(5);
        ModelSpec small = ModelSpec.of(CellType.GRU).withHiddenSizes(List.of(6));
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        for (org.rnnlab.core.SequenceHead head : List.of(org.rnnlab.core.SequenceHead.MEAN, org.rnnlab.core.SequenceHead.LAST,
                org.rnnlab.core.SequenceHead.ATTENTION)) {
            Path sub = Files.createDirectories(dir.resolve(head.name()));
            onnx.Onnx.ModelProto exported = OnnxExporter.export(ExportedModels.bundle(small.withHead(head), data, sub, 7));
            for (onnx.Onnx.NodeProto node : exported.getGraph().getNodeList()) {
                assertThat(node.getAttributeList()).as(head + " " + node.getName()).noneMatch(a -> a.getName().equals("to")
                        && a.getI() == onnx.Onnx.TensorProto.DataType.DOUBLE_VALUE);
            }
            assertThat(exported.getGraph().getInitializerList()).noneMatch(t -> t.getDataType() == onnx.Onnx.TensorProto.DataType.DOUBLE_VALUE);
            float[] x = new float[5 * 3];
            java.util.Arrays.fill(x, 1f);
            try (ai.onnxruntime.OrtSession session = env.createSession(exported.toByteArray(), new ai.onnxruntime.OrtSession.SessionOptions());
                 ai.onnxruntime.OnnxTensor in = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(x), new long[] {1, 5, 3});
                 ai.onnxruntime.OnnxTensor len = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(new long[] {0}),
                         new long[] {1});
                 ai.onnxruntime.OrtSession.Result r = session.run(Map.of(OnnxExporter.SEQUENCES, in, OnnxExporter.LENGTHS, len))) {
                float[] p = ((float[][]) r.get(OnnxExporter.PROBABILITIES).orElseThrow().getValue())[0];
                long label = ((long[]) r.get(OnnxExporter.LABEL).orElseThrow().getValue())[0];
                if (head == org.rnnlab.core.SequenceHead.MEAN) {
                    for (float v : p) {
                        assertThat(Float.isNaN(v)).as(head + " " + java.util.Arrays.toString(p)).isTrue();
                    }
                    assertThat(label).isZero();
                } else {
                    for (float v : p) {
                        assertThat(Float.isFinite(v)).as(head + " " + java.util.Arrays.toString(p)).isTrue();
                    }
                }
            }
        }
        String guide = Files.readString(GUIDE).replaceAll("\\s+", " ");
        assertThat(guide).contains("a length of 0 with the `mean` head gives NaN probabilities and label 0; with the default "
                + "`last` head and the `attention` head, numbers that look like any others");
    }

    /**
     * The guide says what a phone port needs (trial 79f F3, F6): the unit of {@code time_step} as {@code time_step_doc} gives
     * it (seconds for date-times, else the time column's own, which the port must carry), and an "On a phone" section with
     * the ORT-format conversion, the required operators, the float64 of sequenceScaling models (checked on graphs in
     * {@link #aLengthOfZeroGivesNanWithTheMeanHeadAndOrdinaryNumbersWithTheLastAndAttentionHeads} and ExportCommandTest) and
     * the runtime for opset {@value OnnxExporter#OPSET}.
     */
    @Test
    void theGuideSaysTheTimeStepsUnitAndWhatAPhoneNeeds() throws Exception {
        String guide = Files.readString(GUIDE).replaceAll("\\s+", " ");
        assertThat(OnnxExporter.timeStepDoc(new org.rnnlab.datasets.csv.TimeStep(0.02, false))).contains("in its own units");
        assertThat(OnnxExporter.timeStepDoc(new org.rnnlab.datasets.csv.TimeStep(0.02, true))).contains("in seconds");
        assertThat(guide).contains("in seconds for a time column of date-times and otherwise in the time column's own unit, "
                + "which rnnlab does not know (`time_step_doc` says `in seconds` or `in its own units`)");
        String phone = guide.substring(guide.indexOf("**On a phone.**"), guide.indexOf("### The metadata"));
        assertThat(phone).contains("python -m onnxruntime.tools.convert_onnx_models_to_ort DIR", "required_operators.config",
                "`ai.onnx;14;Div,GRU,Mul,Reshape,Sub`", "only a `--set sequenceScaling` model's graph computes in double",
                "opset " + OnnxExporter.OPSET + " (IR " + OnnxExporter.IR_VERSION + "), which ONNX Runtime runs from 1.13 on", "`export` has no `--opset`");
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
