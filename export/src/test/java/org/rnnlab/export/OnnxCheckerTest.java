package org.rnnlab.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.synthetic.Agreement;

/**
 * The exported models pass the ONNX checker ({@code onnx.checker.check_model(model, full_check=True)}: graph, operator
 * schemas of opset 17, and strict shape inference) of the {@code onnx} Python package (Debian's python3-onnx; the test
 * skips, saying so, where it is not installed, and fails instead under {@code RNNLAB_REQUIRE_TOOLS=1} as in CI).
 * Shape inference must also give the outputs their declared shapes.
 */
class OnnxCheckerTest {
    static final String PYTHON = "/usr/bin/python3";

    private static final String CHECK = String.join("\n",
            "import sys, onnx",
            "from onnx import shape_inference",
            "for path in sys.argv[1:]:",
            "    model = onnx.load(path)",
            "    onnx.checker.check_model(model, full_check=True)",
            "    inferred = shape_inference.infer_shapes(model, strict_mode=True)",
            "    outs = {o.name: [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim] for o in inferred.graph.output}",
            "    print('ok', path.rsplit('/', 1)[-1], model.opset_import[0].version, outs['probabilities'], outs['label'])");

    @Test
    void everyExportedArchitecturePassesTheOnnxChecker(@TempDir Path dir) throws Exception {
        requireOnnx();
        SequenceDataset dense = ExportedModels.dense(3);
        SequenceDataset text = Agreement.generate(Agreement.Config.defaults().withSizes(32, 8, 8).withDistances(1, 4));
        List<String> files = new ArrayList<>();
        int i = 0;
        for (Arguments a : OnnxExportTest.architectures().toList()) {
            files.add(export((ModelSpec) a.get()[1], dense, dir, i++));
        }
        for (Arguments a : OnnxExportTest.textArchitectures().toList()) {
            files.add(export((ModelSpec) a.get()[1], text, dir, i++));
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", CHECK));
        command.addAll(files);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().filter(l -> l.startsWith("ok ")).toList();
        assertThat(lines).as(out).hasSize(files.size());
        for (String line : lines) {
            assertThat(line).matches("ok model-\\d+\\.onnx 17 \\['batch', [23]\\] \\['batch'\\]");
        }
    }

    private static String export(ModelSpec spec, SequenceDataset data, Path dir, int i) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("m" + i));
        Path out = sub.resolve("model-" + i + ".onnx");
        OnnxExporter.write(ExportedModels.bundle(spec, data, sub, i), out);
        return out.toString();
    }

    static void requireOnnx() throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import onnx").redirectErrorStream(true).start().waitFor() == 0;
        if (!present && "1".equals(System.getenv("RNNLAB_REQUIRE_TOOLS"))) {
            throw new AssertionError("the onnx Python package is required (RNNLAB_REQUIRE_TOOLS=1): apt-get install python3-onnx");
        }
        Assumptions.assumeTrue(present, "the ONNX checker needs the onnx Python package (apt-get install python3-onnx); skipped");
    }
}
