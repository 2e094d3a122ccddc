package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trial 80f F5 (b): predict says what the texts of many unknown words were predicted; a model that read {@code <unk>} as
 * evidence for its rarest intent put all 5 such texts in 'shop_hours', flagged row by row but never said as a whole.
 */
class PredictUnknownWordClassesTest {

    private static final List<String> LABELS = List.of("delivery", "refund", "shop_hours");

    @Test
    void allMarkedTextsInOneClassAreWarnedOf() {
        assertThat(PredictCommand.unknownWordClasses(List.of(2, 2, 2, 2, 2), LABELS)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("warning: all 5 text(s) of many unknown words (many_unknown_words true) were predicted 'shop_hours': "
                        + "one class taking 80% of them or more suggests the model reads the unknown-word token as evidence for it"));
        assertThat(PredictCommand.unknownWordClasses(List.of(2, 2, 2, 2, 0), LABELS)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("warning: 4 of the 5 text(s) of many unknown words (many_unknown_words true) were predicted 'shop_hours'"));
    }

    @Test
    void spreadClassesAreANoteWithTheirCountsAndOneTextIsNothing() {
        assertThat(PredictCommand.unknownWordClasses(List.of(0, 1, 1, 2), LABELS)).contains("note: the 4 text(s) of many "
                + "unknown words (many_unknown_words true) were predicted 'refund' 2, 'delivery' 1, 'shop_hours' 1");
        assertThat(PredictCommand.unknownWordClasses(List.of(2), LABELS)).isEmpty();
    }
}
