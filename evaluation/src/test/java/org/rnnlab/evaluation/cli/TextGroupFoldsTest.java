package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * Text files with an id and a group column under train and compare (trial 77b F3, F8, F9: blurbs
 * {@code id<TAB>imprint<TAB>label<TAB>text}): {@code compare --cv K --set group=imprint} folded by class alone, every imprint in
 * the training and test part of every fold, unsaid; folds.csv numbered the texts 0..N-1 without their group; and the
 * held-out predictions of train and compare named the texts 1, 2, 3 ({@code train 3} under --cv) where splits.csv, predict and
 * evaluate use the file's ids.
 */
class TextGroupFoldsTest {

    /** {@code id<TAB>imprint<TAB>label<TAB>text}: 96 blurbs of 8 imprints, ids B000..B095 (not their positions). */
    private static Path blurbs(Path dir, Map<String, String> imprintOf, Map<String, String> labelOf) throws Exception {
        List<String> lines = new ArrayList<>(List.of("id\timprint\tlabel\ttext"));
        String[] imprints = {"Harbor", "Meridian", "Saffron", "Quill", "Lantern", "Orchid", "Beacon", "Atlas"};
        for (int i = 0; i < 96; i++) {
            String id = String.format(java.util.Locale.ROOT, "B%03d", 95 - i); // ids against the file's order
            String imprint = imprints[i % 8];
            String label = i % 16 < 8 ? "crime" : "romance";
            imprintOf.put(id, imprint);
            labelOf.put(id, label);
            lines.add(id + "\t" + imprint + "\t" + label + "\t" + (label.equals("crime") ? "murder detective body clue "
                    : "love kiss heart wedding ") + imprint.toLowerCase(java.util.Locale.ROOT) + " word" + i);
        }
        return Files.write(dir.resolve("blurbs.tsv"), lines);
    }

    private static List<CSVRecord> records(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }

