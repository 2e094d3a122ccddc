package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.train.TrainRequest;
import org.rnnlab.training.Augmentation;

/** {@code --augment} of {@code train} and {@code compare}: parsed, checked, refused for token input, kept in config.json. */
class AugmentOptionTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        ExampleArchive.write(dir, 4, 2, 1);
    }

    private static String[] csv(String command, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--test", dir.resolve("TEST.csv").toString(), "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()));
        a.addAll(List.of(OwnDataEndToEndTest.COLUMNS));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void trainKeepsTheAugmentationInConfigJson() throws Exception {
        Path out = dir.resolve("augmented");
        Run r = run(csv("train", out, "--augment", "jitter=0.05,timewarp=0.1,slice=0.9"));
        assertThat(r.code()).as(r.err()).isZero();
        TrainRequest request = Json.readFile(out.resolve("config.json"), TrainRequest.class);
        assertThat(request.training().augmentation()).isEqualTo(new Augmentation(0.05, 0, 0, 0.1, 0.9, 4));
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"augmentation\" : {").contains("\"jitter\" : 0.05");

        Path plain = dir.resolve("plain");
        Run p = run(csv("train", plain));
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(Json.readFile(plain.resolve("config.json"), TrainRequest.class).training().augmentation())
                .isEqualTo(Augmentation.none());
    }

    @Test
    void compareKeepsItInConfigJsonToo() throws Exception {
        Path out = dir.resolve("compare");
        Run r = run(csv("compare", out, "--cells", "gru", "--seeds", "1", "--probe", "0", "--augment", "scale=0.1,magwarp=0.2"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.at("/comparison/training/augmentation/scale").asDouble()).isEqualTo(0.1);
        assertThat(config.at("/comparison/training/augmentation/magWarp").asDouble()).isEqualTo(0.2);
        assertThat(config.at("/comparison/training/augmentation/slice").asDouble()).isEqualTo(1.0);
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOptionAndWriteNothing() {
        Path out = dir.resolve("bad");
        Run unknown = run(csv("train", out, "--augment", "jitter=0.1,wobble=2"));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--augment jitter=0.1,wobble=2: unknown augmentation key 'wobble', accepted: "
                + "jitter, scale, magwarp, timewarp, slice, knots");
        Run range = run(csv("compare", out, "--augment", "slice=0"));
        assertThat(range.code()).isEqualTo(2);
        assertThat(range.err()).contains("--augment slice=0: slice must be in (0, 1]");
        Run number = run(csv("train", out, "--augment", "scale=big"));
        assertThat(number.code()).isEqualTo(2);
        assertThat(number.err()).contains("--augment scale=big: augmentation key 'scale' needs a number");
        // settings that change nothing were accepted and recorded (a user's knots=6 trained exactly as without --augment)
        Run knots = run(csv("train", out, "--augment", "jitter=0.05,knots=6"));
        assertThat(knots.code()).isEqualTo(2);
        assertThat(knots.err()).contains("--augment jitter=0.05,knots=6: knots shapes the random curves of magwarp and timewarp, "
                + "and neither is on");
        Run zero = run(csv("compare", out, "--augment", "jitter=0"));
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--augment jitter=0 turns no transform on");
        assertThat(out).doesNotExist();
    }

    @Test
    void tokenDatasetsAreRefused() {
        Path out = dir.resolve("tokens");
        for (String command : List.of("train", "compare")) {
            Run r = run(command, "--dataset", "agreement", "--set", "trainSize=40", "--set", "validationSize=10", "--set",
                    "testSize=10", "--epochs", "1", "--quiet", "--augment", "jitter=0.1", "--out", out.toString());
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(command).contains("--augment jitter=0.1: dataset agreement reads token ids");
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void theHelpStatesTheDefaultAndTheKeys() {
        for (String command : List.of("train", "compare")) {
            String help = run(command, "--help").out().replaceAll("\\s+", " ").replace(", ", ","); // picocli may wrap after a comma
            assertThat(help).as(command).contains("--augment=SPEC").contains("(default: none)")
                    .contains("jitter=0.03,scale=0.1,magwarp=0.2").contains("Keys: jitter").contains("knots").contains("slice (ratio");
        }
    }
}
