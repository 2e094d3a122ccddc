package org.rnnlab.evaluation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rnnlab against its peers on the same work, cell by cell: the PyTorch peer ({@code bench/peer_pytorch.py}) and
 * the DJL peer (module {@code djl-peer}, DJL's PyTorch engine, built in the {@code djl-peer} Maven profile). For
 * each cell, {@code rounds} rounds of fresh processes alternate (rnnlab, then each peer, in the first, third, ...
 * round; the peers in the reverse order, then rnnlab, in the others) so that all see the same machine load and neither side always runs
 * right after the other; rnnlab runs in a child JVM with this JVM's options and class path
 * ({@code bench --json}), the PyTorch peer under {@code python3} (peak RSS from {@code resource.getrusage}), the
 * DJL peer in a child JVM of the same {@code java} (peak RSS from its VmHWM). Each cell reports the median rates,
 * the median and range of the per-round ratios, each process's peak memory (max over rounds) and the 1-minute
 * load average before and after.
 */
public final class PeerComparison {
    private static final Logger LOG = LoggerFactory.getLogger(PeerComparison.class);
    /** Warnings a peer printed (PyTorch on the reference BLAS), logged once each. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** The build command of the DJL peer, printed when it is not built. */
    public static final String DJL_BUILD = "./mvnw -B -Pdjl-peer -pl djl-peer -am -DskipTests package";

    /** A peer program. */
    public sealed interface Peer permits Peer.Python, Peer.Djl {

        /** Short name: {@code pytorch} or {@code djl}. */
        String id();

        /** Why the peer cannot run here, or null if it can. */
        String unavailable();

        /** The command measuring one cell; its standard output ends with the peer's JSON line. */
        List<String> command(BenchConfig config, Architecture cell, int threads);

        /** The PyTorch peer: {@code script} run by {@code python} (which must import torch). */
        record Python(String python, Path script) implements Peer {
            @Override
            public String id() {
                return "pytorch";
            }

            /** Why it cannot run here (no script, or python without torch), or null if it can. */
            @Override
            public String unavailable() {
                if (!Files.isRegularFile(script)) {
                    return "peer script not found: " + script.toAbsolutePath().normalize();
                }
                try {
                    Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        return python + " cannot import torch (apt-get install -y python3-torch libopenblas0-pthread): "
                                + (out.isEmpty() ? "exit " + p.exitValue() : out.lines().reduce((a, b) -> b).orElse(out));
                    }
                    return null;
                } catch (IOException e) {
                    return "cannot run " + python + ": " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }

            @Override
            public List<String> command(BenchConfig c, Architecture cell, int threads) {
                // run the script as __main__ and add the process's peak RSS (KiB on Linux) to its JSON line
                String wrapper = String.join("\n",
                        "import io, json, resource, runpy, sys, contextlib",
                        "sys.argv = sys.argv[1:]",
                        "buf = io.StringIO()",
                        "with contextlib.redirect_stdout(buf):",
                        "    runpy.run_path(sys.argv[0], run_name='__main__')",
                        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss",
                        "for line in buf.getvalue().splitlines():",
                        "    if line.startswith('{'):",
                        "        d = json.loads(line); d['peak_rss_kib'] = peak; print(json.dumps(d))");
                List<String> cmd = new ArrayList<>(List.of(python, "-c", wrapper, script.toString(), "--cells", cell.id()));
                cmd.addAll(sharedArgs(c, threads));
                return cmd;
            }
        }

        /**
         * The DJL peer: {@code org.rnnlab.djlpeer.DjlPeer} from {@code home/djl-peer/target} (djl-peer.jar + lib/),
         * run by {@code java} with this JVM's heap bound.
         */
        record Djl(String java, Path home) implements Peer {
            /** The peer's jar. */
            public Path jar() {
                return home.resolve("djl-peer").resolve("target").resolve("djl-peer.jar");
            }

            /** The folder of its runtime dependencies (DJL, libtorch's native jar). */
            public Path lib() {
                return home.resolve("djl-peer").resolve("target").resolve("lib");
            }

            @Override
            public String id() {
                return "djl";
            }

            @Override
            public String unavailable() {
                if (!Files.isRegularFile(jar()) || !Files.isDirectory(lib())) {
                    return "DJL peer not built (expected " + jar().toAbsolutePath().normalize() + " and "
                            + lib().toAbsolutePath().normalize() + "/); build it with: " + DJL_BUILD;
                }
                return null;
            }

            @Override
            public List<String> command(BenchConfig c, Architecture cell, int threads) {
                List<String> cmd = new ArrayList<>(List.of(java));
                for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                    if (arg.startsWith("-Xmx")) {
                        cmd.add(arg);
                    }
                }
                cmd.addAll(List.of("-cp", jar() + File.pathSeparator + lib().resolve("*"),
                        "org.rnnlab.djlpeer.DjlPeer", "--cells", cell.id()));
                cmd.addAll(sharedArgs(c, threads));
                return cmd;
            }
        }
    }

    /**
     * One peer's measurements of one cell.
     *
     * @param peer       {@code pytorch} or {@code djl}
     * @param rounds     the peer's JSON line of each round
     * @param aggregate  the rounds reduced against rnnlab's
     * @param peakMib    the peer process's peak resident memory, max over the rounds, MiB (0 if unknown)
     * @param note       why the peer is missing, or empty
     */
    public record PeerCell(String peer, List<JsonNode> rounds, RoundAggregate aggregate, long peakMib, String note) {
        public PeerCell {
            rounds = List.copyOf(rounds);
        }

        /** Whether the peer ran. */
        public boolean measured() {
            return !rounds.isEmpty();
        }

        /** The peer's own name, e.g. {@code pytorch-2.7.1} or {@code djl-0.36.0/libtorch-2.7.1}, or {@link #peer}. */
        public String name() {
            return rounds.isEmpty() ? peer : rounds.get(0).path("peer").asText(peer);
        }

        /** Median inference samples/s over the rounds (NaN if the peer does not report it). */
        public double inferenceSamplesPerS() {
            return RoundAggregate.median(rounds.stream()
                    .map(n -> n.path("inference_samples_per_s").asDouble(Double.NaN)).toList());
        }

        /** The peer's training samples/s of each round. */
        public List<Double> samplesPerSByRound() {
            return rounds.stream().map(n -> n.path("samples_per_s").asDouble(Double.NaN)).toList();
        }

        /** The peer's inference samples/s of each round (NaN where it does not report it: PyTorch's script). */
        public List<Double> inferenceSamplesPerSByRound() {
            return rounds.stream().map(n -> n.path("inference_samples_per_s").asDouble(Double.NaN)).toList();
        }
    }

    /**
     * One compared cell.
     *
     * @param rnnlabRounds rnnlab's result of each round
     * @param peers        each requested peer, in the order asked
     * @param loadStart    1-minute load average before the cell's first process (NaN without /proc/loadavg)
     * @param loadEnd      1-minute load average after its last
     */
    public record Row(List<BenchResult> rnnlabRounds, List<PeerCell> peers, double loadStart, double loadEnd) {
        public Row {
            rnnlabRounds = List.copyOf(rnnlabRounds);
            peers = List.copyOf(peers);
        }

        /** The cell's name. */
        public String cell() {
            return rnnlabRounds.get(0).cell();
        }

        /** rnnlab's training samples/s of each round. */
        public List<Double> rnnlabSamplesPerS() {
            return rnnlabRounds.stream().map(BenchResult::samplesPerS).toList();
        }

        /** rnnlab's median training samples/s. */
        public double rnnlabMedian() {
            return RoundAggregate.median(rnnlabSamplesPerS());
        }

        /** rnnlab's inference samples/s of each round. */
        public List<Double> rnnlabInferenceSamplesPerS() {
            return rnnlabRounds.stream().map(BenchResult::inferenceSamplesPerS).toList();
        }

        /** rnnlab's median inference samples/s. */
        public double rnnlabInferenceMedian() {
            return RoundAggregate.median(rnnlabInferenceSamplesPerS());
        }

        /**
         * Inference against {@code peer}, round by round as training is ({@link PeerCell#aggregate}): the two medians
         * and the per-round ratios with their median and range (no ratios if the peer reports no inference rate).
         */
        public RoundAggregate inferenceAgainst(PeerCell peer) {
            List<Double> theirs = peer.measured() ? peer.inferenceSamplesPerSByRound()
                    : rnnlabRounds.stream().map(r -> Double.NaN).toList();
            return RoundAggregate.of(rnnlabInferenceSamplesPerS(), theirs);
        }

        /** rnnlab's peak memory, max over the rounds, MiB. */
        public long rnnlabPeakMib() {
            return rnnlabRounds.stream().mapToLong(BenchResult::peakRssMb).max().orElse(0);
        }

        /** The round whose rnnlab rate is the median (the lower middle one for an even count). */
        public BenchResult rnnlabMedianRound() {
            List<BenchResult> s = rnnlabRounds.stream().sorted(Comparator.comparingDouble(BenchResult::samplesPerS)).toList();
            return s.get((s.size() - 1) / 2);
        }
    }

    private PeerComparison() {
    }

    /**
     * Measures each cell of {@code config} in {@code rounds} rounds: rnnlab in a child JVM, then each available
     * peer, alternating.
     *
     * @param threads  ND4J / torch threads
     * @param peers    the peers to compare with, in the order they run within a round
     * @param missing  for each peer, why it cannot run (null if it can), as {@link Peer#unavailable()} said
     * @param progress receives each row as it is measured
     */
    public static List<Row> run(BenchConfig config, int threads, List<Peer> peers, List<String> missing, int rounds,
                                Consumer<Row> progress) throws IOException, InterruptedException {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds: expected at least 1, got " + rounds);
        }
        List<Row> rows = new ArrayList<>();
        for (Architecture cell : config.cells()) {
            double loadStart = loadAverage();
            List<BenchResult> mine = new ArrayList<>();
            List<List<JsonNode>> theirs = new ArrayList<>();
            peers.forEach(p -> theirs.add(new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                // rnnlab first in the first, third, ... round, last in the others: neither side always meets the
                // machine right after the other (JIT threads and caches of the process before, a neighbour's burst)
                boolean peersFirst = round % 2 == 1;
                if (!peersFirst) {
                    mine.add(Json.mapper().treeToValue(runJson(rnnlabCommand(config, cell, threads), "rnnlab bench", true),
                            BenchResult.class));
                }
                for (int k = 0; k < peers.size(); k++) {
                    int i = peersFirst ? peers.size() - 1 - k : k; // mirrored: the first peer stays next to rnnlab
                    if (missing.get(i) == null) {
                        Peer peer = peers.get(i);
                        JsonNode line = runJson(peer.command(config, cell, threads), peer.id() + " peer", false);
                        if (line.hasNonNull("warning") && WARNED.add(line.path("warning").asText())) {
                            LOG.warn("{} peer: {}", peer.id(), line.path("warning").asText());
                        }
                        theirs.get(i).add(line);
                    }
                }
                if (peersFirst) {
                    mine.add(Json.mapper().treeToValue(runJson(rnnlabCommand(config, cell, threads), "rnnlab bench", true),
                            BenchResult.class));
                }
            }
            double loadEnd = loadAverage();
            List<Double> mineRates = mine.stream().map(BenchResult::samplesPerS).toList();
            List<PeerCell> cells = new ArrayList<>();
            for (int i = 0; i < peers.size(); i++) {
                List<JsonNode> lines = theirs.get(i);
                List<Double> rates = lines.isEmpty() ? mineRates.stream().map(r -> Double.NaN).toList()
                        : lines.stream().map(n -> n.path("samples_per_s").asDouble(Double.NaN)).toList();
                long peak = lines.stream().mapToLong(n -> n.path("peak_rss_kib").asLong(0)).max().orElse(0) / 1024;
                cells.add(new PeerCell(peers.get(i).id(), lines, RoundAggregate.of(mineRates, rates), peak,
                        missing.get(i) == null ? "" : missing.get(i)));
            }
            Row row = new Row(mine, cells, loadStart, loadEnd);
            rows.add(row);
            progress.accept(row);
        }
        return rows;
    }

    /** The 1-minute load average of /proc/loadavg, or NaN where there is none. */
    public static double loadAverage() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim();
            return Double.parseDouble(s.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static List<String> rnnlabCommand(BenchConfig c, Architecture cell, int threads) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-XX:StartFlightRecording") && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.rnnlab.evaluation.cli.Main", "bench", "--json",
                "--cells", cell.id()));
        cmd.addAll(sharedArgs(c, threads));
        cmd.addAll(List.of("--seed", String.valueOf(c.seed()), "--impl", c.implementation().id()));
        return cmd;
    }

    /** This JVM's {@code java} binary (the DJL peer runs with the same). */
    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static List<String> sharedArgs(BenchConfig c, int threads) {
        return List.of("--batch", String.valueOf(c.batch()), "--steps", String.valueOf(c.steps()),
                "--features", String.valueOf(c.features()), "--hidden", String.valueOf(c.hidden()),
                "--layers", String.valueOf(c.layers()), "--classes", String.valueOf(c.classes()),
                "--batches", String.valueOf(c.batches()), "--repeats", String.valueOf(c.repeats()),
                "--warmup", String.valueOf(c.warmup()), "--threads", String.valueOf(threads));
    }

    /**
     * Runs a command and returns the last JSON object line of its output; fails with its output otherwise.
     * rnnlab's processes run with OpenMP's passive wait policy (as the {@code rnnlab} launcher sets it) unless
     * the user set one; the peers run with the user's environment, without the launcher's default: PyTorch
     * is faster with spinning OpenMP threads, ND4J slower (docs/PERFORMANCE.md, two threads each against PyTorch). OMP_NUM_THREADS is
     * the command's {@code --threads} for a peer, 1 for rnnlab (as the launcher sets it: its kernels split the
     * minibatch over {@code --threads} Java threads and ND4J's own operations stay on one thread).
     */
    private static JsonNode runJson(List<String> command, String what, boolean rnnlab) throws IOException, InterruptedException {
        // standard error joins the output so a failure shows its message; only JSON lines are read
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", rnnlab ? "1" : command.get(command.lastIndexOf("--threads") + 1));
        if (rnnlab) {
            pb.environment().putIfAbsent("OMP_WAIT_POLICY", "passive");
        } else if ("1".equals(System.getenv("RNNLAB_DEFAULTED_OMP_WAIT_POLICY"))) {
            pb.environment().remove("OMP_WAIT_POLICY");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        String json = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (code != 0 || json == null) {
            throw new IOException(String.format(Locale.ROOT, "%s failed (exit %d), output:%n%s", what, code, out));
        }
        return Json.mapper().readTree(json);
    }
}
