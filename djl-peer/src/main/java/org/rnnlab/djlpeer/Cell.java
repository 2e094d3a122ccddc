package org.rnnlab.djlpeer;

import java.util.Locale;

/**
 * A recurrent cell as bench/peer_pytorch.py names it: rnn, lstm or gru, optionally prefixed with {@code bi}.
 *
 * @param name          the name as given, e.g. {@code bilstm}
 * @param kind          rnn, lstm or gru
 * @param bidirectional whether the name had the {@code bi} prefix
 */
public record Cell(String name, String kind, boolean bidirectional) {

    /** Parses a cell name; fails naming the expected ones. */
    public static Cell parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        boolean bi = n.startsWith("bi");
        String kind = bi ? n.substring(2) : n;
        if (!kind.equals("rnn") && !kind.equals("lstm") && !kind.equals("gru")) {
            throw new IllegalArgumentException("unknown cell '" + name
                    + "': expected one of rnn, lstm, gru, optionally prefixed with bi");
        }
        return new Cell(n, kind, bi);
    }

    /** Pre-activation blocks per step (the width of the gate matrix products, in hidden units): rnn 1, lstm 4, gru 3. */
    public int blocks() {
        return switch (kind) {
            case "lstm" -> 4;
            case "gru" -> 3;
            default -> 1;
        };
    }

    /** Directions: 2 if bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /**
     * Multiply-add FLOPs of the recurrent matrix products per training sample, forward x3 for the backward
     * pass: peer_pytorch.py's {@code gemm_flops_per_sample}, term for term.
     */
    public double gemmFlopsPerSample(PeerShape shape) {
        double total = 0;
        long inputs = shape.features();
        for (int layer = 0; layer < shape.layers(); layer++) {
            total += 2.0 * (inputs + shape.hidden()) * blocks() * shape.hidden() * shape.steps() * directions();
            inputs = (long) shape.hidden() * directions();
        }
        return 3 * total;
    }
}
