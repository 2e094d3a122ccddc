package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Feature columns that one-hot encode one column of categories, as {@code pd.get_dummies(df, columns=['event_type'])} writes
 * them: names sharing a prefix ending in {@code _} ({@code event_type_page_view}, {@code event_type_search}, ...), values 0
 * or 1, and at most one of them 1 on each training row. Found when the training file is read ({@link Tally}, on the values
 * as written) and stored with the model's {@link CsvSchema}, so that {@code predict} and {@code evaluate} count the rows of
 * new data that have none of the group at 1, where training always had one ({@link Check}): a category the model has not
 * seen, whose column was left out with {@code --ignore-columns} (a trial's 510 rows of a new event type {@code
 * add_to_wishlist} were classified without a word, every {@code event_type_*} column 0, an input no training row held),
 * or more than one at 1.
 *
 * <p>A group is taken when its columns, two or more of one prefix, hold only 0 and 1 on every training row without a
 * missing cell among them (columns of the prefix that hold other values, a numeric {@code screen_ms} beside
 * {@code screen_cart}, {@code screen_home}, are left out of the group: {@link Tally}), sum to 0 or 1 on each such row, and sum to 1 on {@value #MIN_ONE_SHARE} of them or more (two
 * independent flags {@code is_weekend}, {@code is_holiday} rarely sum to 1). Of nested prefixes ({@code event_},
 * {@code event_type_}) the widest group is kept, and of equal ones the longest prefix. Rows with every column 0 in
 * training ({@link #none}) are an empty category ({@code get_dummies} of a missing value): new data's are then warned of
 * only when their share is well above the training's ({@link Check}).
 *
 * @param prefix   the columns' shared name prefix, separator included: {@code event_type_}
 * @param features the positions of its columns in the model's features, ascending
 * @param rows     rows of the training file judged (those without a missing cell in the group): the whole file, the
 *                 validation and test sequences carved from it or marked by a split column included, since the group is
 *                 found as the file is read, before it is split (not the rows of {@code --validation} or {@code --test} files)
 * @param none     of those, the rows with every column of the group 0 (0 when each row held exactly one category)
 */
public record OneHotGroup(String prefix, List<Integer> features, long rows, long none) {

    /** Smallest share of training rows on which a group's columns sum to 1. */
    public static final double MIN_ONE_SHARE = 0.5;

    public OneHotGroup {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("OneHotGroup.prefix must be a column name prefix, got " + prefix);
        }
        features = org.rnnlab.datasets.InputDescription.nonNull(features, "features", "a list of feature positions", "a position");
        if (features.size() < 2) {
            throw new IllegalArgumentException("OneHotGroup.features must hold 2 or more positions, got " + features);
        }
    }

    /** The share of training rows with no category of this group (an empty category), 0 when there was none. */
    public double noneShare() {
        return rows == 0 ? 0 : (double) none / rows;
    }

    /** The column name before its prefix's last separator: {@code event_type} for {@code event_type_}. */
    public String source() {
        return prefix.substring(0, prefix.length() - 1);
    }

    /** The group's columns by name, as {@code event_type_*}. */
    public String pattern() {
        return prefix + "*";
    }

    /**
     * The candidate prefixes of feature names: each name's text up to and including each {@code _} after its first
     * character, with the features of two or more names that start with it.
     */
    static Map<String, List<Integer>> candidates(List<String> names) {
        Map<String, List<Integer>> byPrefix = new TreeMap<>();
        for (int f = 0; f < names.size(); f++) {
            String name = names.get(f);
            for (int i = name.indexOf('_', 1); i > 0 && i < name.length() - 1; i = name.indexOf('_', i + 1)) {
                byPrefix.computeIfAbsent(name.substring(0, i + 1), k -> new ArrayList<>()).add(f);
            }
        }
        byPrefix.values().removeIf(l -> l.size() < 2);
        return byPrefix;
    }

    /**
     * The prefix a column not among the model's features shares with a group of them: the stored {@code groups}' prefix it
     * starts with, or, for a card without them (null), the longest prefix ({@link #candidates}) it shares with two or more
     * feature names; null when none.
     */
    public static String siblingPrefix(String column, List<String> featureNames, List<OneHotGroup> groups) {
        if (groups != null) {
            return groups.stream().map(OneHotGroup::prefix).filter(column::startsWith).findFirst().orElse(null);
        }
        String best = null;
        for (String prefix : candidates(featureNames).keySet()) {
            if (column.startsWith(prefix) && column.length() > prefix.length() && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best;
    }

    /**
     * Why a file has no column for a category: {@code pd.get_dummies} writes a column only for the categories present, so
     * data without a row of one lack its column, and a column of 0s is the fix (no row is of that category). Said alike by
     * {@code predict} ({@link CsvSchema}) and by training's {@code --set features} check ({@link #missingCategoryHint}).
     */
    static final String NO_ROW_OF_IT = "look(s) like a category no row of this file has: pandas get_dummies writes a column "
            + "only for the categories present; a column of 0s is the fix (no row is of that category)";

    /**
     * For features chosen by name ({@code --set features}, or the list a {@code --config} replay records) that the training
     * file lacks, where each is one category of a one-hot group recognised from the chosen names ({@link #candidates}: the
     * longest prefix the missing name shares with chosen names the file has) whose columns in the file hold only 0 and 1,
     * at most one 1 on a row, and whose raw column the file does not hold: a hint as {@code predict} gives one, with the
     * pandas line that adds the column; empty otherwise. A trial's monthly replay on a month without gravel roads was told
     * only "no column named 'road_type_gravel'", while predict on the same file named the group and the fix (74d F1).
     * The line adds the column and touches no other: the features are read by name, so their order does not matter.
     *
     * @param table  the training file, read
     * @param chosen the feature names chosen, in order
     */
    static String missingCategoryHint(CsvTable table, List<String> chosen) {
        List<String> header = table.header();
        if (header == null) {
            return "";
        }
        Map<String, List<Integer>> prefixes = candidates(chosen);
        Map<String, List<String>> missingByPrefix = new java.util.LinkedHashMap<>();
        for (String name : chosen) {
            if (header.contains(name)) {
                continue;
            }
            String prefix = prefixes.keySet().stream().filter(p -> name.startsWith(p) && prefixes.get(p).stream()
                    .anyMatch(f -> header.contains(chosen.get(f)))).max(java.util.Comparator.comparingInt(String::length)).orElse(null);
            if (prefix == null) {
                return ""; // a missing feature that is no category: the hint would tell half the story
            }
            missingByPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(name);
        }
        List<String> said = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : missingByPrefix.entrySet()) {
            String prefix = e.getKey();
            String source = prefix.substring(0, prefix.length() - 1);
            // a numeric sibling of the prefix (screen_ms beside screen_cart) is no category of it (trial 79h F3)
            List<Integer> present = prefixes.get(prefix).stream().map(chosen::get).filter(header::contains).map(header::indexOf)
                    .filter(c -> zeroOrOneEach(table, List.of(c))).toList();
            if (header.contains(source) || present.isEmpty() || !zeroOrOneEach(table, present)) {
                return "";
            }
            said.add(String.join(", ", e.getValue()) + " (of the one-hot group " + prefix + "* of the features, which encodes '"
                    + source + "'; the file has its " + present.stream().map(header::get).collect(java.util.stream.Collectors
                    .joining(", ")) + ")");
            e.getValue().forEach(m -> added.add("df[" + CsvSchema.pythonString(m) + "] = 0"));
        }
        return "the missing " + String.join(", ", said) + " " + NO_ROW_OF_IT + "; keep the feature, so that the features stay "
                + "those of the earlier data, e.g. pandas: " + String.join("; ", added);
    }

    /** Whether {@code columns} of {@code table} hold only 0 and 1 (or nothing), with at most one 1 on each row. */
    private static boolean zeroOrOneEach(CsvTable table, List<Integer> columns) {
        for (int r = 0; r < table.rows().size(); r++) {
            int ones = 0;
            for (int c : columns) {
                String v = table.cell(r, c) == null ? "" : table.cell(r, c).strip();
                if (v.equals("1") || v.equals("1.0")) {
                    ones++;
                } else if (!v.isEmpty() && !v.equals("0") && !v.equals("0.0")) {
                    return false;
                }
            }
            if (ones > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The one-hot groups of the training data's features, tallied sequence by sequence on the values as written. A prefix's
     * columns that are not all 0/1 are left out of its group, which is judged on the rest (two or more): get_dummies names
     * its columns {@code <column>_<category>}, and a numeric {@code screen_ms} beside {@code screen_cart},
     * {@code screen_home}, ... failed the whole prefix {@code screen_}, so the model recorded no group and predict gave none
     * of the one-hot hints (trial 79h F3). Each prefix's rows are therefore tallied by which of its columns are 1 and which
     * missing, and judged at the end on the columns found 0/1 throughout.
     */
    public static final class Tally {
        /** Distinct patterns of 1s and missing cells kept per prefix; beyond them its group is given up (no one-hot columns). */
        static final int MAX_PATTERNS = 4096;
        private final List<String> prefixes = new ArrayList<>();
        private final List<int[]> members = new ArrayList<>();
        private final boolean[] valid;
        /** Per prefix, the rows by pattern: which of its members are 1 and which missing. */
        private final List<Map<Pattern, long[]>> patterns = new ArrayList<>();
        /** Per feature, whether every value seen was 0, 1 or missing. */
        private final java.util.Map<Integer, Boolean> zeroOrOne = new java.util.HashMap<>();

        /** A tally of the candidate groups of features named {@code names}. */
        public Tally(List<String> names) {
            candidates(names).forEach((p, f) -> {
                prefixes.add(p);
                members.add(f.stream().mapToInt(Integer::intValue).toArray());
                patterns.add(new java.util.HashMap<>());
                f.forEach(x -> zeroOrOne.put(x, true));
            });
            valid = new boolean[prefixes.size()];
            java.util.Arrays.fill(valid, true);
        }

        /** The members of a row at 1 ({@code ones}) and missing ({@code missing}), as bits in the order of the prefix's members. */
        private record Pattern(java.util.BitSet ones, java.util.BitSet missing) {
        }

        /** Adds one sequence's values ({@code [time][feature]}, as written; NaN: missing). */
        public void add(float[][] sequence) {
            for (float[] step : sequence) {
                for (Map.Entry<Integer, Boolean> e : zeroOrOne.entrySet()) {
                    float x = e.getKey() < step.length ? step[e.getKey()] : Float.NaN;
                    if (e.getValue() && !Float.isNaN(x) && x != 0 && x != 1) {
                        e.setValue(false);
                    }
                }
            }
            for (int g = 0; g < valid.length; g++) {
                if (!valid[g]) {
                    continue;
                }
                int[] m = members.get(g);
                Map<Pattern, long[]> counts = patterns.get(g);
                for (float[] step : sequence) {
                    java.util.BitSet ones = new java.util.BitSet(m.length);
                    java.util.BitSet missing = new java.util.BitSet(m.length);
                    for (int i = 0; i < m.length; i++) {
                        float x = m[i] < step.length ? step[m[i]] : Float.NaN;
                        if (Float.isNaN(x)) {
                            missing.set(i);
                        } else if (x == 1) {
                            ones.set(i);
                        }
                    }
                    counts.computeIfAbsent(new Pattern(ones, missing), k -> new long[1])[0]++;
                    if (counts.size() > MAX_PATTERNS) {
                        valid[g] = false;
                        counts.clear();
                        break;
                    }
                }
            }
        }

        /** The groups found, by the rule of {@link OneHotGroup}, in order of their first feature. */
        public List<OneHotGroup> groups() {
            List<OneHotGroup> taken = new ArrayList<>();
            for (int g = 0; g < valid.length; g++) {
                if (!valid[g]) {
                    continue;
                }
                int[] m = members.get(g);
                java.util.BitSet kept = new java.util.BitSet(m.length); // the members 0/1 throughout
                for (int i = 0; i < m.length; i++) {
                    kept.set(i, zeroOrOne.get(m[i]));
                }
                if (kept.cardinality() < 2) {
                    continue;
                }
                long rows = 0;
                long ones = 0;
                long none = 0;
                boolean oneEach = true;
                for (Map.Entry<Pattern, long[]> e : patterns.get(g).entrySet()) {
                    if (e.getKey().missing().intersects(kept)) {
                        continue;
                    }
                    java.util.BitSet at1 = (java.util.BitSet) e.getKey().ones().clone();
                    at1.and(kept);
                    int sum = at1.cardinality();
                    oneEach &= sum <= 1;
                    rows += e.getValue()[0];
                    ones += sum == 1 ? e.getValue()[0] : 0;
                    none += sum == 0 ? e.getValue()[0] : 0;
                }
                if (oneEach && rows > 0 && ones >= MIN_ONE_SHARE * rows) {
                    taken.add(new OneHotGroup(prefixes.get(g), kept.stream().map(i -> m[i]).boxed().toList(), rows, none));
                }
            }
            List<OneHotGroup> kept = new ArrayList<>();
            for (OneHotGroup a : taken) {
                boolean covered = taken.stream().anyMatch(b -> b != a && b.features().containsAll(a.features())
                        && (b.features().size() > a.features().size() || b.prefix().length() > a.prefix().length()));
                if (!covered) {
                    kept.add(a);
                }
            }
            kept.sort(java.util.Comparator.comparing(o -> o.features().get(0)));
            return kept;
        }
    }

    /**
     * New data's rows whose one-hot groups are unlike training's: none of a group's columns at 1 where every training row
     * had one (or, for a group with an empty category in training, a share of such rows more than twice the training's and 5
     * points above it), or more than one at 1. Judged on the values as written, before missing values are filled. Rows with
     * a cell of the group neither 0 nor 1 (0.5/0.5: two rows' categories averaged or interpolated, as a resampling does) are
     * said as fractional values, not as none at 1: a trial's upsampling interpolated a group, and the warning blamed a missing
     * or new category and advised fillna and dummy_na (trial 74d F8).
     */
    public static final class Check {
        private final List<OneHotGroup> groups;
        private final long[] rows;
        private final long[] none;
        private final long[] noneSequences;
        private final long[] many;
        private final long[] manySequences;
        private final String[] noneExample;
        private final String[] manyExample;
        private final long[] fractional;
        private final long[] fractionalSequences;
        private final String[] fractionalExample;

        /** A check of new data against the training's {@code groups}. */
        public Check(List<OneHotGroup> groups) {
            this.groups = List.copyOf(groups);
            int n = groups.size();
            rows = new long[n];
            none = new long[n];
            noneSequences = new long[n];
            many = new long[n];
            manySequences = new long[n];
            noneExample = new String[n];
            manyExample = new String[n];
            fractional = new long[n];
            fractionalSequences = new long[n];
            fractionalExample = new String[n];
        }

        /**
         * Adds one sequence's values ({@code [time][feature]}, as written), with its id, its file and the line of each step
         * ({@code lines} aligned with the steps; null: the sequence's id alone names it).
         */
        public void add(String id, float[][] sequence, String file, long[] lines) {
            for (int g = 0; g < groups.size(); g++) {
                boolean noneHere = false;
                boolean manyHere = false;
                boolean fractionalHere = false;
                for (int t = 0; t < sequence.length; t++) {
                    int sum = 0;
                    boolean missing = false;
                    float fraction = Float.NaN;
                    for (int f : groups.get(g).features()) {
                        float x = f < sequence[t].length ? sequence[t][f] : Float.NaN;
                        missing |= Float.isNaN(x);
                        sum += x == 1 ? 1 : 0;
                        fraction = Float.isNaN(fraction) && !Float.isNaN(x) && x != 0 && x != 1 ? x : fraction;
                    }
                    if (missing) {
                        continue;
                    }
                    rows[g]++;
                    String where = (file != null && lines != null && t < lines.length ? file + ":" + lines[t] + ", " : "")
                            + "sequence " + org.rnnlab.datasets.LabelCheck.quoted(id);
                    if (!Float.isNaN(fraction)) {
                        fractional[g]++;
                        fractionalHere = true;
                        fractionalExample[g] = fractionalExample[g] != null ? fractionalExample[g]
                                : where + ": " + new java.math.BigDecimal(fraction, new java.math.MathContext(3))
                                .stripTrailingZeros().toPlainString();
                    } else if (sum == 0) {
                        none[g]++;
                        noneHere = true;
                        noneExample[g] = noneExample[g] != null ? noneExample[g] : where;
                    } else if (sum > 1) {
                        many[g]++;
                        manyHere = true;
                        manyExample[g] = manyExample[g] != null ? manyExample[g] : where;
                    }
                }
                noneSequences[g] += noneHere ? 1 : 0;
                manySequences[g] += manyHere ? 1 : 0;
                fractionalSequences[g] += fractionalHere ? 1 : 0;
            }
        }

        /**
         * Per group unlike training, in words, naming the group, the rows and sequences, an example, and the file's columns
         * of the same prefix that are none of the model's features ({@code columns}: the header names read; such a column
         * left out with {@code --ignore-columns} is a category the model has not seen); empty when all are like training.
         */
        public List<String> described(List<String> featureNames, List<String> columns) {
            List<String> out = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                OneHotGroup group = groups.get(g);
                double share = rows[g] == 0 ? 0 : (double) none[g] / rows[g];
                boolean noneUnlike = none[g] > 0 && (group.none() == 0
                        || share > 2 * group.noneShare() && share > group.noneShare() + 0.05);
                List<String> siblings = columns.stream().filter(c -> c.startsWith(group.prefix()) && !featureNames.contains(c))
                        .toList();
                if (noneUnlike) {
                    out.add(String.format(java.util.Locale.ROOT, "%d row(s) in %d sequence(s) have none of the one-hot columns %s "
                            + "at 1 (e.g. %s), %s: an empty (missing) '%s' or a category the model has not seen%s; the model "
                            + "reads such a row as one of no category, so its predictions of these sequences are guesses (pandas "
                            + "get_dummies writes a missing value as all zeros: fill or mark the raw column before encoding, e.g. "
                            + "df['%s'].fillna('unknown'), or get_dummies(..., dummy_na=True) at training too, which gives missing "
                            + "its own column; a new category: train on data holding it, one-hot encoded as the others)",
                            none[g], noneSequences[g], group.pattern(), noneExample[g],
                            group.none() == 0 ? "where every training row had exactly one"
                                    : String.format(java.util.Locale.ROOT, "%.1f%% of the rows here against %.1f%% in training (an "
                                    + "empty category)", 100 * share, 100 * group.noneShare()), group.source(),
                            siblings.isEmpty() ? "" : " (the file's column(s) " + siblings + " of that prefix are not among the "
                                    + "model's features: left out with --ignore-columns, their rows have no category of the group)",
                            group.source()));
                }
                if (fractional[g] > 0) {
                    out.add(String.format(java.util.Locale.ROOT, "%d row(s) in %d sequence(s) hold fractional values (interpolated?) "
                            + "in the one-hot columns %s (e.g. %s), where every training row held only 0s and 1s: two rows' "
                            + "categories averaged or interpolated (a resampling's mean or interpolate), not a missing or new '%s'; "
                            + "the model reads such a row as a mix of categories it never saw: take one-hot columns from the row "
                            + "before (pandas: ffill, or the first value of each step when resampling), not a mean or interpolation",
                            fractional[g], fractionalSequences[g], group.pattern(), fractionalExample[g], group.source()));
                }
                if (many[g] > 0) {
                    out.add(String.format(java.util.Locale.ROOT, "%d row(s) in %d sequence(s) have more than one of the one-hot "
                            + "columns %s at 1 (e.g. %s), where no training row had more than one: two categories at once, "
                            + "which the model never saw", many[g], manySequences[g], group.pattern(), manyExample[g]));
                }
            }
            return out;
        }
    }
}
