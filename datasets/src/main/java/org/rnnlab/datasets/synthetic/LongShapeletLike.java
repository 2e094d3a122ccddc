package org.rnnlab.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic look-alike of the long univariate sets of the UCR archive (FordA-style: one channel, 500 steps,
 * two classes; here 100 train and 100 test series by default, balanced). <b>These are not the real archive's
 * data</b>: only the shape (1 channel, 500 steps), a size of that order and the two classes are copied; the
 * series are generated here, deterministic by seed.
 *
 * <p>Columns: {@code series_id,timestamp,value,class}; timestamp is the step 0-499. Each series is a slowly
 * wandering AR(1) background (coefficient 0.98, innovations of standard deviation 0.15, so about 0.75 overall
 * and about 0.15 from one step to the next) plus measurement noise (0.1), and one {@value #SHAPELET_LENGTH}-step
 * pattern added at a position drawn uniformly from the whole series (0 to 480): for class {@code A} a sharp
 * bump then a dip, for class {@code B} a dip then a bump (Gaussian peaks of height 2.5-3.5 and width 1.5-2.2
 * steps, centred 5.5 and 13.5 steps into the pattern). Only that pattern decides the class, and it is often
 * hundreds of steps before the end of the series. It stands well out of the background and noise (a matched
 * filter finds it and its sign), while a nearest neighbour on the raw values does not solve the task, since
 * the pattern's position is random.
 */
public final class LongShapeletLike {
    /** Class names, in generation order. */
    public static final List<String> CLASSES = List.of("A", "B");
    /** Steps per series. */
    public static final int LENGTH = 500;
    /** Steps of the class-deciding pattern. */
    public static final int SHAPELET_LENGTH = 20;
    /** Centres of the pattern's first and second peak, in steps from its start. */
    public static final double FIRST_PEAK = 5.5;
    /** Centre of the second peak. */
    public static final double SECOND_PEAK = 13.5;

    private static final double AR = 0.98;
    private static final double INNOVATION = 0.15;
    private static final double NOISE = 0.1;

    private LongShapeletLike() {
    }

    static List<String> lines(String prefix, int perClass, Random random) {
        List<String> out = new ArrayList<>(perClass * CLASSES.size() * LENGTH + 1);
        out.add("series_id,timestamp,value,class");
        int n = 0;
        for (int i = 0; i < perClass; i++) {
            for (int k = 0; k < CLASSES.size(); k++) {
                double[] s = series(k, random);
                String id = prefix + (n++);
                for (int t = 0; t < LENGTH; t++) {
                    out.add(String.format(Locale.ROOT, "%s,%d,%.4f,%s", id, t, s[t], CLASSES.get(k)));
                }
            }
        }
        return out;
    }

    /** One series of class {@code k} (0 = A, bump then dip; 1 = B, dip then bump). */
    static double[] series(int k, Random r) {
        double[] x = new double[LENGTH];
        double level = INNOVATION / Math.sqrt(1 - AR * AR) * r.nextGaussian();
        for (int t = 0; t < LENGTH; t++) {
            level = AR * level + INNOVATION * r.nextGaussian();
            x[t] = level;
        }
        int position = r.nextInt(LENGTH - SHAPELET_LENGTH + 1);
        double sign = k == 0 ? 1 : -1;
        double height1 = 2.5 + r.nextDouble();
        double height2 = 2.5 + r.nextDouble();
        double width = 1.5 + 0.7 * r.nextDouble();
        for (int s = 0; s < SHAPELET_LENGTH; s++) {
            x[position + s] += sign * (height1 * peak(s - FIRST_PEAK, width) - height2 * peak(s - SECOND_PEAK, width));
        }
        for (int t = 0; t < LENGTH; t++) {
            x[t] += NOISE * r.nextGaussian();
        }
        return x;
    }

    /** A Gaussian peak of height 1 and standard deviation {@code width} at offset {@code d}. */
    static double peak(double d, double width) {
        return Math.exp(-d * d / (2 * width * width));
    }
}
