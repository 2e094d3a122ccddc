package org.rnnlab.evaluation.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 90}, {@code 90s}, {@code 2m}, {@code 1h} or {@code 1m30s}. */
final class Durations {
    private Durations() {
    }

    /** Seconds in the text; {@code 0} means none. */
    static double seconds(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Double.parseDouble(t);
        }
        if (!t.matches("(\\d+(\\.\\d+)?[hms])+")) {
            throw new IllegalArgumentException("duration '" + text + "' must look like 90, 90s, 2m, 1h or 1m30s");
        }
        double total = 0;
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])").matcher(t);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> v * 3600;
                case "m" -> v * 60;
                default -> v;
            };
        }
        return total;
    }
}
