package org.rnnlab.evaluation.compare;

import java.util.List;
import org.rnnlab.datasets.Sequence;

/**
 * The {@link SummaryBaseline}'s model: each sequence reduced to the mean and the standard deviation (population, over its
 * steps) of each feature, standardised with the training sequences' mean and sd of those summaries, then a multinomial
 * logistic regression with an L2 penalty. What a sequence model adds to this is what the order of the steps says: a trial
 * (79a F3) found such a regression on 8 features as good as a GRU the majority baseline made look like a clear win.
 *
 * <p>The objective is scikit-learn's {@code LogisticRegression(C=1.0)} for 3 or more classes (multinomial): the mean
 * cross-entropy over the training sequences plus {@code 1/(2n)} times the squared weights (not the biases), n training
 * sequences. It is minimised from zero weights by L-BFGS (memory {@value #MEMORY}, backtracking line search) until no
 * component of the gradient exceeds {@value #TOLERANCE} (at most {@value #MAX_ITERATIONS} iterations): the problem is
 * convex and the penalty makes its optimum unique, so that stop is the optimum, which SummaryFeaturesTest checks against
 * scikit-learn's to 1e-3 in the probabilities. Before (trial 79j F4) 300 Adam steps with a falling rate stopped short on
 * well-separated classes, whose optimum has larger weights: probabilities up to 0.065 off, one test sequence per fold.
 * Plain double arithmetic in a fixed order: no randomness, so the same data give the same scores; and cheap, measured
 * (2026-12-07, 2 shared cores at a load average of about 12): 10,000 sequences of 16 summaries, 3 classes of
 * well-separated means, 0.5 s (SummaryFeaturesTest prints it); the Adam fit it replaces took 6 s for that size.
 */
public final class SummaryFeatures {
    /** L-BFGS iterations at most: far more than a convex problem of this size needs (tens to a few hundred). */
    static final int MAX_ITERATIONS = 5_000;
    /** The stop: no component of the objective's gradient above this (the features are standardised). */
    static final double TOLERANCE = 1e-8;
    /** The pairs of steps and gradient changes L-BFGS keeps. */
    static final int MEMORY = 10;

    private final double[] centre;
    private final double[] scale;
    /** Weights, row-major [feature][class], then one bias per class. */
    private final double[] parameters;
    private final int classes;

    private SummaryFeatures(double[] centre, double[] scale, double[] parameters, int classes) {
        this.centre = centre;
        this.scale = scale;
        this.parameters = parameters;
        this.classes = classes;
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
        SummaryFeatures shape = new SummaryFeatures(centre, scale, null, classes);
        double[][] z = shape.standardised(x);
        double[] w = LogisticObjective.minimise(z, y, classes);
        return new SummaryFeatures(centre, scale, w, classes);
    }

    /** The class probabilities of each row of summaries (rows as {@link #of} gives them). */
    public double[][] probabilities(double[][] x) {
        double[][] z = standardised(x);
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = LogisticObjective.softmax(parameters, z[i], classes);
        }
        return out;
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

    /**
     * This regression as a model card keeps it ({@link org.rnnlab.training.SummaryBaselineModel}), with its scores; the
     * numbers as they are, so that {@link #fromStored} gives back the same predictions.
     *
     * @param features the features' names, in the order of the summaries' columns ({@link #of(Sequence)})
     * @param labels   the classes, in the regression's order
     * @param scores   its scores on the run's test (and validation) split
     * @param testSequences the test sequences scored
     */
    public org.rnnlab.training.SummaryBaselineModel stored(List<String> features, List<String> labels, SummaryBaseline scores,
                                                         int testSequences) {
        int d = centre.length;
        if (features.size() * 2 != d || labels.size() != classes) {
            throw new IllegalArgumentException(features.size() + " feature names and " + labels.size() + " labels for a regression on "
                    + d + " summaries of " + classes + " classes (expected half as many features as summaries, one label per class)");
        }
        List<String> summaries = new java.util.ArrayList<>();
        features.forEach(f -> summaries.add("mean(" + f + ")"));
        features.forEach(f -> summaries.add("sd(" + f + ")"));
        List<List<Double>> coefficients = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Double> row = new java.util.ArrayList<>();
            for (int j = 0; j < d; j++) {
                row.add(parameters[j * classes + c]);
            }
            coefficients.add(row);
        }
        List<Double> intercepts = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            intercepts.add(parameters[d * classes + c]);
        }
        return new org.rnnlab.training.SummaryBaselineModel(SummaryBaseline.WHAT + ", standardised with the training sequences' "
                + "mean and sd of each summary; multinomial, L2 penalty as scikit-learn's LogisticRegression(C=1.0); fitted on the "
                + "training split", List.copyOf(features), summaries, java.util.Arrays.stream(centre).boxed().toList(),
                java.util.Arrays.stream(scale).boxed().toList(), List.copyOf(labels), coefficients, intercepts, scores.accuracy(),
                scores.macroF1(), scores.validationAccuracy(), scores.validationMacroF1(), testSequences, scores.judgedMacroF1());
    }

    /** The regression a model card keeps ({@link #stored}), which predicts as the one fitted did. */
    public static SummaryFeatures fromStored(org.rnnlab.training.SummaryBaselineModel stored) {
        int d = stored.summaries().size();
        int k = stored.classes().size();
        double[] parameters = new double[d * k + k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                parameters[j * k + c] = stored.coefficients().get(c).get(j);
            }
            parameters[d * k + c] = stored.intercepts().get(c);
        }
        return new SummaryFeatures(stored.centre().stream().mapToDouble(Double::doubleValue).toArray(),
                stored.scale().stream().mapToDouble(Double::doubleValue).toArray(), parameters, k);
    }

    private double[][] standardised(double[][] x) {
        double[][] z = new double[x.length][centre.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < centre.length; j++) {
                z[i][j] = (x[i][j] - centre[j]) / scale[j];
            }
        }
        return z;
    }
}
