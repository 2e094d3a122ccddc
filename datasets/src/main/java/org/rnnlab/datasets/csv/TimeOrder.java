package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.StratifiedSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequences' order in time across the split, from each sequence's first time ({@link CsvSequence.Times}): a carve of
 * the latest sequences as validation and test ({@code --set splitBy=time}), a warning when a carve at random mixes dates
 * over a long span, and whether a given test part starts after all training (a split by time). A quant's trial: two years
 * of daily windows carved at random tested on dates before training ones without a word, and a correct time-ordered split
 * column of the same 40 instruments was called "optimistic for new groups" with a fix that discarded its time order.
 */
final class TimeOrder {
    private static final Logger LOG = LoggerFactory.getLogger(CsvSequenceDataset.class);
    /**
     * A carve at random is noted when the sequences' first times span this long or more (and {@link #SPAN_TO_DURATION}
     * times their median duration): data gathered over a month or more are ones whose later dates a model may be meant to
     * predict; a few hours or days of sessions are not noted.
     */
    static final Duration NOTED_SPAN = Duration.ofDays(30);
    /** ... and this many times the median sequence's duration: month-long recordings started over two months are not noted. */
    static final double SPAN_TO_DURATION = 10;

    private TimeOrder() {
    }

    /**
     * Validation and test as the latest sequences by first time: test the latest {@code round(N * testFraction)},
     * validation the {@code round(N * validationFraction)} before it; sequences that start at the same time as the first
     * of a later part join it (so every test sequence starts after every training one); training in a seeded shuffled order.
     *
     * @throws DatasetFormatException when the sequences have no times, all start at one time, or no training is left
     */
    static StratifiedSplitter.Parts<Integer> carve(Path trainFile, List<CsvSequence> train, double validationFraction,
                                                   double testFraction, long seed, String timeColumn) {
        if (train.stream().anyMatch(q -> q.times() == null)) {
            throw new IllegalArgumentException("csv: --set splitBy=time carves the latest sequences by their time column, but "
                    + trainFile + " is read without one (" + (timeColumn == null ? "--set time=none, or no column named time"
                    : "the folder layout") + "): name it with --set time=COLUMN in the long layout, or carve at random "
                    + "(leave out splitBy)");
        }
        int n = train.size();
        double[] first = train.stream().mapToDouble(q -> q.times().first()).toArray();
        if (Arrays.stream(first).distinct().count() < 2) {
            throw new DatasetFormatException(trainFile, "--set splitBy=time: every sequence starts at time " + show(first[0],
                    train.get(0).times().dateTimes(), utc(train)) + " in time column " + timeColumn + ", so their times give no order between "
                    + "sequences (times counted from each sequence's start?); carve at random (leave out splitBy) or give a "
                    + "split column");
        }
        List<Integer> byTime = IntStream.range(0, n).boxed().sorted(Comparator.<Integer>comparingDouble(i -> first[i])
                .thenComparingInt(i -> i)).toList();
        int testStart = cut(byTime, first, n, (int) Math.round(n * testFraction));
        int validationStart = cut(byTime, first, testStart, (int) Math.round(n * validationFraction));
        if (validationStart == 0) {
            throw new DatasetFormatException(trainFile, "--set splitBy=time leaves no training sequences: the latest "
                    + Math.round(100 * (validationFraction + testFraction)) + "% of the " + n + " sequences, with those that start "
                    + "at the same time, are all of them (" + (n - testStart) + " test, " + (testStart - validationStart)
                    + " validation); give smaller fractions or more distinct start times");
        }
        List<Integer> trainPart = new ArrayList<>(byTime.subList(0, validationStart));
        Collections.shuffle(trainPart, new Random(seed));
        List<Integer> validation = byTime.subList(validationStart, testStart);
        List<Integer> test = byTime.subList(testStart, n);
        java.util.Set<String> trained = new java.util.HashSet<>();
        trainPart.forEach(i -> trained.add(train.get(i).label()));
        List<String> untrained = train.stream().map(CsvSequence::label).filter(l -> l != null && !trained.contains(l)).distinct()
                .sorted().toList();
        if (!untrained.isEmpty()) { // a class that only the latest period holds (a carve at random keeps one in training)
            LOG.warn("csv {}: class(es) {} have no training sequence after the carve by time (--set splitBy=time): all their "
                    + "sequences start in the latest {}%, so the model cannot learn them (their recall is 0); give smaller "
                    + "fractions, or more data of them from earlier times", trainFile, org.rnnlab.datasets.LabelCheck.listed(untrained),
                    Math.round(100 * (validationFraction + testFraction)));
        }
        // ties widen a part over the sequences starting at its first's time: say so when it is far from the share asked (a
        // review: 3 session dates gave 100/100/100 for 15%/15%, said at INFO)
        int testCount = n - testStart;
        int validationCount = testStart - validationStart;
        long testAsked = Math.round(n * testFraction);
        long validationAsked = Math.round(n * validationFraction);
        if (testCount > 1.5 * testAsked + 1 || validationCount > 1.5 * validationAsked + 1) {
            LOG.warn("csv {}: the carve by time (--set splitBy=time) took {} test and {} validation sequences of {} where {} and {} "
                    + "were asked: sequences that start at the same time stay together, and many start at one time here; training "
                    + "keeps {} ({}%); give other fractions, or a split column by date", trainFile, testCount, validationCount, n,
                    testAsked, validationAsked, validationStart, Math.round(100.0 * validationStart / n));
        }
        for (String[] empty : new String[][] {{"validation", "validationFraction", validationAsked == 0 && validationFraction > 0
                ? Double.toString(validationFraction) : null}, {"test", "testFraction", testAsked == 0 && testFraction > 0
                ? Double.toString(testFraction) : null}}) {
            if (empty[2] != null) { // 3 sequences at 15%: the asked split vanished unsaid (trial 68e, finding 5)
                LOG.warn("csv {}: the carve by time (--set splitBy=time) gives no {} sequences although --set {}={} asked for "
                        + "some: {} of the {} sequences is under a half, which rounds to none; give a larger {} or --{} FILE",
                        trainFile, empty[0], empty[1], empty[2], empty[2], n, empty[1], empty[0]);
            }
        }
        boolean dateTimes = train.get(0).times().dateTimes();
        boolean utc = utc(train);
        LOG.info("csv: carved by time column {} (--set splitBy=time): {} training sequences starting {} to {}{}{}", timeColumn,
                trainPart.size(), show(first[byTime.get(0)], dateTimes, utc), show(first[byTime.get(validationStart - 1)], dateTimes, utc),
                validation.isEmpty() ? "" : ", " + validation.size() + " validation from " + show(first[validation.get(0)], dateTimes, utc),
                test.isEmpty() ? "" : ", " + test.size() + " test from " + show(first[test.get(0)], dateTimes, utc));
        return new StratifiedSplitter.Parts<>(trainPart, validation, test);
    }

