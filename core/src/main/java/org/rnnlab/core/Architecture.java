package org.rnnlab.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cell and its direction, as written on the command line: {@code rnn}, {@code lstm}, {@code gru},
 * and the bidirectional {@code birnn}, {@code bilstm}, {@code bigru}.
 *
 * @param cell          the recurrent cell
 * @param bidirectional whether each layer reads the sequence both ways
 */
public record Architecture(CellType cell, boolean bidirectional) {

    public Architecture {
        if (cell == null) {
            throw new IllegalArgumentException("cell must not be null");
        }
    }

    /** Parses one name such as {@code bilstm}. */
    public static Architecture parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        try {
            if (n.startsWith("bi")) {
                return new Architecture(CellType.parse(n.substring(2)), true);
            }
            return new Architecture(CellType.parse(n), false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown cell '" + name + "', expected one of rnn, lstm, gru, birnn, bilstm, bigru");
        }
    }

    /** Parses a comma-separated list such as {@code rnn,lstm,gru,bilstm}. */
    public static List<Architecture> parseList(String names) {
        List<Architecture> out = new ArrayList<>();
        for (String s : names.split(",")) {
            if (!s.isBlank()) {
                out.add(parse(s));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no architecture in '" + names + "'");
        }
        return out;
    }

    /** The command-line name, e.g. {@code bigru}. */
    public String id() {
        return (bidirectional ? "bi" : "") + cell.id();
    }

    @Override
    public String toString() {
        return id();
    }
}
