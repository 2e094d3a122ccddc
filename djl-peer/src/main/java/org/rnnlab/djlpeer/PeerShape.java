package org.rnnlab.djlpeer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the peer, with bench/peer_pytorch.py's options and defaults.
 *
 * @param cells    cells to measure, in order
 * @param batch    minibatch size
 * @param steps    sequence length
 * @param features inputs per step
 * @param hidden   units per recurrent layer (per direction)
 * @param layers   stacked recurrent layers
 * @param classes  output classes
 * @param warmup   untimed updates first
 * @param batches  updates per timed repeat
 * @param repeats  timed repeats (the median is reported)
 * @param threads  libtorch intra-op threads
 */
public record PeerShape(List<Cell> cells, int batch, int steps, int features, int hidden, int layers, int classes,
                        int warmup, int batches, int repeats, int threads) {

    private static final String USAGE = "usage: DjlPeer [--cells rnn,lstm,gru,bilstm] [--batch 64] [--steps 128] [--features 9]"
            + " [--hidden 64] [--layers 1] [--classes 6] [--batches 20] [--warmup 3] [--repeats 3] [--threads 1]";

    public PeerShape {
        cells = List.copyOf(cells);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("--cells: expected at least one cell");
        }
        check("batch", batch, 1);
        check("steps", steps, 1);
        check("features", features, 1);
        check("hidden", hidden, 1);
        check("layers", layers, 1);
        check("classes", classes, 2);
        check("warmup", warmup, 0);
        check("batches", batches, 1);
        check("repeats", repeats, 1);
        check("threads", threads, 1);
    }

    private static void check(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("--" + option + ": expected an integer >= " + min + ", got " + value);
        }
    }

    /** The same shape with other cells. */
    public PeerShape withCells(List<Cell> other) {
        return new PeerShape(other, batch, steps, features, hidden, layers, classes, warmup, batches, repeats, threads);
    }

    /** Parses {@code --option value} pairs (also {@code --option=value}); unknown options fail with the usage. */
    public static PeerShape parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] d : new String[][] {{"cells", "rnn,lstm,gru,bilstm"}, {"batch", "64"}, {"steps", "128"},
                {"features", "9"}, {"hidden", "64"}, {"layers", "1"}, {"classes", "6"}, {"batches", "20"},
                {"warmup", "3"}, {"repeats", "3"}, {"threads", "1"}}) {
            values.put(d[0], d[1]);
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; " + USAGE);
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value; " + USAGE);
            }
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "; " + USAGE);
            }
            values.put(key, value);
        }
        List<Cell> cells = new ArrayList<>();
        for (String c : values.get("cells").split(",")) {
            if (!c.isBlank()) {
                cells.add(Cell.parse(c));
            }
        }
        return new PeerShape(cells, integer(values, "batch"), integer(values, "steps"), integer(values, "features"),
                integer(values, "hidden"), integer(values, "layers"), integer(values, "classes"), integer(values, "warmup"),
                integer(values, "batches"), integer(values, "repeats"), integer(values, "threads"));
    }

    private static int integer(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(values.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": expected an integer, got '" + values.get(key) + "'", e);
        }
    }
}
