package org.rnnlab.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.rnnlab.datasets.FeatureStandardizer;
import org.rnnlab.datasets.csv.MissingValues;

/**
 * The far-values checks of new data for a model that scales each sequence by its own statistics ({@code sequenceScaling}),
 * judged on the values as written, before that scaling. Scaling takes a uniform unit or gain out, but not a code for a
 * missing value nor a spike: a -999 in three cells or a strain gauge's 500 in a tenth of a passage's cells bends the
 * sequence's own mean and sd, and once scaled such cells lie a few sd out, as a peak does, so the checks on the values as
 * the model reads them ({@link FarFromTraining}) said nothing while the predictions flipped (trial 75a: a bridge's car
 * read as a van, a truck as a car, {@code far_from_training} empty on every row). The card's statistics are those of
 * the scaled values, so the training data's own level is not known here; each sequence is judged against itself:
 *
 * <ul>
 *   <li>a code ({@link #codes}): a value written as codes are ({@link MissingValues#codeLike}: -999, 9999, 65535) over
 *       {@link FarFromTraining#FAR} sd of the sequence's other values from their mean, whose cells stand apart as
 *       {@link FarFromTraining#codes} asks;</li>
 *   <li>a spike ({@link #spikes}): a run of 1 to {@value #SPIKE_STEPS} steps (or of one value held, up to a quarter of
 *       the sequence: a ceiling, a filler) beyond both its neighbours, by over
 *       {@link FarFromTraining#FAR} times the sequence's median step-to-step change, which, scaled by the mean and sd of the
 *       sequence's other values (as the model would read it without the spikes), lies far outside the training data by the
 *       card's rule for the scaled values ({@link FarFromTraining#far}: 10 training sd and beyond the training range by a
 *       quarter of its span). A peak a signal reaches through values near it is no spike, and scaled by the rest of its
 *       sequence lies where the training sequences' peaks did.</li>
 * </ul>
 */
public final class WrittenValues {

    /** The longest run of steps judged as one spike: two or three spikes side by side are one. */
    public static final int SPIKE_STEPS = 3;

    private WrittenValues() {
    }

