package org.rnnlab.datasets.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.ForwardingSequenceDataset;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;

/**
 * The temporal order problem (Hochreiter and Schmidhuber, Neural Computation 1997, experiment 6a):
 * a sequence of one-hot symbols starts with {@code B}, ends with {@code E}, and is otherwise noise
 * ({@code a b c d}) except for two relevant symbols, each {@code X} or {@code Y}. The class is their
 * order: {@code XX}, {@code XY}, {@code YX} or {@code YY}. The first relevant symbol must be
 * remembered until the end.
 *
 * <p>Layout: {@code B}, {@code lead} noise steps ({@code lead} uniform in
 * {@code [0, maxLead]}), the first relevant symbol, then {@code distance - 1} further steps up to and
 * including the final {@code E}, with the second relevant symbol at a uniform position in between.
 * Input: 8 features, one-hot over {@code a b c d X Y B E}.
 *
 * <p>Tags: {@code distance} = steps from the first relevant symbol to the last step ({@code E}), and
 * {@code lag} = steps from the first to the second relevant symbol. Distances cycle over
 * {@code [minDistance, maxDistance]} and classes over the four orders, a block of one class per cycle of distances (a
 * split of no more examples than distances cycles the classes fastest instead, so that it holds all four), so a split of
 * a multiple of four cycles is exactly balanced; examples are stored shuffled, each split with its own random stream from
 * the seed.
 */
public final class TemporalOrder extends ForwardingSequenceDataset {
    /** Dataset name. */
    public static final String NAME = "temporal-order";
    /** Class names, index = label. */
    public static final List<String> LABELS = List.of("XX", "XY", "YX", "YY");
    /** Feature names (one-hot symbols). */
    public static final List<String> SYMBOLS = List.of("a", "b", "c", "d", "X", "Y", "B", "E");
    public static final String TAG_DISTANCE = "distance";
    public static final String TAG_LAG = "lag";

    private static final int X = 4;
    private static final int Y = 5;
    private static final int BEGIN = 6;
    private static final int END = 7;

