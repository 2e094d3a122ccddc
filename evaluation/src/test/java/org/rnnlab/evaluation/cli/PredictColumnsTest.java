package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code predict --columns} writes the output columns chosen and leaves out the others (trial 79a F2: a Kaggle-style
 * submission, id,label or id,p_*, needed a pandas step to drop five diagnostic columns): the columns kept hold what they
 * hold without it, in the output's order; --top's and --keep-columns' are written whenever given; an unknown name is refused
 * naming the model's columns.
 */
class PredictColumnsTest {

    @TempDir
    static Path dir;

    static Path input;
    static String model;

    @BeforeAll
    static void trained() throws Exception {
        StringBuilder csv = new StringBuilder("id,a,b,label\n");
        for (int s = 0; s < 32; s++) {
            int c = s % 3;
            for (int t = 0; t < 4; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%.2f,%.2f,%s%n", s, (c - 1) * (1 + 0.1 * t + 0.01 * s), 0.3 * t * (c == 2 ? 1 : -1),
                        c == 0 ? "walk" : c == 1 ? "run" : "sit"));
            }
        }
        Path data = Files.writeString(dir.resolve("d.csv"), csv);
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", dir.resolve("run").toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = dir.resolve("run").resolve("model.rnnlab").toString();
        // new data without labels, with a column per sequence whose values hold a comma and a quote (quoted cells)
        StringBuilder test = new StringBuilder("id,a,b,site\n");
        for (String line : csv.toString().lines().skip(1).toList()) {
            String[] cells = line.split(",");
            test.append(cells[0]).append(',').append(cells[1]).append(',').append(cells[2]).append(',')
                    .append(cells[0].endsWith("1") ? "\"north, \"\"A\"\"\"" : "south").append('\n');
        }
        input = Files.writeString(dir.resolve("new.csv"), test);
    }

    private static List<String> lines(Run r) {
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().lines().toList();
    }

    /** Column {@code name} of every row of {@code lines} (a header and rows), the cells as written. */
    private static List<String> column(List<String> lines, String name) {
        int at = PredictColumns.cells(lines.get(0)).indexOf(name);
        assertThat(at).as(name + " in " + lines.get(0)).isNotNegative();
        return lines.stream().skip(1).map(l -> PredictColumns.cells(l).get(at)).toList();
    }

    @Test
    void theColumnsChosenAreWrittenAsWithoutTheOptionTheOthersLeftOut() {
        List<String> all = lines(run("predict", "--model", model, "--input", input.toString(), "--keep-columns", "site"));
        assertThat(all.get(0)).isEqualTo("id,label,p_run,p_sit,p_walk,site,length_untested,far_from_training,far_reasons,"
                + "constant_features,low_confidence");
        // a Kaggle-style submission: id and label, or id and the probabilities
        List<String> labels = lines(run("predict", "--model", model, "--input", input.toString(), "--columns", "id,label",
                "--ignore-columns", "site"));
        assertThat(labels.get(0)).isEqualTo("id,label");
        assertThat(labels.subList(1, labels.size())).isEqualTo(all.stream().skip(1)
                .map(l -> String.join(",", PredictColumns.cells(l).subList(0, 2))).toList());
        List<String> probabilities = lines(run("predict", "--model", model, "--input", input.toString(), "--columns",
                "id,probabilities", "--digits", "17", "--ignore-columns", "site"));
        assertThat(probabilities.get(0)).isEqualTo("id,p_run,p_sit,p_walk");
        assertThat(probabilities).hasSize(33).allSatisfy(l -> assertThat(PredictColumns.cells(l)).hasSize(4));
        // in the output's order, whatever the order given; a single p_ column; --keep-columns' column always, quoted as written
        List<String> some = lines(run("predict", "--model", model, "--input", input.toString(), "--columns",
                "low_confidence,p_sit,id", "--keep-columns", "site"));
        assertThat(some.get(0)).isEqualTo("id,p_sit,site,low_confidence");
        for (String name : List.of("id", "p_sit", "site", "low_confidence")) {
            assertThat(column(some, name)).as(name).isEqualTo(column(all, name));
        }
        assertThat(column(some, "site")).contains("\"north, \"\"A\"\"\"", "south");
        // --top's columns too, after the probabilities chosen
        List<String> top = lines(run("predict", "--model", model, "--input", input.toString(), "--columns", "id,label", "--top", "2",
                "--ignore-columns", "site"));
        assertThat(top.get(0)).isEqualTo("id,label,top2_label,top2_p");
        assertThat(column(top, "top2_label")).doesNotContainNull().allSatisfy(c -> assertThat(c).isIn("run", "sit", "walk"));
    }

    @Test
    void aNameTheOutputHasNotIsRefusedNamingTheColumnsItHas() {
        Run typo = run("predict", "--model", model, "--input", input.toString(), "--columns", "id,lable", "--ignore-columns", "site");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("--columns id,lable: 'lable' is no column of this model's output (expected some of id, "
                + "label, probabilities (every p_<label>), p_run, p_sit, p_walk, length_untested, far_from_training, far_reasons, "
                + "constant_features, low_confidence; --top's and --keep-columns' columns are written whenever those options "
                + "are given)");
        // a text model's column, --top's column by name, a name twice, an empty name
        for (String[] bad : List.of(new String[] {"id,reason", "'reason' is no column of this model's output"},
                new String[] {"id,top2_label", "'top2_label' is no column of this model's output"},
                new String[] {"id,label,id", "'id' is named twice (expected output column names, each once)"},
                new String[] {"id,,label", "an empty name"})) {
            Run refused = run("predict", "--model", model, "--input", input.toString(), "--columns", bad[0], "--top", "2",
                    "--ignore-columns", "site");
            assertThat(refused.code()).as(bad[0]).isEqualTo(2);
            assertThat(refused.err()).as(bad[0]).contains("--columns " + bad[0] + ": " + bad[1]);
        }
        assertThat(run("predict", "--help").out().replaceAll("\\s+", " ")).contains("--columns=NAMES")
                .contains("A Kaggle-style submission: --columns id,label or --columns id,probabilities.");
    }

    @Test
    void aTextModelsReasonIsChosenByName() throws Exception {
        List<String> texts = new ArrayList<>(List.of("id\tlabel\ttext"));
        for (int i = 0; i < 40; i++) {
            texts.add("B" + i + "\t" + (i % 2 == 0 ? "crime" : "romance") + "\t"
                    + (i % 2 == 0 ? "the detective found the body " : "two hearts meet again in paris ") + (i % 5));
        }
        Path train = Files.write(dir.resolve("blurbs.tsv"), texts);
        Run trained = run("train", "--dataset", "text", "--train", train.toString(), "--set", "minFrequency=1", "--hidden", "4",
                "--epochs", "1", "--seed", "1", "--quiet", "--out", dir.resolve("text").toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String textModel = dir.resolve("text").resolve("model.rnnlab").toString();
        Path batch = Files.writeString(dir.resolve("new.tsv"), "id\ttext\nN1\tthe detective found\nN2\t \nN3\ttwo hearts\n");
        Run chosen = run("predict", "--model", textModel, "--input", batch.toString(), "--columns", "id,label,reason");
        assertThat(chosen.code()).as(chosen.err()).isEqualTo(4); // the empty text, as without --columns
        List<String> rows = chosen.out().lines().toList();
        assertThat(rows.get(0)).isEqualTo("id,label,reason");
        assertThat(rows.subList(1, 3)).allSatisfy(r -> assertThat(r).matches("N[13],(crime|romance),"));
        assertThat(rows.get(3)).isEqualTo("N2,,empty text (no tokens)");
        Run sequenceColumn = run("predict", "--model", textModel, "--input", batch.toString(), "--columns", "id,far_from_training");
        assertThat(sequenceColumn.code()).isEqualTo(2);
        assertThat(sequenceColumn.err()).contains("'far_from_training' is no column of this model's output (expected some of id, "
                + "label, probabilities (every p_<label>), p_crime, p_romance, tokens, truncated, unknown_words, many_unknown_words,");
    }

    @Test
    void cellsSplitAtCommasOutsideQuotesAndKeepTheQuotes() {
        assertThat(PredictColumns.cells("a,\"b, \"\"c\"\"\",,\"d\ne\"")).containsExactly("a", "\"b, \"\"c\"\"\"", "", "\"d\ne\"");
        assertThat(PredictColumns.kept("a,\"b,c\",d", new boolean[] {false, true, true})).isEqualTo("\"b,c\",d");
    }
}
