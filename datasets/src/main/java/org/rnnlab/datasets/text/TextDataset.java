package org.rnnlab.datasets.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.FileChecksums;
import org.rnnlab.datasets.FileEncoding;
import org.rnnlab.datasets.GroupCarve;
import org.rnnlab.datasets.ForwardingSequenceDataset;
import org.rnnlab.datasets.GroupSplitter;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.LabelCheck;
import org.rnnlab.datasets.Mojibake;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.StratifiedSplitter;
import org.rnnlab.datasets.TextFiles;
import org.rnnlab.datasets.csv.MissingValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labelled short texts as token sequences, with the {@link TextEncoder} (tokenizer, vocabulary built
 * from the training split only, maximum length) that a trained model needs to encode new text.
 *
 * <p>Two sources:
 * <ul>
 *   <li>{@link #fromTsv(Path, Config) users' own TSV}: UTF-8, one example per line,
 *       {@code label<TAB>text} (the label is everything before the first TAB, trimmed, which is said ({@link LabelSpaces}); the text is
 *       the rest). A first line whose fields are {@code label} and {@code text} (any case) is a header
 *       and skipped, as is one of other column names ({@link #namedHeader}); a first line naming the columns
 *       {@code id}, {@code label} and {@code text} in any order ({@link TextColumns}) has them read by name. Blank lines
 *       are skipped. Label names are the distinct labels of the (training)
 *       file sorted by {@link String#compareTo}. Either one file split by seed, or a training file and
 *       a test file ({@link #fromTsv(Path, Path, Config)}), validation then coming from the training
 *       file.</li>
 *   <li>{@link #sentiment(Path, SentimentDomain, Config) the UCI Sentiment Labelled Sentences}
 *       (Kotzias et al., KDD 2015): {@code sentence<TAB>label} with labels {@code 0} and {@code 1},
 *       named {@code negative} and {@code positive}.</li>
 * </ul>
 * Records end with LF or CRLF (a lone CR only in a file without LF, as classic Mac OS wrote them: in a file with LFs it is
 * inside its line, read as a space and warned of), so other line separators such as U+0085 inside a sentence stay part of
 * it (the tokenizer treats them as white space). Splits are stratified by label and seeded (see {@link StratifiedSplitter}).
 */
public final class TextDataset extends ForwardingSequenceDataset {
    private static final Logger LOG = LoggerFactory.getLogger(TextDataset.class);

    /** Name of datasets read from users' TSV files. */
    public static final String TSV_NAME = "text";
    /** Name of the sentiment dataset. */
    public static final String SENTIMENT_NAME = "sentiment";
    /** Sentiment label names, index = the file's 0/1 label. */
    public static final List<String> SENTIMENT_LABELS = List.of("negative", "positive");

    /**
     * Loader settings.
     *
     * @param tokenizer          tokenizer settings
     * @param minFrequency       minimum count in the training split for a word to get an id, >= 1
     * @param maxLength          maximum tokens per example, in [1, 100000]
     * @param truncation         which end of a longer text is kept
     * @param validationFraction fraction of each class (of the training file when a test file is
     *                           given) for validation, in [0, 1)
     * @param testFraction       fraction of each class for test when there is no test file, in [0, 1)
     * @param seed               seed of the split
     */
    public record Config(Tokenizer tokenizer, int minFrequency, int maxLength, Truncation truncation,
                         double validationFraction, double testFraction, long seed) {

        public Config {
            if (tokenizer == null || truncation == null) {
                throw new IllegalArgumentException("TextDataset.Config.tokenizer and truncation must not be null");
            }
            if (minFrequency < 1) {
                throw new IllegalArgumentException("TextDataset.Config.minFrequency must be >= 1, got " + minFrequency);
            }
            if (maxLength < 1 || maxLength > 100_000) {
                throw new IllegalArgumentException("TextDataset.Config.maxLength must be in [1, 100000], got " + maxLength);
            }
            // each fraction on its own; their sum is checked where both are carved (a fraction whose file is given does not count)
            new StratifiedSplitter(validationFraction, 0, seed);
            new StratifiedSplitter(0, testFraction, seed);
        }

        /**
         * Defaults: lower-casing and punctuation splitting; words seen at least twice in training get
         * an id (so {@code <unk>} occurs in training and its embedding is learnt, as unseen test words
         * map to it); 64 tokens, keeping the tail (the steps next to the classifier's output; more
         * than 99% of the sentiment sentences are shorter); 15% validation, 15% test; seed 42.
         */
        public static Config defaults() {
            return new Config(Tokenizer.defaults(), 2, 64, Truncation.KEEP_TAIL, 0.15, 0.15, 42);
        }

        /** The same settings with another seed. */
        public Config withSeed(long newSeed) {
            return new Config(tokenizer, minFrequency, maxLength, truncation, validationFraction, testFraction, newSeed);
        }

        /** The same settings with another maximum length and truncation. */
        public Config withMaxLength(int newMaxLength, Truncation newTruncation) {
            return new Config(tokenizer, minFrequency, newMaxLength, newTruncation, validationFraction, testFraction, seed);
        }

        /** The same settings with another tokenizer. */
        public Config withTokenizer(Tokenizer newTokenizer) {
            return new Config(newTokenizer, minFrequency, maxLength, truncation, validationFraction, testFraction, seed);
        }

        /** The same settings with another minimum frequency. */
        public Config withMinFrequency(int newMinFrequency) {
            return new Config(tokenizer, newMinFrequency, maxLength, truncation, validationFraction, testFraction, seed);
        }

        /** The same settings with other split fractions. */
        public Config withFractions(double validation, double test) {
            return new Config(tokenizer, minFrequency, maxLength, truncation, validation, test, seed);
        }

        Map<String, String> asParameters() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("lowerCase", Boolean.toString(tokenizer.lowerCase()));
            p.put("splitPunctuation", Boolean.toString(tokenizer.splitPunctuation()));
            p.put("normalization", tokenizer.normalization().name());
            if (tokenizer.unit() != Tokenizer.Unit.WORDS) { // recorded where not the default: data read before keep their checksum
                p.put("tokenize", tokenizer.unit().name());
            }
            if (tokenizer.rulesVersion() > Tokenizer.UNRECORDED_RULES_VERSION) { // a later rule (DatasetProvenance.LATER_RULES)
                p.put("tokenizerRules", Integer.toString(tokenizer.rulesVersion()));
            }
            p.put("minFrequency", Integer.toString(minFrequency));
            p.put("maxLength", Integer.toString(maxLength));
            p.put("truncation", truncation.name());
            p.put("validationFraction", Double.toString(validationFraction));
            p.put("testFraction", Double.toString(testFraction));
            return p;
        }
    }

    /**
     * How many of the texts the tokenizer's normalization gives other tokens than no normalization: a report in the data's
     * provenance ({@link DatasetProvenance#NORMALIZED_TEXTS}), so that data read by an rnnlab before normalization are
     * recognised as the same when it changes none of them.
     */
    static long changedByNormalization(StratifiedSplitter.Parts<Labelled> parts, Tokenizer tokenizer) {
        if (tokenizer.normalization() == TextNormalization.NONE) {
            return 0;
        }
        Tokenizer none = tokenizer.withNormalization(TextNormalization.NONE);
        return java.util.stream.Stream.of(parts.train(), parts.validation(), parts.test()).flatMap(List::stream)
                .filter(l -> !none.tokenize(l.text()).equals(l.tokens())).count();
    }

    /**
     * How many of the texts the tokenizer's rules version ({@link Tokenizer#rulesVersion}, 5 or later) gives other tokens than
     * version {@value Tokenizer#UNRECORDED_RULES_VERSION}: a report in the data's provenance
     * ({@link DatasetProvenance#TOKENIZER_RULES_TEXTS}), so that data read by an rnnlab before version 5 are recognised as the
     * same when it changes none of them.
     */
    static long changedByRulesVersion(StratifiedSplitter.Parts<Labelled> parts, Tokenizer tokenizer) {
        if (tokenizer.rulesVersion() <= Tokenizer.UNRECORDED_RULES_VERSION) {
            return 0;
        }
        Tokenizer before = tokenizer.withRulesVersion(Tokenizer.UNRECORDED_RULES_VERSION);
        return java.util.stream.Stream.of(parts.train(), parts.validation(), parts.test()).flatMap(List::stream)
                .filter(l -> !before.tokenize(l.text()).equals(l.tokens())).count();
    }

    /** One labelled text, where it was read and its id where the file gives ids ({@link TextColumns}), else null. */
    record Labelled(String text, List<String> tokens, int label, Path file, long line, String id, String group) {
        Labelled(String text, List<String> tokens, int label, Path file, long line) {
            this(text, tokens, label, file, line, null, null);
        }
    }

    /** What a text dataset is built from: kept so that {@link #limit} builds the vocabulary from the texts it keeps. */
    private record Source(String name, String source, List<String> labels, StratifiedSplitter.Parts<Labelled> parts, Config config,
                          Map<String, String> params, List<DatasetProvenance.FileChecksum> files) {
    }

    private final TextEncoder encoder;
    private final Map<Split, List<String>> texts;
    private final Source source;

    private TextDataset(SequenceDataset data, TextEncoder encoder, Map<Split, List<String>> texts, Source source) {
        super(data);
        this.encoder = encoder;
        this.texts = texts;
        this.source = source;
    }

    /** One user TSV file ({@code label<TAB>text}), split into train/validation/test by seed. */
    public static TextDataset fromTsv(Path file, Config config) {
        return fromTsv(file, null, null, config);
    }

    /** A user training TSV and test TSV; validation is carved from the training file. */
    public static TextDataset fromTsv(Path trainFile, Path testFile, Config config) {
        return fromTsv(trainFile, null, testFile, config);
    }

    /**
     * A user training TSV with optional validation and test TSVs. What is not given is carved from the
     * training file ({@code validationFraction}, {@code testFraction}, stratified by seed). Validation and
     * test labels must occur in the training file.
     *
     * @param trainFile      the training examples
     * @param validationFile validation examples, or null
     * @param testFile       test examples, or null
     */
    public static TextDataset fromTsv(Path trainFile, Path validationFile, Path testFile, Config config) {
        return fromTsv(trainFile, validationFile, testFile, config, null, false);
    }

    /**
     * As {@link #fromTsv(Path, Path, Path, Config)}, with a group column ({@code --set group=lang}): a column of the files'
     * header besides id, label and text ({@link TextColumns}), whose value each text has (a language, a source, an author).
     * Each split's groups are {@link #textGroups}, which train and evaluate score apart (accuracy and macro-F1 of each group
     * against always its most frequent class: a trial's overall 0.85 hid Japanese and Thai reviews at their majority
     * baseline). With {@code byGroup} (what {@code --set group=} gives, as a CSV group column: a trial's 57 of 60 contracts in
     * training and test were taken for kept apart) the validation and test splits carved from the training file take whole
     * groups ({@link GroupSplitter}: no author on two sides); else ({@code --set splitBy=class}) the carve stays stratified by
     * class, so that every language is in every split, and the groups a test split shares with training are a data warning
     * ({@link #SHARED_GROUPS}) that train's result line and {@code results.json} read as optimistic for new groups.
     *
     * @param group   the group column's name as written in the header (any case), or null
     * @param byGroup whether carved splits take whole groups (the default with {@code group}; not with {@code --set
     *                splitBy=class}); needs {@code group}
     */
    public static TextDataset fromTsv(Path trainFile, Path validationFile, Path testFile, Config config, String group,
                                      boolean byGroup) {
        return fromTsv(trainFile, validationFile, testFile, config, group, byGroup, null);
    }

    /**
     * As {@link #fromTsv(Path, Path, Path, Config, String, boolean)}, with the ids of files whose header names their columns
     * in the column {@code idColumn} instead of {@code id} ({@code --set idColumn=review_id}): recorded in the provenance and
     * the encoder ({@link TextEncoder#idColumn}), so that evaluate and predict read new files alike.
     *
     * @param idColumn the ids' column as the header writes it (any case), or null for {@code id}
     */
    public static TextDataset fromTsv(Path trainFile, Path validationFile, Path testFile, Config config, String group,
                                      boolean byGroup, String idColumn) {
        ID_COLUMN.set(idColumn);
        try {
            return fromTsvWithIds(trainFile, validationFile, testFile, config, group, byGroup);
        } finally {
            ID_COLUMN.remove();
        }
    }

    /** The ids' column of the files read on this thread ({@code --set idColumn}), or null for {@code id}. */
    private static final ThreadLocal<String> ID_COLUMN = new ThreadLocal<>();

    private static TextDataset fromTsvWithIds(Path trainFile, Path validationFile, Path testFile, Config config, String group,
                                              boolean byGroup) {
        if (byGroup && group == null) {
            throw new IllegalArgumentException("text: splitBy=group needs a group column (--set group=COLUMN, a column of the "
                    + "files' header such as 'id<TAB>lang<TAB>label<TAB>text')");
        }
        requireOtherFile(trainFile, validationFile, "validation");
        requireOtherFile(trainFile, testFile, "test");
        NAMED_HEADERS.get().clear();
        GROUP.set(group);
        try {
            return fromTsvGrouped(trainFile, validationFile, testFile, config, group, byGroup);
        } finally {
            GROUP.remove();
        }
    }

    /** The group column of the files read on this thread ({@link #fromTsv(Path, Path, Path, Config, String, boolean)}), or null. */
    private static final ThreadLocal<String> GROUP = new ThreadLocal<>();

    private static TextDataset fromTsvGrouped(Path trainFile, Path validationFile, Path testFile, Config config, String group,
                                              boolean byGroup) {
        List<String[]> rawTrain = readTsv(trainFile, List.of());
        List<String> labels = List.copyOf(new TreeSet<>(rawTrain.stream().map(r -> r[0]).toList()));
        requireTwoLabels(trainFile, labels);
        if (LabelCheck.looksLikeNoLabel(labels.size(), rawTrain.size())) {
            throw new DatasetFormatException(trainFile, "the first column has " + labels.size() + " distinct labels in "
                    + rawTrain.size() + " lines: did you swap text and label? (expected 'label<TAB>text', the label first)");
        }
        List<String> texts = rawTrain.stream().map(r -> r[1].trim()).distinct().limit(6).toList();
        if (labels.size() > LabelCheck.MANY && texts.size() <= 5) { // many "labels", a handful of repeated "texts": swapped
            throw new DatasetFormatException(trainFile, "the first column has " + labels.size() + " distinct labels, the text column "
                    + "only " + texts.size() + " distinct values " + texts + " over " + rawTrain.size() + " lines: did you swap text "
                    + "and label? (expected 'label<TAB>text', the label first)");
        }
        long wordyLabels = rawTrain.stream().filter(r -> r[0].strip().split("\\s+").length >= 3).count();
        long oneWordTexts = rawTrain.stream().filter(r -> r[1].strip().split("\\s+").length == 1).count();
        if (wordyLabels * 5 >= rawTrain.size() * 4L && oneWordTexts * 5 >= rawTrain.size() * 4L) {
            // a chat export written text<TAB>intent trained its 18 messages as classes of one-word "texts" (a trial)
            throw new DatasetFormatException(trainFile, wordyLabels + " of the " + rawTrain.size() + " lines have a label of three "
                    + "or more words and " + oneWordTexts + " a text of one word (line " + rawTrain.get(0)[2] + ": label "
                    + LabelCheck.quoted(shortened(rawTrain.get(0)[0])) + ", text " + LabelCheck.quoted(shortened(rawTrain.get(0)[1].strip()))
                    + "): did you swap text and label? (expected 'label<TAB>text', the label first)");
        }
        warnOfSingleExamples(trainFile, rawTrain);
        LabelCheck.formulaWarning(labels, List.of()).ifPresent(w -> LOG.warn("text {}: {}", trainFile, w));
        for (List<String> same : LabelCheck.nearDuplicates(labels)) {
            // how many lines hold each spelling, and where it first occurs (a count alone read as line numbers)
            LOG.warn("text {}: {}", trainFile, LabelCheck.nearDuplicateWarning(same, same.stream().map(n -> LabelCheck.quoted(n) + " on "
                    + rawTrain.stream().filter(r -> r[0].equals(n)).count() + " line(s), first line " + rawTrain.stream()
                    .filter(r -> r[0].equals(n)).findFirst().map(r -> r[2]).orElse("?")).collect(Collectors.joining(", "))));
        }
        Map<String, Long> perLabel = new LinkedHashMap<>();
        labels.forEach(n -> perLabel.put(n, rawTrain.stream().filter(r -> r[0].equals(n)).count()));
        org.rnnlab.datasets.JoinedLabels.warning(perLabel, "lines", false).ifPresent(w -> LOG.warn("text {}: {}", trainFile, w));
        List<String> typos = LabelCheck.likelyTypos(perLabel);
        if (!typos.isEmpty()) {
            LOG.warn("text {}: label(s) one letter from a far more common one, by their lines: {}: a typo? Each is a class of "
                    + "its own; correct the labels", trainFile, String.join(", ", typos));
        }
        List<Labelled> train = toLabelled(trainFile, rawTrain, labels, config.tokenizer());
        double vf = validationFile == null ? config.validationFraction() : 0;
        double tf = testFile == null ? config.testFraction() : 0;
        StratifiedSplitter.Parts<Labelled> carved = byGroup && (vf > 0 || tf > 0)
                ? new GroupSplitter(vf, tf, config.seed()).split(train, Labelled::group, Labelled::label).parts()
                : new StratifiedSplitter(vf, tf, config.seed()).split(train, Labelled::label);
        if (byGroup && (vf > 0 || tf > 0)) {
            logGroupCarve(trainFile, group, carved, train.size(), vf, tf);
        }
        StratifiedSplitter none = new StratifiedSplitter(0, 0, config.seed());
        List<Labelled> validation = validationFile == null ? carved.validation()
                : none.split(toLabelled(validationFile, readTsv(validationFile, labels), labels, config.tokenizer()), Labelled::label).train();
        List<Labelled> test = testFile == null ? carved.test()
                : none.split(toLabelled(testFile, readTsv(testFile, labels), labels, config.tokenizer()), Labelled::label).train();
        if (validationFile != null) {
            warnOfOverlap(validationFile, "validation", validation, trainFile, train, "training");
        }
        if (testFile != null) {
            warnOfOverlap(testFile, "test", test, trainFile, train, "training");
            if (validationFile != null) {
                // a validation file that holds test texts picks the kept epoch on them (as for CSV sequence ids)
                warnOfOverlap(testFile, "test", test, validationFile, validation, "validation");
            }
        }
        // what is carved from the training file: validation only when a test file is given (trial 80f F6)
        warnOfRepeatedTexts(trainFile, train, carvedParts(vf > 0, tf > 0), false);
        warnOfCarvedCopies(trainFile, carved, false);
        if (group != null) {
            warnOfSharedGroups(trainFile, testFile, group, carved.train(), test, byGroup);
        }
        Map<String, String> params = config.asParameters();
        if (ID_COLUMN.get() != null) {
            params.put(TextColumns.ID_COLUMN_SETTING, ID_COLUMN.get()); // the model's encoder keeps it: evaluate and predict read ids so
        }
        if (group != null) {
            params.put(GROUP_PARAMETER, group); // the model's card keeps it: evaluate scores a file's groups by it
            // recorded either way, so that a run's config, resume and evaluate --split carve as it did
            params.put("splitBy", byGroup ? "group" : "class");
        }
        if (!NAMED_HEADERS.get().isEmpty()) {
            params.put("namedHeaders", String.join(", ", NAMED_HEADERS.get()));
            NAMED_HEADERS.get().clear();
        }
        if (new StratifiedSplitter(vf, tf, config.seed()).differsFromPerClassRounding(train, Labelled::label)) {
            params.put(StratifiedSplitter.PROVENANCE_KEY, StratifiedSplitter.PROVENANCE_VALUE);
        }
        List<DatasetProvenance.FileChecksum> files = new ArrayList<>(List.of(FileChecksums.of(trainFile)));
        StringBuilder source = new StringBuilder(trainFile.toString());
        if (validationFile != null) {
            params.remove("validationFraction");
            files.add(FileChecksums.of(validationFile));
            source.append(" + ").append(validationFile);
        }
        if (testFile != null) {
            params.remove("testFraction");
            files.add(FileChecksums.of(testFile));
            source.append(" + ").append(testFile);
        }
        return build(TSV_NAME, source.toString(), labels, new StratifiedSplitter.Parts<>(carved.train(), validation, test), config,
                params, files);
    }

    /**
     * Says how a carve by group ({@code --set splitBy=group}) went, as the CSV reader does ({@link GroupCarve}): each carved
     * split's share against the share asked, which groups went to which split with their texts, and a warning when a split
     * is a single group or the test split only a few (a trial's notes in three languages, carved by language, trained on
     * Chinese only, chose the epoch on German and tested on English, unsaid).
     */
    private static void logGroupCarve(Path trainFile, String group, StratifiedSplitter.Parts<Labelled> carved, int of, double vf,
                                      double tf) {
        GroupCarve.logShare(LOG, "text", "validation", carved.validation().size(), of, vf, "validationFraction", group, "texts");
        GroupCarve.logShare(LOG, "text", "test", carved.test().size(), of, tf, "testFraction", group, "texts");
        LOG.info("text {}: carved by group column {}: {}", trainFile, group, GroupCarve.groupsBySplit(carved, Labelled::group, "texts",
                vf > 0, tf > 0));
        GroupCarve.fewGroups(carved, Labelled::group, group, "texts", vf > 0, tf > 0, "--set splitBy=class (the carve "
                + "then stays stratified by class, with every group in every split, and train still scores the test split group "
                + "by group of " + group + ", optimistic for new groups), or split by a column of many groups (authors, sites, products), or give "
                + "--validation and --test files").ifPresent(w -> LOG.warn("text {}: {}", trainFile, w));
    }

    /**
     * The words of the data warning of groups with texts in training and in the test split, as the CSV reader words it for
     * groups shared with a test file: train's result line and {@code results.json}'s {@code testSharesGroups} read it.
     */
    public static final String SHARED_GROUPS = "have sequences in the training file and in the test data";

    /**
     * Warns when groups of the group column have texts in the training split and in the test split, carved stratified by
     * class ({@code --set splitBy=class}) or given as a test file: the test scores are then optimistic for new groups (a
     * trial's 57 of 60 contracts on both sides, its results.json saying {@code testSharesGroups: false}).
     */
    private static void warnOfSharedGroups(Path trainFile, Path testFile, String group, List<Labelled> train, List<Labelled> test,
                                           boolean byGroup) {
        Set<String> trained = train.stream().map(Labelled::group).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> shared = test.stream().map(Labelled::group).filter(trained::contains)
                .collect(Collectors.toCollection(TreeSet::new));
        if (shared.isEmpty()) {
            return;
        }
        long texts = test.stream().filter(l -> shared.contains(l.group())).count();
        String how = testFile != null ? "the test file " + testFile + " holds " + texts + " of its " + test.size()
                + " texts from them; a test file of other groups scores new groups"
                : (byGroup ? "" : "carved stratified by class (--set splitBy=class), ") + texts + " of the " + test.size()
                + " test texts are theirs; leave out splitBy (or --set splitBy=group) to hold whole groups out";
        LOG.warn("text {}: {} of the {} groups of group column {} {} (e.g. {}): the test scores are optimistic for new groups; {}",
                trainFile, shared.size(), trained.size(), group, SHARED_GROUPS, shared.stream().limit(5).map(LabelCheck::quoted)
                        .collect(Collectors.joining(", ")), how);
    }

    /** The provenance parameter naming a text dataset's group column ({@code --set group=lang}), absent without one. */
    public static final String GROUP_PARAMETER = "group";

    /** Refuses a validation or test file that is the training file itself (its examples would be trained on). */
    private static void requireOtherFile(Path trainFile, Path other, String role) {
        try {
            if (other != null && Files.exists(other) && Files.exists(trainFile) && Files.isSameFile(trainFile, other)) {
                throw new DatasetFormatException(other, "the " + role + " file is the training file: its examples would be "
                        + "trained on (expected a file of other examples, or none: then a stratified " + role
                        + " split is carved from the training file)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Warns of labels that occur once in the training file: a class of one example can be neither learned nor split,
     * and on the first line it is usually a header other than {@code label<TAB>text}, read as an example.
     */
    private static void warnOfSingleExamples(Path file, List<String[]> raw) {
        Map<String, Integer> counts = new HashMap<>();
        raw.forEach(r -> counts.merge(r[0], 1, Integer::sum));
        List<String[]> single = raw.stream().filter(r -> counts.get(r[0]) == 1).toList();
        if (single.isEmpty()) {
            return;
        }
        String[] first = single.get(0);
        boolean header = first == raw.get(0);
        LOG.warn("{}: {} label(s) occur on one line only: {}{}", file, single.size(),
                single.stream().limit(5).map(r -> LabelCheck.quoted(r[0]) + " (line " + r[2] + ")").collect(Collectors.joining(", ")),
                header ? "; line " + first[2] + " looks like a header: only 'label<TAB>text' is read as one, other first "
                        + "lines are examples (rename its columns or remove it)"
                        : ": a class of one example can be neither learned nor split");
    }

    /**
     * What the model reads of a text: its tokens (after the tokenizer's lower-casing, Unicode normalization and splitting),
     * so that texts that differ only in case or spacing ("Great phone." and "Great Phone."), which the model cannot tell
     * apart, count as the same text.
     */
    private static String asRead(Labelled l) {
        return String.join("\u0000", l.tokens());
    }

    /** Warns when examples of {@code file} also occur (same tokens) in {@code trainFile}, the {@code what} file. */
    private static void warnOfOverlap(Path file, String role, List<Labelled> examples, Path trainFile, List<Labelled> train,
                                      String what) {
        Set<String> trained = new HashSet<>();
        train.forEach(l -> trained.add(asRead(l)));
        List<Labelled> seen = examples.stream().filter(l -> trained.contains(asRead(l))).toList();
        if (!seen.isEmpty()) {
            // a user's try: the same file as --validation and --test was told "measure memory", but validation texts are not
            // trained on; what they do is choose the epoch kept
            String why = "training".equals(what) ? "their scores measure memory, not generalisation"
                    : "the validation data chose the epoch kept (early stopping), so their test scores are optimistic";
            LOG.warn("{}: {} of {} {} texts also occur in the {} file {} (the first at line {} of {}), as written or as the "
                    + "model reads them (the same tokens: differing in case or spacing, say): {}", file, seen.size(), examples.size(),
                    role, what, trainFile, seen.stream().mapToLong(Labelled::line).min().orElse(0), file, why);
        }
    }

    /**
     * The data carved from the training file, as the repeat warning names it: {@code validation and test data}, {@code
     * validation data} when a test file is given (trial 80f F6: the warning named carved test data beside a {@code --test}
     * file), {@code test data} when a validation file is; null when nothing is carved.
     */
    static String carvedParts(boolean validation, boolean test) {
        return validation && test ? "validation and test data" : validation ? "validation data" : test ? "test data" : null;
    }

    /** The line of {@code l}, with its file's name when that is not {@code file} (a folder of several files). */
    private static String where(Labelled l, Path file) {
        return l.file() == null || l.file().equals(file) ? Long.toString(l.line()) : l.file().getFileName() + ":" + l.line();
    }

    /**
     * Warns of texts the training file holds more than once: with validation or test data carved from it, a repeated
     * text can be in training and in a carved split at once (their scores then measure memory); and a text given two
     * different labels is a contradiction the model cannot learn. {@code builtIn}: the UCI files of the built-in dataset, which
     * take no validation or test file of the user's.
     *
     * @param carved the splits carved from the file as the warning names them ({@link #carvedParts}), null for none
     */
    private static void warnOfRepeatedTexts(Path trainFile, List<Labelled> train, String carved, boolean builtIn) {
        Map<String, List<Labelled>> byText = new LinkedHashMap<>();
        train.forEach(l -> byText.computeIfAbsent(asRead(l), k -> new ArrayList<>()).add(l));
        List<List<Labelled>> repeated = byText.values().stream().filter(same -> same.size() > 1).toList();
        if (repeated.isEmpty()) {
            return;
        }
        List<List<Labelled>> conflicting = repeated.stream()
                .filter(same -> same.stream().map(Labelled::label).distinct().count() > 1).toList();
        if (carved != null) {
            long extra = repeated.stream().mapToLong(same -> same.size() - 1).sum();
            LOG.warn("{}: {} texts occur more than once ({} repeats, e.g. lines {}): {} carved from {} "
                    + "can hold a copy of a training text, whose score then measures memory; {}", trainFile, repeated.size(), extra,
                    repeated.get(0).stream().map(l -> where(l, trainFile)).collect(Collectors.joining(" and ")), carved,
                    builtIn ? "these files" : "this file", builtIn ? "the UCI files hold these repeats: scores of this built-in "
                            + "dataset carry them (a TSV of the sentences without repeats, --dataset text, avoids them)"
                            : "remove the repeats (or give " + ("validation data".equals(carved) ? "a validation file"
                            : "test data".equals(carved) ? "a test file" : "validation and test files") + " of other texts)");
        }
        if (!conflicting.isEmpty()) {
            LOG.warn("{}: {} texts occur with different labels (e.g. lines {}): the model cannot learn both; correct the labels",
                    trainFile, conflicting.size(),
                    conflicting.get(0).stream().map(l -> where(l, trainFile)).collect(Collectors.joining(" and ")));
        }
    }

    /**
     * Counts the carved validation and test texts that are copies of texts in the carved training split (the same tokens):
     * the repeats of a file land on both sides of a split carved at random, and a trial's carved test score of 0.99 held 31
     * copies of training texts among 180 while the result line called it "an unbiased estimate". The test warning's words
     * are among those that mark a run's test scores optimistic ({@code TrainAgain.LEAKS}): with 2 copies or more, and 1% of
     * the split or more (fewer are said as information).
     */
    private static void warnOfCarvedCopies(Path file, StratifiedSplitter.Parts<Labelled> parts, boolean builtIn) {
        Set<String> trained = new HashSet<>();
        parts.train().forEach(l -> trained.add(asRead(l)));
        String fix = builtIn ? "the UCI files hold these repeats (a TSV of the sentences without repeats, --dataset text, avoids them)"
                : "remove the repeats first (pandas: df.drop_duplicates(subset='text')), or give validation and test files of "
                + "other texts";
        for (var part : List.of(Map.entry("test", parts.test()), Map.entry("validation", parts.validation()))) {
            List<Labelled> copies = part.getValue().stream().filter(l -> trained.contains(asRead(l))).toList();
            if (copies.isEmpty()) {
                continue;
            }
            if (copies.size() < 2 || copies.size() * 100L < part.getValue().size()) {
                // one short text on both sides ("ok", "thanks") does not make the scores optimistic (a review): said, not warned
                LOG.info("{}: {} of the {} {} texts carved from it also occur in its training split (e.g. line {}): too few to "
                        + "move the scores", file, copies.size(), part.getValue().size(), part.getKey(), where(copies.get(0), file));
                continue;
            }
            LOG.warn("{}: {} of the {} {} texts carved from it also occur in the training split carved from it (as the model reads "
                    + "them; e.g. line {}), so {}; {}", file, copies.size(), part.getValue().size(), part.getKey(),
                    where(copies.get(0), file), "test".equals(part.getKey()) ? "their test scores measure memory in part: optimistic"
                            : "the epoch kept is chosen partly on memorised texts", fix);
        }
    }

    /** A header's column of a label, by name ({@code cls}, {@code category}, {@code intent_label}). */
    private static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile(
            "(?i)label|class|cls|category|intent|target|tag|topic|sentiment|y|.*(label|class).*");

    /** A header's column of a text, by name ({@code message}, {@code body}, {@code review_text}). */
    private static final java.util.regex.Pattern TEXT_NAME = java.util.regex.Pattern.compile(
            "(?i)text|message|msg|sentence|content|body|review|comment|description|utterance|document|doc|.*(text|message).*");

    /** A header's column of ids ({@code id}, {@code msg_id}). */
    private static final java.util.regex.Pattern ID_NAME = java.util.regex.Pattern.compile("(?i)id|.*_id|id_.*");

    /**
     * The pandas line that writes comma- or semicolon-separated {@code file} (its lines {@code lines}) as training's text
     * layout, a TSV of the header {@code id<TAB>label<TAB>text} (or {@code label<TAB>text}): where its first line names the
     * columns, the id, label and text columns are taken by name ({@code msg_id,message,cls}), else named LABEL and TEXT for
     * the user to fill in. A trial's {@code msg_id,message,cls} was refused without it, where predict's refusal of a .csv
     * gives one. The line replaces white space runs in the texts (line breaks, CR, TABs) by one space and reads the file in
     * the encoding declared for the read ({@link #csvConversion(Path, List, boolean)}).
     */
    static String csvConversion(Path file, List<String> lines) {
        return csvConversion(file, lines, true);
    }

    /**
     * The pandas line that converts comma- or semicolon-separated {@code file} (its lines {@code lines}) to what rnnlab
     * reads: with {@code labelled}, training's TSV ({@code id<TAB>label<TAB>text}); without, predict's: {@code
     * id<TAB>text} where the header names an id column, else one text per line ({@code .txt}, ids = line numbers). The
     * columns are taken by the header's names (LABEL, TEXT to fill in where none reads as one). The texts' white space
     * runs (line breaks inside quoted texts, CR, TABs) are replaced by one space in the code itself: a trial's export ran
     * the line as printed and was refused again for its multi-line messages (trial 80f F2). A file read in a declared
     * encoding other than UTF-8 ({@link FileEncoding#declared}) is read so by the line too (trial 80f F1: {@code
     * pd.read_csv} of a UTF-16 file failed as printed); its output is UTF-8, pandas' default.
     */
    public static String csvConversion(Path file, List<String> lines, boolean labelled) {
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        char sep = first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
        List<String> names = java.util.Arrays.stream(first.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1))
                .map(f -> unquote(f.strip()).strip()).toList();
        // a header: names of columns, one of them read as a label, text or id column by its name
        boolean header = names.size() >= 2 && names.stream().allMatch(n -> n.matches("[\\p{L}_][\\p{L}\\p{N}_ .-]{0,39}"))
                && names.stream().anyMatch(n -> LABEL_NAME.matcher(n).matches() || TEXT_NAME.matcher(n).matches()
                || ID_NAME.matcher(n).matches());
        String name = file.getFileName() == null ? "data.csv" : file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String read = "df = pd.read_csv(" + py(name) + (sep == ';' ? ", sep=';'" : "") + (header ? "" : ", header=None")
                + pandasEncoding() + "); ";
        String tidy = "df['text'] = df['text'].str.replace(r'\\s+', ' ', regex=True).str.strip(); ";
        String write = ".to_csv(" + py(stem + ".tsv") + ", sep='\\t', index=False)";
        if (!header) {
            return labelled ? read + "df = df[[LABEL, TEXT]].rename(columns={LABEL: 'label', TEXT: 'text'}); " + tidy + "df" + write
                    + " (LABEL, TEXT: the positions of its label and text columns, from 0)"
                    : read + "df[TEXT].str.replace(r'\\s+', ' ', regex=True).str.strip().to_csv(" + py(stem + ".txt")
                    + ", index=False, header=False) (TEXT: the position of its text column, from 0)";
        }
        String label = labelled ? names.stream().filter(n -> LABEL_NAME.matcher(n).matches()).findFirst().orElse(null) : null;
        String text = names.stream().filter(n -> TEXT_NAME.matcher(n).matches() && !n.equals(label)).findFirst().orElse(null);
        String id = names.stream().filter(n -> ID_NAME.matcher(n).matches() && !n.equals(label) && !n.equals(text)).findFirst()
                .orElse(null);
        if (!labelled && id == null) { // predict: one text per line, its id the line number
            String column = text == null ? "TEXT" : py(text);
            return read + "df[" + column + "].str.replace(r'\\s+', ' ', regex=True).str.strip().to_csv(" + py(stem + ".txt")
                    + ", index=False, header=False)" + (text == null ? " (TEXT: the name of its text column of "
                    + String.join(", ", names) + ", in quotes)" : "");
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        if (id != null) {
            renamed.put(id, "id");
        }
        if (labelled) {
            renamed.put(label == null ? "LABEL" : label, "label");
        }
        renamed.put(text == null ? "TEXT" : text, "text");
        String rename = renamed.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue()))
                .map(e -> (e.getKey().equals("LABEL") || e.getKey().equals("TEXT") ? e.getKey() : py(e.getKey())) + ": " + py(e.getValue()))
                .collect(Collectors.joining(", "));
        List<String> missing = new ArrayList<>();
        if (labelled && label == null) {
            missing.add("LABEL");
        }
        if (text == null) {
            missing.add("TEXT");
        }
        return read + "df = df" + (rename.isEmpty() ? "" : ".rename(columns={" + rename + "})") + "[[" + (id == null ? "" : "'id', ")
                + (labelled ? "'label', " : "") + "'text']]; " + tidy + "df" + write + (missing.isEmpty() ? "" : " ("
                + String.join(", ", missing) + ": the name of its " + (missing.size() == 2 ? "label and text columns"
                : labelled && label == null ? "label column" : "text column") + " of " + String.join(", ", names) + ", in quotes)");
    }

    /**
     * The pandas line that renames the columns of TAB-separated {@code file} with a header of other names ({@code
     * id<TAB>message<TAB>intent}, Excel's "Unicode text") to what rnnlab reads: the text column ({@code message}) to
     * {@code text}, the label column ({@code intent}) to {@code label} and an id column ending in {@code _id} to {@code id}
     * where {@code idName} is {@code id} and not there, the other columns kept; white space runs in the texts replaced by one
     * space, in the declared encoding. Null when no column reads as a text column. Trial 80f F4: the refusal said what to
     * rename, not how, for a UTF-16 file no sed edits.
     *
     * @param names  the header's names as written
     * @param idName the ids' column as the reader expects it, lower-case ({@code id}, or {@code --set idColumn}'s)
     */
    static String tsvRename(Path file, List<String> names, String idName) {
        boolean hasText = names.stream().anyMatch(n -> n.equalsIgnoreCase("text"));
        boolean hasLabel = names.stream().anyMatch(n -> n.equalsIgnoreCase("label"));
        String label = hasLabel ? null : names.stream().filter(n -> LABEL_NAME.matcher(n).matches() && !ID_NAME.matcher(n).matches())
                .findFirst().orElse(null);
        String text = hasText ? null : names.stream().filter(n -> TEXT_NAME.matcher(n).matches() && !n.equals(label)
                && !ID_NAME.matcher(n).matches()).findFirst().orElse(null);
        if (text == null && !hasText) {
            return null;
        }
        boolean hasId = names.stream().anyMatch(n -> n.equalsIgnoreCase(idName));
        String id = hasId || !"id".equals(idName) ? null : names.stream().filter(n -> n.toLowerCase(Locale.ROOT).endsWith("_id"))
                .findFirst().orElse(null);
        Map<String, String> renamed = new LinkedHashMap<>();
        if (id != null) {
            renamed.put(id, "id");
        }
        if (text != null) {
            renamed.put(text, "text");
        }
        if (label != null) {
            renamed.put(label, "label");
        }
        if (renamed.isEmpty()) {
            return null;
        }
        String name = file.getFileName() == null ? "data.tsv" : file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String out = name.toLowerCase(Locale.ROOT).endsWith(".tsv") ? stem + "-renamed.tsv" : stem + ".tsv";
        return "df = pd.read_csv(" + py(name) + ", sep='\\t'" + pandasEncoding() + ").rename(columns={" + renamed.entrySet().stream()
                .map(e -> py(e.getKey()) + ": " + py(e.getValue())).collect(Collectors.joining(", ")) + "}); df['text'] = "
                + "df['text'].str.replace(r'\\s+', ' ', regex=True).str.strip(); df.to_csv(" + py(out) + ", sep='\\t', index=False)"
                + (pandasEncoding().isEmpty() ? "" : " (written in UTF-8: read without the encoding setting)");
    }

    /**
     * {@code , encoding='utf-16'} for pandas' {@code read_csv} where the file is read in a declared encoding other than
     * UTF-8 ({@link FileEncoding#declared}), else empty (pandas reads UTF-8, with or without its byte order mark).
     */
    static String pandasEncoding() {
        FileEncoding declared = FileEncoding.declared();
        return declared == null || declared.charset().equals(java.nio.charset.StandardCharsets.UTF_8) ? ""
                : ", encoding=" + py(declared.charset().name().toLowerCase(Locale.ROOT));
    }

    /** {@code s} as a Python string literal. */
    private static String py(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * The examples of a user TSV as written ({@code label<TAB>text}), for evaluating a trained model on a
     * file: each as {label, text, 1-based line}.
     */
    public static List<String[]> readLabelledLines(Path file) {
        return readTsv(file, null);
    }

    /**
     * The UCI Sentiment Labelled Sentences of one domain or all three, split by seed (stratified).
     *
     * @param folder the folder holding {@code amazon_cells_labelled.txt}, {@code imdb_labelled.txt},
     *               {@code yelp_labelled.txt}
     */
    public static TextDataset sentiment(Path folder, SentimentDomain domain, Config config) {
        List<Labelled> all = new ArrayList<>();
        List<DatasetProvenance.FileChecksum> checksums = new ArrayList<>();
        for (String name : domain.fileNames()) {
            Path file = folder.resolve(name);
            checksums.add(FileChecksums.of(file));
            List<String> lines = readLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    throw new DatasetFormatException(file, i + 1, "no TAB (expected 'sentence<TAB>label' with label 0 or 1)");
                }
                String label = line.substring(tab + 1).trim();
                if (!label.equals("0") && !label.equals("1")) {
                    throw new DatasetFormatException(file, i + 1, "label " + LabelCheck.quoted(label) + " (expected 0 or 1)");
                }
                all.add(labelled(file, i + 1, line.substring(0, tab), Integer.parseInt(label), config.tokenizer()));
            }
        }
        // the UCI files hold some sentences twice (within and across domains): carved, a copy can land in test
        warnOfRepeatedTexts(folder, all, carvedParts(config.validationFraction() > 0, config.testFraction() > 0), true);
        StratifiedSplitter.Parts<Labelled> parts =
                new StratifiedSplitter(config.validationFraction(), config.testFraction(), config.seed()).split(all, Labelled::label);
        warnOfCarvedCopies(folder, parts, true);
        Map<String, String> params = config.asParameters();
        params.put("domain", domain.id());
        if (new StratifiedSplitter(config.validationFraction(), config.testFraction(), config.seed())
                .differsFromPerClassRounding(all, Labelled::label)) {
            params.put(StratifiedSplitter.PROVENANCE_KEY, StratifiedSplitter.PROVENANCE_VALUE);
        }
        return build(SENTIMENT_NAME, folder.toString(), SENTIMENT_LABELS, parts, config, params, checksums);
    }

    private static TextDataset build(String name, String source, List<String> labels, StratifiedSplitter.Parts<Labelled> parts,
                                     Config config, Map<String, String> params, List<DatasetProvenance.FileChecksum> files) {
        return build(name, source, labels, parts, config, params, files, name);
    }

    /** As above, its summary logged under {@code logged} (the dataset's name, or what was kept of it). */
    private static TextDataset build(String name, String source, List<String> labels, StratifiedSplitter.Parts<Labelled> parts,
                                     Config config, Map<String, String> params, List<DatasetProvenance.FileChecksum> files,
                                     String logged) {
        params = new LinkedHashMap<>(params);
        params.put(DatasetProvenance.NORMALIZED_TEXTS, Long.toString(changedByNormalization(parts, config.tokenizer())));
        if (config.tokenizer().rulesVersion() > Tokenizer.UNRECORDED_RULES_VERSION) {
            params.put(DatasetProvenance.TOKENIZER_RULES_TEXTS, Long.toString(changedByRulesVersion(parts, config.tokenizer())));
        }
        Source from = new Source(name, source, labels, parts, config, new LinkedHashMap<>(params), files);
        Vocabulary vocabulary = Vocabulary.build(parts.train().stream().map(Labelled::tokens).toList(), config.minFrequency());
        String oneWord = oneWordTexts(parts.train());
        if (vocabulary.size() <= Vocabulary.UNK + 1) { // every text would read as unknown words only: a model at chance
            long words = parts.train().stream().flatMap(l -> l.tokens().stream()).distinct().count();
            throw new IllegalArgumentException("text " + source + ": no word occurs " + config.minFrequency() + " times or more in "
                    + "the " + parts.train().size() + " training texts (" + words + " distinct words), so the vocabulary is empty "
                    + "and every text would read as unknown words; " + (oneWord != null ? oneWord
                    : "lower --set minFrequency (e.g. minFrequency=1)"));
        }
        if (oneWord != null) {
            LOG.warn("{}: {}", logged, oneWord);
        }
        TextEncoder encoder = new TextEncoder(config.tokenizer(), vocabulary, config.maxLength(), config.truncation(),
                UnknownWords.Share.of(parts.train().stream().map(Labelled::tokens).toList(), config.minFrequency(),
                        config.maxLength(), config.truncation()), params.get(TextColumns.ID_COLUMN_SETTING));
        params.put("vocabularySize", Integer.toString(vocabulary.size()));
        DatasetProvenance provenance = new DatasetProvenance(name, source, params, files, config.seed());
        Map<Split, List<String>> texts = new LinkedHashMap<>();
        texts.put(Split.TRAIN, parts.train().stream().map(Labelled::text).toList());
        texts.put(Split.VALIDATION, parts.validation().stream().map(Labelled::text).toList());
        texts.put(Split.TEST, parts.test().stream().map(Labelled::text).toList());
        int longest = 0;
        int truncated = 0;
        for (List<Labelled> part : List.of(parts.train(), parts.validation(), parts.test())) {
            for (Labelled l : part) {
                longest = Math.max(longest, l.tokens().size());
                truncated += l.tokens().size() > config.maxLength() ? 1 : 0;
            }
        }
        String groupTag = params.get(GROUP_PARAMETER);
        Map<String, Integer> groupNumbers = groupNumbers(parts, groupTag);
        InMemorySequenceDataset data = new InMemorySequenceDataset(name, InputDescription.tokens(vocabulary.size(), config.maxLength()),
                labels, encode(parts.train(), encoder, groupTag, groupNumbers), encode(parts.validation(), encoder, groupTag, groupNumbers),
                encode(parts.test(), encoder, groupTag, groupNumbers), provenance);
        LOG.info("{}: {} / {} / {} examples, {} labels, vocabulary {} ids, longest text {} tokens, {} truncated to {} ({})",
                logged, parts.train().size(), parts.validation().size(), parts.test().size(), labels.size(), vocabulary.size(),
                longest, truncated, config.maxLength(), config.truncation());
        if (config.tokenizer().unit() != Tokenizer.Unit.WORDS || !config.tokenizer().lowerCase()
                || config.tokenizer().normalization() == TextNormalization.NFKC) {
            LOG.info("{}: tokenizer {} (stored with the model: new text is read so too)", logged, config.tokenizer().summary());
        }
        truncationWarning(parts, config).ifPresent(w -> LOG.warn("{}: {}", logged, w));
        if (config.tokenizer().unit() == Tokenizer.Unit.WORDS) {
            unsegmentedTexts(parts).ifPresent(w -> LOG.warn("{}: {}", logged, w));
        }
        fullWidthTexts(parts, config.tokenizer()).ifPresent(w -> LOG.warn("{}: {}", logged, w));
        if (oneWord == null) { // else every text is one word: said above
            unknownOnlyTexts(parts, encoder).ifPresent(w -> LOG.warn("{}: {}", logged, w));
            unknownWordsByClass(parts.train(), vocabulary, labels).ifPresent(w -> LOG.warn("{}: {}", logged, w));
        }
        return new TextDataset(data, encoder, texts, from);
    }

    /** The least {@code <unk>} tokens of a class's training texts for {@link #unknownWordsByClass} to warn of it ({@value}). */
    static final int UNKNOWN_CLASS_MIN_TOKENS = 3;
    /** The least share of a class's training tokens that are {@code <unk>} for {@link #unknownWordsByClass} ({@value}). */
    static final double UNKNOWN_CLASS_MIN_SHARE = 0.05;
    /** How many times the training texts' share of {@code <unk>} a class's share must be for {@link #unknownWordsByClass} ({@value}). */
    static final double UNKNOWN_CLASS_FACTOR = 3;

    /**
     * The warning of the classes whose training texts lose far more of their words to {@code minFrequency} than the others:
     * at least {@value #UNKNOWN_CLASS_MIN_TOKENS} {@code <unk>} tokens, {@value #UNKNOWN_CLASS_MIN_SHARE} or more of its
     * tokens, and {@value #UNKNOWN_CLASS_FACTOR} times or more the share over all training texts, most first. Such a class
     * is mostly a rare one whose words occur once: the model learns {@code <unk>} as evidence for it, and new texts of
     * unknown words are predicted as it (trial 80f F5: 5 of the 12 {@code <unk>} tokens of the training split were in
     * 'shop_hours', 4 texts, 20% of its tokens, and every text of unknown words was predicted 'shop_hours'). Said with the
     * counts and the rule; empty with {@code minFrequency} 1, where no training word is {@code <unk>}.
     */
    static Optional<String> unknownWordsByClass(List<Labelled> train, Vocabulary vocabulary, List<String> labels) {
        int n = labels.size();
        long[] unknown = new long[n];
        long[] tokens = new long[n];
        long[] texts = new long[n];
        for (Labelled l : train) {
            texts[l.label()]++;
            for (String t : l.tokens()) {
                tokens[l.label()]++;
                unknown[l.label()] += vocabulary.contains(t) ? 0 : 1;
            }
        }
        long allUnknown = java.util.Arrays.stream(unknown).sum();
        long allTokens = java.util.Arrays.stream(tokens).sum();
        if (allUnknown == 0 || allTokens == 0) {
            return Optional.empty();
        }
        double overall = (double) allUnknown / allTokens;
        List<String> classes = java.util.stream.IntStream.range(0, n).boxed()
                .sorted(java.util.Comparator.comparingLong((Integer c) -> unknown[c]).reversed())
                .filter(c -> unknown[c] >= UNKNOWN_CLASS_MIN_TOKENS && (double) unknown[c] / tokens[c] >= UNKNOWN_CLASS_MIN_SHARE
                        && (double) unknown[c] / tokens[c] >= UNKNOWN_CLASS_FACTOR * overall)
                .map(c -> String.format(Locale.ROOT, "%s %d (%d texts; %d of its %d tokens, %.1f%%)", LabelCheck.quoted(labels.get(c)),
                        unknown[c], texts[c], unknown[c], tokens[c], 100.0 * unknown[c] / tokens[c]))
                .toList();
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the <unk> tokens of the %d training texts (%d of %d tokens, %.1f%%: words that "
                + "occur fewer than %d times in training, minFrequency %d) are concentrated in %d class(es): %s; the model may read "
                + "any unknown word as evidence for %s, and new texts of unknown words may all be predicted so (warned where a "
                + "class holds %d <unk> tokens or more, %.0f%% or more of its tokens and %.0f times the share over all training "
                + "texts); more texts of %s, or --set minFrequency=1, keep their words", train.size(), allUnknown, allTokens,
                100 * overall, vocabulary.minFrequency(), vocabulary.minFrequency(), classes.size(), String.join(", ", classes),
                classes.size() == 1 ? "it" : "them", UNKNOWN_CLASS_MIN_TOKENS, 100 * UNKNOWN_CLASS_MIN_SHARE, UNKNOWN_CLASS_FACTOR,
                classes.size() == 1 ? "it" : "them"));
    }

    /** The share of texts cut to the maximum length from which it is warned of ({@value}: 1 in 20). */
    static final double TRUNCATED_WARNING_SHARE = 0.05;

    /**
     * What to say when {@value #TRUNCATED_WARNING_SHARE} or more of the texts are longer than the maximum length (a share of
     * them, of all splits): which end is read, and both remedies, a maximum length covering 95% of the texts and reading
     * the other end. A trial's e-mail tickets, 17% of them cut (under the 20% warned of before), were read by their last 64
     * tokens, the signature and quoted reply: 0.468 accuracy on the cut ones against 0.987 on the rest, 1.000 reading the
     * first 64 (KEEP_HEAD). Empty when fewer are cut.
     */
    static Optional<String> truncationWarning(StratifiedSplitter.Parts<Labelled> parts, Config config) {
        int[] lengths = java.util.stream.Stream.of(parts.train(), parts.validation(), parts.test()).flatMap(List::stream)
                .mapToInt(l -> l.tokens().size()).sorted().toArray();
        int max = config.maxLength();
        long cut = java.util.Arrays.stream(lengths).filter(n -> n > max).count();
        if (cut == 0 || cut < TRUNCATED_WARNING_SHARE * lengths.length) {
            return Optional.empty();
        }
        int longest = lengths[lengths.length - 1];
        int p95 = lengths[(int) Math.ceil(0.95 * lengths.length) - 1];
        int suggested = p95 > max ? p95 : longest;
        boolean tail = config.truncation() == Truncation.KEEP_TAIL;
        return Optional.of(String.format(java.util.Locale.ROOT, "%d of the %d texts (%d%%) are longer than maxLength %d tokens and are "
                + "cut to it (%s: the %s %d tokens are read, the rest not; the longest has %d): if what tells the classes apart "
                + "can lie in the part cut off, raise --set maxLength (e.g. maxLength=%d, %s) or read the other end with --set "
                + "truncation=%s (the %s %d tokens: %s)", cut, lengths.length, Math.round(100.0 * cut / lengths.length), max,
                config.truncation(), tail ? "last" : "first", max, longest, suggested,
                suggested == p95 ? "which covers 95% of them" : "the longest", tail ? "KEEP_HEAD" : "KEEP_TAIL",
                tail ? "first" : "last", max, tail ? "the subject and opening lines of a message, where the end of an e-mail is "
                        + "often its signature or a quoted reply" : "the end of each text"));
    }

    /**
     * What to say of training, validation and test texts in which the model reads no word of its vocabulary (each only
     * {@code <unk>}, so the model learns of a training one nothing but its label, and scores a held-out one on the unknown
     * word alone), when they are 2 or more and 1% of the texts or more (fewer are said as information), and of
     * texts that are one long word each among texts of many words ({@link #oneWordAmongMany}); empty when there are none. A
     * trial's DNA file with 5% of its lines written without spaces trained on 68 examples that were only {@code <unk>}
     * without a word, where evaluate on the same file named them.
     */
    static Optional<String> unknownOnlyTexts(StratifiedSplitter.Parts<Labelled> parts, TextEncoder encoder) {
        List<String> counts = new ArrayList<>();
        List<String> where = new ArrayList<>();
        Map<String, Integer> words = new LinkedHashMap<>();
        int total = 0;
        int texts = 0;
        Labelled first = null;
        for (var part : List.of(Map.entry("training", parts.train()), Map.entry("validation", parts.validation()),
                Map.entry("test", parts.test()))) {
            texts += part.getValue().size();
            List<Labelled> unknown = part.getValue().stream().filter(l -> java.util.Arrays.stream(encoder.vocabulary()
                    .encode(l.tokens(), encoder.maxLength(), encoder.truncation())).allMatch(id -> id == Vocabulary.UNK))
                    .sorted(java.util.Comparator.comparing((Labelled l) -> l.file().toString()).thenComparingLong(Labelled::line))
                    .toList();
            if (unknown.isEmpty()) {
                continue;
            }
            total += unknown.size();
            first = first == null ? unknown.get(0) : first;
            counts.add(unknown.size() + " of the " + part.getValue().size() + " " + part.getKey() + " texts");
            where.add(part.getKey() + " " + unknown.stream().limit(5).map(l -> l.file().getFileName() + ":" + l.line())
                    .collect(Collectors.joining(", ")) + (unknown.size() > 5 ? ", ..." : ""));
            unknown.forEach(l -> UnknownWords.readPart(l.tokens(), encoder.maxLength(), encoder.truncation())
                    .forEach(w -> words.merge(w, 1, Integer::sum)));
        }
        Optional<String> oneWord = oneWordAmongMany(parts);
        if (total > 0 && (total < 2 || total * 100L < texts)) {
            // one rare phrase ("Kudos!") among many texts changes nothing (as carved copies): said, not warned
            LOG.info("{} of the {} texts have no word of the vocabulary (e.g. {}:{}): too few to matter", total, texts,
                    first.file().getFileName(), first.line());
            return oneWord;
        }
        if (counts.isEmpty()) {
            return oneWord;
        }
        String all = counts.size() == 1 ? counts.get(0) : String.join(", ", counts.subList(0, counts.size() - 1)) + " and "
                + counts.get(counts.size() - 1);
        return Optional.of(all + " have no word of the vocabulary (" + String.join("; ", where) + "; their words: "
                + UnknownWords.commonest(words) + "): the model reads each as " + Vocabulary.UNK_TOKEN + " alone, so it learns "
                + "nothing of a training one but its label, and scores a held-out one on the unknown word alone"
                + oneWord.map(w -> "; " + w).or(() -> UnknownWords.singleCharacterHint(encoder.vocabulary(), words)
                        .map(h -> "; " + h)).orElse(""));
    }

    /**
     * When some texts are one word of {@value #LONG_WORD} characters or more each while the texts have many words (5 or
     * more, the median), what to say: symbol strings written without spaces among ones written one character per word, each
     * of them one word the model reads as {@code <unk>} or as an id of its own (a trial's 5% of unspaced DNA lines).
     */
    static Optional<String> oneWordAmongMany(StratifiedSplitter.Parts<Labelled> parts) {
        List<Labelled> all = java.util.stream.Stream.of(parts.train(), parts.validation(), parts.test()).flatMap(List::stream).toList();
        // symbol strings are Latin letters and digits; a long run of an unspaced script is warned of by unsegmentedTexts
        List<Labelled> one = all.stream().filter(l -> l.tokens().size() == 1 && codePoints(l.tokens().get(0)) >= LONG_WORD
                        && latinOrCommon(l.tokens().get(0)))
                .sorted(java.util.Comparator.comparing((Labelled l) -> l.file().toString()).thenComparingLong(Labelled::line)).toList();
        if (one.isEmpty()) {
            return Optional.empty();
        }
        int[] sizes = all.stream().mapToInt(l -> l.tokens().size()).sorted().toArray();
        int median = sizes[sizes.length / 2];
        if (median < 5) {
            return Optional.empty();
        }
        Labelled example = one.get(0);
        return Optional.of(one.size() + " of the " + all.size() + " texts are one word each (e.g. " + example.file().getFileName()
                + ":" + example.line() + ", " + UnknownWords.quoted(example.tokens().get(0)) + ") among texts of " + median
                + " words (the median): a text model reads words, and each such text is one word of its own; if they are symbol "
                + "strings (DNA, protein, codes) written without spaces, write them one character per word as the others are "
                + "(Python: ' '.join(s))");
    }

    /** The length from which a text of one word reads as a symbol string written without spaces ({@link #oneWordAmongMany}). */
    static final int LONG_WORD = 20;

    /** Whether every code point of {@code word} is of the Latin script or of none (digits, symbols): a symbol string's. */
    static boolean latinOrCommon(String word) {
        return word.codePoints().allMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.COMMON
                    || script == Character.UnicodeScript.INHERITED;
        });
    }

    /** The number of code points (characters as users count them, a character outside the BMP one) of {@code s}. */
    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * The scripts written without spaces between words: a run of 8 or more of their characters ({@value #UNSEGMENTED_RUN}),
     * which the word tokenizer reads as one word, is mostly a phrase or sentence, not a word.
     */
    static final java.util.Set<Character.UnicodeScript> UNSPACED_SCRIPTS = java.util.EnumSet.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.THAI,
            Character.UnicodeScript.LAO, Character.UnicodeScript.KHMER, Character.UnicodeScript.MYANMAR);

    /** The run of characters of an {@link #UNSPACED_SCRIPTS unspaced script} from which a word reads as an unsegmented phrase. */
    static final int UNSEGMENTED_RUN = 8;

    /**
     * The unspaced script of {@code word} when it is a run of {@value #UNSEGMENTED_RUN} or more characters of the
     * {@link #UNSPACED_SCRIPTS} (the most frequent of them, marks counted with their letters; Hiragana or Katakana,
     * the more frequent, whenever the run holds kana: Japanese, whose kanji are Han), else null.
     */
    static Character.UnicodeScript unsegmentedScript(String word) {
        if (codePoints(word) < UNSEGMENTED_RUN) {
            return null;
        }
        Map<Character.UnicodeScript, Integer> counts = new java.util.EnumMap<>(Character.UnicodeScript.class);
        int unspaced = 0;
        int letters = 0;
        for (int cp : word.codePoints().toArray()) {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.INHERITED || script == Character.UnicodeScript.COMMON) {
                continue;
            }
            letters++;
            if (UNSPACED_SCRIPTS.contains(script)) {
                unspaced++;
                counts.merge(script, 1, Integer::sum);
            }
        }
        if (unspaced < UNSEGMENTED_RUN || unspaced * 2 < letters) {
            return null;
        }
        int hiragana = counts.getOrDefault(Character.UnicodeScript.HIRAGANA, 0);
        int katakana = counts.getOrDefault(Character.UnicodeScript.KATAKANA, 0);
        if (hiragana + katakana > 0) {
            return hiragana >= katakana ? Character.UnicodeScript.HIRAGANA : Character.UnicodeScript.KATAKANA;
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /**
     * Whether a code point is a full-width letter or digit (U+FF10..U+FF19, U+FF21..U+FF3A, U+FF41..U+FF5A), as Chinese and
     * Japanese input methods type Latin letters and digits; NFKC reads them as their ASCII forms. Full-width punctuation
     * ({@code ，}, {@code （}), usual in Chinese text, is not counted.
     */
    static boolean isFullWidthLetterOrDigit(int cp) {
        return cp >= 0xFF10 && cp <= 0xFF19 || cp >= 0xFF21 && cp <= 0xFF3A || cp >= 0xFF41 && cp <= 0xFF5A;
    }

    /**
     * What to say when texts hold full-width letters or digits ({@link #isFullWidthLetterOrDigit}) and the tokenizer's
     * normalization is not {@link TextNormalization#NFKC}: such a word is another word than its ASCII form (a trial's
     * supplier notes wrote {@code ６２０５－２ＲＳ} for the bearing {@code 6205-2RS} of the other notes), so {@code --set
     * normalization=NFKC} is named, with an example word and where it is; empty when no text holds one.
     */
    static Optional<String> fullWidthTexts(StratifiedSplitter.Parts<Labelled> parts, Tokenizer tokenizer) {
        if (tokenizer.normalization() == TextNormalization.NFKC) {
            return Optional.empty();
        }
        List<Labelled> all = java.util.stream.Stream.of(parts.train(), parts.validation(), parts.test()).flatMap(List::stream).toList();
        List<Labelled> held = all.stream().filter(l -> l.text().codePoints().anyMatch(TextDataset::isFullWidthLetterOrDigit))
                .sorted(java.util.Comparator.comparing((Labelled l) -> l.file().toString()).thenComparingLong(Labelled::line)).toList();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        Tokenizer nfkc = tokenizer.withNormalization(TextNormalization.NFKC);
        Labelled first = held.get(0);
        String word = first.tokens().stream().filter(t -> t.codePoints().anyMatch(TextDataset::isFullWidthLetterOrDigit)).findFirst()
                .orElse(first.text());
        return Optional.of(held.size() + " of the " + all.size() + " texts hold full-width letters or digits (U+FF10..U+FF5A, as "
                + "Chinese and Japanese input methods type them; e.g. " + first.file().getFileName() + ":" + first.line() + ": "
                + LabelCheck.quoted(word) + "), which read as other words than the same letters typed as ASCII ("
                + LabelCheck.quoted(word) + " is not " + LabelCheck.quoted(String.join(" ", nfkc.tokenize(word))) + "): --set "
                + "normalization=NFKC reads them as ASCII (stored with the model, so new text is read alike)");
    }

    /**
     * What to say when texts of the scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
     * Burmese) hold words of {@value #UNSEGMENTED_RUN} or more of their characters, whatever punctuation stands around them:
     * the word tokenizer reads each such phrase as one rare word, so the model learns little of them. Counted per script
     * (of each text's longest such word) and said with {@code --set tokenize=chars} and segmenters as the remedies
     * ({@code --set tokenize=mixed} first when 10% or more of the texts hold no character of those scripts); empty when
     * fewer than 2 texts and 1% of the texts are so. A trial's marketplace reviews: 318 of the 1248 training texts in
     * Japanese, Chinese and Thai, of which the one-word warning counted 123 (those that were one token of 20 characters or
     * more) and gave DNA advice; Japanese and Thai were classified at their majority baseline.
     */
    static Optional<String> unsegmentedTexts(StratifiedSplitter.Parts<Labelled> parts) {
        List<Labelled> all = java.util.stream.Stream.of(parts.train(), parts.validation(), parts.test()).flatMap(List::stream)
                .sorted(java.util.Comparator.comparing((Labelled l) -> l.file().toString()).thenComparingLong(Labelled::line)).toList();
        Map<Character.UnicodeScript, Integer> perScript = new java.util.EnumMap<>(Character.UnicodeScript.class);
        Labelled example = null;
        String exampleWord = null;
        int count = 0;
        for (Labelled l : all) {
            String longest = null;
            Character.UnicodeScript script = null;
            for (String token : l.tokens()) {
                Character.UnicodeScript s = unsegmentedScript(token);
                if (s != null && (longest == null || codePoints(token) > codePoints(longest))) {
                    longest = token;
                    script = s;
                }
            }
            if (script != null) {
                count++;
                perScript.merge(script, 1, Integer::sum);
                if (example == null) {
                    example = l;
                    exampleWord = longest;
                }
            }
        }
        if (count < 2 || count * 100L < all.size()) {
            return Optional.empty();
        }
        // a file mixing them with spaced languages (a trial's reviews in ten languages: tokenize=chars read the test split at
        // 0.72 against 0.86 for words) is pointed to tokenize=mixed first
        long spaced = all.stream().filter(l -> l.tokens().stream().noneMatch(t -> t.codePoints().anyMatch(Tokenizer::isUnspaced)))
                .count();
        boolean mixedLanguages = spaced * 10 >= all.size();
        String scripts = perScript.entrySet().stream().sorted(Map.Entry.<Character.UnicodeScript, Integer>comparingByValue().reversed())
                .map(e -> scriptName(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
        return Optional.of(count + " of the " + all.size() + " texts hold words of " + UNSEGMENTED_RUN + " or more characters of a "
                + "script written without spaces between words (" + scripts + "; e.g. " + example.file().getFileName() + ":"
                + example.line() + ", " + UnknownWords.quoted(exampleWord) + "): the tokenizer splits words at spaces and "
                + "punctuation, so each such phrase is one rare word of its own and the model learns little of these texts; "
                + (mixedLanguages
                ? "as " + spaced + " texts hold no character of these scripts, train with --set tokenize=mixed (every character "
                + "of these scripts a token, other text still words; --set tokenize=chars would break the words of the other "
                + "languages into characters too; stored with the model, so predict, evaluate, serve and an ONNX export read new "
                + "text so too)"
                : "train with --set tokenize=chars (every character a token; stored with the model, so predict, evaluate, serve "
                + "and an ONNX export read new text so too; --set tokenize=mixed keeps words of other scripts whole)")
                + ", or segment the texts first (Chinese: jieba; Japanese: MeCab, "
                + "SudachiPy; Thai: PyThaiNLP) and join the words with spaces, in training and for new text alike");
    }

    /** A script's name as people write it, with the language it mostly stands for: {@code Han (Chinese)}, ... */
    static String scriptName(Character.UnicodeScript script) {
        return switch (script) {
            case HAN -> "Han (Chinese)";
            case HIRAGANA -> "Hiragana (Japanese)";
            case KATAKANA -> "Katakana (Japanese)";
            case MYANMAR -> "Myanmar (Burmese)";
            default -> {
                String n = script.name().toLowerCase(java.util.Locale.ROOT);
                yield Character.toUpperCase(n.charAt(0)) + n.substring(1);
            }
        };
    }

    /**
     * When nearly every training text (90% or more) is one word of 10 characters or more, what to say: a text model reads
     * words, and such texts are symbol strings (DNA, protein, codes) that each read as one word, so that the vocabulary holds
     * one id per text and no text of new data is known (a trial's promoter sequences trained a model at the baseline); null
     * otherwise.
     */
    static String oneWordTexts(List<Labelled> train) {
        if (train.isEmpty()) {
            return null;
        }
        long one = train.stream().filter(l -> l.tokens().size() == 1 && codePoints(l.tokens().get(0)) >= 10).count();
        if (one * 10 < train.size() * 9L) {
            return null;
        }
        Labelled example = train.stream().filter(l -> l.tokens().size() == 1).findFirst().orElseThrow();
        String word = example.tokens().get(0);
        long unspaced = train.stream().filter(l -> l.tokens().size() == 1 && unsegmentedScript(l.tokens().get(0)) != null).count();
        return one + " of the " + train.size() + " training texts are one word each (e.g. " + UnknownWords.quoted(word) + "): a text "
                + "model reads words, and each such text is one id of its own, which no new text shares; " + (unspaced * 2 > one
                ? "for text written without spaces between words (Chinese, Japanese, Thai), train with --set tokenize=chars (every "
                + "character a token) or segment it first (jieba, MeCab, PyThaiNLP) and join the words with spaces"
                : "to read the characters of a symbol string (DNA, protein, codes), write them separated by spaces (Python: "
                + "' '.join(s)), one character per word");
    }

    /**
     * Each text's group as a tag ({@code groupTag}, the group column as {@code --set group=} names it) numbered by
     * {@code groupNumbers}, as a CSV group column tags its sequences: cross-validation keeps a tag's groups in one fold
     * ({@code compare --cv K} with {@code --set group=}), where before the folds of text were stratified by class alone, every
     * imprint of a trial's blurbs in the training and the test part of every fold, unsaid. No tag without a group column.
     */
    private static SequenceSet encode(List<Labelled> items, TextEncoder encoder, String groupTag, Map<String, Integer> groupNumbers) {
        List<Sequence> out = new ArrayList<>(items.size());
        for (Labelled l : items) {
            int[] ids = encoder.vocabulary().encode(l.tokens(), encoder.maxLength(), encoder.truncation());
            Integer group = groupTag == null || l.group() == null ? null : groupNumbers.get(l.group());
            out.add(new Sequence(TextEncoder.toValues(ids), l.label(), group == null ? Map.of() : Map.of(groupTag, group)));
        }
        return new SequenceSet(out);
    }

    /** The distinct groups of all splits' texts numbered in sorted order (as a CSV group column's are); empty without a tag. */
    private static Map<String, Integer> groupNumbers(StratifiedSplitter.Parts<Labelled> parts, String groupTag) {
        Map<String, Integer> out = new HashMap<>();
        if (groupTag == null) {
            return out;
        }
        java.util.stream.Stream.of(parts.train(), parts.validation(), parts.test()).flatMap(List::stream).map(Labelled::group)
                .filter(java.util.Objects::nonNull).sorted().distinct().forEach(g -> out.put(g, out.size()));
        return out;
    }

    private static void requireTwoLabels(Path file, List<String> labels) {
        if (labels.size() < 2) {
            throw new DatasetFormatException(file, "only the label(s) " + LabelCheck.listed(labels) + " occur (expected at least 2 distinct labels)");
        }
    }

    private static List<Labelled> toLabelled(Path file, List<String[]> raw, List<String> labels, Tokenizer tokenizer) {
        List<Labelled> out = new ArrayList<>(raw.size());
        // every line without a text at once (a user fixed a file one empty text per run: only the first was named)
        List<Long> empty = new ArrayList<>();
        List<String> emptyIds = new ArrayList<>(); // and their ids where the file has an id column, as predict and evaluate name them
        for (String[] r : raw) {
            int label = labels.indexOf(r[0]);
            long line = Long.parseLong(r[2]);
            if (label < 0) {
                throw new DatasetFormatException(file, line, "label " + LabelCheck.quoted(r[0]) + " is not one of the training labels " + LabelCheck.listed(labels)
                        + " (expected one of them)" + LabelCheck.readsAsOneOf(r[0], labels));
            }
            List<String> tokens = tokenizer.tokenize(r[1]);
            if (tokens.isEmpty()) {
                empty.add(line);
                if (r.length > 3 && r[3] != null) {
                    emptyIds.add(r[3]);
                }
            } else {
                out.add(new Labelled(r[1], tokens, label, file, line, r.length > 3 ? r[3] : null, r.length > 4 ? r[4] : null));
            }
        }
        boolean named = !empty.isEmpty() && emptyIds.size() == empty.size();
        if (empty.size() == 1) {
            throw new DatasetFormatException(file, empty.get(0), "the text" + (named ? " of id " + LabelCheck.quoted(emptyIds.get(0))
                    : "") + " has no tokens (expected some text after the TAB)");
        }
        if (empty.size() > 1) {
            throw new DatasetFormatException(file, empty.get(0), "the text has no tokens (expected some text after the TAB); "
                    + empty.size() + " lines have none: " + String.join(", ", empty.stream().limit(20).map(String::valueOf).toList())
                    + (empty.size() > 20 ? ", ..." : "") + (named ? " (ids " + String.join(", ", emptyIds.stream().limit(20).toList())
                    + (empty.size() > 20 ? ", ..." : "") + ")" : "") + " (an empty text cannot be classified: remove those lines or "
                    + "give them their text)");
        }
        return out;
    }

    private static Labelled labelled(Path file, long line, String text, int label, Tokenizer tokenizer) {
        List<String> tokens = tokenizer.tokenize(text);
        if (tokens.isEmpty()) {
            throw new DatasetFormatException(file, line, "the text has no tokens (expected some text after the TAB)");
        }
        return new Labelled(text, tokens, label, file, line);
    }

    /**
     * Whether {@code line} is a TSV's header: fields {@code label} and {@code text} (any case, quoted or not), as the first
     * non-blank line of a training file may be.
     */
    public static boolean isHeader(String line) {
        int tab = line.indexOf('\t');
        return tab > 0 && unquote(line.substring(0, tab).trim()).strip().toLowerCase(Locale.ROOT).equals("label")
                && unquote(line.substring(tab + 1)).trim().toLowerCase(Locale.ROOT).equals("text");
    }

    /**
     * Non-blank, non-header records of a TSV as {label, text, lineNumber}.
     *
     * <p>A file whose first line names its columns id, text and label ({@link TextColumns}) is read by those columns.
     *
     * @param labels the labels a first line's label may be besides the file's own: none for a training file, the training
     *               file's for validation and test files; with them, a first line of other column names ({@link #namedHeader})
     *               is a header too and the columns of {@link TextColumns} are read; null for new data, whose reader judges
     *               its first line against the model's labels before ({@code NewData.text})
     */
    private static List<String[]> readTsv(Path file, List<String> labels) {
        List<String> lines = readLines(file);
        List<String[]> out = new ArrayList<>();
        LabelSpaces spaces = new LabelSpaces(); // labels written with white space around them: read without it, and said
        // a first field 'id' is a label where the model knows it or it recurs (a class called id)
        TextColumns columns = labels == null ? null : TextColumns.find(file, lines, l -> labels.contains(l)
                || lines.stream().filter(other -> l.equals(firstField(other))).count() > 1, ID_COLUMN.get());
        if (columns != null) {
            return readColumns(file, lines, columns);
        }
        if (GROUP.get() != null && labels != null) {
            throw new DatasetFormatException(file, "--set group=" + GROUP.get() + " reads a group column, and this file has no "
                    + "header naming its columns (expected a first line such as 'id<TAB>" + GROUP.get() + "<TAB>label<TAB>text', "
                    + "each text with its id and group)");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                String previous = i > 0 ? lines.get(i - 1) : "";
                int previousTab = previous.indexOf('\t');
                boolean spanning = previousTab >= 0 && opensQuote(previous.substring(previousTab + 1)); // a quote that did not close
                throw new DatasetFormatException(file, i + 1, "no TAB (expected 'label<TAB>text')"
                        + (spanning ? "; " + unclosedQuote("line " + i) : "")
                        + (line.indexOf(',') >= 0 || line.indexOf(';') >= 0 ? "; a line of a comma- or semicolon-separated file? text"
                        + " data is one 'label<TAB>text' per line (a label and its text in two columns of a spreadsheet saved as"
                        + " 'tab-separated'; from a CSV, e.g. with pandas: " + csvConversion(file, lines) + ", which replaces "
                        + "line breaks inside texts by spaces); sequences of numbers are --dataset csv" : ""));
            }
            String label = unquote(line.substring(0, tab).trim()).strip(); // spaces inside quotes too, as CSV cells lose theirs
            String text = unquote(line.substring(tab + 1));
            if (text.strip().indexOf('\t') >= 0 && text.equals(line.substring(tab + 1))) { // an unquoted TAB before more text: a third column
                String lead = line.stripLeading();
                int close = lead.startsWith("\"") ? lead.indexOf('"', 1) : -1;
                if (close > lead.indexOf('\t')) { // the first field is quoted and holds the TAB: a text first, its label after
                    throw new DatasetFormatException(file, i + 1, "the first field is a quoted text holding a TAB, and quotes are read "
                            + "in the text column only, the second: is the file 'text<TAB>label'? (expected 'label<TAB>text', the "
                            + "label first: swap the two columns)");
                }
                throw new DatasetFormatException(file, i + 1, (line.split("\t", -1).length) + " TAB-separated columns (expected two, "
                        + "'label<TAB>text'); a further column (a source, an id) would be read as words of the text: save the "
                        + "label and text columns alone, or quote a text that holds a TAB (\"...\")");
            }
            if (out.isEmpty() && isHeader(line)) {
                continue;
            }
            checkLabel(file, i + 1, label, "'label<TAB>text'");
            spaces.add(unquote(line.substring(0, tab)));
            out.add(new String[] {label, text, Long.toString(i + 1)});
        }
        if (out.isEmpty()) {
            throw new DatasetFormatException(file, "no examples (expected lines 'label<TAB>text')");
        }
        spaces.lines().forEach(l -> LOG.warn("{}: {}", file, l));
        warnOfMojibake(file, out);
        if (labels != null && namedHeader(out.get(0)[0], out.get(0)[1], out.stream().skip(1).map(r -> r[0]).toList(), labels)) {
            // a trial's 'rating<TAB>text' became a class of its own
            String[] first = out.remove(0);
            NAMED_HEADERS.get().add(file.getFileName() + ":" + first[2]);
            LOG.warn("{}", namedHeaderWarning(file.toString(), Long.parseLong(first[2]), first[0], first[1]));
        }
        return out;
    }

    /** Refuses an empty or missing label, or one holding a control character, naming the file, line and {@code layout}. */
    private static void checkLabel(Path file, long line, String label, String layout) {
        if (label.isEmpty()) {
            throw new DatasetFormatException(file, line, "empty label (expected " + layout + " with a non-empty label)");
        }
        if (MissingValues.isMissing(label)) {
            throw new DatasetFormatException(file, line, "missing label " + LabelCheck.quoted(label) + " (expected " + layout + " with a label; "
                    + MissingValues.markersText() + " read as missing: drop the unlabelled lines, or rename a class of that name)");
        }
        if (LabelCheck.controlCharacter(label) >= 0) {
            throw new DatasetFormatException(file, line, "label " + LabelCheck.controlCharacterProblem(label));
        }
    }

    /**
     * The records of a file whose first line names its columns ({@link TextColumns}): its label and text columns, as
     * {label, text, line}; a header without a label column is refused (training reads each text's label), as are the
     * rows {@link TextColumns#rows} refuses.
     */
    private static List<String[]> readColumns(Path file, List<String> lines, TextColumns columns) {
        if (columns.label() < 0) {
            throw new DatasetFormatException(file, columns.line(), "the header '" + columns.layout() + "' names no label column: "
                    + "training reads each text's label (a header such as 'id<TAB>label<TAB>text'); texts without labels are for "
                    + "predict");
        }
        String group = GROUP.get();
        String groupColumn = group == null ? null : columns.others().stream().filter(n -> n.equalsIgnoreCase(group)).findFirst()
                .orElseThrow(() -> new DatasetFormatException(file, columns.line(), "the header '" + columns.layout() + "' names no "
                        + "column " + LabelCheck.quoted(group) + " (--set group=" + group + "; expected one of its other columns "
                        + columns.others() + ")"));
        List<String[]> out = new ArrayList<>();
        LabelSpaces spaces = new LabelSpaces();
        for (TextColumns.Row row : columns.rows(file, lines)) {
            checkLabel(file, row.line(), row.label(), "a label in the label column");
            spaces.add(row.labelAsWritten());
            String value = groupColumn == null ? null : row.others().get(groupColumn);
            if (value != null && value.isEmpty()) {
                throw new DatasetFormatException(file, row.line(), "empty value of group column " + LabelCheck.quoted(groupColumn)
                        + " (expected each text's group: blanks would be one group of their own)");
            }
            out.add(new String[] {row.label(), row.text(), Long.toString(row.line()), row.id(), value});
        }
        List<String> unread = columns.others().stream().filter(n -> !n.equals(groupColumn)).toList();
        if (!unread.isEmpty()) {
            // read as written and not trained on: said, not passed over (a trial's lang column was refused before)
            LOG.warn("{}:{}: column(s) {} of the header '{}' are not read (the model reads the texts alone): --set group={} "
                    + "scores each of its values apart (a language, a source), and predict --keep-columns {} carries them into "
                    + "the predictions", file, columns.line(), unread.stream().map(LabelCheck::quoted).toList(),
                    String.join("<TAB>", columns.names()), unread.get(0), String.join(",", unread));
        }
        spaces.lines().forEach(l -> LOG.warn("{}: {}", file, l));
        warnOfMojibake(file, out);
        return out;
    }

    /** Warns when 1% or more of the texts (and at least 2) hold {@link Mojibake#SIGNS}, naming the first and how to repair it. */
    private static void warnOfMojibake(Path file, List<String[]> records) {
        List<String[]> garbled = records.stream().filter(r -> Mojibake.SIGNS.matcher(r[1]).find() || Mojibake.SIGNS.matcher(r[0]).find()).toList();
        if (garbled.size() < 2 || garbled.size() * 100L < records.size()) {
            return;
        }
        String[] first = garbled.get(0);
        java.util.regex.Matcher m = Mojibake.SIGNS.matcher(first[1]);
        String shown = m.find() ? first[1].substring(Math.max(0, m.start() - 12), Math.min(first[1].length(), m.end() + 12)).strip()
                : first[0];
        LOG.warn("{}: {} of the {} texts hold characters of UTF-8 text that was read as Windows-1252 and saved again (e.g. line {}: "
                + "'{}'; 'Ã³' for 'ó', 'â€™' for '’'), so their words read as other, unknown words: repair the file first (Python: "
                + "text.encode('cp1252').decode('utf-8') per text, or the ftfy package)", file, garbled.size(), records.size(),
                first[2], shown);
    }

    /** A value cut to 60 characters for messages. */
    private static String shortened(String v) {
        return v.length() <= 60 ? v : v.substring(0, 57) + "...";
    }

    /**
     * The first lines read as headers of other column names while a dataset is read on this thread ({@code file:line}):
     * recorded in its provenance ({@code namedHeaders}), since older rnnlab read them as examples, so a run of such a
     * file made before is not taken for this one (a review).
     */
    private static final ThreadLocal<List<String>> NAMED_HEADERS = ThreadLocal.withInitial(ArrayList::new);

    /** A column name: one word of letters, digits, {@code _} or {@code -}, starting with a letter. */
    public static final java.util.regex.Pattern COLUMN_NAME = java.util.regex.Pattern.compile("\\p{L}[\\p{L}\\p{N}_-]{0,39}");

    /** Usual names of a label column and of a text column (English, Spanish, French, German, Portuguese, Italian). */
    private static final Set<String> LABEL_NAMES = Set.of("label", "labels", "class", "category", "sentiment", "rating", "stars",
            "score", "target", "y", "intent", "tag", "polarity", "etiqueta", "clase", "categoria", "categoría", "sentimiento",
            "puntuacion", "puntuación", "estrellas", "classe", "catégorie", "sentiment_label", "kategorie", "klasse", "bewertung",
            "rótulo", "rotulo", "sentimento", "avaliacao", "avaliação", "etichetta");
    private static final Set<String> TEXT_NAMES = Set.of("text", "texts", "review", "reviews", "sentence", "comment", "message",
            "content", "body", "tweet", "document", "utterance", "review_text", "texto", "mensaje", "comentario", "reseña",
            "resena", "opinion", "opinión", "frase", "texte", "avis", "commentaire", "satz", "nachricht", "kommentar",
            "mensagem", "comentário", "testo", "recensione");

    /**
     * Whether a first line {@code label<TAB>text} is a header of other column names than {@code label<TAB>text}
     * ({@code rating<TAB>review}, {@code label<TAB>sequence}): the rule of training, validation and test files and of new
     * data alike. Its label occurs on no other of 3 or more lines and is none of {@code labels} (the model's, or for
     * validation and test files the training file's; not written another way either, {@link LabelCheck#readsAsOneOf}),
     * both its fields are column names ({@link #COLUMN_NAME}), and one of them is a usual name of its column
     * ({@link #LABEL_NAMES}, {@link #TEXT_NAMES}); so a first example of a class of its own with a one-word text, or of a
     * class the model knows, stays an example.
     *
     * @param label       the first line's label (unquoted, stripped)
     * @param text        its text
     * @param otherLabels the labels of the other lines (blank where new data give none)
     * @param labels      labels known besides the file's own (empty for a training file)
     */
    public static boolean namedHeader(String label, String text, List<String> otherLabels, List<String> labels) {
        String t = text.strip();
        return otherLabels.size() >= 2 && COLUMN_NAME.matcher(label).matches() && COLUMN_NAME.matcher(t).matches()
                && (LABEL_NAMES.contains(label.toLowerCase(Locale.ROOT)) || TEXT_NAMES.contains(t.toLowerCase(Locale.ROOT)))
                && !otherLabels.contains(label) && !labels.contains(label) && LabelCheck.readsAsOneOf(label, labels).isEmpty();
    }

    /** What is said of a first line read as a header by {@link #namedHeader}: {@code where} is the file as shown. */
    public static String namedHeaderWarning(String where, long line, String label, String text) {
        return where + ":" + line + ": '" + label + "<TAB>" + text.strip() + "' read as a header, not as an example: its label "
                + "occurs on no other line nor among the labels trained on, and its text is one word, as column names are";
    }

    /** The first field of a line, unquoted and stripped as a label is read, or null without a TAB. */
    public static String firstField(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? null : unquote(line.substring(0, tab).trim()).strip();
    }

    /**
     * A field as written, or the content of a quoted one (RFC 4180, as spreadsheet programs and pandas write TSV): a
     * field that starts and ends with a double quote and doubles every quote inside loses its outer quotes and has its
     * inner ones undoubled. Anything else is read literally, quotes included (a text may start with a quotation).
     */
    public static String unquote(String field) {
        String f = field.strip();
        if (f.length() < 2 || f.charAt(0) != '"' || f.charAt(f.length() - 1) != '"') {
            return field;
        }
        String inner = f.substring(1, f.length() - 1);
        if (inner.replace("\"\"", "").indexOf('"') >= 0) {
            return field; // a lone quote inside: not a quoted field
        }
        return inner.replace("\"\"", "\"");
    }

    /**
     * Whether a field opens a quoted text that does not close on its line: it starts with a double quote and holds an odd
     * number of them (a quoted field with a line break, as pandas' {@code to_csv} writes it, spans lines). A text that
     * merely starts with a quoted word ({@code "Great" phone}) holds an even number.
     */
    public static boolean opensQuote(String field) {
        String f = field.strip();
        return f.startsWith("\"") && f.chars().filter(c -> c == '"').count() % 2 == 1;
    }

    /**
     * The TAB-separated fields of a line, a quoted field whole: a field that {@link #opensQuote} runs on through the next
     * TABs until its quotes close, as RFC 4180 reads a quoted TAB as data, and as the {@code label<TAB>text} reader reads a
     * quoted text holding a TAB (a trial's {@code id<TAB>text} file, with pandas' {@code "smoke and<TAB>flames"}, was
     * refused as three fields where the same text without the id column was one). A field whose quote does not close on
     * the line keeps the rest of the line; the fields are returned as written (quotes included: {@link #unquote}).
     */
    public static List<String> fields(String line) {
        String[] pieces = line.split("\t", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            StringBuilder field = new StringBuilder(pieces[i]);
            while (opensQuote(field.toString()) && i + 1 < pieces.length) {
                field.append('\t').append(pieces[++i]);
            }
            out.add(field.toString());
        }
        return out;
    }

    /**
     * The message part for a line that {@link #opensQuote} ({@code line 3}, {@code this line}): line breaks inside a text are
     * not read. The pandas hint replaces every run of white space, as your-data.md's snippet does: trial 75e followed a hint
     * that replaced {@code \n} alone, and the CR of its CRLF texts stayed, bare in a file pandas then could not read back.
     */
    public static String unclosedQuote(String openingLine) {
        return openingLine + " opens a quoted text that does not close on it: a text in quotes must end on its own line "
                + "(line breaks inside a text are not read; replace them first, e.g. pandas' "
                + "df['text'].str.replace(r'\\s+', ' ', regex=True))";
    }

    /**
     * The file's lines (ending with LF or CRLF, or a lone CR in a file without LF; a lone CR inside an LF-terminated line is
     * read as a space and warned of: {@link TextFiles#lines(Path, String)}).
     */
    public static List<String> readLines(Path file) {
        String content = TextFiles.readText(file, "a readable text file");
        if (content.isBlank()) {
            throw new DatasetFormatException(file, (content.isEmpty() ? "empty file" : "no line holds anything but white space")
                    + " (expected one example per line)");
        }
        return TextFiles.lines(file, content);
    }

    /** Tokenizer, vocabulary and maximum length: store them with a model to encode new text. */
    public TextEncoder encoder() {
        return encoder;
    }

    @Override
    public Optional<TextEncoder> textEncoder() {
        return Optional.of(encoder);
    }

    /** The tokenizer settings. */
    public Tokenizer tokenizer() {
        return encoder.tokenizer();
    }

    /** The vocabulary, built from the training split. */
    public Vocabulary vocabulary() {
        return encoder.vocabulary();
    }

    /** The original texts of a split, aligned with {@link #split(Split)}'s examples. */
    public List<String> texts(Split split) {
        return texts.get(split);
    }

    /** The group column ({@code --set group=}), as the training file's header writes it, or null. */
    public String groupColumn() {
        return source.params().get(GROUP_PARAMETER);
    }

    /** The groups of a split's texts, aligned with {@link #texts(Split)}; empty without a group column. */
    public List<String> textGroups(Split split) {
        if (groupColumn() == null) {
            return List.of();
        }
        StratifiedSplitter.Parts<Labelled> p = source.parts();
        List<Labelled> part = split == Split.TRAIN ? p.train() : split == Split.VALIDATION ? p.validation() : p.test();
        return part.stream().map(Labelled::group).toList();
    }

    /** The group column's tag ({@link #groupColumn}): its values number the groups in sorted order; empty without one. */
    @Override
    public Set<String> nominalTags() {
        return groupColumn() == null ? Set.of() : Set.of(groupColumn());
    }

    /**
     * Each split's text ids where the files give ids ({@link #textIds}), a text of a file without them named by its whole
     * text's fingerprint ({@link org.rnnlab.datasets.csv.SplitIdsFile#textFingerprint}): the ids splits.csv writes, so that
     * test-predictions.csv, validation-predictions.csv and compare's folds.csv name the texts as it, predict and evaluate do
     * (a trial's blurbs B0833, ... were 1, 2, 3 there, and {@code train 3} under {@code --cv}). Empty when no text has an id:
     * such texts are numbered by their place.
     */
    @Override
    public Map<Split, List<String>> sequenceIds() {
        if (textIds(Split.TRAIN).isEmpty()) {
            return Map.of();
        }
        StratifiedSplitter.Parts<Labelled> p = source.parts();
        Map<Split, List<String>> out = new java.util.EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<Labelled> part = s == Split.TRAIN ? p.train() : s == Split.VALIDATION ? p.validation() : p.test();
            out.put(s, part.stream().map(l -> l.id() != null ? l.id()
                    : org.rnnlab.datasets.csv.SplitIdsFile.textFingerprint(l.tokens())).toList());
        }
        return out;
    }

    /**
     * The ids of a split's texts, aligned with {@link #texts(Split)}, as the file's id column gives them ({@link TextColumns});
     * null for a text of a file without ids. Empty when no text of any split has an id.
     */
    public List<String> textIds(Split split) {
        StratifiedSplitter.Parts<Labelled> p = source.parts();
        if (java.util.stream.Stream.of(p.train(), p.validation(), p.test()).flatMap(List::stream).allMatch(l -> l.id() == null)) {
            return List.of();
        }
        List<Labelled> part = split == Split.TRAIN ? p.train() : split == Split.VALIDATION ? p.validation() : p.test();
        return java.util.Collections.unmodifiableList(part.stream().map(Labelled::id).collect(Collectors.toList()));
    }

    /**
     * The first {@code maxPerSplit} texts of each split, with the vocabulary built from the training texts kept (as
     * {@code --limit} limits what is trained on, it limits what the vocabulary is counted from: before, words seen only in
     * texts left out had embeddings never trained, where {@code <unk>} was expected, and minFrequency counted texts not
     * trained on).
     */
    @Override
    public TextDataset limit(int maxPerSplit) {
        StratifiedSplitter.Parts<Labelled> p = source.parts();
        StratifiedSplitter.Parts<Labelled> kept = new StratifiedSplitter.Parts<>(first(p.train(), maxPerSplit),
                first(p.validation(), maxPerSplit), first(p.test(), maxPerSplit));
        if (kept.train().size() == p.train().size() && kept.validation().size() == p.validation().size()
                && kept.test().size() == p.test().size()) {
            return this; // nothing left out: the same dataset (its summary was logged once, not twice)
        }
        return build(source.name(), source.source(), source.labels(), kept, source.config(), new LinkedHashMap<>(source.params()),
                source.files(), source.name() + " (the first " + maxPerSplit + " of each split, --limit)");
    }

    private static <T> List<T> first(List<T> items, int n) {
        return items.subList(0, Math.min(n, items.size()));
    }
}
