package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link StepGradients} gives, step by step, exactly what {@link SequenceView#read} gives for the whole sweep: for a
 * last-step gradient (kept sparse: its rows added at their steps), forwards, time-reversed and for a part of the
 * minibatch ({@link SequenceView#examples}, as {@link BatchSplitKernel} takes it), and for an ordinary dense view.
 */
class StepGradientsTest {

    private static final int MB = 5;
    private static final int H = 7;
    private static final int T = 6;

    private static void assertStepsMatchRead(SequenceView view) {
        int mb = view.mb;
        int plane = mb * H;
        float[] all = new float[T * plane];
        view.read(all, H);
        StepGradients steps = new StepGradients();
        steps.begin(view, T, mb, H);
        Random random = new Random(3);
        for (int t = 0; t < T; t++) {
            float[] copied = new float[plane];
            java.util.Arrays.fill(copied, 42f); // copyStep overwrites: nothing of this may remain
            steps.copyStep(t, copied);
            float[] expected = java.util.Arrays.copyOfRange(all, t * plane, (t + 1) * plane);
            assertThat(copied).as("step %d", t).containsExactly(expected);

            float[] added = new float[plane];
            float[] base = new float[plane];
            for (int i = 0; i < plane; i++) {
                base[i] = random.nextFloat();
                added[i] = base[i];
            }
            steps.addStep(t, added);
            for (int i = 0; i < plane; i++) {
                assertThat(added[i]).isEqualTo(base[i] + expected[i]);
            }
        }
    }

    private static float[] rows(int mb) {
        float[] r = new float[mb * H];
        for (int i = 0; i < r.length; i++) {
            r[i] = i + 1; // no zeros: a row placed at the wrong step or example shows
        }
        return r;
    }

    @Test
    void lastStepGradientStepByStepIsItsRead() {
        int[] stepOf = {5, 0, 3, 3, 1};
        SequenceView last = SequenceView.lastSteps(rows(MB), H, stepOf, T);
        assertStepsMatchRead(last);
        assertStepsMatchRead(last.reversed());
        assertStepsMatchRead(last.examples(2, 5));
        assertStepsMatchRead(last.reversed().examples(0, 2));
    }

    @Test
    void denseGradientStepByStepIsItsRead() {
        Nd4j.getRandom().setSeed(7);
        SequenceView dense = SequenceView.of(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, MB, H, T));
        assertStepsMatchRead(dense);
        assertStepsMatchRead(dense.reversed());
    }

    @Test
    void sparseFormSkipsTheZeros() {
        SequenceView last = SequenceView.lastSteps(rows(MB), H, new int[] {5, 0, 3, 3, 1}, T);
        StepGradients steps = new StepGradients();
        steps.begin(last, T, MB, H);
        // no example ends at step 2: adding it changes nothing, and copying it gives zeros
        float[] target = new float[MB * H];
        java.util.Arrays.fill(target, 1.5f);
        steps.addStep(2, target);
        assertThat(target).containsOnly(1.5f);
        steps.copyStep(2, target);
        assertThat(target).containsOnly(0f);
    }
}
