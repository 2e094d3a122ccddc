package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.har.HarDownloader;
import org.rnnlab.datasets.har.HarFilters;
import org.rnnlab.datasets.har.HarRecutCheck;
import org.rnnlab.datasets.har.RawRecordings;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab data}: obtains and prepares datasets. Subcommands:
 * <ul>
 *   <li>{@code fetch har [--dir DIR]}: downloads, verifies and unpacks the official UCI HAR folder;</li>
 *   <li>{@code har-from-raw --raw DIR --out DIR [--check REFERENCE_DIR]}: re-cuts UCI HAR windows from
 *       the raw UCI HAPT recordings and optionally compares the window counts with the official files;</li>
 *   <li>{@code example --out DIR [--like oscillation|basicmotions|longshapelet]}: writes a small benchmark-style
 *       TRAIN.csv/TEST.csv pair to try users'-own-data commands on ({@link org.rnnlab.datasets.synthetic.ExampleArchive});
 *       {@code --like} picks the shape: the default three-class oscillations, or a synthetic look-alike of UEA
 *       BasicMotions or of a long univariate UCR set such as FordA.</li>
 *   <li>{@code windows --input FILE --entity COLUMN --time COLUMN --length N [--events FILE --horizon DURATION] --out FILE}:
 *       cuts a continuous multi-entity series into labelled windows ({@link DataWindowsCommand},
 *       {@link org.rnnlab.datasets.windows.SeriesWindows}).</li>
 * </ul>
 * Exit codes: 0 success, 1 failure (with a one-line message on stderr), 2 usage error.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE},
        description = "Download or prepare datasets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.HarFromRaw.class, DataCommand.Example.class, DataWindowsCommand.class})
