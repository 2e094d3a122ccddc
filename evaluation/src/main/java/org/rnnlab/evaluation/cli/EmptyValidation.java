package org.rnnlab.evaluation.cli;

import java.util.Map;
import java.util.Optional;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * A validation split that was asked for ({@code validationFraction} above 0, carved from the training data) and came out
 * empty, and what gives one in its case: with {@code --set splitBy=time} and a group column, validation keeps only groups
 * without test sequences, so a larger fraction does not help, while a validation file, a carve of new groups at random or a
 * carve by time without the group column do (trial 68e, finding 5: "0 validation" was said only inside a count, early
 * stopping turned off unwarned, and {@code --calibrate}'s advice {@code --set validationFraction=0.2} led to another refusal).
 */
final class EmptyValidation {

    private EmptyValidation() {
    }

    /**
     * Whether {@code settings} (the {@code --set} of a run, or a provenance's parameters) carve by time with a group column
     * ({@code group} or {@code groupFrom}).
     */
    static boolean timeWithGroups(Map<String, String> settings) {
        String group = settings.get("group");
        return "time".equals(settings.get("splitBy") == null ? null : settings.get("splitBy").trim())
                && (group != null && !group.isBlank() && !group.equals("(none)") && !group.equals("none")
                || settings.get("groupFrom") != null);
    }

    /** What gives a validation split to a run of {@code settings}: consistent with the carve's rules. */
    static String remedy(Map<String, String> settings) {
        return timeWithGroups(settings)
                ? "give a validation file (--validation FILE), or leave out --set splitBy=time (new groups carved at random) "
                + "or the group column (later times)"
                : "hold some out (--set validationFraction=0.2, or --validation FILE)";
    }

    /**
     * The words of {@code data}'s empty validation split when its carve was asked for one ({@code validationFraction} above
     * 0 in its provenance), else empty: the fraction and why it came out empty; {@code pointed}: with a pointer to the
     * data warning that says more.
     */
    static Optional<String> asked(SequenceDataset data, boolean pointed) {
        if (data.split(Split.VALIDATION).size() > 0) {
            return Optional.empty();
        }
        Map<String, String> p = data.provenance().parameters();
        double fraction;
        try {
            fraction = Double.parseDouble(p.getOrDefault("validationFraction", "0"));
        } catch (NumberFormatException validationFile) { // "(validation file ...)": an empty file is the file's own matter
            return Optional.empty();
        }
        if (!(fraction > 0)) {
            return Optional.empty();
        }
        return Optional.of("the validation split is empty although validationFraction=" + fraction + " asked for one"
                + (timeWithGroups(p) ? " (with --set splitBy=time and a group column, validation keeps only groups without test "
                + "sequences, and the groups of the sequences carved by time as validation all have some" + (pointed
                ? ": the data warning above)" : ")") : pointed ? " (the data warnings above say why)" : ""));
    }
}
