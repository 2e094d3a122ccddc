package org.rnnlab.evaluation.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.text.Truncation;

/** train's test accuracy on texts cut to the maximum length against those read whole (a trial's tickets: 0.468 and 0.987). */
class TruncatedTextsTest {

    @Test
    void cutTextsScoringClearlyLowerAreWarnedOfWithBothRemedies() {
        // 10 cut texts, 4 right; 20 whole ones, 19 right
        boolean[] cut = new boolean[30];
        int[] actual = new int[30];
        int[] predicted = new int[30];
        for (int i = 0; i < 30; i++) {
            cut[i] = i < 10;
            actual[i] = i % 2;
            predicted[i] = (i < 10 ? i < 4 : i != 29) ? actual[i] : 1 - actual[i];
        }
        TruncatedTexts.Verdict v = TruncatedTexts.of("test", cut, actual, predicted, 64, Truncation.KEEP_TAIL).orElseThrow();
        assertThat(v.worse()).isTrue();
        assertThat(v.line()).startsWith("test accuracy 0.4000 on the 10 texts longer than maxLength 64 (cut: KEEP_TAIL, the last 64 "
                + "tokens read), 0.9500 on the 20 read whole: ").contains("raise --set maxLength")
                .contains("--set truncation=KEEP_HEAD (the first 64 tokens");
        // as good on both: said, not warned
        int[] right = actual.clone();
        TruncatedTexts.Verdict same = TruncatedTexts.of("test", cut, actual, right, 64, Truncation.KEEP_TAIL).orElseThrow();
        assertThat(same.worse()).isFalse();
        assertThat(same.line()).doesNotContain("truncation=");
        // nothing cut: nothing to say
        assertThat(TruncatedTexts.of("test", new boolean[30], actual, predicted, 64, Truncation.KEEP_TAIL)).isEmpty();
    }
}
