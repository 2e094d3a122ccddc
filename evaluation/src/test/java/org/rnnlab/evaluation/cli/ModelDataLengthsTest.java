package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.NewData;

/** Sequences far outside the lengths a model was trained on are warned of when read for predict or evaluate. */
class ModelDataLengthsTest {

    private static NewData sequences(int... lengths) {
        List<String> ids = new ArrayList<>();
        List<float[][]> values = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            ids.add("s" + i);
            values.add(new float[lengths[i]][2]);
        }
        return new NewData(ids, values, Collections.nCopies(lengths.length, null), List.of(), "x.csv", ids, List.of(), List.of());
    }

    private static String warnings(NewData data, int min, int max) {
        StringWriter w = new StringWriter();
        ModelData.warnUntrainedLengths(data, min, max, new PrintWriter(w, true));
        return w.toString();
    }

    @Test
    void sequencesOverTwiceTheLongestOrUnderHalfTheShortestAreWarnedOf() {
        // a user's try: 5000-step sequences to a model trained on 8-30 steps were predicted without a word
        String w = warnings(sequences(8, 30, 60, 61, 5000, 4, 3), 8, 30);
        assertThat(w).contains("warning: 2 sequence(s) are over twice as long as the longest the model was trained on (30 steps), "
                + "e.g. s3 (61 steps), s4 (5000 steps)");
        assertThat(w).contains("warning: 1 sequence(s) are under half as long as the shortest the model was trained on (8 steps), "
                + "e.g. s6 (3 steps)");
        // outside 8-30 but not untested: a note, not a warning (a trial's 16-step sequence, trained on 30-80, flipped its class)
        assertThat(warnings(sequences(8, 30, 60, 4), 8, 30)).doesNotContain("warning:").isEqualTo("note: 2 sequence(s) are shorter "
                + "or longer than any the model was trained on (8-30 steps), e.g. s2 (60 steps), s3 (4 steps): their predictions "
                + "extrapolate; check them against labelled data of such lengths" + System.lineSeparator());
        assertThat(warnings(sequences(8, 30, 12), 8, 30)).isEmpty();
        assertThat(warnings(sequences(5000), 0, 0)).as("a card without lengths").isEmpty();
    }
}
