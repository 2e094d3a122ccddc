package org.rnnlab.core.bptt;

import java.util.SplittableRandom;

/** Standard normal numbers from a {@link SplittableRandom} (Box-Muller), so every experiment is deterministic by seed. */
final class Gaussian {
    private Gaussian() {
    }

    static double next(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(); // (0, 1]
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
