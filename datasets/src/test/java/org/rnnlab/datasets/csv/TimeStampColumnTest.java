package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.Split;

/**
 * An ISO-8601 time column (a SQL export's timestamps) is read to check each sequence's order, as a numeric one is. A user's
 * try: such a column was refused, the advice ({@code --set time=none}) then let an {@code ORDER BY ts DESC} export and
 * duplicated rows through unchecked (accuracy 0.68 instead of 0.98, exit 0).
 */
class TimeStampColumnTest {

    @TempDir
    Path dir;

    private static CsvOptions noCarving() {
        return CsvOptions.defaults().withFractions(0, 0);
    }

    /** Sequences s0..s5 of 4 rows each, step t of sequence i at {@code time.apply(t)}; rows in file order as given. */
    private Path file(String name, IntFunction<String> time, boolean reversed, boolean duplicateRow) throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<String> sequence = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                sequence.add("s" + i + "," + time.apply(t) + "," + (i + t) + "," + (i % 2 == 0 ? "even" : "odd"));
            }
            if (reversed) {
                Collections.reverse(sequence);
            }
            if (duplicateRow && i == 2) {
                sequence.add(2, sequence.get(1));
            }
            rows.addAll(sequence);
        }
        rows.add(0, "sequence_id,time,x,label");
        return Files.write(dir.resolve(name), rows);
    }

    /** BigQuery's CSV export of a TIMESTAMP (a trial's predict refused it as "not a number or an ISO-8601 date-time"). */
    @Test
    void bigQueryTimestampsWithUtcAndOffsetsAfterASpaceAreInstants() throws IOException {
        TimeStamps.Time bq = TimeStamps.parse("2026-11-02 00:33:04.391000 UTC");
        TimeStamps.Time iso = TimeStamps.parse("2026-11-02T00:33:04.391Z");
        assertThat(bq).isEqualTo(iso);
        assertThat(bq.kind()).isEqualTo(TimeStamps.Kind.INSTANT);
        assertThat(TimeStamps.parse("2026-11-02 00:33:04 UTC")).isEqualTo(TimeStamps.parse("2026-11-02T00:33:04Z"));
        assertThat(TimeStamps.parse("2026-11-02 00:33:04GMT")).isEqualTo(TimeStamps.parse("2026-11-02T00:33:04Z"));
        assertThat(TimeStamps.parse("2026-11-02 01:33:04 +01:00")).isEqualTo(TimeStamps.parse("2026-11-02T00:33:04Z"));
        assertThat(TimeStamps.parse("2026-11-02 00:33:04 +00")).isEqualTo(TimeStamps.parse("2026-11-02T00:33:04Z"));
        assertThat(TimeStamps.parse("2026-11-02 UTC")).isNull(); // a date has no offset
        assertThat(TimeStamps.parse("2026-11-02 00:33:04 CET")).isNull();
        // a file of them reads as one written in ISO-8601
        Path f = file("bq.csv", t -> "2026-11-02 00:33:0" + t + ".391000 UTC", false, false);
        assertThat(CsvSequenceDataset.fromLongCsv(f, noCarving()).split(org.rnnlab.datasets.Split.TRAIN).examples()).hasSize(6);
    }

    @Test
    void isoDateTimesAreReadInEveryCommonSpelling() {
        assertThat(seconds("1970-01-02")).isEqualTo(86400);
        assertThat(seconds("1970-01-01T00:00:01.5Z")).isEqualTo(1);
        assertThat(TimeStamps.parse("1970-01-01T00:00:01.5Z").nanos()).isEqualTo(500_000_000);
        assertThat(seconds("1970-01-01 01:00:00+01")).isZero();
        assertThat(seconds("1970-01-01T01:30:00+0130")).isZero();
        assertThat(seconds("1970-01-01T01:30+01:30")).isZero();
        assertThat(seconds("2024-03-22T17:00:00Z")).isEqualTo(1711126800L);
        // pandas' datetime64[ns]: 1 ns apart is later (as doubles of seconds they compared equal)
        assertThat(TimeStamps.parse("2024-03-22T17:00:00.000000101Z").after(TimeStamps.parse("2024-03-22T17:00:00.000000100Z"))).isTrue();
        assertThat(TimeStamps.parse("2024-03-22T17:00:00.000000100Z").after(TimeStamps.parse("2024-03-22T17:00:00.000000100Z"))).isFalse();
        assertThat(TimeStamps.parse("12.5").value()).isEqualTo(12.5);
        // ISO week dates, as retail and ERP exports write weeks (a trial's '2021-W52' was "not an ISO-8601 date-time"):
        // the Monday of the week, or the day given
        assertThat(seconds("2024-W01")).isEqualTo(java.time.LocalDate.of(2024, 1, 1).toEpochDay() * 86400);
        assertThat(seconds("2021-W52")).isEqualTo(java.time.LocalDate.of(2021, 12, 27).toEpochDay() * 86400);
        assertThat(seconds("2020W53")).isEqualTo(java.time.LocalDate.of(2020, 12, 28).toEpochDay() * 86400);
        assertThat(seconds("2024-W01-3")).isEqualTo(java.time.LocalDate.of(2024, 1, 3).toEpochDay() * 86400);
        assertThat(TimeStamps.parse("2021-W53")).as("2021 has 52 ISO weeks").isNull();
        assertThat(TimeStamps.parse("2024-W01").after(TimeStamps.parse("2023-W52"))).isTrue();
        assertThat(TimeStamps.parse("2024-03-22T17:00:00Z").kind()).isEqualTo(TimeStamps.Kind.INSTANT);
        assertThat(TimeStamps.parse("2024-03-22 17:00:00").kind()).isEqualTo(TimeStamps.Kind.LOCAL);
        assertThat(TimeStamps.parse("2024-03-22").kind()).isEqualTo(TimeStamps.Kind.LOCAL);
        assertThat(TimeStamps.parse("12.5").kind()).isEqualTo(TimeStamps.Kind.NUMBER);
        for (String notTime : List.of("2024-13-01", "2024-02-30T00:00:00", "03/22/2024", "2024-03-22T", "2024-03-22 17h", "today", "")) {
            assertThat(TimeStamps.parse(notTime)).as(notTime).isNull();
        }
    }

    @Test
    void isoTimesInOrderLoadAndOutOfOrderOrRepeatedAreRefusedWithTheLine() throws IOException {
        IntFunction<String> utc = t -> "2024-03-22T17:0" + t + ":00Z";
        SequencesRead read = read(file("ok.csv", utc, false, false));
        assertThat(read.train()).isEqualTo(6);

        Path descending = file("desc.csv", utc, true, false); // ORDER BY ts DESC
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(descending, noCarving()))
                .hasMessageContaining("desc.csv:3: time 2024-03-22T17:02:00Z of sequence 's0' does not increase after line 2");
        Path repeated = file("dup.csv", utc, false, true); // a join that repeats a row
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(repeated, noCarving()))
                .hasMessageContaining("dup.csv:12: time 2024-03-22T17:01:00Z of sequence 's2' does not increase after line 11");

        // predict reads the model's time column the same way
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(file("ok2.csv", utc, false, false), noCarving()).schema();
        assertThat(NewData.csv(file("new.csv", utc, false, false), schema, false).values()).hasSize(6);
        assertThatThrownBy(() -> NewData.csv(descending, schema, false)).hasMessageContaining("does not increase");
    }

    @Test
    void offsetsAreComparedAsInstants() throws IOException {
        // 17:00+02:00 is 15:00Z, before 15:30Z: in order although the wall-clock times as written decrease
        IntFunction<String> zoned = t -> t % 2 == 0 ? "2024-03-22T" + (17 + t / 2) + ":00:00+02:00" : "2024-03-22 " + (15 + t / 2) + ":30:00Z";
        assertThat(read(file("zoned.csv", zoned, false, false)).train()).isEqualTo(6);
        IntFunction<String> local = t -> "2024-03-22 17:00:0" + t + ".25";
        assertThat(read(file("local.csv", local, false, false)).train()).isEqualTo(6);
        IntFunction<String> dates = t -> "2024-03-2" + t;
        assertThat(read(file("dates.csv", dates, false, false)).train()).isEqualTo(6);
    }

    @Test
    void aColumnMixingKindsIsRefusedNamingBothLines() throws IOException {
        Path mixed = file("mixed.csv", t -> t < 2 ? "2024-03-22T17:0" + t + ":00Z" : "2024-03-22T17:0" + t + ":00", false, false);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(mixed, noCarving()))
                .hasMessageContaining("mixed.csv:4: time '2024-03-22T17:02:00' in column 'time' is one of dates or date-times "
                        + "without an offset, where line 2 holds date-times with an offset")
                .hasMessageContaining("export them all in UTC");
        Path numbers = file("numbers.csv", t -> t < 3 ? String.valueOf(t) : "2024-03-22", false, false);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(numbers, noCarving()))
                .hasMessageContaining("numbers.csv:5: time '2024-03-22' in column 'time' is one of dates or date-times without an "
                        + "offset, where line 2 holds numbers (expected one kind in the column: numbers or date-times, not both)");
    }

    private static long seconds(String written) {
        return TimeStamps.parse(written).seconds();
    }

    @Test
    void packetsOfOneMicrosecondAreReadInFileOrderAndSaid() throws Exception {
        // a trial's packet captures: two packets of a flow at the same epoch microsecond refused the whole capture
        StringBuilder csv = new StringBuilder("uid,ts,len,label\n");
        for (int i = 0; i < 12; i++) {
            for (int t = 0; t < 10; t++) {
                double ts = 1733443424.000001 + i + (t == 5 && i % 3 == 0 ? 4 : t) * 0.000013;
                csv.append(String.format(java.util.Locale.ROOT, "f%d,%.6f,%d,%s%n", i, ts, 60 + 7 * t + i, i % 2 == 0 ? "scan" : "benign"));
            }
        }
        Path packets = Files.writeString(dir.resolve("packets.csv"), csv);
        CsvOptions o = noCarving().withColumns(Column.named("uid"), Column.named("ts"), Column.named("label"));
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        List<String> warned = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> read[0] = CsvSequenceDataset.fromLongCsv(packets, o));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("packets.csv: 4 row(s) of 4 sequence(s) have the time of the row "
                + "before in the time column 'ts' (e.g. 'f0' at line 7): they are read in file order"));
        CsvSequence f0 = CsvSequenceDataset.readAll(packets, read[0].schema(), true, new ArrayList<>()).get(0);
        assertThat(f0.values()).hasNumberOfRows(10);
        assertThat(f0.values()[5][0]).isEqualTo(95f); // the tied row where the file has it
        // half of a sequence's rows at one time (channels, two recordings): refused as before
        StringBuilder half = new StringBuilder("uid,ts,len,label\n");
        for (int t = 0; t < 6; t++) {
            half.append(String.format(java.util.Locale.ROOT, "a,%.6f,%d,x%n", 0.5 + t / 2 * 0.25, t));
            half.append(String.format(java.util.Locale.ROOT, "b,%.6f,%d,y%n", 0.5 + t * 0.25, t));
        }
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(Files.writeString(dir.resolve("half.csv"), half), o))
                .hasMessageContaining("half.csv:").hasMessageContaining("of sequence 'a' does not increase");
    }

    @Test
    void transactionsOfOneSecondAreEventsReadInFileOrderAndSamplesAtARateStayRefused() throws Exception {
        // a fraud trial's card transactions at whole seconds: two purchases in one second were refused, with the advice to
        // keep one or average them
        java.util.Random random = new java.util.Random(3);
        StringBuilder csv = new StringBuilder("account,ts,amount,label\n");
        for (int i = 0; i < 10; i++) {
            java.time.Instant t = java.time.Instant.parse("2024-03-01T10:00:00Z");
            for (int k = 0; k < 12; k++) {
                t = t.plusSeconds(k == 6 && i == 4 ? 0 : 1 + (long) (-Math.log(1 - random.nextDouble()) * 3600));
                csv.append(String.format(java.util.Locale.ROOT, "a%d,%s,%.2f,%s%n", i, t, 5 + 100 * random.nextDouble(),
                        i % 2 == 0 ? "fraud" : "legit"));
            }
        }
        // an account of two purchases in one second and a third: too short to judge alone, the file's accounts decide
        csv.append("short,2024-03-01T10:00:00Z,5.00,fraud\nshort,2024-03-01T10:00:00Z,7.50,fraud\nshort,2024-03-01T11:00:00Z,1.00,fraud\n");
        // and one of 3 distinct gaps that look regular by chance (300 s, 240 s): too few to judge alone (a review)
        csv.append("four,2024-03-01T10:00:00Z,5.00,legit\nfour,2024-03-01T10:05:00Z,7.50,legit\nfour,2024-03-01T10:05:00Z,1.00,legit\n"
                + "four,2024-03-01T10:09:00Z,2.00,legit\n");
        Path tx = Files.writeString(dir.resolve("tx.csv"), csv);
        CsvOptions o = noCarving().withColumns(Column.named("account"), Column.named("ts"), Column.named("label"));
        List<String> warned = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(tx, o));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("tx.csv: 3 row(s) of 3 sequence(s) have the time of the row "
                + "before in the time column 'ts' (e.g. 'a4' at line", "transactions of one second"));
        // the same tie in readings every minute: a time written twice, refused as before
        StringBuilder regular = new StringBuilder("account,ts,amount,label\n");
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 12; k++) {
                regular.append(String.format(java.util.Locale.ROOT, "a%d,2024-03-01T10:%02d:00Z,%d,%s%n", i, k == 6 && i == 1 ? 5 : k,
                        k * 3 + i, i % 2 == 0 ? "p" : "q"));
            }
        }
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(Files.writeString(dir.resolve("minutes.csv"), regular), o))
                .hasMessageContaining("minutes.csv:").hasMessageContaining("of sequence 'a1' does not increase")
                .hasMessageContaining("in a sequence sampled at a rate");
        // a short sequence's tie among readings every minute: refused once the file is read
        StringBuilder shortTie = new StringBuilder("account,ts,amount,label\n");
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 12; k++) {
                shortTie.append(String.format(java.util.Locale.ROOT, "a%d,2024-03-01T10:%02d:00Z,%d,%s%n", i, k, k * 3 + i,
                        i % 2 == 0 ? "p" : "q"));
            }
        }
        shortTie.append("b,2024-03-01T10:00:00Z,1,p\nb,2024-03-01T10:00:00Z,2,p\nb,2024-03-01T10:01:00Z,3,p\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(Files.writeString(dir.resolve("minutes2.csv"), shortTie), o))
                .hasMessageContaining("of sequence 'b' does not increase");
    }

    @Test
    void sameSecondEventsOfALongSequenceCostNoRefusalsWords() throws Exception {
        // a learning-analytics trial: a binge learner's 20,000 clicks, 6% in the second of the click before, took 137 s to
        // read instead of 5, as each accepted tie worded the refusal, which reads every time of the sequence again; counted,
        // not timed (a shared machine's timings are no test)
        java.util.Random random = new java.util.Random(7);
        StringBuilder csv = new StringBuilder("enrolment_id,event_time,duration,outcome\n");
        java.time.Instant t = java.time.Instant.parse("2025-09-01T08:00:00Z");
        int ties = 0;
        for (int k = 0; k < 3000; k++) {
            boolean tie = k > 0 && random.nextDouble() < 0.06;
            ties += tie ? 1 : 0;
            t = t.plusSeconds(k == 0 || tie ? 0 : 1 + (long) (-Math.log(1 - random.nextDouble()) * 120));
            csv.append(String.format(java.util.Locale.ROOT, "binge,%s,%.3f,pass%n", t, 100 * random.nextDouble()));
        }
        for (int k = 0; k < 12; k++) {
            csv.append(String.format(java.util.Locale.ROOT, "short,2025-09-02T%02d:%02d:07Z,1.0,fail%n", 8 + k, k * 37 % 60));
        }
        Path clicks = Files.writeString(dir.resolve("clicks.csv"), csv);
        CsvOptions o = noCarving().withColumns(Column.named("enrolment_id"), Column.named("event_time"), Column.named("outcome"));
        long worded = CsvSequenceDataset.TIME_REFUSALS_WORDED.get();
        int expectedTies = ties;
        List<String> warned = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(clicks, o));
        assertThat(CsvSequenceDataset.TIME_REFUSALS_WORDED.get()).as("refusals worded for accepted ties").isEqualTo(worded);
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("clicks.csv: " + expectedTies + " row(s) of 1 sequence(s) have the "
                + "time of the row before in the time column 'event_time' (e.g. 'binge' at line"));
        // a refusal is still worded where it is thrown, the sequence's blocks read for it (a time that goes back)
        Path back = Files.writeString(dir.resolve("back.csv"), csv.toString().replaceFirst("(?m)^short,2025-09-02T09:37:07Z",
                "short,2025-09-02T07:37:07Z"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(back, o)).hasMessageContaining("time 2025-09-02T07:37:07Z of "
                + "sequence 'short' does not increase after line 3002 (expected the rows of a sequence in increasing time); rows only "
                + "out of order are sorted with pandas (the ids kept in the order they first appear, the order predict writes them): "
                + "df[\"event_time\"] = pd.to_datetime(df[\"event_time\"], utc=True)");
        assertThat(CsvSequenceDataset.TIME_REFUSALS_WORDED.get()).isEqualTo(worded + 1);
    }

    @Test
    void aSequenceLookingSampledAtARateAmongEventsHasItsTiesReadAsEventsAndSaid() throws Exception {
        // a learning-analytics trial: one enrolment of 22 clicks, 9 of its 18 gaps within 25% of their median, was judged
        // sampled at a rate alone, and its 3 same-second clicks refused a file whose sequences rnnlab called events (304 of 306)
        CsvOptions o = noCarving().withColumns(Column.named("enrolment_id"), Column.named("event_time"), Column.named("outcome"));
        String regular = regularLookingClicks();
        Path clicks = Files.writeString(dir.resolve("clicks.csv"), "enrolment_id,event_time,duration,outcome\n" + clicks(20, 0) + regular);
        List<String> warned = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> assertThat(CsvSequenceDataset.fromLongCsv(clicks, o).split(Split.TRAIN).size()).isEqualTo(21));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("clicks.csv: 1 sequence(s) with rows of the same time in the time "
                + "column 'event_time' look sampled at a rate alone (half or more of their steps within 25% of their usual one), "
                + "e.g. 'regular' at line 607, where 20 of the 21 sequences judged (2 or more steps between "
                + "distinct times) are events (irregular times): read as events too"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("clicks.csv: 3 row(s) of 1 sequence(s) have the time of the row before"));

        // among sequences sampled at a rate (readings every minute), the same sequence's ties stay refused, with the words
        // they had
        Path minutes = Files.writeString(dir.resolve("minutes.csv"), "enrolment_id,event_time,duration,outcome\n" + clicks(3, 0)
                + minutes(20) + regular);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(minutes, o))
                .hasMessageContaining("minutes.csv:" + (1 + 3 * 30 + 20 * 12 + 6) + ": time 2025-09-01T08:04:00Z of sequence 'regular' does "
                        + "not increase after line " + (3 * 30 + 20 * 12 + 6) + " (expected the rows of a sequence in increasing time) "
                        + "(two rows of the sequence at the same time, with other values, in a sequence sampled at a rate");
    }

    /** {@code n} enrolments of 30 clicks at whole seconds, Poisson gaps of about 2 minutes (events). */
    private static String clicks(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            java.time.Instant t = java.time.Instant.parse("2025-09-01T08:00:00Z");
            for (int k = 0; k < 30; k++) {
                t = t.plusSeconds(k == 0 ? 0 : 1 + (long) (-Math.log(1 - random.nextDouble()) * 120));
                csv.append(String.format(java.util.Locale.ROOT, "e%d,%s,%.2f,%s%n", i, t, 100 * random.nextDouble(),
                        i % 2 == 0 ? "pass" : "fail"));
            }
        }
        return csv.toString();
    }

    /** {@code n} sequences of 12 readings a minute apart (samples at a rate). */
    private static String minutes(int n) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 12; k++) {
                csv.append(String.format(java.util.Locale.ROOT, "m%d,2025-09-01T10:%02d:00Z,%d,%s%n", i, k, k + i,
                        i % 2 == 0 ? "pass" : "fail"));
            }
        }
        return csv.toString();
    }

    /**
     * An enrolment of 22 clicks: 18 gaps, 9 of a minute and 9 others (so half within 25% of their median, a minute: sampled
     * at a rate, as judged alone), and 3 clicks in the second of the click before, the first on its 6th row.
     */
    private static String regularLookingClicks() {
        long[] gaps = {60, 60, 60, 60, 0, 5, 60, 10, 0, 60, 15, 30, 60, 200, 0, 400, 60, 700, 60, 1000, 3000};
        StringBuilder csv = new StringBuilder();
        java.time.Instant t = java.time.Instant.parse("2025-09-01T08:00:00Z");
        csv.append("regular,").append(t).append(",1.00,pass\n");
        for (int k = 0; k < gaps.length; k++) {
            t = t.plusSeconds(gaps[k]);
            csv.append("regular,").append(t).append(',').append(k + 2).append(".00,pass\n");
        }
        return csv.toString();
    }

    @Test
    void aTimeGoingBackWhereAnotherColumnChangesSaysTheIdHoldsSeveralSequences() throws Exception {
        // a learning-analytics trial's --set sequenceId=student_id: a student's rows of several courses (sorted by student,
        // course, time) restart their time where course_id changes; the sort hint merged the courses, then a label changed
        CsvOptions o = noCarving().withColumns(Column.named("student_id"), Column.named("event_time"), Column.named("outcome"))
                .withFeatures(List.of(Column.named("duration")));
        String header = "student_id,course_id,event_time,resource,duration,outcome\n";
        String s1 = course("S0001", "HIST110", 0, "pass");
        Path sameLabel = Files.writeString(dir.resolve("courses.csv"), header + s1 + course("S0002", "HIST110", 0, "pass")
                + course("S0002", "PROG201", 1, "pass") + course("S0002", "MATH101", 2, "pass"));
        String several = "; the time goes back at line 42, where column 'course_id' changes ('HIST110' to 'PROG201'), constant "
                + "within each of the 3 pieces that the time parts this sequence into: the id column 'student_id' seems to hold "
                + "several sequences, one per 'course_id', read as one; give each its own id first (e.g. in pandas "
                + "df[\"student_id_course_id\"] = df[\"student_id\"].astype(str) + '_' + df[\"course_id\"].astype(str), then "
                + "--set sequenceId=student_id_course_id)";
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(sameLabel, o))
                .hasMessageContaining("courses.csv:42: time 2025-09-08T09:00:00Z of sequence 'S0002' does not increase after line 41 "
                        + "(expected the rows of a sequence in increasing time)" + several + "; rows only out of order are sorted");
        // courses of other outcomes: the label that changes is said to be another sequence's, not a label per time step
        Path otherLabels = Files.writeString(dir.resolve("outcomes.csv"), header + s1 + course("S0002", "HIST110", 0, "pass")
                + course("S0002", "PROG201", 1, "fail") + course("S0002", "MATH101", 2, "pass"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(otherLabels, o))
                .hasMessageContaining("sequence 'S0002' has label 'fail'").hasMessageContaining(several.substring(2))
                .hasMessageNotContaining("a label per time step");
        // an enrolment column beside them names each sequence alone: it is the id to read
        String enrolments = (s1 + course("S0002", "HIST110", 0, "pass") + course("S0002", "PROG201", 1, "pass"))
                .replaceAll("(?m)^(S\\d+),(\\w+),", "$1-$2,$1,$2,");
        Path withEnrolments = Files.writeString(dir.resolve("enrolments.csv"), "enrolment_id," + header + enrolments);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(withEnrolments, o)).hasMessageContaining("where column "
                + "'enrolment_id' changes ('S0002-HIST110' to 'S0002-PROG201'), constant within each of the 2 pieces that the time "
                + "parts this sequence into: the id column 'student_id' seems to hold several sequences, one per 'enrolment_id', "
                + "read as one; give each its own id first (column 'enrolment_id' names each alone: --set sequenceId=enrolment_id)");
        // one course's rows out of order: the sort hint alone
        String swapped = course("S0002", "HIST110", 0, "pass").replaceFirst("(?s)^((?:[^\n]*\n){4})([^\n]*\n)([^\n]*\n)", "$1$3$2");
        Path outOfOrder = Files.writeString(dir.resolve("swapped.csv"), header + s1 + swapped);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(outOfOrder, o)).hasMessageContaining("of sequence 'S0002' does "
                + "not increase").hasMessageContaining("rows only out of order are sorted").hasMessageNotContaining("several sequences");
    }

    /**
     * A student's 20 clicks in one course, from the morning of 2025-09-08 plus {@code start} hours, gaps of 1 s to 4 h and
     * a click in the second of the one before on the 3rd and 11th rows (so that the time's blocks are not channels).
     */
    private static String course(String student, String course, int start, String outcome) {
        java.util.Random random = new java.util.Random(student.hashCode() * 31L + course.hashCode());
        java.time.Instant t = java.time.Instant.parse("2025-09-08T08:00:00Z").plusSeconds(3600L * start);
        StringBuilder csv = new StringBuilder();
        for (int k = 0; k < 20; k++) {
            t = t.plusSeconds(k == 0 || k == 2 || k == 10 ? 0 : 1 + random.nextInt(4 * 3600));
            csv.append(String.format(java.util.Locale.ROOT, "%s,%s,%s,r%d,%.1f,%s%n", student, course, t, random.nextInt(50),
                    60 * random.nextDouble(), outcome));
        }
        return csv.toString();
    }

    @Test
    void aRepeatedLocalHourGetsTheDaylightSavingHint() throws IOException {
        // Europe's 2024 fall-back, written without an offset: 02:30 comes twice
        IntFunction<String> fallBack = t -> new String[] {"2024-10-27 02:00:00", "2024-10-27 02:30:00", "2024-10-27 02:00:00",
                "2024-10-27 02:30:00"}[t];
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file("dst.csv", fallBack, false, false), noCarving()))
                .hasMessageContaining("dst.csv:4: time 2024-10-27 02:00:00 of sequence 's0' does not increase after line 3")
                .hasMessageContaining("date-times without an offset repeat an hour where daylight saving time ends");
        // hourly data: the hour written twice, the same time (a trial's 2021-10-31T02:00:00 got no hint)
        IntFunction<String> hourly = t -> new String[] {"2021-10-31T01:00:00", "2021-10-31T02:00:00", "2021-10-31T02:00:00",
                "2021-10-31T03:00:00"}[t];
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file("dst-hourly.csv", hourly, false, false), noCarving()))
                .hasMessageContaining("does not increase after line 3")
                .hasMessageContaining("date-times without an offset repeat an hour where daylight saving time ends");
        // a step back of 15 min inside Europe's repeated hour (a trial's export, repeated times dropped): the hint, not the
        // advice to sort with utc=True, which for local times mixes the two hours
        IntFunction<String> quarter = t -> new String[] {"2026-10-25 02:00:00", "2026-10-25 02:30:00", "2026-10-25 02:45:00",
                "2026-10-25 02:30:00"}[t];
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file("dst-quarter.csv", quarter, false, false), noCarving()))
                .hasMessageContaining("time 2026-10-25 02:30:00 of sequence 's0' does not increase after line 4")
                .hasMessageContaining("date-times without an offset repeat an hour where daylight saving time ends")
                .hasMessageNotContaining("utc=True");
        // and in North America's (01:00-02:00 on 2024-11-03)
        IntFunction<String> american = t -> new String[] {"2024-11-03T00:45:00", "2024-11-03T01:15:00", "2024-11-03T01:45:00",
                "2024-11-03T01:30:00"}[t];
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file("dst-us.csv", american, false, false), noCarving()))
                .hasMessageContaining("date-times without an offset repeat an hour where daylight saving time ends");
        // the same step back the day before: rows out of order, the sort advice
        IntFunction<String> dayBefore = t -> new String[] {"2026-10-24 02:00:00", "2026-10-24 02:30:00", "2026-10-24 02:45:00",
                "2026-10-24 02:30:00"}[t];
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file("quarter-back.csv", dayBefore, false, false), noCarving()))
                .hasMessageContaining("does not increase").hasMessageContaining("sorted with pandas")
                .hasMessageNotContaining("utc=True").hasMessageNotContaining("daylight"); // local times sorted as local (trial 81a F3)
        // the same time at noon: a duplicated row, not daylight saving
        IntFunction<String> noon = t -> new String[] {"2021-10-31T11:00:00", "2021-10-31T12:00:00", "2021-10-31T12:00:00",
                "2021-10-31T13:00:00"}[t];
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file("dup-noon.csv", noon, false, false), noCarving()))
                .hasMessageContaining("does not increase").hasMessageNotContaining("daylight");
        IntFunction<String> days = t -> "2024-10-2" + (t == 2 ? 0 : t);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file("days.csv", days, false, false), noCarving()))
                .hasMessageContaining("does not increase").hasMessageNotContaining("daylight");
        // rows in descending order, 15 s apart: out of order, not daylight saving (the hint was given before)
        IntFunction<String> seconds = t -> "2024-03-02 13:11:" + (46 - 15 * t);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(file("desc-local.csv", seconds, false, false), noCarving()))
                .hasMessageContaining("does not increase").hasMessageNotContaining("daylight");
    }

    private SequencesRead read(Path f) throws IOException {
        var d = CsvSequenceDataset.fromLongCsv(f, noCarving());
        return new SequencesRead(d.split(Split.TRAIN).size());
    }

    private record SequencesRead(int train) {
    }
}
