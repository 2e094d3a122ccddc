package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A web analyst's sessions with event types one-hot encoded by pandas: next week's new event type, its column left out
 * with --ignore-columns, is warned of by predict and evaluate; evaluate scores the sessions of 1 to 30 events by length.
 */
class OneHotSessionsCliTest {

    @TempDir
    Path dir;

    /** Sessions of 1 to 30 events, each row one of three event types; {@code wishlist}: every 4th row the new type instead. */
    private static String sessions(int count, boolean wishlist) {
        StringBuilder csv = new StringBuilder("session_id,dwell,event_type_page_view,event_type_search,event_type_add_to_cart"
                + (wishlist ? ",event_type_add_to_wishlist" : "") + ",converted\n");
        int row = 0;
        for (int s = 0; s < count; s++) {
            int events = s % 3 == 0 ? 1 : s % 3 == 1 ? 3 : 30;
            for (int t = 0; t < events; t++, row++) {
                boolean added = wishlist && row % 4 == 0;
                int type = (row + s) % 3;
                csv.append(String.format(Locale.ROOT, "s%d,%.1f,%d,%d,%d%s,%s%n", s, 2.0 + row % 7, !added && type == 0 ? 1 : 0,
                        !added && type == 1 ? 1 : 0, !added && type == 2 ? 1 : 0, wishlist ? (added ? ",1" : ",0") : "",
                        s % 6 == 2 ? "yes" : "no"));
            }
        }
        return csv.toString();
    }

    @Test
    void aNewCategoryLeftOutIsWarnedOfAndEvaluateScoresByLength() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), sessions(60, false));
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=session_id", "--set",
                "time=none", "--set", "label=converted", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = out.resolve("model.rnnlab").toString();
        Path next = Files.writeString(dir.resolve("next.csv"), sessions(12, true));
        Run refused = run("predict", "--model", model, "--input", next.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("event_type_add_to_wishlist look(s) like a category of event_type_* the model has not "
                + "seen");
        Run predicted = run("predict", "--model", model, "--input", next.toString(), "--ignore-columns", "event_type_add_to_wishlist");
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.err()).contains("warning: ", " have none of the one-hot columns event_type_* at 1 (e.g. " + next + ":2, "
                + "sequence 's0'), where every training row had exactly one: an empty (missing) 'event_type' or a category the "
                + "model has not seen", "get_dummies(..., dummy_na=True)");
        Run evaluated = run("evaluate", "--model", model, "--input", next.toString(), "--ignore-columns",
                "event_type_add_to_wishlist");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.err()).contains("have none of the one-hot columns event_type_* at 1");
        assertThat(evaluated.out()).contains("scores by sequence length (steps; the lengths span 1 to 30")
                .containsPattern("\n  1 +4 ").containsPattern("\n  3-4 +4 ").containsPattern("\n  20-49 +4 ");
        Run json = run("evaluate", "--model", model, "--input", next.toString(), "--ignore-columns", "event_type_add_to_wishlist",
                "--json");
        assertThat(org.rnnlab.core.Json.mapper().readTree(json.out()).get("byLength").get("bins")).hasSize(3);
    }
}
