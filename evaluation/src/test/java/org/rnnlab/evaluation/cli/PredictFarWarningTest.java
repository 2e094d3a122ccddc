package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;

/**
 * Trial 76e: predict's own warnings on a file of a carrier in °F, a carrier with -99 dropouts, a carrier with a dead probe
 * and a normal one. The per-sequence far-values warning counts what the far_from_training column marks (it counted the
 * °F legs only, 8 of the 16 marked, and none at all on a file of the -99 carrier alone); the -99 cells are named as a code
 * and left out of the °F words' arithmetic; the level blocks tell the -99 carrier of codes, not of another unit (F2); and
 * the column constant_features names what the Java API's constantFeatures() and serve's constantFeatures name (F7).
 */
class PredictFarWarningTest {

    @TempDir
    static Path dir;

    private static String model;

    private static final int STEPS = 40;

    /** One leg: the air temperature at {@code level} ± 3 (a cycle of 20 steps), the probe following it. */
    private static float[][] leg(Random r, double level) {
        float[][] q = new float[STEPS][2];
        double phase = 2 * Math.PI * r.nextDouble();
        double probe = level;
        for (int t = 0; t < STEPS; t++) {
            double air = level + 3 * Math.sin(2 * Math.PI * t / 20 + phase) + 0.3 * r.nextGaussian();
            probe += 0.3 * (air - probe);
            q[t][0] = Float.parseFloat(String.format(Locale.ROOT, "%.3f", air));
            q[t][1] = Float.parseFloat(String.format(Locale.ROOT, "%.3f", probe + 0.05 * r.nextGaussian()));
        }
        return q;
    }

