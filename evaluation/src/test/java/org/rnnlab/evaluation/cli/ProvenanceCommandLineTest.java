package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;

/** provenance.json records the command line exactly as typed: {@code rnnlab compare --seeds 2 ...}, never the command twice. */
class ProvenanceCommandLineTest {

    private static List<String> recorded(Path runDir) throws Exception {
        JsonNode provenance = Json.mapper().readTree(runDir.resolve("provenance.json").toFile());
        List<String> line = new ArrayList<>();
        provenance.get("commandLine").forEach(n -> line.add(n.asText()));
        return line;
    }

    private static List<String> typed(String... args) {
        List<String> line = new ArrayList<>(List.of("rnnlab"));
        line.addAll(List.of(args));
        return line;
    }

    @Test
    void compareRecordsWhatWasTyped(@TempDir Path dir) throws Exception {
        String[] args = {"compare", "--seeds", "2", "--cells", "rnn", "--epochs", "1", "--hidden", "4", "--set", "trainSize=60",
            "--set", "validationSize=20", "--set", "testSize=20", "--set", "maxDistance=4", "--probe", "0", "--quiet",
            "--out", dir.resolve("cmp").toString()};
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(args);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(recorded(dir.resolve("cmp"))).containsExactlyElementsOf(typed(args));
        // the folder the command ran in, against which its relative paths are read (a user could not rerun a relative command)
        assertThat(Json.mapper().readTree(dir.resolve("cmp").resolve("provenance.json").toFile()).get("workingDirectory").asText())
                .isEqualTo(System.getProperty("user.dir"));
    }

    @Test
    void trainRecordsWhatWasTypedAndARecipeByItsName(@TempDir Path dir) throws Exception {
        String[] args = {"train", "--dataset", "agreement", "--set", "trainSize=60", "--set", "validationSize=20", "--set",
            "testSize=20", "--set", "maxDistance=4", "--cell=rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out",
            dir.resolve("t").toString()};
        TrainEvaluatePredictTest.Run run = TrainEvaluatePredictTest.run(args);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(recorded(dir.resolve("t"))).containsExactlyElementsOf(typed(args));

        // a recipe's options are in config.json; the line is what the user typed, with the recipe's name
        String[] withRecipe = {"train", "--recipe", "small", "--dataset", "agreement", "--set", "trainSize=60", "--set",
            "testSize=20", "--set", "maxDistance=4", "--cell", "rnn", "--hidden", "4", "--conv", "3x4", "--augment", "none", "--epochs", "1", "--quiet",
            "--out", dir.resolve("r").toString()};
        run = TrainEvaluatePredictTest.run(withRecipe);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("the recipe adds");
        assertThat(recorded(dir.resolve("r"))).containsExactlyElementsOf(typed(withRecipe));
    }

    @Test
    void aCommandRunOnItsOwnStillStartsWithItsName() {
        picocli.CommandLine cl = new picocli.CommandLine(new CompareCommand());
        cl.parseArgs("--seeds", "2");
        assertThat(CommandLines.of(cl.getCommandSpec())).containsExactly("rnnlab", "compare", "--seeds", "2");
    }
}
