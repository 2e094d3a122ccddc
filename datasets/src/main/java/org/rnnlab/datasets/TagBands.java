package org.rnnlab.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Bands of an integer tag of the examples, e.g. agreement's subject-verb {@code distance} cut into 1-4, 5-8, 9-12 and
 * 13-16. A comparison with bands trains and tests one model per band, each on only the examples whose tag lies in its
 * band ({@link #select}): accuracy by band then says which spans an architecture can <em>learn</em> from examples of
 * that span, the question of Bengio, Simard and Frasconi (IEEE Trans. Neural Networks 5(2), 1994), whose vanilla RNN
 * learned to latch information over short spans and failed beyond. One model trained on all distances at once answers
 * another question (how far what it learned from the short examples carries), where a vanilla RNN that learns to latch
 * a bit holds it at every distance.
 *
 * @param tag   the tag, e.g. {@code distance}
 * @param bands the bands, in ascending order, not overlapping
 */
public record TagBands(String tag, List<Band> bands) {

    /** The values {@code min..max} of the tag, inclusive. */
    public record Band(int min, int max) {
        public Band {
            if (max < min) {
                throw new IllegalArgumentException("band " + min + "-" + max + " is empty: its end must be >= its start");
            }
        }

        /** Whether {@code value} lies in the band. */
        public boolean contains(int value) {
            return value >= min && value <= max;
        }

        /** {@code 1-4}, or {@code 7} for a band of one value. */
        public String describe() {
            return min == max ? Integer.toString(min) : min + "-" + max;
        }
    }

    public TagBands {
        if (tag == null || !tag.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bands need a tag name (letters, digits, _), got '" + tag + "'");
        }
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("bands of '" + tag + "': give at least one band, e.g. " + tag + ":1-4,5-8");
        }
        for (int i = 1; i < bands.size(); i++) {
            if (bands.get(i).min() <= bands.get(i - 1).max()) {
                throw new IllegalArgumentException("bands of '" + tag + "' must ascend without overlapping: "
                        + bands.get(i - 1).describe() + " then " + bands.get(i).describe());
            }
        }
    }

    /**
     * Reads {@code TAG:A-B,C-D,...} (a band of one value is written {@code A}), e.g. {@code distance:1-4,5-8,9-12}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static TagBands parse(String text) {
        String s = text == null ? "" : text.strip();
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expected TAG:FROM-TO,FROM-TO,... (e.g. distance:1-4,5-8,9-12), got '" + text + "'");
        }
        List<Band> bands = new ArrayList<>();
        for (String part : s.substring(colon + 1).split(",", -1)) {
            String p = part.strip();
            if (!p.matches("\\d+(-\\d+)?")) {
                throw new IllegalArgumentException("band '" + p + "' in '" + text + "': expected FROM-TO or one value, whole "
                        + "numbers >= 0 (e.g. 1-4)");
            }
            String[] ends = p.split("-");
            try {
                int min = Integer.parseInt(ends[0]);
                bands.add(new Band(min, ends.length == 1 ? min : Integer.parseInt(ends[1])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("band '" + p + "' in '" + text + "': number too large");
            }
        }
        return new TagBands(s.substring(0, colon).strip(), bands);
    }

    /**
     * Bands of one width over the values {@code min..max} of {@code tag}, at most {@code count} of them, when the values
     * divide into them (1-4, 5-8, 9-12 for 1..12 in 3; 1-2, 3-4 for 1..4); otherwise {@code count} bands whose widths differ
     * by at most one value, the wider ones first (1-4, 5-7, 8-10 for 1..10 in 3, where the cut by the wider width gave 1-4,
     * 5-8, 9-10 and the far band half the examples); fewer when there are fewer values, one per value.
     */
    public static TagBands equalWidth(String tag, int min, int max, int count) {
        if (max < min || count < 1) {
            throw new IllegalArgumentException("bands of '" + tag + "': need min <= max and count >= 1, got " + min + ".." + max
                    + " in " + count);
        }
        int values = max - min + 1;
        int width = (int) Math.ceil(values / (double) count);
        List<Band> bands = new ArrayList<>();
        if (values % width == 0) { // bands of one width: 1-4, 5-8, 9-12; 1-2, 3-4 for 1..4 (fewer bands, but equal)
            for (int lo = min; lo <= max; lo += width) {
                bands.add(new Band(lo, lo + width - 1));
            }
            return new TagBands(tag, bands);
        }
        int n = Math.min(count, values);
        int lo = min;
        for (int i = 0; i < n; i++) {
            int w = values / n + (i < values % n ? 1 : 0);
            bands.add(new Band(lo, lo + w - 1));
            lo += w;
        }
        return new TagBands(tag, bands);
    }

    /**
     * {@link #equalWidth} over the values of {@code tag} in {@code data}'s training and test examples.
     *
     * @throws IllegalArgumentException when no training or test example has the tag
     */
    public static TagBands equalWidth(String tag, SequenceDataset data, int count) {
        requireQuantity(data, tag);
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (Split split : List.of(Split.TRAIN, Split.TEST)) {
            for (Sequence s : data.split(split).examples()) {
                Integer v = s.tags().get(tag);
                if (v != null) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("dataset " + data.name() + ": no example has the tag '" + tag + "' to cut into bands");
        }
        return equalWidth(tag, min, max, count);
    }

    /** Number of bands. */
    public int size() {
        return bands.size();
    }

    /** {@code distance:1-4,5-8}, which {@link #parse} reads back. */
    public String describe() {
        return tag + ":" + String.join(",", bands.stream().map(Band::describe).toList());
    }

    /** The name of band {@code i}, e.g. {@code distance 1-4}. */
    public String label(int i) {
        return tag + " " + bands.get(i).describe();
    }

    /**
     * The examples of {@code data} whose tag lies in band {@code i}, in every split (their order kept); everything
     * else (encoder, schema, provenance) is the dataset's.
     *
     * @throws IllegalArgumentException when an example lacks the tag, or the band holds no training or no test
     *                                  example (the message gives the values the split has)
     */
    public SequenceDataset select(SequenceDataset data, int i) {
        requireQuantity(data, tag);
        Band band = bands.get(i);
        SequenceSet[] splits = new SequenceSet[Split.values().length];
        for (Split split : Split.values()) {
            List<Sequence> kept = new ArrayList<>();
            List<Sequence> all = data.split(split).examples();
            for (int e = 0; e < all.size(); e++) {
                if (band.contains(valueOf(data, split, all.get(e), e))) {
                    kept.add(all.get(e));
                }
            }
            if (kept.isEmpty() && !all.isEmpty() && split != Split.VALIDATION) {
                throw new IllegalArgumentException("dataset " + data.name() + ": no " + split.name().toLowerCase() + " example has "
                        + tag + " in " + band.describe() + " (the " + split.name().toLowerCase() + " examples have " + tag + " "
                        + values(data, split) + ")");
            }
            splits[split.ordinal()] = new SequenceSet(kept);
        }
        return new ResplitDataset(data, splits[Split.TRAIN.ordinal()], splits[Split.VALIDATION.ordinal()], splits[Split.TEST.ordinal()]);
    }

    /**
     * Every band of {@code data} ({@link #select}), in order: so every example has the tag and every band holds training
     * and test examples.
     *
     * @throws IllegalArgumentException as {@link #select}
     */
    public List<SequenceDataset> selectAll(SequenceDataset data) {
        List<SequenceDataset> out = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            out.add(select(data, i));
        }
        return out;
    }

    private int valueOf(SequenceDataset data, Split split, Sequence s, int index) {
        Integer v = s.tags().get(tag);
        if (v == null) {
            throw new IllegalArgumentException("dataset " + data.name() + ": " + split.name().toLowerCase() + " example " + index
                    + " has no tag '" + tag + "' to cut into bands " + (s.tags().isEmpty() ? "(its examples carry no tags)"
                    : "(its tags are " + new TreeSet<>(s.tags().keySet()) + ")"));
        }
        return v;
    }

    private String values(SequenceDataset data, Split split) {
        TreeSet<Integer> values = new TreeSet<>();
        for (Sequence s : data.split(split).examples()) {
            Integer v = s.tags().get(tag);
            if (v != null) {
                values.add(v);
            }
        }
        return values.isEmpty() ? "no values" : values.first() + ".." + values.last();
    }

    /** Refuses bands of a tag whose values number names (a CSV's group column): their order and ranges mean nothing. */
    static void requireQuantity(SequenceDataset data, String tag) {
        if (data.nominalTags().contains(tag)) {
            throw new IllegalArgumentException("dataset " + data.name() + ": '" + tag + "' is the group column, whose values are "
                    + "names, not a quantity to cut into bands (bands apply to tags such as agreement's distance)");
        }
    }
}
