package org.rnnlab.evaluation.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.Json;

/**
 * rnnlab's own PyTorch peer ({@code bench/peer_pytorch.py}, the default of {@code bench --peer-script}) runs the
 * work it promises and prints the JSON lines {@link PeerComparison} reads. Runs where PyTorch is installed
 * ({@code apt-get install -y python3-torch}); skipped with a message elsewhere.
 */
class PeerScriptTest {

    private static final Path SCRIPT = Path.of("..", "bench", "peer_pytorch.py");
    private static final String PYTHON = "/usr/bin/python3";

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private record Result(int exit, String output) {
    }

    @Test
    void trainsEachCellAndReportsTheShapeItMeasured() throws Exception {
        assertThat(SCRIPT).isRegularFile();
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && new ProcessBuilder(PYTHON, "-c", "import torch").start().waitFor() == 0,
                "PyTorch is not installed for " + PYTHON + " (apt-get install -y python3-torch): the peer script is not run");
        Result r = run("--cells", "lstm,bigru", "--batch", "8", "--steps", "5", "--features", "3", "--hidden", "4",
                "--classes", "2", "--batches", "2", "--warmup", "1", "--repeats", "3");
        assertThat(r.exit()).as(r.output()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.output().lines().filter(l -> l.startsWith("{")).toList()) {
            lines.add(Json.mapper().readTree(line));
        }
        assertThat(lines).extracting(n -> n.path("cell").asText()).containsExactly("lstm", "bigru");
        for (JsonNode n : lines) {
            assertThat(n.path("peer").asText()).startsWith("pytorch-");
            assertThat(n.path("batch").asInt()).isEqualTo(8);
            assertThat(n.path("steps").asInt()).isEqualTo(5);
            assertThat(n.path("hidden").asInt()).isEqualTo(4);
            assertThat(n.path("threads").asInt()).isEqualTo(1);
            assertThat(n.path("runs").size()).isEqualTo(3);
            assertThat(n.path("samples_per_s").asDouble()).isPositive();
            assertThat(n.path("blas").isArray()).as("the BLAS libraries the peer ran on").isTrue();
        }
        // the FLOP count: 3 x forward matrix products 2 (nIn + H) G H T per direction; LSTM G = 4, GRU G = 3
        double lstmFlops = 3.0 * 2 * (3 + 4) * 4 * 4 * 5;
        double bigruFlops = 3.0 * 2 * (3 + 4) * 3 * 4 * 5 * 2;
        assertThat(lines.get(0).path("gflop_per_s").asDouble())
                .isCloseTo(lines.get(0).path("samples_per_s").asDouble() * lstmFlops / 1e9, offset(0.006));
        assertThat(lines.get(1).path("gflop_per_s").asDouble())
                .isCloseTo(lines.get(1).path("samples_per_s").asDouble() * bigruFlops / 1e9, offset(0.006));
    }

    /** Debian's python3-torch runs on the reference BLAS (libblas3) unless an optimised one is installed: ratios then mislead. */
    @Test
    void warnsWhenPyTorchRunsOnTheReferenceBlasOnly() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed");
        String code = "import importlib.util; s = importlib.util.spec_from_file_location('peer', '" + SCRIPT + "'); "
                + "m = importlib.util.module_from_spec(s); s.loader.exec_module(m); "
                + "print(m.blas_warning(['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0'])); "
                + "print(m.blas_warning(['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0', "
                + "'/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so'])); print(m.blas_warning([]))";
        Process p = new ProcessBuilder(PYTHON, "-c", code).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor()).as(String.join("\n", lines)).isZero();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("reference BLAS", "libblas.so.3.11.0", "apt-get install -y libopenblas0-pthread");
        assertThat(lines.subList(1, 3)).containsOnly("None");
    }

    @Test
    void refusesAnUnknownCellBeforeMeasuringAnything() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed");
        Result r = run("--cells", "lstm,transformer");
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("unknown cell 'transformer'").doesNotContain("\"cell\"");
    }
}
