package org.rnnlab.datasets.csv;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The nights on which local clocks skip an hour where daylight saving time starts, for {@link TimeSpacing}: a step of the
 * usual one plus an hour across such an hour, in local date-times without an offset, is the clock's change, not an absent
 * row. A review: the earlier rule took any such step from 01:00-02:59 on any day of March, April or September to November
 * for the change, so the new absent-row counts lost every hour dropped at that time of day on some 150 days a year (hourly
 * windows with 97 rows absent were said to lack 93).
 *
 * <p>Decided: the column's own zone decides first (times with an offset or a {@code Z} never skip a step, so nothing is
 * excused there, {@link TimeStamps.Kind#LOCAL}); the file's zone is unknown otherwise, so the starts of the rules in use
 * in the last decades are accepted, each one night a year: the second Sunday of March (the United States, Canada, Cuba),
 * the last Sunday of March (Europe, Lebanon) and the Friday before it (Israel), the first Sunday of April (Mexico until
 * 2022, North America until 2006), the first and the last Sunday of September (Chile; New Zealand), the first and the last
 * Sunday of October (south-eastern Australia, Paraguay; Australia until 2007) and the first Sunday of November (Brazil
 * until 2018). The hour skipped starts at 00:00 (Chile, Cuba) to 03:00 (eastern Europe). Where clocks go back in autumn
 * an hour repeats: no step is longer, so nothing is excused then.
 */
final class DaylightSavingStarts {

    private DaylightSavingStarts() {
    }

    /**
     * Whether a step from local time {@code from} (seconds, as {@link TimeStamps} reads a date-time without an offset) of
     * {@code step} seconds, where the sequence's usual step is {@code usual}, is the usual step plus an hour skipped on a
     * night where daylight saving time starts: the hour from 00:00, 01:00, 02:00 or 03:00 of such a day lies within it.
     */
    static boolean skipped(double from, double step, double usual) {
        if (Math.abs(step - usual - 3600) > 1e-3) {
            return false;
        }
        double next = from + step;
        LocalDate day = LocalDateTime.ofEpochSecond((long) Math.floor(next), 0, ZoneOffset.UTC).toLocalDate();
        if (!starts(day)) {
            return false;
        }
        double midnight = day.toEpochSecond(java.time.LocalTime.MIDNIGHT, ZoneOffset.UTC);
        for (int hour = 0; hour <= 3; hour++) {
            double skippedFrom = midnight + hour * 3600.0;
            if (from < skippedFrom && next >= skippedFrom + 3600) {
                return true;
            }
        }
        return false;
    }

    /** Whether daylight saving time starts on {@code day} under one of the rules of the class comment. */
    static boolean starts(LocalDate day) {
        int month = day.getMonthValue();
        if (day.getDayOfWeek() == DayOfWeek.FRIDAY) { // Israel: the Friday before the last Sunday of March
            return month == 3 && day.plusDays(2).equals(last(day, DayOfWeek.SUNDAY));
        }
        if (day.getDayOfWeek() != DayOfWeek.SUNDAY) {
            return false;
        }
        boolean first = day.equals(first(day));
        boolean last = day.equals(last(day, DayOfWeek.SUNDAY));
        return switch (month) {
            case 3 -> day.equals(first(day).plusWeeks(1)) || last;
            case 4, 11 -> first;
            case 9, 10 -> first || last;
            default -> false;
        };
    }

    private static LocalDate first(LocalDate day) {
        return day.with(TemporalAdjusters.firstInMonth(DayOfWeek.SUNDAY));
    }

    private static LocalDate last(LocalDate day, DayOfWeek weekday) {
        return day.with(TemporalAdjusters.lastInMonth(weekday));
    }
}
