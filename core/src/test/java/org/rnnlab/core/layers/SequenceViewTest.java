package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.function.Supplier;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SequenceView} against element-by-element reads and writes, for every layout the kernel layers
 * meet: 'c' and 'f' arrays, NWC permutations, time-major arrays, the halves of a concatenation, each
 * forwards and time-reversed; reads, writes, accumulating writes with a per-row scale, in float and double.
 */
class SequenceViewTest {

    private static final int MB = 3;
    private static final int N = 19; // N and T cross the 16 x 16 tiles of read and write
    private static final int T = 37;

    /** A [MB, N, T] view of the named layout over fresh random memory (and the whole array behind it). */
    private static INDArray layout(String name, DataType type) {
        Nd4j.getRandom().setSeed(name.hashCode());
        return switch (name) {
            case "c" -> Nd4j.rand(type, MB, N, T);
            case "f" -> Nd4j.rand(type, 'f', MB, N, T);
            case "nwc" -> Nd4j.rand(type, MB, T, N).permute(0, 2, 1);
            case "timeMajor" -> SequenceView.createTimeMajor(LayerWorkspaceMgr.noWorkspaces(), ArrayType.ACTIVATIONS, type, MB, N, T)
                    .assign(Nd4j.rand(type, MB, N, T));
            case "upperHalf" -> Nd4j.rand(type, MB, 2 * N, T).get(all(), interval(N, 2 * N), all());
            case "lowerHalfTimeMajor" -> SequenceView.createTimeMajor(LayerWorkspaceMgr.noWorkspaces(), ArrayType.ACTIVATIONS, type, MB, 2 * N, T)
                    .assign(Nd4j.rand(type, MB, 2 * N, T)).get(all(), interval(0, N), all());
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** {@code view.write(source)}, then {@code view.write(source)} accumulated with {@code scale}, in {@code type}. */
    private static void writeThenAccumulate(SequenceView view, double[] source, int from, int width, double[] scale, DataType type) {
        if (type == DataType.FLOAT) {
            float[] f = new float[source.length];
            float[] sc = new float[scale.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) source[i];
            }
            for (int i = 0; i < sc.length; i++) {
                sc[i] = (float) scale[i];
            }
            view.write(f, from, width, null, false);
            view.write(f, from, width, sc, true);
        } else {
            view.write(source, from, width, null, false);
            view.write(source, from, width, scale, true);
        }
    }

    private static int step(int t, boolean reversed) {
        return reversed ? T - 1 - t : t;
    }

    @ParameterizedTest(name = "{0} reversed={1} {2}")
    @CsvSource({
            "c, false, FLOAT", "c, true, DOUBLE", "f, false, DOUBLE", "f, true, FLOAT", "nwc, false, FLOAT", "nwc, true, DOUBLE",
            "timeMajor, false, FLOAT", "timeMajor, true, FLOAT", "timeMajor, false, DOUBLE", "upperHalf, false, FLOAT",
            "upperHalf, true, DOUBLE", "lowerHalfTimeMajor, true, FLOAT", "lowerHalfTimeMajor, false, DOUBLE",
    })
    void readsAndWritesEqualElementAccess(String name, boolean reversed, DataType type) {
        int width = N + 2;
        // read
        INDArray array = layout(name, type);
        SequenceView view = SequenceView.of(array).reversedIf(reversed);
        double[] read = new double[T * MB * width];
        if (type == DataType.FLOAT) {
            float[] f = new float[read.length];
            view.read(f, width);
            for (int i = 0; i < f.length; i++) {
                read[i] = f[i];
            }
        } else {
            view.read(read, width);
        }
        for (int t = 0; t < T; t++) {
            for (int e = 0; e < MB; e++) {
                for (int i = 0; i < N; i++) {
                    assertThat(read[(t * MB + e) * width + i]).as("read [%s, %s, %s]", e, i, t)
                            .isEqualTo(array.getDouble(e, i, step(t, reversed)), Offset.offset(1e-7));
                }
            }
        }

        // write, then accumulate with a row scale; elements outside the view stay as they were
        Supplier<double[]> source = () -> {
            double[] s = new double[2 + T * MB * width];
            for (int i = 0; i < s.length; i++) {
                s[i] = (i % 17) - 8.5;
            }
            return s;
        };
        double[] src = source.get();
        double[] scale = new double[T * MB];
        for (int r = 0; r < scale.length; r++) {
            scale[r] = 0.5 + r;
        }
        INDArray target = layout(name, type);
        INDArray whole = target.isView() ? Nd4j.create(target.data().asDouble()) : null;
        INDArray before = target.dup();
        SequenceView out = SequenceView.of(target).reversedIf(reversed);
        writeThenAccumulate(out, src, 2, width, scale, type);
        for (int t = 0; t < T; t++) {
            for (int e = 0; e < MB; e++) {
                int row = t * MB + e;
                for (int i = 0; i < N; i++) {
                    double expected = src[2 + row * width + i] * (1 + scale[row]);
                    assertThat(target.getDouble(e, i, step(t, reversed))).as("written [%s, %s, %s]", e, i, t)
                            .isEqualTo(expected, Offset.offset(1e-3));
                }
            }
        }
        assertThat(before.equalShapes(target)).isTrue();
        if (whole != null) {
            // the memory the view spans but does not own is untouched: compare the whole buffer outside it
            double[] after = target.data().asDouble();
            double[] was = whole.data().asDouble();
            int differences = 0;
            for (int k = 0; k < after.length; k++) {
                if (after[k] != was[k]) {
                    differences++;
                }
            }
            assertThat(differences).as("elements changed in the buffer").isLessThanOrEqualTo(MB * N * T);
        }
    }

    @ParameterizedTest(name = "{0} reversed={1}")
    @CsvSource({"timeMajor, false", "timeMajor, true", "c, false", "f, true", "lowerHalfTimeMajor, false", "lowerHalfTimeMajor, true"})
    void timeMajorLayoutsWriteOwnRowsAndWholeArraysWholeSteps(String name, boolean reversed) {
        SequenceView view = SequenceView.of(layout(name, DataType.FLOAT)).reversedIf(reversed);
        boolean rows = name.endsWith("imeMajor");
        boolean steps = name.equals("timeMajor");
        assertThat(view.writesOwnRows()).isEqualTo(rows);
        assertThat(view.examples(1, MB).writesOwnRows()).as("examples 1..MB").isEqualTo(rows);
        assertThat(view.writesStepBlocks()).isEqualTo(steps);
        assertThat(view.examples(1, MB).writesStepBlocks()).as("examples 1..MB").isEqualTo(steps);
    }

    /**
     * The parts of a time-major array (or of one half of its concatenation, as a bidirectional layer writes) that
     * {@link BatchSplitKernel} writes concurrently: each part's write (plain, then accumulating with a row scale, from
     * source rows wider than the view) sets exactly its own examples, with both parts written at the same time from
     * two threads, many times over, and no element outside the view changes.
     */
    @ParameterizedTest(name = "{0} reversed={1} {2}")
    @CsvSource({"timeMajor, false, FLOAT", "timeMajor, true, FLOAT", "timeMajor, false, DOUBLE", "timeMajor, true, DOUBLE",
            "lowerHalfTimeMajor, false, FLOAT", "lowerHalfTimeMajor, true, DOUBLE"})
    void partsOfATimeMajorArrayWriteConcurrentlyWithoutTouchingEachOther(String name, boolean reversed, DataType type) throws Exception {
        int width = N + 1;
        int[][] parts = {{0, 1}, {1, MB}};
        for (int round = 0; round < 50; round++) {
            INDArray target = layout(name, type);
            double[] was = target.data().asDouble();
            SequenceView whole = SequenceView.of(target).reversedIf(reversed);
            double[][] expected = new double[MB * N * T][];
            Thread[] threads = new Thread[parts.length];
            for (int p = 0; p < parts.length; p++) {
                int from = parts[p][0];
                int to = parts[p][1];
                int rows = T * (to - from);
                double[] src = new double[rows * width];
                double[] scale = new double[rows];
                for (int i = 0; i < src.length; i++) {
                    src[i] = (i % 13) - 6 + 100 * p + round;
                }
                for (int r = 0; r < rows; r++) {
                    scale[r] = 0.25 * (r + 1);
                }
                SequenceView part = whole.examples(from, to);
                threads[p] = new Thread(() -> writeThenAccumulate(part, src, 0, width, scale, type));
                for (int t = 0; t < T; t++) {
                    for (int e = from; e < to; e++) {
                        int row = t * (to - from) + (e - from);
                        for (int i = 0; i < N; i++) {
                            expected[(e * N + i) * T + step(t, reversed)] = new double[] {src[row * width + i] * (1 + scale[row])};
                        }
                    }
                }
            }
            for (Thread t : threads) {
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            for (int e = 0; e < MB; e++) {
                for (int i = 0; i < N; i++) {
                    for (int t = 0; t < T; t++) {
                        assertThat(target.getDouble(e, i, t)).as("round %s [%s, %s, %s]", round, e, i, t)
                                .isEqualTo(expected[(e * N + i) * T + t][0], Offset.offset(1e-3));
                    }
                }
            }
            double[] after = target.data().asDouble();
            int differences = 0;
            for (int k = 0; k < after.length; k++) {
                if (after[k] != was[k]) {
                    differences++;
                }
            }
            assertThat(differences).as("elements changed in the buffer, round %s", round).isLessThanOrEqualTo(MB * N * T);
        }
    }
}
