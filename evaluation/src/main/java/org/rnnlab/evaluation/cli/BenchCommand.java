package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.bench.BenchConfig;
import org.rnnlab.evaluation.bench.BenchResult;
import org.rnnlab.evaluation.bench.TrainingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab bench}: training and inference throughput per architecture on random data. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures training throughput (samples/s, median of repeats after warm-up) and peak memory "
                + "of each architecture on random data: the same work as shared/bench/peer_pytorch.py, "
                + "whose JSON lines --json matches key for key."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Option(names = "--cells", defaultValue = "rnn,lstm,gru,bilstm,bigru",
            description = "Architectures, comma-separated: rnn, lstm, gru and bi-prefixed (default: ${DEFAULT-VALUE}).")
    String cells;

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

    @Option(names = "--json", description = "One JSON object per line (keys as the PyTorch peer's) instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        runtime.apply();
        if (analysis) {
            org.rnnlab.core.bptt.AnalysisBenchmark.Result r = org.rnnlab.core.bptt.AnalysisBenchmark.run(analysisHidden, analysisSteps,
                    repeats, seed);
            PrintWriter o = spec.commandLine().getOut();
            o.println(json ? Json.writeCompact(r) : String.format(java.util.Locale.ROOT,
                    "gradient analysis of one sequence, T=%d, H=%d: median %.3f s over %d runs %s", analysisSteps, analysisHidden,
                    r.medianSeconds(), repeats, java.util.Arrays.toString(r.seconds())));
            o.flush();
            return 0;
        }
        BenchConfig config = new BenchConfig(Architecture.parseList(cells), batch, steps, features, hidden, layers, classes,
                warmup, batches, repeats, seed);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
}
