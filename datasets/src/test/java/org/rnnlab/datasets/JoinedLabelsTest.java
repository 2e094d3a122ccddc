package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.text.TextDataset;

class JoinedLabelsTest {

    @Test
    void labelsJoinedFromOtherLabelsAreNamedWithTheirCounts() {
        Map<String, Long> perLabel = new LinkedHashMap<>();
        perLabel.put("Billing", 3L); // a case variant, sorted first: the parts are named by the commoner spelling
        perLabel.put("billing", 300L);
        perLabel.put("refund", 250L);
        perLabel.put("other", 900L);
        perLabel.put("refund|billing", 12L);
        perLabel.put("billing|refund", 61L);
        perLabel.put("Damaged_item + refund", 5L);
        perLabel.put("damaged_item", 200L);
        String w = JoinedLabels.warning(perLabel, "lines").orElseThrow();
        assertThat(w).startsWith("3 label(s) look like other labels joined by '|', '+' ('billing|refund' 61, 'refund|billing' 12, "
                        + "'Damaged_item + refund' 5; 78 lines in all): rnnlab trains single-label classifiers, so each combination "
                        + "is a class of its own")
                .contains("apart from its parts ('billing', 'refund', 'damaged_item')")
                .contains("the same parts in another order are two classes ('billing|refund', 'refund|billing')")
                .contains("keep that one").contains("one yes/no model per label");
    }

    @Test
    void tagsWhosePartsNeverOccurAloneAreWarnedOfByTheirSharedParts() {
        // trial 78b F4: every fault row carries two tags, no part a label by itself: trained as 4 classes without a word
        Map<String, Long> perLabel = new LinkedHashMap<>();
        perLabel.put("none", 38L);
        perLabel.put("bearing;vibration", 25L);
        perLabel.put("seal;leak", 24L);
        perLabel.put("bearing;seal", 25L);
        String w = JoinedLabels.warning(perLabel, "training sequences").orElseThrow();
        assertThat(w).startsWith("3 label(s) look like tags of a multi-label export joined by ';' ('bearing;vibration' 25, "
                        + "'bearing;seal' 25, 'seal;leak' 24; 74 training sequences in all), their parts shared between labels "
                        + "('bearing' in 2, 'seal' in 2): rnnlab trains single-label classifiers, so each combination is a class of "
                        + "its own")
                .contains("one yes/no model per label");
        // parts of numbers only (thousands in bins) are no tags
        Map<String, Long> bins = new LinkedHashMap<>();
        bins.put("1,000-2,000", 10L);
        bins.put("2,000-3,000", 10L);
        bins.put("low", 10L);
        assertThat(JoinedLabels.warning(bins, "lines")).isEmpty();
    }

    @Test
    void namesAndHierarchiesWhoseSharedPartStaysInPlaceAreNoTags() {
        // trial 78h F3: operators 'Surname, First' sharing a surname were warned of as tags, with advice that merged them
        Map<String, Long> operators = new LinkedHashMap<>();
        for (String name : List.of("Doe, John", "Doe, Jane", "Smith, Anna", "Smith, Bob", "Lee, Kim", "Garcia, Luis")) {
            operators.put(name, 18L);
        }
        assertThat(JoinedLabels.warning(operators, "training sequences")).isEmpty();
        Map<String, Long> bins = new LinkedHashMap<>();
        bins.put("A;B", 10L);
        bins.put("A;C", 10L);
        bins.put("B;D", 10L); // 'B' second in one label, first in another: recombines
        assertThat(JoinedLabels.warning(bins, "training sequences")).isPresent();
        bins.remove("B;D");
        bins.put("E;D", 10L);
        assertThat(JoinedLabels.warning(bins, "training sequences")).isEmpty();
        // recombining tags: warned of, with the way to dismiss it, and without "the first part" where that merges labels
        Map<String, Long> tags = new LinkedHashMap<>();
        tags.put("bearing;vibration", 25L);
        tags.put("bearing;seal", 25L);
        tags.put("seal;leak", 24L);
        String w = JoinedLabels.warning(tags, "training sequences").orElseThrow();
        assertThat(w).contains("keep that one; for several labels per row").doesNotContain("the first part")
                .endsWith("if each label is one class whose name holds ';', name the classes with --set labelNames=... (a name "
                        + "holding a comma in double quotes) to say so and dismiss this warning");
        assertThat(JoinedLabels.warning(tags, "lines", false).orElseThrow()).endsWith("whose name holds ';', ignore this warning");
        Map<String, Long> apart = new LinkedHashMap<>();
        apart.put("seal;bearing", 25L);
        apart.put("bearing;vibration", 25L);
        assertThat(JoinedLabels.warning(apart, "lines").orElseThrow()).contains("keep that one (e.g. the first part)");
    }

    @Test
    void separatorsInOrdinaryLabelsAreNotWarnedOf() {
        Map<String, Long> perLabel = new LinkedHashMap<>();
        perLabel.put("n/a", 10L); // 'n' and 'a' are no labels
        perLabel.put("a", 10L);
        perLabel.put("good,bad", 10L);
        perLabel.put("good", 10L);
        perLabel.put("walk/run", 10L);
        perLabel.put("walk", 10L);
        perLabel.put("|", 3L);
        assertThat(JoinedLabels.warning(perLabel, "lines")).isEmpty();
    }

    @Test
    void aTextFileOfMultiIntentRowsIsWarnedOf(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder();
        String[] labels = {"billing", "refund", "other", "billing|refund", "refund|billing"};
        for (int i = 0; i < 100; i++) {
            String label = labels[i % labels.length];
            b.append(label).append('\t').append("ticket about ").append(label.replace('|', ' ')).append(" number ").append(i % 7)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("tickets.tsv"), b);
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> TextDataset.fromTsv(file, TextDataset.Config.defaults()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("2 label(s) look like other labels joined by '|' ('billing|refund' 20, "
                + "'refund|billing' 20; 40 lines in all)"));
    }
}
