package org.rnnlab.evaluation.cli;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;

/** Range checks of numeric options, with the option name the user typed (a usage error, exit 2). */
final class OptionChecks {

    private OptionChecks() {
    }

    /** {@code value} (when given) must be an integer in [min, max]. */
    static void range(CommandLine cl, String option, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new CommandLine.ParameterException(cl, option + " must be " + (max == Integer.MAX_VALUE ? ">= " + min
                    : "in [" + min + ", " + max + "]") + ", got " + value);
        }
    }

    /** {@code value} (when given) must be a finite number in (low, high) or [low, high). */
    static void range(CommandLine cl, String option, Double value, double low, boolean lowInclusive, double high) {
        if (value != null && (!Double.isFinite(value) || (lowInclusive ? value < low : value <= low) || value >= high)) {
            throw new CommandLine.ParameterException(cl, option + " must be a finite number " + (lowInclusive ? ">= " : "> ") + low
                    + (Double.isInfinite(high) ? "" : " and < " + high) + ", got " + value);
        }
    }

    /**
     * The options given on the command line other than {@code allowed}, by their longest names (for
     * --resume, which continues with the run's own settings).
     */
    static List<String> givenBesides(CommandLine cl, Set<String> allowed) {
        return cl.getParseResult().matchedOptions().stream().map(o -> o.longestName()).filter(n -> !allowed.contains(n)).toList();
    }

    /**
     * Parses an option's value, turning the parser's complaint into a usage error that names the option
     * (without the internal class and field names the message may start with).
     */
    static <T> T parse(CommandLine cl, String option, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage()).replaceFirst("^[A-Z][A-Za-z]*(\\.[A-Za-z]+)*\\.(?=[a-z])", "");
            throw new CommandLine.ParameterException(cl, option + " " + value + ": " + reason);
        }
    }

    /**
     * Refuses a comma-separated list option with an empty entry ({@code --cells ,gru}, {@code --cells gru,},
     * {@code --clip none,}, {@code lstm,,gru}), naming the option and the entry's position: such entries were dropped
     * unsaid, so a typo ran a comparison other than the one typed.
     */
    static void noEmptyEntries(CommandLine cl, String option, String value) {
        if (value == null) {
            return;
        }
        String[] entries = value.split(",", -1);
        if (java.util.Arrays.stream(entries).allMatch(String::isBlank)) { // --cells ' ': no entry to suggest a list of
            throw new CommandLine.ParameterException(cl, option + " '" + value + "': no value given (expected one or more values "
                    + "separated by single commas; leave " + option + " out for its default, see --help)");
        }
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].isBlank()) {
                throw new CommandLine.ParameterException(cl, option + " '" + value + "': entry " + (i + 1) + " of " + entries.length
                        + " is empty (expected values separated by single commas, e.g. " + option + " "
                        + String.join(",", java.util.Arrays.stream(entries).filter(e -> !e.isBlank()).map(String::strip).toList()) + ")");
            }
        }
    }

    /**
     * Refuses a list option that names one value twice ({@code --cells gru,gru}, {@code --clip l2:1,l2:1.0}): each entry is
     * a configuration of runs, and a repeat would count the same runs twice in the statistics.
     */
    static <T> void distinct(CommandLine cl, String option, List<T> values, Function<T, String> key) {
        Set<String> seen = new java.util.HashSet<>();
        for (T v : values) {
            if (!seen.add(key.apply(v))) {
                throw new CommandLine.ParameterException(cl, option + " names " + key.apply(v) + " twice (expected each at most once:"
                        + " a repeat would count the same runs twice)");
            }
        }
    }
}
