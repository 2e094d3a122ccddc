package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code evaluate --group-column COL} of a CSV model: scores by any column of the --input file (a fleet trial's voyages,
 * vessels, routes), without retraining, beside the model's own group column (trial 71d F5: it was refused "for text models").
 */
class EvaluateAnyGroupColumnTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Volunteers {@code from} to {@code to - 1}, 8 sequences of 5 steps each; with {@code extra}, a column site (volunteers of
     * even number 'north', odd 'south') and a column rule (always 'up').
     */
    private static Path volunteers(Path file, int from, int to, long seed, boolean extra) throws Exception {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("id,time,x,volunteer," + (extra ? "site,rule," : "") + "label\n");
        for (int v = from; v < to; v++) {
            for (int s = 0; s < 8; s++) {
                String label = (s + v) % 2 == 0 ? "up" : "down";
                for (int t = 0; t < 5; t++) {
                    double x = (t == 0 ? (label.equals("up") ? 1 : -1) : 0) + (0.4 + 0.3 * (v % 3)) * random.nextGaussian();
                    sb.append(String.format(Locale.ROOT, "v%d-s%d,%d,%.4f,person%d,%s%s%n", v, s, t, x, v,
                            extra ? (v % 2 == 0 ? "north," : "south,") + "up," : "", label));
                }
            }
        }
        return Files.writeString(file, sb.toString());
    }

    @Test
    void aCsvModelIsScoredByAnyColumnOfTheFileAndKeepsItsOwnGroupForIntervals(@TempDir Path dir) throws Exception {
        Path train = volunteers(dir.resolve("train.csv"), 0, 8, 1, false);
        Path test = volunteers(dir.resolve("test.csv"), 8, 12, 2, true);
        Path out = dir.resolve("run");
        Run trained = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train", train.toString(), "--set",
                "sequenceId=id", "--set", "time=time", "--set", "label=label", "--set", "features=x", "--set", "group=volunteer",
                "--hidden", "4", "--epochs", "2", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = out.resolve("model.rnnlab").toString();

        // by the model's own group column (the default): each volunteer's right answers
        Run byVolunteer = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", test.toString(), "--json",
                "--ignore-columns", "site,rule");
        assertThat(byVolunteer.code()).as(byVolunteer.err()).isZero();
        JsonNode volunteers = MAPPER.readTree(byVolunteer.out()).get("groups");
        assertThat(volunteers.get("column").asText()).isEqualTo("volunteer");
        Map<String, Integer> right = new HashMap<>();
        for (JsonNode g : volunteers.get("byGroup")) {
            right.put(g.get("group").asText(), (int) Math.round(g.get("accuracy").asDouble() * g.get("examples").asInt()));
        }

        // by a column the model does not read: the site's scores are its volunteers' pooled
        Run bySite = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", test.toString(), "--group-column",
                "site", "--json", "--ignore-columns", "rule");
        assertThat(bySite.code()).as(bySite.err()).isZero();
        JsonNode json = MAPPER.readTree(bySite.out());
        JsonNode sites = json.get("groups");
        assertThat(sites.get("column").asText()).isEqualTo("site");
        assertThat(sites.get("byGroup")).extracting(g -> g.get("group").asText()).containsExactly("north", "south");
        JsonNode north = sites.get("byGroup").get(0);
        JsonNode south = sites.get("byGroup").get(1);
        assertThat(north.get("examples").asInt()).isEqualTo(16);
        assertThat(north.get("accuracy").asDouble()).isCloseTo((right.get("person8") + right.get("person10")) / 16.0, within(1e-9));
        assertThat(south.get("accuracy").asDouble()).isCloseTo((right.get("person9") + right.get("person11")) / 16.0, within(1e-9));
        assertThat(north.get("majorityAccuracy").asDouble()).isEqualTo(0.5);
        // what depends on the model's group column stays by it, and the note says which column is which
        assertThat(bySite.err()).contains("evaluate: note: the scores by group are by --group-column site; the model's group "
                + "column volunteer is still the one its intervals resample");
        assertThat(json.get("intervals95").get("groupScores")).extracting(g -> g.get("group").asText())
                .containsExactlyInAnyOrder("person8", "person9", "person10", "person11");

        // the printed table is headed by the column given
        Run text = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", test.toString(), "--group-column", "site",
                "--ignore-columns", "rule");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("scores by group column site (each against always its most frequent class)")
                .doesNotContain("scores by group column volunteer");

        // with --baseline-column too: each option gets its own column
        Run both = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", test.toString(), "--group-column", "site",
                "--baseline-column", "rule", "--json");
        assertThat(both.code()).as(both.err()).isZero();
        JsonNode bothJson = MAPPER.readTree(both.out());
        assertThat(bothJson.get("groups").get("column").asText()).isEqualTo("site");
        assertThat(bothJson.get("groups").get("byGroup")).hasSize(2);
        assertThat(bothJson.get("baselineColumn").get("accuracy").asDouble()).isEqualTo(0.5); // always 'up': half the sequences

        // one sequence blank in the column (every row of it): scored as the group (blank), named, the table kept (a trial's
        // one blank trip of 120 dropped the whole table)
        Path blank = Files.writeString(dir.resolve("blank.csv"), Files.readString(test).replaceAll("(?m)^(v9-s3,\\d,[^,]*,person9,)south,",
                "$1,"));
        Run blanks = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", blank.toString(), "--group-column",
                "site", "--json", "--ignore-columns", "rule");
        assertThat(blanks.code()).as(blanks.err()).isZero();
        assertThat(blanks.err()).contains("--group-column site: 1 of the 32 sequences have no value in it ('v9-s3'): scored as "
                + "the group (blank)").doesNotContain("no scores by group");
        JsonNode blankSites = MAPPER.readTree(blanks.out()).get("groups").get("byGroup");
        assertThat(blankSites).extracting(g -> g.get("group").asText() + " " + g.get("examples").asInt())
                .containsExactly("(blank) 1", "north 16", "south 15");

        // a column the file lacks: a usage error naming it, with the near name
        Run misspelt = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", test.toString(), "--group-column",
                "sitee", "--ignore-columns", "rule");
        assertThat(misspelt.code()).isEqualTo(2);
        assertThat(misspelt.err()).contains("--group-column sitee: no column named 'sitee' in " + test).contains("did you mean 'site'?");

        // a --dataset split has no file column to read: refused rather than ignored
        Run split = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--dataset", "csv", "--train", train.toString(),
                "--group-column", "site");
        assertThat(split.code()).isEqualTo(2);
        assertThat(split.err()).contains("--group-column site scores a file given with --input");
    }
}
