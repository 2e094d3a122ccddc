package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.slf4j.LoggerFactory;

/**
 * Trial 77b (book blurbs): labels written with white space around them ({@code 'crime '}) are read without it and said so,
 * in train's data-warnings.txt and by evaluate (F1); an empty text in predict's input is not classified, named by its id,
 * and predict exits 4 with the others classified (F4) and a row for it after them, without a label (trial 77g F3);
 * model-info shows a text model's tokenizer and vocabulary (F7); train's test-interval line counts texts.
 */
class TextLabelSpacesAndEmptyTextsTest {

    @TempDir
    Path dir;

    private static String text(int i) {
        return i % 2 == 0 ? "the detective found the body in the library " + (i % 5) : "two hearts meet again in paris " + (i % 5);
    }

    /** The WARN messages rnnlab's dataset readers log while {@code body} runs. */
    private static List<String> warnings(Runnable body) {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.rnnlab.datasets");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            body.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void spacedLabelsAreSaidEmptyTextsSkippedByPredictAndModelInfoShowsTheTokenizer() throws Exception {
        List<String> lines = new ArrayList<>(List.of("id\tlabel\ttext"));
        for (int i = 0; i < 40; i++) {
            String label = i % 2 == 0 ? (i % 8 == 0 && i < 24 ? "crime " : "crime") : "romance";
            lines.add("B" + i + "\t" + label + "\t" + text(i));
        }
        Path train = Files.write(dir.resolve("blurbs.tsv"), lines);
        Path runDir = dir.resolve("run");
        Run trained = run("train", "--dataset", "text", "--train", train.toString(), "--set", "minFrequency=1", "--set",
                "maxLength=16", "--hidden", "4", "--epochs", "1", "--seed", "1", "--quiet", "--out", runDir.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        // the test accuracy's interval counts texts, as evaluate does (it said "test sequences" for a text run)
        assertThat(trained.out()).containsPattern("\\(95% interval of the test accuracy: \\[[0-9.]+, [0-9.]+\\], Wilson over the "
                + "\\d+ test texts\\)").doesNotContain("test sequences")
                // and so does the main result line (trial 78h F7: "Cohen's kappa 0.6607 on 44 sequences" for texts)
                .containsPattern("test accuracy [0-9.]+, macro-F1 [0-9.]+.* on \\d+ texts[ ,]").doesNotContainPattern("on \\d+ sequences");
        assertThat(Files.readString(runDir.resolve("data-warnings.txt")))
                .contains(train + ": 3 labels 'crime ' read as 'crime' (white space around it dropped)");
        Path model = runDir.resolve("model.rnnlab");

        // evaluate says it of the file it scores, in both text layouts
        Path plain = Files.writeString(dir.resolve("ev.tsv"), "crime \t" + text(0) + "\nromance\t" + text(1) + "\ncrime\t" + text(2)
                + "\n");
        Path withIds = Files.writeString(dir.resolve("ev-ids.tsv"), "id\tlabel\ttext\nE1\t\"romance \"\t" + text(1) + "\nE2\tcrime\t"
                + text(2) + "\nE3\tromance\t" + text(3) + "\n");
        for (Path f : List.of(plain, withIds)) {
            Run[] evaluated = new Run[1];
            List<String> said = warnings(() -> evaluated[0] = run("evaluate", "--model", model.toString(), "--input", f.toString()));
            assertThat(evaluated[0].code()).as(evaluated[0].err()).isZero();
            assertThat(said).as(f.toString()).anySatisfy(w -> assertThat(w).endsWith(f == plain
                    ? ": 1 label 'crime ' read as 'crime' (white space around it dropped)"
                    : ": 1 label 'romance ' read as 'romance' (white space around it dropped)"));
        }

        // predict: two empty blurbs among four, the others classified, every empty one named, exit 4; each gets a row after
        // the others, without a label or probabilities, tokens 0, its kept columns (trial 77g F3: a join of the output to the
        // input by id lost the empty clauses with no reason in the file)
        Path batch = Files.writeString(dir.resolve("new.tsv"), "id\tshelf\ttext\nN1\ta\t" + text(4) + "\nN2\tb\t  \nN3\tc\t"
                + text(5) + "\nN4\td\t\n");
        Path out = dir.resolve("pred.csv");
        Run predicted = run("predict", "--model", model.toString(), "--input", batch.toString(), "--keep-columns", "shelf",
                "--top", "2", "-o", out.toString());
        assertThat(predicted.code()).as(predicted.err()).isEqualTo(4);
        List<String> written = Files.readAllLines(out);
        List<String> header = List.of(written.get(0).split(",", -1));
        assertThat(written.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList())
                .containsExactly("N1", "N3", "N2", "N4");
        for (String row : written.subList(1, written.size())) {
            assertThat(row.split(",", -1)).as(row).hasSize(header.size());
        }
        for (int r = 3; r <= 4; r++) {
            List<String> cells = List.of(written.get(r).split(",", -1));
            for (int c = 1; c < header.size(); c++) {
                String expected = switch (header.get(c)) {
                    case "shelf" -> r == 3 ? "b" : "d";
                    case "tokens", "unknown_words" -> "0";
                    case "truncated" -> "false";
                    case "reason" -> "empty text (no tokens)"; // why, in the file (trial 78h F5: on standard error only)
                    default -> ""; // label, p_, top2_, many_unknown_words, low_confidence: no class, nothing judged
                };
                assertThat(cells.get(c)).as(header.get(c) + " of " + written.get(r)).isEqualTo(expected);
            }
        }
        List<String> classified = List.of(written.get(1).split(",", -1));
        assertThat(classified.get(header.indexOf("label"))).isIn("crime", "romance");
        assertThat(classified.get(header.indexOf("shelf"))).isEqualTo("a");
        assertThat(header.get(header.size() - 1)).isEqualTo("reason");
        assertThat(classified.get(header.size() - 1)).isEmpty(); // classified: no reason
        assertThat(predicted.err()).contains("predict: warning: 2 text(s) of " + batch + " have no tokens (empty or white space "
                + "only), id(s) N2, N4: an empty text cannot be classified, so no prediction stands for them: their rows, after "
                + "the others, have no label and tokens 0 (the others are classified; exit 4)")
                .contains("predict: 2 sequence(s) classified, 2 empty text(s) not classified (their rows: no label, tokens 0): "
                        + "N2, N4 (exit 4)");

        // model-info: the tokenizer, length and vocabulary stored in the file, in one line
        Run info = run("model-info", model.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).containsPattern("\\n  text +words \\(tokenize=words\\), lower-cased, NFC normalization, rules \\d+; "
                + "maxLength 16 KEEP_TAIL; vocabulary \\d+ ids \\(minFrequency 1, with <pad> and <unk>\\)\\n");
        // one maxLength only, the cut: the training texts' lengths named as such (trial 77e F6: maxLength 12 and maxLength 64)
        assertThat(info.out().lines().filter(l -> l.startsWith("  maxLength") || l.startsWith("  minLength"))).isEmpty();
        assertThat(info.out()).containsPattern("\\n  shortest text +\\d+ tokens \\(the shortest training text\\)\\n")
                .containsPattern("\\n  longest text +\\d+ tokens \\(the longest training text; new texts are cut at the text "
                        + "line's maxLength 16\\)\\n");
    }
}
