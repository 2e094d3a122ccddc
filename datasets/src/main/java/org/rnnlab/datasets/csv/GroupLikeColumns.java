package org.rnnlab.datasets.csv;

import org.rnnlab.datasets.LabelCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Columns without a role that hold one value per sequence, shared by several sequences: a subject, speaker, machine or
 * session, which {@code --set group} keeps in one split. They are found by their content in the training file (the long
 * layout's rows, or the folder layout's labels file, one row per sequence), whatever their names, and judged after the
 * split: how many of their values have sequences both in training and in the validation or test data, whether those
 * were carved at random, marked by a split column or given as files of their own. With a group column, a column above
 * the groups (the hospital of patients) or crossed with them (the epoch of every subject's night) is not counted.
 *
 * <p>A trial with spoken keywords of 30 speakers: a split column that divided each speaker's utterances at random got
 * no word but "column(s) ['speaker'] are not used" (the check ran only when rnnlab carved the split), a labels file's
 * {@code speaker} column none at all (only names such as {@code subject} were recognised there), and a test file of 8
 * new speakers was told it shared them with training. The test scores on shared speakers were 0.947 against 0.672 on
 * new ones.
 */
public final class GroupLikeColumns {

    private static final Logger LOG = LoggerFactory.getLogger(CsvSequenceDataset.class);

    /** What a warning says when the test data share a column's values with training (read by compare's and train's lines). */
    public static final String TEST_SHARES = "of the test data's";

    /**
     * One such column of the training file.
     *
     * @param column  its name for messages ({@code speaker}, or {@code 3} without a header)
     * @param setting what {@code --set group=} takes for it (quoted when it holds other characters than a name's)
     * @param header  its header name (null without a header): how it is found in the validation and test files
     * @param index   its 0-based position in the training file
     * @param feature whether it is read as a feature too
     * @param example the most frequent value and its share, for the message
     */
    record Candidate(String column, String setting, String header, int index, boolean feature, String example) {
    }

    private final List<Candidate> candidates;
    /** Per file (the training file, the labels file, a validation or test file), per column, each sequence's value. */
    private final Map<Path, Map<String, Map<String, String>>> valuesByFile = new HashMap<>();

    private GroupLikeColumns(List<Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /** None found (a group column is given, or the data have none). */
    static GroupLikeColumns none() {
        return new GroupLikeColumns(List.of());
    }

    boolean isEmpty() {
        return candidates.isEmpty();
    }

    List<Candidate> candidates() {
        return candidates;
    }

    /**
     * Finds the columns of a training table that hold one value per sequence, shared by several: at least 4 values, on
     * average at least 2 sequences each, no blank value, and not a copy of the label (every value of one class: another
     * class column, such as an activity id).
     *
     * @param table   the training file (long layout) or labels file (folder layout)
     * @param id      the column naming each row's sequence (the sequence id, or the labels file's file column)
     * @param label   the label column
     * @param skip    columns not to judge (the roles, and columns warned of by their names)
     * @param feature which columns are features
     */
    static GroupLikeColumns find(CsvTable table, int id, int label, IntPredicate skip, IntPredicate feature) {
        List<Candidate> found = new ArrayList<>();
        Map<String, Map<String, String>> values = new HashMap<>();
        for (int c = 0; c < table.width(); c++) {
            if (c == id || c == label || skip.test(c)) {
                continue;
            }
            Map<String, String> valueById = perSequence(table, id, c, label);
            if (valueById == null || valueById.size() < 4) {
                continue;
            }
            Map<String, Integer> sequencesByValue = new HashMap<>();
            valueById.values().forEach(v -> sequencesByValue.merge(v, 1, Integer::sum));
            // several values (4 or more: a class column has few), each of several sequences on average (a per-sequence
            // attribute of its own, such as a recording's date, is one value per sequence)
            int n = sequencesByValue.size();
            if (n < 4 || n * 2 > valueById.size() || sequencesByValue.containsKey("")) {
                continue;
            }
            Map.Entry<String, Integer> most = sequencesByValue.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            String header = table.header() == null ? null : table.header().get(c);
            String written = header == null ? Integer.toString(c) : header;
            found.add(new Candidate(table.columnName(c), written.matches("[\\p{L}0-9_.-]+") ? written : "'" + written + "'",
                    header, c, feature.test(c), String.format(Locale.ROOT, "'%s' in column %s: %d of the %d sequences; %d values",
                    CsvTable.abbreviate(most.getKey()), table.columnName(c), most.getValue(), valueById.size(), n)));
            values.put(table.columnName(c), valueById);
        }
        GroupLikeColumns g = new GroupLikeColumns(found);
        g.valuesByFile.put(table.file(), values);
        return g;
    }

    /**
     * Each sequence's value of column {@code c}, or null when a sequence has two values, or when the column mirrors the
     * label: every value one class's, with no more values than classes (an activity code beside the activity). A patient
     * column whose patients each have one diagnosis maps into the label too, with many more values than classes: it is
     * kept, as the group whose sharing leaks most (a review).
     */
    private static Map<String, String> perSequence(CsvTable table, int id, int c, int label) {
        Map<String, String> valueById = new HashMap<>();
        Map<String, String> labelByValue = new HashMap<>();
        boolean mirrorsLabel = label >= 0;
        for (int r = 0; r < table.rows().size(); r++) {
            String value = table.cell(r, c).trim(); // a column over every row: cells, not whole rows, decoded
            String before = valueById.putIfAbsent(table.cell(r, id), value);
            if (before != null && !before.equals(value)) {
                return null;
            }
            if (mirrorsLabel) {
                String labelBefore = labelByValue.putIfAbsent(value, table.cell(r, label));
                mirrorsLabel = labelBefore == null || labelBefore.equals(table.cell(r, label));
            }
        }
        return mirrorsLabel && labelByValue.size() <= new java.util.HashSet<>(labelByValue.values()).size() ? null : valueById;
    }

    /**
     * Whether column {@code c} holds one value per sequence (of column {@code id}), shared by several sequences: the rule of
     * {@link #find} without its judgement of the label (the text-column refusal names such a column as the group it may be).
     */
    static boolean sharedPerSequence(CsvTable table, int id, int c) {
        Map<String, String> valueById = perSequence(table, id, c, -1);
        if (valueById == null) {
            return false;
        }
        long values = valueById.values().stream().distinct().count();
        return values >= 4 && values * 2 <= valueById.size();
    }

    /** Words of a column name that say who or which session or unit a sequence comes from. */
    private static final java.util.regex.Pattern WHO_NAME = java.util.regex.Pattern.compile("(^|[_ .-])(id|no|nr|code|key|"
            + "subject|speaker|session|user|patient|participant|person|device|machine|unit|site|building|station|customer|"
            + "account|driver|host|animal|vehicle|meter|household|recording|player)s?($|[_ .-])|"
            + "(subject|speaker|session|participant|patient|customer)");

    /**
     * Whether text column {@code c}, one value per sequence ({@link #sharedPerSequence}), says who or which session a
     * sequence comes from, rather than a category of it (an operating mode, a weather): its name holds a word such as
     * {@code speaker}, {@code subject}, {@code building} or {@code id}, or every value holds a digit, as codes do
     * ({@code spk03}, {@code P12}, {@code B4}). Only such a column is offered as the group where text columns are
     * refused; a category is offered as one-hot features (trial 79c F1: {@code hvac_mode}, heat/cool/off/auto per window,
     * was offered only as the group).
     */
    static boolean namesWho(CsvTable table, int c) {
        if (table.header() != null && WHO_NAME.matcher(table.header().get(c).strip().toLowerCase(Locale.ROOT)).find()) {
            return true;
        }
        boolean any = false;
        for (int r = 0; r < table.rows().size(); r++) {
            String v = table.cell(r, c);
            if (MissingValues.isMissing(v)) {
                continue;
            }
            if (v.chars().noneMatch(Character::isDigit)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * Records the columns' values in a validation or test file, read with the training file's layout: each sequence's
     * first row's value, by header name (a file without the column, or without a header, adds nothing).
     *
     * @param table the file
     * @param id    its column naming each row's sequence
     */
    void addFile(CsvTable table, int id) {
        if (candidates.isEmpty() || id < 0) {
            return;
        }
        Map<String, Map<String, String>> values = new HashMap<>();
        for (Candidate c : candidates) {
            int col = c.header() == null ? (table.header() == null && c.index() < table.width() ? c.index() : -1)
                    : table.header() == null ? -1 : table.header().indexOf(c.header());
            if (col < 0) {
                continue;
            }
            Map<String, String> valueById = new HashMap<>();
            for (int r = 0; r < table.rows().size(); r++) {
                valueById.putIfAbsent(table.cell(r, id), table.cell(r, col).trim());
            }
            values.put(c.column(), valueById);
        }
        valuesByFile.put(table.file(), values);
    }

    /**
     * Each column's (not read as a feature) value per group of {@code sequences}, of the groups whose sequences all hold
     * one value of it ({@link SharedValue#byGroup}): what names the station that every group a warning names belongs to.
     */
    Map<String, Map<String, String>> valuesByGroup(List<CsvSequence> sequences, String groupColumn) {
        Map<String, List<String>> bySequence = new java.util.LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (!c.feature()) {
                bySequence.put(c.header() != null ? c.header() : c.column(), sequences.stream().map(q -> valueOf(c, q)).toList());
            }
        }
        return SharedValue.byGroup(sequences.stream().map(CsvSequence::group).toList(), bySequence, groupColumn);
    }

    private String valueOf(Candidate c, CsvSequence q) {
        Map<String, Map<String, String>> byColumn = valuesByFile.get(q.file());
        Map<String, String> byId = byColumn == null ? null : byColumn.get(c.column());
        return byId == null ? null : byId.get(q.id());
    }

    /**
     * Warns, per column, when values of it have sequences in training and in the validation or test data, with how
     * many and how the held-out data came to share them; a column whose values the held-out data share with training in
     * neither is said as information (the split keeps it apart).
     *
     * @param trainFile the training file (or labels file), for messages
     * @param train     the training sequences after the split
     * @param heldOut   the validation and test data, with where each came from
     */
    void warn(Path trainFile, List<CsvSequence> train, List<SplitOverlap.Part> heldOut) {
        warn(trainFile, train, heldOut, null, false);
    }

    /**
     * {@link #warn(Path, List, List)} where the carve kept the values of group column {@code groupColumn} (null: none)
     * apart: another column's values can still be shared (a trial's stores kept apart, every test SKU a training SKU). Not
     * counted with a group column: a column above the groups ({@link #fixedByGroup}) and one crossed with them
     * ({@link #crossedWithGroups}: the epoch of every night), said as information.
     *
     * <p>{@code carvedByTime}: the carved parts are the latest sequences ({@code --set splitBy=time}, {@link TimeOrder#carve}).
     * Values they share with training are then the design, a model for the same ones at later times: said as information
     * when every part that shares them was so carved, worded for a split by time and said once for validation and test (a
     * review: a WARN in every such run's data-warnings.txt, "carved at random" beside "a split by time", its sentence
     * repeated per part).
     */
    void warn(Path trainFile, List<CsvSequence> train, List<SplitOverlap.Part> heldOut, String groupColumn, boolean carvedByTime) {
        for (Candidate c : candidates) {
            if (groupColumn != null && fixedByGroup(c, train, heldOut)) {
                continue; // above the group (a hospital of patients, a region of stores): a carve by group spans it by design
            }
            if (groupColumn != null) {
                String crossed = crossedWithGroups(c, train, heldOut);
                if (crossed != null) { // across the groups (the epoch of a night): every new group holds its values too
                    LOG.info("csv {}: column {} holds one value per sequence, shared by several sequences ({}), crossed with group "
                            + "column {}: {}: a position or setting within every group (an epoch of a night, a trial number), "
                            + "which new groups hold too, not who a sequence comes from; its values shared across the split are "
                            + "not counted (if it does name who a sequence comes from, --set group=" + c.setting()
                            + " carves by it instead)", trainFile, c.column(), c.example(), groupColumn, crossed);
                    continue;
                }
            }
            Set<String> trainValues = new HashSet<>();
            for (CsvSequence q : train) {
                String v = valueOf(c, q);
                if (v != null) {
                    trainValues.add(v);
                }
            }
            List<String> clauses = new ArrayList<>();
            List<String> fixes = new ArrayList<>();
            boolean test = false;
            boolean validation = false;
            boolean allLater = true; // every part that shares values starts after all training (a split by time)
            boolean allCarvedByTime = carvedByTime; // ... and was carved so, as asked (--set splitBy=time)
            List<String> later = new ArrayList<>(); // the parts that start after all training
            for (SplitOverlap.Part part : heldOut) {
                Set<String> values = new HashSet<>();
                TreeSet<String> shared = new TreeSet<>();
                for (CsvSequence q : part.sequences()) {
                    String v = valueOf(c, q);
                    if (v != null) {
                        values.add(v);
                        if (trainValues.contains(v)) {
                            shared.add(v);
                        }
                    }
                }
                if (shared.isEmpty()) {
                    continue;
                }
                test |= part.name().equals("test");
                validation |= part.name().equals("validation");
                clauses.add(String.format(Locale.ROOT, "%d of the %s data's %d values (e.g. %s) also have training sequences (%s)",
                        shared.size(), part.name(), values.size(), String.join(", ", shared.stream().limit(3)
                                .map(v -> LabelCheck.quoted(CsvTable.abbreviate(v))).toList()),
                        part.source() == SplitOverlap.Source.CARVED && groupColumn != null ? "carved by group column "
                                + groupColumn + ", which keeps its own values apart, not these" : part.source() == SplitOverlap.Source.CARVED
                                && carvedByTime ? "carved by time, --set splitBy=time" : how(part.source())));
                allCarvedByTime &= part.source() == SplitOverlap.Source.CARVED;
                if (TimeOrder.startsAfter(train, part.sequences())) {
                    later.add(part.name());
                    continue; // said once for the parts that start later, below
                }
                allLater = false;
                String fix = switch (part.source()) {
                    case CARVED -> groupColumn == null ? "--set group=" + c.setting() + " carves each of its values into one split"
                            : "--set group=" + c.setting() + " carves each of its values into one split instead of " + groupColumn
                            + "'s (one group column is read: to keep both apart, give each sequence a group that joins "
                            + "the two, e.g. the connected sets of " + groupColumn + " and " + c.setting() + " values)";
                    case SPLIT_COLUMN -> "a split column that puts each value's sequences in one split keeps them apart (or "
                            + "--set split=none --set group=" + c.setting() + " carves so)";
                    case FILE -> "a " + part.name() + " file of other " + c.column() + " values than the training file's "
                            + "keeps them apart";
                };
                if (!fixes.contains(fix)) {
                    fixes.add(fix);
                }
            }
            if (clauses.isEmpty()) {
                if (!heldOut.stream().allMatch(p -> p.sequences().isEmpty())) {
                    LOG.info("csv {}: column {} holds one value per sequence, shared by several sequences ({}), and the validation "
                            + "and test data share none of its values with training: the split keeps them apart", trainFile,
                            c.column(), c.example());
                }
                continue;
            }
            if (!later.isEmpty()) {
                // once, for validation and test: after the scores' words when every such part is later, else with them here
                fixes.add(0, "every " + String.join(" and ", later) + " sequence starts after every training sequence ("
                        + CsvSequenceDataset.TIME_ORDERED + ")" + (allLater ? "" : ": " + (later.size() > 1 ? "their" : "its") + " scores are for these " + c.column()
                        + " values at later times") + ", which is the setting of a model kept for the same ones; only for new ones "
                        + "would a split that keeps the values apart be needed");
            }
            String scores = allLater ? "the " + (validation && test ? "validation and test" : test ? "test" : "validation")
                    + " scores are for " + c.column() + " values the model trained on, at later times" : test ? (validation ? "the validation and test" : "the test") + " scores are optimistic (the model is "
                    + "scored on " + c.column() + " values it trained on)" : "the validation scores are optimistic (the kept epoch is "
                    + "chosen on " + c.column() + " values the model trained on)";
            // carved by time as asked: the design, said as information (a given file or split column later than training may
            // not have been meant so, and stays a warning)
            LOG.atLevel(allLater && allCarvedByTime ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.WARN).log(
                    "csv {}: column {}{} holds one value per sequence, shared by several sequences (e.g. {}): {}. If it names "
                    + "the subject, speaker, machine or session a sequence comes from, {}; {}", trainFile, c.column(),
                    c.feature() ? " (a feature)" : "", c.example(), String.join("; ", clauses), scores, String.join("; ", fixes));
        }
    }

    /**
     * Whether each group of the group column has one value of {@code c} (a coarser column: the hospital of a patient), so
     * that a carve by group must share its values across the split (a review: such columns were called optimistic).
     */
    private boolean fixedByGroup(Candidate c, List<CsvSequence> train, List<SplitOverlap.Part> heldOut) {
        Map<String, String> byGroup = new java.util.HashMap<>();
        List<CsvSequence> all = new ArrayList<>(train);
        heldOut.forEach(p -> all.addAll(p.sequences()));
        for (CsvSequence q : all) {
            String v = valueOf(c, q);
            if (q.group() == null || v == null) {
                continue;
            }
            String before = byGroup.putIfAbsent(q.group(), v);
            if (before != null && !before.equals(v)) {
                return false;
            }
        }
        return !byGroup.isEmpty();
    }

    /**
     * How column {@code c} is crossed with the group column, or null when it is not. A column is crossed with the groups
     * when half or more of its values each occur in more than half of the groups, with about one sequence per group (in at
     * least half as many groups as the value has sequences), and its values do not tell the class. Such a column numbers
     * or sets the sequences within every group: the epoch of a night (0..119 in every subject's night), a trial or
     * repetition number, a stimulus. A new group holds the same values, so a value shared across a carve by group says
     * nothing of who a sequence comes from (a sleep-staging trial: {@code epoch} beside {@code --set group=subject}
     * marked every score optimistic).
     *
     * <p>Still judged: a column nested in the groups or spanning a few of them (a recording session, a speaker of two
     * sessions), and one with several sequences per group of each value (a speaker recorded in every session: the model
     * learns the voice). So is a column whose values tell the class: the sequences of their value's most common class are
     * more than halfway from the most common class's share of all sequences to all of them (a trial's SKUs, each of one
     * demand pattern in every store: the test is scored on SKUs whose class the model learned in other stores). And so is
     * a column of values other than numbers: positions are numbers (0..119, 1..K), while a speaker recorded once in every
     * session of a wrongly chosen {@code --set group=session} ({@code spk3}, {@code P012}) is crossed with the sessions
     * just as well, and is exactly the leak to name (a review: it was said as information, "not who a sequence comes
     * from"). A numbered participant still passes as a position; the information line says what to do then.
     */
    private String crossedWithGroups(Candidate c, List<CsvSequence> train, List<SplitOverlap.Part> heldOut) {
        Map<String, Set<String>> groupsByValue = new HashMap<>();
        Map<String, Integer> sequencesByValue = new HashMap<>();
        Map<String, Map<String, Integer>> classesByValue = new HashMap<>();
        Map<String, Integer> classes = new HashMap<>();
        Set<String> groups = new HashSet<>();
        List<CsvSequence> all = new ArrayList<>(train);
        heldOut.forEach(p -> all.addAll(p.sequences()));
        int labelled = 0;
        for (CsvSequence q : all) {
            String v = valueOf(c, q);
            if (q.group() == null || v == null) {
                continue;
            }
            groups.add(q.group());
            groupsByValue.computeIfAbsent(v, k -> new HashSet<>()).add(q.group());
            sequencesByValue.merge(v, 1, Integer::sum);
            if (q.label() != null) {
                classesByValue.computeIfAbsent(v, k -> new HashMap<>()).merge(q.label(), 1, Integer::sum);
                classes.merge(q.label(), 1, Integer::sum);
                labelled++;
            }
        }
        long across = groupsByValue.entrySet().stream().filter(e -> 2 * e.getValue().size() > groups.size()
                && 2 * e.getValue().size() >= sequencesByValue.get(e.getKey())).count();
        if (groups.size() < 2 || 2 * across < groupsByValue.size()) {
            return null;
        }
        if (!groupsByValue.keySet().stream().allMatch(GroupLikeColumns::number)) {
            return null; // named values (spk3, P012): who a sequence comes from, the leak to name, not a position
        }
        if (labelled > 0) {
            int ofOwnClass = classesByValue.values().stream().mapToInt(m -> Collections.max(m.values())).sum();
            double commonest = (double) Collections.max(classes.values()) / labelled;
            if ((double) ofOwnClass / labelled > (1 + commonest) / 2) {
                return null; // its values tell the class
            }
        }
        return String.format(Locale.ROOT, "%d of its %d values each occur in more than half of the %d groups, about once per "
                + "group, and do not tell the class", across, groupsByValue.size(), groups.size());
    }

    /** Whether {@code v} reads as a finite number (an epoch, a trial number, an offset in seconds). */
    private static boolean number(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String how(SplitOverlap.Source source) {
        return switch (source) {
            case CARVED -> "carved at random";
            case SPLIT_COLUMN -> "as the split column marks them";
            case FILE -> "in the given file";
        };
    }
}
