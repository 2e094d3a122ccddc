package org.rnnlab.core.bptt;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of a {@link VanillaRnn} in the column-vector convention of the papers:
 * u_t = W_h h_{t-1} + W_x x_t + b, y_t = W_y h_t + b_y.
 *
 * <p>Immutable: the compact constructor copies the arrays into fresh DOUBLE arrays and every accessor
 * returns a copy. (DL4J's {@code SimpleRnn} stores the transposes: {@code W = W_x^T},
 * {@code RW = W_h^T}, {@code b = b^T}.)
 *
 * @param wh recurrent weights W_h, [H, H]; W_h[i][j] maps h_j to u_i
 * @param wx input weights W_x, [H, D]
 * @param b  hidden bias b, [H]
 * @param wy read-out weights W_y, [C, H]
 * @param by read-out bias b_y, [C]
 */
public record RnnParameters(INDArray wh, INDArray wx, INDArray b, INDArray wy, INDArray by) {

    public RnnParameters {
        require(wh != null && wx != null && b != null && wy != null && by != null,
                "wh, wx, b, wy and by must all be given (non-null)");
        require(wh.rank() == 2 && wh.rows() == wh.columns() && wh.rows() >= 1,
                "wh must be a square [H, H] matrix with H >= 1, got shape " + shape(wh));
        int h = wh.rows();
        require(wx.rank() == 2 && wx.rows() == h && wx.columns() >= 1,
                "wx must be [H=" + h + ", D] with D >= 1, got shape " + shape(wx));
        require(b.length() == h && b.rank() <= 2, "b must hold H=" + h + " values, got shape " + shape(b));
        require(wy.rank() == 2 && wy.columns() == h && wy.rows() >= 2,
                "wy must be [C, H=" + h + "] with C >= 2 classes, got shape " + shape(wy));
        require(by.length() == wy.rows() && by.rank() <= 2,
                "by must hold C=" + wy.rows() + " values, got shape " + shape(by));
        wh = copy(wh);
        wx = copy(wx);
        b = copy(b).reshape(h);
        wy = copy(wy);
        by = copy(by).reshape(wy.rows());
    }

    private static INDArray copy(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c');
    }

    private static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("RnnParameters." + message);
        }
    }

    @Override
    public INDArray wh() {
        return wh.dup();
    }

    @Override
    public INDArray wx() {
        return wx.dup();
    }

    @Override
    public INDArray b() {
        return b.dup();
    }

    @Override
    public INDArray wy() {
        return wy.dup();
    }

    @Override
    public INDArray by() {
        return by.dup();
    }

    /** Hidden size H. */
    public int hidden() {
        return wh.rows();
    }

    /** Input size D. */
    public int inputs() {
        return wx.columns();
    }

    /** Number of classes C. */
    public int classes() {
        return wy.rows();
    }

    /** Total number of parameters, H*H + H*D + H + C*H + C. */
    public long count() {
        return wh.length() + wx.length() + b.length() + wy.length() + by.length();
    }

    /** W_h as a row-major double[H*H] (a copy). */
    public double[] recurrentRowMajor() {
        return wh.dup('c').data().asDouble();
    }

    /**
     * Random parameters, deterministic by seed: W_h ~ N(0, 1/H) (spectral radius near 1, the circular
     * law), W_x ~ N(0, 1/D), W_y ~ N(0, 1/H), biases 0.
     */
    public static RnnParameters random(int hidden, int inputs, int classes, long seed) {
        require(hidden >= 1 && hidden <= 65_536, "hidden must be in [1, 65536], got " + hidden);
        require(inputs >= 1 && inputs <= 65_536, "inputs must be in [1, 65536], got " + inputs);
        require(classes >= 2 && classes <= 65_536, "classes must be in [2, 65536], got " + classes);
        SplittableRandom rnd = new SplittableRandom(seed);
        return new RnnParameters(
                gaussian(rnd, hidden, hidden, 1.0 / Math.sqrt(hidden)),
                gaussian(rnd, hidden, inputs, 1.0 / Math.sqrt(inputs)),
                Nd4j.zeros(DataType.DOUBLE, hidden),
                gaussian(rnd, classes, hidden, 1.0 / Math.sqrt(hidden)),
                Nd4j.zeros(DataType.DOUBLE, classes));
    }

    /** A [rows, cols] matrix of N(0, std^2) entries drawn from {@code rnd}. */
    static INDArray gaussian(SplittableRandom rnd, int rows, int cols, double std) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = std * Gaussian.next(rnd);
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }

    /** These parameters with another recurrent matrix. */
    public RnnParameters withRecurrent(INDArray newWh) {
        return new RnnParameters(newWh, wx, b, wy, by);
    }

    /** These parameters with W_h rescaled so that its spectral radius (largest |eigenvalue|) is {@code radius}. */
    public RnnParameters withSpectralRadius(double radius) {
        require(Double.isFinite(radius) && radius > 0, "radius must be a finite number > 0, got " + radius);
        double current = Spectral.spectralRadius(recurrentRowMajor(), hidden());
        require(current > 0, "wh must have a non-zero spectral radius to be rescaled");
        return withRecurrent(wh.mul(radius / current));
    }

    /** theta - rate * g: one plain SGD step. */
    public RnnParameters minus(RnnGradients g, double rate) {
        return new RnnParameters(wh.sub(g.dWh().mul(rate)), wx.sub(g.dWx().mul(rate)), b.sub(g.db().mul(rate)),
                wy.sub(g.dWy().mul(rate)), by.sub(g.dby().mul(rate)));
    }
}
