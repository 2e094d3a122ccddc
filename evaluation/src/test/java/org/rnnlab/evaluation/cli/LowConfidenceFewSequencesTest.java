package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.HeldOutConfidence;

/**
 * Trial 74c F5: predict's low_confidence cut-off was the p05 of 11 validation sequences (an interpolation between the two
 * lowest probabilities), and the note said "about 5%" of data like them would be below it, as if 11 values could say that.
 * The notes now say how many held-out sequences the cut-off rests on, and under {@value PredictCommand#ROUGH_BELOW} that
 * the flag and its expected share are rough.
 */
class LowConfidenceFewSequencesTest {

    /** Held-out confidences of {@code n} sequences, every class predicted fewer than 10 times when {@code n} is small. */
    private static HeldOutConfidence held(int n, List<String> labels) {
        double[][] probabilities = new double[n][];
        int[] actual = new int[n];
        for (int i = 0; i < n; i++) {
            double top = 0.55 + 0.4 * i / n;
            int c = i % labels.size();
            probabilities[i] = new double[labels.size()];
            java.util.Arrays.fill(probabilities[i], (1 - top) / (labels.size() - 1));
            probabilities[i][c] = top;
            actual[i] = c;
        }
        return HeldOutConfidence.of(probabilities, actual, labels);
    }

    @Test
    void aCutOffOfElevenValidationSequencesSaysSoAndThatItIsRough() {
        List<String> labels = List.of("fail", "pass", "rework");
        HeldOutConfidence few = held(11, labels);
        assertThat(few.sequences()).isEqualTo(11);
        StringWriter err = new StringWriter();
        new PredictCommand().quantileCutOffs(few, HeldOutConfidence.DEFAULT_CUT_OFF, "validation", labels, new PrintWriter(err));
        assertThat(err.toString()).contains("every class was predicted fewer than 10 times on the validation split, so every row "
                + "is compared with the p05 over all classes (" + PredictCommand.probability(few.quantile("p05")) + "; the cut-off "
                + "rests on 11 validation sequences: under 20, too few for a p05 to say much, so the low_confidence flag and the "
                + "share expected at it are rough)");
        // the summary's expected share says the same
        assertThat(PredictCommand.expectedWords("validation", 0.05, 20, few.sequences())).isEqualTo(", where data like the "
                + "validation sequences would have about 5% (1.0 rows; the cut-off rests on 11 validation sequences: under 20, too "
                + "few for a p05 to say much, so the low_confidence flag and the share expected at it are rough)");
    }

    @Test
    void enoughSequencesAreCountedWithoutTheCaveat() {
        assertThat(PredictCommand.restsOn(400, "validation", "p05")).isEqualTo("the cut-off rests on 400 validation sequences");
        assertThat(PredictCommand.expectedWords("test", 0.10, 30, 400)).isEqualTo(", where data like the test sequences would "
                + "have about 10% (3.0 rows; the cut-off rests on 400 test sequences)");
        // a card without the count (0): as before
        assertThat(PredictCommand.expectedWords("validation", 0.05, 20, 0)).isEqualTo(", where data like the validation "
                + "sequences would have about 5% (1.0 rows)");
    }
}
