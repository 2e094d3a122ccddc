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
import org.rnnlab.evaluation.bench.GemmBenchmark;
import org.rnnlab.evaluation.bench.LatencyBenchmark;
import org.rnnlab.evaluation.bench.LatencyResult;
import org.rnnlab.evaluation.bench.PeerComparison;
import org.rnnlab.evaluation.bench.TrainingBenchmark;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab bench}: training and inference throughput per architecture on random data. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures training throughput (samples/s, median of repeats after warm-up) and peak memory "
                + "of each architecture on random data: the same work as bench/peer_pytorch.py, "
                + "whose JSON lines --json matches key for key.",
                "--latency measures one-sequence inference latency (the serving case) and --gemm the machine's BLAS GEMM rate "
                        + "instead."})
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

    @Option(names = "--latency", description = "Instead of training throughput: one-sequence inference latency, the serving "
            + "case: --latency-calls predictions of one sequence through the path predict and serve use, each timed; prints "
            + "percentiles, calls/s, heap allocated per call and the memory held after GC along the calls.")
    boolean latency;

    @Option(names = "--latency-calls", paramLabel = "N", defaultValue = "20000",
            description = "Timed calls of --latency (default: ${DEFAULT-VALUE}).")
    int latencyCalls;

    @Option(names = "--latency-warmup", paramLabel = "N",
            description = "Untimed calls before --latency's timed ones (default: a tenth of --latency-calls).")
    Integer latencyWarmup;

    @Option(names = "--latency-steps", paramLabel = "T",
            description = "Length of --latency's sequence (default: the longest the model was trained on, from its card; "
                    + "42 tokens for the default model).")
    Integer latencySteps;

    @Option(names = "--model", paramLabel = "FILE", description = "Model bundle (model.rnnlab) for --latency, loaded as predict "
            + "loads it (default: the model './rnnlab train' builds with no arguments, untrained: the agreement task's LSTM).")
    Path model;

    @Option(names = "--gemm", description = "Instead of training throughput: this machine's single-precision GEMM rate (GFLOP/s, "
            + "median of --repeats) through the cblas_sgemm call rnnlab's recurrent kernels make, at --threads: square sizes "
            + "64-1024 and the LSTM shapes of --batch, --steps, --features at --hidden and 256.")
    boolean gemm;

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
        if (latency || gemm) {
            return latency ? latency() : gemm();
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

    private int latency() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (gemm || analysis || vsPeer) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--latency cannot be combined with --gemm, "
                    + "--analysis or --vs-peer: run them one at a time");
        }
        OptionChecks.range(spec.commandLine(), "--latency-calls", latencyCalls, 1, 100_000_000);
        int warm = latencyWarmup != null ? latencyWarmup : latencyCalls / 10;
        OptionChecks.range(spec.commandLine(), "--latency-warmup", warm, 0, 100_000_000);
        SequenceClassifier classifier = model != null ? ModelBundle.load(model) : LatencyBenchmark.defaultModel();
        String what = model != null ? model.toString() : "untrained default model (agreement task, train's defaults)";
        int t = latencySteps != null ? latencySteps : LatencyBenchmark.defaultSteps(classifier, steps);
        OptionChecks.range(spec.commandLine(), "--latency-steps", t, 1, 100_000);
        float[][] sequence = LatencyBenchmark.randomSequence(classifier, t, seed);
        if (!json) {
            err.printf("bench --latency: %s, %s, one sequence of %d step(s) x %d, %d warm-up + %d timed calls, %d thread(s)%n",
                    what, classifier.card().spec().cell().name().toLowerCase(Locale.ROOT) + " " + classifier.card().spec().hiddenSizes(),
                    t, sequence[0].length, warm, latencyCalls, runtime.threads());
            err.flush();
        }
        LatencyResult r = LatencyBenchmark.run(classifier, sequence, warm, latencyCalls,
                LatencyBenchmark.memoryPoints(latencyCalls), what);
        if (json) {
            out.println(Json.writeCompact(r));
        } else {
            out.printf(Locale.ROOT, "%9s %9s %9s %9s %9s %9s %11s %14s%n", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us",
                    "mean us", "calls/s", "heap B/call");
            out.printf(Locale.ROOT, "%9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %11.1f %14d%n", r.p50Us(), r.p90Us(), r.p99Us(),
                    r.p999Us(), r.maxUs(), r.meanUs(), r.callsPerS(), r.heapBytesPerCall());
            out.printf("%n%10s %16s %19s %14s %12s%n", "after call", "heap MiB (GC'd)", "heap committed MiB", "JavaCPP bytes",
                    "RSS MiB");
            for (LatencyResult.MemoryPoint p : r.memory()) {
                out.printf(Locale.ROOT, "%10d %16.2f %19.1f %14d %12.1f%n", p.calls(), p.heapUsedBytes() / 1048576.0,
                        p.heapCommittedBytes() / 1048576.0, p.javacppBytes(), p.rssBytes() / 1048576.0);
            }
        }
        out.flush();
        return 0;
    }

    private int gemm() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (analysis || vsPeer) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--gemm cannot be combined with --analysis or "
                    + "--vs-peer: run them one at a time");
        }
        OptionChecks.range(spec.commandLine(), "--repeats", repeats, 1, 1000);
        List<GemmBenchmark.Shape> shapes = GemmBenchmark.defaultShapes(batch, steps, features,
                hidden == 256 ? List.of(256) : List.of(hidden, 256));
        if (!json) {
            err.printf("bench --gemm: cblas_sgemm (row-major, as rnnlab's kernels call it), median of %d repeat(s), %d thread(s)%n",
                    repeats, runtime.threads());
            err.flush();
            out.printf("%-28s %6s %6s %6s %10s  %s%n", "shape", "m", "n", "k", "GFLOP/s", "runs");
            out.flush();
        }
        GemmBenchmark.run(shapes, repeats, seed, r -> {
            if (json) {
                out.println(Json.writeCompact(r));
            } else {
                out.printf(Locale.ROOT, "%-28s %6d %6d %6d %10.2f  %s%n", r.shape(), r.m(), r.n(), r.k(), r.gflopPerS(), r.runs());
            }
            out.flush();
        });
        return 0;
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