    /**
     * With a group column beside {@code --set splitBy=time}, the carve by time made group-disjoint: training leaves out the
     * sequences of groups that have validation or test sequences, and validation those of groups that have test sequences,
     * so the test is of later times and of groups the model never saw (a clinical trial: the stays of later admissions, of
     * patients not in training, had to be cut by hand, since the two settings were refused together). The sequences left
     * out are in no split, and said with their counts.
     *
     * @throws DatasetFormatException when no training sequence is left
     */
    static StratifiedSplitter.Parts<Integer> newGroupsOnly(Path trainFile, List<CsvSequence> train, StratifiedSplitter.Parts<Integer> parts,
                                                           String groupColumn, double validationFraction,
                                                           java.util.function.IntFunction<String> labelOf) {
        java.util.Set<String> testGroups = new java.util.HashSet<>();
        parts.test().forEach(i -> testGroups.add(train.get(i).group()));
        java.util.Set<String> laterGroups = new java.util.HashSet<>(testGroups);
        parts.validation().forEach(i -> laterGroups.add(train.get(i).group()));
        List<Integer> trainPart = parts.train().stream().filter(i -> !laterGroups.contains(train.get(i).group())).toList();
        List<Integer> validation = parts.validation().stream().filter(i -> !testGroups.contains(train.get(i).group())).toList();
        int trainLeft = parts.train().size() - trainPart.size();
        int validationLeft = parts.validation().size() - validation.size();
        if (trainPart.isEmpty()) {
            // when only the validation carve empties training, say so: following "--set validationFraction=0.2" (the advice of
            // --calibrate without validation) ended here with no word of what to do instead (trial 68e, finding 5)
            long withoutValidation = java.util.stream.Stream.concat(parts.train().stream(), parts.validation().stream())
                    .filter(i -> !testGroups.contains(train.get(i).group())).count();
            throw new DatasetFormatException(trainFile, "--set splitBy=time with group column " + groupColumn + ": every training "
                    + "sequence belongs to a group that also has later (validation or test) sequences, so none is left to train on "
                    + "new groups' terms" + (withoutValidation == 0 ? " (every group has test sequences: the groups run on "
                    + "into the test period, so none lies wholly before it, whatever the validation fraction)"
                    : parts.validation().isEmpty() ? ""
                    : " (the validation carve, validationFraction=" + validationFraction + ", took sequences of every group that "
                    + "has no test ones: without it, by --set validationFraction=0 with or without a --validation FILE, training "
                    + "keeps " + withoutValidation + ")") + "; give smaller fractions, or leave out splitBy (new groups) or the "
                    + "group column (later times)");
        }
        if (validation.isEmpty() && !parts.validation().isEmpty()) {
            // the validation asked for vanished, said only as "0 validation" in a count (trial 68e, finding 5)
            long groups = parts.validation().stream().map(i -> train.get(i).group()).distinct().count();
            LOG.warn("csv {}: {}", trainFile, emptiedValidation(groupColumn, validationFraction, parts.validation().size(), groups));
        }
        if (trainLeft + validationLeft > 0) {
            long groups = java.util.stream.Stream.concat(parts.train().stream().filter(i -> laterGroups.contains(train.get(i).group())),
                    parts.validation().stream().filter(i -> testGroups.contains(train.get(i).group())))
                    .map(i -> train.get(i).group()).distinct().count();
            // said as a warning when training loses a fifth or more of its sequences (a review: many dropped, said at INFO)
            String words = "csv {}: --set splitBy=time with group column {}: {} training and {} validation sequence(s) of {} "
                    + "group(s) that also have later sequences are left out of every split, so that the test holds later times of "
                    + "groups the model never saw ({} training, {} validation, {} test sequences)";
            Object[] args = {trainFile, groupColumn, trainLeft, validationLeft, groups, trainPart.size(), validation.size(),
                    parts.test().size()};
            if (trainLeft * 5 >= parts.train().size()) {
                LOG.warn(words, args);
            } else {
                LOG.info(words, args);
            }
        }
        java.util.Set<String> trained = new java.util.HashSet<>();
        trainPart.forEach(i -> trained.add(labelOf.apply(i)));
        List<String> lost = java.util.stream.Stream.concat(validation.stream(), parts.test().stream()).map(labelOf::apply)
                .filter(l -> !trained.contains(l)).distinct().sorted().toList();
        if (!lost.isEmpty()) {
            LOG.warn("csv {}: class(es) {} have no training sequence once the groups with later sequences are left out (--set "
                    + "splitBy=time with group column {}): the model cannot learn them; give smaller fractions or more groups",
                    trainFile, org.rnnlab.datasets.LabelCheck.listed(lost), groupColumn);
        }
        return new StratifiedSplitter.Parts<>(new ArrayList<>(trainPart), validation, parts.test());
    }

