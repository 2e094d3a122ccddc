package org.rnnlab.evaluation.cli;

import org.rnnlab.core.Nd4jRuntime;
import picocli.CommandLine.Option;

/** Options every command shares: how many threads ND4J may use. */
public final class RuntimeOptions {

    /** Help of the {@code --impl} option of train, compare and bench. */
    static final String IMPL_HELP = "Implementation of LSTM and RNN layers: rnnlab (rnnlab's CPU kernels) or dl4j (DL4J's LSTM and "
            + "SimpleRnn; same parameters and results, several times slower); GRU is always rnnlab's (default: ${DEFAULT-VALUE}).";

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + Nd4jRuntime.DEFAULT_THREADS,
            description = "ND4J threads (OpenMP and BLAS); one is fastest for small recurrent models on a small machine "
                    + "(default: ${DEFAULT-VALUE}). Recorded in provenance.")
    int threads;

    /** Applies the settings; call before any ND4J work. */
    public void apply() {
        Nd4jRuntime.configureThreads(threads);
    }

    public int threads() {
        return threads;
    }
}
