package org.rnnlab.evaluation.bench;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.core.layers.StepProductRoute;

/**
 * This machine's single-precision GEMM rate through the BLAS rnnlab's recurrent kernels use: the kernels
 * ({@code core/.../layers/HostArray.gemm}) call OpenBLAS's {@code cblas_sgemm} directly (JavaCPP's
 * {@code openblas_nolapack}, row-major) on the host memory of ND4J arrays, and so does this class, with OpenBLAS
 * set to {@code --threads} threads ({@link Nd4jRuntime#configuredThreads()}) while it measures. (The kernels
 * themselves call it single-threaded, one call per Java thread: {@link Nd4jRuntime#configureThreads} keeps ND4J's
 * BLAS on one thread; so {@code --threads 2} here is the machine's two-core rate, not what one kernel part sees.)
 * Each shape is timed in {@code repeats} runs of enough products to last about {@link #TARGET_SECONDS}; the
 * median GFLOP/s is reported, counting {@code 2 m n k} FLOPs per product (beta = 0: no extra additions counted).
 *
 * <p>Since the kernels' per-step products go through oneDNN's {@code matmul} (single precision, large enough shapes),
 * each shape is also timed through that route ({@link StepProductRoute}, one thread, as a kernel part calls it), so
 * that a layer's GFLOP/s can be set against the rate of the products it actually runs.
 */
public final class GemmBenchmark {
    /** Approximate length of one timed repeat. */
    static final double TARGET_SECONDS = 0.2;

    /** Square sizes measured by default. */
    public static final List<Integer> SQUARE_SIZES = List.of(64, 128, 256, 512, 1024);

    private GemmBenchmark() {
    }

    /**
     * One shape to measure.
     *
     * @param name what it stands for
     * @param m    rows of A and C
     * @param n    columns of B and C
     * @param k    inner dimension
     * @param lstmStep whether it is an LSTM's per-step product, which the kernel's route computes padded
     *                 ({@code StepProduct.paddedWidth}: 16 zero columns more when {@code n} is a multiple of 512)
     */
    public record Shape(String name, int m, int n, int k, boolean lstmStep) {
        public Shape {
            if (m < 1 || n < 1 || k < 1) {
                throw new IllegalArgumentException("GemmBenchmark.Shape needs m, n, k >= 1, got " + m + " x " + n + " x " + k);
            }
        }

        /** A shape that is not an LSTM's per-step product. */
        public Shape(String name, int m, int n, int k) {
            this(name, m, n, k, false);
        }
    }

    /**
     * The default shapes: squares {@link #SQUARE_SIZES}, then an LSTM's per-step recurrent product
     * {@code [batch x hidden] x [hidden x 4 hidden]} and its input projection over all steps at once
     * {@code [batch steps x features] x [features x 4 hidden]} (as {@code CellKernel} computes them), for each
     * hidden size given.
     */
    public static List<Shape> defaultShapes(int batch, int steps, int features, List<Integer> hiddenSizes) {
        List<Shape> shapes = new ArrayList<>();
        for (int s : SQUARE_SIZES) {
            shapes.add(new Shape("square " + s, s, s, s));
        }
        for (int h : hiddenSizes) {
            shapes.add(new Shape("lstm step b" + batch + " h" + h, batch, 4 * h, h, true));
            shapes.add(new Shape("lstm input b" + batch + "x" + steps + " f" + features + " h" + h, batch * steps, 4 * h, features));
        }
        return shapes;
    }

    /** Floating-point operations of one {@code [m x k] x [k x n]} product: {@code 2 m n k}. */
    public static long flops(long m, long n, long k) {
        return 2L * m * n * k;
    }

