package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import org.junit.jupiter.api.Test;

/**
 * Trial 80c F7: a macro average precision recomputed from predict's 6-decimal probabilities came out 0.6690 against
 * evaluate's 0.6625 (saturated probabilities such as 0.000061 tie at 6 decimals), and --digits's help named a log loss only.
 */
class PredictDigitsHelpTest {

    @Test
    void theHelpOfDigitsNamesTheRankingScoresThatTiesAt6DecimalsMove() {
        TrainEvaluatePredictTest.Run help = run("predict", "--help");
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("so a ROC AUC or average precision computed from the CSV may differ from evaluate's in the third "
                + "decimal: give 15 for those");
    }
}
