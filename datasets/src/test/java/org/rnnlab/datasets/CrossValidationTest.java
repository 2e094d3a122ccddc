package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossValidationTest {

    /** 13 subjects of unequal size (3 + s examples each), 3 classes; subject 12 only in validation, 0-2 in test. */
    private static SequenceDataset data() {
        List<Sequence> train = new ArrayList<>();
        List<Sequence> validation = new ArrayList<>();
        List<Sequence> test = new ArrayList<>();
        for (int subject = 0; subject < 13; subject++) {
            for (int i = 0; i < 3 + subject; i++) {
                Sequence s = new Sequence(new float[][] {{subject, i}}, (subject + i) % 3, Map.of("subject", subject));
                (subject < 3 ? test : subject == 12 ? validation : train).add(s);
            }
        }
        return new InMemorySequenceDataset("toy", InputDescription.dense(List.of("a", "b"), 1), List.of("x", "y", "z"),
                new SequenceSet(train), new SequenceSet(validation), new SequenceSet(test),
                new DatasetProvenance("toy", "generated", Map.of(), List.of(), 1));
    }

    private static Set<Integer> subjects(SequenceSet set) {
        Set<Integer> out = new HashSet<>();
        set.examples().forEach(s -> out.add(s.tags().get("subject")));
        return out;
    }

    private static Set<Integer> common(Set<Integer> a, Set<Integer> b) {
        Set<Integer> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2 stratified-groups", "3 stratified-groups", "5 stratified-groups", "13 stratified-groups", "2 size",
            "3 size", "5 size", "13 size"})
    void groupedFoldsNeverShareAGroupAndTestEveryExampleOnce(String foldsAndAssignment) {
        int k = Integer.parseInt(foldsAndAssignment.split(" ")[0]);
        SequenceDataset data = data();
        CrossValidation cv = new CrossValidation(k, "subject", 7, foldsAndAssignment.split(" ")[1]);
        Map<Sequence, Integer> tested = new IdentityHashMap<>();
        Set<Integer> seenTestGroups = new HashSet<>();
        for (int f = 0; f < k; f++) {
            SequenceDataset fold = cv.fold(data, f);
            Set<Integer> testGroups = subjects(fold.split(Split.TEST));
            Set<Integer> trainGroups = subjects(fold.split(Split.TRAIN));
            Set<Integer> validationGroups = subjects(fold.split(Split.VALIDATION));
            assertThat(testGroups).isNotEmpty();
            assertThat(common(testGroups, trainGroups)).isEmpty();
            assertThat(common(testGroups, validationGroups)).isEmpty();
            assertThat(common(trainGroups, validationGroups)).isEmpty();
            assertThat(validationGroups).as("the dataset has validation data, so every fold carves some").isNotEmpty();
            assertThat(common(testGroups, seenTestGroups)).as("a group is tested in one fold only").isEmpty();
            assertThat(cv.groupsOf(data, f)).isEqualTo(testGroups);
            seenTestGroups.addAll(testGroups);
            fold.split(Split.TEST).examples().forEach(s -> tested.merge(s, 1, Integer::sum));
            assertThat(fold.split(Split.TRAIN).size() + fold.split(Split.VALIDATION).size() + fold.split(Split.TEST).size())
                    .isEqualTo(CrossValidation.pool(data).size());
        }
        assertThat(tested).hasSize(CrossValidation.pool(data).size());
        assertThat(tested.values()).containsOnly(1);
    }

    @Test
    void bySizeGroupsAreDealtLargestFirstToTheSmallestPart() {
        // sizes 3..15: dealing largest first to the smallest part gives parts within one group's size of each other
        int[] parts = new CrossValidation(3, "subject", 0, CrossValidation.SIZE).parts(data());
        int[] sizes = new int[3];
        for (int p : parts) {
            sizes[p]++;
        }
        // by hand (ties to the lower part): 15->0 14->1 13->2 12->2 11->1 10->0 9->0 8->1 7->2 6->2 5->1 4->0 3->0
        assertThat(sizes).containsExactly(41, 38, 38);
        assertThat(sizes[0] + sizes[1] + sizes[2]).isEqualTo(117);
    }

    @Test
    void stratifiedFoldsKeepClassProportionsAndAreSeeded() {
        SequenceDataset data = data();
        CrossValidation cv = new CrossValidation(4, null, 3);
        for (int f = 0; f < 4; f++) {
            SequenceSet test = cv.fold(data, f).split(Split.TEST);
            assertThat(test.size()).isBetween(117 / 4, 117 / 4 + 1);
            for (int c = 0; c < 3; c++) {
                int label = c;
                long n = test.examples().stream().filter(s -> s.label() == label).count();
                assertThat(n).as("class %d in fold %d", c, f).isBetween(8L, 11L);
            }
        }
        assertThat(cv.parts(data)).isEqualTo(new CrossValidation(4, null, 3).parts(data));
        assertThat(cv.parts(data)).isNotEqualTo(new CrossValidation(4, null, 4).parts(data));
    }

    @Test
    void errorsNameTheGroupAndTheCount() {
        SequenceDataset data = data();
        assertThatThrownBy(() -> new CrossValidation(3, "volunteer", 0).fold(data, 0))
                .hasMessageContaining("no group 'volunteer'").hasMessageContaining("[subject]");
        assertThatThrownBy(() -> new CrossValidation(14, "subject", 0).fold(data, 0))
                .hasMessageContaining("13 distinct values of group 'subject', fewer than the 14 folds");
        assertThatThrownBy(() -> new CrossValidation(1, null, 0)).hasMessageContaining("2 to 100 folds, got 1");
        assertThatThrownBy(() -> new CrossValidation(3, null, 0).fold(data, 3)).hasMessageContaining("fold must be in [0, 2], got 3");
    }

    /**
     * 7 groups whose own split put 2 of the 5 non-test groups in validation (0.15 asked for): each fold carves at most the share
     * asked for, one group of its 6, not the 40% the split's rounding made (a trial's folds trained on half their homes).
     */
    @Test
    void aFoldsValidationShareIsNoMoreThanTheOptionsAskedFor() {
        List<Sequence> train = new ArrayList<>();
        List<Sequence> validation = new ArrayList<>();
        List<Sequence> test = new ArrayList<>();
        for (int home = 0; home < 7; home++) {
            for (int i = 0; i < 20; i++) {
                Sequence s = new Sequence(new float[][] {{home, i}}, i % 2, Map.of("home", home));
                (home < 2 ? test : home < 4 ? validation : train).add(s);
            }
        }
        Map<String, String> asked = Map.of("validationFraction", "0.15", "testFraction", "0.15",
                DatasetProvenance.VALIDATION_SHARE_ASKED, Double.toString(0.15 / 0.85));
        SequenceDataset data = new InMemorySequenceDataset("homes", InputDescription.dense(List.of("a", "b"), 1), List.of("x", "y"),
                new SequenceSet(train), new SequenceSet(validation), new SequenceSet(test),
                new DatasetProvenance("homes", "generated", asked, List.of(), 1));
        CrossValidation cv = new CrossValidation(7, "home", 3);
        for (int f = 0; f < 7; f++) {
            SequenceDataset fold = cv.fold(data, f);
            assertThat(fold.split(Split.VALIDATION).size()).as("fold %s", f).isEqualTo(20);
            assertThat(fold.split(Split.TRAIN).size()).as("fold %s", f).isEqualTo(100);
        }
        // validation not carved by group from fractions (a split column, a file): the split's own share, as before (2 of 6 homes)
        SequenceDataset unrecorded = new InMemorySequenceDataset("homes", data.input(), data.labelNames(), data.split(Split.TRAIN),
                data.split(Split.VALIDATION), data.split(Split.TEST), new DatasetProvenance("homes", "generated",
                Map.of("validationFraction", "0.15", "testFraction", "0.15"), List.of(), 1));
        assertThat(cv.fold(unrecorded, 0).split(Split.VALIDATION).size()).isGreaterThanOrEqualTo(40);
        // a comparison written before (its config.json without validationCarve): its folds as they were then
        CrossValidation before = new CrossValidation(7, "home", 3, CrossValidation.STRATIFIED_GROUPS, CrossValidation.SPLIT_SHARE);
        assertThat(before.fold(data, 0).split(Split.VALIDATION).size()).isGreaterThanOrEqualTo(40);
        // the main split's rule is unchanged: at least each fraction (2 groups of 20 for 21 items wanted)
        StratifiedSplitter.Parts<Sequence> atLeast = new GroupSplitter(0.15, 0, 5).split(CrossValidation.pool(data), s -> String.valueOf(s.tags().get("home")));
        assertThat(atLeast.validation()).hasSize(40);
        assertThat(new GroupSplitter(0.15, 0, 5, true).split(CrossValidation.pool(data), s -> String.valueOf(s.tags().get("home"))).validation()).hasSize(20);
    }

    @Test
    void withoutValidationDataTheFoldTrainsOnEverythingElse() {
        SequenceDataset data = data();
        SequenceDataset noValidation = new InMemorySequenceDataset("toy", data.input(), data.labelNames(), data.split(Split.TRAIN),
                new SequenceSet(List.of()), data.split(Split.TEST), data.provenance());
        SequenceDataset fold = new CrossValidation(3, "subject", 0).fold(noValidation, 1);
        assertThat(fold.split(Split.VALIDATION).size()).isZero();
        assertThat(fold.split(Split.TRAIN).size() + fold.split(Split.TEST).size()).isEqualTo(CrossValidation.pool(noValidation).size());
        assertThat(fold.limit(2).split(Split.TRAIN).size()).isEqualTo(2);
    }

    /**
     * Each subject recorded one class only (subject s class s mod 3), so 3 folds by subject dealt by size (parts {0,3}, {1,4},
     * {2,5}: largest first, ties by subject) test each fold on a class its training part lacks: warned of once per fold.
     */
    @Test
    void aFoldWhoseTestClassIsMissingFromItsTrainingIsWarnedOfOnce() throws Exception {
        List<Sequence> train = new ArrayList<>();
        for (int subject = 0; subject < 6; subject++) {
            for (int i = 0; i < 4; i++) {
                train.add(new Sequence(new float[][] {{subject, i}}, subject % 3, Map.of("subject", subject)));
            }
        }
        SequenceDataset oneClassEach = new InMemorySequenceDataset("one-class-subjects", InputDescription.dense(List.of("a", "b"), 1),
                List.of("x", "y", "z"), new SequenceSet(train), new SequenceSet(List.of()), new SequenceSet(List.of()),
                new DatasetProvenance("toy", "generated", Map.of(), List.of(), 1));
        CrossValidation bySubject = new CrossValidation(3, "subject", 0, CrossValidation.SIZE);
        List<String> warnings = LoggedWarnings.of(CrossValidation.class, () -> {
            for (int k = 0; k < 3; k++) {
                bySubject.fold(oneClassEach, k);
                bySubject.fold(oneClassEach, k); // the same fold again (another seed or cell): no second warning
            }
        }).stream().filter(w -> w.contains("no training example of the fold has")).toList(); // (and a test class mix of one class)
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).contains("fold 0 of 3-fold by subject (size) of one-class-subjects").contains("8 of its 8 test example(s)")
                .contains("no training example of the fold has ([x])").contains("groups that each record every class");
        // the same classes per fold, for compare's end-of-run warning of a class never predicted (put down to the fold)
        assertThat(bySubject.untrainedTestClasses(oneClassEach)).containsExactly(List.of("x"), List.of("y"), List.of("z"));
        // stratified folds of the same data keep every class in training: no warning
        assertThat(LoggedWarnings.of(CrossValidation.class, () -> new CrossValidation(3, null, 0).fold(oneClassEach, 0))).isEmpty();
        assertThat(new CrossValidation(3, null, 0).untrainedTestClasses(oneClassEach)).allSatisfy(c -> assertThat(c).isEmpty());
    }

    @Test
    void aClassOfOneExampleIsToldToBeDroppedOrMergedNotFewerFolds() throws Exception {
        // a user's --cv 3 with a class of one example was told to "use fewer folds", which cannot help
        List<Sequence> train = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            train.add(new Sequence(new float[][] {{i, 0}}, i % 2, Map.of()));
        }
        train.add(new Sequence(new float[][] {{99, 0}}, 2, Map.of()));
        SequenceDataset single = new InMemorySequenceDataset("single", InputDescription.dense(List.of("a", "b"), 1),
                List.of("x", "y", "lone"), new SequenceSet(train), new SequenceSet(List.of()), new SequenceSet(List.of()),
                new DatasetProvenance("toy", "generated", Map.of(), List.of(), 1));
        CrossValidation cv = new CrossValidation(3, null, 0);
        List<String> warnings = LoggedWarnings.of(CrossValidation.class, () -> {
            for (int k = 0; k < 3; k++) {
                cv.fold(single, k);
            }
        });
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("([lone])")
                .contains("cannot be both trained and tested, whatever the folds: drop it or merge it into another class (lone)")
                .doesNotContain("fewer folds"));
    }

    /**
     * A user's trial: 20 subjects of 15 sequences, 3 classes, subject s favouring class s mod 3 (11 of its 15 sequences, 2 of
     * each other class). Dealt by size, equal groups go round-robin by subject, and fold k tested mostly class k.
     */
    private static SequenceDataset favouring() {
        List<Sequence> train = new ArrayList<>();
        for (int subject = 0; subject < 20; subject++) {
            for (int i = 0; i < 15; i++) {
                int label = (subject + (i < 11 ? 0 : i < 13 ? 1 : 2)) % 3;
                train.add(new Sequence(new float[][] {{subject, i}}, label, Map.of("subject", subject)));
            }
        }
        return new InMemorySequenceDataset("favouring", InputDescription.dense(List.of("a", "b"), 1), List.of("a", "b", "c"),
                new SequenceSet(train), new SequenceSet(List.of()), new SequenceSet(List.of()),
                new DatasetProvenance("toy", "generated", Map.of(), List.of(), 1));
    }

    /** Each part's share of each class among its examples: [part][class]. */
    private static double[][] classShares(SequenceDataset data, int[] parts, int folds) {
        List<Sequence> pool = CrossValidation.pool(data);
        double[][] shares = new double[folds][data.labelNames().size()];
        int[] sizes = new int[folds];
        for (int i = 0; i < pool.size(); i++) {
            shares[parts[i]][pool.get(i).label()]++;
            sizes[parts[i]]++;
        }
        for (int f = 0; f < folds; f++) {
            for (int c = 0; c < shares[f].length; c++) {
                shares[f][c] /= sizes[f];
            }
        }
        return shares;
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 0, 1, 2, 3, 4, 5, 6, 7, 8})
    void stratifiedGroupsKeepEveryFoldsClassMixNearTheWholeDatas(long seed) {
        SequenceDataset data = favouring();
        double[] whole = {103 / 300.0, 103 / 300.0, 94 / 300.0}; // 7, 7 and 6 subjects favour a, b, c
        CrossValidation cv = new CrossValidation(3, "subject", seed);
        int[] parts = cv.parts(data);
        double[][] shares = classShares(data, parts, 3);
        for (int f = 0; f < 3; f++) {
            for (int c = 0; c < 3; c++) {
                // within 0.07 of the whole's share (seeds 0 to 199 give at most 0.047: 7 subjects, 3 of them favouring a, give a
                // 41/105 = 0.39 against 0.34); dealt by size, a fold's favoured class had 0.73
                assertThat(shares[f][c]).as("seed %d fold %d class %d", seed, f, c).isCloseTo(whole[c], org.assertj.core.data.Offset.offset(0.07));
            }
        }
        Map<Integer, Integer> partOfSubject = new java.util.HashMap<>();
        List<Sequence> pool = CrossValidation.pool(data);
        for (int i = 0; i < pool.size(); i++) {
            assertThat(partOfSubject.merge(pool.get(i).tags().get("subject"), parts[i], (a, b) -> a.equals(b) ? a : -1))
                    .as("subject %d in one part", pool.get(i).tags().get("subject")).isNotNegative();
        }
        assertThat(new HashSet<>(partOfSubject.values())).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(cv.foldWarnings(data)).isEmpty();
    }

    @Test
    void stratifiedGroupsAreSeeded() {
        SequenceDataset data = favouring();
        assertThat(new CrossValidation(3, "subject", 42).parts(data)).isEqualTo(new CrossValidation(3, "subject", 42).parts(data));
        assertThat(new CrossValidation(3, "subject", 42).parts(data)).isNotEqualTo(new CrossValidation(3, "subject", 43).parts(data));
        assertThat(new CrossValidation(3, "subject", 42).describe()).isEqualTo("3-fold by subject (stratified-groups, seed 42)");
        // dealt by size, the seed changes nothing: the trial's recorded seed 42 did not
        assertThat(new CrossValidation(3, "subject", 42, CrossValidation.SIZE).parts(data))
                .isEqualTo(new CrossValidation(3, "subject", 43, CrossValidation.SIZE).parts(data));
    }

    @Test
    void bySizeTheTrialsSubjectsGoRoundRobinAndEveryFoldIsWarnedOf() throws Exception {
        SequenceDataset data = favouring();
        CrossValidation bySize = new CrossValidation(3, "subject", 42, CrossValidation.SIZE);
        int[] parts = bySize.parts(data);
        List<Sequence> pool = CrossValidation.pool(data);
        for (int i = 0; i < pool.size(); i++) {
            assertThat(parts[i]).isEqualTo(pool.get(i).tags().get("subject") % 3); // the trial's folds: subject mod 3
        }
        List<String> warnings = bySize.foldWarnings(data);
        assertThat(warnings).hasSize(3);
        // fold 0: subjects 0, 3, ..., 18 favour a: 77 of a, 14 of b and c (7 subjects x 2)
        assertThat(warnings.get(0)).contains("fold 0 of 3-fold by subject (size) of favouring: its 105 test example(s) are "
                        + "a 77 (73%), b 14 (13%), c 14 (13%), against the whole data's a 34%, b 34%, c 31%: a total variation distance "
                        + "of 0.39, above 0.25")
                .contains("use more or smaller groups, or fewer folds").contains("deal groups by size");
        assertThat(warnings).allSatisfy(w -> assertThat(w).contains("total variation distance"));
    }

    @Test
    void aSkewedTestMixIsWarnedOfAndABalancedOneIsNot() throws Exception {
        // 4 subjects of 10 sequences; subjects 0 and 1 recorded 9 of a, 1 of b; subjects 2 and 3 the other way round
        List<Sequence> train = new ArrayList<>();
        for (int subject = 0; subject < 4; subject++) {
            for (int i = 0; i < 10; i++) {
                int label = (i == 0) == (subject < 2) ? 1 : 0;
                train.add(new Sequence(new float[][] {{subject, i}}, label, Map.of("subject", subject)));
            }
        }
        SequenceDataset skewed = new InMemorySequenceDataset("skewed", InputDescription.dense(List.of("a", "b"), 1),
                List.of("a", "b"), new SequenceSet(train), new SequenceSet(List.of()), new SequenceSet(List.of()),
                new DatasetProvenance("toy", "generated", Map.of(), List.of(), 1));
        // dealt by size: parts {0, 2} and {1, 3}, each half a and half b: balanced, no warning
        assertThat(LoggedWarnings.of(CrossValidation.class, () -> new CrossValidation(2, "subject", 0, CrossValidation.SIZE)
                .fold(skewed, 0))).isEmpty();
        // 4 folds of one subject each: every test part is 90% one class against the whole's 50%: distance 0.40
        List<String> warnings = LoggedWarnings.of(CrossValidation.class, () -> {
            for (int k = 0; k < 4; k++) {
                new CrossValidation(4, "subject", 0).fold(skewed, k);
            }
        });
        assertThat(warnings).hasSize(4).allSatisfy(w -> assertThat(w).contains("total variation distance of 0.40, above 0.25")
                .contains("against the whole data's a 50%, b 50%").contains("use more or smaller groups, or fewer folds")
                .doesNotContain("by size"));
        // stratified by example, 2 folds: no warning
        assertThat(new CrossValidation(2, null, 0).foldWarnings(skewed)).isEmpty();
    }

    @Test
    void aConfigWrittenBeforeTheAssignmentExistedDealsBySize() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        CrossValidation old = json.readValue("{\"folds\":3,\"group\":\"subject\",\"seed\":42}", CrossValidation.class);
        assertThat(old).isEqualTo(new CrossValidation(3, "subject", 42, CrossValidation.SIZE, CrossValidation.SPLIT_SHARE));
        assertThat(old.describe()).isEqualTo("3-fold by subject (size)"); // the old description, with its assignment
        CrossValidation now = new CrossValidation(3, "subject", 42);
        String written = json.writeValueAsString(now);
        assertThat(written).contains("\"assignment\":\"stratified-groups\"").contains("\"validationCarve\":\"asked-share\"");
        assertThat(json.readValue(written, CrossValidation.class)).isEqualTo(now);
        CrossValidation ungrouped = json.readValue("{\"folds\":3,\"group\":null,\"seed\":42}", CrossValidation.class);
        assertThat(ungrouped).isEqualTo(new CrossValidation(3, null, 42));
        assertThat(ungrouped.assignment()).isNull();
        assertThatThrownBy(() -> new CrossValidation(3, "subject", 42, "random"))
                .hasMessageContaining("assignment of groups must be stratified-groups or size, got random");
    }
}
