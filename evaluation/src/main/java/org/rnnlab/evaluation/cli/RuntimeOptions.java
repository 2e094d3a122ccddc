package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.Nd4jRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every command shares: how many threads rnnlab's kernels (and, without them, ND4J) may use. */
public final class RuntimeOptions {

    /** Help of the {@code --impl} option of train, compare and bench. */
    static final String IMPL_HELP = "Implementation of LSTM and RNN layers: rnnlab (rnnlab's CPU kernels) or dl4j (DL4J's LSTM and "
            + "SimpleRnn; same parameters and results, several times slower, except that DL4J's bidirectional LSTM reads padded steps "
            + "wrongly, so it is refused for training sequences of different lengths and predicts minibatches of one length); GRU is "
            + "always rnnlab's (default: ${DEFAULT-VALUE}).";

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + Nd4jRuntime.DEFAULT_THREADS,
            description = "Threads of rnnlab's recurrent kernels: each layer splits its minibatch over N threads when every part "
                    + "is large enough (at batch 64 and two threads: LSTM and GRU layers from hidden 128, vanilla RNN from 256; smaller "
                    + "layers run on one). "
                    + "ND4J's own operations, BLAS and DL4J's layers (with train and compare: --impl dl4j, --conv) stay on one thread "
                    + "(default: ${DEFAULT-VALUE}). Recorded in the provenance.json of the commands that write one (train, compare, gradients).")
    int threads;

    /** Applies the settings; call before any ND4J work. */
    public void apply() {
        if (threads < 1) {
            // the command line's name for it (Nd4jRuntime, an API, names its argument 'threads')
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Nd4jRuntime.configureThreads(threads);
    }

    /**
     * Warns when {@code --threads} above 1 cannot speed up the chosen layers: more threads than processors, or, with
     * {@code --impl dl4j}, the LSTM and vanilla RNN layers are DL4J's, which run on ND4J's single thread (GRU layers are
     * always rnnlab's and split).
     */
    void warnIfIgnored(String impl, PrintWriter err) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) { // a user's --threads 64 on 2 cores was recorded as 64 without a word
            err.printf("rnnlab: warning: --threads %d is more than the %d processor(s) this machine gives the JVM: the parts of a "
                    + "split minibatch then take turns on the same cores, which is slower than %d thread(s)%n", threads, cores, cores);
            err.flush();
        }
        if (threads > 1 && impl != null && Implementation.DL4J.id().equalsIgnoreCase(impl.trim())) { // as Implementation.parse reads it
            err.printf("rnnlab: warning: --threads %d splits minibatches in rnnlab's kernels only; with --impl dl4j, DL4J's LSTM and "
                    + "SimpleRnn layers run on one thread (GRU layers, always rnnlab's, still split)%n", threads);
            err.flush();
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Continues a resumed run with the thread count it {@code recorded} (its config.json): the split of a minibatch over
     * threads changes results in their last bits, and a run's records name one count. A different {@code --threads} given
     * with the resume is refused; without one, the recorded count is set and said.
     *
     * @param run        what was trained, for the message ("this run was", "this comparison's runs were")
     * @param otherwise  what to do instead, for the message
     */
    void resumeWith(int recorded, CommandSpec spec, PrintWriter err, String command, String run, String otherwise) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--threads")) {
            if (threads != recorded) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads " + threads + " differs from the " + recorded
                        + " " + run + " trained with (its config.json): resume with --threads " + recorded + " (or without --threads), "
                        + otherwise);
            }
        } else if (recorded != Nd4jRuntime.threads()) {
            Nd4jRuntime.configureThreads(recorded);
            err.printf("%s: resuming with the %s own --threads %d%n", command, command.equals("compare") ? "comparison's" : "run's",
                    recorded);
        }
    }
}