    /**
     * Generator settings.
     *
     * @param trainSize      training examples, >= 1
     * @param validationSize validation examples, >= 0
     * @param testSize       test examples, >= 0
     * @param minDistance    shortest distance from the first relevant symbol to the end, >= 2
     * @param maxDistance    longest such distance, in [minDistance, 1000]
     * @param maxLead        most noise steps before the first relevant symbol, in [0, 1000]
     * @param seed           seed of generation
     */
    public record Config(int trainSize, int validationSize, int testSize, int minDistance, int maxDistance,
                         int maxLead, long seed) {

        public Config {
            if (trainSize < 1) {
                throw new IllegalArgumentException("TemporalOrder.Config.trainSize must be >= 1, got " + trainSize);
            }
            if (validationSize < 0 || testSize < 0) {
                throw new IllegalArgumentException("TemporalOrder.Config.validationSize and testSize must be >= 0, got "
                        + validationSize + " and " + testSize);
            }
            if (minDistance < 2) {
                throw new IllegalArgumentException("TemporalOrder.Config.minDistance must be >= 2, got " + minDistance);
            }
            if (maxDistance < minDistance || maxDistance > 1000) {
                throw new IllegalArgumentException("TemporalOrder.Config.maxDistance must be in [minDistance=" + minDistance
                        + ", 1000], got " + maxDistance);
            }
            if (maxLead < 0 || maxLead > 1000) {
                throw new IllegalArgumentException("TemporalOrder.Config.maxLead must be in [0, 1000], got " + maxLead);
            }
        }

        /**
         * Defaults: 8,000 / 1,000 / 2,000 examples, distances 5..60, up to 10 leading noise steps,
         * seed 42 (the 1997 paper used lengths around 100).
         */
        public static Config defaults() {
            return new Config(8_000, 1_000, 2_000, 5, 60, 10, 42);
        }

        /** The same settings with another seed. */
        public Config withSeed(long newSeed) {
            return new Config(trainSize, validationSize, testSize, minDistance, maxDistance, maxLead, newSeed);
        }

        /** The same settings with other split sizes. */
        public Config withSizes(int train, int validation, int test) {
            return new Config(train, validation, test, minDistance, maxDistance, maxLead, seed);
        }

        /** The same settings with another distance range. */
        public Config withDistances(int min, int max) {
            return new Config(trainSize, validationSize, testSize, min, max, maxLead, seed);
        }

        Map<String, String> asParameters() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("trainSize", Integer.toString(trainSize));
            p.put("validationSize", Integer.toString(validationSize));
            p.put("testSize", Integer.toString(testSize));
            p.put("minDistance", Integer.toString(minDistance));
            p.put("maxDistance", Integer.toString(maxDistance));
            p.put("maxLead", Integer.toString(maxLead));
            return p;
        }
    }

    private final Config config;

    private TemporalOrder(Config config, SequenceDataset data) {
        super(data);
        this.config = config;
    }

    /** Generates the dataset. */
    public static TemporalOrder generate(Config config) {
        InputDescription input = InputDescription.dense(SYMBOLS, 2 + config.maxLead() + config.maxDistance());
        DatasetProvenance provenance = new DatasetProvenance(NAME, "generated", config.asParameters(), List.of(), config.seed());
        return new TemporalOrder(config, new InMemorySequenceDataset(NAME, input, LABELS,
                generateSplit(config, Split.TRAIN, config.trainSize()),
                generateSplit(config, Split.VALIDATION, config.validationSize()),
                generateSplit(config, Split.TEST, config.testSize()), provenance));
    }

    private static SequenceSet generateSplit(Config config, Split split, int size) {
        Random random = new Random(config.seed() * 0x9E3779B97F4A7C15L + 17L * (split.ordinal() + 1));
        int range = config.maxDistance() - config.minDistance() + 1;
        List<Sequence> out = new ArrayList<>(size);
        // a split of no more examples than distances: the blocks of one label per cycle of distances gave it the first label
        // only (a split of 40 was all 'XX', and a Java caller's one-class training refused: trial 81d F3); there the classes
        // cycle fastest and the distances over each class's examples; larger splits keep the blocks (and their data)
        boolean small = size <= range;
        for (int i = 0; i < size; i++) {
            int distance = config.minDistance() + (small ? (i / LABELS.size()) % range : i % range);
            int label = small ? i % LABELS.size() : (i / range) % LABELS.size();
            out.add(example(random, label, distance, random.nextInt(config.maxLead() + 1)));
        }
        Collections.shuffle(out, random);
        return new SequenceSet(out);
    }

    private static Sequence example(Random random, int label, int distance, int lead) {
        int length = 2 + lead + distance;
        int first = 1 + lead;
        int end = length - 1;
        int second = first + 1 + random.nextInt(end - first - 1);
        float[][] v = new float[length][SYMBOLS.size()];
        for (int t = 0; t < length; t++) {
            v[t][random.nextInt(4)] = 1f;
        }
        set(v[0], BEGIN);
        set(v[end], END);
        set(v[first], label / 2 == 0 ? X : Y);
        set(v[second], label % 2 == 0 ? X : Y);
        return new Sequence(v, label, Map.of(TAG_DISTANCE, end - first, TAG_LAG, second - first));
    }

    private static void set(float[] step, int symbol) {
        Arrays.fill(step, 0f);
        step[symbol] = 1f;
    }

    /** The generator settings. */
    public Config config() {
        return config;
    }

    /** The symbols of an example as a string, e.g. {@code BacXdbYaE}. */
    public static String symbols(Sequence example) {
        StringBuilder sb = new StringBuilder();
        for (float[] step : example.values()) {
            for (int f = 0; f < step.length; f++) {
                if (step[f] == 1f) {
                    sb.append(SYMBOLS.get(f));
                }
            }
        }
        return sb.toString();
    }

    @Override
    public TemporalOrder limit(int maxPerSplit) {
        return new TemporalOrder(config, data.limit(maxPerSplit));
    }
}
