package org.rnnlab.datasets.har;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance.FileChecksum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-cuts UCI HAR windows from the raw 50 Hz recordings of UCI HAPT (Reyes-Ortiz, Oneto, Samà, Parra,
 * Anguita, "Transition-Aware Human Activity Recognition Using Smartphones", Neurocomputing 2016) with
 * the pre-processing of UCI HAR (Anguita et al., ESANN 2013), and writes the official folder layout.
 *
 * <p>Input: {@code RawData/acc_expXX_userYY.txt}, {@code RawData/gyro_expXX_userYY.txt} (3 columns, g
 * and rad/s) and {@code RawData/labels.txt} ({@code experiment user activity start end}, 1-based
 * inclusive sample positions). Per experiment:
 * <ol>
 *   <li>every axis of acc and gyro: median filter (window 3), then 3rd-order Butterworth low-pass at
 *       20 Hz; this is total_acc and body_gyro;</li>
 *   <li>gravity = 3rd-order Butterworth low-pass of total_acc at 0.3 Hz; body_acc = total_acc - gravity;</li>
 *   <li>windows of 128 samples with step 64 inside each labelled segment of activities 1-6: a segment
 *       of {@code L} samples gives {@code floor((L - 128) / 64) + 1} windows (none when {@code L < 128}); the
 *       trailing partial window is dropped and no window crosses a segment boundary.</li>
 * </ol>
 * Decisions (see {@link Config}): the filters run over the <em>whole experiment recording</em> (then
 * windows are cut from the segments), so segment boundaries carry no filter start-up transient; the
 * Butterworth filters run <em>zero-phase</em> (forward-backward) by default, so gravity is not delayed
 * against total_acc ({@link HarFilters.Phase#CAUSAL} is available). The window counts depend only on
 * the segmentation and windowing, not on the filters, so both phases reproduce the official counts
 * equally well; zero phase was chosen for the physically cleaner body/gravity separation. With this
 * windowing rule the counts per (volunteer, activity) reproduce HAPT's own windows exactly (10929
 * windows, all 12 activities) and UCI HAR's exactly for the three walking activities (89 of 90 cells);
 * the static activities differ by a few windows per volunteer (re-cut 7415 train / 2996 test windows vs
 * official 7352 / 2947; agreement sum(min)/official = 0.9978), most likely because HAPT re-labelled them
 * when it carved out the postural transitions (see {@link HarRecutCheck}). Values are written with 8
 * significant digits as in the official files; lines end with LF.
 *
 * <p>Volunteers 2, 4, 9, 10, 12, 13, 18, 20, 24 go to {@code test/}, the others to {@code train/}. The
 * folder is written into a temporary sibling and renamed into place at the end, so a failed run
 * leaves nothing half-written.
 */
public final class RawRecordings {
    private static final Logger LOG = LoggerFactory.getLogger(RawRecordings.class);

    private RawRecordings() {
    }

    /**
     * Pre-processing and windowing settings.
     *
     * @param window          samples per window, >= 2
     * @param step            window step, in [1, window]
     * @param medianWindow    odd median-filter window, >= 1
     * @param filterOrder     Butterworth order, in [1, 10]
     * @param sampleRateHz    sampling rate, > 0
     * @param noiseCutoffHz   noise low-pass cutoff, in (0, sampleRateHz/2)
     * @param gravityCutoffHz gravity low-pass cutoff, in (0, noiseCutoffHz)
     * @param phase           causal or zero-phase Butterworth passes
     * @param testVolunteers  volunteers written to {@code test/}
     */
    public record Config(int window, int step, int medianWindow, int filterOrder, double sampleRateHz,
                         double noiseCutoffHz, double gravityCutoffHz, HarFilters.Phase phase, Set<Integer> testVolunteers) {
        public Config {
            if (window < 2) {
                throw new IllegalArgumentException("Config.window must be >= 2, got " + window);
            }
            if (step < 1 || step > window) {
                throw new IllegalArgumentException("Config.step must be in [1, window=" + window + "], got " + step);
            }
            if (medianWindow < 1 || medianWindow % 2 == 0) {
                throw new IllegalArgumentException("Config.medianWindow must be odd and >= 1, got " + medianWindow);
            }
            if (filterOrder < 1 || filterOrder > 10) {
                throw new IllegalArgumentException("Config.filterOrder must be in [1, 10], got " + filterOrder);
            }
            if (!(sampleRateHz > 0)) {
                throw new IllegalArgumentException("Config.sampleRateHz must be > 0, got " + sampleRateHz);
            }
            if (!(noiseCutoffHz > 0 && noiseCutoffHz < sampleRateHz / 2)) {
                throw new IllegalArgumentException("Config.noiseCutoffHz must be in (0, " + sampleRateHz / 2 + "), got " + noiseCutoffHz);
            }
            if (!(gravityCutoffHz > 0 && gravityCutoffHz < noiseCutoffHz)) {
                throw new IllegalArgumentException("Config.gravityCutoffHz must be in (0, noiseCutoffHz=" + noiseCutoffHz
                        + "), got " + gravityCutoffHz);
            }
            if (phase == null) {
                throw new IllegalArgumentException("Config.phase must be CAUSAL or ZERO_PHASE, got null");
            }
            testVolunteers = Set.copyOf(testVolunteers);
        }

        /** The UCI HAR settings: 128/64, median 3, order 3, 50 Hz, 20 Hz, 0.3 Hz, zero phase, official test volunteers. */
        public static Config official() {
            return new Config(HarLayout.WINDOW, HarLayout.STEP, 3, 3, HarLayout.SAMPLE_RATE_HZ, 20.0, 0.3,
                    HarFilters.Phase.ZERO_PHASE, HarLayout.TEST_VOLUNTEERS);
        }

        /** This configuration with another filter phase. */
        public Config withPhase(HarFilters.Phase p) {
            return new Config(window, step, medianWindow, filterOrder, sampleRateHz, noiseCutoffHz, gravityCutoffHz, p, testVolunteers);
        }
    }

    /**
     * One labelled segment of {@code labels.txt}.
     *
     * @param experiment experiment id
     * @param volunteer  volunteer id
     * @param activity   activity id (1-6 basic, 7-12 transitions)
     * @param start      first sample, 1-based
     * @param end        last sample, 1-based inclusive
     */
    public record Segment(int experiment, int volunteer, int activity, int start, int end) {
        /** Samples in the segment. */
        public int length() {
            return end - start + 1;
        }

        /** In words, for messages: {@code experiment 5 (volunteer 3, activity 1), samples 8687-9837}. */
        public String describe() {
            return "experiment " + experiment + " (volunteer " + volunteer + ", activity " + activity + "), samples " + start + "-" + end;
        }
    }

    /**
     * What one experiment contributed.
     *
     * @param experiment experiment id
     * @param volunteer  volunteer id
     * @param part       train or test
     * @param samples    samples in the recording
     * @param segments   labelled segments of activities 1-6
     * @param windows    windows written
     */
    public record ExperimentReport(int experiment, int volunteer, HarLayout.Part part, int samples, int segments, int windows) {
    }

    /**
     * The outcome of a re-cut.
     *
     * @param folder       the written folder (official layout)
     * @param trainWindows windows in {@code train/}
     * @param testWindows  windows in {@code test/}
     * @param experiments  one report per experiment, in order
     * @param sources      the raw files read, with SHA-256
     * @param config       the settings used
     */
    public record Result(Path folder, int trainWindows, int testWindows, List<ExperimentReport> experiments,
                         List<FileChecksum> sources, Config config) {
        public Result {
            experiments = List.copyOf(experiments);
            sources = List.copyOf(sources);
        }
    }

    /**
     * Start positions (0-based) of the windows inside a segment.
     *
     * @param start  first sample of the segment, 0-based
     * @param length samples in the segment
     * @param window window length
     * @param step   window step
     * @return {@code start + k * step} for k = 0 .. floor((length - window) / step); empty when length < window
     */
    public static int[] windowStarts(int start, int length, int window, int step) {
        if (length < window) {
            return new int[0];
        }
        int n = (length - window) / step + 1;
        int[] starts = new int[n];
        for (int k = 0; k < n; k++) {
            starts[k] = start + k * step;
        }
        return starts;
    }

    /** The folder holding {@code labels.txt}: {@code dir/RawData} when it exists, else {@code dir}. */
    public static Path resolveRawFolder(Path dir) {
        Path inner = dir.resolve("RawData");
        return Files.isRegularFile(inner.resolve("labels.txt")) ? inner : dir;
    }

    /**
     * Reads {@code labels.txt}: five integers a line, activity in [1, 12], {@code 1 <= start <= end}.
     *
     * @throws DatasetFormatException on a malformed line
     */
    public static List<Segment> readLabels(Path labelsFile, Consumer<FileChecksum> checksums) {
        List<Segment> segments = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        double[] row = new double[5];
        HarText.forEachLine(labelsFile, "'experiment user activity start end'", checksums, (lineNo, line) -> {
            HarText.parseLine(labelsFile, lineNo, line, 5, "experiment user activity start end", row, 0);
            for (int i = 0; i < 5; i++) {
                if (row[i] != Math.rint(row[i]) || row[i] < 1 || row[i] > Integer.MAX_VALUE) {
                    throw new DatasetFormatException(labelsFile, lineNo, "value " + (i + 1) + " must be a positive integer, found " + row[i]);
                }
            }
            int activity = (int) row[2];
            if (activity > 12) {
                throw new DatasetFormatException(labelsFile, lineNo, "activity " + activity + " outside [1, 12]");
            }
            if ((int) row[1] > HarLayout.VOLUNTEERS) {
                throw new DatasetFormatException(labelsFile, lineNo, "volunteer " + (int) row[1] + " outside [1, " + HarLayout.VOLUNTEERS + "]");
            }
            if (row[3] > row[4]) {
                throw new DatasetFormatException(labelsFile, lineNo, "start " + (int) row[3] + " after end " + (int) row[4]);
            }
            segments.add(new Segment((int) row[0], (int) row[1], activity, (int) row[3], (int) row[4]));
            lineNumbers.add((long) lineNo);
        });
        // a sample in two segments (a line given twice, or overlapping ranges) would be cut into windows twice, unsaid
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> segments.get(i).experiment()).thenComparingInt(i -> segments.get(i).start()));
        for (int k = 1; k < order.size(); k++) {
            Segment before = segments.get(order.get(k - 1));
            Segment s = segments.get(order.get(k));
            if (s.experiment() == before.experiment() && s.start() <= before.end()) {
                throw new DatasetFormatException(labelsFile, lineNumbers.get(order.get(k)), "segment " + s.describe()
                        + " overlaps the segment on line " + lineNumbers.get(order.get(k - 1)) + " (" + before.describe()
                        + "): a sample in two segments would be cut into windows twice");
            }
        }
        return segments;
    }

    /**
     * The nine channels of a recording in {@link HarLayout#CHANNELS} order, {@code [channel][sample]}.
     *
     * @param acc  {@code [sample][xyz]} total acceleration in g
     * @param gyro {@code [sample][xyz]} angular velocity in rad/s
     */
    public static double[][] preprocess(double[][] acc, double[][] gyro, Config config) {
        double[][] out = new double[9][];
        for (int axis = 0; axis < 3; axis++) {
            double[] total = denoise(column(acc, axis), config);
            double[] gravity = HarFilters.lowPass(total, config.filterOrder(), config.sampleRateHz(), config.gravityCutoffHz(), config.phase());
            double[] body = new double[total.length];
            for (int i = 0; i < total.length; i++) {
                body[i] = total[i] - gravity[i];
            }
            out[axis] = body;
            out[3 + axis] = denoise(column(gyro, axis), config);
            out[6 + axis] = total;
        }
        return out;
    }

    private static double[] denoise(double[] x, Config config) {
        return HarFilters.lowPass(HarFilters.median(x, config.medianWindow()), config.filterOrder(), config.sampleRateHz(),
                config.noiseCutoffHz(), config.phase());
    }

    private static double[] column(double[][] rows, int c) {
        double[] col = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            col[i] = rows[i][c];
        }
        return col;
    }

    /**
     * Re-cuts the recordings and writes the official folder layout at {@code out}.
     *
     * @param haptDir  the HAPT folder, or its {@code RawData} folder
     * @param out      folder to create (must not exist, or be empty); it becomes the {@code UCI HAR Dataset} folder
     * @param config   settings
     * @param progress called after each experiment
     * @throws DatasetFormatException when an input file is missing or malformed (then {@code out} is not created)
     */
    public static Result recut(Path haptDir, Path out, Config config, Consumer<ExperimentReport> progress) {
        Path raw = resolveRawFolder(haptDir);
        Path labelsFile = raw.resolve("labels.txt");
        List<FileChecksum> sources = new ArrayList<>();
        List<Segment> segments = readLabels(labelsFile, sources::add);
        Map<Integer, List<Segment>> byExperiment = new LinkedHashMap<>();
        segments.stream().filter(s -> s.activity() <= HarLayout.ACTIVITIES.size())
                .sorted(Comparator.comparingInt(Segment::experiment).thenComparingInt(Segment::start))
                .forEach(s -> byExperiment.computeIfAbsent(s.experiment(), k -> new ArrayList<>()).add(s));
        if (byExperiment.isEmpty()) {
            throw new DatasetFormatException(labelsFile, "no segment of activities 1-6");
        }
        prepareTarget(out);
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        List<ExperimentReport> reports = new ArrayList<>();
        int[] totals = new int[2];
        // Ctrl-C or SIGTERM: the hidden temporary folder (up to ~160 MB) goes too, as on a failure (it was left behind)
        Thread cleanup = new Thread(() -> deleteTree(tmp), "rnnlab-recut-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            try (PartWriter train = new PartWriter(tmp, HarLayout.Part.TRAIN, config.window());
                 PartWriter test = new PartWriter(tmp, HarLayout.Part.TEST, config.window())) {
                for (Map.Entry<Integer, List<Segment>> e : byExperiment.entrySet()) {
                    ExperimentReport r = cutExperiment(raw, labelsFile, e.getKey(), e.getValue(), config, sources, train, test);
                    reports.add(r);
                    LOG.debug("experiment {} (volunteer {}, {}): {} samples, {} segments, {} windows", r.experiment(), r.volunteer(),
                            r.part().dirName(), r.samples(), r.segments(), r.windows());
                    progress.accept(r);
                }
                totals[0] = train.windows;
                totals[1] = test.windows;
            }
            if (totals[0] == 0 || totals[1] == 0) {
                throw new DatasetFormatException(labelsFile, "no window of " + config.window() + " samples for the " + (totals[0] == 0 ? "train" : "test")
                        + " volunteers; the UCI HAR layout needs both parts (test volunteers " + new TreeSet<>(config.testVolunteers()) + ")");
            }
            writeActivityLabels(tmp);
            writeReadme(tmp, raw, config, totals, sources);
            if (Files.isDirectory(out)) {
                Files.delete(out);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // stopped: the hook is removing the temporary folder
            }
        }
        LOG.info("re-cut {} train + {} test windows into {}", totals[0], totals[1], out);
        return new Result(out, totals[0], totals[1], reports, sources, config);
    }

    private static ExperimentReport cutExperiment(Path raw, Path labelsFile, int experiment, List<Segment> segs, Config config,
                                                  List<FileChecksum> sources, PartWriter train, PartWriter test) {
        int volunteer = segs.get(0).volunteer();
        for (Segment s : segs) {
            if (s.volunteer() != volunteer) {
                throw new DatasetFormatException(labelsFile, "experiment " + experiment + " has segments of volunteers " + volunteer
                        + " and " + s.volunteer() + ", expected one volunteer per experiment");
            }
        }
        String suffix = String.format("_exp%02d_user%02d.txt", experiment, volunteer);
        Path accFile = raw.resolve("acc" + suffix);
        Path gyroFile = raw.resolve("gyro" + suffix);
        HarText.Matrix acc = HarText.readMatrix(accFile, 3, "x y z acceleration in g", sources::add);
        HarText.Matrix gyro = HarText.readMatrix(gyroFile, 3, "x y z angular velocity in rad/s", sources::add);
        if (gyro.rows() != acc.rows()) {
            throw new DatasetFormatException(gyroFile, "has " + gyro.rows() + " lines, expected " + acc.rows() + " (as "
                    + accFile.getFileName() + ")");
        }
        for (Segment s : segs) {
            if (s.end() > acc.rows()) {
                throw new DatasetFormatException(labelsFile, "segment " + s.describe() + " ends after the " + acc.rows() + " samples of "
                        + accFile.getFileName());
            }
        }
        double[][] channels = preprocess(rows(acc), rows(gyro), config);
        HarLayout.Part part = config.testVolunteers().contains(volunteer) ? HarLayout.Part.TEST : HarLayout.Part.TRAIN;
        PartWriter writer = part == HarLayout.Part.TEST ? test : train;
        int windows = 0;
        for (Segment s : segs) {
            for (int start : windowStarts(s.start() - 1, s.length(), config.window(), config.step())) {
                writer.write(channels, start, s.activity(), volunteer);
                windows++;
            }
        }
        return new ExperimentReport(experiment, volunteer, part, acc.rows(), segs.size(), windows);
    }

    private static double[][] rows(HarText.Matrix m) {
        double[][] r = new double[m.rows()][m.columns()];
        for (int i = 0; i < m.rows(); i++) {
            System.arraycopy(m.values(), i * m.columns(), r[i], 0, m.columns());
        }
        return r;
    }

    private static void prepareTarget(Path out) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("output folder " + out + " is a file; choose a folder (it is created)");
            }
            if (Files.exists(out)) {
                boolean empty;
                try (Stream<Path> s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty) {
                    throw new IllegalArgumentException("output folder " + out + " exists and is not empty; remove it or choose another");
                }
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    private static void writeActivityLabels(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < HarLayout.ACTIVITIES.size(); i++) {
            sb.append(i + 1).append(' ').append(HarLayout.ACTIVITIES.get(i)).append('\n');
        }
        Files.writeString(HarLayout.activityLabelsFile(dir), sb.toString(), StandardCharsets.US_ASCII);
    }

    private static void writeReadme(Path dir, Path raw, Config config, int[] totals, List<FileChecksum> sources) throws IOException {
        String text = "UCI HAR layout re-cut by rnnlab (org.rnnlab.datasets.har.RawRecordings) from the raw UCI HAPT recordings\n"
                + "source: " + raw.toAbsolutePath() + "\n"
                + "settings: " + config + "\n"
                + "windows: train " + totals[0] + ", test " + totals[1] + "\n"
                + "Cite: Anguita et al., IWAAL 2012 (as the official UCI HAR README asks); Reyes-Ortiz et al., Neurocomputing 2016 "
                + "(HAPT)\n"
                + "raw files read (SHA-256, bytes, path):\n" + sources.stream().map(f -> f.sha256() + " " + f.bytes() + " " + f.path())
                .collect(java.util.stream.Collectors.joining("\n")) + "\n";
        Files.writeString(dir.resolve("README-recut.txt"), text, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove temporary folder {}: {}", dir, e.getMessage());
        }
    }

    /** The nine signal files, y and subject of one part, written window by window. */
    private static final class PartWriter implements AutoCloseable {
        private final Writer[] signals = new Writer[9];
        private final Writer y;
        private final Writer subject;
        private final char[] line;
        private final int window;
        private int windows;

        PartWriter(Path root, HarLayout.Part part, int window) throws IOException {
            this.window = window;
            this.line = new char[window * HarNumberFormat.WIDTH + 1];
            Files.createDirectories(root.resolve(part.dirName()).resolve("Inertial Signals"));
            for (int c = 0; c < 9; c++) {
                signals[c] = writer(HarLayout.signalFile(root, part, HarLayout.CHANNELS.get(c)));
            }
            y = writer(HarLayout.labelFile(root, part));
            subject = writer(HarLayout.subjectFile(root, part));
        }

        private static Writer writer(Path file) throws IOException {
            return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16);
        }

        void write(double[][] channels, int start, int activity, int volunteer) {
            try {
                for (int c = 0; c < 9; c++) {
                    int pos = 0;
                    for (int t = 0; t < window; t++) {
                        pos = HarNumberFormat.append(channels[c][start + t], line, pos);
                    }
                    line[pos++] = '\n';
                    signals[c].write(line, 0, pos);
                }
                y.write(activity + "\n");
                subject.write(volunteer + "\n");
                windows++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            List<Writer> all = new ArrayList<>(List.of(signals));
            all.add(y);
            all.add(subject);
            for (Writer w : all) {
                try {
                    if (w != null) {
                        w.close();
                    }
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
