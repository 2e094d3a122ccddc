package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.Json;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.core.bptt.AnalysisBenchmark;
import org.rnnlab.core.layers.KernelSupport;
import org.rnnlab.evaluation.bench.BenchConfig;
import org.rnnlab.evaluation.bench.BenchResult;
import org.rnnlab.evaluation.bench.GemmBenchmark;
import org.rnnlab.evaluation.bench.LatencyBenchmark;
import org.rnnlab.evaluation.bench.LatencyResult;
import org.rnnlab.evaluation.bench.MemoryTrend;
import org.rnnlab.evaluation.bench.NoiseWarning;
import org.rnnlab.evaluation.bench.PeerComparison;
import org.rnnlab.evaluation.bench.RoundAggregate;
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
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, "1:error, a configuration that did not finish, or --vs-peer where none of the --peer peers "
                + "can run (without --allow-no-peer)", ExitCodes.USAGE, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE},
        description = {"Measures training throughput (samples/s, median of repeats after warm-up, with the repeats' "
                + "[min-max]) and peak memory of each architecture on random data: the same work as bench/peer_pytorch.py, "
                + "whose JSON lines --json matches key for key. Each line also gives the 1-minute load average before and "
                + "after the cell, and a warning says when the load exceeded the processors or the repeats lie more than 1.5x "
                + "apart (numbers then unreliable). The header (and --json's \"backend\") names the ND4J backend that ran, as "
                + "train's provenance.json records it.",
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

    @Option(names = "--steps", defaultValue = "128", description = "Sequence length (default: ${DEFAULT-VALUE}); with "
            + "--latency only for --stream without --model (the default of --latency-steps there).")
    int steps;

    @Option(names = "--features", defaultValue = "9", description = "Inputs per step (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--hidden", defaultValue = "64", description = "Units per recurrent layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--classes", defaultValue = "6", description = "Output classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed minibatches first, before the timed training and again before the timed inference (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batches", defaultValue = "20", description = "Minibatches per timed training repeat; a timed inference repeat runs 3 times as many forward passes "
            + "(default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--vs-peer", description = "Compare with peers (--peer) on the same work: per cell, --rounds rounds of fresh "
            + "processes alternating rnnlab and each peer; prints the median throughputs, the median and range of the per-round "
            + "ratios (training, and inference where the peer measures it), each process's peak memory and the 1-minute load average before and after each cell.")
    boolean vsPeer;

    @Option(names = "--peer", paramLabel = "PEER", defaultValue = "pytorch",
            description = "Peer(s) of --vs-peer: pytorch (bench/peer_pytorch.py under --python), djl (the djl-peer module: DJL's "
                    + "PyTorch engine in a child JVM; build it with " + PeerComparison.DJL_BUILD + ") or both "
                    + "(default: ${DEFAULT-VALUE}).")
    String peer;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Rounds of --vs-peer per cell (each: rnnlab, then each peer, fresh processes; every second round the "
                    + "peers first, then rnnlab) (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--allow-no-peer", description = "With --vs-peer: when none of the --peer peers can run here, measure "
            + "rnnlab alone (the peers' columns '-') and exit 0; without it, bench --vs-peer stops before measuring, with exit 1.")
    boolean allowNoPeer;

    @Option(names = "--djl-home", paramLabel = "DIR", defaultValue = "${sys:rnnlab.home:-.}",
            description = "The rnnlab checkout whose djl-peer/target holds the built DJL peer (default: ${DEFAULT-VALUE}).")
    Path djlHome;

    @Option(names = "--peer-script", paramLabel = "FILE", defaultValue = "${sys:rnnlab.home:-.}/bench/peer_pytorch.py",
            description = "The PyTorch peer script for --vs-peer: rnnlab's own, in the repository's bench/ folder "
                    + "(default: ${DEFAULT-VALUE}); ../shared/bench/peer_pytorch.py does the same work.")
    Path peerScript;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
            description = "Python with torch for --vs-peer (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--latency", description = "Instead of training throughput: one-sequence inference latency, the serving "
            + "case: --latency-calls predictions of one sequence through the path predict and serve use, each timed; prints "
            + "percentiles, calls/s, heap allocated per call and the memory held after GC along the calls, with a line saying "
            + "whether the retained heap grows over the last 3 points and how much of the RSS is heap the JVM committed. The sequence's "
            + "length is --latency-steps (--steps is refused).")
    boolean latency;

    @Option(names = "--stream", description = "With --latency: time one sample at a time through a stream "
            + "(SequenceClassifier.stream(), the Java API for samples that arrive one by one): each timed call is one "
            + "PredictionStream.step, the prediction of the sequence read so far; after --latency-steps samples the stream is "
            + "reset (untimed) and starts again. Without --model it times an untrained network of --cells (one of rnn, lstm, "
            + "gru; default lstm), --layers, --hidden, --features and --classes (the training benchmark's shape), since the "
            + "default model of --latency is a text model, which streams do not take.")
    boolean stream;

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
            + "median of --repeats) through OpenBLAS's cblas_sgemm at --threads, and through the route rnnlab's recurrent kernels "
            + "take for each shape (oneDNN's matmul on weights kept blocked, or cblas_sgemm for small shapes) on one thread: "
            + "square sizes 64-1024 and the LSTM shapes of --batch, --steps, --features at --hidden and 256. Both are timed the "
            + "same way (into an output allocated once, on operands wrapped once), their repeats alternating; a warning names a "
            + "shape whose repeats lie more than 1.5x apart or whose 1-minute load exceeded the processors.")
    boolean gemm;

    @Option(names = "--json", description = "One JSON object per line (keys as the PyTorch peer's) instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        checkOptionsApply();
        runtime.apply();
        runtime.warnIfIgnored(impl, spec.commandLine().getErr());
        picocli.CommandLine cl = spec.commandLine();
        if (analysis) {
            OptionRanges.ANALYSIS_STEPS.check(cl, analysisSteps);
            OptionRanges.ANALYSIS_HIDDEN.check(cl, analysisHidden);
            OptionRanges.REPEATS.check(cl, repeats);
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
        OptionChecks.noEmptyEntries(spec.commandLine(), "--cells", cells);
        BenchConfig config;
        try {
            config = new BenchConfig(Architecture.parseList(cells), batch, steps, features, hidden, layers, classes,
                    warmup, batches, repeats, seed, Implementation.parse(impl));
        } catch (IllegalArgumentException e) {
            // BenchConfig's checks name its fields, which are the options' names: said as the options
            String message = String.valueOf(e.getMessage());
            throw message.startsWith("BenchConfig.")
                    ? new picocli.CommandLine.ParameterException(cl, "--" + message.substring("BenchConfig.".length())) : e;
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        warnIfNothingSplits(config, err);
        if (vsPeer) {
            return comparePeer(config, out, err);
        }
        if (!json) {
            err.printf("bench: batch %d x %d steps x %d features, hidden %d x %d layer(s), %d classes, %d thread(s), backend %s%n",
                    batch, steps, features, hidden, layers, classes, runtime.threads(), Nd4jRuntime.backend());
            err.flush();
            out.printf("%-8s %12s %21s %10s %14s %21s %12s %10s %11s%n", "cell", "train smp/s", "[min-max]", "GFLOP/s",
                    "infer smp/s", "[min-max]", "params", "peak MiB", "load 1m");
            out.flush();
        }
        int processors = Runtime.getRuntime().availableProcessors();
        List<BenchResult> results = TrainingBenchmark.run(config, r -> {
            if (json) {
                out.println(Json.writeCompact(r));
            } else {
                out.printf(Locale.ROOT, "%-8s %12.1f %21s %10.2f %14.1f %21s %12d %10d %11s%n", r.cell(), r.samplesPerS(),
                        range(r.runs()), r.gflopPerS(), r.inferenceSamplesPerS(), range(r.inferenceRuns()), r.parameters(),
                        r.peakRssMb(), load(r.loadStart(), r.loadEnd()));
            }
            out.flush();
            NoiseWarning.check(r.cell(), "samples/s", r.loadStart(), r.loadEnd(), processors,
                    new NoiseWarning.Series("training repeats", r.runs()),
                    new NoiseWarning.Series("inference repeats", r.inferenceRuns())).ifPresent(err::println);
            err.flush();
        });
        return results.size() == config.cells().size() ? 0 : 1;
    }

    /** {@code [min-max]} of a measurement's repeats, one decimal. */
    static String range(List<Double> runs) {
        double min = runs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = runs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return fmt("[%.1f-%.1f]", min, max);
    }

    /** {@code a->b}, the 1-minute load average before and after, or {@code -} where unknown. */
    private static String load(Double start, Double end) {
        return start == null || end == null ? "-" : fmt("%.2f->%.2f", start, end);
    }

    /**
     * Warns when {@code --threads} above 1 splits no layer of what is measured, as {@link RuntimeOptions#warnIfIgnored}
     * warns for {@code --impl dl4j}: the header's "2 thread(s)" then stands over one thread's numbers. Three cases: rnnlab's
     * kernels do not run (another backend, {@code -Drnnlab.kernels=off}: --threads sets ND4J's own threads instead); no
     * cell at --hidden and --batch reaches the split threshold ({@code KernelSupport.minibatchParts}); the cells whose
     * layers are DL4J's ({@code --impl dl4j}) are left to that warning.
     */
    private void warnIfNothingSplits(BenchConfig config, PrintWriter err) {
        int threads = runtime.threads();
        if (threads <= 1) {
            return;
        }
        if (!Nd4jRuntime.kernelsEnabled()) {
            err.printf("rnnlab: warning: --threads %d splits no minibatch here: rnnlab's kernels do not run (%s), so it sets the "
                    + "threads of ND4J's own operations and BLAS instead%n", threads, Nd4jRuntime.backend());
            err.flush();
            return;
        }
        List<String> below = new ArrayList<>();
        for (Architecture arch : config.cells()) {
            boolean rnnlabLayer = arch.cell() == CellType.GRU || config.implementation() == Implementation.RNNLAB;
            if (!rnnlabLayer) {
                continue; // DL4J's layer: RuntimeOptions.warnIfIgnored has said so
            }
            if (KernelSupport.minibatchParts(arch.cell(), config.hidden(), config.batch(), threads) > 1) {
                return;
            }
            below.add(arch.id());
        }
        if (!below.isEmpty()) {
            err.printf("rnnlab: warning: --threads %d splits no layer here (%s at --hidden %d, --batch %d): %s; so every layer runs "
                    + "on one thread%n", threads, String.join(", ", below), config.hidden(), config.batch(), KernelSupport.splitRule());
            err.flush();
        }
    }

    /** The peers {@code --peer} names, in the order they run within a round. */
    static List<PeerComparison.Peer> peers(String names, String python, Path script, Path djlHome) {
        return switch (names.trim().toLowerCase(Locale.ROOT)) {
            case "pytorch" -> List.of(new PeerComparison.Peer.Python(python, script));
            case "djl" -> List.of(new PeerComparison.Peer.Djl(PeerComparison.javaBinary(), djlHome));
            case "both" -> List.of(new PeerComparison.Peer.Python(python, script),
                    new PeerComparison.Peer.Djl(PeerComparison.javaBinary(), djlHome));
            default -> throw new IllegalArgumentException("--peer: expected pytorch, djl or both, got '" + names + "'");
        };
    }

    /** Options every measurement reads. */
    private static final Set<String> COMMON = Set.of("--threads", "--json", "--seed");
    /** Options of the training throughput measurement (the default), and with --vs-peer those of the peers too. */
    private static final Set<String> TRAINING = Set.of("--cells", "--impl", "--batch", "--steps", "--features", "--hidden",
            "--layers", "--classes", "--warmup", "--batches", "--repeats");
    private static final Set<String> PEERS = Set.of("--vs-peer", "--peer", "--rounds", "--djl-home", "--peer-script", "--python",
            "--allow-no-peer");
    private static final Set<String> ANALYSIS = Set.of("--analysis", "--analysis-steps", "--analysis-hidden", "--repeats");
    private static final Set<String> LATENCY = Set.of("--latency", "--latency-calls", "--latency-warmup", "--latency-steps",
            "--model");
    /**
     * --latency --stream without --model: the options of the untrained network it times, and --steps, the default of its
     * --latency-steps there.
     */
    private static final Set<String> STREAM_MODEL = Set.of("--cells", "--layers", "--hidden", "--features", "--classes",
            "--steps");
    private static final Set<String> GEMM = Set.of("--gemm", "--batch", "--steps", "--features", "--hidden", "--repeats");

    /**
     * One measurement at a time, and no option it would not read: {@code bench --latency --cells gru} is a usage
     * error naming {@code --cells}, not a latency run that ignores it.
     */
    private void checkOptionsApply() {
        List<String> modes = new ArrayList<>();
        if (analysis) {
            modes.add("--analysis");
        }
        if (latency) {
            modes.add("--latency");
        }
        if (gemm) {
            modes.add("--gemm");
        }
        if (vsPeer) {
            modes.add("--vs-peer");
        }
        if (modes.size() > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.join(" and ", modes)
                    + " cannot be combined: run them one at a time");
        }
        String mode = modes.isEmpty() ? "training throughput" : modes.get(0);
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(switch (mode) {
            case "--analysis" -> ANALYSIS;
            case "--latency" -> LATENCY;
            case "--gemm" -> GEMM;
            default -> TRAINING;
        });
        if (stream) {
            if (!latency) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stream applies to bench --latency only "
                        + "(bench --latency --stream times one sample of a stream at a time)");
            }
            allowed.add("--stream");
            if (model == null) {
                allowed.addAll(STREAM_MODEL);
            }
        }
        if (vsPeer) {
            allowed.addAll(PEERS);
        }
        List<String> unused = OptionChecks.givenBesides(spec.commandLine(), allowed);
        if (latency && unused.contains("--steps")) {
            // the length option of --latency has its own name: --steps was accepted and ignored (a 42-step header)
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps does not apply to bench --latency"
                    + (stream ? " --stream with --model" : "") + ": the sequence's length is --latency-steps (default: the longest "
                    + "the model was trained on, from its card; --steps is only --latency --stream's default length for the untrained "
                    + "network without --model)");
        }
        if (!unused.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.join(", ", unused)
                    + (unused.size() == 1 ? " does" : " do") + " not apply to bench " + (modes.isEmpty() ? "" : mode + " ")
                    + "(" + mode + " reads " + allowed.stream().sorted().toList() + ")");
        }
    }

    private int latency() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OptionRanges.LATENCY_CALLS.check(spec.commandLine(), latencyCalls);
        int warm = latencyWarmup != null ? latencyWarmup : latencyCalls / 10;
        OptionRanges.LATENCY_WARMUP.check(spec.commandLine(), warm);
        SequenceClassifier classifier;
        String what;
        if (model != null) {
            classifier = ModelBundle.load(model);
            what = model.toString();
        } else if (stream) {
            List<Architecture> archs = Architecture.parseList(spec.commandLine().getParseResult().hasMatchedOption("--cells")
                    ? cells : "lstm");
            if (archs.size() != 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cells " + cells + ": bench --latency "
                        + "--stream times one network: give one cell (rnn, lstm or gru)");
            }
            int t = latencySteps != null ? latencySteps : steps;
            OptionRanges.LATENCY_STEPS.check(spec.commandLine(), t);
            for (Object[] o : new Object[][] {{"--layers", layers, 1}, {"--hidden", hidden, 1}, {"--features", features, 1},
                    {"--classes", classes, 2}}) {
                if ((int) o[1] < (int) o[2]) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), o[0] + " must be at least " + o[2]
                            + ", got " + o[1]);
                }
            }
            classifier = LatencyBenchmark.streamModel(archs.get(0), layers, hidden, features, classes, t, seed);
            what = "untrained " + archs.get(0).id() + " network (" + features + " features, " + classes + " classes)";
        } else {
            classifier = LatencyBenchmark.defaultModel();
            what = "untrained default model (agreement task, train's defaults)";
        }
        int t = latencySteps != null ? latencySteps : LatencyBenchmark.defaultSteps(classifier, steps);
        OptionRanges.LATENCY_STEPS.check(spec.commandLine(), t);
        float[][] sequence = LatencyBenchmark.randomSequence(classifier, t, seed);
        if (stream) {
            try {
                classifier.stream();
            } catch (UnsupportedOperationException e) {
                err.printf("bench --latency --stream: %s: %s%n", what, e.getMessage());
                err.flush();
                return 2;
            }
        }
        if (!json) {
            err.printf("bench --latency%s: %s, %s, %s of %d step(s) x %d, %d warm-up + %d timed calls, %d thread(s), backend %s%n",
                    stream ? " --stream" : "", what, LatencyBenchmark.describe(classifier.card().spec()),
                    stream ? "one sample per call, the stream reset after a sequence" : "one sequence", t, sequence[0].length,
                    warm, latencyCalls, runtime.threads(), Nd4jRuntime.backend());
            err.flush();
        }
        if (runtime.threads() > 1) {
            if (!Nd4jRuntime.kernelsEnabled()) {
                err.printf("rnnlab: warning: --threads %d splits no minibatch here: rnnlab's kernels do not run (%s), so it sets the "
                        + "threads of ND4J's own operations and BLAS instead%n", runtime.threads(), Nd4jRuntime.backend());
            } else if (KernelSupport.minibatchParts(CellType.LSTM, 65_536, 1, runtime.threads()) == 1) {
                // a minibatch of one example: not even the largest layer bench takes (--hidden 65536) splits it
                err.printf("rnnlab: warning: --threads %d splits nothing in bench --latency: each call is one sequence, a minibatch of "
                        + "one example, and %s; so every layer runs on one thread%n", runtime.threads(), KernelSupport.splitRule());
            }
            err.flush();
        }
        LatencyResult r = stream
                ? LatencyBenchmark.runStream(classifier, sequence, warm, latencyCalls, LatencyBenchmark.memoryPoints(latencyCalls), what)
                : LatencyBenchmark.run(classifier, sequence, warm, latencyCalls, LatencyBenchmark.memoryPoints(latencyCalls), what);
        if (json) {
            out.println(Json.writeCompact(r));
        } else {
            // a stream step takes about a microsecond: two decimals
            String f = stream ? "%9.2f" : "%9.1f";
            out.printf(Locale.ROOT, "%9s %9s %9s %9s %9s %9s %11s %14s%n", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us",
                    "mean us", "calls/s", "heap B/call");
            out.printf(Locale.ROOT, f + " " + f + " " + f + " " + f + " " + f + " " + f + " %11.1f %14d%n", r.p50Us(), r.p90Us(),
                    r.p99Us(), r.p999Us(), r.maxUs(), r.meanUs(), r.callsPerS(), r.heapBytesPerCall());
            out.printf("%n%10s %16s %19s %14s %12s%n", "after call", "heap MiB (GC'd)", "heap committed MiB", "JavaCPP bytes",
                    "RSS MiB");
            for (LatencyResult.MemoryPoint p : r.memory()) {
                out.printf(Locale.ROOT, "%10d %16.2f %19.1f %14d %12.1f%n", p.calls(), p.heapUsedBytes() / 1048576.0,
                        p.heapCommittedBytes() / 1048576.0, p.javacppBytes(), p.rssBytes() / 1048576.0);
            }
            out.println(MemoryTrend.verdict(r.memory())); // the table read, so that a committed heap's jump is not taken for a leak
        }
        out.flush();
        return 0;
    }

    private int gemm() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OptionRanges.REPEATS.check(spec.commandLine(), repeats);
        List<GemmBenchmark.Shape> shapes = GemmBenchmark.defaultShapes(batch, steps, features,
                hidden == 256 ? List.of(256) : List.of(hidden, 256));
        if (!json) {
            err.printf("bench --gemm: OpenBLAS cblas_sgemm (row-major) at %d thread(s), and the route rnnlab's kernels take for the"
                    + " shape (oneDNN matmul on weights kept blocked, computed wider where the route pads, or cblas_sgemm) on one thread;"
                    + " both into outputs allocated once, their repeats alternating; median of %d repeat(s); backend %s%n",
                    runtime.threads(), repeats, Nd4jRuntime.backend());
            err.flush();
            out.printf("%-28s %6s %6s %6s %10s  %-24s %-25s %10s  %s%n", "shape", "m", "n", "k", "GFLOP/s", "runs", "kernel route",
                    "GFLOP/s", "runs");
            out.flush();
        }
        int processors = Runtime.getRuntime().availableProcessors();
        double[] load = {PeerComparison.loadAverage()};
        GemmBenchmark.run(shapes, repeats, seed, r -> {
            if (json) {
                out.println(Json.writeCompact(r));
            } else {
                out.printf(Locale.ROOT, "%-28s %6d %6d %6d %10.2f  %-24s %-25s %10.2f  %s%n", r.shape(), r.m(), r.n(), r.k(),
                        r.gflopPerS(), r.runs(), r.kernelRoute(), r.kernelGflopPerS(), r.kernelRuns());
            }
            out.flush();
            double now = PeerComparison.loadAverage();
            NoiseWarning.check(r.shape(), "GFLOP/s", load[0], now, processors, new NoiseWarning.Series("OpenBLAS repeats", r.runs()),
                    new NoiseWarning.Series("kernel route repeats", r.kernelRuns())).ifPresent(err::println);
            err.flush();
            load[0] = now;
        });
        return 0;
    }

    private int comparePeer(BenchConfig config, PrintWriter out, PrintWriter err) throws Exception {
        OptionRanges.ROUNDS.check(spec.commandLine(), rounds);
        List<PeerComparison.Peer> peers;
        try {
            peers = peers(peer, python, peerScript, djlHome);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        err.printf("bench --vs-peer: batch %d x %d steps x %d features, hidden %d x %d layer(s), %d thread(s), LSTM impl %s, "
                + "%d round(s) per cell, backend %s%n", batch, steps, features, hidden, layers, runtime.threads(), impl, rounds,
                Nd4jRuntime.backend());
        List<String> missing = new ArrayList<>();
        for (PeerComparison.Peer p : peers) {
            missing.add(p.unavailable());
        }
        boolean none = missing.stream().allMatch(java.util.Objects::nonNull);
        for (int i = 0; i < peers.size(); i++) {
            if (missing.get(i) != null) {
                err.println(peers.get(i).id() + " peer not available, " + (none && !allowNoPeer ? "" : "measuring rnnlab without it: ")
                        + missing.get(i));
            }
        }
        if (none && !allowNoPeer) {
            // a comparison script (bench/peer-table.sh) would otherwise run for its half hour and end with a table of '-' and 0
            err.println("bench --vs-peer: none of the peers (--peer " + peer + ") can run here, so there is nothing to compare "
                    + "with; stopping before measuring (exit 1). Give --allow-no-peer to measure rnnlab alone.");
            err.flush();
            return 1;
        }
        err.flush();
        if (!json) {
            out.printf("%-8s %-8s %13s %13s %7s %13s %14s %12s %11s %13s %10s %9s %11s%n", "cell", "peer", "rnnlab smp/s",
                    "peer smp/s", "ratio", "ratio range", "rnnlab infer/s", "peer infer/s", "infer ratio", "infer range",
                    "rnnlab MiB", "peer MiB", "load 1m");
            out.flush();
        }
        PeerComparison.run(config, runtime.threads(), peers, missing, rounds, row -> {
            if (json) {
                out.println(Json.writeCompact(jsonLine(row)));
            } else {
                for (PeerComparison.PeerCell p : row.peers()) {
                    RoundAggregate a = p.aggregate();
                    RoundAggregate inf = row.inferenceAgainst(p);
                    boolean infRatios = !inf.ratios().isEmpty();
                    out.printf(Locale.ROOT, "%-8s %-8s %13.1f %13s %7s %13s %14.1f %12s %11s %13s %10d %9s %11s%n", row.cell(),
                            p.peer(), row.rnnlabMedian(), p.measured() ? fmt("%.1f", a.peerSamplesPerS()) : "-",
                            p.measured() ? fmt("%.2f", a.ratio()) : "-",
                            p.measured() ? fmt("%.2f-%.2f", a.ratioMin(), a.ratioMax()) : "-",
                            row.rnnlabInferenceMedian(),
                            Double.isNaN(p.inferenceSamplesPerS()) ? "-" : fmt("%.1f", p.inferenceSamplesPerS()),
                            infRatios ? fmt("%.2f", inf.ratio()) : "-",
                            infRatios ? fmt("%.2f-%.2f", inf.ratioMin(), inf.ratioMax()) : "-",
                            row.rnnlabPeakMib(), p.measured() ? String.valueOf(p.peakMib()) : "-",
                            fmt("%.2f->%.2f", row.loadStart(), row.loadEnd()));
                }
            }
            out.flush();
            int processors = Runtime.getRuntime().availableProcessors();
            List<NoiseWarning.Series> series = new ArrayList<>();
            series.add(new NoiseWarning.Series("rnnlab rounds", row.rnnlabSamplesPerS()));
            for (PeerComparison.PeerCell p : row.peers()) {
                series.add(new NoiseWarning.Series(p.peer() + " rounds", p.measured() ? p.samplesPerSByRound() : List.of()));
            }
            NoiseWarning.check(row.cell(), "training samples/s", row.loadStart(), row.loadEnd(), processors,
                    series.toArray(NoiseWarning.Series[]::new)).ifPresent(err::println);
            err.flush();
        });
        return 0;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /**
     * One cell of {@code --vs-peer --json}: the per-round values and their aggregates; the keys of the single-round
     * comparison stay (rnnlab: the median round's result, its rates the medians over the rounds, as rnnlab_samples_per_s:
     * with an even {@code --rounds} the median is the mean of the two middle rounds, so the object is the lower middle
     * round's with its rates replaced; before, its samples_per_s was that round's own, 779 beside an
     * rnnlab_samples_per_s of 2687 in the same line; peer, peer_peak_rss_mb, ratio: the first peer's).
     */
    static Map<String, Object> jsonLine(PeerComparison.Row row) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("cell", row.cell());
        line.put("rounds", row.rnnlabRounds().size());
        line.put("rnnlab", row.rnnlabMedianRound().withRates(row.rnnlabMedian(), row.rnnlabInferenceMedian()));
        PeerComparison.PeerCell first = row.peers().isEmpty() ? null : row.peers().get(0);
        line.put("peer", first == null || !first.measured() ? null : first.rounds().get(first.rounds().size() - 1));
        line.put("peer_peak_rss_mb", first == null ? 0 : first.peakMib());
        line.put("ratio", first == null ? null : rounded(first.aggregate().ratio(), 3));
        line.put("rnnlab_samples_per_s", rounded(row.rnnlabMedian(), 1));
        line.put("rnnlab_rounds", row.rnnlabSamplesPerS());
        line.put("rnnlab_inference_samples_per_s", rounded(row.rnnlabInferenceMedian(), 1));
        line.put("rnnlab_inference_rounds", row.rnnlabInferenceSamplesPerS().stream().map(v -> rounded(v, 1)).toList());
        line.put("rnnlab_peak_rss_mb", row.rnnlabPeakMib());
        List<Map<String, Object>> peers = new ArrayList<>();
        for (PeerComparison.PeerCell p : row.peers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            RoundAggregate a = p.aggregate();
            m.put("peer", p.peer());
            m.put("name", p.name());
            m.put("samples_per_s", rounded(a.peerSamplesPerS(), 1));
            m.put("rounds", p.measured() ? p.samplesPerSByRound() : List.of());
            m.put("inference_samples_per_s", rounded(p.inferenceSamplesPerS(), 1));
            RoundAggregate inf = row.inferenceAgainst(p);
            m.put("inference_rounds", p.inferenceSamplesPerSByRound().stream().map(v -> rounded(v, 1)).toList());
            m.put("inference_ratio", rounded(inf.ratio(), 3));
            m.put("inference_ratio_min", rounded(inf.ratioMin(), 3));
            m.put("inference_ratio_max", rounded(inf.ratioMax(), 3));
            m.put("inference_ratios", inf.ratios().stream().map(r -> rounded(r, 3)).toList());
            m.put("ratio", rounded(a.ratio(), 3));
            m.put("ratio_min", rounded(a.ratioMin(), 3));
            m.put("ratio_max", rounded(a.ratioMax(), 3));
            m.put("ratios", a.ratios().stream().map(r -> rounded(r, 3)).toList());
            m.put("peak_rss_mb", p.peakMib());
            m.put("note", p.note());
            peers.add(m);
        }
        line.put("peers", peers);
        line.put("load_1m_start", rounded(row.loadStart(), 2));
        line.put("load_1m_end", rounded(row.loadEnd(), 2));
        return line;
    }

    private static Double rounded(double v, int digits) {
        if (!Double.isFinite(v)) {
            return null;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
