package org.rnnlab.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The recurrent cell of a layer. */
public enum CellType {
    /** Elman's vanilla RNN, h_t = tanh(W x_t + R h_{t-1} + b): rnnlab's {@code Rnn} (DL4J's {@code SimpleRnn} with {@code --impl dl4j}). */
    RNN,
    /**
     * Long short-term memory (Hochreiter and Schmidhuber 1997; its forget gate: Gers, Schmidhuber and Cummins 2000):
     * rnnlab's {@code Lstm} (DL4J's {@code LSTM} with {@code --impl dl4j}).
     */
    LSTM,
    /** Gated recurrent unit (Cho et al. 2014), PyTorch's equations: rnnlab's {@code Gru} layer. */
    GRU;

    /** Parses {@code rnn}, {@code lstm} or {@code gru} (any case). */
    public static CellType parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (CellType c : values()) {
            if (c.name().equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cell '" + name + "', expected one of "
                + Arrays.stream(values()).map(CellType::id).collect(Collectors.joining(", ")));
    }

    /** Lower-case name used on the command line and in file names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
