package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * A feature whose training values look like codes of categories rather than amounts: a few distinct whole numbers, each
 * used many times, far apart (a merchant category code such as 5411 or 7995, a port, a product or status code). Read as a
 * number, such a column tells the model that 5412 is like 5411 and that 7994 is nearly the gambling code 7995: a user's
 * trial scored every account at an unseen code 9999 with a third more fraud than at a seen one, without a word. Training
 * warns of these columns (one-hot them to read categories as categories), and the model keeps their codes so that
 * {@code predict} and {@code evaluate} name codes the training data never held.
 *
 * <p>A column is taken for codes when its non-missing training values are whole numbers of at most 2^24 (exact in float),
 * with {@value #MIN_CODES} to {@value #MAX_CODES} distinct values, each used {@value #MIN_USES} times and by {@value
 * #MIN_SEQUENCES} sequences on average or more, and on average {@value #MIN_GAP} or more apart between the smallest and the
 * largest: counts and levels (0 to 5, a year, a floor) are consecutive numbers, two values are a flag or one-hot column, and
 * a value per subject repeated over its steps (an age) is used by one sequence; values more than half of whose neighbours
 * are 1 apart are counts or whole units, whatever one far value (an undeclared 999) does to the mean distance
 * ({@link #consecutive}). The values are judged as written, before
 * missing values are filled in (an interpolated 6703 between 5411 and 7995 is no code) and before per-sequence scaling. A numeric setting of a few
 * spaced levels (a speed limit of 30, 50, 70, 100) is taken for codes too; the warning says to ignore it then.
 *
 * @param feature the feature's position in the model's features
 * @param codes   its distinct training values, ascending
 */
public record FeatureCodes(int feature, List<Long> codes) {

    /** Fewest distinct values of a code column (two are a flag). */
    public static final int MIN_CODES = 3;
    /** Most distinct values of a code column. */
    public static final int MAX_CODES = 50;
    /** Fewest values per distinct value, on average. */
    public static final int MIN_USES = 10;
    /** Smallest mean distance between neighbouring distinct values, (largest - smallest) / (distinct - 1). */
    public static final double MIN_GAP = 10;

    public FeatureCodes {
        if (feature < 0) {
            throw new IllegalArgumentException("FeatureCodes.feature must be 0 or more, got " + feature);
        }
        codes = org.rnnlab.datasets.InputDescription.nonNull(codes, "codes", "a list of whole numbers", "a code");
    }

    /** Whether {@code x} is one of the codes (a missing value is not judged: true). */
    public boolean knows(float x) {
        return Float.isNaN(x) || x == Math.rint(x) && java.util.Collections.binarySearch(codes, (long) x) >= 0;
    }

    /** Fewest sequences per distinct value, on average: a value per subject (an age, a dose of a few patients) is no code. */
    public static final int MIN_SEQUENCES = 3;

    /**
     * The features of {@code sequences} ({@code [time][feature]} each, {@code width} features, as written: missing values
     * NaN, before they are filled and before any per-sequence scaling) whose values look like codes, by the rule above.
     */
    public static List<FeatureCodes> find(List<float[][]> sequences, int width) {
        Tally tally = new Tally(width);
        sequences.forEach(tally::add);
        return tally.codes();
    }

    /**
     * The values of each feature, gathered sequence by sequence as written (before missing values are filled, which would
     * add interpolated values, and before per-sequence scaling), for {@link #codes}.
     */
    public static final class Tally {
        private final List<java.util.TreeMap<Long, long[]>> byFeature = new ArrayList<>(); // value -> {values, sequences}
        private final boolean[] codeLike;
        /** Per feature, how often each size of change between neighbouring steps of a sequence was seen (0 not counted). */
        private final List<java.util.TreeMap<Long, Long>> changes = new ArrayList<>();

        /** A tally of {@code width} features. */
        public Tally(int width) {
            codeLike = new boolean[width];
            java.util.Arrays.fill(codeLike, true);
            for (int f = 0; f < width; f++) {
                byFeature.add(new java.util.TreeMap<>());
                changes.add(new java.util.TreeMap<>());
            }
        }

        /** Adds one sequence's values ({@code [time][feature]}; NaN: missing, not counted). */
        public void add(float[][] sequence) {
            for (int f = 0; f < codeLike.length; f++) {
                if (!codeLike[f]) {
                    continue;
                }
                java.util.TreeMap<Long, long[]> counts = byFeature.get(f);
                java.util.Set<Long> inThis = new java.util.HashSet<>();
                float before = Float.NaN;
                for (float[] step : sequence) {
                    float x = step[f];
                    if (Float.isNaN(x)) {
                        before = Float.NaN;
                        continue;
                    }
                    if (x != Math.rint(x) || Math.abs(x) > (1 << 24)) {
                        codeLike[f] = false;
                        counts.clear();
                        changes.get(f).clear();
                        break;
                    }
                    if (!Float.isNaN(before) && x != before) {
                        changes.get(f).merge((long) Math.abs(x - before), 1L, Long::sum);
                    }
                    before = x;
                    long[] n = counts.computeIfAbsent((long) x, k -> new long[2]);
                    n[0]++;
                    if (inThis.add((long) x)) {
                        n[1]++;
                    }
                    if (counts.size() > MAX_CODES) {
                        codeLike[f] = false;
                        counts.clear();
                        changes.get(f).clear();
                        break;
                    }
                }
            }
        }

        /** The features whose values gathered look like codes. */
        public List<FeatureCodes> codes() {
            List<FeatureCodes> found = new ArrayList<>();
            for (int f = 0; f < codeLike.length; f++) {
                java.util.TreeMap<Long, long[]> counts = byFeature.get(f);
                int k = counts.size();
                if (!codeLike[f] || k < MIN_CODES) {
                    continue;
                }
                long values = counts.values().stream().mapToLong(n -> n[0]).sum();
                long sequences = counts.values().stream().mapToLong(n -> n[1]).sum();
                if (values >= (long) MIN_USES * k && sequences >= (long) MIN_SEQUENCES * k
                        && (double) (counts.lastKey() - counts.firstKey()) / (k - 1) >= MIN_GAP && !consecutive(counts.keySet())) {
                    found.add(new FeatureCodes(f, List.copyOf(counts.keySet())));
                }
            }
            return found;
        }

        /**
         * The features not among {@code found} ({@link #codes}) whose whole-number values still look like codes of
         * categories, as label encoding writes them ({@code df.key.astype('category').cat.codes}: 0..23), which {@link
         * #codes} leaves to counts and levels because they are consecutive: {@value #MIN_CODES} to {@value #MAX_CODES}
         * distinct non-negative whole numbers, each used {@value #MIN_USES} times and by {@value #MIN_SEQUENCES} sequences
         * on average or more, that jump from step to step (the median change between neighbouring steps of a sequence, where
         * it changes, is 2 or more: a count or a level moves by 1), and either a name that says codes ({@link #CODE_WORDS}:
         * {@code key}, {@code device_id}, {@code sensorType}) or, with {@value #MIN_UNNAMED} values or more, exactly the
         * whole numbers from 0 or 1 up, with a median change of a fifth of their range or more (a keystroke trial's key codes
         * 0..23 were standardised as amounts without a word, and scored 5 points of accuracy under one-hot keys).
         *
         * @param names the features' names, as {@code find}'s features are numbered
         * @param found the features {@link #codes} found, left out
         */
        public List<LikelyCodes> likely(List<String> names, List<FeatureCodes> found) {
            java.util.Set<Integer> taken = new java.util.HashSet<>();
            found.forEach(c -> taken.add(c.feature()));
            List<LikelyCodes> out = new ArrayList<>();
            for (int f = 0; f < codeLike.length && f < names.size(); f++) {
                java.util.TreeMap<Long, long[]> counts = byFeature.get(f);
                int k = counts.size();
                if (!codeLike[f] || taken.contains(f) || k < MIN_CODES || counts.firstKey() < 0) {
                    continue;
                }
                long values = counts.values().stream().mapToLong(n -> n[0]).sum();
                long sequences = counts.values().stream().mapToLong(n -> n[1]).sum();
                if (values < (long) MIN_USES * k || sequences < (long) MIN_SEQUENCES * k) {
                    continue;
                }
                long median = medianChange(changes.get(f));
                long low = counts.firstKey();
                long high = counts.lastKey();
                boolean named = codeName(names.get(f));
                boolean encoded = k >= MIN_UNNAMED && low <= 1 && high - low == k - 1 && median * 5 >= high - low;
                if (median >= 2 && (named || encoded)) {
                    out.add(new LikelyCodes(f, low, high, k, List.copyOf(counts.keySet())));
                }
            }
            return out;
        }
    }

    /** Fewest distinct values for codes judged by their values alone ({@link Tally#likely}), without a name saying so. */
    public static final int MIN_UNNAMED = 10;

    /** Words of a column name that say codes of categories ({@link Tally#likely}), matched to the name's words. */
    public static final java.util.Set<String> CODE_WORDS = java.util.Set.of("key", "keycode", "code", "codes", "id", "type",
            "category", "cat", "class", "kind", "mode", "state", "status", "zone", "sensor", "device", "channel", "port", "region",
            "country", "station", "product", "brand", "vendor", "merchant", "mcc");

    /** Whether a column name has a word of {@link #CODE_WORDS}: {@code key}, {@code key_ascii}, {@code deviceId}, {@code zone-3}. */
    static boolean codeName(String name) {
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(spaced.split("[^a-z]+")).anyMatch(CODE_WORDS::contains);
    }

    /** The median of the changes tallied (size -> times seen), 0 for none. */
    private static long medianChange(java.util.TreeMap<Long, Long> changes) {
        long total = changes.values().stream().mapToLong(Long::longValue).sum();
        long seen = 0;
        for (var e : changes.entrySet()) {
            seen += e.getValue();
            if (seen * 2 >= total) {
                return e.getKey();
            }
        }
        return 0;
    }

    /**
     * A feature whose whole numbers look like label-encoded categories ({@link Tally#likely}).
     *
     * @param feature  the feature's position
     * @param low      its smallest value
     * @param high     its largest value
     * @param distinct how many distinct values it holds
     * @param values   its distinct values, ascending
     */
    public record LikelyCodes(int feature, long low, long high, int distinct, List<Long> values) {

        /** A value in the middle and its neighbours, {@code {10, 11, 12}}: what the model reads as between two others. */
        public long[] middle() {
            int m = values.size() / 2;
            return new long[] {values.get(m - 1), values.get(m), values.get(m + 1)};
        }
    }

    /**
     * Whether more than half of the neighbouring distinct {@code values} (ascending) are consecutive whole numbers, 1
     * apart: a count or a measurement in whole units (breaths per minute, 6, 7, 8, ... 35), whose mean distance one far
     * value (an undeclared 999) can stretch beyond {@value #MIN_GAP}; codes are spread (4111, 5411, 5812). A trial's
     * respiratory rate was called "codes of categories" and offered one-hot columns.
     */
    static boolean consecutive(java.util.Collection<Long> values) {
        long previous = Long.MIN_VALUE;
        int ones = 0;
        int gaps = -1;
        for (long v : values) {
            if (gaps >= 0 && v - previous == 1) {
                ones++;
            }
            gaps++;
            previous = v;
        }
        return gaps > 0 && ones * 2 > gaps;
    }

    /**
     * The values of new data's code features that are none of the training codes, gathered sequence by sequence as written
     * (a filled-in gap is no code: {@code --missing interpolate} makes 6703 between 5411 and 7995).
     */
    public static final class Unseen {
        private final List<FeatureCodes> known;
        private final List<java.util.TreeMap<Float, long[]>> byCode = new ArrayList<>(); // value -> {values, sequences}

        /** The unseen codes of the features {@code known}. */
        public Unseen(List<FeatureCodes> known) {
            this.known = List.copyOf(known);
            known.forEach(c -> byCode.add(new java.util.TreeMap<>()));
        }

        /** Adds one sequence's values ({@code [time][feature]}, as written). */
        public void add(float[][] sequence) {
            for (int i = 0; i < known.size(); i++) {
                FeatureCodes c = known.get(i);
                java.util.Set<Float> inThis = new java.util.HashSet<>();
                for (float[] step : sequence) {
                    float x = step[c.feature()];
                    if (!c.knows(x)) {
                        long[] n = byCode.get(i).computeIfAbsent(x, k -> new long[2]);
                        n[0]++;
                        if (inThis.add(x)) {
                            n[1]++;
                        }
                    }
                }
            }
        }

        /**
         * Per feature with unseen codes, in words: {@code 'mcc': 9999 (965 value(s) in 50 sequence(s)); its training codes:
         * 4111, 5411, ...} (the 5 most frequent unseen codes); empty when every code was seen.
         */
        public List<String> described(List<String> featureNames) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < known.size(); i++) {
                java.util.TreeMap<Float, long[]> counts = byCode.get(i);
                if (counts.isEmpty()) {
                    continue;
                }
                List<String> shown = counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                        .limit(5).map(e -> written(e.getKey()) + " (" + e.getValue()[0] + " value(s) in " + e.getValue()[1]
                                + " sequence(s))").toList();
                out.add("'" + featureNames.get(known.get(i).feature()) + "': " + String.join(", ", shown) + (counts.size() > 5
                        ? " and " + (counts.size() - 5) + " more code(s)" : "") + "; its training codes: " + known.get(i).describe(8));
            }
            return out;
        }

        private static String written(float x) {
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Float.toString(x);
        }
    }

    /** The codes in words, at most {@code shown} of them: {@code 4829, 5411, 5812 (and 5 more)}. */
    public String describe(int shown) {
        List<String> words = codes.subList(0, Math.min(shown, codes.size())).stream().map(String::valueOf).toList();
        return String.join(", ", words) + (codes.size() > shown ? " (and " + (codes.size() - shown) + " more)" : "");
    }
}
