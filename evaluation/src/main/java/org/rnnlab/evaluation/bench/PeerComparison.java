package org.rnnlab.evaluation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;

/**
 * rnnlab against the PyTorch peer ({@code bench/peer_pytorch.py}) on the same work, cell by cell
 * and alternating (rnnlab, peer, rnnlab, peer, ...) so that both see the same machine load. Each
 * measurement runs in a fresh process, so peak memory is that of one cell: rnnlab in a child JVM with
 * this JVM's options and class path ({@code bench --json}), the peer under {@code python3} with its peak
 * RSS read from {@code resource.getrusage}.
 */
public final class PeerComparison {

    /** Where and how to run the peer. */
    public record Peer(String python, Path script) {
    }

    /**
     * One compared cell.
     *
     * @param rnnlab      rnnlab's result
     * @param peer        the peer's JSON line, or null if the peer could not run
     * @param peerPeakMib peak resident memory of the peer process, MiB (0 if unknown)
     * @param note        why the peer is missing, or empty
     */
    public record Row(BenchResult rnnlab, JsonNode peer, long peerPeakMib, String note) {
        /** Peer training samples/s, or NaN. */
        public double peerSamplesPerS() {
            return peer == null ? Double.NaN : peer.path("samples_per_s").asDouble(Double.NaN);
        }

        /** rnnlab / peer training throughput, or NaN. */
        public double ratio() {
            return rnnlab.samplesPerS() / peerSamplesPerS();
        }
    }

    private PeerComparison() {
    }

    /** Why the peer cannot run here, or null if it can (python with torch, and the script). */
    public static String unavailable(Peer peer) {
        if (!Files.isRegularFile(peer.script())) {
            return "peer script not found: " + peer.script().toAbsolutePath().normalize();
        }
        try {
            Process p = new ProcessBuilder(peer.python(), "-c", "import torch").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return peer.python() + " cannot import torch (apt-get install -y python3-torch libopenblas0-pthread): "
                        + (out.isEmpty() ? "exit " + p.exitValue() : out.lines().reduce((a, b) -> b).orElse(out));
            }
            return null;
        } catch (IOException e) {
            return "cannot run " + peer.python() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Measures each cell of {@code config}: rnnlab in a child JVM, then the peer (if available).
     *
     * @param threads  ND4J / torch threads
     * @param progress receives each row as it is measured
     */
    public static List<Row> run(BenchConfig config, int threads, Peer peer, Consumer<Row> progress)
            throws IOException, InterruptedException {
        String missing = unavailable(peer);
        List<Row> rows = new ArrayList<>();
        for (Architecture cell : config.cells()) {
            BenchResult mine = Json.mapper().treeToValue(runJson(rnnlabCommand(config, cell, threads), "rnnlab bench", true), BenchResult.class);
            JsonNode theirs = null;
            long peak = 0;
            String note = missing == null ? "" : missing;
            if (missing == null) {
                JsonNode line = runJson(peerCommand(config, cell, threads, peer), "peer", false);
                theirs = line;
                peak = line.path("peak_rss_kib").asLong(0) / 1024;
            }
            Row row = new Row(mine, theirs, peak, note);
            rows.add(row);
            progress.accept(row);
        }
        return rows;
    }

    private static List<String> rnnlabCommand(BenchConfig c, Architecture cell, int threads) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-XX:StartFlightRecording") && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.rnnlab.evaluation.cli.Main", "bench", "--json",
                "--cells", cell.id()));
        cmd.addAll(sharedArgs(c, threads));
        cmd.addAll(List.of("--warmup", String.valueOf(c.warmup()), "--seed", String.valueOf(c.seed()),
                "--impl", c.implementation().id()));
        return cmd;
    }

    private static List<String> peerCommand(BenchConfig c, Architecture cell, int threads, Peer peer) {
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
        List<String> cmd = new ArrayList<>(List.of(peer.python(), "-c", wrapper, peer.script().toString(), "--cells", cell.id()));
        cmd.addAll(sharedArgs(c, threads));
        cmd.addAll(List.of("--warmup", String.valueOf(c.warmup())));
        return cmd;
    }

    private static List<String> sharedArgs(BenchConfig c, int threads) {
        return List.of("--batch", String.valueOf(c.batch()), "--steps", String.valueOf(c.steps()),
                "--features", String.valueOf(c.features()), "--hidden", String.valueOf(c.hidden()),
                "--layers", String.valueOf(c.layers()), "--classes", String.valueOf(c.classes()),
                "--batches", String.valueOf(c.batches()), "--repeats", String.valueOf(c.repeats()),
                "--threads", String.valueOf(threads));
    }

    /**
     * Runs a command and returns the last JSON object line of its output; fails with its output otherwise.
     * rnnlab's processes run with OpenMP's passive wait policy (as the {@code rnnlab} launcher sets it) unless
     * the user set one; the peer runs with the user's environment, without the launcher's default: PyTorch
     * is faster with spinning OpenMP threads, ND4J slower (README, two-thread comparison).
     */
    private static JsonNode runJson(List<String> command, String what, boolean rnnlab) throws IOException, InterruptedException {
        // standard error joins the output so a failure shows its message; only JSON lines are read
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", command.get(command.indexOf("--threads") + 1));
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
