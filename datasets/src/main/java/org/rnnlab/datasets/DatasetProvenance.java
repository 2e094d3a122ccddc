package org.rnnlab.datasets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a dataset came from: the files read with their SHA-256, or the generator's parameters and
 * seed, so a run can say exactly what it was trained on.
 *
 * @param dataset    dataset name
 * @param source     a folder, file or {@code generated}
 * @param parameters generator or loader parameters (sorted by key)
 * @param files      files read, with checksums (empty for generated data)
 * @param seed       seed of generation and splitting
 */
public record DatasetProvenance(String dataset, String source, Map<String, String> parameters,
                                List<FileChecksum> files, long seed) {

    /**
     * The parameters kept sorted by key, as dataset-provenance.json writes them: {@code Map.copyOf} (which rejects nulls, as
     * this still does) iterates in an order salted per JVM, so two runs of one command wrote the keys in other orders and
     * their run folders never compared equal (a trial's {@code cmp} of two identical runs).
     */
    public DatasetProvenance {
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(parameters)));
        files = List.copyOf(files);
    }

    /**
     * Parameters that report what reading found rather than what was asked for ({@code droppedSequences}: the sequences
     * {@code --missing drop} left out, which the files and the {@code missing} setting already decide): they are not part
     * of {@link #checksum()}, so data read before they were recorded have the same checksum.
     */
    public static final java.util.Set<String> REPORTS = java.util.Set.of("droppedSequences", DatasetProvenance.NORMALIZED_TEXTS,
            DatasetProvenance.VALIDATION_SHARE_ASKED, DatasetProvenance.TOKENIZER_RULES_TEXTS);

    /**
     * The report of data whose validation split was carved by group from fractions: the share of the non-test data asked for
     * ({@code validationFraction / (1 - testFraction)}, the test fraction 0 where the test came from a file), which
     * cross-validation's folds carve instead of the split's own, rounded by whole groups.
     */
    public static final String VALIDATION_SHARE_ASKED = "validationShareAsked";

    /**
     * The report of a text dataset: how many of its texts the {@code normalization} setting changed ({@code 0} when it
     * changed none, so that the data are those an rnnlab without normalization read).
     */
    public static final String NORMALIZED_TEXTS = "textsChangedByNormalization";

    /**
     * The report of a text dataset read by tokenizer rules version 5 or later ({@code tokenizerRules}): how many of its texts
     * those rules give other tokens than version 4 did ({@code 0} when none, so that the data are those an rnnlab before
     * version 5 read).
     */
    public static final String TOKENIZER_RULES_TEXTS = "textsChangedByTokenizerRules";

    /**
     * Parameters that record a rule rnnlab added later, which the versions before it applied without recording anything:
     * {@code normalization} of texts (none before), {@code stratifiedCarving} (validation and test sizes rounded per class
     * before), {@code groupCarving} (a class could lose all its training groups before) and {@code labelOrder} (numeric
     * class labels ordered as text, 1, 10, 2, before: csv {@code LabelOrder}) and {@code tokenizerRules} (texts' invisible
     * format characters removed by tokenizer rules version 5, fewer of them before). A checksum recorded by such a
     * version is that of the data without these parameters.
     */
    public static final List<String> LATER_RULES = List.of("normalization", "stratifiedCarving", "groupCarving", "labelOrder",
            "tokenizerRules");

    /**
     * Settings a later rnnlab added to the text of a parameter (the CSV schema's, {@code CsvSchema#toString}) and writes even at
     * their default, which the versions before them applied without writing anything: {@code sequenceScaling=none} (added on
     * 2026-12-04; a run made before has {@code ...ignored=[]]} where this version writes {@code ...ignored=[], sequenceScaling=none]}).
     * One rule for all of them: such a setting at its default is the one those versions applied, so a parameter's text with it
     * left out is the same setting ({@link #withoutLaterDefaults}); without it an upgrade told users that the very file and
     * options of an old run were other data (trial 78a: {@code evaluate --split test} refused every older CSV model,
     * {@code train --config} wrote {@code "sameData": false}). Settings added later that the text leaves out at their
     * default ({@code naValues}, {@code decimal}, ...) need no entry here.
     */
    public static final List<String> LATER_DEFAULTS = List.of(", sequenceScaling=none");

    /**
     * When the last of the {@link #LATER_RULES} and {@link #LATER_DEFAULTS} came in (commit {@value #CHECKSUM_INPUT_COMMIT},
     * {@code tokenizerRules}): an rnnlab committed before it gave the same files and settings another checksum than this one,
     * in a way a checksum alone cannot undo; one committed since gives the same (review 78 R2). Moved on with every new entry.
     */
    public static final java.time.Instant CHECKSUM_INPUT_CHANGED = java.time.Instant.parse("2026-12-06T12:22:30Z");
    /** The commit of {@link #CHECKSUM_INPUT_CHANGED}. */
    public static final String CHECKSUM_INPUT_COMMIT = "6074a691";

    /** A parameter's text as a version before the {@link #LATER_DEFAULTS} wrote it: those settings at their default left out. */
    public static String withoutLaterDefaults(String value) {
        if (value == null) {
            return null;
        }
        String v = value;
        for (String d : LATER_DEFAULTS) {
            v = v.replace(d, "");
        }
        return v;
    }

    /** These data as a version before the {@link #LATER_DEFAULTS} recorded them (those settings left out of every parameter). */
    public DatasetProvenance withoutLaterDefaults() {
        Map<String, String> kept = new TreeMap<>();
        parameters.forEach((k, v) -> kept.put(k, withoutLaterDefaults(v)));
        return new DatasetProvenance(dataset, source, kept, files, seed);
    }

    /**
     * Whether {@code checksumThen} is these data's checksum as this version writes them or as a version before the {@link
     * #LATER_DEFAULTS} wrote them: the one place where an older run's checksum is compared, so that evaluate, train
     * {@code --config} and compare {@code --config} read it alike.
     */
    private boolean checksumIs(String checksumThen) {
        return checksumThen.equals(checksum()) || checksumThen.equals(withoutLaterDefaults().checksum());
    }

    /** These data as an rnnlab before the {@link #LATER_RULES} named in {@code rules} recorded them (those parameters left out). */
    public DatasetProvenance without(java.util.Collection<String> rules) {
        Map<String, String> kept = new TreeMap<>(parameters);
        kept.keySet().removeAll(rules);
        return new DatasetProvenance(dataset, source, kept, files, seed);
    }

    /**
     * Whether these data are those whose checksum an earlier run recorded: the same checksum (as this version or one before
     * the {@link #LATER_DEFAULTS} wrote it), or the checksum an rnnlab before a later rule ({@link #LATER_RULES}) gave them when that rule changes nothing in them (texts that NFC normalization
     * leaves as they are, read by an rnnlab without normalization).
     */
    public boolean sameAs(String checksumThen) {
        if (checksumThen == null) {
            return false;
        }
        if (checksumIs(checksumThen)) {
            return true;
        }
        return laterRulesRecordedBefore(checksumThen, laterRulesWithoutEffect()).isPresent();
    }

    /**
     * Which of {@code rules} (some of the {@link #LATER_RULES} of these data) an rnnlab that recorded {@code checksumThen} for
     * these data did not have: the smallest non-empty set of them without which these data have that checksum; empty when
     * none does.
     */
    public java.util.Optional<List<String>> laterRulesRecordedBefore(String checksumThen, List<String> rules) {
        List<List<String>> subsets = new java.util.ArrayList<>();
        for (int mask = 1; mask < 1 << rules.size(); mask++) {
            List<String> subset = new java.util.ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(rules.get(i));
                }
            }
            subsets.add(subset);
        }
        subsets.sort(java.util.Comparator.comparingInt(List::size));
        return subsets.stream().filter(r -> without(r).checksumIs(checksumThen)).findFirst().map(List::copyOf);
    }

    /** The {@link #LATER_RULES} these data record. */
    public List<String> laterRules() {
        return LATER_RULES.stream().filter(parameters::containsKey).toList();
    }

    /**
     * The {@link #LATER_RULES} of these data that changed nothing in them: the data are those an rnnlab without the rule read
     * ({@code normalization} when its report, {@value #NORMALIZED_TEXTS}, counts no text it changed; {@code tokenizerRules}
     * when {@value #TOKENIZER_RULES_TEXTS} does).
     */
    public List<String> laterRulesWithoutEffect() {
        return laterRules().stream().filter(r -> (r.equals("normalization") && "0".equals(parameters.get(NORMALIZED_TEXTS)))
                || (r.equals("tokenizerRules") && "0".equals(parameters.get(TOKENIZER_RULES_TEXTS)))).toList();
    }

    /** Whether parameter {@code key} is one of the {@link #REPORTS}. */
    public static boolean isReport(String key) {
        return REPORTS.contains(key);
    }

    /**
     * One file that was read.
     *
     * @param path   path as given
     * @param bytes  size
     * @param sha256 hex SHA-256 of the content
     */
    public record FileChecksum(String path, long bytes, String sha256) {
    }

    /**
     * One SHA-256 over the name, sorted parameters, the size and content checksum of each file, and the
     * seed: it identifies the data by content, so the same files reached by another path (relative or
     * absolute, or moved) give the same checksum, and resuming a run works however its paths were typed.
     */
    public String checksum() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder(dataset).append('\n');
            new TreeMap<>(parameters).forEach((k, v) -> {
                if (!isReport(k)) {
                    sb.append(k).append('=').append(v).append('\n');
                }
            });
            for (FileChecksum f : files) {
                sb.append(f.bytes()).append(' ').append(f.sha256()).append('\n');
            }
            sb.append(seed);
            return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