    /** Measures each shape in turn (median of {@code repeats} timed runs, after one untimed run). */
    public static List<GemmResult> run(List<Shape> shapes, int repeats, long seed, java.util.function.Consumer<GemmResult> progress) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        Nd4jRuntime.ensureConfigured();
        int saved = openblas_nolapack.blas_get_num_threads();
        openblas_nolapack.blas_set_num_threads(Nd4jRuntime.configuredThreads());
        try {
            List<GemmResult> out = new ArrayList<>();
            for (Shape s : shapes) {
                GemmResult r = measure(s, repeats, seed);
                progress.accept(r);
                out.add(r);
            }
            return out;
        } finally {
            openblas_nolapack.blas_set_num_threads(saved);
        }
    }

    /**
     * Measures one shape: OpenBLAS's {@code cblas_sgemm} at the configured threads, then the kernels' own route for it
     * ({@link StepProductRoute}: oneDNN's {@code matmul} on B kept blocked, or {@code cblas_sgemm}), on this thread.
     */
    public static GemmResult measure(Shape s, int repeats, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray a = Nd4j.rand(DataType.FLOAT, s.m(), s.k()).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, s.k(), s.n()).subi(0.5);
        INDArray c = Nd4j.zeros(DataType.FLOAT, s.m(), s.n());
        FloatPointer pa = pointer(a);
        FloatPointer pb = pointer(b);
        FloatPointer pc = pointer(c);
        long flops = flops(s.m(), s.n(), s.k());
        StepProductRoute route = new StepProductRoute(s.m(), b, s.lstmStep());
        // both into an output allocated once, on operands wrapped once, their repeats alternating; the route's FLOPs are the
        // shape's own (a padded product's zero columns not counted)
        Timed[] timed = timeAlternately(() -> sgemm(s.m(), s.n(), s.k(), pa, pb, pc), () -> route.multiply(a), flops, repeats);
        Timed blas = timed[0];
        Timed kernel = timed[1];
        keepAlive(a, b, c); // the pointers address their memory: it must not be freed while BLAS runs
        return new GemmResult(s.name(), s.m(), s.n(), s.k(), openblas_nolapack.blas_get_num_threads(), flops, blas.iterations(),
                TrainingBenchmark.median(blas.runs()), blas.runs(), (route.byOneDnn() ? "oneDNN matmul" : "OpenBLAS") + (route.width() != s.n() ? " (" + route.width() + " wide)" : ""),
                TrainingBenchmark.median(kernel.runs()), kernel.runs(), Nd4jRuntime.backend());
    }

    /** Iterations per timed repeat and the GFLOP/s of each repeat. */
    private record Timed(int iterations, List<Double> runs) {
    }

    /**
     * Times {@code first} and {@code second}: for each, one untimed call and a calibration ({@link #calibrate}), then
     * {@code repeats} runs of about {@link #TARGET_SECONDS} each, the two's runs alternating (first, second, first, ...)
     * so that both meet the machine's same moments. Timed one after the other (all of the first's runs, then the
     * second's), the first shape (square 64) came out at 44-51 GFLOP/s in the first column and 9-27 in the second, the same
     * OpenBLAS call, on a loaded machine (load 5-11).
     */
    private static Timed[] timeAlternately(Runnable first, Runnable second, long flops, int repeats) {
        int[] iterations = {calibrate(first), calibrate(second)};
        Runnable[] products = {first, second};
        List<List<Double>> runs = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < repeats; r++) {
            for (int p = 0; p < 2; p++) {
                runs.get(p).add(timedRun(products[p], iterations[p], flops));
            }
        }
        return new Timed[] {new Timed(iterations[0], runs.get(0)), new Timed(iterations[1], runs.get(1))};
    }

    /** GFLOP/s of {@code iterations} calls of {@code product}, two decimals. */
    private static double timedRun(Runnable product, int iterations, long flops) {
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            product.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return Math.round(flops * (double) iterations / seconds / 1e9 * 100) / 100.0;
    }

    /** One untimed call, then the calls of about {@link #TARGET_SECONDS} from the mean of up to 10 more. */
    private static int calibrate(Runnable product) {
        long t0 = System.nanoTime();
        product.run();
        double one = Math.max(1e-7, (System.nanoTime() - t0) / 1e9);
        int iterations = (int) Math.max(1, Math.min(1_000_000, Math.round(TARGET_SECONDS / one)));
        t0 = System.nanoTime();
        for (int i = 0; i < Math.min(iterations, 10); i++) {
            product.run();
        }
        one = Math.max(1e-7, (System.nanoTime() - t0) / 1e9 / Math.min(iterations, 10));
        return (int) Math.max(1, Math.min(1_000_000, Math.round(TARGET_SECONDS / one)));
    }

    /**
     * {@code A B} through the kernels' route for this shape as an LSTM step product ({@link StepProductRoute}, padded
     * where the kernel pads), row-major {@code m x n}: for checking that the second timed call computes the product too.
     */
    public static float[] multiplyByKernelRoute(float[] a, float[] b, int m, int n, int k) {
        return product(a, b, m, n, k, (x, y, z) -> new StepProductRoute(m, y, true).multiply(x, z));
    }

    /**
     * {@code A B} for row-major {@code a} ({@code m x k}) and {@code b} ({@code k x n}) through the benchmark's own
     * {@code cblas_sgemm} call, row-major {@code m x n}: for checking that the timed call computes the product.
     */
    public static float[] multiply(float[] a, float[] b, int m, int n, int k) {
        return product(a, b, m, n, k, (x, y, z) -> sgemm(m, n, k, pointer(x), pointer(y), pointer(z)));
    }

    /** {@code z = x y} by one of the timed calls. */
    private interface Product {
        void into(INDArray x, INDArray y, INDArray z);
    }

    /** {@code a} and {@code b} as fresh FLOAT arrays, their product by {@code by}, row-major. */
    private static float[] product(float[] a, float[] b, int m, int n, int k, Product by) {
        if (a.length != m * k || b.length != k * n) {
            throw new IllegalArgumentException("multiply: a must hold m*k=" + (m * k) + " values and b k*n=" + (k * n)
                    + ", got " + a.length + " and " + b.length);
        }
        Nd4jRuntime.ensureConfigured();
        INDArray x = Nd4j.create(a, new long[] {m, k}, 'c');
        INDArray y = Nd4j.create(b, new long[] {k, n}, 'c');
        INDArray z = Nd4j.zeros(DataType.FLOAT, m, n);
        by.into(x, y, z);
        keepAlive(x, y, z);
        return z.data().asFloat();
    }

    /** The call rnnlab's kernels make: row-major {@code C = 1 A B + 0 C}, leading dimensions the row lengths. */
    private static void sgemm(int m, int n, int k, FloatPointer a, FloatPointer b, FloatPointer c) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                openblas_nolapack.CblasNoTrans, m, n, k, 1f, a, k, b, n, 0f, c, n);
    }

    private static void keepAlive(INDArray... arrays) {
        java.lang.ref.Reference.reachabilityFence(arrays);
    }

    /** The host memory of a fresh 'c'-order FLOAT array (as {@code HostArray.F32} reads it). */
    private static FloatPointer pointer(INDArray array) {
        if (array.isView() || array.ordering() != 'c' || array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("GemmBenchmark needs a fresh 'c'-order FLOAT array");
        }
        FloatPointer p = new FloatPointer(array.data().addressPointer());
        p.capacity(array.length()).limit(array.length()).position(0);
        return p;
    }
}