    /**
     * The words of a validation split that {@code --set splitBy=time} with a group column emptied: the {@code carved}
     * sequences carved by time as validation, of {@code groups} groups, all belong to groups with test sequences.
     */
    static String emptiedValidation(String groupColumn, double validationFraction, int carved, long groups) {
        return "--set splitBy=time with group column " + groupColumn + " leaves no validation sequences although "
                + "validationFraction=" + validationFraction + " asked for some: the " + carved + " sequence(s) carved by time "
                + "as validation belong to " + groups + " group(s) that also have test sequences (they run on into the test "
                + "period), and validation keeps only groups the test does not hold; so early stopping is off and --calibrate "
                + "has nothing to fit on. A larger validationFraction reaches earlier sequences, and training loses their groups "
                + "whole; for a validation split give --validation FILE, or leave "
                + "out splitBy (validation and test of new groups carved at random, --set splitBy=random) or the group column "
                + "(validation and test of later times)";
    }

    /** Where the part of {@code count} latest of {@code byTime[0, end)} starts, moved earlier over sequences of its first's time. */
    private static int cut(List<Integer> byTime, double[] first, int end, int count) {
        if (count <= 0) {
            return end;
        }
        int start = Math.max(0, end - count);
        while (start > 0 && first[byTime.get(start - 1)] == first[byTime.get(start)]) {
            start--;
        }
        return start;
    }

