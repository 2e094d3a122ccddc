package org.rnnlab.djlpeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DJL peer on libtorch (real engine, tiny shapes): the peer script's JSON line, training that learns, and
 * the bidirectional construction (two one-directional layers, the second over reversed time).
 */
class DjlPeerTest {

    private static final String[] TINY = {"--batch", "4", "--steps", "5", "--features", "3", "--hidden", "8",
            "--warmup", "1", "--batches", "2", "--repeats", "1"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void engine() {
        DjlMeasurement.configure(1);
    }

    private static PeerShape tiny(String cells) {
        List<String> args = new ArrayList<>(List.of(TINY));
        args.addAll(List.of("--cells", cells));
        return PeerShape.parse(args.toArray(String[]::new));
    }

    @Test
    void measuresEachCellWithThePeerScriptsKeys() throws Exception {
        PeerShape shape = tiny("lstm,gru,rnn,bilstm");
        for (Cell cell : shape.cells()) {
            JsonNode n = JSON.readTree(DjlMeasurement.measure(cell, shape).withPeakRssKib(DjlPeer.peakRssKib()).toJson());
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            assertThat(keys).containsExactly("peer", "cell", "threads", "batch", "steps", "features", "hidden", "layers",
                    "classes", "samples_per_s", "runs", "gflop_per_s", "inference_samples_per_s", "peak_rss_kib");
            assertThat(n.path("peer").asText()).isEqualTo("djl-0.36.0/libtorch-2.7.1");
            assertThat(n.path("cell").asText()).isEqualTo(cell.name());
            assertThat(n.path("threads").asInt()).isEqualTo(1);
            assertThat(n.path("batch").asInt()).isEqualTo(4);
            assertThat(n.path("steps").asInt()).isEqualTo(5);
            assertThat(n.path("hidden").asInt()).isEqualTo(8);
            assertThat(n.path("runs").size()).isEqualTo(1);
            assertThat(n.path("samples_per_s").asDouble()).isPositive();
            assertThat(n.path("inference_samples_per_s").asDouble()).isPositive();
            assertThat(n.path("peak_rss_kib").asLong()).isPositive();
            assertThat(n.path("gflop_per_s").asDouble())
                    .isCloseTo(n.path("samples_per_s").asDouble() * cell.gemmFlopsPerSample(shape) / 1e9, offset(0.006));
        }
    }

    @Test
    void oneDnnSwitchIsFoundAndToggles() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        assertThat(OneDnn.available()).as("libtorch 2.7.1's at::Context::setUserEnabledMkldnn via JNA").isTrue();
        try {
            assertThat(OneDnn.setEnabled(false)).isTrue();
            assertThat(OneDnn.enabled()).isFalse();
            assertThat(OneDnn.setEnabled(true)).isTrue();
            assertThat(OneDnn.enabled()).isTrue();
        } finally {
            OneDnn.setEnabled(true);
        }
    }

    @Test
    void measuringLeavesOneDnnOnForInference() {
        DjlMeasurement.lossesOnOneBatch(Cell.parse("lstm"), tiny("lstm"), 1);
        assertThat(OneDnn.enabled()).as("training runs with oneDNN off").isFalse();
        DjlMeasurement.measure(Cell.parse("lstm"), tiny("lstm"));
        assertThat(OneDnn.enabled()).as("inference, measured last, runs with oneDNN on").isTrue();
    }

    @Test
    void flopCountIsThePeerScriptsFormula() {
        PeerShape two = PeerShape.parse("--features", "3", "--hidden", "4", "--steps", "5", "--layers", "2");
        // 3 x 2 (nIn + H) G H T per direction and layer; the second layer's input is the first's output (H x directions)
        assertThat(Cell.parse("lstm").gemmFlopsPerSample(two)).isEqualTo(3.0 * (2 * 7 * 4 * 4 * 5 + 2 * 8 * 4 * 4 * 5));
        assertThat(Cell.parse("bigru").gemmFlopsPerSample(two))
                .isEqualTo(3.0 * (2 * 7 * 3 * 4 * 5 * 2 + 2 * 12 * 3 * 4 * 5 * 2));
        assertThat(Cell.parse("rnn").gemmFlopsPerSample(two)).isEqualTo(3.0 * (2 * 7 * 4 * 5 + 2 * 8 * 4 * 5));
    }

