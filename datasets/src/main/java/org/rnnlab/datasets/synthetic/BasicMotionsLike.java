package org.rnnlab.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic look-alike of the UEA archive's BasicMotions set (Clements et al.: a wrist-worn 3-axis
 * accelerometer and 3-axis gyroscope at 10 Hz, 10-second recordings of four activities; 40 train and 40 test
 * series, 10 per class in each file; many published methods reach test accuracy 1.00). <b>These are not the
 * real recordings</b>: only the shape (6 channels, 100 steps at 10 Hz), the size (by default 10 series per
 * class and file) and the four classes are copied; the signals are generated here, deterministic by seed.
 *
 * <p>Columns: {@code series_id,timestamp,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z,class}; timestamp in seconds
 * (0.0 to 9.9), acceleration in m/s² (gravity included), angular velocity in rad/s. Every series has its own
 * random orientation of the sensor (gravity on a random axis, uniformly over the sphere), random phases,
 * jittered amplitudes and frequencies, and sensor noise (0.15 m/s², 0.03 rad/s), so that no class is told by
 * the mean of a single channel; the classes differ in how the signals move:
 * <ul>
 *   <li>{@code Standing}: gravity plus a slow postural sway (0.1-0.4 Hz, a few hundredths of a radian) and noise;</li>
 *   <li>{@code Walking}: steps at 1.5-2.2 Hz (vertical acceleration 1-2.5 m/s²) and an arm swing at half that
 *       rate (0.25-0.45 rad, tilting the gravity reading and showing on the gyroscope);</li>
 *   <li>{@code Running}: steps at 2.5-3.2 Hz with larger amplitudes (vertical 3-5 m/s², arm swing 0.4-0.7 rad)
 *       and a sharp vertical impact of 6-12 m/s² at each foot strike;</li>
 *   <li>{@code Badminton}: mostly still (sway as when standing, a little more), with 2-5 short high-amplitude
 *       swings at random times (wrist rotation of 1-2 rad within about 0.3 s: gyroscope bursts of several rad/s,
 *       acceleration bursts of 10-25 m/s²).</li>
 * </ul>
 */
public final class BasicMotionsLike {
    /** Class names, in generation order. */
    public static final List<String> CLASSES = List.of("Standing", "Walking", "Running", "Badminton");
    /** The value columns. */
    public static final List<String> CHANNELS = List.of("acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z");
    /** Steps per series. */
    public static final int LENGTH = 100;
    /** Sampling rate in Hz. */
    public static final double HZ = 10;

    private static final double G = 9.81;
    private static final double ACC_NOISE = 0.15;
    private static final double GYR_NOISE = 0.03;

    private BasicMotionsLike() {
    }

    static List<String> lines(String prefix, int perClass, Random random) {
        List<String> out = new ArrayList<>(perClass * CLASSES.size() * LENGTH + 1);
        out.add("series_id,timestamp," + String.join(",", CHANNELS) + ",class");
        int n = 0;
        for (int i = 0; i < perClass; i++) {
            for (int k = 0; k < CLASSES.size(); k++) {
                double[][] s = series(k, random);
                String id = prefix + (n++);
                for (int t = 0; t < LENGTH; t++) {
                    double[] v = s[t];
                    out.add(String.format(Locale.ROOT, "%s,%.1f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%s", id, t / HZ,
                            v[0], v[1], v[2], v[3], v[4], v[5], CLASSES.get(k)));
                }
            }
        }
        return out;
    }

