package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.RunTask;

/**
 * {@code compare --cv K --class-weights balanced}: each fold's runs train with the weights of the sequences that fold trains
 * on (a bioacoustics trial: the weights came from the training split carved by site before the folds, which no fold uses,
 * and a rare species weighed 8.96 where the pooled data give 4.07).
 */
class FoldClassWeightsTest {

    private static final List<String> LABELS = List.of("common", "mid", "rare"); // the data's label order (sorted)

    /** 8 sites x 6 sequences of 4 steps; 'rare' only at sites 0 to 2, 'mid' more often at the even sites. */
    private static String label(int site, int s) {
        if (site < 3 && s < 2 + site % 2) {
            return "rare";
        }
        return (s + site) % (site % 2 == 0 ? 2 : 3) == 0 ? "mid" : "common";
    }

    @Test
    void eachFoldsWeightsComeFromItsTrainingPart(@TempDir Path dir) throws Exception {
        Random random = new Random(5);
        StringBuilder sb = new StringBuilder("id,time,x,site,label\n");
        Map<String, String> labelOf = new HashMap<>();
        for (int site = 0; site < 8; site++) {
            for (int s = 0; s < 6; s++) {
                String id = "s" + site + "-" + s;
                labelOf.put(id, label(site, s));
                for (int t = 0; t < 4; t++) {
                    sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,site%d,%s%n", id, t, random.nextGaussian(), site, label(site, s)));
                }
            }
        }
        Path csv = Files.writeString(dir.resolve("sites.csv"), sb.toString());
        Path out = dir.resolve("cmp");
        // no validation carve: a fold's training part is every other fold, so folds.csv gives its counts
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run("compare", "--dataset", "csv", "--train", csv.toString(),
                "--set", "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x",
                "--set", "validationFraction=0", "--cells", "rnn", "--seeds", "1", "--epochs", "1", "--hidden", "2", "--cv", "4",
                "--group-column", "site", "--class-weights", "balanced", "--probe", "0", "--quiet", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();

        // the expected weights, from folds.csv: n / (k n_c) of the sequences outside fold f; of all 48 for the base model
        List<String> folds = Files.readAllLines(out.resolve("folds.csv"));
        assertThat(folds.get(0)).isEqualTo("sequence_id,group,fold");
        int[][] outside = new int[4][3];
        int[] pooled = new int[3];
        for (String row : folds.subList(1, folds.size())) {
            String[] c = row.split(",");
            int label = LABELS.indexOf(labelOf.get(c[0]));
            pooled[label]++;
            for (int f = 0; f < 4; f++) {
                if (f != Integer.parseInt(c[2])) {
                    outside[f][label]++;
                }
            }
        }
        JsonNode comparison = Json.mapper().readTree(out.resolve("config.json").toFile()).get("comparison");
        JsonNode perFold = comparison.get("foldClassWeights");
        assertThat(perFold).as("config.json records each fold's weights").hasSize(4);
        boolean differ = false;
        for (int f = 0; f < 4; f++) {
            int n = outside[f][0] + outside[f][1] + outside[f][2];
            double largest = 0;
            for (int c = 0; c < 3; c++) {
                largest = outside[f][c] == 0 ? largest : Math.max(largest, n / (3.0 * outside[f][c]));
            }
            for (int c = 0; c < 3; c++) {
                double expected = outside[f][c] == 0 ? largest : n / (3.0 * outside[f][c]);
                assertThat(perFold.get(f).get(c).asDouble()).as("fold %d, class %s", f, LABELS.get(c)).isCloseTo(expected, within(1e-12));
                differ |= Math.abs(expected - 48 / (3.0 * pooled[c])) > 1e-6;
            }
        }
        assertThat(differ).as("the folds' weights are not all the pooled ones").isTrue();
        for (int c = 0; c < 3; c++) {
            assertThat(comparison.at("/base/classWeights/" + c).asDouble()).as("base: pooled").isCloseTo(48 / (3.0 * pooled[c]),
                    within(1e-12));
        }
        assertThat(run.err()).contains("compare: class weights balanced per fold, each from the sequences its fold trains on")
                .contains("compare:   fold 0: common=", "compare:   fold 3: common=");

        // the runs of fold f train with fold f's weights (the tasks as an engine gets them, from config.json as --resume reads it)
        ComparisonConfig config = Json.mapper().treeToValue(comparison, ComparisonConfig.class);
        List<RunTask> tasks = Comparison.tasks(config);
        assertThat(tasks).hasSize(4);
        for (RunTask t : tasks) {
            for (int c = 0; c < 3; c++) {
                assertThat(t.spec().classWeights().get(c)).isEqualTo(perFold.get(t.fold()).get(c).asDouble());
            }
        }
        // a comparison whose runs share the base's weights writes no such field
        assertThat(Json.writeCompact(config.withFoldClassWeights(null))).doesNotContain("foldClassWeights");
        assertThat(Json.writeCompact(config)).contains("\"foldClassWeights\":[[");
    }
}
