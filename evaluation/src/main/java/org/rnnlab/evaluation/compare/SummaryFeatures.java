package org.rnnlab.evaluation.compare;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.rnnlab.datasets.Sequence;

/**
 * The {@link SummaryBaseline}'s model: each sequence reduced to the mean and the standard deviation (population, over its
 * steps) of each feature, standardised with the training sequences' mean and sd of those summaries, then a multinomial
 * logistic regression with an L2 penalty. What a sequence model adds to this is what the order of the steps says: a trial
 * (79a F3) found such a regression on 8 features as good as a GRU the majority baseline made look like a clear win.
 *
 * <p>The objective is scikit-learn's {@code LogisticRegression(C=1.0)} for 3 or more classes (multinomial): the mean
 * cross-entropy over the training sequences plus {@code 1/(2n)} times the squared weights (not the biases), n training
 * sequences. It is fitted with DL4J (one softmax output layer, MCXENT, its L2) from zero weights on the full training set
 * at every step (Adam with a learning rate falling from {@value #START_RATE} by {@value #DECAY} a step over {@value
 * #STEPS} steps): no randomness, so the same data give the same scores; the problem is convex, so that is its optimum to
 * about 3 decimals of the probabilities (SummaryFeaturesTest checks a case solved by hand), and cheap: 300 steps of small
 * matrix products, 6 s for 10,000 sequences of 8 features on a 2-core machine at a load average of 18.
 */
public final class SummaryFeatures {
    /** Adam steps over the whole training set. */
    static final int STEPS = 300;
    /** The first step's learning rate (the features are standardised). */
    static final double START_RATE = 0.1;
    /** The learning rate's factor per step: 0.1 to about 0.001 over the steps, so that the last ones settle. */
    static final double DECAY = 0.985;

    private final double[] centre;
    private final double[] scale;
    private final MultiLayerNetwork network;

    private SummaryFeatures(double[] centre, double[] scale, MultiLayerNetwork network) {
        this.centre = centre;
        this.scale = scale;
        this.network = network;
    }

    /**
     * The summaries of one sequence: the mean of each of its {@code f} features, then their population sd, over the steps
     * whose value is a number (a NaN step is left out of that feature's two; a feature without one has 0 and 0).
     */
    public static double[] of(Sequence s) {
        int f = s.values()[0].length;
        double[] out = new double[2 * f];
        for (int j = 0; j < f; j++) {
            double sum = 0;
            int n = 0;
            for (float[] step : s.values()) {
                if (!Float.isNaN(step[j])) {
                    sum += step[j];
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double squares = 0;
            for (float[] step : s.values()) {
                if (!Float.isNaN(step[j])) {
                    squares += (step[j] - mean) * (step[j] - mean);
                }
            }
            out[j] = mean;
            out[f + j] = n == 0 ? 0 : Math.sqrt(squares / n);
        }
        return out;
    }

    /** {@link #fit(double[][], int[], int)} on the summaries of the given training sequences. */
    public static SummaryFeatures fit(List<Sequence> train, int classes) {
        return fit(train.stream().map(SummaryFeatures::of).toArray(double[][]::new),
                train.stream().mapToInt(Sequence::label).toArray(), classes);
    }

    /**
     * The regression fitted on rows {@code x} (one per training sequence) of classes {@code y}, after standardising each
     * column with its mean and population sd over these rows (a column of one value: centred only, so 0).
     */
    public static SummaryFeatures fit(double[][] x, int[] y, int classes) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("summary-feature baseline: " + x.length + " training rows and " + y.length
                    + " labels (expected as many, at least 1)");
        }
        int d = x[0].length;
        double[] centre = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[j];
            }
            centre[j] = sum / x.length;
            double squares = 0;
            for (double[] row : x) {
                squares += (row[j] - centre[j]) * (row[j] - centre[j]);
            }
            double sd = Math.sqrt(squares / x.length);
            scale[j] = sd > 1e-12 * Math.max(1, Math.abs(centre[j])) ? sd : 1;
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(0) // zero weights: nothing random is drawn; set so that no default seed is either
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.ZERO)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.ITERATION, START_RATE, DECAY)))
                .l2(1.0 / x.length) // scikit-learn's C=1: the squared weights over 2n beside the mean cross-entropy
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(d).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        SummaryFeatures model = new SummaryFeatures(centre, scale, network);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, x.length, classes);
        for (int i = 0; i < y.length; i++) {
            labels.putScalar(i, y[i], 1.0);
        }
        DataSet all = new DataSet(model.standardised(x), labels);
        for (int step = 0; step < STEPS; step++) {
            network.fit(all);
        }
        return model;
    }

    /** The class probabilities of each row of summaries (rows as {@link #of} gives them). */
    public double[][] probabilities(double[][] x) {
        if (x.length == 0) {
            return new double[0][];
        }
        return network.output(standardised(x)).toDoubleMatrix();
    }

    /** The most probable class of each sequence (the first on a tie). */
    public int[] predict(List<Sequence> sequences) {
        double[][] p = probabilities(sequences.stream().map(SummaryFeatures::of).toArray(double[][]::new));
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][out[i]]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }

    private INDArray standardised(double[][] x) {
        double[][] z = new double[x.length][centre.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < centre.length; j++) {
                z[i][j] = (x[i][j] - centre[j]) / scale[j];
            }
        }
        return Nd4j.create(z);
    }
}
