package org.rnnlab.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which code computes a recurrent layer: rnnlab's own layers ({@code org.rnnlab.core.layers}, with
 * CPU kernels several times faster than DL4J's) or DL4J's built-in ones.
 * <ul>
 *   <li>LSTM: rnnlab's {@code Lstm} (default) or DL4J's {@code LSTM}; same parameters and results
 *       (equal to 1e-6 in double precision), so a model trained with one predicts the same with the
 *       other.</li>
 *   <li>GRU: rnnlab's {@code Gru} with either setting (DL4J M2.1 has no GRU layer).</li>
 *   <li>RNN: rnnlab's {@code Rnn} (default) or DL4J's {@code SimpleRnn}; same parameters and results.</li>
 * </ul>
 * rnnlab's LSTM kernel needs ND4J's CPU backend; on another backend (CUDA) {@link #resolve} falls back
 * to DL4J's LSTM, which uses cuDNN there ({@code Rnn} falls back to DL4J's computation by itself).
 */
public enum Implementation {
    /** rnnlab's own layers (default). */
    RNNLAB,
    /** DL4J's built-in layers. */
    DL4J;

    /** Lower-case name used on the command line and in files: {@code rnnlab}, {@code dl4j}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code rnnlab} or {@code dl4j} (any case). */
    public static Implementation parse(String text) {
        for (Implementation i : values()) {
            if (i.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("implementation must be one of "
                + Arrays.stream(values()).map(Implementation::id).collect(Collectors.joining(", ")) + ", got '" + text + "'");
    }

    /** Whose layer computes {@code cell} with this setting on this backend: {@code rnnlab} or {@code dl4j}. */
    public String layerFor(CellType cell) {
        return switch (cell) {
            case LSTM, RNN -> resolve().id();
            case GRU -> RNNLAB.id();
        };
    }

    /**
     * What actually computes an LSTM on this backend: this, or {@link #DL4J} when rnnlab's kernel
     * cannot run (a backend other than ND4J's CPU one).
     */
    public Implementation resolve() {
        return this == RNNLAB && !Nd4j.getEnvironment().isCPU() ? DL4J : this;
    }
}
