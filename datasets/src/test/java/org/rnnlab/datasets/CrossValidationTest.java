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
    @ValueSource(ints = {2, 3, 5, 13})
    void groupedFoldsNeverShareAGroupAndTestEveryExampleOnce(int k) {
        SequenceDataset data = data();
        CrossValidation cv = new CrossValidation(k, "subject", 7);
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
    void groupsAreDealtLargestFirstToTheSmallestPart() {
        // sizes 3..15: dealing largest first to the smallest part gives parts within one group's size of each other
        int[] parts = new CrossValidation(3, "subject", 0).parts(data());
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
     * Each subject recorded one class only (subject s class s mod 3), so 3 folds by subject (parts {0,3}, {1,4}, {2,5}:
     * dealt largest first, ties by subject) test each fold on a class its training part lacks: warned of once per fold.
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
        CrossValidation bySubject = new CrossValidation(3, "subject", 0);
        List<String> warnings = LoggedWarnings.of(CrossValidation.class, () -> {
            for (int k = 0; k < 3; k++) {
                bySubject.fold(oneClassEach, k);
                bySubject.fold(oneClassEach, k); // the same fold again (another seed or cell): no second warning
            }
        });
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).contains("fold 0 of 3-fold by subject of one-class-subjects").contains("8 of its 8 test example(s)")
                .contains("no training example of the fold has ([x])").contains("groups that each record every class");
        // stratified folds of the same data keep every class in training: no warning
        assertThat(LoggedWarnings.of(CrossValidation.class, () -> new CrossValidation(3, null, 0).fold(oneClassEach, 0))).isEmpty();
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
}