public final class DataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("error: choose a subcommand (fetch, har-from-raw, example, windows)");
        return 2;
    }

    /** Runs {@code body}, turning the expected failures into exit code 1 and a clear message. */
    static int run(CommandSpec spec, IoCallable body) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return body.call();
        } catch (DatasetFormatException e) {
            err.println("error: malformed data: " + e.getMessage());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    /** A command body that may fail with an I/O error. */
    interface IoCallable {
        int call() throws IOException;
    }

    /** {@code data fetch <dataset>}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE},
            description = "Download, verify (size and SHA-256) and unpack a dataset into the data cache.")
    static final class Fetch implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset to fetch: ${COMPLETION-CANDIDATES}.")
        Dataset dataset;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "Data cache folder; the dataset is unpacked into DIR/UCI HAR Dataset "
                        + "(default: $RNNLAB_DATA, else ~/.rnnlab/data; here: ${DEFAULT-VALUE}).")
        Path dir = HarDownloader.defaultCacheDir();

        @Option(names = "--url", hidden = true, description = "Download address (default: ${DEFAULT-VALUE}).")
        URI url = HarDownloader.OFFICIAL_URL;

        @Option(names = "--connect-timeout", paramLabel = "SECONDS",
                description = "Give up connecting after this many seconds (default: ${DEFAULT-VALUE}).")
        long connectTimeoutSeconds = 10;

        /** Datasets that can be fetched. */
        enum Dataset { har }

        @Override
        public Integer call() {
            return run(spec, () -> {
                PrintWriter out = spec.commandLine().getOut();
                HarDownloader downloader = new HarDownloader(new HarDownloader.Source(url, HarDownloader.OFFICIAL_BYTES,
                        HarDownloader.OFFICIAL_SHA256, Duration.ofSeconds(connectTimeoutSeconds)));
                out.println("fetching UCI HAR into " + HarDownloader.targetFolder(dir).toAbsolutePath() + " ...");
                out.flush();
                Path folder = downloader.fetch(dir);
                out.println("UCI HAR ready: " + folder.toAbsolutePath());
                out.flush();
                return 0;
            });
        }
    }

    /** {@code data har-from-raw}. */
    @Command(name = "har-from-raw", mixinStandardHelpOptions = true,
            exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE},
            description = {"Re-cut UCI HAR windows from the raw UCI HAPT recordings into the official layout.",
                "Median filter, 3rd-order Butterworth low-pass at 20 Hz, gravity by a low-pass at 0.3 Hz, 128-sample "
                        + "windows with 50%% overlap inside the labelled segments of activities 1-6; volunteers 2, 4, 9, "
                        + "10, 12, 13, 18, 20, 24 go to test/, the others to train/."})
    static final class HarFromRaw implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--raw", required = true, paramLabel = "DIR",
                description = "UCI HAPT folder, or its RawData folder (with labels.txt, acc_expXX_userYY.txt, gyro_expXX_userYY.txt); required.")
        Path raw;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Folder to create in the official layout (must not exist or be empty); required.")
        Path out;

        @Option(names = "--check", paramLabel = "REFERENCE_DIR",
                description = "Official UCI HAR folder (or one with just its train/y_train.txt, train/subject_train.txt, "
                        + "test/y_test.txt, test/subject_test.txt) to compare window counts per volunteer and activity with "
                        + "(default: none, no comparison).")
        Path check;

        @Option(names = "--phase", paramLabel = "PHASE",
                description = "Butterworth passes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        HarFilters.Phase phase = RawRecordings.Config.official().phase();

        @Override
        public Integer call() {
            return run(spec, () -> {
                org.rnnlab.training.RunDirectory.refuseBackslash("--out", out);
                PrintWriter o = spec.commandLine().getOut();
                RawRecordings.Config config = RawRecordings.Config.official().withPhase(phase);
                if (check != null) {
                    HarRecutCheck.requireReference(check); // before the re-cut: a bad --check fails without a written --out
                }
                o.println("re-cutting " + raw + " into " + out + " (" + phase + ")");
                o.flush();
                RawRecordings.Result result = RawRecordings.recut(raw, out, config, r -> {
                    o.printf("experiment %2d  volunteer %2d  %-5s  %6d samples  %2d segments  %3d windows%n", r.experiment(),
                            r.volunteer(), r.part().dirName(), r.samples(), r.segments(), r.windows());
                    o.flush();
                });
                o.printf("wrote %s: %d train + %d test windows%n", result.folder(), result.trainWindows(), result.testWindows());
                if (check != null) {
                    HarRecutCheck.Result cmp = HarRecutCheck.compare(check, result.folder());
                    o.println("windows per volunteer and activity, official/re-cut (" + check + " vs " + result.folder() + "):");
                    o.print(cmp.table());
                }
                o.flush();
                return 0;
            });
        }
    }

    /** {@code rnnlab data example}: a benchmark-style TRAIN.csv / TEST.csv pair to try your-own-data commands on. */
    @Command(name = "example", mixinStandardHelpOptions = true,
            exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.ERROR, ExitCodes.USAGE, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE},
            description = {"Writes TRAIN.csv and TEST.csv in the long CSV layout (one row per step: series_id,timestamp,"
                    + "<channels>,class) into --out, to try training on files, evaluation and prediction (see "
                    + "docs/guide/your-data.md).",
                "Shapes (--like):",
                "  oscillation   x,y,z; 3 classes (slow, medium, fast), 20-40 steps;",
                "  basicmotions  acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z; 4 classes (Standing,",
                "                Walking, Running, Badminton), 100 steps at 10 Hz; shaped",
                "                like UEA BasicMotions;",
                "  longshapelet  value; 2 classes (A, B), 500 steps; the class is decided",
                "                only by a 20-step pattern at a random place; shaped like",
                "                long univariate UCR sets such as FordA.",
                "The look-alikes are synthetic (generated, deterministic by --seed): they copy the shape, size and class "
                    + "count of those archives, not their data.",
                "Train on them with --dataset csv --train DIR/TRAIN.csv --test DIR/TEST.csv --set sequenceId=series_id "
                    + "--set time=timestamp --set label=class."})
    static final class Example implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created; TRAIN.csv and "
                + "TEST.csv must not exist there yet); required.")
        Path out;

        @Option(names = "--like", paramLabel = "ARCHIVE", defaultValue = "oscillation", converter = LikeConverter.class,
                completionCandidates = LikeCandidates.class,
                description = "Shape of the files: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ExampleArchive.Like like;

        @Option(names = "--train-per-class", paramLabel = "N",
                description = "Series per class in TRAIN.csv (default: 30 for oscillation, 10 for basicmotions, 50 for longshapelet).")
        Integer trainPerClass;

        @Option(names = "--test-per-class", paramLabel = "N",
                description = "Series per class in TEST.csv (default: 20 for oscillation, 10 for basicmotions, 50 for longshapelet).")
        Integer testPerClass;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            return run(spec, () -> {
                org.rnnlab.training.RunDirectory.refuseBackslash("--out", out);
                if (Files.exists(out) && !Files.isDirectory(out)) {
                    throw new IllegalArgumentException("--out " + out + " is a file (expected a folder to write TRAIN.csv and TEST.csv into)");
                }
                for (String f : new String[] {"TRAIN.csv", "TEST.csv"}) {
                    if (Files.exists(out.resolve(f))) {
                        throw new IllegalArgumentException(out.resolve(f) + " exists already: choose another --out");
                    }
                }
                int train = trainPerClass != null ? trainPerClass : like.defaultTrainPerClass();
                int test = testPerClass != null ? testPerClass : like.defaultTestPerClass();
                ExampleArchive.write(like, out, train, test, seed);
                PrintWriter o = spec.commandLine().getOut();
                int classes = like.classes().size();
                o.printf("wrote %s and %s: %d and %d series of classes %s%n", out.resolve("TRAIN.csv"), out.resolve("TEST.csv"),
                        classes * train, classes * test, like.classes());
                switch (like) {
                    case BASICMOTIONS -> o.println("like basicmotions: a synthetic look-alike of UEA BasicMotions (6 channels, "
                            + "100 steps at 10 Hz, 4 classes), not the real recordings");
                    case LONGSHAPELET -> o.println("like longshapelet: a synthetic look-alike of long univariate UCR sets such as "
                            + "FordA (1 channel, 500 steps, 2 classes), not the real data");
                    default -> {
                    }
                }
                o.flush();
                return 0;
            });
        }
    }

    /** {@code --like}: the names of {@link ExampleArchive.Like}; anything else is a usage error naming them. */
    static final class LikeConverter implements CommandLine.ITypeConverter<ExampleArchive.Like> {
        @Override
        public ExampleArchive.Like convert(String value) {
            try {
                return ExampleArchive.Like.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected one of " + ExampleArchive.Like.ids() + " but was '" + value + "'");
            }
        }
    }

    /** The accepted {@code --like} names, for the help. */
    static final class LikeCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ExampleArchive.Like.values()).map(ExampleArchive.Like::id).iterator();
        }
    }
}
