package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * The time steps of a training file's splits (trial 73a F1): a carve by group put the one greenhouse logged every 10 min in
 * validation, the epoch was chosen on a rate the model never trained on without a word, and the card listed that rate as a
 * training rate.
 */
class SplitRatesTest {
    @TempDir
    Path dir;

    private static final CsvOptions BY_SITE = CsvOptions.defaults().withColumns(Column.named("id"), Column.named("time"),
            Column.named("label")).withGroupColumn(Column.named("site")).withFractions(0.25, 0);

    /** 4 sites of 10 sequences of 12 rows each; site {@code s}'s rows {@code hours(s)} hours apart; a split column if given. */
    private Path sites(String name, IntFunction<Integer> hours, IntFunction<String> split) throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,time,x,label,site" + (split == null ? "" : ",split")));
        LocalDateTime start = LocalDateTime.of(2022, 3, 7, 0, 0);
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 10; i++) {
                int k = s * 10 + i;
                for (int t = 0; t < 12; t++) {
                    lines.add(String.format(Locale.ROOT, "q%d,%s,%.3f,%s,S%d%s", k, start.plusDays(k).plusHours((long) t * hours.apply(s)),
                            Math.sin(t * (1 + k * 0.13)), i % 2 == 0 ? "low" : "high", s, split == null ? "" : "," + split.apply(k)));
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    /** The site the carve by group holds out (the carve depends on the groups and labels only, not on the times). */
    private int heldOutSite() throws IOException {
        CsvSequenceDataset even = CsvSequenceDataset.fromLongCsv(sites("even.csv", s -> 1, null), BY_SITE);
        List<String> groups = even.sequenceGroups().get(Split.VALIDATION);
        assertThat(groups).isNotEmpty().allMatch(g -> g.equals(groups.get(0)));
        return Integer.parseInt(groups.get(0).substring(1));
    }

    @Test
    void aCarvedValidationSplitAtAnotherStepThanTheTrainingSplitIsWarnedOfAndTheCardCountsTrainingOnly() throws Exception {
        int out = heldOutSite();
        Path f = sites("one-site-slow.csv", s -> s == out ? 2 : 1, null);
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> read[0] = CsvSequenceDataset.fromLongCsv(f, BY_SITE));
        int trained = read[0].sequenceIds().get(Split.TRAIN).size();
        String first = read[0].sequenceIds().get(Split.VALIDATION).get(0);
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the validation split (carved by group column 'site': 10 "
                + "sequences) is sampled at another step than the training split: its rows are 2 h apart in the time column "
                + "'time' (the median step of its sequences), the training split's 1 h apart (" + trained + " sequences every 1 h); "
                + "10 of its 10 sequences are at a step no training sequence has (10 every 2 h, e.g. '" + first + "' every 2 h)",
                "the epoch kept is chosen on steps that mean another time than in training",
                "another --data-seed", "resample the file to one rate first"));
        // a comparison that cross-validates pools the splits, and drops it with the other warnings of the carve
        assertThat(warned.stream().filter(w -> w.contains("the validation split (carved")).toList())
                .isNotEmpty().allMatch(CsvSequenceDataset::isCarveWarning);
        assertThat(warned).filteredOn(w -> w.contains("of the 40 sequences are sampled at another step"))
                .isNotEmpty().noneMatch(CsvSequenceDataset::isCarveWarning);
        // the model's step is the training split's: one rate, 1 h (the file's two rates listed the held-out one as trained)
        TimeStep step = read[0].schema().timeStep();
        assertThat(step.value()).isEqualTo(3600);
        assertThat(step.rates()).isEmpty();
        // so a 2-hour file is told to resample, not that it matches the rate of sequences the model never trained on
        List<String> later = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                sites("new.csv", s -> 2, null), read[0].schema(), false, new ArrayList<>()));
        assertThat(later).noneMatch(w -> w.contains("matches the one of"));
        assertThat(later).anySatisfy(w -> assertThat(w).contains("where the model's training data's were 1 h apart"));
    }

    @Test
    void aSlowSiteInTrainingIsNoSplitWarningAndItsRateStaysWithTheModel() throws Exception {
        int out = heldOutSite();
        int slow = (out + 1) % 4;
        Path f = sites("training-site-slow.csv", s -> s == slow ? 2 : 1, null);
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> read[0] = CsvSequenceDataset.fromLongCsv(f, BY_SITE));
        assertThat(warned).noneMatch(w -> w.contains(" split (carved"));
        int trained = read[0].sequenceIds().get(Split.TRAIN).size();
        assertThat(read[0].schema().timeStep().rates()).containsExactly(new TimeStep.Rate(3600, trained - 10),
                new TimeStep.Rate(7200, 10));
    }

    @Test
    void aSplitColumnsTestPartWithAStepNoTrainingSequenceHasIsWarnedOf() throws Exception {
        // site 3 at 2 h; the split column puts 3 of its sequences (and 7 hourly ones) in test, the rest of it nowhere else:
        // the test split's usual step is the training split's, but 3 of its sequences are at a step training never had
        IntPredicate slowTest = k -> k >= 30 && k < 33;
        IntPredicate test = k -> slowTest.test(k) || k < 7;
        IntPredicate validation = k -> k >= 7 && k < 14;
        Path f = sites("split.csv", s -> s == 3 ? 2 : 1, k -> test.test(k) ? "test" : validation.test(k) ? "validation"
                : k >= 33 ? "test" : "train");
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f,
                CsvOptions.defaults().withColumns(Column.named("id"), Column.named("time"), Column.named("label"))
                        .withSplitColumn(Column.named("split")).withFeatures(List.of(Column.named("x")))));
        // test: 7 hourly + 10 of site 3 at 2 h -> its usual step is 2 h: another step; validation: hourly, no word
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the test split (marked by the split column 'split': 17 "
                + "sequences) is sampled at another step than the training split: its rows are 2 h apart",
                "10 of its 17 sequences are at a step no training sequence has (10 every 2 h, e.g. 'q30' every 2 h)",
                "the test scores are measured on", "mark sequences of each step in every split"));
        assertThat(warned).noneMatch(w -> w.contains("the validation split ("));
    }

    @Test
    void aHeldOutRateAbsentFromTrainingIsWarnedOfEvenWhenTheUsualStepsAgree() throws Exception {
        // validation: 7 hourly sequences and 3 at 2 h that no training sequence has
        IntPredicate validation = k -> k < 7 || k >= 30 && k < 33;
        Path f = sites("split-few.csv", s -> s == 3 ? 2 : 1, k -> validation.test(k) ? "validation" : k >= 33 ? "test"
                : k < 14 ? "test" : "train");
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f,
                CsvOptions.defaults().withColumns(Column.named("id"), Column.named("time"), Column.named("label"))
                        .withSplitColumn(Column.named("split")).withFeatures(List.of(Column.named("x")))));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the validation split (marked by the split column 'split': 10 "
                + "sequences) holds sequences at a step the training split has none of: its rows are 1 h apart",
                "as the training split's are", "3 of its 10 sequences are at a step no training sequence has (3 every 2 h, e.g. 'q30' "
                + "every 2 h)", "the epoch kept is chosen on"));
    }

    /** 40 sequences of 12 rows; sequence {@code k}'s rows 2 h apart where {@code slow} holds, else 1 h; its split from {@code split}. */
    private Path mixed(String name, IntPredicate slow, IntFunction<String> split) throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,time,x,label,split"));
        LocalDateTime start = LocalDateTime.of(2022, 3, 7, 0, 0);
        for (int k = 0; k < 40; k++) {
            for (int t = 0; t < 12; t++) {
                lines.add(String.format(Locale.ROOT, "q%d,%s,%.3f,%s,%s", k, start.plusDays(k).plusHours((long) t * (slow.test(k) ? 2 : 1)),
                        Math.sin(t * (1 + k * 0.13)), k % 2 == 0 ? "low" : "high", split.apply(k)));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private List<String> warnedOfSplitColumn(Path f) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f,
                CsvOptions.defaults().withColumns(Column.named("id"), Column.named("time"), Column.named("label"))
                        .withSplitColumn(Column.named("split")).withFeatures(List.of(Column.named("x")))));
    }

    @Test
    void splitsOfOneEvenMixOfStepsAreNoSplitWarningThoughTheirUsualStepsDiffer() throws Exception {
        // trial 76d F9: training 13 hourly / 11 two-hourly, validation 4 / 5, test 4 / 3: each split about half and half, the
        // validation split's usual step (2 h, its commoner) not the training split's (1 h): "sampled at another step" before
        IntPredicate slow = k -> k < 24 ? k >= 13 : k < 33 ? k >= 28 : k >= 37;
        Path f = mixed("even-mix.csv", slow, k -> k < 24 ? "train" : k < 33 ? "validation" : "test");
        List<String> warned = warnedOfSplitColumn(f);
        assertThat(warned).noneMatch(w -> w.contains(" split (marked by the split column"));
        // the file-level warning of two steps stays
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("of the 40 sequences are sampled at another step"));
    }

    @Test
    void aSplitOfAnotherMixOfStepsIsWarnedOfWithEachStepsShares() throws Exception {
        // training 14 hourly / 10 two-hourly; test 10 two-hourly; validation 3 / 3 (its usual step 1 h, as training's)
        IntPredicate slow = k -> k < 24 ? k >= 14 : k < 30 ? k >= 27 : true;
        Path f = mixed("other-mix.csv", slow, k -> k < 24 ? "train" : k < 30 ? "validation" : "test");
        List<String> warned = warnedOfSplitColumn(f);
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the test split (marked by the split column 'split': 10 "
                + "sequences) is sampled at other steps in other shares than the training split, in the time column 'time' (each "
                + "sequence by its median step): 10 every 2 h (100%), 0 every 1 h (0%) of its sequences, against 10 every 2 h (42%), "
                + "14 every 1 h (58%) of the training split's", "the test scores are measured on"));
        assertThat(warned.stream().filter(w -> w.contains("the test split (marked")).toList()).isNotEmpty()
                .allMatch(CsvSequenceDataset::isCarveWarning);
        assertThat(warned).noneMatch(w -> w.contains("the validation split ("));
    }
}