    @BeforeAll
    static void train() throws Exception {
        Random r = new Random(76);
        StringBuilder b = new StringBuilder("leg,t,air_temp_c,probe_temp_c,label\n");
        for (int s = 0; s < 60; s++) {
            boolean warm = s % 2 == 1;
            float[][] q = leg(r, (warm ? 6 : 4) + 0.2 * r.nextGaussian());
            for (int t = 0; t < STEPS; t++) {
                b.append(String.format(Locale.ROOT, "L%d,%d,%s,%s,%s%n", s, t, q[t][0], q[t][1], warm ? "warm" : "ok"));
            }
        }
        Path train = Files.writeString(dir.resolve("train.csv"), b);
        Path out = dir.resolve("run");
        Run trained = run("train", "--dataset", "csv", "--train", train.toString(), "--set", "sequenceId=leg", "--set", "time=t",
                "--set", "label=label", "--hidden", "4", "--epochs", "2", "--threads", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        model = out.resolve("model.rnnlab").toString();
    }

    /** 6 legs of each carrier given: C00 as in training, CF in °F, CNA with a -99 in one cell of each temperature, CDEAD a probe at 0. */
    private static Map<String, float[][]> legs(List<String> carriers) {
        Random r = new Random(7);
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (String carrier : List.of("C00", "CF", "CNA", "CDEAD")) {
            for (int k = 0; k < 6; k++) {
                float[][] q = leg(r, (k % 2 == 0 ? 4 : 6) + 0.2 * r.nextGaussian());
                for (int t = 0; t < STEPS; t++) {
                    if (carrier.equals("CF")) {
                        q[t][0] = Float.parseFloat(String.format(Locale.ROOT, "%.3f", q[t][0] * 1.8 + 32));
                        q[t][1] = Float.parseFloat(String.format(Locale.ROOT, "%.3f", q[t][1] * 1.8 + 32));
                    } else if (carrier.equals("CDEAD")) {
                        q[t][1] = 0;
                    }
                }
                if (carrier.equals("CNA")) {
                    q[3 + 5 * k][0] = -99;
                    q[30 - 3 * k][1] = -99;
                }
                if (carriers.contains(carrier)) {
                    out.put(carrier + "-" + k, q);
                }
            }
        }
        return out;
    }

    private static Path write(String name, Map<String, float[][]> legs) throws Exception {
        StringBuilder b = new StringBuilder("leg,t,air_temp_c,probe_temp_c,carrier\n");
        legs.forEach((id, q) -> {
            for (int t = 0; t < q.length; t++) {
                b.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", id, t, q[t][0], q[t][1], id.substring(0, id.indexOf('-'))));
            }
        });
        return Files.writeString(dir.resolve(name), b);
    }

    /** predict's rows by id: each row's cells by column name. */
    private static Map<String, Map<String, String>> rows(Run predicted) {
        List<String> lines = predicted.out().lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
                row.put(header.get(c), cells[c]);
            }
            out.put(cells[0], row);
        }
        return out;
    }

    private static String line(String err, String start) {
        return err.lines().filter(l -> l.startsWith(start)).findFirst().orElse("");
    }

    @Test
    void theSequenceWarningCountsWhatTheColumnMarksAndTheCodeIsNamedApartFromTheUnit() throws Exception {
        Map<String, float[][]> legs = legs(List.of("C00", "CF", "CNA", "CDEAD"));
        Run predicted = run("predict", "--model", model, "--input", write("mixed.csv", legs).toString(), "--keep-columns", "carrier");
        assertThat(predicted.code()).as(predicted.err()).isZero();
        String err = predicted.err();
        Map<String, Map<String, String>> rows = rows(predicted);
        long marked = rows.values().stream().filter(r -> !r.get("far_from_training").isEmpty()).count();
        // the column marks the °F legs and the -99 legs; the warning counts the same (it counted the °F legs only)
        assertThat(rows.entrySet().stream().filter(e -> !e.getValue().get("far_from_training").isEmpty()).map(Map.Entry::getKey)
                .map(id -> id.substring(0, id.indexOf('-'))).distinct().toList()).containsExactly("CF", "CNA");
        assertThat(marked).isEqualTo(12);
        assertThat(err).contains("predict: warning: " + marked + " of the 24 sequences have values far outside the training data")
                .contains("or a code for a missing value such as -999 in any cell");
        // the -99 cells named as a code, as the Java API's log names them
        assertThat(err).contains("'air_temp_c' holds -99 in 6 cell(s) of 6 sequence(s) (e.g. 'CNA-0')")
                .contains("'probe_temp_c' holds -99 in 6 cell(s) of 6 sequence(s)");
        // and left out of the °F words: the far values' mean is the °F legs' own
        double sum = 0;
        int n = 0;
        for (Map.Entry<String, float[][]> e : legs.entrySet()) {
            if (e.getKey().startsWith("CF-")) {
                for (float[] step : e.getValue()) {
                    sum += step[0];
                    n++;
                }
            }
        }
        Matcher m = Pattern.compile("'air_temp_c' \\(\\d+% of its values.*?brings the far values' mean \\(the code -99 apart\\) ([-0-9.]+) to ([-0-9.]+)")
                .matcher(err);
        assertThat(m.find()).as(err).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(sum / n, within(0.01));
        assertThat(Double.parseDouble(m.group(2))).isCloseTo((sum / n - 32) / 1.8, within(0.01));

        // F2: the level blocks tell the -99 carrier of its code, and give the unit's advice to the °F carrier only
        for (String block : List.of(line(err, "predict: warning: the new data's level or spread differs"),
                line(err, "predict: warning: the new data's level differs from that of the training sequences"))) {
            if (block.contains("in 'CNA'")) { // said of the codes, as driving the shift or in words of their own
                assertThat(block).containsAnyOf("in 'CNA', the code -99 named above: codes for a missing value, read as numbers, "
                        + "not another unit: read them so with --na-values -99", "(driven by the cells read above as codes for a "
                        + "missing value: without them it is as in training)");
            }
            for (String sentence : block.split("\\. ")) {
                if (sentence.contains("another unit?") || sentence.contains("convert those sequences")) {
                    assertThat(sentence).as(block).doesNotContain("'CNA'");
                }
            }
        }
        String byClass = line(err, "predict: warning: the new data's level differs from that of the training sequences");
        assertThat(byClass).as(err).contains("'air_temp_c' in 'CNA'")
                .contains("in 'CNA', the code -99 named above");
    }

    @Test
    void aFileOfCodesAloneCountsEverySequenceTheColumnMarks() throws Exception {
        Run predicted = run("predict", "--model", model, "--input", write("na.csv", legs(List.of("CNA"))).toString(),
                "--ignore-columns", "carrier");
        assertThat(predicted.code()).as(predicted.err()).isZero();
        Map<String, Map<String, String>> rows = rows(predicted);
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.get("far_from_training")).isEqualTo("air_temp_c;probe_temp_c"));
        // every sequence marked: counted too (it was said of fewer than all only)
        assertThat(predicted.err()).contains("predict: warning: 6 of the 6 sequences have values far outside the training data")
                .contains("are exactly -99: a code for a missing value?");
    }

    @Test
    void constantFeaturesAreTheJavaApisAndServesRowByRow() throws Exception {
        Map<String, float[][]> legs = legs(List.of("C00", "CF", "CNA", "CDEAD"));
        Run predicted = run("predict", "--model", model, "--input", write("constant.csv", legs).toString(),
                "--ignore-columns", "carrier");
        assertThat(predicted.code()).as(predicted.err()).isZero();
        List<String> header = List.of(predicted.out().lines().findFirst().orElseThrow().split(","));
        // after far_from_training and its reasons, as far_from_training is placed; low_confidence stays last
        assertThat(header.subList(header.size() - 5, header.size()))
                .containsExactly("length_untested", "far_from_training", "far_reasons", "constant_features", "low_confidence");
        Map<String, Map<String, String>> rows = rows(predicted);
        List<String> ids = new ArrayList<>(legs.keySet());
        List<float[][]> values = new ArrayList<>(legs.values());
        try (SequenceClassifier classifier = ModelBundle.load(Path.of(model))) {
            List<SequenceClassifier.Prediction> java = classifier.predict(values);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(rows.get(ids.get(i)).get("constant_features")).as(ids.get(i))
                        .isEqualTo(String.join(";", java.get(i).constantFeatures()))
                        .isEqualTo(ids.get(i).startsWith("CDEAD") ? "probe_temp_c" : "");
                assertThat(rows.get(ids.get(i)).get("far_from_training")).as(ids.get(i))
                        .isEqualTo(String.join(";", java.get(i).farFromTraining()));
                // trial 77e F8: why, as the Java API's farReasons() kinds (a code told from a unit row by row)
                assertThat(rows.get(ids.get(i)).get("far_reasons")).as(ids.get(i))
                        .isEqualTo(String.join(";", java.get(i).farReasons().stream().map(r -> r.feature() + ":" + r.kind()).toList()));
            }
            // the °F legs' marks are a unit's, the -99 legs' a code's
            assertThat(rows.get("CF-0").get("far_reasons")).contains("air_temp_c:UNIT");
            assertThat(rows.get("CNA-0").get("far_reasons")).contains("air_temp_c:CODE").doesNotContain("UNIT");
            assertThat(rows.get("C00-0").get("far_reasons")).isEmpty();
        }
        JsonNode predictions = ServedPredictions.of(model, values);
        for (int i = 0; i < ids.size(); i++) {
            List<String> constant = new ArrayList<>();
            predictions.get(i).path("constantFeatures").forEach(f -> constant.add(f.asText()));
            assertThat(String.join(";", constant)).as(ids.get(i)).isEqualTo(rows.get(ids.get(i)).get("constant_features"));
            List<String> reasons = new ArrayList<>(); // serve's farReasons, kind by kind, as the column gives them
            predictions.get(i).path("farReasons").forEach(r -> reasons.add(r.get("feature").asText() + ":" + r.get("kind").asText()));
            assertThat(String.join(";", reasons)).as(ids.get(i)).isEqualTo(rows.get(ids.get(i)).get("far_reasons"));
        }
    }
}
