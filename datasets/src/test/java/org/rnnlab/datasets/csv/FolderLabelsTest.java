package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.Split;

/**
 * Labels (and groups) from the folders holding the files ({@code --set labelFrom=folder}, {@code --set groupFrom=folder:1}),
 * as a data-glove trial's {@code data/signerNN/L/repNN.csv} tree names them, without a labels file.
 */
class FolderLabelsTest {

    @TempDir
    Path dir;

    /** data/gG/L/rR.csv for 2 groups, labels a, b, c and 3 files each: 18 files of 4 steps, columns x,y. */
    static Path tree(Path root) throws IOException {
        Path data = Files.createDirectories(root);
        String[] labels = {"a", "b", "c"};
        for (int g = 1; g <= 2; g++) {
            for (int l = 0; l < labels.length; l++) {
                Path folder = Files.createDirectories(data.resolve("g" + g).resolve(labels[l]));
                for (int r = 1; r <= 3; r++) {
                    StringBuilder b = new StringBuilder("x,y\n");
                    for (int t = 0; t < 4; t++) {
                        b.append(String.format(Locale.ROOT, "%.2f,%.2f%n", l + 0.1 * r + 0.05 * (t % 2), g * 0.5 - 0.02 * (t % 3)));
                    }
                    Files.writeString(folder.resolve("r" + r + ".csv"), b.toString());
                }
            }
        }
        return data;
    }

    private static CsvSequenceDataset open(Path data, Map<String, String> settings) {
        return (CsvSequenceDataset) Datasets.open(Datasets.CSV, new DatasetOptions(data, null, null, 7, 0, null, settings, null));
    }

    private static List<String> all(Map<Split, List<String>> bySplit) {
        List<String> out = new ArrayList<>();
        bySplit.values().forEach(out::addAll);
        return out;
    }

    @Test
    void labelsAreTheHoldingFoldersIdsTheRelativePathsGroupsAnUpperLevel() throws IOException {
        Path data = tree(dir.resolve("data"));
        Map<String, String> settings = new TreeMap<>(Map.of("labelFrom", "folder", "groupFrom", "folder:1",
                "validationFraction", "0", "testFraction", "0.5"));
        CsvSequenceDataset d = open(data, settings);
        assertThat(d.labelNames()).containsExactly("a", "b", "c");
        List<String> ids = all(d.sequenceIds());
        assertThat(ids).hasSize(18).contains("g1/a/r1.csv", "g2/c/r3.csv");
        // whole groups: the test split is one signer's, training the other's
        assertThat(d.sequenceGroups().get(Split.TEST)).containsOnly(d.sequenceGroups().get(Split.TEST).get(0));
        assertThat(d.sequenceGroups().get(Split.TRAIN)).doesNotContainAnyElementsOf(d.sequenceGroups().get(Split.TEST));
        assertThat(d.sequenceGroups().get(Split.TRAIN)).hasSize(9);
        // each id's label is its folder's name
        for (Split s : Split.values()) {
            List<String> splitIds = d.sequenceIds().get(s);
            for (int i = 0; i < splitIds.size(); i++) {
                String folderName = splitIds.get(i).split("/")[1];
                assertThat(d.labelNames().get(d.split(s).get(i).label())).as(splitIds.get(i)).isEqualTo(folderName);
            }
        }
        // recorded with the other CSV settings, and in the model's data layout
        assertThat(d.provenance().parameters()).containsEntry("labelFrom", "folder").containsEntry("groupFrom", "folder:1");
        assertThat(d.schema().folderLabels()).isEqualTo(new FolderLabels("folder", "folder:1"));
        // the label as the first level's name: folder:2 is the holding folder here
        CsvSequenceDataset second = open(data, new TreeMap<>(Map.of("labelFrom", "folder:1", "testFraction", "0.34")));
        assertThat(second.labelNames()).containsExactly("g1", "g2");
    }

    @Test
    void aFileDirectlyInTheDataFolderIsRefusedNamed() throws IOException {
        Path data = tree(dir.resolve("data"));
        Files.writeString(data.resolve("loose.csv"), "x,y\n1,2\n");
        assertThatThrownBy(() -> open(data, new TreeMap<>(Map.of("labelFrom", "folder"))))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("--set labelFrom=folder").hasMessageContaining("1 file(s)")
                .hasMessageContaining("e.g. loose.csv, directly in the data folder (expected");
        Files.delete(data.resolve("loose.csv"));
        Files.writeString(data.resolve("g1").resolve("top.csv"), "x,y\n1,2\n"); // no label folder below g1 for folder:2
        assertThatThrownBy(() -> open(data, new TreeMap<>(Map.of("labelFrom", "folder", "groupFrom", "folder:2"))))
                .hasMessageContaining("--set groupFrom=folder:2")
                .hasMessageContaining("e.g. g1/top.csv, 1 folder level below the data folder (expected every .csv file at least 2 "
                        + "folder level(s) below the data folder");
    }

    @Test
    void aLabelsFileOrLabelSettingBesideIsRefusedNamingBoth() throws IOException {
        Path data = tree(dir.resolve("data"));
        assertThatThrownBy(() -> open(data, new TreeMap<>(Map.of("labelFrom", "folder", "label", "class"))))
                .hasMessageContaining("--set labelFrom=folder").hasMessageContaining("--set label=class");
        assertThatThrownBy(() -> open(data, new TreeMap<>(Map.of("groupFrom", "folder:1"))))
                .hasMessageContaining("--set groupFrom=folder:1").hasMessageContaining("labelFrom=folder");
        assertThatThrownBy(() -> open(data, new TreeMap<>(Map.of("labelFrom", "folder:0"))))
                .hasMessageContaining("labelFrom must be folder").hasMessageContaining("folder:0");
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "file,label\ng1/a/r1.csv,a\n");
        assertThatThrownBy(() -> Datasets.open(Datasets.CSV, new DatasetOptions(data, other, null, 7, 0, null,
                new TreeMap<>(Map.of("labelFrom", "folder")), null)))
                .hasMessageContaining("--set labelFrom=folder").hasMessageContaining("--train " + other);
        Files.writeString(data.resolve("labels.csv"), "file,label\ng1/a/r1.csv,a\n");
        assertThatThrownBy(() -> open(data, new TreeMap<>(Map.of("labelFrom", "folder"))))
                .hasMessageContaining("--set labelFrom=folder").hasMessageContaining(data.resolve("labels.csv").toString());
    }

    @Test
    void newDataOfATreeAreReadAsTrainingReadThem() throws IOException {
        Path data = tree(dir.resolve("data"));
        CsvSchema schema = open(data, new TreeMap<>(Map.of("labelFrom", "folder", "testFraction", "0.34"))).schema();
        Path batch = tree(dir.resolve("batch"));
        List<CsvSequence> labelled = CsvSequenceDataset.readAll(batch, schema, true, new ArrayList<>());
        assertThat(labelled).hasSize(18);
        assertThat(labelled).allSatisfy(c -> assertThat(c.id().split("/")[1]).isEqualTo(c.label()));
        // predict: files in any folder, labels not needed
        Files.writeString(batch.resolve("loose.csv"), "x,y\n1,2\n3,4\n");
        List<CsvSequence> unlabelled = CsvSequenceDataset.readAll(batch, schema, false, new ArrayList<>());
        assertThat(unlabelled).extracting(CsvSequence::id).hasSize(19).contains("loose.csv", "g2/b/r2.csv");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(batch, schema, true, new ArrayList<>()))
                .hasMessageContaining("loose.csv");
    }
}
