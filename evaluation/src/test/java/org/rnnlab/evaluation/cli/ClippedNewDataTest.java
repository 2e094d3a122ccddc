package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.csv.SequenceScaling;
import org.rnnlab.training.TrainingRange;

/**
 * {@code predict} and {@code evaluate} on new data clipped by a sensor of a smaller range than the training data's (trial
 * 75c: a new participant's wrist sensor clipped at +-2 g, inside the training data's +-18 g, and a participant at +-8 g among
 * others at 16 g, were scored without a word: only values at or above the training data's largest were judged, never a
 * bottom, never a group).
 */
class ClippedNewDataTest {
    private static final List<String> FEATURES = List.of("acc_x", "acc_y", "acc_z");

    /** {@code n} windows of 100 steps: noise around gravity, every other one a fall burst of +-10..16 g; clamped at +-{@code range}. */
    private static List<float[][]> windows(int n, float range, long seed) {
        Random r = new Random(seed);
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] v = new float[100][3];
            int at = 20 + r.nextInt(60);
            double[] amplitude = new double[3];
            for (int a = 0; a < 3; a++) {
                amplitude[a] = (r.nextBoolean() ? 1 : -1) * (10 + 6 * r.nextDouble());
            }
            for (int t = 0; t < v.length; t++) {
                for (int a = 0; a < 3; a++) {
                    double y = (a == 2 ? 1 : 0) + 0.3 * r.nextGaussian();
                    if (i % 2 == 1 && t >= at && t < at + 12) {
                        y += amplitude[a] * Math.sin(Math.PI * (t - at + 0.5) / 12);
                    }
                    v[t][a] = (float) (Math.round(Math.max(-range, Math.min(range, y)) * 10000) / 10000.0);
                }
            }
            out.add(v);
        }
        return out;
    }

    private static NewData data(List<float[][]> sequences) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            ids.add(String.format(Locale.ROOT, "n%02d", i));
        }
        return new NewData(ids, sequences, Collections.nCopies(sequences.size(), null), List.of(), "new.csv",
                Collections.nCopies(sequences.size(), "new.csv:2"), List.of(), List.of());
    }

    private static String warn(NewData data, TrainingRange range, List<String> groups, Map<String, List<String>> columns) {
        StringWriter out = new StringWriter();
        ModelData.warnClipped(data, range, FEATURES, SequenceScaling.NONE, groups, "participant", columns, new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void aNewParticipantsPlusMinus2gSensorIsNamedBelowTheTrainingRange() {
        TrainingRange range = TrainingRange.of(windows(60, 100, 1), 3);
        NewData clipped = data(windows(12, 2, 2));
        String out = warn(clipped, range, List.of(), Map.of("participant", Collections.nCopies(12, "P42")));
        assertThat(out).contains("at exactly its largest value 2, below the training data's largest, ",
                "at exactly its smallest value -2, above the training data's smallest, ", "a sensor of a smaller range than the "
                        + "training data's?", "their predictions read the flat tops as data", "their predictions read the flat bottoms "
                        + "as data");
        assertThat(out.lines().filter(l -> l.startsWith("warning: feature '")).count()).isGreaterThanOrEqualTo(2);
        // the same windows not clipped: nothing
        assertThat(warn(data(windows(12, 100, 2)), range, List.of(), Map.of())).isEmpty();
    }

    @Test
    void oneParticipantClippedAmongOthersIsNamedByItsGroup() {
        TrainingRange range = TrainingRange.of(windows(60, 100, 3), 3);
        List<float[][]> sequences = new ArrayList<>(windows(12, 100, 4));
        sequences.addAll(windows(12, 8, 5));
        List<String> groups = new ArrayList<>(Collections.nCopies(12, "P41"));
        groups.addAll(Collections.nCopies(12, "P43"));
        String out = warn(data(sequences), range, groups, Map.of());
        assertThat(out).contains("of the 12 sequences of participant 'P43' hold runs of >= 3 steps at exactly its largest value "
                + "there, 8,", "of the 12 sequences of participant 'P43' hold runs of >= 3 steps at exactly its smallest value "
                + "there, -8,").doesNotContain("'P41'").doesNotContain("'n0");
        // without the groups: the file's own extremes are P41's, reached once: nothing
        assertThat(warn(data(sequences), range, List.of(), Map.of())).isEmpty();
    }
}
