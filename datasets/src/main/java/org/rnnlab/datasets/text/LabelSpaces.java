package org.rnnlab.datasets.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.datasets.LabelCheck;

/**
 * Labels of a text file written with white space around them ({@code 'crime '}, {@code " crime"}), which are read without
 * it, as the label they spell: counted per spelling so that the merge is said, one line each (trial 77b: 3 labels
 * {@code 'crime '} were trained and scored as {@code 'crime'} without a word, while {@code 'Sci-Fi'} beside {@code 'scifi'}
 * was warned of, so the one reinterpretation of a label that rnnlab makes was the one left unsaid). Other differences
 * (a no-break space, case) are not dropped: those stay labels of their own, warned of as spellings.
 */
public final class LabelSpaces {
    /** Lines per label as written (unquoted, white space kept), in the order first met. */
    private final Map<String, Long> counts = new LinkedHashMap<>();

    /**
     * Counts a label as the file writes it (quotes removed, white space kept) when the label read, {@code written} without
     * the white space around it, differs from it.
     */
    public void add(String written) {
        if (written != null && !written.strip().equals(written) && !written.isBlank()) {
            counts.merge(written, 1L, Long::sum);
        }
    }

    /** Whether no label was written with white space around it. */
    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /**
     * One line per spelling, {@code 3 labels 'crime ' read as 'crime' (white space around it dropped)}, the labels shown as
     * messages show them ({@link LabelCheck#quoted}: other white space as escapes); empty when there are none.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        counts.forEach((written, n) -> out.add(n + (n == 1 ? " label " : " labels ") + LabelCheck.quoted(written) + " read as "
                + LabelCheck.quoted(written.strip()) + " (white space around it dropped)"));
        return out;
    }
}
