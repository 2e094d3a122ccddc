package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A long-layout model given a folder of one file per sequence with a labels.csv: {@code evaluate --group-column} (and the
 * other options that copy a column per sequence) take the column from the labels file, as for a folder-layout model (trial
 * 77c F6: {@code --group-column driver} was refused for the long-layout model only, though its labels.csv held the column).
 */
class LongModelFolderColumnsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Sequence {@code s}'s rows {@code t,x}: rising for even {@code s}, falling for odd, with noise. */
    private static List<String> rows(int s, Random random) {
        List<String> rows = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            rows.add(String.format(Locale.ROOT, "%d,%.4f", t, (s % 2 == 0 ? t : -t) * 0.3 + 0.5 * random.nextGaussian()));
        }
        return rows;
    }

    private static String label(int s) {
        return s % 2 == 0 ? "rise" : "fall";
    }

    /** Sequence {@code s}'s site: 'north' for s % 4 below 2, else 'south'. */
    private static String site(int s) {
        return s % 4 < 2 ? "north" : "south";
    }

    @Test
    void groupColumnOfALongModelsFolderIsTakenFromItsLabelsFile(@TempDir Path dir) throws Exception {
        StringBuilder train = new StringBuilder("id,t,x,label\n");
        Random random = new Random(1);
        for (int s = 0; s < 60; s++) {
            for (String r : rows(s, random)) {
                train.append('s').append(s).append(',').append(r).append(',').append(label(s)).append('\n');
            }
        }
        Path out = dir.resolve("run");
        Run trained = TrainEvaluatePredictTest.run("train", "--dataset", "csv", "--train",
                Files.writeString(dir.resolve("train.csv"), train.toString()).toString(), "--set", "sequenceId=id", "--set",
                "time=t", "--cell", "gru", "--hidden", "4", "--epochs", "2", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = out.resolve("model.rnnlab").toString();

        // the same 24 new sequences as one long file (with the site column) and as a folder with labels.csv (file,label,site)
        Path folder = Files.createDirectories(dir.resolve("new"));
        StringBuilder longFile = new StringBuilder("id,t,x,label,site\n");
        List<String> labels = new ArrayList<>(List.of("file,label,site"));
        random = new Random(2);
        for (int s = 100; s < 124; s++) {
            List<String> rows = rows(s, random);
            List<String> file = new ArrayList<>(List.of("t,x"));
            file.addAll(rows);
            Files.write(folder.resolve("n" + s + ".csv"), file);
            labels.add("n" + s + ".csv," + label(s) + "," + site(s));
            for (String r : rows) {
                longFile.append('n').append(s).append(',').append(r).append(',').append(label(s)).append(',').append(site(s)).append('\n');
            }
        }
        Files.write(folder.resolve("labels.csv"), labels);
        Path asOneFile = Files.writeString(dir.resolve("new.csv"), longFile.toString());

        Run fromFolder = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", folder.toString(), "--group-column",
                "site", "--json");
        assertThat(fromFolder.code()).as(fromFolder.err()).isZero();
        Run fromFile = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", asOneFile.toString(), "--group-column",
                "site", "--json");
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        JsonNode byFolder = MAPPER.readTree(fromFolder.out()).get("groups");
        assertThat(byFolder.get("column").asText()).isEqualTo("site");
        assertThat(byFolder.get("byGroup")).extracting(g -> g.get("group").asText() + " " + g.get("examples").asInt())
                .containsExactly("north 12", "south 12");
        assertThat(byFolder).as("the same scores by site as the same sequences in one file").isEqualTo(
                MAPPER.readTree(fromFile.out()).get("groups"));

        // predict --keep-columns too: each id (the file name without .csv) with its labels file's value
        Run kept = TrainEvaluatePredictTest.run("predict", "--model", model, "--input", folder.toString(), "--keep-columns", "site");
        assertThat(kept.code()).as(kept.err()).isZero();
        List<String> lines = kept.out().lines().toList();
        int at = List.of(lines.get(0).split(",")).indexOf("site");
        assertThat(at).as(lines.get(0)).isPositive();
        assertThat(lines.subList(1, lines.size())).hasSize(24).allSatisfy(l -> assertThat(l.split(",")[at])
                .isEqualTo(site(Integer.parseInt(l.split(",")[0].substring(1)))));

        // a folder without labels.csv has no column to copy: refused, saying what would do
        Files.delete(folder.resolve("labels.csv"));
        Run none = TrainEvaluatePredictTest.run("evaluate", "--model", model, "--input", folder.toString(), "--group-column", "site");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--group-column copies columns of one long-layout CSV file, and " + folder + " is a folder "
                + "of one file per sequence without a labels.csv").contains("or the folder with a labels.csv holding the column");
    }
}
