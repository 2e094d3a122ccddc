package org.rnnlab.evaluation.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.rnnlab.core.Json;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.ComparisonConfig;
import org.rnnlab.evaluation.compare.ComparisonFiles;
import org.rnnlab.evaluation.compare.ComparisonResult;
import org.rnnlab.evaluation.compare.RunResult;
import org.rnnlab.evaluation.compare.RunTask;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.evaluation.engine.InProcessEngine;
import org.rnnlab.evaluation.engine.RunEngine;
import org.rnnlab.evaluation.report.Charts;
import org.rnnlab.evaluation.report.ComparisonReport;
import org.rnnlab.training.EpochStats;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingInterruptedException;
import org.rnnlab.training.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One comparison in a run folder, as {@code rnnlab compare} runs it: {@code config.json} (the
 * {@link CompareRequest}) and {@code provenance.json} when it starts, {@code runs/<configuration>-seed<N>[-fold<K>].json}
 * as each run of {@link Comparison} ends, then {@code results.json}, {@code results.csv}
 * ({@link ComparisonFiles}), the charts and {@code index.html} ({@link ComparisonReport}). Stopped through
 * its stop flag (Ctrl-C on the command line), it keeps the finished runs and writes a partial report of
 * them; {@link #resume} continues it with the runs that are missing.
 *
 * <pre>{@code
 * CompareRun run = CompareRun.start(request, RunDirectory.create(null, "compare-agreement"), List.of());
 * CompareOutcome outcome = run.run(new CompareRun.Listener() { }, null);
 * }</pre>
 */
public final class CompareRun {
    private static final Logger LOG = LoggerFactory.getLogger(CompareRun.class);
    /** Folder of the finished runs, one JSON file each, inside the run folder. */
    public static final String RUNS_DIR = "runs";
    /** Folder of the finished tuning trials, one JSON file each, inside the run folder. */
    public static final String TRIALS_DIR = "trials";
    /** The report's page in the run folder. */
    public static final String INDEX_HTML = "index.html";

    /** Progress callbacks of a comparison run. */
    public interface Listener extends Comparison.Listener {
        /**
         * The stop flag ended the run in progress; {@code finished} of {@code total} runs are kept in
         * {@code runs/}. Called before the partial report is written.
         */
        default void onInterrupted(int finished, int total) {
        }
    }

    private final CompareRequest request;
    private final SequenceDataset data;
    private final Path dir;
    /** Not final: a resume on another engine adds it ({@link #recordEngine}). */
    private Provenance provenance;
    private final Map<String, RunResult> finished;

    private CompareRun(CompareRequest request, SequenceDataset data, Path dir, Provenance provenance,
                       Map<String, RunResult> finished) {
        this.request = request;
        this.data = data;
        this.dir = dir;
        this.provenance = provenance;
        this.finished = Collections.unmodifiableMap(new LinkedHashMap<>(finished));
    }

    /** Starts a comparison in the (new, empty) folder {@code dir}, opening the request's dataset. */
    public static CompareRun start(CompareRequest request, Path dir, List<String> commandLine) throws IOException {
        return start(request, Datasets.open(request.dataset(), request.datasetOptions()), dir, commandLine);
    }

    /**
     * Starts a comparison in the (new, empty) folder {@code dir} on a dataset already opened with the
     * request's options: writes config.json and provenance.json, and splits.csv when not cross-validating.
     *
     * @param commandLine the command as the user typed it, for provenance (empty when called from the API)
     */
    public static CompareRun start(CompareRequest request, SequenceDataset data, Path dir, List<String> commandLine)
            throws IOException {
        return start(request, data, dir, commandLine, Provenance.IN_PROCESS);
    }

    /**
     * As {@link #start(CompareRequest, SequenceDataset, Path, List)}, for runs trained by {@code engine} (its
     * {@link org.rnnlab.evaluation.engine.RunEngine#describe}, recorded in provenance.json).
     */
    public static CompareRun start(CompareRequest request, SequenceDataset data, Path dir, List<String> commandLine, String engine)
            throws IOException {
        ComparisonConfig config = request.comparison();
        Provenance provenance = Provenance.capture(commandLine, data.name(), data.provenance().checksum(), seeds(config))
                .withEngine(engine).withFeatureStandardisation(featureStandardisation(config, data).orElse(null));
        RunFiles.start(dir, request, provenance);
        Json.writeFile(dir.resolve(RunFiles.DATASET_PROVENANCE), data.provenance()); // for --resume to say which file changed
        if (config.crossValidation() == null) { // which sequences each split held (cross-validation writes folds.csv)
            RunFiles.writeSplits(dir, data);
        }
        RunFiles.writeFilled(dir, data); // the sequences the missing-value policy filled in, folds or not
        return new CompareRun(request, data, dir, provenance, Map.of());
    }

    /** The comparison's model seeds: first, first + 1, ... */
    private static List<Long> seeds(ComparisonConfig config) {
        return LongStream.range(config.firstSeed(), config.firstSeed() + config.seeds()).boxed().toList();
    }

    /**
     * Records this (resumed) session's provenance after those of earlier resumed sessions, in {@code provenance-resume.json}
     * ({@link ResumeProvenance}), as
     * {@code train --resume} does: the runs trained now may come from other code. Returns it.
     */
    public Provenance recordResume(List<String> commandLine) throws IOException {
        return recordResume(commandLine, Provenance.IN_PROCESS);
    }

    /**
     * Adds {@code engine} to provenance.json's {@code engines} ({@link Provenance#withEngineResumed}) when it is not among
     * the engines that trained the runs so far: a resume that trains the rest elsewhere (trial 76g F5: a comparison started on
     * Spark and finished in-process still named only Spark). Nothing when it is.
     */
    public void recordEngine(String engine) throws IOException {
        Provenance now = provenance.withEngineResumed(engine);
        if (now != provenance) {
            provenance = now;
            Json.writeFile(dir.resolve(RunFiles.PROVENANCE), now);
        }
    }

    /** As {@link #recordResume(List)}, for runs trained by {@code engine}. */
    public Provenance recordResume(List<String> commandLine, String engine) throws IOException {
        Provenance now = Provenance.capture(commandLine, data.name(), data.provenance().checksum(), seeds(request.comparison()))
                .withEngine(engine);
        ResumeProvenance.append(dir, now);
        return now;
    }

    /**
     * The request of the comparison in {@code dir}, read from its config.json.
     *
     * @throws IllegalArgumentException when {@code dir} has no config.json or that of another command
     */
    public static CompareRequest request(Path dir) {
        Path config = dir.toAbsolutePath().normalize().resolve(RunFiles.CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("cannot resume " + dir + ": no config.json there (is it a run folder of "
                    + "'rnnlab compare'?)");
        }
        try {
            return Json.readFile(config, CompareRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot resume " + dir + ": its config.json is not that of a 'rnnlab compare' run ("
                    + "a train run continues with 'rnnlab train --resume')");
        }
    }

    /** Reopens the comparison in {@code dir} to finish it: {@code resume(dir, request(dir))}. */
    public static CompareRun resume(Path dir) throws IOException {
        return resume(dir, request(dir));
    }

    /**
     * Reopens the comparison in {@code dir}, whose config.json holds {@code request}: opens its dataset,
     * checks that the data are those it started with (by checksum), and reads the runs kept in
     * {@code runs/}. A run file cut short (the process was killed while writing it) is removed, so that run
     * is trained again; files there that rnnlab did not write are left alone, and unfinished atomic writes
     * ({@code .NAME.*.tmp}) of the killed process are removed.
     *
     * @throws IllegalStateException when the data differ from those it started with
     * @throws IllegalArgumentException when the comparison is complete: nothing to resume, or was started by an older rnnlab
     *         whose rules read the same files otherwise ({@link RunFiles#olderRules})
     */
    public static CompareRun resume(Path dir, CompareRequest request) throws IOException {
        Path folder = dir.toAbsolutePath().normalize();
        RunFiles.removeStaleTemporaryFiles(folder);
        RunFiles.removeStaleTemporaryFiles(folder.resolve("runs"));
        Map<String, RunResult> finished = readFinished(folder);
        requireRunsOfThisComparison(folder, request, finished);
        long tested = finished.values().stream().filter(r -> r.evaluatedOn() == Split.TEST).count();
        if (tested >= request.comparison().runs() && Files.isRegularFile(folder.resolve(INDEX_HTML))) {
            // the folder given has nothing to continue: a wrong folder on the command line (exit 2), as in train --resume
            throw new IllegalArgumentException("the comparison in " + dir + " is complete (all " + tested + " runs finished, its report is "
                    + folder.resolve(INDEX_HTML) + "): nothing to resume");
        }
        SequenceDataset data = Datasets.open(request.dataset(), request.datasetOptions());
        Provenance before = Json.readFile(folder.resolve(RunFiles.PROVENANCE), Provenance.class);
        java.util.Optional<String> older = RunFiles.olderRules(before.datasetChecksum(), data.provenance());
        if (older.isPresent()) {
            // the same files and settings, read by a rule added since: the kept runs were trained on other data than the
            // missing ones would be, and the comparison would mix them (a usage error: this version cannot continue it)
            String commit = before.gitCommit() == null || before.gitCommit().isBlank() || before.gitCommit().equals("unknown") ? ""
                    : " (commit " + before.gitCommit() + ")";
            throw new IllegalArgumentException("cannot resume " + dir + ": it was started by an older rnnlab" + commit + " on the "
                    + "same files and settings, which this version reads by a rule added since: " + older.get()
                    + ". Its kept runs were trained on data this version reads otherwise, and the runs still "
                    + "missing would not be comparable with them: finish it with the rnnlab it was started with" + commit
                    + ", or run it again with this one (rnnlab compare --config " + folder.resolve(RunFiles.CONFIG)
                    + " --out NEW_DIR: a new comparison on the data as this version reads them)");
        }
        if (!RunFiles.sameData(before.datasetChecksum(), data.provenance())) {
            String checksums = "dataset checksum " + data.provenance().checksum() + ", expected " + before.datasetChecksum();
            String what;
            try {
                what = RunFiles.dataChange(folder, data).orElse(checksums);
            } catch (IOException | RuntimeException unreadable) { // a damaged dataset-provenance.json: the checksums still tell
                what = checksums;
            }
            throw new IllegalStateException("cannot resume " + dir + ": the data differ from the data it started with (" + what + ")");
        }
        requireParametersOfThisComparison(folder, request, data, finished);
        return new CompareRun(request, data, folder, before, finished);
    }

    /**
     * Refuses a kept run whose network has another number of parameters than its configuration builds on these data (a run
     * file copied in from a comparison with another hidden size, say, which seeds and epochs cannot tell). Tuned comparisons
     * choose their configurations while they run, so their kept runs are not checked here.
     */
    private static void requireParametersOfThisComparison(Path folder, CompareRequest request, SequenceDataset data,
                                                          Map<String, RunResult> finished) {
        if (request.comparison().tuning() != null) {
            return;
        }
        Map<String, Long> expected = new HashMap<>();
        for (RunTask task : Comparison.tasks(request.comparison())) {
            RunResult r = finished.get(task.key());
            if (r == null || r.evaluatedOn() != Split.TEST) {
                continue;
            }
            long parameters = expected.computeIfAbsent(task.configuration(), c -> NetworkFactory.build(
                    Trainer.adaptTo(task.spec(), data), data.input().featureCount(), data.classCount()).numParams());
            if (r.parameters() != parameters) {
                throw notThisComparisons(folder, r, "has " + r.parameters() + " parameters, where " + task.configuration() + " has "
                        + parameters);
            }
        }
    }

    /**
     * Refuses kept runs that cannot be this comparison's: a seed outside the comparison's, or more epochs than its budget
     * (exactly the budget when nothing stops a run early: no patience, no time budget). A run file copied in from another comparison was kept and reported as this one's.
     */
    private static void requireRunsOfThisComparison(Path folder, CompareRequest request, Map<String, RunResult> finished) {
        var config = request.comparison();
        var training = config.training();
        for (RunResult r : finished.values()) {
            if (r.evaluatedOn() != Split.TEST) {
                continue; // a tuning trial: its budget is the tuning's
            }
            int epochs = r.history().size();
            boolean nothingStopsEarly = config.tuning() == null && training.patience() == 0 && !(training.timeBudgetSeconds() > 0);
            String problem = null;
            if (r.seed() < config.firstSeed() || r.seed() >= config.firstSeed() + config.seeds()) {
                problem = "has seed " + r.seed() + ", outside the comparison's seeds " + config.firstSeed() + ".."
                        + (config.firstSeed() + config.seeds() - 1);
            } else if (epochs > training.epochs()) {
                problem = "trained " + epochs + " epochs, more than the budget of " + training.epochs();
            } else if (nothingStopsEarly && epochs != training.epochs()) {
                problem = "trained " + epochs + " epochs, where every run of this comparison trains " + training.epochs()
                        + " (no early stopping, no time budget)";
            }
            if (problem != null) {
                throw notThisComparisons(folder, r, problem);
            }
        }
    }

    /** The refusal of a kept run that cannot be this comparison's, for {@code problem}. */
    private static IllegalStateException notThisComparisons(Path folder, RunResult r, String problem) {
        return new IllegalStateException("cannot resume " + folder + ": the kept run " + r.configuration() + " seed " + r.seed()
                + " (" + folder.relativize(runFile(folder, r)) + ") " + problem + ": it is not a run of this comparison (config.json); "
                + "remove that file to train the run again");
    }

    /** The request (config.json). */
    public CompareRequest request() {
        return request;
    }

    /** The dataset, opened with the request's options. */
    public SequenceDataset dataset() {
        return data;
    }

    /** Where a worker process reopens this comparison's data: the request's dataset and options, folds, checksum. */
    public DataSource dataSource() {
        return DataSource.of(request.dataset(), request.datasetOptions(), request.comparison().crossValidation(),
                data.provenance(), request.comparison().bands());
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /** The folder the finished runs are kept in. */
    public Path runsDir() {
        return dir.resolve(RUNS_DIR);
    }

    /** The provenance of the comparison (provenance.json, written when it started). */
    /**
     * How a comparison's runs standardise the features ({@link org.rnnlab.training.Trainer#featureStandardisation}): each
     * on its own training split, of the data, of each fold (cross-validation) or of each band.
     */
    public static java.util.Optional<String> featureStandardisation(ComparisonConfig config, SequenceDataset data) {
        return org.rnnlab.training.Trainer.featureStandardisation(data, config.crossValidation() != null
                ? "each fold's training part, in each run" : config.bands() != null ? "each band's training split, in each run"
                : "the training split (" + data.split(org.rnnlab.datasets.Split.TRAIN).size() + " sequences), in each run");
    }

    public Provenance provenance() {
        return provenance;
    }

    /** The runs that were finished when this object was made, by {@link Comparison#runKey}. */
    public Map<String, RunResult> finished() {
        return finished;
    }

    /**
     * Trains the runs that are not finished yet, keeping each in {@code runs/} as it ends, and writes the
     * results and the report. When {@code stop} is set, the run in progress ends, {@code listener.onInterrupted}
     * is told, and the finished runs (if any) get a partial report; the outcome then says {@code interrupted}.
     *
     * @param stop set to stop, or null
     * @throws UncheckedIOException when a finished run cannot be kept in {@code runs/}
     */
    public CompareOutcome run(Listener listener, AtomicBoolean stop) throws IOException {
        return run(listener, stop, new InProcessEngine());
    }

    /**
     * {@link #run(Listener, AtomicBoolean)} with the runs on {@code engine} (in this process, or on a
     * Spark cluster whose workers reopen the data from {@link #dataSource()}); the results, run files and
     * report are written here by the caller's process either way.
     */
    public CompareOutcome run(Listener listener, AtomicBoolean stop, RunEngine engine) throws IOException {
        ComparisonConfig config = request.comparison();
        Charts.prepare(); // so a partial report can still be drawn during shutdown (Ctrl-C)
        long t0 = System.nanoTime();
        List<RunResult> kept = new ArrayList<>(finished.values().stream().filter(r -> r.evaluatedOn() == Split.TEST).toList());
        ComparisonResult result;
        try {
            result = Comparison.run(config, data, dataSource(), engine, keeping(listener, kept), finished, stop);
        } catch (TrainingInterruptedException ex) {
            listener.onInterrupted(kept.size(), config.runs());
            ComparisonResult partial = Comparison.partial(config, data, kept, (System.nanoTime() - t0) / 1e9);
            if (kept.isEmpty()) {
                return new CompareOutcome(dir, partial, true, null, null);
            }
            try {
                ComparisonFiles.write(partial, dir);
                ComparisonReport.write(partial, provenance, dir, !finished.isEmpty());
                return new CompareOutcome(dir, partial, true, dir.resolve(INDEX_HTML), null);
            } catch (IOException | RuntimeException e) {
                return new CompareOutcome(dir, partial, true, null, String.valueOf(e.getMessage()));
            }
        }
        ComparisonFiles.write(result, dir);
        try {
            ComparisonReport.write(result, provenance, dir, !finished.isEmpty());
        } catch (IOException | RuntimeException e) { // e.g. Ctrl-C while the charts were drawn: the runs and results are kept
            if (Files.isRegularFile(dir.resolve(INDEX_HTML))) {
                Files.delete(dir.resolve(INDEX_HTML)); // an older run's report: --resume writes this one's
            }
            return new CompareOutcome(dir, result, false, null, String.valueOf(e.getMessage()));
        }
        return new CompareOutcome(dir, result, false, dir.resolve(INDEX_HTML), null);
    }

    /** {@code listener}, after keeping each finished run in {@code runs/} (a tuning trial in {@code trials/}) and in {@code kept}. */
    private Comparison.Listener keeping(Listener listener, List<RunResult> kept) {
        return new Comparison.ForwardingListener(listener) {
            @Override
            public void onRunEnd(RunResult r) {
                boolean trial = r.evaluatedOn() == Split.VALIDATION; // a tuning trial: kept apart from the comparison's runs
                Path file = trial ? trialFile(dir, r) : runFile(dir, r);
                try {
                    Files.createDirectories(file.getParent());
                    Json.writeFile(file, r);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot keep the finished run in " + file.getParent(), e);
                }
                if (!trial) {
                    kept.add(r);
                }
                listener.onRunEnd(r);
            }
        };
    }

    /**
     * The runs kept in {@code dir/runs/} and the tuning trials kept in {@code dir/trials/}, by {@link RunResult#key()};
     * removes run files cut short.
     */
    static Map<String, RunResult> readFinished(Path dir) throws IOException {
        Map<String, RunResult> out = readFinished(dir, RUNS_DIR);
        out.putAll(readFinished(dir, TRIALS_DIR));
        return out;
    }

    private static Map<String, RunResult> readFinished(Path dir, String folder) throws IOException {
        Map<String, RunResult> out = new LinkedHashMap<>();
        Path runs = dir.resolve(folder);
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (Stream<Path> files = Files.list(runs)) {
            for (Path f : files.sorted().toList()) {
                if (!f.getFileName().toString().matches(".*-seed-?\\d+(-fold\\d+)?(-[A-Za-z][A-Za-z0-9_]*_\\d+(-\\d+)?)?\\.json")) {
                    LOG.warn("{} is not a run file of rnnlab (name <configuration>-seed<N>.json): left alone", f);
                    continue;
                }
                RunResult r;
                try {
                    r = Json.readFile(f, RunResult.class);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{} is not a complete run result (cut short when the process was stopped?): that run is trained again", f);
                    Files.delete(f);
                    continue;
                }
                out.put(r.key(), r);
            }
        }
        return out;
    }

    /** The file a finished tuning trial is kept in: {@code dir/trials/<architecture>-trial<T>-rung<R>-seed<N>.json}. */
    public static Path trialFile(Path dir, RunResult r) {
        String name = (r.configuration() + "-seed" + r.seed()).replaceAll("[^A-Za-z0-9._=-]+", "-");
        return dir.resolve(TRIALS_DIR).resolve(name + ".json");
    }

    /** The file a finished run is kept in: {@code dir/runs/<configuration>-seed<N>.json}. */
    public static Path runFile(Path dir, RunResult r) {
        String name = (r.configuration() + "-seed" + r.seed() + (r.fold() == null ? "" : "-fold" + r.fold())
                + (r.band() == null ? "" : "-" + r.band())).replaceAll("[^A-Za-z0-9._=-]+", "_");
        return dir.resolve(RUNS_DIR).resolve(name + ".json");
    }
}