    /**
     * Whether every sequence of {@code later} starts after every sequence of {@code earlier} starts: a split by time
     * (training before 2024-07-01, test from 2024-10-01). False when either has no times or is empty.
     */
    static boolean startsAfter(List<CsvSequence> earlier, List<CsvSequence> later) {
        if (earlier == null || later == null || earlier.isEmpty() || later.isEmpty()
                || earlier.stream().anyMatch(q -> q.times() == null) || later.stream().anyMatch(q -> q.times() == null)) {
            return false;
        }
        double lastStart = earlier.stream().mapToDouble(q -> q.times().first()).max().orElseThrow();
        return later.stream().allMatch(q -> q.times().first() > lastStart);
    }

    /**
     * Warns that a carve at random of sequences with date-times spanning {@link #NOTED_SPAN} or more, and
     * {@link #SPAN_TO_DURATION} times their median duration or more, tests on dates before some training dates: a
     * forecaster's test then is not on later data, which {@code --set splitBy=time} gives. A warning, so that it is among
     * the run's data warnings (data-warnings.txt) and qualifies the test score: a parcel carrier's trial, 18 months of
     * shipments carved at random, read the note among other INFO lines and a test accuracy of 0.9748 without a word.
     * Only of the parts carved: with a test file ({@code testCarved} false; {@code test} its sequences, {@code trained} the
     * training ones) the carved validation is noted at INFO, as it does not touch the test score (an agronomist's trial: a
     * test file of the next season was called carved at random, "optimistic for later dates").
     */
    static void warnRandomCarve(Path trainFile, List<CsvSequence> train, String timeColumn, boolean validationCarved,
                                boolean testCarved, List<CsvSequence> trained, List<CsvSequence> test) {
        if (!testCarved) {
            double[] span = noted(train);
            if (span != null && validationCarved) {
                LOG.info("csv {}: {}", trainFile, String.format(Locale.ROOT, "the sequences start from %s to %s (time column %s), "
                        + "%.0f days, and the validation sequences are carved at random from them: validation holds dates among "
                        + "the training ones, so the epoch kept is chosen on the period trained on%s", show(span[0], true, utc(train)),
                        show(span[1], true, utc(train)), timeColumn, (span[1] - span[0]) / 86400, testFileWords(trained, test)));
            }
            return;
        }
        String note = randomCarveNote(train, timeColumn, validationCarved);
        if (note != null) {
            LOG.warn("csv {}: {}", trainFile, note);
        }
    }

    /** {@link #warnRandomCarve} with both validation and test carved. */
    static void warnRandomCarve(Path trainFile, List<CsvSequence> train, String timeColumn) {
        warnRandomCarve(trainFile, train, timeColumn, true, true, List.of(), List.of());
    }

    /** What a note of a carved validation says of the test file: whether it starts after training (later dates). */
    private static String testFileWords(List<CsvSequence> trained, List<CsvSequence> test) {
        return startsAfter(trained, test) ? "; the test file's sequences start after every training one (later dates), which "
                + "validation does not mirror: --set splitBy=time carves the latest training sequences as validation"
                : "; the test data are a file of their own, not carved";
    }

    /**
     * As {@link #warnRandomCarve}, for a carve by group column {@code groupColumn} ({@code heldOut}: the validation and test
     * sequences it carved from {@code all}, {@code trained} the rest): the held-out groups are new, but when some of their
     * sequences start before the latest training start (machines running over the same period) the test still holds dates
     * among the training ones: fair for new groups at the same times, optimistic for later times. One warning, worded so.
     * A trial's 2 test machines of 12, all running over the same 40 days, were not warned of. Only of the parts carved
     * ({@code validationCarved}, {@code testCarved}): with a test file ({@code test}) a carved validation is noted at INFO.
     */
    static void warnRandomGroupCarve(Path trainFile, List<CsvSequence> all, List<CsvSequence> trained, List<CsvSequence> heldOut,
                                     String timeColumn, String groupColumn, boolean validationCarved, boolean testCarved,
                                     List<CsvSequence> test) {
        double[] span = noted(all);
        if (span == null || heldOut.isEmpty() || trained.isEmpty()
                || heldOut.stream().anyMatch(q -> q.times() == null) || trained.stream().anyMatch(q -> q.times() == null)) {
            return;
        }
        double lastTrainStart = trained.stream().mapToDouble(q -> q.times().first()).max().orElseThrow();
        if (heldOut.stream().noneMatch(q -> q.times().first() < lastTrainStart)) {
            return; // the held-out groups all start after training's: later times too
        }
        boolean utc = utc(all);
        if (!testCarved) {
            LOG.info("csv {}: {}", trainFile, String.format(Locale.ROOT, "the sequences start from %s to %s (time column %s), "
                    + "%.0f days, and the validation sequences are carved at random by group column %s: the validation groups "
                    + "are new, but their dates lie among the training groups', so the epoch kept is chosen on new %s values "
                    + "over the period trained on%s", show(span[0], true, utc), show(span[1], true, utc), timeColumn,
                    (span[1] - span[0]) / 86400, groupColumn, groupColumn, testFileWords(trained, test)));
            return;
        }
        LOG.warn("csv {}: {}", trainFile, String.format(Locale.ROOT, "the sequences start from %s to %s (time column %s), %.0f "
                + "days, and the " + (validationCarved ? "validation and test" : "test") + " sequences are carved at random by "
                + "group column %s: the test groups are new, "
                + "but their dates lie among the training groups' (" + CsvSequenceDataset.RANDOM_CARVE_OF_DATES + "): a fair test "
                + "for new %s values over the same period, but a model that forecasts later data is scored on the past it trained "
                + "around; for later times use --set splitBy=time, which carves the latest sequences as test (with the group "
                + "column: later times of new groups)", show(span[0], true, utc), show(span[1], true, utc), timeColumn,
                (span[1] - span[0]) / 86400, groupColumn, groupColumn));
    }

