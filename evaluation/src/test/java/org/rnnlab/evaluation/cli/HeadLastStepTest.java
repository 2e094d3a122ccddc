package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * {@code --head last-step} differs from {@code last} only for bidirectional cells: given for one-directional cells alone it
 * is refused (a user's {@code --cells rnn,lstm --head last-step} printed "last-step head" and gave the scores of
 * {@code --head last}), with a mix of cells noted; config.json files written before the per-direction last head, which read
 * as last-step for all their cells, still replay.
 */
class HeadLastStepTest {

    private static final String[] DATA = {"--bands", "none", "--set", "trainSize=60", "--set", "validationSize=20", "--set",
        "testSize=30", "--set", "maxDistance=4", "--hidden", "3", "--epochs", "1", "--probe", "0", "--quiet"};

    private static String[] compare(String... args) {
        return TrainEvaluatePredictTest.concat(TrainEvaluatePredictTest.concat(new String[] {"compare"}, args), DATA);
    }

    @Test
    void oneDirectionalCellsAloneAreRefused(@TempDir Path dir) {
        Run train = run("train", "--cell", "lstm", "--head", "last-step", "--epochs", "1", "--out", dir.resolve("t").toString());
        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err()).contains("--head last-step differs from --head last only for bidirectional cells (birnn, bilstm, "
                + "bigru, or --bidirectional)").contains("for --cell lstm it is exactly last: give --head last");
        assertThat(dir.resolve("t")).doesNotExist();

        Run compare = run(compare("--cells", "rnn,lstm", "--head", "last-step", "--out", dir.resolve("c").toString()));
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err()).contains("--head last-step differs from --head last only for bidirectional cells")
                .contains("for --cells rnn,lstm it is exactly last");
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void aMixOfCellsIsNotedAndABidirectionalTrainIsAccepted(@TempDir Path dir) {
        Path out = dir.resolve("mix");
        Run mix = run(compare("--cells", "gru,bigru", "--seeds", "1", "--head", "last-step", "--out", out.toString()));
        assertThat(mix.code()).as(mix.err()).isZero();
        assertThat(mix.err()).contains("compare: note: --head last-step differs from last only for the bidirectional cells; gru "
                + "reads the last step either way, so its runs are those of --head last")
                .contains("last-step head (for gru the same as last)");

        Run bi = run("train", "--cell", "lstm", "--bidirectional", "--head", "last-step", "--hidden", "3", "--epochs", "1",
                "--set", "trainSize=60", "--set", "validationSize=20", "--set", "testSize=30", "--set", "maxDistance=4", "--quiet",
                "--out", dir.resolve("bi").toString());
        assertThat(bi.code()).as(bi.err()).isZero();
        assertThat(bi.err()).doesNotContain("last-step differs");
    }

    @Test
    void anOldComparisonConfigReadAsLastStepStillReplays(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        Run made = run(compare("--cells", "gru,bigru", "--seeds", "1", "--out", first.toString()));
        assertThat(made.code()).as(made.err()).isZero();
        // as written before the per-direction last head: no marker, so its runs read as last-step, gru's too
        ObjectNode config = (ObjectNode) Json.mapper().readTree(first.resolve("config.json").toFile());
        ((ObjectNode) config.get("comparison")).remove("bidirectionalLast");
        Files.writeString(first.resolve("config.json"), Json.mapper().writeValueAsString(config));
        Run replay = run("compare", "--config", first.resolve("config.json").toString(), "--quiet", "--out",
                dir.resolve("again").toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("last-step head (for gru the same as last)").doesNotContain("differs from --head last");
        Run one = run("train", "--config", first.resolve("config.json").toString(), "--cell", "gru", "--quiet", "--out",
                dir.resolve("gru").toString());
        assertThat(one.code()).as(one.err()).isZero();
    }
}
