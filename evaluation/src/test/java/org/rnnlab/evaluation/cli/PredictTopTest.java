package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code predict --top K} writes each sequence's 2nd to K-th most probable classes after the probability columns (a
 * handwriting trial of 36 classes wanted the second candidate of o/0, l/1, s/5 and computed it from the p_ columns by hand,
 * trial 73b F8); the candidates are ranked by probability alone, whatever label --threshold wrote.
 */
class PredictTopTest {

    @TempDir
    static Path dir;

    static Path data;
    static String model;
    static final String[] CLASSES = {"o", "zero", "l", "one"};

    @BeforeAll
    static void trained() throws Exception {
        StringBuilder csv = new StringBuilder("id,a,b,label\n");
        for (int s = 0; s < 32; s++) {
            int c = s % 4;
            for (int t = 0; t < 4; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%.2f,%.2f,%s%n", s, (c % 2 == 0 ? 1 : -1) * (1 + 0.1 * t + 0.01 * s),
                        (c < 2 ? 1 : -1) * 0.3 * t, CLASSES[c]));
            }
        }
        data = Files.writeString(dir.resolve("d.csv"), csv);
        Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id", "--set", "time=none",
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", dir.resolve("run").toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = dir.resolve("run").resolve("model.rnnlab").toString();
    }

    @Test
    void theRunnersUpFollowTheProbabilitiesBeforeTheKeptColumnsAndLowConfidence() throws Exception {
        // the input with a column per sequence the model never saw, kept
        StringBuilder withSite = new StringBuilder();
        List<String> lines = Files.readAllLines(data);
        withSite.append(lines.get(0)).append(",site\n");
        for (String l : lines.subList(1, lines.size())) {
            withSite.append(l).append(',').append(l.startsWith("s1") ? "north" : "south").append('\n');
        }
        Path input = Files.writeString(dir.resolve("site.csv"), withSite);
        Run top = run("predict", "--model", model, "--input", input.toString(), "--digits", "17", "--top", "3",
                "--keep-columns", "site");
        assertThat(top.code()).as(top.err()).isZero();
        List<String> out = top.out().lines().toList();
        List<String> header = List.of(out.get(0).split(","));
        int first = header.indexOf("p_" + header.get(2).substring(2)); // the p_ columns from index 2 on, in label order
        assertThat(first).isEqualTo(2);
        List<String> labels = header.subList(2, 6).stream().map(h -> h.substring(2)).toList();
        assertThat(labels).containsExactlyInAnyOrder(CLASSES);
        assertThat(header.subList(6, header.size())).containsExactly("top2_label", "top2_p", "top3_label", "top3_p", "site",
                "length_untested", "far_from_training", "far_reasons", "constant_features", "low_confidence");
        assertThat(out).hasSize(33);
        for (String row : out.subList(1, out.size())) {
            String[] cells = row.split(",");
            double[] p = new double[4];
            for (int c = 0; c < 4; c++) {
                p[c] = Double.parseDouble(cells[2 + c]);
            }
            // the ranking recomputed from the p_ columns: falling probability, equal ones in label order
            List<Integer> ranked = new ArrayList<>(List.of(0, 1, 2, 3));
            ranked.sort(Comparator.<Integer>comparingDouble(c -> -p[c]).thenComparing(c -> c));
            assertThat(cells[1]).as(row).isEqualTo(labels.get(ranked.get(0)));
            assertThat(cells[6]).as(row).isEqualTo(labels.get(ranked.get(1)));
            assertThat(cells[7]).as(row).isEqualTo(cells[2 + ranked.get(1)]);
            assertThat(cells[8]).as(row).isEqualTo(labels.get(ranked.get(2)));
            assertThat(cells[9]).as(row).isEqualTo(cells[2 + ranked.get(2)]);
            assertThat(cells[10]).isEqualTo(cells[0].startsWith("s1") ? "north" : "south");
            assertThat(cells[15]).isIn("true", "false"); // after length_untested, far_from_training, far_reasons and constant_features
        }
        // the same rows as without --top, the candidate columns apart
        Run plain = run("predict", "--model", model, "--input", input.toString(), "--digits", "17", "--keep-columns", "site");
        assertThat(plain.code()).as(plain.err()).isZero();
        List<String> plainRows = plain.out().lines().toList();
        for (int i = 0; i < out.size(); i++) {
            List<String> cells = new ArrayList<>(List.of(out.get(i).split(",")));
            cells.subList(6, 10).clear();
            assertThat(String.join(",", cells)).isEqualTo(plainRows.get(i));
        }
        // every class: K = the number of classes
        Run all = run("predict", "--model", model, "--input", data.toString(), "--top", "4");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out().lines().findFirst().orElseThrow()).contains(",top4_label,top4_p,");
    }

    @Test
    void theCandidatesStayThoseOfTheProbabilitiesUnderACutOff() {
        Run plain = run("predict", "--model", model, "--input", data.toString(), "--top", "2");
        // a cut-off so low that every row is labelled 'l', most of them not the most probable class
        Run cut = run("predict", "--model", model, "--input", data.toString(), "--top", "2", "--threshold", "0.000001",
                "--positive", "l");
        assertThat(cut.code()).as(cut.err()).isZero();
        List<String> plainRows = plain.out().lines().toList();
        List<String> cutRows = cut.out().lines().toList();
        List<String> header = List.of(plainRows.get(0).split(","));
        int top2 = header.indexOf("top2_label");
        assertThat(header).doesNotContain("top1_label");
        // trial 74a F3: under a cut-off the label need not be the most probable class, so top1_label,top1_p say it
        List<String> cutHeader = List.of(cutRows.get(0).split(","));
        int top1 = cutHeader.indexOf("top1_label");
        assertThat(top1).isEqualTo(top2);
        assertThat(cutHeader.get(top1 + 1)).isEqualTo("top1_p");
        assertThat(cutHeader.get(top1 + 2)).isEqualTo("top2_label");
        int raised = 0;
        for (int i = 1; i < plainRows.size(); i++) {
            String[] a = plainRows.get(i).split(",");
            String[] b = cutRows.get(i).split(",");
            assertThat(b[1]).isEqualTo("l");
            assertThat(b[top1]).isEqualTo(a[1]); // the most probable class: the plain run's label
            assertThat(b[top1 + 1]).isEqualTo(a[header.indexOf("p_" + a[1])]);
            assertThat(b[top1 + 2]).isEqualTo(a[top2]);
            assertThat(b[top1 + 3]).isEqualTo(a[top2 + 1]);
            raised += a[1].equals("l") ? 0 : 1;
        }
        assertThat(raised).isPositive();
    }

    @Test
    void aKOutsideTwoToTheNumberOfClassesIsRefused() {
        for (String k : List.of("1", "5", "0")) {
            Run refused = run("predict", "--model", model, "--input", data.toString(), "--top", k);
            assertThat(refused.code()).as(k).isEqualTo(2);
            assertThat(refused.err()).contains("--top " + k + ": expected 2 to 4, the number of the model's classes (")
                    .contains("the most probable class is the label column, --top K adds the 2nd to K-th");
            assertThat(refused.out()).isEmpty();
        }
    }

    @Test
    void equalProbabilitiesAreRankedInLabelOrder() {
        double[] p = {0.1, 0.3, 0.3, 0.0, 0.3};
        assertThat(PredictCommand.runnersUp(p, 1, 4)).containsExactly(2, 4, 0);
        assertThat(PredictCommand.runnersUp(p, 4, 3)).containsExactly(1, 2);
        assertThat(PredictCommand.runnersUp(p, 0, 5)).containsExactly(1, 2, 4, 3);
    }

    @Test
    void theHelpSaysTheColumnsTiesAndTheCutOffs() {
        Run help = run("predict", "--help");
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("--top=K").contains("top2_label,top2_p,...,topK_label,topK_p")
                .contains("Classes of equal probability are ranked in the model's label order")
                .contains("--threshold and --reject-below change the label column, not them")
                .contains("with either, the columns start at top1_label,top1_p, the most probable class")
                .contains("(default: none: no candidate columns)");
    }
}
