package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.NewData;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.slf4j.LoggerFactory;

/**
 * A bioinformatician's trial of text models on DNA, one base per word: a pipeline's header {@code label<TAB>sequence} is
 * read by predict and evaluate as training reads it (a header, said once), and texts carry ids through a first line
 * naming the columns id, text and label, which predict writes as its id column.
 */
class TextIdsAndHeadersTest {

    /** A sequence of 20 bases, one per word: TATA-rich for promoters. */
    private static String bases(int i, boolean promoter) {
        String motif = promoter ? "T A T A A T " : "G C G C C G ";
        return (motif + "A C G T ".substring(0, 2 * (i % 4 + 1)) + motif + "C A G T").trim();
    }

    private static String label(int i) {
        return i % 2 == 0 ? "promoter" : "other";
    }

    /** The WARN messages of the new-data reader while {@code action} runs. */
    private static List<String> warnings(Supplier<Run> action, Run[] ran) {
        Logger logger = (Logger) LoggerFactory.getLogger(NewData.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            ran[0] = action.get();
        } finally {
            logger.detachAppender(logged);
        }
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Path train(Path dir, String header, List<String> lines, String... more) {
        List<String> all = new ArrayList<>(List.of(header));
        all.addAll(lines);
        Path out = dir.resolve("run");
        try {
            Path file = Files.write(dir.resolve("train.tsv"), all);
            List<String> args = new ArrayList<>(List.of("train", "--dataset", "text", "--train", file.toString(), "--hidden", "4",
                    "--epochs", "1", "--quiet", "--out", out.toString()));
            args.addAll(List.of(more));
            Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aHeaderOfOtherColumnNamesIsSkippedByTrainPredictAndEvaluateAlike(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(label(i) + "\t" + bases(i, i % 2 == 0));
        }
        Path run = train(dir, "label\tsequence", lines);
        assertThat(Files.readString(run.resolve("data-warnings.txt"))).contains("train.tsv:1: 'label<TAB>sequence' read as a header, "
                + "not as an example");
        Path model = run.resolve("model.rnnlab");

        // predict: before, a warning and a prediction row for the header line
        Path fresh = Files.writeString(dir.resolve("new.tsv"), "label\tsequence\n\t" + bases(1, true) + "\n\t" + bases(2, false)
                + "\n\t" + bases(3, true) + "\n");
        Run[] p = new Run[1];
        List<String> warned = warnings(() -> run("predict", "--model", model.toString(), "--input", fresh.toString()), p);
        assertThat(p[0].code()).as(p[0].err()).isZero();
        assertThat(p[0].out().lines().skip(1).map(r -> r.substring(0, r.indexOf(',')))).containsExactly("2", "3", "4");
        assertThat(warned).filteredOn(w -> w.contains("header")).singleElement().asString()
                .contains("new.tsv:1: 'label<TAB>sequence' read as a header, not as an example");

        // evaluate: before, refused ("'label' is not a label of the model: rename its columns")
        Path test = Files.writeString(dir.resolve("test.tsv"), "label\tsequence\npromoter\t" + bases(1, true) + "\nother\t"
                + bases(2, false) + "\npromoter\t" + bases(3, true) + "\n");
        Run e = run("evaluate", "--model", model.toString(), "--input", test.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("(3 scored)");
        assertThat(Json.mapper().readTree(e.out()).get("warnings")).filteredOn(w -> w.asText().contains("header")).singleElement()
                .satisfies(w -> assertThat(w.asText()).contains("test.tsv:1: 'label<TAB>sequence' read as a header"));
        // the same first line where the model has a class 'label': a genuine example of it, as training keeps one
        Path labelClass = train(Files.createDirectory(dir.resolve("second")), "label\tsequence", lines.stream()
                .map(l -> l.replace("other\t", "label\t")).toList());
        Run[] asData = new Run[1];
        List<String> none = warnings(() -> run("predict", "--model", labelClass.resolve("model.rnnlab").toString(), "--input",
                test.toString()), asData);
        assertThat(asData[0].code()).as(asData[0].err()).isZero();
        assertThat(asData[0].out().lines().skip(1).map(r -> r.substring(0, r.indexOf(',')))).containsExactly("1", "2", "3", "4");
        assertThat(none).noneMatch(w -> w.contains("read as a header"));
    }

    /** A CSV row without its last {@code cells} cells (none of them quoted). */
    private static String withoutLast(String row, int cells) {
        int end = row.length();
        for (int k = 0; k < cells; k++) {
            end = row.lastIndexOf(',', end - 1);
        }
        return row.substring(0, end);
    }

    @Test
    void textsCarryIdsThroughPredictEvaluateAndTrain(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("seq" + i + "\t" + label(i) + "\t" + bases(i, i % 2 == 0));
        }
        // training reads the id, label and text columns by name; its ids are not labels
        Path run = train(dir, "id\tlabel\ttext", lines, "--set", "maxLength=12");
        Path model = run.resolve("model.rnnlab");

        // predict: the id column is the output's id, in any column order; the same texts one per line give the same numbers
        String[] ids = {"chr1:100-120(+)", "NM_0001.2", "read,7"};
        Path withIds = Files.writeString(dir.resolve("new.tsv"), "text\tid\n" + bases(1, true) + "\t" + ids[0] + "\n\n"
                + bases(2, false) + "\t" + ids[1] + "\n" + bases(3, true) + "\t" + ids[2] + "\n");
        Path plain = Files.writeString(dir.resolve("new.txt"), bases(1, true) + "\n" + bases(2, false) + "\n" + bases(3, true) + "\n");
        Run p = run("predict", "--model", model.toString(), "--input", withIds.toString());
        assertThat(p.code()).as(p.err()).isZero();
        List<String> rows = p.out().lines().toList();
        assertThat(rows.get(0)).isEqualTo("id,label,p_other,p_promoter,tokens,truncated,unknown_words,many_unknown_words,low_confidence,reason");
        assertThat(rows.subList(1, 4)).extracting(line -> withoutLast(line, 6)) // tokens,truncated,unknown_words,many_unknown_words,low_confidence,reason off
                .extracting(r -> r.substring(0, r.lastIndexOf(',', r.lastIndexOf(',', r.lastIndexOf(',') - 1) - 1)))
                .containsExactly(ids[0], ids[1], "\"read,7\"");
        List<String> byLine = run("predict", "--model", model.toString(), "--input", plain.toString()).out().lines().skip(1).toList();
        for (int i = 0; i < 3; i++) {
            String row = withoutLast(rows.get(i + 1), 6);
            String line = withoutLast(byLine.get(i), 6);
            // the same tokens (the id is no word of the text), cut and unknown words, and low_confidence
            assertThat(rows.get(i + 1).substring(row.length())).isEqualTo(byLine.get(i).substring(line.length()));
            assertThat(row.substring(row.lastIndexOf(',', row.lastIndexOf(',', row.lastIndexOf(',') - 1) - 1)))
                    .as("the id is not read as a word").isEqualTo(line.substring(line.indexOf(',')));
        }
        assertThat(p.err()).contains("the first is id 'chr1:100-120(+)'"); // 18 tokens, the model reads 12

        // evaluate: a label column is needed, in any order; refused without one
        Path scored = Files.writeString(dir.resolve("test.tsv"), "label\tid\ttext\npromoter\ta\t" + bases(5, true) + "\nother\tb\t"
                + bases(6, false) + "\n");
        Run e = run("evaluate", "--model", model.toString(), "--input", scored.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("(2 scored)");
        Run noLabel = run("evaluate", "--model", model.toString(), "--input", withIds.toString());
        assertThat(noLabel.code()).isEqualTo(1);
        assertThat(noLabel.err()).contains("new.tsv:1: the header 'text<TAB>id' names no label column");

        // errors name the file and line
        Path twice = Files.writeString(dir.resolve("twice.tsv"), "id\ttext\na\t" + bases(1, true) + "\nb\t" + bases(2, true)
                + "\na\t" + bases(3, true) + "\n");
        Run dup = run("predict", "--model", model.toString(), "--input", twice.toString());
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).contains("twice.tsv:4: id 'a' is on line 2 too");
        assertThat(dup.out()).isEmpty();
        Run whole = run("predict", "--model", model.toString(), "--input", withIds.toString(), "--format", "text");
        assertThat(whole.code()).isEqualTo(1);
        assertThat(whole.err()).contains("new.tsv:1: this line names the columns 'text<TAB>id'");
        // ids without the header: refused with how to give them
        Path headless = Files.writeString(dir.resolve("headless.tsv"), "new0\t" + bases(1, true) + "\nnew1\t" + bases(2, false) + "\n");
        Run refused = run("predict", "--model", model.toString(), "--input", headless.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("add the first line 'id<TAB>text'");
        // training on texts with ids but without labels: refused, not trained with the ids as classes
        Path idsOnly = Files.writeString(dir.resolve("ids-only.tsv"), "id\ttext\n" + String.join("\n", lines.stream()
                .map(l -> l.substring(0, l.indexOf('\t')) + l.substring(l.lastIndexOf('\t'))).toList()) + "\n");
        Run untrained = run("train", "--dataset", "text", "--train", idsOnly.toString(), "--epochs", "1", "--quiet", "--out",
                dir.resolve("run2").toString());
        assertThat(untrained.code()).isEqualTo(1);
        assertThat(untrained.err()).contains("ids-only.tsv:1: the header 'id<TAB>text' names no label column");
        assertThat(dir.resolve("run2/model.rnnlab")).doesNotExist();

        Run help = run("predict", "--help");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("a TSV whose first line names its columns id and text");
    }
}
