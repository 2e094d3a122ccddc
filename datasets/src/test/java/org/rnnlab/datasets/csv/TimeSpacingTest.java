package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * A sequence sampled at another rate than the rest, or with rows missing, is read as if its steps were the others': said
 * with counts and an example (a trial's station reporting every 2 hours among hourly ones trained without a word).
 */
class TimeSpacingTest {
    @TempDir
    Path dir;

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withColumns(Column.named("id"), Column.named("time"),
            Column.named("label"));

    /** 20 windows of 12 rows; window {@code i}'s rows {@code hours(i)} hours apart, rows {@code skip(i*100+t)} left out. */
    private Path windows(String name, IntUnaryOperator hours, IntPredicate skip) throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        LocalDateTime start = LocalDateTime.of(2021, 10, 4, 0, 0);
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 12; t++) {
                if (!skip.test(i * 100 + t)) {
                    lines.add(String.format(Locale.ROOT, "w%d,%s,%.2f,%s", i, start.plusDays(i).plusHours((long) t * hours.applyAsInt(i)),
                            Math.sin(t + i), i % 2 == 0 ? "low" : "high"));
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static List<String> warnings(Path f) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, OPTIONS));
    }

    @Test
    void aSequenceSampledAtAnotherRateIsNamed() throws Exception {
        List<String> warned = warnings(windows("rate.csv", i -> i == 3 ? 2 : 1, k -> false));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("1 of the 20 sequences are sampled at another step of the time "
                + "column 'time' than most (rows 1 h apart): e.g. 'w3' every 2 h", "the model reads one row per step"));
        assertThat(warned).noneMatch(w -> w.contains("have gaps"));
    }

    @Test
    void halfTheSequencesAtOneRateAndHalfAtAnotherAreSaidAsTwoRatesNotAMiddleOne() throws Exception {
        // a plant's file: half its parts at 1 ms, half at 2 ms; the median of all said 0.0015, which no part had (trial 65c)
        List<String> warned = warnings(windows("two-rates.csv", i -> i % 2 == 0 ? 1 : 2, k -> false));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the 20 sequences are sampled at 2 different steps of the time "
                + "column 'time', and no step holds most of them: 10 every 1 h, 10 every 2 h"));
        assertThat(warned).noneMatch(w -> w.contains("1.5 h") || w.contains("than most"));
        assertThat(TimeSpacing.rates(List.of(1.0, 2.0, 1.0, 2.0, 2.05)).get(0)).startsWith(2.0, 3.0);
    }

    @Test
    void windowsOfTradingMinutesThatCrossTheCloseAreACalendarEvenWhenFewDo() throws Exception {
        // 1-minute bars 09:30-16:00 on business days cut into 60-bar windows: only the windows that span the close have a gap,
        // each after the 15:59 bar (a review: under half the sequences had one, so it was 32,520 absent rows and outages)
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        LocalDateTime day = LocalDateTime.of(2024, 1, 2, 9, 30);
        List<LocalDateTime> minutes = new ArrayList<>();
        while (minutes.size() < 60 * 120) {
            if (day.getDayOfWeek().getValue() <= 5) {
                for (int m = 0; m < 390; m++) {
                    minutes.add(day.plusMinutes(m));
                }
            }
            day = day.plusDays(1);
        }
        for (int w = 0; w < 120; w++) {
            for (int t = 0; t < 60; t++) {
                lines.add(String.format(Locale.ROOT, "w%d,%s,%.3f,%s", w, minutes.get(w * 60 + t), Math.sin(w + t * 0.1),
                        w % 2 == 0 ? "a" : "b"));
            }
        }
        Path bars = Files.write(dir.resolve("bars.csv"), lines);
        assertThat(warnings(bars)).noneMatch(w -> w.contains("absent") || w.contains("outage"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(bars, OPTIONS)))
                .anySatisfy(w -> assertThat(w).contains("a calendar's"));
    }

    @Test
    void anEvenSpreadOfDevicesRatesIsOneRate() throws Exception {
        // phones at 46-53 Hz: no rate jumps by 10% from the one before, so no sequence is "at another step" (a review: cut at
        // 10% above each group's first, the spread was binned and 4 of 100 named)
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        for (int s = 0; s < 100; s++) {
            double step = 0.0187 + 0.003 * s / 99;
            for (int t = 0; t < 20; t++) {
                lines.add(String.format(Locale.ROOT, "s%d,%.6f,%.3f,%s", s, t * step, Math.sin(s + t), s % 2 == 0 ? "a" : "b"));
            }
        }
        Path phones = Files.write(dir.resolve("phones.csv"), lines);
        assertThat(warnings(phones)).noneMatch(w -> w.contains("another step") || w.contains("different steps"));
    }

    @Test
    void missingRowsAreGapsNamedWithTheirLines() throws Exception {
        // rows 5 and 6 missing in windows 2 and 7: 3 hours between two rows of hourly data
        List<String> warned = warnings(windows("gaps.csv", i -> 1, k -> (k == 205 || k == 206 || k == 705)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("3 row(s) are absent from 2 of the 20 sequences: gaps in the time "
                + "column 'time' (rows further apart than their usual step), not a calendar's (under half the sequences have "
                + "one); the largest: 'w2': 3 h (3 steps, 2 row(s) absent) between lines 30 and 31, where its rows are 1 h "
                + "apart;", "write the missing rows (their times with empty cells, which --missing interpolate or ffill then fills)"));
        assertThat(warned).noneMatch(w -> w.contains("sampled at another step"));
    }

    /**
     * 60 windows of 48 hourly rows from midnight, about 3% of the rows absent at random (but in window 5, where
     * {@code outage} rows from row 20 are absent): the trial's air-quality exports.
     */
    private Path hourlyWithAbsentRows(String name, int outage) throws IOException {
        java.util.Random random = new java.util.Random(65);
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        LocalDateTime start = LocalDateTime.of(2026, 4, 6, 0, 0);
        for (int i = 0; i < 60; i++) {
            for (int t = 0; t < 48; t++) {
                boolean absent = i == 5 ? t >= 20 && t < 20 + outage : t > 0 && t < 47 && random.nextDouble() < 0.03;
                if (!absent) {
                    lines.add(String.format(Locale.ROOT, "w%d,%s,%.2f,%s", i, start.plusDays(2L * i).plusHours(t),
                            Math.sin(t + 0.37 * i), i % 2 == 0 ? "traffic" : "urban"));
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void hoursAbsentAtRandomAreAWarningNotACalendar() throws Exception {
        // nearly every gap is 2 h, in most windows: the old rule of one size called it a calendar, at INFO (trial 65a)
        Path scattered = hourlyWithAbsentRows("scattered.csv", 0);
        List<String> infos = LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(scattered, OPTIONS));
        assertThat(infos).noneMatch(w -> w.contains("calendar"));
        List<String> warned = warnings(scattered);
        assertThat(warned).anySatisfy(w -> assertThat(w).containsPattern("\\d+ row\\(s\\) are absent from \\d+ of the 60 sequences: "
                + "gaps in the time column 'time'").contains("not a calendar's (they recur at no clock time or step); the "
                + "largest: '", "where its rows are 1 h apart", "--missing interpolate or ffill").doesNotContain("outage"));
        // 12 hours more absent in one window: named as the largest, and as an outage
        List<String> outage = warnings(hourlyWithAbsentRows("outage.csv", 12));
        assertThat(outage).anySatisfy(w -> assertThat(w).contains("the largest: 'w5': 13 h (13 steps, 12 row(s) absent) between "
                + "lines ", ", where its rows are 1 h apart (an outage?);"));
    }

    @Test
    void anOutageIsNamedEvenInOneSequenceOfMany() throws Exception {
        // rows 3-8 absent in one window of 20: under the 5% of sequences a dropped sample needs, but 7 h in hourly data
        List<String> warned = warnings(windows("outage.csv", i -> 1, k -> k >= 1103 && k <= 1108));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("1 gap(s) in the time column 'time' of 6 steps or more (an "
                + "outage?): 'w11': 7 h (7 steps, 6 row(s) absent) between lines ", "write the missing rows"));
        // 4 rows absent (5 steps) in one window: a short dropout in one sequence of 20, not worth a warning
        assertThat(warnings(windows("short.csv", i -> 1, k -> k >= 1103 && k <= 1106))).noneMatch(w -> w.contains("time column"));
    }

    @Test
    void calendarGapsAndTheSpringHourAreNotMissingRows() throws Exception {
        // business days: every window skips weekends (a review: told to write the missing rows)
        List<String> days = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 20; i++) {
            java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1).plusDays(i);
            int rows = 0;
            while (rows < 15) {
                if (d.getDayOfWeek().getValue() <= 5) {
                    days.add(String.format(Locale.ROOT, "w%d,%s,%.2f,%s", i, d, Math.sin(rows + i), i % 2 == 0 ? "up" : "down"));
                    rows++;
                }
                d = d.plusDays(1);
            }
        }
        Path business = Files.write(dir.resolve("business.csv"), days);
        assertThat(warnings(business)).noneMatch(w -> w.contains("time column"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(business, OPTIONS)))
                .anySatisfy(w -> assertThat(w).containsPattern("20 of the 20 sequences have gaps in the time column 'time', "
                        + "(\\d+) of the \\1 gaps after a row at the same weekday and clock time \\(Fri 00:00\\), most of one size "
                        + "\\(3 d\\): a calendar's"));
        // hourly local times across the spring change (Europe, 2024-03-31 02:00 skipped)
        List<String> spring = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 20; i++) {
            LocalDateTime t = LocalDateTime.of(2024, 3, 30, 20, 0).plusHours(i);
            for (int k = 0; k < 12; k++) {
                spring.add(String.format(Locale.ROOT, "w%d,%s,%.2f,%s", i, t, Math.sin(k + i), i % 2 == 0 ? "up" : "down"));
                t = t.plusHours(1);
                if (t.equals(LocalDateTime.of(2024, 3, 31, 2, 0))) {
                    t = t.plusHours(1);
                }
            }
        }
        assertThat(warnings(Files.write(dir.resolve("spring.csv"), spring))).noneMatch(w -> w.contains("time column"));
        // one window of 20 with a dropped row: not worth a warning
        assertThat(warnings(windows("rare.csv", i -> 1, k -> k == 305))).noneMatch(w -> w.contains("have gaps"));
    }

    @Test
    void anHourAbsentAtNightIsCountedUnlessClocksSkipItThatNight() throws Exception {
        // 20 windows of 48 local hours in April 2024; windows 0-9 lack 02:00 of their second day (none of them a night where
        // daylight saving time starts), windows 10-19 an hour elsewhere (a review: every 1-hour gap at 01:00-02:59 in March,
        // April and September to November was taken for the spring change, and left out of the count)
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 20; i++) {
            LocalDateTime start = LocalDateTime.of(2024, 4, 8, 0, 0).plusDays(2L * (i % 10));
            for (int t = 0; t < 48; t++) {
                if (t != (i < 10 ? 26 : 30 + i - 10)) {
                    lines.add(String.format(Locale.ROOT, "w%d,%s,%.2f,%s", i, start.plusHours(t), Math.sin(t + 0.37 * i),
                            i % 2 == 0 ? "up" : "down"));
                }
            }
        }
        assertThat(warnings(Files.write(dir.resolve("april.csv"), lines))).anySatisfy(w -> assertThat(w)
                .contains("20 row(s) are absent from 20 of the 20 sequences"));
        // the same local hour skipped on the nights the clocks change (the US's 2024-03-10, Europe's 03-31 and south-eastern
        // Australia's 10-06, at 02:00): no gap
        for (LocalDateTime change : List.of(LocalDateTime.of(2024, 3, 10, 2, 0), LocalDateTime.of(2024, 3, 31, 2, 0),
                LocalDateTime.of(2024, 10, 6, 2, 0))) {
            List<String> spring = new ArrayList<>(List.of("id,time,x,label"));
            for (int i = 0; i < 20; i++) {
                LocalDateTime t = change.minusHours(20 - i);
                for (int k = 0; k < 30; k++) {
                    spring.add(String.format(Locale.ROOT, "w%d,%s,%.2f,%s", i, t, Math.sin(k + i), i % 2 == 0 ? "up" : "down"));
                    t = t.plusHours(t.plusHours(1).equals(change) ? 2 : 1);
                }
            }
            assertThat(warnings(Files.write(dir.resolve("change.csv"), spring))).as(change.toString())
                    .noneMatch(w -> w.contains("time column"));
        }
        // with an offset written, clocks skip nothing: the same hour absent on Europe's night is a gap
        List<String> offset = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 20; i++) {
            LocalDateTime t = LocalDateTime.of(2024, 3, 31, 2, 0).minusHours(20 - i);
            for (int k = 0; k < 30; k++) {
                offset.add(String.format(Locale.ROOT, "w%d,%s+01:00,%.2f,%s", i, t, Math.sin(k + i), i % 2 == 0 ? "up" : "down"));
                t = t.plusHours(t.plusHours(1).equals(LocalDateTime.of(2024, 3, 31, 2, 0)) ? 2 : 1);
            }
        }
        List<String> infos = LoggedWarnings.infos(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.fromLongCsv(Files.write(dir.resolve("offset.csv"), offset), OPTIONS));
        assertThat(infos).anyMatch(w -> w.contains("20 of the 20 sequences have gaps in the time column 'time'"));
    }

    @Test
    void daylightSavingTimeStartsOnTheNightsOfItsRules() {
        for (String day : List.of("2024-03-10", "2024-03-31", "2024-03-29", "2024-04-07", "2024-09-01", "2024-09-29",
                "2024-10-06", "2024-10-27", "2018-11-04")) {
            assertThat(DaylightSavingStarts.starts(java.time.LocalDate.parse(day))).as(day).isTrue();
        }
        for (String day : List.of("2024-03-26", "2024-03-27", "2024-04-15", "2024-04-16", "2024-03-17", "2024-04-14",
                "2024-03-22", "2024-07-07", "2024-01-07")) {
            assertThat(DaylightSavingStarts.starts(java.time.LocalDate.parse(day))).as(day).isFalse();
        }
    }

    /** 20 windows of 5 trading days, rows hourly from 09:00 to 16:00; window 4 without its rows {@code absent(day*100+hour)}. */
    private Path tradingHours(String name, IntPredicate absent) throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 20; i++) {
            java.time.LocalDate monday = java.time.LocalDate.of(2024, 1, 1).plusWeeks(i);
            for (int d = 0; d < 5; d++) {
                for (int h = 9; h <= 16; h++) {
                    if (i != 4 || !absent.test(d * 100 + h)) {
                        lines.add(String.format(Locale.ROOT, "w%d,%s,%.2f,%s", i, monday.plusDays(d).atTime(h, 0), Math.sin(h + d + i),
                                i % 2 == 0 ? "up" : "down"));
                    }
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void nightsOfTradingHoursAreACalendarButAnOutageAmongThemIsNamed() throws Exception {
        // every gap starts after 16:00: 17 h, each over 6 steps, none an outage
        Path nights = tradingHours("nights.csv", k -> false);
        // of the gaps: none (the windows span months, carved at random: that is warned of, a trial's finding, not a gap)
        assertThat(warnings(nights)).noneMatch(w -> w.contains("time column") && !w.contains(CsvSequenceDataset.RANDOM_CARVE_OF_DATES));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(nights, OPTIONS)))
                .anySatisfy(w -> assertThat(w).contains("20 of the 20 sequences have gaps in the time column 'time', 80 of the 80 "
                        + "gaps after a row at the same clock time (16:00), most of one size (17 h): a calendar's"));
        // Wednesday 10:00-15:00 absent in window 4: 7 h from 09:00 to 16:00, away from the calendar's 16:00
        List<String> warned = warnings(tradingHours("halt.csv", k -> k >= 210 && k <= 215));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("1 gap(s) in the time column 'time' of 6 steps or more away "
                + "from those of the calendar (after a row at the same clock time (16:00)): 'w4': 7 h (7 steps, 6 row(s) absent) "
                + "between lines ", "write the missing rows"));
        // the same day's 2 hours absent: a short gap, left to the calendar's information
        assertThat(warnings(tradingHours("short.csv", k -> k >= 210 && k <= 211))).noneMatch(w -> w.contains("time column")
                && !w.contains(CsvSequenceDataset.RANDOM_CARVE_OF_DATES));
    }

    @Test
    void theClockTimeOfRecurringGapsIsTheRowsAsWrittenNotRoundedToTheStep() throws Exception {
        // hourly bars at 09:30-15:30 on business days: every night starts after 15:30 (a review: said as 16:00, the phase
        // rounded to whole hours)
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 20; i++) {
            java.time.LocalDate monday = java.time.LocalDate.of(2024, 1, 1).plusWeeks(i);
            for (int d = 0; d < 5; d++) {
                for (int h = 9; h <= 15; h++) {
                    lines.add(String.format(Locale.ROOT, "w%d,%s,%.2f,%s", i, monday.plusDays(d).atTime(h, 30), Math.sin(h + d + i),
                            i % 2 == 0 ? "up" : "down"));
                }
            }
        }
        Path bars = Files.write(dir.resolve("bars.csv"), lines);
        // (20 weeks carved at random: that is warned of, not a gap)
        assertThat(warnings(bars)).noneMatch(w -> w.contains("time column") && !w.contains(CsvSequenceDataset.RANDOM_CARVE_OF_DATES));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(bars, OPTIONS)))
                .anySatisfy(w -> assertThat(w).contains("80 of the 80 gaps after a row at the same clock time (15:30), most of one "
                        + "size (18 h): a calendar's").doesNotContain("16:00"));
    }

    @Test
    void aPauseAtTheSameStepOfEverySessionIsACalendar() throws Exception {
        // numbers: every session pauses 20 units after its 10th row, as a protocol would
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 30; t++) {
                lines.add(String.format(Locale.ROOT, "s%d,%d,%.2f,%s", i, 1000 * i + t + (t >= 10 ? 20 : 0), Math.sin(t + i),
                        i % 2 == 0 ? "a" : "b"));
            }
        }
        Path f = Files.write(dir.resolve("sessions.csv"), lines);
        assertThat(warnings(f)).noneMatch(w -> w.contains("time column"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, OPTIONS)))
                .anySatisfy(w -> assertThat(w).contains("20 of the 20 sequences have gaps in the time column 'time', 20 of the 20 "
                        + "gaps after the same step of their sequences (step 9 from their first row), most of one size (21): a "
                        + "calendar's"));
    }

    @Test
    void evenlySpacedRowsAreNotWarnedOf() throws Exception {
        assertThat(warnings(windows("even.csv", i -> 1, k -> false))).noneMatch(w -> w.contains("time column"));
    }

    @Test
    void newDataAtOneOfSeveralTrainingStepsAreToldSoNotToResampleToTheCommonest() throws Exception {
        // trial 72b F1: training at 312.5 and 625 (100 sequences each), a test file at 625 was told to resample to 312.5
        Path mixed = windows("mixed.csv", i -> i % 2 == 0 ? 1 : 2, k -> false);
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(mixed, OPTIONS);
        assertThat(trained.schema().timeStep().rates()).hasSize(2);
        // the steps of the training split's sequences (trial 73a F1: not those of the sequences held out from the file)
        List<String> trainIds = trained.sequenceIds().get(org.rnnlab.datasets.Split.TRAIN);
        long hourly = trainIds.stream().filter(id -> Integer.parseInt(id.substring(1)) % 2 == 0).count();
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                windows("two-hourly.csv", i -> 2, k -> false), trained.schema(), false, new ArrayList<>()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("two-hourly.csv: its rows are 2 h apart in the time column "
                + "'time' (the median step); the model's training data were at 2 different steps (" + hourly + " sequences every "
                + "1 h, " + (trainIds.size() - hourly) + " every 2 h), and this file matches the one of " + (trainIds.size() - hourly)
                + " sequences, every 2 h"));
        assertThat(warned).noneMatch(w -> w.contains("training data's were") || w.contains("resample these data"));
        // a file at neither step: said too, with the steps
        List<String> neither = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                windows("four-hourly.csv", i -> 4, k -> false), trained.schema(), false, new ArrayList<>()));
        assertThat(neither).anySatisfy(w -> assertThat(w).contains("four-hourly.csv: its rows are 4 h apart",
                "this file matches none of them", "resample these data to one of them first"));
        // a file of both steps: each sequence against the model's steps, none told to resample to the file's commonest
        // (trial 76f F9); one at neither step alone is
        List<String> both = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                windows("both.csv", i -> i < 14 ? 1 : 2, k -> false), trained.schema(), false, new ArrayList<>()));
        assertThat(both).noneMatch(w -> w.contains("resample them") || w.contains("than most"));
        assertThat(both).anySatisfy(w -> assertThat(w).contains("both.csv: the 20 sequences are sampled at 2 steps of the time "
                + "column 'time', each a step the model's training data had", "14 every 1 h (a rate of " + hourly + " training "
                + "sequences), 6 every 2 h (a rate of " + (trainIds.size() - hourly) + " training sequences)", "leave them as they are"));
        List<String> odd = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                windows("odd.csv", i -> i < 14 ? 1 : i < 19 ? 2 : 4, k -> false), trained.schema(), false, new ArrayList<>()));
        assertThat(odd).anySatisfy(w -> assertThat(w).contains("odd.csv: 1 of the 20 sequences are sampled at a step of the time "
                + "column 'time' that the model's training data did not have", "e.g. 'w19' every 4 h",
                "resample them to one row every " + trained.schema().timeStep().describe() + " first", "the other 19 are at steps the model trained at"));
        // the steps are kept with the model's schema (JSON), and a model saved before them reads as one step
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        assertThat(json.readValue(json.writeValueAsString(trained.schema().timeStep()), TimeStep.class))
                .isEqualTo(trained.schema().timeStep());
        assertThat(json.readValue("{\"value\":3600.0,\"dateTimes\":true}", TimeStep.class).rates()).isEmpty();
    }

    @Test
    void theResamplingCodeOfTheRateWarningRunsOnEpochMicrosecondsAndKeepsTheIdLabelAndGroup() throws Exception {
        // trial 72b F2: df.set_index(time).groupby(id).resample(...).mean() failed on integer epoch microseconds
        // ("Only valid with DatetimeIndex") and dropped the label and substation columns
        List<String> lines = new ArrayList<>(List.of("substation,record_id,timestamp_us,va,event_class"));
        for (int r = 0; r < 12; r++) {
            long step = r < 6 ? 625 : 312; // 312/313 alternating at 3200 Hz, as the recorder wrote them
            long t = 1_767_225_910_454_979L + 10_000_000L * r;
            for (int k = 0; k < 17; k++) { // 16 steps: 8 of 312 and 8 of 313, a median of 312.5
                lines.add(String.format(Locale.ROOT, "SUB_%s,R%d,%d,%.2f,%s", List.of("ELM", "FIR", "OAK", "ASH").get(r % 4), r, t, Math.sin(k * 0.7 + r),
                        r % 3 == 0 ? "sag" : "normal"));
                t += step == 625 ? 625 : (k % 2 == 0 ? 312 : 313);
            }
        }
        Path f = Files.write(dir.resolve("pq.csv"), lines);
        CsvOptions pq = CsvOptions.defaults().withColumns(Column.named("record_id"), Column.named("timestamp_us"),
                Column.named("event_class")).withGroupColumn(Column.named("substation"));
        String warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, pq)).stream()
                .filter(w -> w.contains("different steps")).findFirst().orElseThrow();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("(t0 = .*?\\.dt\\.total_seconds\\(\\))").matcher(warned);
        assertThat(code.find()).as(warned).isTrue();
        assertThat(code.group(1)).contains("[\"record_id\", \"event_class\", \"substation\"]", "resample(pd.Timedelta(seconds=312.5), origin=\"start\")");
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "skipped: no /usr/bin/python3 to run the code");
        Process check = new ProcessBuilder(python.toString(), "-c", "import pandas").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(check.waitFor() == 0, "skipped: /usr/bin/python3 has no pandas");
        Path script = Files.writeString(dir.resolve("resample.py"), "import pandas as pd\n"
                + "df = pd.read_csv(" + "'" + f + "'" + ")\n" + code.group(1) + "\n"
                + "assert {'substation', 'record_id', 'event_class', 'timestamp_us', 'va'} <= set(df.columns), df.columns\n"
                + "steps = df.groupby('record_id')['timestamp_us'].diff().dropna()\n"
                + "assert (steps.round(3) == 312.5).all(), steps.unique()\n"
                + "assert df['record_id'].nunique() == 12 and df['va'].notna().sum() > 0\n"
                + "assert (df.groupby('record_id')['event_class'].nunique() == 1).all()\n"
                + "print('ok', len(df))\n");
        Process run = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(out).isZero();
        assertThat(out).startsWith("ok");
    }

    @Test
    void newDataAreJudgedSequenceBySequenceAgainstTheModelsStepNotTheFilesCommonest() throws Exception {
        // trial 74a F4: 3 of 4 stations every 2 min, the fourth at the model's 1 min; the file was told to resample to 1 min,
        // and then the 1-min sequences, the right ones, to 2 min
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(windows("hourly.csv", i -> 1, k -> false), OPTIONS);
        assertThat(trained.schema().timeStep()).isEqualTo(new TimeStep(3600, true, null, false)); // local date-times
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                windows("three-of-four.csv", i -> i % 4 == 3 ? 1 : 2, k -> false), trained.schema(), false, new ArrayList<>()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("three-of-four.csv: its rows are 2 h apart", "were 1 h apart",
                "resample these data to one row every 1 h first"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("three-of-four.csv: 15 of the 20 sequences are sampled at "
                + "another step of the time column 'time' than the model's training data (rows 1 h apart): e.g. 'w0' every 2 h",
                "resample them to one row every 1 h first", "the other 5 are at the model's step: leave them as they are"));
        assertThat(warned).noneMatch(w -> w.contains("than most") || w.contains("seconds=7200") || w.contains("every 1 h\u0027"));
        // the whole file at another step: said once, for the file
        List<String> all = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                windows("two-hourly.csv", i -> 2, k -> false), trained.schema(), false, new ArrayList<>()));
        assertThat(all).anySatisfy(w -> assertThat(w).contains("its rows are 2 h apart"));
        assertThat(all).noneMatch(w -> w.contains("sequences are sampled at another step"));
    }

    @Test
    void theMixedRateWarningsCodeFillsTheRowsItsUpsamplingLeavesEmpty() throws Exception {
        // trial 74a F2: one station at 2 min among 1 min ones; the warning's pandas code, run verbatim, left every other row
        // of its sequences empty, and evaluate refused the file for the missing values
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(windows("hourly.csv", i -> 1, k -> false), OPTIONS);
        Path mixed = windows("one-slow.csv", i -> i == 3 ? 2 : 1, k -> false);
        String warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(mixed, trained.schema(),
                false, new ArrayList<>())).stream().filter(w -> w.contains("sampled at another step")).findFirst().orElseThrow();
        assertThat(warned).contains("one-slow.csv: 1 of the 20 sequences are sampled at another step of the "
                + "time column 'time' than the model's training data (rows 1 h apart): e.g. 'w3' every 2 h", "the step is shorter "
                + "than some of these sequences' steps, so the code writes rows with empty cells between them: the model's "
                + "--missing policy (error) does not fill them in, so fill them in first: num = ");
        java.util.regex.Matcher both = java.util.regex.Pattern.compile("pandas: (df\\[.*?reset_index\\(\\)).*fill them in first: "
                + "(num = .*?) \\(the new rows").matcher(warned); // x alone: interpolated, no column from the row before
        assertThat(both.find()).as(warned).isTrue();
        String out = runPandas(dir, "import pandas as pd\n"
                + "df = pd.read_csv('" + mixed + "')\n" + both.group(1) + "\n" + both.group(2) + "\n"
                + "assert df['x'].notna().all() and df['label'].notna().all(), df[df['x'].isna()]\n"
                + "steps = pd.to_datetime(df['time'], utc=True).groupby(df['id']).diff().dropna()\n"
                + "assert (steps == pd.Timedelta(hours=1)).all(), steps.unique()\n"
                + "print('ok', df.groupby('id').size()['w3'])\n");
        assertThat(out).startsWith("ok 23"); // 12 rows 2 h apart span 22 h: 23 rows an hour apart
        // a training file likewise (judged against its commonest step)
        assertThat(warnings(mixed)).anySatisfy(w -> assertThat(w).contains("than most (rows 1 h apart): e.g. 'w3' every 2 h",
                "so the code writes rows with empty cells between them"));
        // downsampling writes no empty rows: no fill step
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(windows("one-fast.csv",
                i -> i == 3 ? 1 : 2, k -> false), CsvSequenceDataset.fromLongCsv(windows("two-hourly.csv", i -> 2, k -> false),
                OPTIONS).schema(), false, new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("1 of the 20 sequences are "
                + "sampled at another step", "e.g. 'w3' every 1 h").doesNotContain("empty cells"));
    }

    /**
     * 20 trips of 12 rows {@code seconds(i)} apart with a measurement, a one-hot group road_* (urban for the first half of
     * each trip, rural for the rest) and the trip's depot as text (4 depots, in turn).
     */
    private Path trips(String name, IntUnaryOperator seconds) throws IOException {
        List<String> lines = new ArrayList<>(List.of("trip,time,speed,road_urban,road_rural,depot,style"));
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 12; t++) {
                lines.add(String.format(Locale.ROOT, "t%d,%d,%.2f,%d,%d,%s,%s", i, 1000 + t * seconds.applyAsInt(i),
                        50 + 10 * Math.sin(t + i), t < 6 ? 1 : 0, t < 6 ? 0 : 1, List.of("north", "airport", "east", "west").get(i % 4),
                        i % 3 == 0 ? "calm" : "aggressive"));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void theResamplingCodeKeepsOneHotColumnsZeroOrOneAndTextColumns() throws Exception {
        // trial 74d F8: the printed code interpolated road_type_* into 0.5/0.5 rows, which the next predict blamed on a
        // missing category, and its mean(numeric_only=True) dropped depot_name, which --keep-columns then asked for
        CsvOptions trips = CsvOptions.defaults().withColumns(Column.named("trip"), Column.named("time"), Column.named("style"))
                .withFeatures(List.of(Column.named("speed"), Column.named("road_urban"), Column.named("road_rural")));
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(trips("ten.csv", i -> 10), trips);
        assertThat(trained.schema().oneHot()).extracting(OneHotGroup::prefix).containsExactly("road_");
        Path mixed = trips("airport-twenty.csv", i -> i % 4 == 1 ? 20 : 10);
        String warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(mixed, trained.schema(),
                false, new ArrayList<>())).stream().filter(w -> w.contains("sampled at another step")).findFirst().orElseThrow();
        java.util.regex.Matcher both = java.util.regex.Pattern.compile("pandas: (t0 = .*?\\.dt\\.total_seconds\\(\\)).*fill them in "
                + "first: (num = .*?bfill\\(\\))").matcher(warned);
        assertThat(both.find()).as(warned).isTrue();
        Path out = dir.resolve("resampled.csv");
        String ran = runPandas(dir, "import pandas as pd\n"
                + "df = pd.read_csv('" + mixed + "')\n" + both.group(1) + "\n" + both.group(2) + "\n"
                + "road = df[['road_urban', 'road_rural']]\n"
                + "assert road.isin([0, 1]).all().all() and (road.sum(axis=1) == 1).all(), df[~road.isin([0, 1]).all(axis=1)]\n"
                + "assert df['depot'].notna().all() and (df.groupby('trip')['depot'].nunique() == 1).all(), df['depot']\n"
                + "assert df['speed'].notna().all() and (df.groupby('trip')['time'].diff().dropna() == 10).all()\n"
                + "assert (df[df['trip'] == 't1']['speed'] % 1).round(6).ne(0).any()  # interpolated between rows\n"
                + "df.to_csv('" + out + "', index=False)\n"
                + "print('ok', df.groupby('trip').size()['t1'])\n");
        assertThat(ran).startsWith("ok 23"); // 12 rows 20 s apart span 220 s: 23 rows 10 s apart
        // the resampled file is like training: no one-hot warning, no other step
        List<String> again = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(out, trained.schema(),
                false, new ArrayList<>()));
        assertThat(again).noneMatch(w -> w.contains("one-hot") || w.contains("sampled at another step"));
    }

    @Test
    void theSequencesAtAnotherStepAreSaidWithTheGroupTheyShare() throws Exception {
        // trial 74d F7: the 200 trips of one depot every 20 s among 10 s were counted and one was named, never the depot
        CsvOptions trips = CsvOptions.defaults().withColumns(Column.named("trip"), Column.named("time"), Column.named("style"))
                .withFeatures(List.of(Column.named("speed"), Column.named("road_urban"), Column.named("road_rural")))
                .withGroupColumn(Column.named("depot"));
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(trips("ten-by-depot.csv", i -> 10), trips);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                trips("airport-some.csv", i -> i % 4 == 1 ? 20 : 10), trained.schema(), false, new ArrayList<>()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("5 of the 20 sequences are sampled at another step of the time "
                + "column 'time' than the model's training data (rows 10 apart): e.g. 't1' every 20; all 5 are group column depot "
                + "'airport' (every sequence of it); the model reads one row per step"));
        // sequences of several groups: no group said
        List<String> mixed = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(
                trips("both-some.csv", i -> i % 5 == 1 ? 20 : 10), trained.schema(), false, new ArrayList<>()));
        assertThat(mixed).anySatisfy(w -> assertThat(w).contains("4 of the 20 sequences are sampled at another step",
                "e.g. 't1' every 20; the model reads").doesNotContain("all 4 are"));
    }

    /** 6 windows of 60 s of a participant at {@code hz}, with offset date-times (epoch seconds near 1.77e9 in binary). */
    private Path wearable(String name, int hz) throws IOException {
        List<String> lines = new ArrayList<>(List.of("sequence_id,timestamp,acc_x,label,participant"));
        java.time.OffsetDateTime start = java.time.OffsetDateTime.parse("2026-03-11T09:00:00.000+01:00");
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        for (int w = 0; w < 6; w++) {
            java.time.OffsetDateTime t0 = start.plusSeconds(90L * w).plusNanos(13_000_000L * w);
            for (int k = 0; k < 60 * hz; k++) {
                lines.add(String.format(Locale.ROOT, "w%d,%s,%.4f,%s,p%d", w, iso.format(t0.plusNanos(1_000_000_000L / hz * k)),
                        Math.sin(k * 0.01 + w), w % 2 == 0 ? "walk" : "sit", w % 3));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    /** Runs {@code script} with /usr/bin/python3 and pandas (the test skips without them); its output. */
    static String runPandas(Path dir, String script) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "skipped: no /usr/bin/python3 to run the code");
        Process check = new ProcessBuilder(python.toString(), "-c", "import pandas").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(check.waitFor() == 0, "skipped: /usr/bin/python3 has no pandas");
        Path file = Files.writeString(Files.createTempFile(dir, "resample", ".py"), script);
        Process run = new ProcessBuilder(python.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void theResamplingCodeUsesTheStepAsWrittenAndEachSequencesStartSoA60sWindowKeeps1500Steps() throws Exception {
        // trial 73c F5: 25 Hz date-times were stored as a step of 0.0399999619 s, and the printed code's bins (from the day's
        // start) sat off the grid: 60-s windows came out 1499 steps
        CsvOptions wear = CsvOptions.defaults().withColumns(Column.named("sequence_id"), Column.named("timestamp"),
                Column.named("label")).withGroupColumn(Column.named("participant"));
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(wearable("watch25.csv", 25), wear);
        assertThat(trained.schema().timeStep().value()).isEqualTo(0.04);
        assertThat(new TimeStep(0.0399999619, true).value()).isEqualTo(0.04); // a model saved before reads as 0.04 too
        Path fast = wearable("watch50.csv", 50);
        String warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(fast, trained.schema(), false,
                new ArrayList<>())).stream().filter(w -> w.contains("resample these data")).findFirst().orElseThrow();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("pandas: (df\\[.*?reset_index\\(\\))").matcher(warned);
        assertThat(code.find()).as(warned).isTrue();
        assertThat(code.group(1)).contains("resample(pd.Timedelta(seconds=0.04), origin=\"start\")");
        assertThat(warned).doesNotContain("empty cells");
        String out = runPandas(dir, "import pandas as pd\n"
                + "df = pd.read_csv('" + fast + "')\n"
                + "first = pd.to_datetime(df.groupby('sequence_id')['timestamp'].first(), utc=True)\n"
                + code.group(1) + "\n"
                + "sizes = df.groupby('sequence_id').size()\n"
                + "assert (sizes == 1500).all(), sizes\n"
                + "steps = df.groupby('sequence_id')['timestamp'].diff().dropna()\n"
                + "assert (steps == pd.Timedelta(milliseconds=40)).all(), steps.unique()\n"
                + "assert (df.groupby('sequence_id')['timestamp'].first() == first).all()\n"
                + "assert df['acc_x'].notna().all() and {'label', 'participant'} <= set(df.columns)\n"
                + "print('ok', len(df))\n");
        assertThat(out).startsWith("ok 9000");
        // upsampled (12.5 Hz to 25 Hz): every other row empty; said, with the model's policy, and the code that fills them runs
        Path slow = wearable("watch25b.csv", 25);
        List<String> lines = new ArrayList<>(Files.readAllLines(slow));
        List<String> half = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i += 2) {
            half.add(lines.get(i));
        }
        Path twelve = Files.write(dir.resolve("watch12.csv"), half);
        String up = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(twelve, trained.schema(), false,
                new ArrayList<>())).stream().filter(w -> w.contains("resample these data")).findFirst().orElseThrow();
        assertThat(up).contains("so the code writes rows with empty cells between them: the model's --missing policy (error) does "
                + "not fill them in, so fill them in first: num = ");
        java.util.regex.Matcher both = java.util.regex.Pattern.compile("pandas: (df\\[.*?reset_index\\(\\)).*fill them in first: "
                + "(num = .*?limit_direction=\"both\"\\)\\))").matcher(up);
        assertThat(both.find()).as(up).isTrue();
        String filled = runPandas(dir, "import pandas as pd\n"
                + "df = pd.read_csv('" + twelve + "')\n" + both.group(1) + "\n" + both.group(2) + "\n"
                + "assert df['acc_x'].notna().all() and df['label'].notna().all()\n"
                + "print('ok', df.groupby('sequence_id').size().min())\n");
        assertThat(filled).startsWith("ok 1499"); // 750 rows span 59.92 s: 1499 steps of 40 ms, none made up past the last
    }

    @Test
    void rowsOfTwoDevicesInterleavedByAnOuterJoinAreSaidWithTheirShareOfShortSteps() throws Exception {
        // trial 73c F4: a 25 Hz watch's rows and a 4 Hz strap's at other instants (10 ms after the watch's), one row per
        // instant: every sequence's usual step is 40 ms, but a fifth of its steps are 10 or 30 ms: trained without a word
        List<String> lines = new ArrayList<>(List.of("id,time,acc_x,heart_rate,label"));
        java.time.Instant start = java.time.Instant.parse("2026-03-11T08:00:00Z");
        for (int w = 0; w < 20; w++) {
            java.util.TreeMap<Integer, String> rows = new java.util.TreeMap<>();
            for (int ms = 0; ms < 10_000; ms += 40) {
                rows.put(ms, String.format(Locale.ROOT, "%.3f,", Math.sin(ms / 300.0 + w)));
            }
            for (int ms = 5; ms < 10_000; ms += 250) { // never on the watch's 40-ms grid
                rows.put(ms, "," + (70 + ms % 7));
            }
            java.time.Instant t0 = start.plusSeconds(60L * w);
            String id = "w" + w;
            String label = w % 2 == 0 ? "a" : "b";
            rows.forEach((ms, cells) -> lines.add(id + "," + t0.plusMillis(ms) + "," + cells + "," + label));
        }
        Path outer = Files.write(dir.resolve("outer.csv"), lines);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(outer,
                OPTIONS.withMissing(MissingValues.INTERPOLATE)));
        // 20 x (250 + 40) rows, 20 x 289 steps: each strap row splits a 40-ms step in two, 1 or 2 of them under 30 ms
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("outer.csv: 1200 of the 5780 steps (20.8%) in the time column "
                + "'time' are shorter than three quarters of their sequence's usual step (rows 0.04 s apart), 0.005 s to 0.025 s "
                + "(first at 'w0' at line 3): rows of several sources interleaved (an outer join of two devices' rows)?",
                "resample onto one grid first (pandas: "));
        // a phone's jitter (steps of 36-44 ms) is no such share
        List<String> jitter = new ArrayList<>(List.of("id,time,acc_x,label"));
        for (int w = 0; w < 20; w++) {
            java.time.Instant t = start.plusSeconds(60L * w);
            for (int k = 0; k < 250; k++) {
                jitter.add("w" + w + "," + t + "," + Math.sin(k) + "," + (w % 2 == 0 ? "a" : "b"));
                t = t.plusMillis(k % 3 == 0 ? 36 : k % 3 == 1 ? 44 : 40);
            }
        }
        assertThat(warnings(Files.write(dir.resolve("jitter.csv"), jitter))).noneMatch(w -> w.contains("shorter than three quarters"));
    }

    @Test
    void theTrainingStepIsStoredAndNewDataAtAnotherRateAreNamed() throws Exception {
        Path hourly = windows("hourly.csv", i -> 1, k -> false);
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(hourly, OPTIONS);
        assertThat(trained.schema().timeStep()).isEqualTo(new TimeStep(3600, true, null, false)); // local date-times
        // not part of the schema's text (a dataset's provenance, which older runs must still match)
        assertThat(trained.schema().toString()).doesNotContain("timeStep").endsWith("sequenceScaling=none]");
        // new data every 2 hours: read as they are, and said to stand for twice the time per step
        Path twoHourly = windows("two-hourly.csv", i -> 2, k -> false);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class,
                () -> CsvSequenceDataset.readAll(twoHourly, trained.schema(), false, new ArrayList<>()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("two-hourly.csv: its rows are 2 h apart in the time column "
                + "'time' (the median step), where the model's training data's were 1 h apart", "each step here stands for 2 times "
                + "the time it did in training: resample these data to one row every 1 h first"));
        // the same rate (one row of twenty missing in a window does not move the median): nothing said
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(windows("again.csv", i -> 1,
                k -> k == 305), trained.schema(), false, new ArrayList<>()))).noneMatch(w -> w.contains("training data's were"));
        // a test file at another rate is compared with the training file
        List<String> held = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.load(
                new CsvSources(null, hourly, null, windows("test-2h.csv", i -> 2, k -> false), false, false), OPTIONS));
        assertThat(held).anySatisfy(w -> assertThat(w).contains("test-2h.csv: its rows are 2 h apart", "were 1 h apart"));
        // numbers in their own units, and a faster rate: 1/2 of the time
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 12; t++) {
                lines.add(String.format(Locale.ROOT, "s%d,%.2f,%.2f,%s", i, t * 0.02, Math.sin(t + i), i % 2 == 0 ? "a" : "b"));
            }
        }
        CsvSequenceDataset hz50 = CsvSequenceDataset.fromLongCsv(Files.write(dir.resolve("hz50.csv"), lines), OPTIONS);
        assertThat(hz50.schema().timeStep().value()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(hz50.schema().timeStep().dateTimes()).isFalse();
        List<String> fast = new ArrayList<>(List.of("id,time,x"));
        for (int t = 0; t < 24; t++) {
            fast.add(String.format(Locale.ROOT, "n,%.3f,%.2f", t * 0.01, Math.sin(t)));
        }
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(Files.write(dir.resolve("hz100.csv"),
                fast), hz50.schema(), false, new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("rows are 0.01 apart",
                "were 0.02 apart", "stands for 1/2 of the time", "one row every 0.02 first"));
        // the same rate in milliseconds: another unit is named before the advice to resample (a trial's 0, 4, 8 ms were told
        // to resample to one row every 0.004)
        List<String> millis = new ArrayList<>(List.of("id,time,x"));
        for (int t = 0; t < 24; t++) {
            millis.add(String.format(Locale.ROOT, "n,%d,%.2f", t * 20, Math.sin(t)));
        }
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(Files.write(dir.resolve("ms.csv"),
                millis), hz50.schema(), false, new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("rows are 20 apart",
                "or is the time written in another unit here, a factor near 1000: milliseconds against seconds",
                "if it is another unit, write the time column in the training data's unit"));
        // date-times at 100 Hz for a model of numbers at 50: compared as seconds, and said to be so (a trial's were not)
        List<String> stamped = new ArrayList<>(List.of("id,time,x"));
        for (int t = 0; t < 24; t++) {
            stamped.add(String.format(Locale.ROOT, "n,%s,%.2f", LocalDateTime.of(2024, 3, 22, 17, 0).plusNanos(t * 10_000_000L),
                    Math.sin(t)));
        }
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(Files.write(dir.resolve("iso.csv"),
                stamped), hz50.schema(), false, new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("iso.csv: its time "
                + "column 'time' holds date-times", "held numbers (0.02 apart)", "cannot be compared for sure", "if the numbers are "
                + "seconds, each step here stands for 1/2 of the time"));
        // numbers in milliseconds for a model of hourly date-times: the unit is named too
        List<String> msNumbers = new ArrayList<>(List.of("id,time,x"));
        for (int t = 0; t < 12; t++) {
            msNumbers.add(String.format(Locale.ROOT, "n,%d,%.2f", t * 3_600_000L, Math.sin(t)));
        }
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(Files.write(dir.resolve("ms-h.csv"),
                msNumbers), trained.schema(), false, new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("holds numbers",
                "held date-times (1 h apart)", "or are the numbers in another unit (a factor near 1000: milliseconds against seconds"));
        // a folder of sequence files for the long-layout model: its files' rate is judged too (a trial's 500 Hz file in a
        // folder got no word, the same file alone a warning)
        Path folder = Files.createDirectories(dir.resolve("new"));
        Files.write(folder.resolve("n1.csv"), fast.stream().map(l -> l.substring(l.indexOf(',') + 1)).toList());
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(folder, hz50.schema(), false,
                new ArrayList<>()))).anySatisfy(w -> assertThat(w).contains("rows are 0.01 apart in the time column 'time' of its "
                + "sequence files", "were 0.02 apart"));
        // as a card stores it, and a card saved before it was recorded (no timeStep) reads as none
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        String card = json.writeValueAsString(hz50.schema());
        assertThat(json.readValue(card, CsvSchema.class)).isEqualTo(hz50.schema());
        String old = card.replaceAll(",\\s*\"timeStep\"\\s*:\\s*\\{[^}]*\\}", "");
        assertThat(old).doesNotContain("timeStep");
        assertThat(json.readValue(old, CsvSchema.class).timeStep()).isNull();
    }

    @Test
    void eventsAtIrregularTimesAreNotSamplesAtARate() throws Exception {
        // packets of flows: exponential inter-arrival times, no rate to resample to and no rows missing
        java.util.Random random = new java.util.Random(5);
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        for (int i = 0; i < 30; i++) {
            double t = 1733443424.0 + i;
            for (int k = 0; k < 15 + i; k++) {
                t += -Math.log(1 - random.nextDouble()) * (i % 3 == 0 ? 0.5 : 0.01);
                lines.add(String.format(Locale.ROOT, "f%d,%.6f,%d,%s", i, t, 60 + random.nextInt(1400), i % 2 == 0 ? "scan" : "benign"));
            }
        }
        Path f = Files.write(dir.resolve("flows.csv"), lines);
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        // said once, as a warning (kept in data-warnings.txt: a clinical trial's answer to "is the time between events
        // used?" was an INFO line), and nothing of rates or gaps
        assertThat(warnings(f)).filteredOn(w -> w.contains("time column")).singleElement().asString()
                .contains("events, not samples at a rate", "does not use the time between rows unless it is a feature");
        read[0] = CsvSequenceDataset.fromLongCsv(f, OPTIONS);
        assertThat(read[0].schema().timeStep()).as("no usual step of events").isNull();
    }

    @Test
    void theGapsOfEventsAreNotKept() {
        // a packet capture: exponential inter-arrival times, about a third of its steps over 1.5 times the median (a review:
        // each was kept as a gap, 52 MB for 2M rows, that warn then ignored)
        java.util.Random random = new java.util.Random(11);
        double[] times = new double[20_000];
        long[] lines = new long[times.length];
        for (int i = 1; i < times.length; i++) {
            times[i] = times[i - 1] + -Math.log(1 - random.nextDouble()) * 0.01;
            lines[i] = i + 2;
        }
        TimeSpacing events = new TimeSpacing(false);
        events.add("flow", times, lines);
        assertThat(events.gapsKept()).isZero();
        // rows at a rate with 3 absent: their gaps are kept, to be counted
        double[] sampled = java.util.stream.IntStream.range(0, 100).filter(i -> i != 10 && i != 50 && i != 51).asDoubleStream()
                .toArray();
        TimeSpacing rate = new TimeSpacing(false);
        rate.add("s", sampled, new long[sampled.length]);
        assertThat(rate.gapsKept()).isEqualTo(2);
    }

    @Test
    void stepsAreSaidAsDurationsOrNumbers() {
        assertThat(TimeSpacing.step(7200, true)).isEqualTo("2 h");
        assertThat(TimeSpacing.step(90, true)).isEqualTo("1.5 min");
        assertThat(TimeSpacing.step(0.02, true)).isEqualTo("0.02 s");
        assertThat(TimeSpacing.step(86400 * 7, true)).isEqualTo("7 d");
        assertThat(TimeSpacing.step(0.5, false)).isEqualTo("0.5");
        assertThat(TimeSpacing.step(10, false)).isEqualTo("10");
        assertThat(TimeSpacing.step(100, false)).isEqualTo("100");
        assertThat(TimeSpacing.step(86400 * 100, true)).isEqualTo("100 d");
        assertThat(TimeSpacing.step(1.5e6, false)).isEqualTo("1.5e+06");
    }

    @Test
    void keystrokesEachAtTheirOwnPaceAreEventsNotRatesToResampleAndTheirLongPausesNoOutage() throws Exception {
        // a keystroke trial: each session typed at its own pace (rows regular enough within it), a 60 s hold in some; told to
        // resample 822 of 1144 sessions to one rate and that a 1-min pause was "an outage?"
        List<String> lines = new ArrayList<>(List.of("id,time,x,label"));
        java.util.Random random = new java.util.Random(3);
        for (int s = 0; s < 60; s++) {
            double pace = 150 * Math.exp(0.5 * random.nextGaussian());
            double t = 0;
            for (int k = 0; k < 30; k++) {
                lines.add(String.format(Locale.ROOT, "s%d,%.1f,%.3f,%s", s, t, random.nextDouble(), s % 2 == 0 ? "a" : "b"));
                t += pace * (1 + 0.1 * random.nextGaussian()) + (s % 3 == 0 && k == 3 + (s * 7) % 23 ? 60000 : 0);
            }
        }
        List<String> warned = warnings(Files.write(dir.resolve("keys.csv"), lines));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("rather than at a few fixed rates", "If the steps are events "
                + "(keystrokes, clicks, transactions), irregular spacing is their nature: keep them, and give the time between "
                + "events as a feature", "if they are samples of a signal, resample them to one rate first"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("20 of the 60 sequences have pauses in the time column 'time'",
                "the spacing is irregular throughout", "irregular spacing is their nature"));
        assertThat(warned).noneMatch(w -> w.contains("outage") || w.contains("row(s) are absent") || w.contains("than most"));
        // a few fixed rates are still a rate to resample to, with events named as the alternative
        List<String> rate = warnings(windows("rate.csv", i -> i == 3 ? 2 : 1, k -> false));
        assertThat(rate).anySatisfy(w -> assertThat(w).contains("than most", "resample them to one rate first",
                "if the steps are events (keystrokes, clicks, transactions)"));
    }
}
