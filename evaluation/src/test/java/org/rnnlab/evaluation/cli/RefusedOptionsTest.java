package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Implementation;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.evaluation.compare.Comparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * Options a user gives that would otherwise be silently dropped or recorded wrongly (a user's try of train and
 * compare): a repeated {@code --set} key, {@code --impl dl4j} for a GRU, a threshold for a clip mode that has none.
 * Each is a usage error (exit 2) naming the option, and no run folder is made.
 */
class RefusedOptionsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        ExampleArchive.write(dir, 4, 2, 1);
    }

    private static String[] train(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString()));
        a.addAll(List.of(OwnDataEndToEndTest.COLUMNS));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void anEmptyEntryOfAListOptionIsRefusedNamingItsPosition() {
        // a user's --cells ,gru / gru, / lstm,,gru and --clip none, ran as if the empty entry were not there
        String[][] cases = {{"--cells", ",gru", "entry 1 of 2 is empty", "--cells gru)"},
            {"--cells", "gru,", "entry 2 of 2 is empty", "--cells gru)"},
            {"--cells", "lstm,,gru", "entry 2 of 3 is empty", "--cells lstm,gru)"},
            {"--clip", "none,", "entry 2 of 2 is empty", "--clip none)"}};
        int i = 0;
        for (String[] c : cases) {
            Path out = dir.resolve("empty-entry-" + i++);
            List<String> a = new ArrayList<>(List.of("compare", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                    "--test", dir.resolve("TEST.csv").toString(), c[0], c[1], "--epochs", "1", "--quiet", "--out", out.toString()));
            a.addAll(List.of(OwnDataEndToEndTest.COLUMNS));
            Run r = run(a.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(c[0] + " '" + c[1] + "': " + c[2]).contains("e.g. " + c[3]);
            assertThat(out).doesNotExist();
        }
        Run gradients = run("gradients", "--cells", "rnn,,lstm", "--out", dir.resolve("g").toString());
        assertThat(gradients.code()).isEqualTo(2);
        assertThat(gradients.err()).contains("--cells 'rnn,,lstm': entry 2 of 3 is empty");
        Run bench = run("bench", "--cells", "gru,");
        assertThat(bench.code()).isEqualTo(2);
        assertThat(bench.err()).contains("--cells 'gru,': entry 2 of 2 is empty");
        Run blank = run("bench", "--cells", " "); // no entry at all: no empty "e.g. --cells )" suggestion
        assertThat(blank.code()).isEqualTo(2);
        assertThat(blank.err()).contains("--cells ' ': no value given").contains("leave --cells out for its default")
                .doesNotContain("e.g.");
    }

    @Test
    void aSetKeyGivenTwiceIsRefusedNotOverwritten() {
        Path out = dir.resolve("twice");
        Run r = run(train(out, "--set", "validationFraction=0.1", "--set", "validationFraction=0.3"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--set validationFraction given twice ('validationFraction=0.1' and 'validationFraction=0.3')");
        assertThat(out).doesNotExist();
        Run g = run("gradients", "--dataset", "csv", "--data", dir.toString(), "--set", "header=true", "--set", "header=false",
                "--out", dir.resolve("g").toString());
        assertThat(g.code()).as(g.err()).isEqualTo(2);
        assertThat(g.err()).contains("--set header given twice");
        assertThat(dir.resolve("g")).doesNotExist();
    }

    @Test
    void anEngineNameIsReadInAnyCase() throws Exception {
        // --engine Local was refused ("engine names are lowercase") where --updater, --impl, --head and --cells take any case
        try (org.rnnlab.evaluation.engine.RunEngine local = org.rnnlab.evaluation.engine.RunEngines.create(
                new org.rnnlab.evaluation.engine.EngineOptions("Local", null, 1))) {
            assertThat(local).isInstanceOf(org.rnnlab.evaluation.engine.InProcessEngine.class);
        }
        Path out = dir.resolve("engine");
        Run r = run("compare", "--engine", "LOCAL", "--master", "local[2]", "--cells", "rnn", "--seeds", "1", "--epochs", "1",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--master does not apply to the local engine").doesNotContain("lowercase");
        // SPARK is spark: here (no Spark module on the class path) the message says how to get it
        Run s = run("compare", "--engine", "SPARK", "--cells", "rnn", "--seeds", "1", "--epochs", "1", "--out", out.toString());
        assertThat(s.code()).as(s.err()).isEqualTo(2);
        assertThat(s.err()).contains("--engine spark is not available here").contains("the Spark engine is the rnnlab-spark module");
        assertThat(out).doesNotExist();
    }

    @Test
    void dl4jImplementationOfAGruIsRefused() {
        Path out = dir.resolve("gru-dl4j");
        Run r = run(train(out, "--cell", "gru", "--impl", "dl4j"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--impl dl4j does not apply to --cell gru: DL4J M2.1 has no GRU layer");
        assertThat(out).doesNotExist();

        List<String> c = new ArrayList<>(List.of("compare", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(),
                "--cells", "gru,bigru", "--impl", "dl4j", "--seeds", "1", "--hidden", "4", "--epochs", "1", "--quiet", "--out",
                dir.resolve("gru-dl4j-compare").toString()));
        c.addAll(List.of(OwnDataEndToEndTest.COLUMNS));
        Run compared = run(c.toArray(String[]::new));
        assertThat(compared.code()).as(compared.err()).isEqualTo(2);
        assertThat(compared.err()).contains("--impl dl4j does not apply to --cells gru,bigru: DL4J M2.1 has no GRU layer");
        assertThat(dir.resolve("gru-dl4j-compare")).doesNotExist();
    }

    @Test
    void dl4jsBidirectionalLstmOnSequencesOfDifferentLengthsIsRefused() {
        // its backward direction reads padding wrongly: a user's model predicted a sequence one way alone, another in a batch
        Path out = dir.resolve("bilstm-dl4j");
        Run r = run("train", "--dataset", "agreement", "--cell", "bilstm", "--impl", "dl4j", "--epochs", "1", "--quiet", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--impl dl4j: DL4J M2.1's own bidirectional LSTM reads padded steps wrongly")
                .containsPattern("training and validation sequences of agreement have lengths \\d+-\\d+");
        assertThat(out).doesNotExist();
        Run compared = run("compare", "--dataset", "agreement", "--cells", "lstm,bilstm", "--impl", "dl4j", "--seeds", "1", "--epochs",
                "1", "--quiet", "--out", dir.resolve("bilstm-dl4j-compare").toString());
        assertThat(compared.code()).as(compared.err()).isEqualTo(2);
        assertThat(compared.err()).contains("DL4J M2.1's own bidirectional LSTM reads padded steps wrongly");
        assertThat(dir.resolve("bilstm-dl4j-compare")).doesNotExist();
        // the one-directional DL4J LSTM reads padding right, and is trained
        Run lstm = run("train", "--dataset", "agreement", "--cell", "lstm", "--impl", "dl4j", "--hidden", "4", "--epochs", "1",
                "--set", "trainSize=60", "--set", "validationSize=20", "--set", "testSize=20", "--quiet", "--out",
                dir.resolve("lstm-dl4j").toString());
        assertThat(lstm.code()).as(lstm.err()).isZero();
    }

    @Test
    void aComparisonWithDl4jLayersRecordsItsGrusAsRnnlabs() {
        ModelSpec base = ModelSpec.of(CellType.LSTM).withImplementation(Implementation.DL4J);
        assertThat(Comparison.specOf(base, Architecture.parse("bigru")).implementation()).isEqualTo(Implementation.RNNLAB);
        assertThat(Comparison.specOf(base, Architecture.parse("bigru")).bidirectional()).isTrue();
        assertThat(Comparison.specOf(base, Architecture.parse("rnn")).implementation()).isEqualTo(Implementation.DL4J);
        assertThat(Comparison.specOf(base, Architecture.parse("rnn")).cell()).isEqualTo(CellType.RNN);
    }

    @Test
    void aThresholdForANormalizationWithoutOneIsRefused() throws Exception {
        Path out = dir.resolve("renorm");
        Run r = run(train(out, "--clip", "renorm:2"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--clip renorm:2: clip setting 'renorm:2': renorm takes no threshold");
        assertThat(out).doesNotExist();
        Run ok = run(train(out, "--clip", "renorm"));
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.readString(out.resolve("config.json"))).contains("RenormalizeL2PerLayer");
    }

    @Test
    void aListOfClipSettingsInTrainPointsToCompareAndTooManyThreadsAreWarnedOf() throws Exception {
        // a user's try: train --clip l2:1,value:1 said "threshold after ':' must be a number"; --threads 64 on 2 cores said nothing
        Path out = dir.resolve("cliplist");
        Run r = run(train(out, "--clip", "l2:1,value:1"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--clip takes one setting in train, got 'l2:1,value:1'").contains("rnnlab compare --clip l2:1,value:1");
        assertThat(out).doesNotExist();
        // a trial's --clip 'none,': the suggestion was compare --clip none, which compare refuses (an empty entry)
        Run trailing = run(train(dir.resolve("cliptrailing"), "--clip", "none,"));
        assertThat(trailing.code()).as(trailing.err()).isEqualTo(2);
        assertThat(trailing.err()).contains("--clip takes one setting in train, got 'none,': give one setting, e.g. --clip none")
                .doesNotContain("rnnlab compare --clip");
        Run empties = run(train(dir.resolve("clipempties"), "--clip", "none,,l2:1,"));
        assertThat(empties.err()).contains("(rnnlab compare --clip none,l2:1)");
        int cores = Runtime.getRuntime().availableProcessors();
        Run many = run(train(dir.resolve("threads"), "--threads", Integer.toString(cores + 1)));
        assertThat(many.code()).as(many.err()).isZero();
        assertThat(many.err()).contains("--threads " + (cores + 1) + " is more than the " + cores + " processor(s)");
        Run fits = run(train(dir.resolve("threads1"), "--threads", "1"));
        assertThat(fits.err()).doesNotContain("processor(s)");
    }

    @Test
    void sgdWithoutARateGetsItsOwnAndATinyClipThresholdIsWarnedOf() throws Exception {
        // a user's --updater sgd trained at Adam's default rate and learned nothing; value:1e-30 left the model at chance
        Path out = dir.resolve("sgd");
        Run r = run(train(out, "--updater", "sgd", "--clip", "value:1e-30"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("--updater sgd without --lr: learning rate 0.1")
                .contains("clip threshold(s) value:1e-30 below 0.000001");
        assertThat(org.rnnlab.core.Json.mapper().readTree(out.resolve("config.json").toFile()).at("/spec/learningRate").asDouble())
                .isEqualTo(0.1);
        Run given = run(train(dir.resolve("sgd2"), "--updater", "sgd", "--lr", "0.3", "--clip", "l2:0.5"));
        assertThat(given.err()).doesNotContain("without --lr").doesNotContain("clip threshold");
    }

    /** A run folder a running command holds is not continued or replaced by a second command (it would train beside it). */
    @Test
    @SuppressWarnings("try") // the lock is held by the try, not used in it
    void aRunFolderInUseIsNotResumedOrOverwritten() throws Exception {
        Path busy = org.rnnlab.training.RunDirectory.create(dir.resolve("busy"), "train-csv");
        try (org.rnnlab.training.RunLock held = org.rnnlab.training.RunLock.acquire(busy)) {
            Run resumed = run("train", "--resume", busy.toString());
            assertThat(resumed.code()).as(resumed.err()).isEqualTo(1);
            assertThat(resumed.err()).contains("run folder " + busy + " is in use: another rnnlab command is still running in it");
            Run compared = run("compare", "--resume", busy.toString());
            assertThat(compared.code()).as(compared.err()).isEqualTo(1);
            assertThat(compared.err()).contains("is in use");
            Run overwritten = run(train(busy, "--overwrite"));
            assertThat(overwritten.code()).as(overwritten.err()).isNotZero();
            assertThat(overwritten.err()).contains("is in use");
        }
    }
}
