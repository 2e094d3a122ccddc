package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import picocli.CommandLine;

class DataCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new DataCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Raw recordings of volunteer 1 (train, exp 1) and 2 (test, exp 2): 600 samples each, one WALKING segment of 300. */
    private Path rawFixture() throws IOException {
        Path raw = Files.createDirectories(tmp.resolve("hapt").resolve("RawData"));
        StringBuilder acc = new StringBuilder();
        StringBuilder gyro = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            acc.append(0.01 * Math.sin(i / 5.0)).append(" 0.1 0.98\n");
            gyro.append("0.01 0.02 ").append(0.1 * Math.cos(i / 7.0)).append('\n');
        }
        for (String suffix : new String[] {"_exp01_user01.txt", "_exp02_user02.txt"}) {
            Files.writeString(raw.resolve("acc" + suffix), acc);
            Files.writeString(raw.resolve("gyro" + suffix), gyro);
        }
        Files.writeString(raw.resolve("labels.txt"), "1 1 1 101 400\n1 1 8 401 450\n2 2 5 101 400\n");
        return raw.getParent();
    }

    private Path referenceFixture() throws IOException {
        Path ref = tmp.resolve("reference");
        Files.createDirectories(ref.resolve("train"));
        Files.createDirectories(ref.resolve("test"));
        Files.writeString(ref.resolve("train/y_train.txt"), "1\n1\n1\n");
        Files.writeString(ref.resolve("train/subject_train.txt"), "1\n1\n1\n");
        Files.writeString(ref.resolve("test/y_test.txt"), "5\n5\n");
        Files.writeString(ref.resolve("test/subject_test.txt"), "2\n2\n");
        return ref;
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("fetch").contains("har-from-raw");
    }

    @Test
    void withoutASubcommandItPrintsUsageAndFails() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage:").contains("choose a subcommand");
    }

    @Test
    void optionsShowTheirDefaults() {
        assertThat(run("fetch", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--dir=DIR").contains("~/.rnnlab/data").contains("default: 10)").contains("har")
                .doesNotContain("--url");
        out.getBuffer().setLength(0);
        assertThat(run("har-from-raw", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--raw=DIR").contains("--out=DIR").contains("--check=REFERENCE_DIR")
                .contains("default: none, no comparison").contains("default: ZERO_PHASE");
    }

    @Test
    void harFromRawPrintsProgressPerExperimentAndTheAgreementTable() throws IOException {
        Path out = tmp.resolve("har");
        int code = run("har-from-raw", "--raw", rawFixture().toString(), "--out", out.toString(), "--check",
                referenceFixture().toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(this.out.toString())
                .contains("experiment  1  volunteer  1  train     600 samples   1 segments    3 windows")
                .contains("experiment  2  volunteer  2  test      600 samples   1 segments    3 windows")
                .contains("3 train + 3 test windows")
                .contains("train windows: official 3, re-cut 3; test windows: official 2, re-cut 3")
                .contains("agreement (sum of min(official, re-cut) / official): 1.0000");
        assertThat(out.resolve("train/Inertial Signals/body_acc_x_train.txt")).exists();
    }

    @Test
    void harFromRawWithMissingInputFailsWithAClearMessage() {
        Path out = tmp.resolve("har");
        assertThat(run("har-from-raw", "--raw", tmp.resolve("nowhere").toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: malformed data:").contains("labels.txt").contains("missing file");
        assertThat(out).doesNotExist();
    }

    @Test
    void aCheckFolderWithoutTheOfficialLabelsIsRefusedBeforeTheRecut() throws IOException {
        // before, the re-cut ran and wrote --out in full, then the command failed on --check
        Path out = tmp.resolve("har");
        assertThat(run("har-from-raw", "--raw", rawFixture().toString(), "--out", out.toString(), "--check", rawFixture().toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("y_train.txt").contains("missing file");
        assertThat(this.out.toString()).doesNotContain("re-cutting");
        assertThat(out).doesNotExist();
    }

    @Test
    void harFromRawWithoutRequiredOptionsIsAUsageError() {
        assertThat(run("har-from-raw", "--raw", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
    }

    @Test
    void fetchOfflineFailsFastWithWhereToPutACopy() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cache = tmp.resolve("cache");
        int code = run("fetch", "har", "--dir", cache.toString(), "--url", "http://127.0.0.1:" + port + "/x.zip",
                "--connect-timeout", "2");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot download UCI HAR").contains(cache.resolve("UCI HAR Dataset").toAbsolutePath().toString())
                .contains("--data DIR");
    }

    @Test
    void fetchRejectsAnUnknownDataset() {
        assertThat(run("fetch", "mnist")).isEqualTo(2);
        assertThat(err.toString()).contains("mnist");
    }
    @Test
    void exampleHelpNamesTheShapesTheirDefaultsAndThatTheLookAlikesAreSynthetic() {
        assertThat(run("example", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--like=ARCHIVE")
                .contains("oscillation, basicmotions, longshapelet (default: oscillation)")
                .contains("UEA BasicMotions").contains("FordA").contains("synthetic")
                .contains("default: 30 for oscillation, 10 for basicmotions, 50 for longshapelet")
                .contains("default: 20 for oscillation, 10 for basicmotions, 50 for longshapelet")
                .contains("--set sequenceId=series_id --set time=timestamp --set label=class");
    }

    @Test
    void exampleWithoutLikeWritesTheOscillationsAsBefore() throws IOException {
        Path cli = tmp.resolve("cli");
        assertThat(run("example", "--out", cli.toString())).as(err.toString()).isZero();
        Path lib = tmp.resolve("lib");
        ExampleArchive.write(lib, 30, 20, 7);
        for (String f : new String[] {"TRAIN.csv", "TEST.csv"}) {
            assertThat(Files.readAllBytes(cli.resolve(f))).isEqualTo(Files.readAllBytes(lib.resolve(f)));
        }
        assertThat(out.toString()).isEqualTo("wrote " + cli.resolve("TRAIN.csv") + " and " + cli.resolve("TEST.csv")
                + ": 90 and 60 series of classes [slow, medium, fast]" + System.lineSeparator());
    }

    @Test
    void exampleLikeBasicMotionsWritesTheArchiveSizeBySeed() throws IOException {
        Path cli = tmp.resolve("bm");
        assertThat(run("example", "--out", cli.toString(), "--like", "basicmotions", "--seed", "5")).as(err.toString()).isZero();
        Path lib = tmp.resolve("lib");
        ExampleArchive.write(ExampleArchive.Like.BASICMOTIONS, lib, 10, 10, 5);
        for (String f : new String[] {"TRAIN.csv", "TEST.csv"}) {
            assertThat(Files.readAllBytes(cli.resolve(f))).isEqualTo(Files.readAllBytes(lib.resolve(f)));
        }
        assertThat(Files.readAllLines(cli.resolve("TRAIN.csv")).get(0))
                .isEqualTo("series_id,timestamp,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z,class");
        assertThat(out.toString()).contains("40 and 40 series of classes [Standing, Walking, Running, Badminton]")
                .contains("synthetic look-alike of UEA BasicMotions").contains("not the real recordings");
    }

    @Test
    void exampleLikeLongShapeletTakesTheSizesGiven() throws IOException {
        Path cli = tmp.resolve("ls");
        assertThat(run("example", "--out", cli.toString(), "--like", "longshapelet", "--train-per-class", "2", "--test-per-class", "1"))
                .as(err.toString()).isZero();
        List<String> train = Files.readAllLines(cli.resolve("TRAIN.csv"));
        assertThat(train.get(0)).isEqualTo("series_id,timestamp,value,class");
        assertThat(train).hasSize(1 + 4 * 500);
        assertThat(Files.readAllLines(cli.resolve("TEST.csv"))).hasSize(1 + 2 * 500);
        assertThat(out.toString()).contains("4 and 2 series of classes [A, B]").contains("FordA").contains("not the real data");
    }

    @Test
    void exampleWithAnUnknownLikeIsAUsageErrorNamingTheAcceptedOnes() {
        Path cli = tmp.resolve("bad");
        assertThat(run("example", "--out", cli.toString(), "--like", "fordA")).isEqualTo(2);
        assertThat(err.toString()).contains("--like").contains("fordA").contains("expected one of oscillation, basicmotions, longshapelet");
        assertThat(cli).doesNotExist();
    }
}