    /** The first and last start of {@code train} when they span long enough for {@link #warnRandomCarve}, else null. */
    private static double[] noted(List<CsvSequence> train) {
        if (train.size() < 2 || train.stream().anyMatch(q -> q.times() == null || !q.times().dateTimes())) {
            return null;
        }
        double min = train.stream().mapToDouble(q -> q.times().first()).min().orElseThrow();
        double max = train.stream().mapToDouble(q -> q.times().first()).max().orElseThrow();
        double[] durations = train.stream().mapToDouble(q -> q.times().last() - q.times().first()).sorted().toArray();
        double median = durations[durations.length / 2];
        double span = max - min;
        return span < NOTED_SPAN.getSeconds() || span < SPAN_TO_DURATION * median ? null : new double[] {min, max};
    }

    /** The words of {@link #warnRandomCarve}, or null when the sequences do not span long enough (or have no date-times). */
    static String randomCarveNote(List<CsvSequence> train, String timeColumn) {
        return randomCarveNote(train, timeColumn, true);
    }

    /** {@link #randomCarveNote}, of the test alone when {@code validationCarved} is false (a validation file given). */
    static String randomCarveNote(List<CsvSequence> train, String timeColumn, boolean validationCarved) {
        double[] noted = noted(train);
        if (noted == null) {
            return null;
        }
        double min = noted[0];
        double max = noted[1];
        double span = max - min;
        boolean utc = utc(train);
        return String.format(Locale.ROOT, "the sequences start from %s to %s (time column %s), %.0f days, and the "
                + (validationCarved ? "validation and test" : "test") + " sequences are carved at random from them: "
                + CsvSequenceDataset.RANDOM_CARVE_OF_DATES + ", so a model that forecasts later data is scored on the past it "
                + "trained around; --set splitBy=time carves the latest sequences as test" + (validationCarved ? " (and those "
                + "before them as validation)" : ""), show(min, true, utc), show(max, true, utc), timeColumn, span / 86400);
    }

    /** A time for messages: a number, or a date-time as written (without an offset). */
    static String show(double time, boolean dateTimes) {
        return show(time, dateTimes, false);
    }

    /**
     * A time for messages: a number, or a date-time, {@code 2024-05-02 23:00:00}, followed by {@code UTC} when {@code utc}
     * (times written with an offset, counted in UTC: a series written {@code 2024-05-03T01:00:00+02:00} was shown as
     * "2024-05-02 23:00:00", which read as a local time 2 h off).
     */
    static String show(double time, boolean dateTimes, boolean utc) {
        if (!dateTimes) {
            return String.format(Locale.ROOT, "%.6g", time);
        }
        long seconds = (long) Math.floor(time);
        return java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)) + (utc ? " UTC" : "");
    }

    /** Whether the times of {@code sequences} were written with an offset (shown in UTC, said so): one kind per file. */
    static boolean utc(List<CsvSequence> sequences) {
        return !sequences.isEmpty() && sequences.get(0).times() != null && sequences.get(0).times().utc();
    }
}
