package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.Json;
import org.rnnlab.core.bptt.AnalysisBenchmark;
import org.rnnlab.evaluation.bench.BenchConfig;
import org.rnnlab.evaluation.bench.BenchResult;
import org.rnnlab.evaluation.bench.PeerComparison;
import org.rnnlab.evaluation.bench.TrainingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab bench}: training and inference throughput per architecture on random data. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures training throughput (samples/s, median of repeats after warm-up) and peak memory "
                + "of each architecture on random data: the same work as bench/peer_pytorch.py, "
                + "whose JSON lines --json matches key for key."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Option(names = "--cells", defaultValue = "rnn,lstm,gru,bilstm,bigru",
            description = "Architectures, comma-separated: rnn, lstm, gru and bi-prefixed (default: ${DEFAULT-VALUE}).")
    String cells;

    @Option(names = "--impl", paramLabel = "IMPL", defaultValue = "rnnlab",
            description = RuntimeOptions.IMPL_HELP)
    String impl;

    @Option(names = "--batch", defaultValue = "64", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "128", description = "Sequence length (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--features", defaultValue = "9", description = "Inputs per step (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--hidden", defaultValue = "64", description = "Units per recurrent layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--classes", defaultValue = "6", description = "Output classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed minibatches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batches", defaultValue = "20", description = "Minibatches per timed repeat (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed repeats; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data and weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--analysis", description = "Instead of training throughput: time the hand-written RNN's full gradient "
            + "analysis (all Jacobian products and their spectral norms) of one sequence of --analysis-steps steps.")
    boolean analysis;

    @Option(names = "--analysis-steps", defaultValue = "1000", description = "Sequence length T of --analysis (default: ${DEFAULT-VALUE}).")
    int analysisSteps;

    @Option(names = "--analysis-hidden", defaultValue = "128", description = "Hidden size H of --analysis (default: ${DEFAULT-VALUE}).")
    int analysisHidden;

    @Option(names = "--vs-peer", description = "Compare with the PyTorch peer: each cell measured in a fresh JVM, then the peer "
            + "script on the same work, alternating; prints both throughputs, their ratio and each process's peak memory.")
    boolean vsPeer;

    @Option(names = "--peer-script", paramLabel = "FILE", defaultValue = "${sys:rnnlab.home:-.}/bench/peer_pytorch.py",
            description = "The PyTorch peer script for --vs-peer: rnnlab's own, in the repository's bench/ folder "
                    + "(default: ${DEFAULT-VALUE}); ../shared/bench/peer_pytorch.py does the same work.")
    Path peerScript;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
            description = "Python with torch for --vs-peer (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--json", description = "One JSON object per line (keys as the PyTorch peer's) instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        runtime.apply();
        if (analysis) {
            AnalysisBenchmark.Result r = AnalysisBenchmark.run(analysisHidden, analysisSteps,
                    repeats, seed);
            PrintWriter o = spec.commandLine().getOut();
            o.println(json ? Json.writeCompact(r) : String.format(Locale.ROOT,
                    "gradient analysis of one sequence, T=%d, H=%d: median %.3f s over %d runs %s", analysisSteps, analysisHidden,
                    r.medianSeconds(), repeats, Arrays.toString(r.seconds())));
            o.flush();
            return 0;
        }
        BenchConfig config = new BenchConfig(Architecture.parseList(cells), batch, steps, features, hidden, layers, classes,
                warmup, batches, repeats, seed, Implementation.parse(impl));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (vsPeer) {
            return comparePeer(config, out, err);
        }
        if (!json) {
            err.printf("bench: batch %d x %d steps x %d features, hidden %d x %d layer(s), %d classes, %d thread(s)%n",
                    batch, steps, features, hidden, layers, classes, runtime.threads());
            err.flush();
            out.printf("%-8s %12s %10s %14s %12s %10s%n", "cell", "train smp/s", "GFLOP/s", "infer smp/s", "params", "peak MiB");
            out.flush();
        }
        List<BenchResult> results = TrainingBenchmark.run(config, r -> {
            if (json) {
                out.println(Json.writeCompact(r));
            } else {
                out.printf("%-8s %12.1f %10.2f %14.1f %12d %10d%n", r.cell(), r.samplesPerS(), r.gflopPerS(),
                        r.inferenceSamplesPerS(), r.parameters(), r.peakRssMb());
            }
            out.flush();
        });
        return results.size() == config.cells().size() ? 0 : 1;
    }

    private int comparePeer(BenchConfig config, PrintWriter out, PrintWriter err) throws Exception {
        PeerComparison.Peer peer = new PeerComparison.Peer(python, peerScript);
        String missing = PeerComparison.unavailable(peer);
        err.printf("bench --vs-peer: batch %d x %d steps x %d features, hidden %d x %d layer(s), %d thread(s), LSTM impl %s%n",
                batch, steps, features, hidden, layers, runtime.threads(), impl);
        if (missing != null) {
            err.println("peer not available, measuring rnnlab only: " + missing);
        }
        err.flush();
        if (!json) {
            out.printf("%-8s %13s %13s %7s %14s %11s %11s%n", "cell", "rnnlab smp/s", "peer smp/s", "ratio",
                    "rnnlab infer/s", "rnnlab MiB", "peer MiB");
            out.flush();
        }
        PeerComparison.run(config, runtime.threads(), peer, row -> {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("rnnlab", row.rnnlab());
                line.put("peer", row.peer());
                line.put("peer_peak_rss_mb", row.peerPeakMib());
                line.put("ratio", Double.isNaN(row.ratio()) ? null : Math.round(row.ratio() * 1000) / 1000.0);
                out.println(Json.writeCompact(line));
            } else {
                out.printf(Locale.ROOT, "%-8s %13.1f %13s %7s %14.1f %11d %11s%n", row.rnnlab().cell(),
                        row.rnnlab().samplesPerS(),
                        row.peer() == null ? "-" : String.format(Locale.ROOT, "%.1f", row.peerSamplesPerS()),
                        row.peer() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio()),
                        row.rnnlab().inferenceSamplesPerS(), row.rnnlab().peakRssMb(),
                        row.peer() == null ? "-" : String.valueOf(row.peerPeakMib()));
            }
            out.flush();
        });
        return 0;
    }
}