    @Test
    void trainingOnOneFixedMinibatchLowersItsLoss() {
        for (String cell : List.of("lstm", "bigru")) {
            List<Double> losses = DjlMeasurement.lossesOnOneBatch(Cell.parse(cell), tiny(cell), 60);
            assertThat(losses).allSatisfy(l -> assertThat(l).isFinite());
            assertThat(losses.get(59)).as(cell + " losses %s", losses).isLessThan(losses.get(0) * 0.9);
        }
    }

    @Test
    void bidirectionalLayerLooksAheadOnlyInItsBackwardHalf() {
        int t = 2;
        int hidden = 8;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block layer = Networks.bidirectional("lstm", hidden);
            layer.initialize(manager, DataType.FLOAT32, new Shape(2, 5, 3));
            ParameterStore params = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(2, 5, 3));
            NDArray later = x.duplicate();
            later.set(new NDIndex(":, {}:, :", t + 1), 5f); // change the inputs after step t only
            NDArray earlier = x.duplicate();
            earlier.set(new NDIndex(":, :{}, :", t), 5f); // change the inputs before step t only
            NDArray base = layer.forward(params, new NDList(x), false).head();
            NDArray seenLater = layer.forward(params, new NDList(later), false).head();
            NDArray seenEarlier = layer.forward(params, new NDList(earlier), false).head();
            assertThat(base.getShape()).isEqualTo(new Shape(2, 5, 2 * hidden));
            NDIndex forwardHalf = new NDIndex(":, {}, :{}", t, hidden);
            NDIndex backwardHalf = new NDIndex(":, {}, {}:", t, hidden);
            // step t, forward half: unchanged by later inputs, changed by earlier ones
            assertThat(maxAbsDiff(base.get(forwardHalf), seenLater.get(forwardHalf))).isZero();
            assertThat(maxAbsDiff(base.get(forwardHalf), seenEarlier.get(forwardHalf))).isGreaterThan(1e-4);
            // step t, backward half: changed by later inputs, unchanged by earlier ones
            assertThat(maxAbsDiff(base.get(backwardHalf), seenLater.get(backwardHalf))).isGreaterThan(1e-4);
            assertThat(maxAbsDiff(base.get(backwardHalf), seenEarlier.get(backwardHalf))).isZero();
        }
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void refusesAnUnknownCellOrOptionNamingWhatItExpects() {
        assertThatThrownBy(() -> PeerShape.parse("--cells", "lstm,transformer"))
                .hasMessageContaining("unknown cell 'transformer'").hasMessageContaining("rnn, lstm, gru");
        assertThatThrownBy(() -> PeerShape.parse("--seed", "1")).hasMessageContaining("unknown option --seed");
        assertThatThrownBy(() -> PeerShape.parse("--batch", "x")).hasMessageContaining("--batch: expected an integer");
    }

    @Test
    void commandLinePrintsOneJsonLinePerCellInAFreshJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), DjlPeer.class.getName(),
                "--cells", "bigru", "--layers", "2"));
        cmd.addAll(List.of(TINY));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).as("stdout carries only the JSON lines").hasSize(1);
        JsonNode n = JSON.readTree(lines.get(0));
        assertThat(n.path("cell").asText()).isEqualTo("bigru");
        assertThat(n.path("layers").asInt()).isEqualTo(2);
        assertThat(n.path("peak_rss_kib").asLong()).isGreaterThan(10_000);
    }
}