    @Test
    void compareCvOfTextWithAGroupColumnKeepsEachGroupInOneFoldAndNamesTheTextsByTheirIds(@TempDir Path dir) throws Exception {
        Map<String, String> imprintOf = new HashMap<>();
        Map<String, String> labelOf = new HashMap<>();
        Path file = blurbs(dir, imprintOf, labelOf);
        Path out = dir.resolve("cv");
        Run cv = run("compare", "--dataset", "text", "--train", file.toString(), "--set", "group=imprint", "--set",
                "minFrequency=1", "--cells", "gru", "--hidden", "4", "--epochs", "1", "--seeds", "1", "--cv", "4", "--probe", "0",
                "--quiet", "--out", out.toString());
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cv.err()).contains("compare: --cv keeps each group of --set group=imprint in one fold")
                .contains("compare: 4-fold by imprint (stratified-groups, seed 42) cross-validation")
                .doesNotContain("4-fold stratified");
        // folds.csv: the file's ids and each text's imprint, every imprint in one fold only
        List<String> folds = Files.readAllLines(out.resolve("folds.csv"));
        assertThat(folds.get(0)).isEqualTo("sequence_id,group,fold");
        assertThat(folds).hasSize(97);
        Map<String, Set<String>> foldsOfImprint = new HashMap<>();
        Map<String, String> foldOf = new HashMap<>();
        for (String row : folds.subList(1, folds.size())) {
            String[] c = row.split(",");
            assertThat(imprintOf).as(row).containsEntry(c[0], c[1]);
            foldsOfImprint.computeIfAbsent(c[1], k -> new HashSet<>()).add(c[2]);
            foldOf.put(c[0], c[2]);
        }
        assertThat(foldOf).hasSize(96);
        assertThat(foldsOfImprint).hasSize(8).allSatisfy((imprint, in) -> assertThat(in).as(imprint).hasSize(1));
        assertThat(new HashSet<>(foldOf.values())).hasSize(4);
        // the out-of-fold predictions: every text once, by its id, with its imprint and the fold that tested it
        List<CSVRecord> rows = records(out.resolve("test-predictions.csv"));
        assertThat(rows).hasSize(96);
        for (CSVRecord r : rows) {
            String id = r.get("id");
            assertThat(labelOf).as(id).containsEntry(id, r.get("actual"));
            assertThat(r.get("group")).as(id).isEqualTo(imprintOf.get(id));
            assertThat(r.get("fold")).as(id).isEqualTo(foldOf.get(id));
        }
        assertThat(rows.stream().map(r -> r.get("id")).distinct()).hasSize(96);
        // the same folds with --group-column (refused before: the texts carried no tags)
        Path named = dir.resolve("named");
        Run byOption = run("compare", "--dataset", "text", "--train", file.toString(), "--group-column", "imprint", "--set",
                "minFrequency=1", "--cells", "gru", "--hidden", "4", "--epochs", "1", "--seeds", "1", "--cv", "4", "--probe", "0",
                "--quiet", "--out", named.toString());
        assertThat(byOption.code()).as(byOption.err()).isZero();
        assertThat(byOption.err()).contains("compare: 4-fold by imprint (stratified-groups, seed 42) cross-validation");
        assertThat(Files.readAllLines(named.resolve("folds.csv"))).isEqualTo(folds);
    }

    @Test
    void trainAndCompareNameHeldOutTextsByTheFilesIds(@TempDir Path dir) throws Exception {
        Map<String, String> imprintOf = new HashMap<>();
        Map<String, String> labelOf = new HashMap<>();
        Path file = blurbs(dir, imprintOf, labelOf);
        Path out = dir.resolve("train");
        Run train = run("train", "--dataset", "text", "--train", file.toString(), "--set", "group=imprint", "--set",
                "minFrequency=1", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Map<String, List<String>> bySplit = new HashMap<>();
        for (String row : Files.readAllLines(out.resolve("splits.csv")).subList(1, 97)) {
            String[] c = row.split(",");
            bySplit.computeIfAbsent(c[1], k -> new ArrayList<>()).add(c[0]);
        }
        assertThat(bySplit.get("test")).isNotEmpty();
        assertThat(bySplit.get("validation")).isNotEmpty();
        // test-predictions.csv and validation-predictions.csv: the ids splits.csv gives, in its order
        for (String[] split : List.of(new String[] {"test", "test-predictions.csv"},
                new String[] {"validation", "validation-predictions.csv"})) {
            List<CSVRecord> rows = records(out.resolve(split[1]));
            assertThat(rows.stream().map(r -> r.get("id")).toList()).as(split[1]).isEqualTo(bySplit.get(split[0]));
            rows.forEach(r -> assertThat(labelOf).as(r.get("id")).containsEntry(r.get("id"), r.get("actual")));
        }
        // compare without --cv: its test split's predictions by the same ids
        Path cmp = dir.resolve("cmp");
        Run compare = run("compare", "--dataset", "text", "--train", file.toString(), "--set", "group=imprint", "--set",
                "minFrequency=1", "--cells", "gru", "--hidden", "4", "--epochs", "1", "--seeds", "1", "--probe", "0", "--quiet",
                "--out", cmp.toString());
        assertThat(compare.code()).as(compare.err()).isZero();
        List<CSVRecord> rows = records(cmp.resolve("test-predictions.csv"));
        assertThat(rows.stream().map(r -> r.get("id")).toList()).isEqualTo(bySplit.get("test"));
        rows.forEach(r -> assertThat(r.get("group")).as(r.get("id")).isEqualTo(imprintOf.get(r.get("id"))));
        // and its validation split's, by the same ids and groups (trial 78d F5: compare wrote none)
        List<CSVRecord> validationRows = records(cmp.resolve("validation-predictions.csv"));
        assertThat(validationRows.stream().map(r -> r.get("id")).toList()).isEqualTo(bySplit.get("validation"));
        validationRows.forEach(r -> assertThat(r.get("group")).as(r.get("id")).isEqualTo(imprintOf.get(r.get("id"))));
        // its caveat of a test split from few groups names the column that compare --cv folds by
        String caveat = org.rnnlab.core.Json.mapper().readTree(cmp.resolve("results.json").toFile()).get("pooledAccuracyCaveat")
                .asText();
        assertThat(caveat).contains("of the column imprint").endsWith("compare --cv K --group-column imprint scores every group once");
    }
}
