package org.rnnlab.evaluation.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.text.Tokenizer;
import org.rnnlab.training.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files every run folder starts with, written the same way by compare and train: {@value #CONFIG}
 * (the run's request, every default spelled out, read back by --resume) and {@value #PROVENANCE} (how the
 * run was made: software, machine, command line, the data's checksum and the seeds).
 */
public final class RunFiles {
    /** The run's request. */
    public static final String CONFIG = "config.json";
    /** The provenance of the run. */
    public static final String PROVENANCE = "provenance.json";
    /** The dataset's provenance (its files' checksums and settings), to say which file changed when a run is resumed. */
    public static final String DATASET_PROVENANCE = "dataset-provenance.json";

    private static final Logger LOG = LoggerFactory.getLogger(RunFiles.class);

    /** Whether a {@code --config} run repeats the run whose config.json it was given ({@link RepeatOf}). */
    public static final String REPEAT_OF = "repeat-of.json";

    /**
     * What a run made with {@code train --config} or {@code compare --config} repeats, written as {@value #REPEAT_OF} in its
     * folder: the same settings on data that changed since are a new result, not a repetition of the earlier one, and a script
     * must be able to tell without reading the warning. The exit code stays 0: the run is complete and valid on the data as
     * they are now (training the same settings on updated data is a reason to use --config), and 0 is what a script's
     * {@code set -e} needs for a run that worked.
     *
     * @param config        the config.json given, as an absolute path
     * @param sameData      true when the data read now have the checksum of those the earlier run recorded (its
     *                      {@value #DATASET_PROVENANCE} beside the config.json), false when they differ, null when there was
     *                      nothing to compare with (no or an unreadable {@value #DATASET_PROVENANCE})
     * @param checksumThen  the earlier run's dataset checksum (null when not known)
     * @param checksumNow   the checksum of the data this run reads
     * @param dataChange    which files or settings differ, in words (null when the data are the same), or why it was not checked
     * @param trainingChange why this version trains the same data otherwise than the earlier run, null when it does not
     * @param sameCode      whether this run runs the code the earlier run recorded (rnnlab's commit and version, DL4J's
     *                      version: {@link CodeCheck}); null when not known. Not part of {@code repeat}, which is about the data
     *                      and settings: the same data and settings under other code are a repeat whose numbers may differ
     * @param codeChange    what code differs ({@code "rnnlab commit A -> B"}), or why it is not known; null when the same
     * @param runtimeChange what runtime differs (Java, backend, operating system, CPU), null when none does
     */
    public record RepeatOf(String config, Boolean sameData, String checksumThen, String checksumNow, String dataChange,
                           String trainingChange, Boolean sameCode, String codeChange, String runtimeChange) {
        /** Without a {@code trainingChange}, the code not compared. */
        public RepeatOf(String config, Boolean sameData, String checksumThen, String checksumNow, String dataChange) {
            this(config, sameData, checksumThen, checksumNow, dataChange, null, null, null, null);
        }

        /** Whether the data are known to differ: the run does not repeat the earlier one. */
        public boolean dataDiffer() {
            return Boolean.FALSE.equals(sameData);
        }

        /**
         * Whether this run repeats the earlier one, for scripts: false when the data differ or, on the same data, this
         * version trains them otherwise ({@code trainingChange}, e.g. exact standardisation of a feature an older rnnlab
         * zeroed), true on the same data without such a change, null when the data were not checked.
         */
        @com.fasterxml.jackson.annotation.JsonProperty("repeat")
        public Boolean repeat() {
            if (dataDiffer() || trainingChange != null) {
                return false;
            }
            return sameData;
        }

        /** The same with {@code trainingChange}: why this version trains the same data otherwise than the earlier run. */
        public RepeatOf withTrainingChange(String change) {
            return new RepeatOf(config, sameData, checksumThen, checksumNow, dataChange, change, sameCode, codeChange, runtimeChange);
        }

        /** The same with the code and runtime compared ({@link CodeCheck}). */
        public RepeatOf withCode(CodeCheck code) {
            return new RepeatOf(config, sameData, checksumThen, checksumNow, dataChange, trainingChange, code.sameCode(),
                    code.codeChange(), code.runtimeChange());
        }

        /** The code and runtime as compared ({@link #withCode}). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public CodeCheck code() {
            return new CodeCheck(sameCode, codeChange, runtimeChange);
        }
    }

    /** The deviation below which ND4J's standardiser, used before bundle and checkpoint format 4, divided by 1 instead. */
    public static final double ND4J_SMALLEST_DEVIATION = 1e-5;

    /**
     * Why a {@code --config} run does not repeat the run whose {@code config} it was given, on the same data: that run was made
     * before rnnlab standardised features exactly (its model.rnnlab of bundle format below 4 or whose card says
     * {@code "exactStandardization": false}, or without one its checkpoint of format below 4 or whose header says so: a run
     * begun before format 4 and resumed writes files of the current format), when ND4J's standardiser divided deviations below {@value #ND4J_SMALLEST_DEVIATION} by 1, and these data
     * have such a feature, which reached that run's network as about 0 and reaches this run's as the feature it is. Empty when
     * not so, or not known (no model or checkpoint beside the config.json: a comparison's).
     */
    public static Optional<String> trainingChange(Path config, SequenceDataset data) {
        Path dir = config.toAbsolutePath().normalize().getParent();
        Optional<String> made = madeBeforeExactStandardisation(dir);
        if (made.isEmpty()) {
            return Optional.empty();
        }
        Optional<org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize> fitted;
        try {
            fitted = data.fitNormalizer();
        } catch (RuntimeException unfit) { // refused data say so when the run fits them
            return Optional.empty();
        }
        if (fitted.isEmpty()) {
            return Optional.empty();
        }
        org.nd4j.linalg.api.ndarray.INDArray std = fitted.get().getStd();
        List<String> names = data.input().featureNames();
        List<String> small = new ArrayList<>();
        for (int i = 0; i < std.length(); i++) {
            double d = std.getDouble(i);
            if (d > 0 && d < ND4J_SMALLEST_DEVIATION) {
                small.add("'" + (i < names.size() ? names.get(i) : "feature " + (i + 1)) + "' (deviation "
                        + String.format(java.util.Locale.ROOT, "%.3g", d) + ")");
            }
        }
        if (small.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("that run was made by an older rnnlab (" + made.get() + "), whose standardiser divided feature "
                + "deviations below 1e-5 by 1, so its network read " + String.join(", ", small)
                + " as about 0; this version standardises " + (small.size() == 1 ? "it" : "them") + " exactly, so this run trains "
                + "another model on the same data and its scores are not those of that run");
    }

    /** {@code "model.rnnlab of bundle format N"} or {@code "checkpoint of format N"} when below 4, else empty. */
    private static Optional<String> madeBeforeExactStandardisation(Path dir) {
        Path model = dir.resolve("model.rnnlab");
        Path checkpoint = dir.resolve("checkpoints").resolve("checkpoint.zip");
        Path file = Files.isRegularFile(model) ? model : checkpoint;
        String entry = file == model ? "bundle.json" : "checkpoint.json";
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            java.util.zip.ZipEntry e = zip.getEntry(entry);
            if (e == null || e.getSize() > 10_000) {
                return Optional.empty();
            }
            try (java.io.InputStream in = zip.getInputStream(e)) {
                com.fasterxml.jackson.databind.JsonNode header = Json.mapper().readTree(in.readNBytes(10_000));
                int version = header.path("version").asInt(0);
                if (version < 1) {
                    return Optional.empty();
                }
                // a run begun before format 4 keeps ND4J's standardiser through its resumes, and its later files are of the
                // current format: they say so in exactStandardization (the checkpoint's header, the model's card)
                boolean inexact = file == model ? cardSaysInexact(zip) : header.path("exactStandardization").isBoolean()
                        && !header.path("exactStandardization").asBoolean();
                if (inexact) {
                    return Optional.of(file == model ? "its model.rnnlab, of bundle format " + version + ", says it was trained with "
                            + "ND4J's standardiser: the run began before format 4"
                            : "its checkpoint, of format " + version + ", continues a run begun before format 4");
                }
                if (version >= org.rnnlab.training.ModelBundle.FIRST_FORMAT_WITH_EXACT_STANDARDIZATION) {
                    return Optional.empty();
                }
                return Optional.of(file == model ? "its model.rnnlab is of bundle format " + version
                        : "its checkpoint is of format " + version);
            }
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Most bytes of a model card read (one of a text model holds its vocabulary). */
    private static final int CARD_LIMIT_BYTES = 64 << 20;

    /** Whether a bundle's model-card.json says {@code "exactStandardization": false}. */
    private static boolean cardSaysInexact(java.util.zip.ZipFile zip) throws IOException {
        java.util.zip.ZipEntry card = zip.getEntry("model-card.json");
        if (card == null || card.getSize() > CARD_LIMIT_BYTES) {
            return false;
        }
        try (java.io.InputStream in = zip.getInputStream(card)) {
            com.fasterxml.jackson.databind.JsonNode exact = Json.mapper()
                    .readTree(in.readNBytes(CARD_LIMIT_BYTES)).path("exactStandardization");
            return exact.isBoolean() && !exact.asBoolean();
        }
    }

    /** How the data of a {@code --config} run compare with those of the run whose {@code config} it was given. */
    public static RepeatOf repeatOf(Path config, SequenceDataset data) {
        Path file = config.toAbsolutePath().normalize();
        Path recorded = file.getParent().resolve(DATASET_PROVENANCE);
        String now = data.provenance().checksum();
        if (!Files.isRegularFile(recorded)) {
            // a comparison (and a run of an older rnnlab) records its data's checksum in provenance.json only
            return repeatOfProvenance(file, data);
        }
        try {
            DatasetProvenance before = Json.readFile(recorded, DatasetProvenance.class);
            boolean same = sameData(before.checksum(), data.provenance());
            return new RepeatOf(file.toString(), same, before.checksum(), now, same ? sameDataNote(before.checksum(), data.provenance())
                    : describe(before, data.provenance()));
        } catch (IOException | RuntimeException e) {
            return new RepeatOf(file.toString(), null, null, now, "not checked: " + recorded + " is unreadable (" + e.getMessage() + ")");
        }
    }


    /**
     * {@link #repeatOf} by the {@code datasetChecksum} of the {@value #PROVENANCE} beside the config.json, when there is no
     * {@value #DATASET_PROVENANCE}: it tells whether the data are the same, not which file or setting changed.
     */
    private static RepeatOf repeatOfProvenance(Path file, SequenceDataset data) {
        Path provenance = file.getParent().resolve(PROVENANCE);
        String now = data.provenance().checksum();
        if (!Files.isRegularFile(provenance)) {
            return new RepeatOf(file.toString(), null, null, now, "not checked: neither " + DATASET_PROVENANCE + " nor " + PROVENANCE
                    + " beside the config.json");
        }
        String then;
        String madeBy;
        String startedAt;
        try {
            com.fasterxml.jackson.databind.JsonNode recorded = Json.mapper().readTree(provenance.toFile());
            then = recorded.path("datasetChecksum").asText("");
            madeBy = recorded.path("gitCommit").asText("");
            startedAt = recorded.path("startedAt").asText("");
        } catch (IOException | RuntimeException e) {
            return new RepeatOf(file.toString(), null, null, now, "not checked: no " + DATASET_PROVENANCE + " beside the config.json, "
                    + "and " + provenance + " is unreadable (" + e.getMessage() + ")");
        }
        if (then.isBlank()) {
            return new RepeatOf(file.toString(), null, null, now, "not checked: no " + DATASET_PROVENANCE + " beside the config.json, "
                    + "and its " + PROVENANCE + " records no datasetChecksum");
        }
        if (sameData(then, data.provenance())) {
            return new RepeatOf(file.toString(), true, then, now, sameDataNote(then, data.provenance()));
        }
        Optional<DatasetProvenance> compared = comparedData(file.getParent(), then);
        if (compared.isPresent()) { // a comparison's results.json holds its data's provenance: files and settings compared
            return new RepeatOf(file.toString(), false, then, now, describe(compared.get(), data.provenance()));
        }
        Optional<String> older = olderRules(then, data.provenance());
        Optional<String> unknown = older.isPresent() ? Optional.empty()
                : otherChecksum(madeBy, Provenance.currentGitCommit(), madeAt(madeBy, startedAt));
        if (unknown.isPresent()) {
            // another rnnlab's checksum, and no dataset-provenance.json to compare file by file: not known, not "differ"
            // (trial 78a F5: a bit-identical replay of a 522cfbf comparison was told its data differ)
            return new RepeatOf(file.toString(), null, then, now, unknown.get());
        }
        return new RepeatOf(file.toString(), false, then, now, older
                .map(r -> "the same files and settings, read by a rule rnnlab added since: " + r)
                .orElse(UNNAMED_CHANGE));
    }

    /**
     * The {@code dataChange} of data whose checksum differs from a {@value #PROVENANCE}'s {@code datasetChecksum} with no
     * {@value #DATASET_PROVENANCE} beside the config.json to tell which file or setting changed (trial 80b F3: it said
     * "which is not known", without saying what was not known or how to know it).
     */
    static final String UNNAMED_CHANGE = "the files or settings differ: the dataset checksum in " + PROVENANCE + " is another; "
            + "which file or setting changed cannot be told without the run's " + DATASET_PROVENANCE + ", which holds each "
            + "file's SHA-256 and the settings: copy it beside the config.json";

    /**
     * When the rnnlab that made a run was committed, as far as it is known: its commit's time by this rnnlab's git, else its
     * provenance.json's {@code startedAt} when that is before {@link DatasetProvenance#CHECKSUM_INPUT_CHANGED} (no rnnlab of
     * that time had the change); empty otherwise.
     */
    static Optional<java.time.Instant> madeAt(String madeBy, String startedAt) {
        Optional<java.time.Instant> committed = Provenance.commitTime(madeBy);
        if (committed.isPresent()) {
            return committed;
        }
        try {
            java.time.Instant started = java.time.Instant.parse(startedAt);
            return started.isBefore(DatasetProvenance.CHECKSUM_INPUT_CHANGED) ? Optional.of(started) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code unknown} verdict of a checksum that differs from this version's with no file list to compare: only when the
     * run's rnnlab ({@code madeBy}, made at {@code madeAt}) is known to checksum the same data otherwise, being older than
     * {@link DatasetProvenance#CHECKSUM_INPUT_CHANGED}, and this one ({@code current}) is known; empty otherwise, where the
     * checksums of the same data agree and "the files or settings differ" holds (review 78 R2: any other commit, a newer one,
     * a sibling branch, or this rnnlab outside a git checkout, got "unknown" and a real change went unreported).
     */
    static Optional<String> otherChecksum(String madeBy, String current, Optional<java.time.Instant> madeAt) {
        if (madeBy.isBlank() || madeBy.equals("unknown") || current.equals("unknown")
                || madeBy.replace("-dirty", "").equals(current.replace("-dirty", ""))
                || madeAt.isEmpty() || !madeAt.get().isBefore(DatasetProvenance.CHECKSUM_INPUT_CHANGED)) {
            return Optional.empty();
        }
        return Optional.of("unknown: made by another rnnlab (commit " + madeBy + ", of " + madeAt.get() + ", before the dataset "
                + "checksum's input last changed, commit " + DatasetProvenance.CHECKSUM_INPUT_COMMIT + " of "
                + DatasetProvenance.CHECKSUM_INPUT_CHANGED + "; this one is " + current + "), whose checksum of the same files "
                + "and settings can differ from this version's, and without a " + DATASET_PROVENANCE + " beside the config.json "
                + "(which that rnnlab did not write there) the files and settings cannot be compared one by one; compare the "
                + "data files' SHA-256 with the earlier run's or its results with this one's");
    }

    /**
     * The data provenance a comparison's results.json beside its config.json records ({@code data}), when it is that of the
     * {@code checksum} its provenance.json records: the files and settings to compare with the data now, one by one (a
     * comparison writes no {@value #DATASET_PROVENANCE}); empty without one.
     */
    private static Optional<DatasetProvenance> comparedData(Path dir, String checksum) {
        Path results = dir.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            return Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = Json.mapper().readTree(results.toFile()).path("data");
            if (!node.isObject()) {
                return Optional.empty();
            }
            DatasetProvenance recorded = Json.mapper().treeToValue(node, DatasetProvenance.class);
            return recorded.checksum().equals(checksum) ? Optional.of(recorded) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Why the same data have another checksum than the earlier run recorded, for {@value #REPEAT_OF}'s {@code dataChange} (trial
     * 78a: {@code checksumThen} and {@code checksumNow} differed beside {@code "sameData": true}, unexplained); null when the
     * checksums are equal.
     */
    static String sameDataNote(String then, DatasetProvenance now) {
        if (then.equals(now.checksum())) {
            return null;
        }
        List<String> why = new ArrayList<>();
        if (!now.parameters().equals(now.withoutLaterDefaults().parameters())) {
            why.add("settings it applied without writing them and this version writes at their default (" + String.join(", ",
                    DatasetProvenance.LATER_DEFAULTS.stream().map(d -> d.replaceFirst("^, ", "")).toList()) + ")");
        }
        if (!now.laterRulesWithoutEffect().isEmpty()) {
            why.add("rules added since that change nothing in these data (" + String.join(", ", now.laterRulesWithoutEffect()) + ")");
        }
        return "none: the same files and settings; checksumThen is their checksum as an older rnnlab wrote it, without "
                + (why.isEmpty() ? "what this version records beside them" : String.join(" and ", why));
    }

    private RunFiles() {
    }

    /** Writes {@code dir/config.json} (the request) and {@code dir/provenance.json}. */
    public static void start(Path dir, Object request, Provenance provenance) throws IOException {
        Json.writeFile(dir.resolve(CONFIG), request);
        Json.writeFile(dir.resolve(PROVENANCE), provenance);
    }

    /** Removes the temporary files of atomic writes that a killed process left behind (names {@code .NAME.*.tmp}). */
    public static void removeStaleTemporaryFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp"))
                    .toList()) {
                LOG.info("removing {} (an unfinished write of the interrupted run)", f);
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * How {@code data} differ from the data the run in {@code dir} was trained or started on (its dataset-provenance.json), for messages;
     * empty when they are the same ({@link #sameData}) or the run recorded none.
     */
    public static Optional<String> dataChange(Path dir, SequenceDataset data) throws IOException {
        Path recorded = dir.resolve(DATASET_PROVENANCE);
        if (!Files.isRegularFile(recorded)) {
            return Optional.empty();
        }
        DatasetProvenance before = Json.readFile(recorded, DatasetProvenance.class);
        if (sameData(before.checksum(), data.provenance())) {
            return Optional.empty();
        }
        return Optional.of(describe(before, data.provenance()));
    }

    /**
     * Whether the data read now are those whose checksum an earlier run recorded: the same checksum, or the checksum an rnnlab
     * before a later rule ({@link DatasetProvenance#LATER_RULES}) gave them when that rule changes nothing in them (texts that
     * NFC normalization leaves as they are, read by an rnnlab without normalization).
     */
    public static boolean sameData(String checksumThen, DatasetProvenance now) {
        return now.sameAs(checksumThen);
    }

    /**
     * When the data read now are the files and settings of an earlier run's checksum, but this version reads them by a rule
     * rnnlab added after that run was made and which changes them ({@link DatasetProvenance#LATER_RULES}): what differs, in
     * words; empty when the data are the same or differ otherwise (changed files or settings).
     */
    public static Optional<String> olderRules(String checksumThen, DatasetProvenance now) {
        if (checksumThen == null || sameData(checksumThen, now)) {
            return Optional.empty();
        }
        Optional<List<String>> lacked = now.laterRulesRecordedBefore(checksumThen, now.laterRules());
        if (lacked.isEmpty()) {
            return Optional.empty();
        }
        List<String> rules = lacked.get();
        List<String> neutral = now.laterRulesWithoutEffect();
        List<String> why = new ArrayList<>();
        for (String rule : rules) {
            if (neutral.contains(rule)) {
                continue;
            }
            why.add(switch (rule) {
                case "normalization" -> "its texts were read without Unicode normalization then and with "
                        + now.parameters().get("normalization") + " now, which gives " + now.parameters()
                        .getOrDefault(DatasetProvenance.NORMALIZED_TEXTS, "some") + " of them other tokens";
                case "tokenizerRules" -> "its texts were read by tokenizer rules " + Tokenizer.UNRECORDED_RULES_VERSION + " then and "
                        + now.parameters().get("tokenizerRules") + " now, which remove invisible format characters and give "
                        + now.parameters().getOrDefault(DatasetProvenance.TOKENIZER_RULES_TEXTS, "some") + " of them other tokens";
                case "stratifiedCarving" -> "its validation and test splits were carved by rounding each class's share on its "
                        + "own then, and with split sizes by largest remainder now, which carves these data into other splits";
                case "groupCarving" -> "its splits were carved by group then without keeping a training group for every class, "
                        + "which this version does, so these data are carved into other splits";
                case "labelOrder" -> "its classes, numbers, were ordered as text then (1, 10, 2, ...) and by number now, which "
                        + "orders the model's outputs otherwise and carves these data into other splits";
                default -> rule + " is a rule this version applies and the earlier one did not";
            });
        }
        return Optional.of(String.join("; ", why));
    }

    /** How two readings of a dataset differ, for messages: {@link #changedFiles}, and why when an older rule carved them. */
    static String describe(DatasetProvenance before, DatasetProvenance now) {
        return changedFiles(before, now) + olderRules(before.checksum(), now).map(r -> " (the same files and settings, read by a rule rnnlab added "
                + "since: " + r + ")").orElse("");
    }

    /**
     * Which files changed between two readings of a dataset, for messages. Files are matched by role (their place in the
     * dataset's list: training, validation, test, label map, as its loader reads them; by path when the two lists differ in
     * length), and compared by SHA-256: a file of the same content at another path is said to be moved, not changed (trial
     * 72c: a byte copy of the test file at another path was named "changed since", read as an altered test set).
     */
    static String changedFiles(DatasetProvenance before, DatasetProvenance now) {
        List<String> changed = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        boolean byRole = before.files().size() == now.files().size();
        Map<String, DatasetProvenance.FileChecksum> byPath = new HashMap<>();
        before.files().forEach(f -> byPath.put(f.path(), f));
        for (int i = 0; i < now.files().size(); i++) {
            DatasetProvenance.FileChecksum f = now.files().get(i);
            DatasetProvenance.FileChecksum then = byRole ? before.files().get(i) : byPath.get(f.path());
            if (then == null) { // another list of files: one of the same content is the same file, moved
                then = before.files().stream().filter(b -> b.sha256().equals(f.sha256())).findFirst().orElse(null);
            }
            if (then != null && then.sha256().equals(f.sha256())) {
                if (!then.path().equals(f.path())) {
                    moved.add(f.path() + " (from " + then.path() + ")");
                }
            } else {
                changed.add(then != null && !then.path().equals(f.path()) ? f.path() + " (in place of " + then.path() + ")" : f.path());
            }
        }
        String movedPart = moved.isEmpty() ? "" : "; moved, the same content (SHA-256): " + moved;
        List<String> settings = new ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(before.parameters().keySet());
        keys.addAll(now.parameters().keySet());
        keys.removeIf(org.rnnlab.datasets.DatasetProvenance::isReport); // what reading found, not a setting
        // a rule added since that changes nothing in these data (NFC of ASCII texts) is no difference
        keys.removeIf(k -> !before.parameters().containsKey(k) && now.laterRulesWithoutEffect().contains(k));
        for (String k : keys) {
            String a = before.parameters().get(k);
            String b = now.parameters().get(k);
            if (!java.util.Objects.equals(DatasetProvenance.withoutLaterDefaults(a), DatasetProvenance.withoutLaterDefaults(b))) {
                // a default of this version that differs from the run's shows here, key by key (a setting added since, at
                // its default, is the one the run applied: DatasetProvenance.LATER_DEFAULTS)
                settings.add(k + " " + (a == null ? "(none)" : a) + " then, " + (b == null ? "(none)" : b) + " now");
            }
        }
        if (settings.size() > 1) {
            // the CSV schema is decided from the other settings: with one of them named, its long text says nothing more
            settings.removeIf(d -> d.startsWith("schema "));
        }
        if (before.seed() != now.seed()) {
            settings.add("seed (--data-seed) " + before.seed() + " then, " + now.seed() + " now");
        }
        if (!settings.isEmpty()) {
            return "the dataset's settings differ: " + String.join(", ", settings) + (changed.isEmpty() ? "" : "; files changed since "
                    + "(content): " + changed) + movedPart;
        }
        return changed.isEmpty() ? "the dataset settings or files differ (" + before.parameters() + " then, " + now.parameters() + " now)"
                + movedPart : "changed since (content): " + changed + movedPart;
    }

    /**
     * Writes {@value org.rnnlab.datasets.csv.FilledSequences#FILE}: every CSV sequence whose gaps the missing-value policy
     * filled in, with its group and the cells and steps filled, which the warning names only three of (a fall-detection
     * trial counted 161 windows by participant with pandas); nothing when none was filled.
     */
    public static void writeFilled(Path dir, SequenceDataset data) throws IOException {
        if (data instanceof org.rnnlab.datasets.csv.CsvSequenceDataset csv && !csv.filledSequences().isEmpty()) {
            org.rnnlab.core.AtomicFiles.writeString(dir.resolve(org.rnnlab.datasets.csv.FilledSequences.FILE),
                    org.rnnlab.datasets.csv.FilledSequences.csv(csv.filledSequences()));
        }
    }

    /**
     * Writes which sequences each split held: {@value org.rnnlab.datasets.csv.SplitIdsFile#FILE} ({@code id,split,fingerprint}
     * of CSV sequences and of texts from a file with an id column, fingerprints alone for other texts) and, with a group column
     * (CSV or text),
     * {@value org.rnnlab.datasets.csv.SplitIdsFile#GROUPS_FILE}; nothing for datasets without ids (generated tasks). Train's,
     * for evaluate to warn of sequences the model trained or was selected on; compare's (when not cross-validating: folds.csv
     * is that), so that a paper's "validation = these TRAIN series" can be read off the run (a UCR trial found the carve
     * only reproducible from the data seed).
     */
    public static void writeSplits(Path dir, SequenceDataset data) throws IOException {
        if (!data.sequenceIds().isEmpty() && !(data instanceof org.rnnlab.datasets.text.TextDataset)) { // texts: their own below
            org.rnnlab.core.AtomicFiles.writeString(dir.resolve(org.rnnlab.datasets.csv.SplitIdsFile.FILE),
                    org.rnnlab.datasets.csv.SplitIdsFile.text(data.sequenceIds(), data.sequenceFingerprints()));
            if (!data.sequenceGroups().isEmpty()) { // and which groups: evaluate warns of new sequences of known subjects
                org.rnnlab.core.AtomicFiles.writeString(dir.resolve(org.rnnlab.datasets.csv.SplitIdsFile.GROUPS_FILE),
                        org.rnnlab.datasets.csv.SplitIdsFile.groupsText(data.sequenceGroups()));
            }
        } else if (data instanceof org.rnnlab.datasets.text.TextDataset text) {
            // texts have no ids: the fingerprints of their whole texts (all tokens), not of the part the model reads, which
            // matched different e-mails ending in the same signature as copies (a trial: 144 "training" texts, 74 real copies)
            Map<org.rnnlab.datasets.Split, List<String>> whole = new java.util.EnumMap<>(org.rnnlab.datasets.Split.class);
            for (org.rnnlab.datasets.Split s : org.rnnlab.datasets.Split.values()) {
                whole.put(s, text.texts(s).stream().map(t -> org.rnnlab.datasets.csv.SplitIdsFile.textFingerprint(
                        text.tokenizer().tokenize(t))).toList());
            }
            if (!text.sequenceIds().isEmpty()) {
                // a file with an id column: the user's ids, each text's fingerprint beside it (a trial re-implemented the
                // tokenizer and the hash to learn which of its reviews the carved test split held); a text without an id
                // (of a file without them) keeps its fingerprint as its id (TextDataset#sequenceIds, which the run's
                // test-predictions.csv and a comparison's folds.csv write too)
                org.rnnlab.core.AtomicFiles.writeString(dir.resolve(org.rnnlab.datasets.csv.SplitIdsFile.FILE),
                        org.rnnlab.datasets.csv.SplitIdsFile.text(text.sequenceIds(), whole));
            } else {
                org.rnnlab.core.AtomicFiles.writeString(dir.resolve(org.rnnlab.datasets.csv.SplitIdsFile.FILE),
                        org.rnnlab.datasets.csv.SplitIdsFile.text(whole));
            }
            if (text.groupColumn() != null) { // which groups, as for CSV: evaluate warns of new texts of known contracts (77g F7)
                Map<org.rnnlab.datasets.Split, List<String>> groups = new java.util.EnumMap<>(org.rnnlab.datasets.Split.class);
                for (org.rnnlab.datasets.Split s : org.rnnlab.datasets.Split.values()) {
                    groups.put(s, text.textGroups(s));
                }
                org.rnnlab.core.AtomicFiles.writeString(dir.resolve(org.rnnlab.datasets.csv.SplitIdsFile.GROUPS_FILE),
                        org.rnnlab.datasets.csv.SplitIdsFile.groupsText(groups));
            }
        } else if (data.textEncoder() != null) { // texts without their words (re-split): their fingerprints as the model reads them
            org.rnnlab.core.AtomicFiles.writeString(dir.resolve(org.rnnlab.datasets.csv.SplitIdsFile.FILE),
                    org.rnnlab.datasets.csv.SplitIdsFile.text(org.rnnlab.datasets.csv.SplitIdsFile.fingerprints(data)));
        }
    }
}
