package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.Split;

/**
 * Trial 77g: contract clauses with {@code --set group=contract_id} alone were carved stratified by class, 57 of 60 contracts
 * in training and test, unsaid, where a CSV group column keeps its groups apart; now a text group column does too, and the
 * carve by class ({@code --set splitBy=class}) is asked for and warned of. And train's refusal of empty texts names their
 * ids where the file has an id column, as predict and evaluate do.
 */
class TextGroupKeptApartTest {

    @TempDir
    Path dir;

    private static final String[] LABELS = {"liability", "termination", "payment"};

    /** 30 contracts of 10 clauses each, every label in every contract. */
    private Path clauses() throws Exception {
        List<String> lines = new ArrayList<>(List.of("clause_id\tcontract_id\tlabel\ttext"));
        int id = 0;
        for (int c = 0; c < 30; c++) {
            for (int i = 0; i < 10; i++) {
                String label = LABELS[i % LABELS.length];
                lines.add(String.format("CL%04d\tK%03d\t%s\t%s clause %d of contract word%d", id++, c, label, label, i, c));
            }
        }
        return Files.write(dir.resolve("clauses.tsv"), lines);
    }

    private static DatasetOptions options(Path file) {
        return DatasetOptions.defaults().withFiles(file, null).with("minFrequency", "1").with("idColumn", "clause_id")
                .with("group", "contract_id");
    }

    private static Map<String, Set<Split>> splitsOfGroups(TextDataset d) {
        Map<String, Set<Split>> out = new HashMap<>();
        for (Split s : Split.values()) {
            d.textGroups(s).forEach(g -> out.computeIfAbsent(g, k -> new HashSet<>()).add(s));
        }
        return out;
    }

    @Test
    void aGroupColumnAloneKeepsEachGroupInOneSplitAsACsvGroupColumnDoes() throws Exception {
        Path file = clauses();
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> Datasets.open("text", options(file)));
        TextDataset d = (TextDataset) Datasets.open("text", options(file));
        Map<String, Set<Split>> where = splitsOfGroups(d);
        assertThat(where).hasSize(30);
        assertThat(where.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(d.textGroups(Split.TEST)).isNotEmpty();
        assertThat(d.provenance().parameters()).containsEntry("group", "contract_id").containsEntry("splitBy", "group");
        assertThat(warned).noneMatch(w -> w.contains(TextDataset.SHARED_GROUPS));
        // splitBy=group, as written before, is the same carve
        TextDataset same = (TextDataset) Datasets.open("text", options(file).with("splitBy", "group"));
        assertThat(same.textIds(Split.TEST)).isEqualTo(d.textIds(Split.TEST));
    }

    @Test
    void theCarveByClassIsAskedForAndWarnedOfAsOptimisticForNewGroups() throws Exception {
        Path file = clauses();
        List<String> warned = LoggedWarnings.of(TextDataset.class, () -> Datasets.open("text", options(file).with("splitBy", "class")));
        TextDataset d = (TextDataset) Datasets.open("text", options(file).with("splitBy", "class"));
        Set<String> trained = new HashSet<>(d.textGroups(Split.TRAIN));
        long shared = d.textGroups(Split.TEST).stream().distinct().filter(trained::contains).count();
        assertThat(shared).isPositive();
        assertThat(d.provenance().parameters()).containsEntry("splitBy", "class");
        assertThat(warned).anySatisfy(w -> assertThat(w).contains(shared + " of the " + trained.size() + " groups of group column "
                + "contract_id " + TextDataset.SHARED_GROUPS, "carved stratified by class (--set splitBy=class)",
                "optimistic for new groups", "leave out splitBy (or --set splitBy=group) to hold whole groups out"));
        // a test file of the training file's contracts is said the same way
        List<String> lines = Files.readAllLines(file);
        Path train = Files.write(dir.resolve("train.tsv"), lines.subList(0, 201));
        List<String> test = new ArrayList<>(List.of(lines.get(0)));
        test.addAll(lines.subList(201, 301));
        test.set(1, test.get(1).replace("\tK020\t", "\tK001\t")); // one clause of training contract K001
        Path testFile = Files.write(dir.resolve("test.tsv"), test);
        List<String> fromFile = LoggedWarnings.of(TextDataset.class, () -> Datasets.open("text",
                DatasetOptions.defaults().withFiles(train, testFile).with("minFrequency", "1").with("idColumn", "clause_id")
                        .with("group", "contract_id").with("validationFraction", "0")));
        assertThat(fromFile).anySatisfy(w -> assertThat(w).contains("1 of the 20 groups of group column contract_id "
                + TextDataset.SHARED_GROUPS, "'K001'", "the test file " + testFile + " holds 1 of its 100 texts from them"));
    }

    @Test
    void splitByWithoutAGroupColumnOrOfAnotherValueIsRefused() throws Exception {
        Path file = clauses();
        DatasetOptions plain = DatasetOptions.defaults().withFiles(file, null).with("minFrequency", "1").with("idColumn", "clause_id");
        assertThatThrownBy(() -> Datasets.open("text", plain.with("splitBy", "class"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("splitBy=class needs a group column (--set group=COLUMN");
        assertThatThrownBy(() -> Datasets.open("text", options(file).with("splitBy", "time")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("splitBy=time is unknown for text")
                .hasMessageContaining("or class: the carve stratified by class");
    }

    @Test
    void emptyTextsAreRefusedByLineAndByIdWhereTheFileHasIds() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(clauses()));
        lines.set(19, lines.get(19).substring(0, lines.get(19).lastIndexOf('\t') + 1)); // CL0018 on line 20
        lines.set(198, lines.get(198).substring(0, lines.get(198).lastIndexOf('\t') + 1) + "   "); // CL0197 on line 199
        Path two = Files.write(dir.resolve("two.tsv"), lines);
        assertThatThrownBy(() -> Datasets.open("text", options(two))).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("2 lines have none: 20, 199 (ids CL0018, CL0197)");
        lines.set(198, lines.get(198) + "back");
        Path one = Files.write(dir.resolve("one.tsv"), lines);
        assertThatThrownBy(() -> Datasets.open("text", options(one))).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("one.tsv:20: the text of id 'CL0018' has no tokens");
        // a file without ids: lines only, as before
        Path plain = Files.writeString(dir.resolve("plain.tsv"), "food\tcake soup\nsport\t \nfood\tsoup\nsport\tball\nfood\t\n");
        assertThatThrownBy(() -> Datasets.open("text", DatasetOptions.defaults().withFiles(plain, null).with("minFrequency", "1")))
                .isInstanceOf(DatasetFormatException.class).hasMessageContaining("2 lines have none: 2, 5 (an empty text")
                .hasMessageNotContaining("ids");
    }
}
