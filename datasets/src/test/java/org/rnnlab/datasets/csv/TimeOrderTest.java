package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * The sequences' order in time across the split (a quant's trial, findings 3 and 4): {@code --set splitBy=time} carves the
 * latest sequences as test and validation; a carve at random of date-times spanning months is warned of, one of a few hours
 * not; a split column whose test part starts after all training words its shared groups as the same groups at later times.
 */
class TimeOrderTest {

    private static final LocalDateTime START = LocalDateTime.of(2023, 1, 2, 9, 30);

    @TempDir
    Path dir;

    /** Sequence i of n: 3 rows a minute apart, starting at {@code start.apply(i)}; label {@code label.apply(i)}. */
    private Path file(String name, int n, IntFunction<LocalDateTime> start, IntFunction<String> label, IntFunction<String> extra,
                      String extraHeader) throws Exception {
        StringBuilder csv = new StringBuilder("id,time,a,label" + (extraHeader == null ? "" : "," + extraHeader) + "\n");
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append("w").append(i).append(',').append(start.apply(i).plusMinutes(t)).append(':').append("00,")
                        .append(i * 3 + t * 0.5 + (i * 7 % 11) * 0.1).append(',').append(label.apply(i))
                        .append(extraHeader == null ? "" : "," + extra.apply(i)).append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static DatasetOptions options(Path file) {
        return DatasetOptions.defaults().withFiles(file, null).with("sequenceId", "id").with("features", "a");
    }

    @Test
    void splitByTimeTestsOnTheLatestSequencesAndTiesJoinTheLaterPart() throws Exception {
        // two windows a day for 50 days, given in shuffled order: the carve goes by time, not by the file's order
        Path f = file("days.csv", 100, i -> START.plusDays((i * 37 % 100) / 2), i -> i % 3 == 0 ? "up" : "down", null, null);
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", options(f).with("splitBy", "time"));
        List<String> test = d.sequenceIds().get(Split.TEST);
        List<String> validation = d.sequenceIds().get(Split.VALIDATION);
        List<String> train = d.sequenceIds().get(Split.TRAIN);
        // round(100 x 0.15) = 15 asked; the 16th latest starts on the same day as the 15th, so it joins the test too
        assertThat(test).hasSize(16);
        assertThat(validation).hasSize(16);
        assertThat(train).hasSize(68);
        java.util.function.ToIntFunction<String> day = id -> (Integer.parseInt(id.substring(1)) * 37 % 100) / 2;
        int lastTrainDay = train.stream().mapToInt(day).max().orElseThrow();
        assertThat(validation.stream().mapToInt(day).min().orElseThrow()).isGreaterThan(lastTrainDay);
        assertThat(test.stream().mapToInt(day).min().orElseThrow()).isGreaterThan(validation.stream().mapToInt(day).max().orElseThrow());
        assertThat(test.stream().mapToInt(day).boxed().distinct().sorted().toList()).containsExactly(42, 43, 44, 45, 46, 47, 48, 49);
        assertThat(d.provenance().parameters()).containsEntry("splitBy", "time"); // in the checksum: resume/evaluate/--config replay it
        // the default carve of the same file is at random (stratified): other test sequences
        CsvSequenceDataset random = (CsvSequenceDataset) Datasets.open("csv", options(f));
        assertThat(random.sequenceIds().get(Split.TEST)).hasSize(15).isNotEqualTo(test);
        assertThat(random.provenance().parameters()).doesNotContainKey("splitBy");
    }

    @Test
    void withAGroupColumnTheTestHoldsLaterTimesOfGroupsTheModelNeverSaw() throws Exception {
        // 120 stays on 120 days, 3 a patient on consecutive days, every tenth a readmission of the patient of 18 days before:
        // the latest stays' patients are mostly new, and those readmitted leave training (a clinical trial's "later and new
        // patients", which had to be cut by hand)
        IntFunction<String> patientOf = i -> "p" + (i % 10 == 9 ? i / 3 - 6 : i / 3);
        Path f = file("stays.csv", 120, i -> START.plusDays(i), i -> i % 3 == 0 ? "died" : "lived", patientOf, "patient");
        List<String> info = LoggedWarnings.infos(CsvSequenceDataset.class,
                () -> Datasets.open("csv", options(f).with("splitBy", "time").with("group", "patient")));
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", options(f).with("splitBy", "time").with("group", "patient"));
        java.util.function.Function<List<String>, java.util.Set<String>> patients = ids -> ids.stream()
                .map(id -> patientOf.apply(Integer.parseInt(id.substring(1)))).collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> trained = patients.apply(d.sequenceIds().get(Split.TRAIN));
        java.util.Set<String> validated = patients.apply(d.sequenceIds().get(Split.VALIDATION));
        java.util.Set<String> tested = patients.apply(d.sequenceIds().get(Split.TEST));
        assertThat(tested).isNotEmpty().doesNotContainAnyElementsOf(trained).doesNotContainAnyElementsOf(validated);
        assertThat(validated).isNotEmpty().doesNotContainAnyElementsOf(trained);
        assertThat(d.sequenceIds().get(Split.TEST)).hasSize(18); // the latest 18 stays, days 102-119: still carved by time
        int trainSize = d.sequenceIds().get(Split.TRAIN).size();
        assertThat(trainSize).isLessThan(84);
        assertThat(info).anySatisfy(w -> assertThat(w).contains("--set splitBy=time with group column patient: ")
                .contains("left out of every split, so that the test holds later times of groups the model never saw"));
    }

    /**
     * 60 sequences of 6 machines, 10 each: m0-m2 on days 0-9 (sequence k on day k), m3-m5 over the whole 40 days (day 4k+1).
     */
    private Path machines(String name) throws Exception {
        return file(name, 60, i -> START.plusDays(i < 30 ? i % 10 : 4L * (i % 10) + 1), i -> i % 2 == 0 ? "up" : "down",
                i -> "m" + i / 10, "machine");
    }

    @Test
    void aValidationSplitThatTheGroupRuleEmptiesIsWarnedOfWithWhatGivesOne() throws Exception {
        // trial 68e, finding 5: the validation carved by time belongs to the machines that run on into the test period, so the
        // group rule emptied it, said only as "0 validation" inside a count
        Path f = machines("machines.csv");
        DatasetOptions o = options(f).with("splitBy", "time").with("group", "machine");
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", o));
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", o);
        assertThat(d.sequenceIds().get(Split.VALIDATION)).isEmpty();
        assertThat(d.sequenceIds().get(Split.TRAIN)).hasSize(30);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("--set splitBy=time with group column machine leaves no "
                + "validation sequences although validationFraction=0.15 asked for some: the 9 sequence(s) carved by time as "
                + "validation belong to 3 group(s) that also have test sequences").contains("give --validation FILE, or leave out "
                + "splitBy").contains("or the group column"));
        // a validation fraction that takes the early machines too empties training: the refusal says the validation carve
        // did it, and what training keeps without it
        assertThatThrownBy(() -> Datasets.open("csv", o.with("validationFraction", "0.5")))
                .hasMessageContaining("the validation carve, validationFraction=0.5, took sequences of every group that has no "
                        + "test ones: without it, by --set validationFraction=0 with or without a --validation FILE, training keeps 30");
        // every machine over the whole period: no fraction helps, and the refusal says so
        Path whole = file("whole.csv", 60, i -> START.plusDays(4L * (i % 10) + i / 10), i -> i % 2 == 0 ? "up" : "down",
                i -> "m" + i / 10, "machine");
        assertThatThrownBy(() -> Datasets.open("csv", options(whole).with("splitBy", "time").with("group", "machine")))
                .hasMessageContaining("every group has test sequences: the groups run on into the test period");
        // 3 sequences: 15% rounds to none, said rather than silent
        Path three = file("three.csv", 3, i -> START.plusDays(i), i -> i % 2 == 0 ? "up" : "down", null, null);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(three).with("splitBy", "time"))))
                .anySatisfy(w -> assertThat(w).contains("gives no validation sequences although --set validationFraction=0.15 "
                        + "asked for some"))
                .anySatisfy(w -> assertThat(w).contains("gives no test sequences although --set testFraction=0.15 asked for some"));
    }

    @Test
    void aCarveByTimeFarLargerThanAskedBecauseOfTiedStartsIsWarnedOf() throws Exception {
        // 90 sequences starting on one of 3 dates: 15% / 15% becomes a third each, which training loses (a review)
        Path f = file("sessions.csv", 90, i -> START.plusDays(7L * (i % 3)), i -> i % 2 == 0 ? "up" : "down", null, null);
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f).with("splitBy", "time")));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("took 30 test and 30 validation sequences of 90 where 14 and 14 "
                + "were asked").contains("training keeps 30 (33%)"));
        // distinct starts: as asked, no warning
        Path d = file("distinct.csv", 90, i -> START.plusDays(i), i -> i % 2 == 0 ? "up" : "down", null, null);
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(d).with("splitBy", "time"))))
                .noneMatch(w -> w.contains("were asked"));
    }

    @Test
    void aClassThatOnlyTheLatestSequencesHoldIsWarnedOf() throws Exception {
        Path f = file("new.csv", 60, i -> START.plusDays(i), i -> i >= 55 ? "crash" : i % 2 == 0 ? "up" : "down", null, null);
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f).with("splitBy", "time")));
        assertThat(warnings).anyMatch(w -> w.contains("class(es) [crash] have no training sequence after the carve by time"));
        // at random (stratified) every class keeps training sequences: silent
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f))))
                .noneMatch(w -> w.contains("no training sequence after the carve"));
    }

    @Test
    void splitByTimeIsRefusedWithoutATimeColumnOrWithASplitColumn() throws Exception {
        Path f = file("days.csv", 40, i -> START.plusDays(i), i -> i % 2 == 0 ? "up" : "down", i -> i < 30 ? "train" : "test", "split");
        assertThatThrownBy(() -> Datasets.open("csv", options(f).with("splitBy", "time")))
                .hasMessageContaining("--set splitBy=time carves the latest sequences")
                .hasMessageContaining("split column split gives the split")
                .hasMessageContaining("--set split=none to carve its rows by time instead");
        Path g = file("groups.csv", 40, i -> START.plusDays(i), i -> i % 2 == 0 ? "up" : "down", i -> "g" + i % 4, "inst");
        assertThatThrownBy(() -> Datasets.open("csv", options(g).with("splitBy", "time").with("time", "none")))
                .hasMessageContaining("is read without one (--set time=none, or no column named time");
        assertThatThrownBy(() -> Datasets.open("csv", options(g).with("splitBy", "latest")))
                .hasMessageContaining("splitBy must be random").hasMessageContaining("got 'latest'");
        // every sequence starting at one time (times counted from each start): no order between sequences
        Path same = file("same.csv", 40, i -> START, i -> i % 2 == 0 ? "up" : "down", null, null);
        assertThatThrownBy(() -> Datasets.open("csv", options(same).with("splitBy", "time")))
                .hasMessageContaining("every sequence starts at time 2023-01-02 09:30:00");
    }

    @Test
    void aRandomCarveOfMonthsOfDatesIsWarnedOfAndOneOfAFewHoursIsNot() throws Exception {
        // a warning, not an INFO line, so that it reaches the run's data-warnings.txt (a parcel carrier's trial: 18 months of
        // shipments carved at random were noted among other INFO lines only)
        Path months = file("months.csv", 60, i -> START.plusDays(2L * i), i -> i % 2 == 0 ? "up" : "down", null, null);
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(months)));
        assertThat(warnings).anyMatch(m -> m.contains("the sequences start from 2023-01-02 09:30:00 to 2023-04-30 09:30:00")
                && m.contains("carved at random") && m.contains(CsvSequenceDataset.RANDOM_CARVE_OF_DATES)
                && m.contains("--set splitBy=time carves the latest sequences as test"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> Datasets.open("csv", options(months))))
                .noneMatch(m -> m.contains("carved at random"));
        // sessions of a few hours: silent
        Path hours = file("hours.csv", 60, i -> START.plusMinutes(5L * i), i -> i % 2 == 0 ? "up" : "down", null, null);
        List<String> quiet = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(hours)));
        assertThat(quiet).noneMatch(m -> m.contains("splitBy=time"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> Datasets.open("csv", options(hours))))
                .noneMatch(m -> m.contains("carved at random"));
        // carved by time: nothing to warn of
        List<String> byTime = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(months)
                .with("splitBy", "time")));
        assertThat(byTime).noneMatch(m -> m.contains("carved at random"));
    }

    /**
     * An agronomist's trial: a test file of the next season, validation carved by group from training: the warning said
     * "the validation and test sequences are carved at random by group column Station: the test groups are new, but their
     * dates lie among the training groups'" and the result line "tested on dates among the training ones". Only validation
     * was carved: it is noted of validation alone, at INFO, and no data warning qualifies the test.
     */
    @Test
    void withATestFileOnlyTheCarvedValidationIsSaidCarvedAtRandomAndNotAsAWarning() throws Exception {
        // 12 stations over 120 days (training), and a test file of 12 other stations, 200 days later
        Path train = file("season1.csv", 60, i -> START.plusDays(2L * i), i -> i % 2 == 0 ? "up" : "down", i -> "S" + i % 12, "station");
        Path test = file("season2.csv", 24, i -> START.plusDays(200L + 2 * i), i -> i % 2 == 0 ? "up" : "down",
                i -> "T" + i % 12, "station");
        Files.writeString(test, Files.readString(test).replaceAll("(?m)^w", "t")); // ids of their own
        for (boolean group : new boolean[] {true, false}) {
            DatasetOptions o = DatasetOptions.defaults().withFiles(train, test).with("sequenceId", "id").with("features", "a");
            DatasetOptions options = group ? o.with("group", "station") : o;
            List<String> warnings = new java.util.ArrayList<>();
            List<String> infos = LoggedWarnings.infos(CsvSequenceDataset.class, () -> warnings.addAll(LoggedWarnings.of(
                    CsvSequenceDataset.class, () -> Datasets.open("csv", options))));
            assertThat(warnings).as("group " + group).noneMatch(w -> w.contains("sequences are carved at random")
                    || w.contains(CsvSequenceDataset.RANDOM_CARVE_OF_DATES));
            assertThat(infos).as("group " + group).anySatisfy(m -> assertThat(m)
                    .contains("the sequences start from 2023-01-02 09:30:00 to 2023-04-30 09:30:00", "days, and the validation "
                            + "sequences are carved at random" + (group ? " by group column station: the validation groups are new" : ""),
                            "the test file's sequences start after every training one (later dates)")
                    .doesNotContain("validation and test", "the test groups", CsvSequenceDataset.RANDOM_CARVE_OF_DATES));
        }
    }

    /**
     * Times written with an offset are counted in UTC and said so: a series written {@code 2024-05-03T01:00:00+02:00} was
     * said to "start from 2024-05-02 23:00:00", which read as a local time 2 h off (an agronomist's trial). Times without an
     * offset stay as written.
     */
    @Test
    void datesReadWithAnOffsetAreShownInUtcAndSaidSo() throws Exception {
        Path local = file("local.csv", 60, i -> START.plusDays(2L * i), i -> i % 2 == 0 ? "up" : "down", null, null);
        Path offset = Files.writeString(dir.resolve("offset.csv"), Files.readString(local).replaceAll("(T\\d\\d:\\d\\d:00),", "$1+02:00,"));
        assertThat(Files.readString(offset)).contains("w0,2023-01-02T09:30:00+02:00,");
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(offset)));
        assertThat(warnings).anyMatch(m -> m.contains("the sequences start from 2023-01-02 07:30:00 UTC to 2023-04-30 07:30:00 UTC")
                && m.contains(CsvSequenceDataset.RANDOM_CARVE_OF_DATES));
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", options(offset));
        assertThat(d.showTime(d.sequenceStarts().get(Split.TRAIN).stream().mapToDouble(x -> x).min().orElseThrow()))
                .isEqualTo("2023-01-02 07:30:00 UTC");
        List<String> plain = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(local)));
        assertThat(plain).anyMatch(m -> m.contains("the sequences start from 2023-01-02 09:30:00 to 2023-04-30 09:30:00 (time"));
        CsvSequenceDataset p = (CsvSequenceDataset) Datasets.open("csv", options(local));
        assertThat(p.showTime(p.sequenceStarts().get(Split.TRAIN).stream().mapToDouble(x -> x).min().orElseThrow()))
                .isEqualTo("2023-01-02 09:30:00");
        // the carve by time's note and refusal too
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> Datasets.open("csv", options(offset).with("splitBy", "time"))))
                .anyMatch(m -> m.contains("training sequences starting 2023-01-02 07:30:00 UTC to"));
    }

    @Test
    void aColumnOfInstrumentsSharedByACarveByTimeIsSaidOnceAsTheDesignNotAsCarvedAtRandom() throws Exception {
        // 4 instruments a day for 15 days, carved by time: every validation and test sequence is an instrument trained on, later
        // (a review: a WARN saying "carved at random" and then "a split by time", its sentence once per part)
        Path f = file("inst.csv", 60, i -> START.plusDays(i / 4), i -> i % 3 == 0 ? "up" : "down", i -> "I" + i % 4, "inst");
        List<String> warnings = new java.util.ArrayList<>();
        List<String> infos = LoggedWarnings.infos(CsvSequenceDataset.class, () -> warnings.addAll(LoggedWarnings.of(
                CsvSequenceDataset.class, () -> Datasets.open("csv", options(f).with("splitBy", "time")))));
        assertThat(warnings).noneMatch(w -> w.contains("holds one value per sequence"));
        assertThat(infos).filteredOn(m -> m.contains("column 'inst' holds one value per sequence")).singleElement()
                .satisfies(m -> assertThat(m).contains("of the validation data's 4 values", "of the test data's 4 values",
                        "(carved by time, --set splitBy=time)", "the validation and test scores are for 'inst' values the model "
                        + "trained on, at later times; every validation and test sequence starts after every training sequence "
                        + "(a split by time), which is the setting of a model kept for the same ones").doesNotContain("at random")
                        .satisfies(w -> assertThat(w.split("starts after every training sequence", -1)).hasSize(2)));
        // the same file carved at random: a warning, worded so
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(f))))
                .anySatisfy(w -> assertThat(w).contains("column 'inst' holds one value per sequence", "(carved at random)",
                        "--set group=inst carves").doesNotContain("a split by time"));
    }

    @Test
    void sharedGroupsOfASplitByTimeAreTheSameGroupsLaterNotOptimisticForNewOnes() throws Exception {
        // 4 instruments a day for 30 days; train the first 20 days, test the last 10 (a time-ordered split column)
        Path ordered = file("ordered.csv", 120, i -> START.plusDays(i / 4), i -> i % 3 == 0 ? "up" : "down",
                i -> "I" + i % 4 + ";" + (i / 4 < 20 ? "train" : "test"), "inst;split");
        Path f = Files.writeString(dir.resolve("ordered2.csv"), Files.readString(ordered).replace(';', ','));
        List<String> warnings = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> Datasets.open("csv", options(f).with("group", "inst").with("validationFraction", "0")));
        assertThat(warnings).anyMatch(w -> w.contains("4 of the 4 groups of group column inst have sequences in the training file "
                + "and in the test data") && w.contains("every test sequence starts after every training sequence (a split by time)")
                && w.contains("not for new groups"));
        assertThat(warnings).noneMatch(w -> w.contains("does not keep groups apart") || w.contains("split=none"));
        // with a validation part between them (days 20-24 validation, 25-29 test), each part later than the one before
        Path three = Files.writeString(dir.resolve("three.csv"), Files.readString(f).replaceAll("(w(8[0-9]|9[0-9]),[^\\n]*),test",
                "$1,validation"));
        List<String> parts = LoggedWarnings.of(CsvSequenceDataset.class, () -> Datasets.open("csv", options(three).with("group", "inst")));
        assertThat(parts).anyMatch(w -> w.contains("in the training file and in the validation data")
                && w.contains("every validation sequence starts after every training sequence"));
        assertThat(parts).anyMatch(w -> w.contains("in the validation and in the test data")
                && w.contains("every test sequence starts after every validation sequence"));
        assertThat(parts).noneMatch(w -> w.contains("does not keep groups apart"));
        // without the group column, the column read as group-like is worded the same way, without --set split=none
        List<String> noGroup = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> Datasets.open("csv", options(f).with("validationFraction", "0")));
        assertThat(noGroup).noneMatch(w -> w.contains("--set split=none"));
        assertThat(noGroup).anyMatch(w -> w.contains("column 'inst' holds one value per sequence")
                && w.contains("at later times") && w.contains("(a split by time)"));
        // the same groups with the test days mixed among the training days: the words as before
        Path mixed = file("mixed.csv", 120, i -> START.plusDays(i / 4), i -> i % 3 == 0 ? "up" : "down",
                i -> "I" + i % 4 + ";" + ((i / 4) % 3 == 0 ? "test" : "train"), "inst;split");
        Path m = Files.writeString(dir.resolve("mixed2.csv"), Files.readString(mixed).replace(';', ','));
        List<String> old = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> Datasets.open("csv", options(m).with("group", "inst").with("validationFraction", "0")));
        assertThat(old).anyMatch(w -> w.contains("the given split does not keep groups apart"));
        assertThat(old).noneMatch(w -> w.contains("a split by time"));
    }
}