    /**
     * The spike cells of {@code written} ({@code [time][feature]}, as written, NaN: missing), {@code true} where a cell is
     * one; {@code mean}, {@code std} and {@code range} are the card's, of the values as scaled (range null: the sd rule
     * alone).
     */
    public static boolean[][] spikes(float[][] written, float[] mean, float[] std, TrainingRange range) {
        boolean[][] out = new boolean[written.length][std.length];
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f])) {
                continue;
            }
            int[] at = present(written, f);
            int n = at.length;
            if (n < 10) {
                continue;
            }
            double[] x = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = written[at[k]][f];
            }
            double[] changes = new double[n - 1];
            for (int k = 1; k < n; k++) {
                changes[k - 1] = Math.abs(x[k] - x[k - 1]);
            }
            Arrays.sort(changes);
            double usual = changes[changes.length / 2];
            if (usual == 0) { // a signal that mostly holds its value: the mean change
                usual = Arrays.stream(changes).average().orElse(0);
            }
            boolean[] candidate = new boolean[n];
            for (int k = 0; k < n; k++) {
                for (int length = 1; length <= SPIKE_STEPS && k + length <= n; length++) {
                    if (departure(x, k, length) > FarFromTraining.FAR * usual) {
                        Arrays.fill(candidate, k, k + length, true);
                    }
                }
                // one value held over a longer run, as a ceiling or a filler is written (trial 75a: 13 steps of a passage's
                // strain at 500), up to a quarter of the sequence; a signal's own pulse varies along it
                if (k > 0 && x[k - 1] == x[k]) {
                    continue; // inside a run already measured from its start
                }
                int held = 1;
                while (k + held < n && x[k + held] == x[k]) {
                    held++;
                }
                if (held > SPIKE_STEPS && 4 * held <= n
                        && departure(x, k, held) > FarFromTraining.FAR * usual) {
                    Arrays.fill(candidate, k, k + held, true);
                }
            }
            double sum = 0;
            double squares = 0;
            int rest = 0;
            for (int k = 0; k < n; k++) {
                if (!candidate[k]) {
                    rest++;
                    sum += x[k];
                }
            }
            if (rest == n || 2 * rest < n) { // none, or too many to be spikes of a signal
                continue;
            }
            double m = sum / rest;
            for (int k = 0; k < n; k++) {
                if (!candidate[k]) {
                    squares += (x[k] - m) * (x[k] - m);
                }
            }
            double s = Math.sqrt(squares / rest);
            if (!(s > 0)) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                if (candidate[k] && FarFromTraining.far((float) ((x[k] - m) / s), f, mean, std, range)) {
                    out[at[k]][f] = true;
                }
            }
        }
        return out;
    }

    /**
     * How far the run of {@code length} values from {@code k} lies beyond both its neighbours (one at a sequence's end), on
     * one side: the gap between the run's value nearest them and the nearer neighbour; 0 when the run is not beyond both.
     */
    private static double departure(double[] x, int k, int length) {
        double before = k > 0 ? x[k - 1] : Double.NaN;
        double after = k + length < x.length ? x[k + length] : Double.NaN;
        if (Double.isNaN(before) && Double.isNaN(after)) {
            return 0;
        }
        double top = Double.isNaN(before) ? after : Double.isNaN(after) ? before : Math.max(before, after);
        double bottom = Double.isNaN(before) ? after : Double.isNaN(after) ? before : Math.min(before, after);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = k; i < k + length; i++) {
            low = Math.min(low, x[i]);
            high = Math.max(high, x[i]);
        }
        return low > top ? low - top : high < bottom ? bottom - high : 0;
    }

    /** The steps of {@code written} where feature {@code f} has a value. */
    private static int[] present(float[][] written, int f) {
        return java.util.stream.IntStream.range(0, written.length).filter(t -> !Float.isNaN(written[t][f])).toArray();
    }

    /**
     * Codes for a missing value in {@code written} (sequences as written): per feature the most frequent value written as
     * codes are ({@link MissingValues#codeLike}) over {@link FarFromTraining#FAR} sd of its sequence's other values (those not
     * written as codes) from their mean, in one cell or more for nines and 16-bit full scales and in 3 cells or more for
     * other codes, standing apart ({@link FarFromTraining#apart}, within 1% of the value), as {@link FarFromTraining#codes}
     * names them for a model that reads the values as written.
     */
    public static List<FarFromTraining.Code> codes(List<float[][]> written, float[] std) {
        List<FarFromTraining.Code> out = new ArrayList<>();
        for (int f = 0; f < std.length; f++) {
            if (FeatureStandardizer.isConstant(std[f])) {
                continue;
            }
            Map<Float, long[]> counts = new java.util.HashMap<>(); // cells, sequences, first sequence
            for (int i = 0; i < written.size(); i++) {
                float[][] sequence = written.get(i);
                double sum = 0;
                double squares = 0;
                int others = 0;
                boolean any = false;
                for (float[] step : sequence) {
                    float x = step[f];
                    if (Float.isNaN(x)) {
                        continue;
                    }
                    if (MissingValues.codeLike(x)) {
                        any = true;
                    } else {
                        others++;
                        sum += x;
                        squares += (double) x * x;
                    }
                }
                if (!any || others < 2) {
                    continue;
                }
                double m = sum / others;
                double s = Math.sqrt(Math.max(0, squares / others - m * m));
                java.util.Set<Float> here = new java.util.HashSet<>();
                for (float[] step : sequence) {
                    float x = step[f];
                    if (Float.isNaN(x) || !MissingValues.codeLike(x) || !(Math.abs(x - m) > FarFromTraining.FAR * s)) {
                        continue;
                    }
                    FarFromTraining.countCode(counts, here, x, i);
                }
            }
            FarFromTraining.mostFrequentCode(counts, written, f, 0f).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The features one sequence, as written, is marked far outside the training data for, as {@link
     * FarFromTraining#ofSequence} marks a sequence of a model without per-sequence scaling: spikes in
     * {@link FarFromTraining#ONE_SEQUENCE_SHARE} of its values or more (3 or more), and a code for a missing value.
     */
    public static SortedSet<Integer> ofSequence(float[][] written, float[] mean, float[] std, TrainingRange range) {
        SortedSet<Integer> far = new TreeSet<>();
        boolean[][] spikes = spikes(written, mean, std, range);
        for (int f = 0; f < std.length; f++) {
            int cells = 0;
            int values = 0;
            for (int t = 0; t < written.length; t++) {
                values += Float.isNaN(written[t][f]) ? 0 : 1;
                cells += spikes[t][f] ? 1 : 0;
            }
            if (cells >= 3 && cells >= FarFromTraining.ONE_SEQUENCE_SHARE * values) {
                far.add(f);
            }
        }
        codes(List.<float[][]>of(written), std).forEach(c -> far.add(c.index()));
        return far;
    }
}
