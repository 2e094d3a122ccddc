package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.training.HeldOutConfidence;

/**
 * predict's low-confidence cut-offs near 1: a trial's model, its temperature at the lowest the fit tries (0.05), had every
 * class's validation p05 printed "1.0000", and rows of 0.99998 said to be "below 1.0000".
 */
class LowConfidenceDigitsTest {

    @Test
    void cutOffsWithin0point00005OfOneArePrintedAsTheirDistanceFromOne() {
        List<String> labels = List.of("ok", "fault");
        double[][] probabilities = new double[40][];
        int[] actual = new int[40];
        for (int i = 0; i < 40; i++) {
            double miss = (1 + i % 20) * 1e-6; // top-class probabilities 0.99998 to 0.999999
            probabilities[i] = i < 20 ? new double[] {1 - miss, miss} : new double[] {miss, 1 - miss};
            actual[i] = i < 20 ? 0 : 1;
        }
        HeldOutConfidence held = HeldOutConfidence.of(probabilities, actual, labels);
        PredictCommand predict = new PredictCommand();
        predict.quantileCutOffs(held, HeldOutConfidence.DEFAULT_CUT_OFF, "validation", labels,
                new PrintWriter(new StringWriter()));
        assertThat(predict.cutOffName()).startsWith("the validation p05 of the class predicted ('ok' 1 - 1.9e-05, 'fault' 1 - 1.9e-05")
                .doesNotContain("1.0000");
        assertThat(PredictCommand.probability(0.9523)).isEqualTo("0.9523");
        assertThat(PredictCommand.probability(0.99994)).isEqualTo("0.9999");
        assertThat(PredictCommand.probability(1 - 1.4e-5)).isEqualTo("1 - 1.4e-05");
        assertThat(PredictCommand.probability(1.0)).startsWith("1 (exactly");
    }
}
