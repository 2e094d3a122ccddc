package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Walk-forward folds ({@link CrossValidation#TIME}): each fold tests only on sequences that start after its training ones. */
class WalkForwardFoldsTest {

    /** A dataset whose sequences carry first (and last) times (as a CSV dataset with a time column does). */
    private static final class Timed extends ForwardingSequenceDataset {
        private final Map<Split, List<Double>> starts;
        private final Map<Split, List<Double>> ends;

        Timed(SequenceDataset data, Map<Split, List<Double>> starts) {
            this(data, starts, Map.of());
        }

        Timed(SequenceDataset data, Map<Split, List<Double>> starts, Map<Split, List<Double>> ends) {
            super(data);
            this.starts = starts;
            this.ends = ends;
        }

        @Override
        public Map<Split, List<Double>> sequenceStarts() {
            return starts;
        }

        @Override
        public Map<Split, List<Double>> sequenceEnds() {
            return ends;
        }

        @Override
        public SequenceDataset limit(int maxPerSplit) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * {@code n} sequences starting at times given by {@code time(i)}, their single value the time (so a test reads a
     * sequence's start from it), dealt over the three splits in a shuffled order (as a carve leaves them).
     */
    private static Timed data(int n, java.util.function.IntToDoubleFunction time, int validation, int test) {
        return data(n, time, validation, test, i -> i % 2);
    }

    private static Timed data(int n, java.util.function.IntToDoubleFunction time, int validation, int test,
                              java.util.function.IntUnaryOperator label) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(5));
        List<List<Sequence>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < n; r++) {
            int i = order.get(r);
            int p = r < n - validation - test ? 0 : r < n - test ? 1 : 2;
            double t = time.applyAsDouble(i);
            parts.get(p).add(new Sequence(new float[][] {{(float) t}}, label.applyAsInt(i)));
            times.get(p).add(t);
        }
        SequenceDataset in = new InMemorySequenceDataset("timed", InputDescription.dense(List.of("t"), 1), List.of("a", "b"),
                new SequenceSet(parts.get(0)), new SequenceSet(parts.get(1)), new SequenceSet(parts.get(2)),
                new DatasetProvenance("timed", "generated", Map.of(), List.of(), 1));
        return new Timed(in, Map.of(Split.TRAIN, times.get(0), Split.VALIDATION, times.get(1), Split.TEST, times.get(2)));
    }

    private static double first(Sequence s) {
        return s.values()[0][0];
    }

    private static double max(SequenceSet set) {
        return set.examples().stream().mapToDouble(WalkForwardFoldsTest::first).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static double min(SequenceSet set) {
        return set.examples().stream().mapToDouble(WalkForwardFoldsTest::first).min().orElse(Double.POSITIVE_INFINITY);
    }

    @Test
    void everyFoldTestsTheNextBlockAfterAllOfItsTrainingAndValidation() {
        Timed data = data(100, i -> i, 15, 15);
        CrossValidation cv = CrossValidation.byTime(4, 3);
        int[] part = cv.parts(data);
        // 5 blocks of 20: the earliest is never tested
        assertThat(java.util.Arrays.stream(part).filter(p -> p == -1).count()).isEqualTo(20);
        Map<Sequence, Integer> tested = new IdentityHashMap<>();
        for (int k = 0; k < 4; k++) {
            SequenceDataset fold = cv.fold(data, k);
            SequenceSet train = fold.split(Split.TRAIN);
            SequenceSet validation = fold.split(Split.VALIDATION);
            SequenceSet test = fold.split(Split.TEST);
            assertThat(test.size()).isEqualTo(20);
            assertThat(min(test)).isEqualTo(20.0 * (k + 1));
            // training is every block before the test block, its latest share as validation
            assertThat(train.size() + validation.size()).isEqualTo(20 * (k + 1));
            assertThat(max(train)).isLessThan(min(validation));
            assertThat(max(validation)).isLessThan(min(test));
            assertThat(validation.size()).isEqualTo((int) Math.max(1, Math.round(20 * (k + 1) * 0.15 / 0.85)));
            test.examples().forEach(s -> tested.merge(s, 1, Integer::sum));
        }
        assertThat(tested).hasSize(80).allSatisfy((s, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void windowsReachingIntoTheScoredPeriodAreLeftOutOfTraining() {
        // 100 windows starting on days 0..99, each 10 days long: a window starting on day 15 holds days 15-24
        Timed plain = data(100, i -> i, 0, 0);
        Map<Split, List<Double>> ends = new java.util.EnumMap<>(Split.class);
        plain.sequenceStarts().forEach((split, starts) -> ends.put(split, starts.stream().map(t -> t + 9).toList()));
        Timed windows = new Timed(plain, plain.sequenceStarts(), ends);
        CrossValidation cv = CrossValidation.byTime(4, 1);
        CrossValidation.TimeFold f = cv.timeFold(windows, 0);
        // block 0 is days 0-19, the test block starts on day 20: windows starting on days 11-19 reach it
        assertThat(f.purged()).isEqualTo(9);
        assertThat(f.train()).hasSize(11);
        assertThat(f.train().stream().mapToDouble(s -> first(s) + 9).max().orElseThrow()).isLessThan(20);
        assertThat(max(cv.fold(windows, 0).split(Split.TRAIN))).isEqualTo(10.0);
        assertThat(cv.foldWarnings(windows)).anyMatch(w -> w.startsWith("fold 0 of 4-fold walk-forward by time of timed: 9 earlier "
                + "sequence(s) reach into its test period"));
        // with validation, training ends before the validation period starts
        Timed withValidation = data(100, i -> i, 15, 15);
        Map<Split, List<Double>> ends2 = new java.util.EnumMap<>(Split.class);
        withValidation.sequenceStarts().forEach((split, starts) -> ends2.put(split, starts.stream().map(t -> t + 9).toList()));
        CrossValidation.TimeFold g = cv.timeFold(new Timed(withValidation, withValidation.sequenceStarts(), ends2), 1);
        double validationStart = g.validation().stream().mapToDouble(WalkForwardFoldsTest::first).min().orElseThrow();
        assertThat(g.train().stream().mapToDouble(s -> first(s) + 9).max().orElseThrow()).isLessThan(validationStart);
        assertThat(g.purged()).isEqualTo(9);
        // without ends (the plain data) nothing is left out
        assertThat(cv.timeFold(plain, 0).purged()).isZero();
    }

    @Test
    void classSharesThatDriftOverTimeAreSetAgainstTheWholePoolAndBlamedOnTime() {
        // class b is 10% of the first half and 90% of the second: the later folds test a mix the earlier ones never saw
        Timed drifting = data(200, i -> i, 0, 0, i -> (i < 100 ? i % 10 == 0 : i % 10 != 0) ? 1 : 0);
        List<String> warnings = CrossValidation.byTime(3, 1).foldWarnings(drifting);
        assertThat(warnings).isNotEmpty().allSatisfy(w -> assertThat(w).contains("against the whole data's a 50%, b 50%")
                .contains("the classes' shares change over time").doesNotContain("use fewer folds"));
    }

    @Test
    void sequencesStartingTogetherStayInOneBlock() {
        // 10 days of 6 sequences each: blocks of 60/4 = 15 would cut a day; cuts move to the day's first sequence
        Timed data = data(60, i -> i / 6, 0, 0);
        CrossValidation cv = CrossValidation.byTime(3, 1);
        for (int k = 0; k < 3; k++) {
            SequenceDataset fold = cv.fold(data, k);
            assertThat(max(fold.split(Split.TRAIN))).isLessThan(min(fold.split(Split.TEST)));
            assertThat(fold.split(Split.TEST).size() % 6).isZero();
            assertThat(fold.split(Split.VALIDATION).size()).isZero(); // the data had no validation
        }
    }

    @Test
    void refusedWithoutTimesOrWithTooFewDistinctStarts() {
        SequenceDataset untimed = new InMemorySequenceDataset("plain", InputDescription.dense(List.of("t"), 1), List.of("a", "b"),
                new SequenceSet(List.of(new Sequence(new float[][] {{0}}, 0), new Sequence(new float[][] {{1}}, 1),
                        new Sequence(new float[][] {{2}}, 0))), new SequenceSet(List.of()), new SequenceSet(List.of()),
                new DatasetProvenance("plain", "generated", Map.of(), List.of(), 1));
        assertThatThrownBy(() -> CrossValidation.byTime(2, 1).parts(untimed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first time").hasMessageContaining("--set splitBy=time");
        Timed twoDays = data(40, i -> i < 20 ? 0 : 1, 0, 0);
        assertThatThrownBy(() -> CrossValidation.byTime(3, 1).parts(twoDays)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start at the same time").hasMessageContaining("fewer folds");
        assertThatThrownBy(() -> new CrossValidation(3, "subject", 1, CrossValidation.TIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no group");
    }

    @Test
    void recordedInConfigJsonAndReadBack() throws Exception {
        CrossValidation cv = CrossValidation.byTime(5, 9);
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        String json = mapper.writeValueAsString(cv);
        assertThat(json).contains("\"assignment\":\"time\"");
        CrossValidation back = mapper.readValue(json, CrossValidation.class);
        assertThat(back.byTime()).isTrue();
        assertThat(back.describe()).isEqualTo("5-fold walk-forward by time");
        Timed data = data(50, i -> i * 3600.0, 5, 5);
        assertThat(back.parts(data)).containsExactly(cv.parts(data));
    }
}
