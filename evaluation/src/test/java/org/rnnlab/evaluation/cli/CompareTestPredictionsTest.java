package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * {@code compare --cv K} writes the runs' out-of-fold test predictions into the comparison folder's test-predictions.csv
 * (trial 75d F4: a comparison had scored all 24 cycles of a rare class across 12 buildings, and kept confusion matrices only,
 * so an alarm cut-off was chosen on 2 validation cycles of one building).
 */
class CompareTestPredictionsTest {

    @Test
    void everySequenceOncePerConfigurationAndSeedWithEachRunsAccuracy(@TempDir Path dir) throws Exception {
        Random random = new Random(3);
        StringBuilder sb = new StringBuilder("id,time,x,site,label\n");
        Map<String, String> labelOf = new HashMap<>();
        Map<String, String> siteOf = new HashMap<>();
        for (int site = 0; site < 6; site++) {
            for (int s = 0; s < 6; s++) {
                String id = "s" + site + "-" + s;
                String label = s % 3 == 0 ? "failing" : "ok";
                labelOf.put(id, label);
                siteOf.put(id, "site" + site);
                for (int t = 0; t < 4; t++) {
                    double x = random.nextGaussian() + (label.equals("failing") ? 1.5 : 0);
                    sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,site%d,%s%n", id, t, x, site, label));
                }
            }
        }
        Path csv = Files.writeString(dir.resolve("doors.csv"), sb.toString());
        Path out = dir.resolve("cmp");
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x",
                "--set", "validationFraction=0", "--cells", "rnn,gru", "--seeds", "2", "--epochs", "2", "--hidden", "2", "--cv", "3",
                "--group-column", "site", "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();

        Map<String, String> foldOf = new HashMap<>();
        for (String row : Files.readAllLines(out.resolve("folds.csv")).subList(1, 37)) {
            String[] c = row.split(",");
            foldOf.put(c[0], c[2]);
        }
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(out.resolve("test-predictions.csv"))) {
            var parsed = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in);
            assertThat(parsed.getHeaderNames()).containsExactly("configuration", "seed", "fold", "group", "id", "actual", "predicted",
                    "p_failing", "p_ok");
            rows = parsed.getRecords();
        }
        assertThat(rows).hasSize(2 * 2 * 36);
        Map<String, List<String>> idsByRun = new LinkedHashMap<>();
        Map<String, int[]> correctByRun = new HashMap<>(); // configuration seed fold -> {correct, n}
        for (CSVRecord r : rows) {
            String id = r.get("id");
            idsByRun.computeIfAbsent(r.get("configuration") + " seed " + r.get("seed"), k -> new ArrayList<>()).add(id);
            assertThat(r.get("actual")).as(id).isEqualTo(labelOf.get(id));
            assertThat(r.get("group")).as(id).isEqualTo(siteOf.get(id));
            assertThat(r.get("fold")).as(id + ": the fold that tested it").isEqualTo(foldOf.get(id));
            double failing = Double.parseDouble(r.get("p_failing"));
            double ok = Double.parseDouble(r.get("p_ok"));
            assertThat(failing + ok).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(r.get("predicted")).as(id + ": the argmax").isEqualTo(failing > ok ? "failing" : "ok");
            int[] c = correctByRun.computeIfAbsent(r.get("configuration") + " seed " + r.get("seed") + " fold " + r.get("fold"),
                    k -> new int[2]);
            c[0] += r.get("actual").equals(r.get("predicted")) ? 1 : 0;
            c[1]++;
        }
        // rows in a stable order: configuration, seed, fold
        assertThat(idsByRun.keySet()).containsExactly("rnn seed 1", "rnn seed 2", "gru seed 1", "gru seed 2");
        for (List<String> ids : idsByRun.values()) {
            assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(labelOf.keySet());
        }
        List<RunResult> runs;
        try (var files = Files.list(out.resolve("runs"))) {
            runs = files.sorted().map(f -> {
                try {
                    return Json.readFile(f, RunResult.class);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(runs).hasSize(12);
        for (RunResult r : runs) {
            int[] c = correctByRun.get(r.configuration() + " seed " + r.seed() + " fold " + r.fold());
            assertThat(c).as(r.key()).isNotNull();
            assertThat(c[0] / (double) c[1]).as(r.key() + ": its accuracy").isEqualTo(r.test().metric(Metric.ACCURACY));
            assertThat(r.predictions()).as("runs/ keep them, for --resume").isNotNull();
        }
        var results = Json.mapper().readTree(out.resolve("results.json").toFile()).get("runs");
        assertThat(results).hasSize(12);
        results.forEach(r -> assertThat(r.has("predictions")).as("results.json leaves them out").isFalse());
    }
}