    /** One series of class {@code k}: [step][acc_x, acc_y, acc_z, gyr_x, gyr_y, gyr_z]. */
    static double[][] series(int k, Random r) {
        // the sensor's frame: gravity g on a random axis, u and n completing an orthonormal frame at a random angle
        double[] g = unitVector(r);
        double[] u = perpendicular(g, r);
        double[] n = cross(g, u);
        double twoPi = 2 * Math.PI;
        // tilt theta(t) about n (moves the gravity reading from g towards u), twist about g, linear acceleration
        double swayF = 0.1 + 0.3 * r.nextDouble();
        double swayA = (k == 3 ? 0.04 : 0.02) + 0.02 * r.nextDouble();
        double swayPh = twoPi * r.nextDouble();
        double stepF = 0;
        double swingA = 0;
        double twistA = 0;
        double vertA = 0;
        double horizA = 0;
        double impactA = 0;
        if (k == 1) {
            stepF = 1.5 + 0.7 * r.nextDouble();
            swingA = 0.25 + 0.2 * r.nextDouble();
            twistA = 0.1 + 0.2 * r.nextDouble();
            vertA = 1.0 + 1.5 * r.nextDouble();
            horizA = 1.0 + 1.0 * r.nextDouble();
        } else if (k == 2) {
            stepF = 2.5 + 0.7 * r.nextDouble();
            swingA = 0.4 + 0.3 * r.nextDouble();
            twistA = 0.2 + 0.3 * r.nextDouble();
            vertA = 3.0 + 2.0 * r.nextDouble();
            horizA = 2.5 + 2.0 * r.nextDouble();
            impactA = 6 + 6 * r.nextDouble();
        }
        double stepPh = twoPi * r.nextDouble();
        double swingPh = twoPi * r.nextDouble();
        double twistPh = twoPi * r.nextDouble();
        // badminton swings: centre (s), width tau (s), rotation (rad) about a random axis, acceleration along a random direction
        int swings = k == 3 ? 2 + r.nextInt(4) : 0;
        double[] centre = new double[swings];
        double[] tau = new double[swings];
        double[] angle = new double[swings];
        double[] accel = new double[swings];
        double[][] axis = new double[swings][];
        double[][] direction = new double[swings][];
        for (int s = 0; s < swings; s++) {
            centre[s] = 0.3 + 9.3 * r.nextDouble();
            tau[s] = 0.1 + 0.08 * r.nextDouble();
            angle[s] = (1.0 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            accel[s] = 10 + 15 * r.nextDouble();
            axis[s] = unitVector(r);
            direction[s] = unitVector(r);
        }
        double[][] out = new double[LENGTH][6];
        for (int t = 0; t < LENGTH; t++) {
            double time = t / HZ;
            double theta = swayA * Math.sin(twoPi * swayF * time + swayPh);
            double thetaDot = swayA * twoPi * swayF * Math.cos(twoPi * swayF * time + swayPh);
            double twistDot = 0;
            double vertical = 0;
            double horizontal = 0;
            if (stepF > 0) {
                double armF = stepF / 2;
                theta += swingA * Math.sin(twoPi * armF * time + swingPh);
                thetaDot += swingA * twoPi * armF * Math.cos(twoPi * armF * time + swingPh);
                twistDot = twistA * twoPi * armF * Math.cos(twoPi * armF * time + twistPh);
                vertical = vertA * Math.sin(twoPi * stepF * time + stepPh)
                        + impactA * Math.pow(Math.max(0, Math.cos(twoPi * stepF * time + stepPh)), 6);
                horizontal = horizA * Math.sin(twoPi * armF * time + swingPh + 0.5);
            }
            double[] grav = new double[3];
            double[] acc = new double[3];
            double[] gyr = new double[3];
            for (int c = 0; c < 3; c++) {
                grav[c] = Math.cos(theta) * g[c] + Math.sin(theta) * u[c];
                gyr[c] = thetaDot * n[c] + twistDot * g[c];
            }
            for (int s = 0; s < swings; s++) {
                double d = (time - centre[s]) / tau[s];
                double envelope = Math.exp(-d * d);
                grav = rotate(grav, axis[s], angle[s] * envelope);
                for (int c = 0; c < 3; c++) {
                    gyr[c] += angle[s] * (-2 * d / tau[s]) * envelope * axis[s][c];
                    acc[c] += accel[s] * (-d * Math.sqrt(2 * Math.E)) * envelope * direction[s][c];
                }
            }
            for (int c = 0; c < 3; c++) {
                out[t][c] = acc[c] + G * grav[c] + vertical * g[c] + horizontal * u[c] + ACC_NOISE * r.nextGaussian();
                out[t][3 + c] = gyr[c] + GYR_NOISE * r.nextGaussian();
            }
        }
        return out;
    }

    private static double[] unitVector(Random r) {
        double[] v = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (norm < 1e-9) {
            return new double[] {0, 0, 1};
        }
        return new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
    }

    /** A unit vector perpendicular to the unit vector {@code g}, at a random angle. */
    private static double[] perpendicular(double[] g, Random r) {
        while (true) {
            double[] v = unitVector(r);
            double dot = v[0] * g[0] + v[1] * g[1] + v[2] * g[2];
            double[] p = {v[0] - dot * g[0], v[1] - dot * g[1], v[2] - dot * g[2]};
            double norm = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            if (norm > 1e-3) {
                return new double[] {p[0] / norm, p[1] / norm, p[2] / norm};
            }
        }
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** Rodrigues' rotation of {@code v} by {@code angle} about the unit vector {@code k}. */
    private static double[] rotate(double[] v, double[] k, double angle) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double dot = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
        double[] kxv = cross(k, v);
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = v[c] * cos + kxv[c] * sin + k[c] * dot * (1 - cos);
        }
        return out;
    }
}
