package org.rnnlab.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.rnnlab.core.AtomicFiles;

/**
 * Where a run writes its files: {@code runs/<timestamp>-<name>/} (local time) unless the user names a
 * folder. A run folder never holds two runs: a folder the user names must be new or empty, or hold an
 * earlier rnnlab run that {@code --overwrite} replaces. A run folder is marked by a file
 * {@value #MARKER} written when it is created; only such a folder (or one whose {@code provenance.json}
 * rnnlab wrote, from before the marker existed) is ever emptied, only when it holds nothing but what
 * rnnlab writes, and never when an input of the new run lies inside it.
 */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** The file that marks a folder as an rnnlab run folder. */
    public static final String MARKER = AtomicFiles.RUN_MARKER;
    /** Sub-folders rnnlab writes into a run folder: train's checkpoints, compare's runs and its tuning trials. */
    private static final Set<String> FOLDERS = Set.of("checkpoints", "runs", "trials");
    /**
     * The names of the files rnnlab writes at the top of a run folder, of every version (read from the writers' history:
     * train, compare, compare --tune, train --find-lr, gradients), and {@code model.onnx}, which {@code rnnlab export
     * --model <run>/model.rnnlab} writes there by default and which must not stop {@code --overwrite} from replacing the
     * run. Only for run folders from before {@link AtomicFiles#MANIFEST}: a file of another name there is the user's
     * (a user's {@code predict ... > RUN/predictions.csv} in such a folder was deleted by {@code --overwrite} while the
     * rule was the extension, {@code .csv}).
     */
    private static final Set<String> NAMES = Set.of(
            "config.json", "provenance.json", "dataset-provenance.json", "provenance-resume.json", "repeat-of.json",
            "results.json", "results.csv", "model.rnnlab", "model.onnx", "splits.csv", "split-groups.csv", "folds.csv", "data-warnings.txt",
            "differences.json", "differences.csv", "per-class.csv", "accuracy-by-tag.csv", "index.html", "accuracy.png",
            "learning-curves.png", "gradient-flow.png", "gradient-flow.csv", "spectral-sweep.png", "spectral-sweep.csv",
            "clipping.png", "clipping.csv", "settings.json", "tuning.json", "tuning.png", "trials.csv", "lr-find.csv",
            "lr-find.json", "lr-find.png");
    /** The report's charts named by a configuration or tag: {@code confusion-<i>-<configuration>.png}, {@code accuracy-by-<tag>.png}. */
    private static final java.util.regex.Pattern NAMED_CHARTS = java.util.regex.Pattern.compile(
            "confusion-\\d+-[A-Za-z0-9._]*\\.png");
    /** The report's chart per tag, {@code accuracy-by-<tag>.png}: rnnlab's only beside the table it charts, {@code accuracy-by-tag.csv}. */
    private static final java.util.regex.Pattern TAG_CHART = java.util.regex.Pattern.compile("accuracy-by-[^/]+\\.png");
    /** Compare's finished runs and tuning trials in {@code runs/} and {@code trials/}: {@code <configuration>-seed<N>[...].json}. */
    private static final java.util.regex.Pattern RUN_FILE = java.util.regex.Pattern.compile("[A-Za-z0-9._=-]*-seed\\d+[A-Za-z0-9._=-]*\\.json");
    /**
     * The temporary sibling of an interrupted write: {@code .NAME.<digits>.tmp}, and {@code .NAME<digits>.tmp} as rnnlab
     * named it before.
     */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("\\.(.+?)\\.?\\d+\\.tmp");

    private RunDirectory() {
    }

    /** Creates a fresh run folder, refusing a non-empty {@code out}. */
    public static Path create(Path out, String name) throws IOException {
        return create(out, name, false, List.of());
    }

    /**
     * The inputs of a run: its data's files and folders and the other files given on its command line (a {@code --config}
     * JSON, a search space), nulls left out. A trial's {@code train --config runs/x/config.json --out runs/x --overwrite}
     * emptied the folder its config came from: every file read is an input that {@code --overwrite} must not remove.
     */
    public static List<Path> inputs(Collection<Path> data, Path... files) {
        List<Path> out = new java.util.ArrayList<>(data);
        for (Path f : files) {
            if (f != null) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Checks, before any work, that {@link #create} will accept {@code out}.
     *
     * @throws IllegalArgumentException as {@link #create} would
     */
    public static void check(Path out, boolean overwrite, Collection<Path> inputs) throws IOException {
        if (out != null) {
            removable(out, overwrite, inputs);
        }
    }

    /**
     * Creates the run's folder and marks it.
     *
     * @param out       the folder the user asked for, or null for {@code runs/<timestamp>-<name>} under the working directory
     * @param name      short run name, e.g. {@code compare-agreement}
     * @param overwrite whether a non-empty {@code out} that holds an earlier rnnlab run may be emptied first
     * @param inputs    the files and folders the run reads (none may lie inside a folder to be emptied)
     * @throws IllegalArgumentException when {@code out} is a file, non-empty without {@code overwrite}, not an
     *                                  rnnlab run folder, holds files rnnlab did not write, or holds an input
     */
    public static Path create(Path out, String name, boolean overwrite, Collection<Path> inputs) throws IOException {
        Path dir;
        if (out == null) {
            Path base = Path.of("runs", LocalDateTime.now().format(STAMP) + "-" + name);
            int n = 2;
            dir = base;
            while (Files.exists(dir)) {
                dir = Path.of(base + "-" + n++);
            }
            dir = Files.createDirectories(dir).toAbsolutePath().normalize();
        } else {
            dir = out.toAbsolutePath().normalize();
            for (Path p : removable(out, overwrite, inputs)) {
                delete(p);
            }
            Files.createDirectories(dir);
        }
        Files.writeString(dir.resolve(MARKER), "rnnlab " + name + "\n", StandardCharsets.UTF_8);
        // the files rnnlab writes here are listed beside the marker (AtomicFiles): what a later --overwrite may delete
        Files.writeString(dir.resolve(AtomicFiles.MANIFEST), "", StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * Refuses an output path holding a backslash: on this system it is part of a name, not a folder separator (a user's
     * Windows-style {@code --out runs\bsout} made one folder named {@code runs\bsout} without a word).
     *
     * @param option the option that gave it, e.g. {@code --out}
     * @throws IllegalArgumentException naming the path with '/' instead
     */
    public static void refuseBackslash(String option, Path out) {
        String text = out.toString();
        if (text.indexOf('\\') >= 0) {
            String named = java.util.stream.StreamSupport.stream(out.spliterator(), false).map(Path::toString)
                    .filter(e -> e.indexOf('\\') >= 0).findFirst().orElse(text); // the entry a backslash would be part of
            throw new IllegalArgumentException(option + " " + text + ": '\\' is part of a file or folder name on this system, not a "
                    + "folder separator, so this would make an entry named '" + named + "'; write folders with '/': "
                    + option + " " + org.rnnlab.datasets.TextFiles.shellWord(text.replace('\\', '/')));
        }
    }

    /** What must be removed for {@code out} to hold the new run, after checking that this is allowed. */
    private static List<Path> removable(Path out, boolean overwrite, Collection<Path> inputs) throws IOException {
        refuseBackslash("--out", out);
        Path dir = out.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + out + " is a file (expected a folder for the run)");
        }
        if (!Files.isDirectory(dir) || isEmpty(dir)) {
            return List.of();
        }
        boolean isRun = isRunFolder(dir);
        if (!overwrite && isRun && Files.isRegularFile(dir.resolve(MARKER))) {
            RunLock.requireFree(dir); // a run still going there: said as such, not as an earlier run to --resume
        }
        if (!overwrite) {
            throw new IllegalArgumentException("--out " + out + " is not empty" + (isRun ? " (it holds an earlier run)" : "")
                    + ": choose a new folder" + (isRun ? ", add --overwrite to replace that run" + (resumable(dir)
                    ? ", or continue it with --resume" : "") : ""));
        }
        if (!isRun) {
            throw new IllegalArgumentException("--out " + out + " is not empty and is not an rnnlab run folder: refusing to delete "
                    + "its contents even with --overwrite");
        }
        if (Files.isRegularFile(dir.resolve(MARKER))) {
            RunLock.requireFree(dir); // not a run still going in another command
        }
        Path realDir = dir.toRealPath();
        for (Path input : inputs) {
            // as the operating system resolves it: an input reached through a symbolic link into the folder counts
            if (input != null && (input.toAbsolutePath().normalize().startsWith(dir)
                    || Files.exists(input) && input.toRealPath().startsWith(realDir))) {
                throw new IllegalArgumentException("--out " + out + " holds " + input + ", an input of this run: --overwrite would "
                        + "delete it; choose another --out");
            }
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        }
        List<String> foreign = new ArrayList<>();
        if (AtomicFiles.manifestOf(dir) != null) {
            // the files rnnlab wrote are listed beside the marker: anything else (a user's predictions, notes, a copy of data,
            // a link, a folder of theirs, another run inside this one) stays
            java.util.Map<Path, Set<String>> manifests = new java.util.HashMap<>(); // each read once
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (d.equals(dir)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (Files.exists(d.resolve(MARKER))) {
                        foreign.add(dir.relativize(d) + "/ (another run)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (isEmpty(d) && !FOLDERS.contains(dir.relativize(d).toString())) {
                        foreign.add(dir.relativize(d) + "/");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isSymbolicLink() || !attrs.isRegularFile() || !listed(f, manifests)) {
                        foreign.add(dir.relativize(f).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            java.util.Collections.sort(foreign);
        } else {
            // a run folder from before the list: the names rnnlab writes, in the folders it writes them in
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (d.equals(dir)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String relative = dir.relativize(d).toString();
                    if (!FOLDERS.contains(relative) || Files.exists(d.resolve(MARKER))) {
                        foreign.add(relative + "/" + (Files.exists(d.resolve(MARKER)) ? " (another run)" : ""));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink() || !attrs.isRegularFile() || !writtenByRnnlab(dir, dir.relativize(f))) {
                        foreign.add(dir.relativize(f).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            java.util.Collections.sort(foreign);
        }
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("--out " + out + " holds files rnnlab did not write: " + foreign
                    + "; --overwrite only replaces an earlier run: move them or choose another --out");
        }
        return entries;
    }

    /** Whether the run in {@code dir} is one that {@code --resume} continues (train, compare; not gradients or export). */
    /**
     * Whether {@code dir} holds a finished comparison, as {@code compare --resume} sees it: every run finished
     * ({@code results.json} says {@code complete}) and the report is written.
     */
    public static boolean finishedComparison(Path dir) {
        Path results = dir.resolve("results.json");
        try {
            return Files.isRegularFile(dir.resolve("index.html")) && Files.isRegularFile(results)
                    && org.rnnlab.core.Json.mapper().readTree(results.toFile()).path("complete").asBoolean(false);
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static boolean resumable(Path dir) {
        try {
            Path marker = dir.resolve(MARKER);
            if (!Files.isRegularFile(marker) || Files.size(marker) > 10_000) {
                return true; // a run folder from before the marker named its run: say what train and compare say
            }
            if (!Files.isRegularFile(dir.resolve("config.json"))) {
                return false; // stopped before it wrote its config.json: there is nothing to continue (--resume refuses it)
            }
            String name = Files.readString(marker, StandardCharsets.UTF_8).strip();
            if (name.startsWith("rnnlab train")) { // a finished run: --resume would say "nothing to resume" (a user's try)
                return !(Files.isRegularFile(dir.resolve("model.rnnlab")) && Files.isRegularFile(dir.resolve("results.json")));
            }
            if (name.startsWith("rnnlab compare")) {
                return !finishedComparison(dir);
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Whether a folder holds an rnnlab run: the marker, or provenance written by rnnlab before the marker existed. */
    static boolean isRunFolder(Path dir) {
        if (Files.isRegularFile(dir.resolve(MARKER))) {
            return true;
        }
        try {
            Path provenance = dir.resolve("provenance.json");
            return Files.isRegularFile(provenance) && Files.size(provenance) < 1_000_000
                    && Files.readString(provenance).contains("\"rnnlabVersion\"");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a file in a run folder is a marker or manifest, a temporary file of an interrupted write, or listed in the
     * manifest of the nearest run folder above it.
     */
    private static boolean listed(Path file, java.util.Map<Path, Set<String>> manifests) throws IOException {
        String name = file.getFileName().toString();
        if (name.equals(MARKER) || name.equals(AtomicFiles.MANIFEST)) {
            return true; // the run's own marker and list (the folder of a nested run, with its own, is refused before)
        }
        if (name.matches("\\..+\\.\\d+\\.tmp")) {
            return true; // AtomicFiles' temporary sibling .NAME.<digits>.tmp of an interrupted write
        }
        return AtomicFiles.listed(file, manifests);
    }

    /**
     * The rule for run folders from before the markers listed their files: the names rnnlab writes ({@link #NAMES}), in
     * the folder it writes them in ({@code checkpoints/checkpoint.zip}, compare's {@code runs/} and {@code trials/}), and
     * temporary files of interrupted writes.
     *
     * @param relative the file's path relative to the run folder
     */
    private static boolean writtenByRnnlab(Path folder, Path relative) {
        String name = relative.getFileName().toString();
        if (name.equals(MARKER) && relative.getNameCount() == 1) {
            return true;
        }
        java.util.regex.Matcher temporary = TEMPORARY.matcher(name);
        if (temporary.matches()) {
            // the temporary sibling of one of rnnlab's own names (a user's hidden .notes2.tmp is the user's)
            Path of = relative.getParent() == null ? Path.of(temporary.group(1)) : relative.getParent().resolve(temporary.group(1));
            return !TEMPORARY.matcher(temporary.group(1)).matches() && writtenByRnnlab(folder, of);
        }
        if (relative.getNameCount() == 1) {
            return NAMES.contains(name) || NAMED_CHARTS.matcher(name).matches()
                    || TAG_CHART.matcher(name).matches() && Files.isRegularFile(folder.resolve("accuracy-by-tag.csv"));
        }
        if (relative.getNameCount() != 2) {
            return false;
        }
        return switch (relative.getName(0).toString()) {
            case "checkpoints" -> name.equals(Checkpoint.FILE);
            case "runs", "trials" -> RUN_FILE.matcher(name).matches();
            default -> false;
        };
    }

    /**
     * Removes a new run folder whose run failed before it wrote anything to continue from (no model, no checkpoint):
     * what is left there (config.json, provenance.json) describes a run that does not exist. A folder with a checkpoint
     * is kept for {@code --resume}.
     *
     * @return whether the folder was removed
     */
    public static boolean removeIfUnfinished(Path dir) {
        try {
            Path checkpoints = dir.resolve("checkpoints");
            if (!Files.isDirectory(dir) || Files.exists(dir.resolve("model.rnnlab"))
                    || Files.isDirectory(checkpoints) && !isEmpty(checkpoints)) {
                return false;
            }
            delete(dir);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + f + " from the earlier run", e);
                }
            });
        }
    }
}
