package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.HeldOutConfidence;

/**
 * predict's low-confidence summary names the per-class cut-offs of the classes predicted in the file only (trial 73b F9 (b):
 * a file predicted as '0' and 'o' got the validation p05 of all 36 classes listed).
 */
class PredictedClassesCutOffTest {

    @Test
    void theSummaryListsOnlyTheClassesPredictedHere() {
        List<String> labels = List.of("0", "o", "z");
        double[][] probabilities = new double[60][];
        int[] actual = new int[60];
        for (int i = 0; i < 60; i++) {
            int c = i % 3;
            double top = 0.5 + 0.4 * (i / 3) / 20.0 + 0.02 * c;
            probabilities[i] = new double[3];
            java.util.Arrays.fill(probabilities[i], (1 - top) / 2);
            probabilities[i][c] = top;
            actual[i] = c;
        }
        HeldOutConfidence held = HeldOutConfidence.of(probabilities, actual, labels);
        PredictCommand predict = new PredictCommand();
        predict.quantileCutOffs(held, HeldOutConfidence.DEFAULT_CUT_OFF, "validation", labels, new PrintWriter(new StringWriter()));
        String zero = String.format(Locale.ROOT, "'0' %.4f", held.cutOff("p05", "0"));
        String o = String.format(Locale.ROOT, "'o' %.4f", held.cutOff("p05", "o"));
        String z = String.format(Locale.ROOT, "'z' %.4f", held.cutOff("p05", "z"));
        predict.predictedAs(1);
        predict.predictedAs(0);
        predict.predictedAs(1);
        assertThat(predict.summaryCutOffName()).isEqualTo("the validation p05 of the class predicted (of the classes predicted "
                + "here: " + zero + ", " + o + ")");
        // every class predicted: all of them, as before
        predict.predictedAs(2);
        assertThat(predict.summaryCutOffName()).isEqualTo("the validation p05 of the class predicted (" + zero + ", " + o + ", " + z + ")")
                .isEqualTo(predict.cutOffName());
    }
}
