package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;

class UciHarLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsNineChannelsOf128StepsWithNamesLabelsAndSubjects() {
        Path root = HarFixtures.officialFolder(tmp.resolve("UCI HAR Dataset"));
        SequenceDataset har = UciHar.load(root, new UciHar.Options(0.0, 1));

        assertThat(har.name()).isEqualTo("har");
        assertThat(har.input().featureCount()).isEqualTo(9);
        assertThat(har.input().maxLength()).isEqualTo(128);
        assertThat(har.input().featureNames()).containsExactly("body_acc_x", "body_acc_y", "body_acc_z",
                "body_gyro_x", "body_gyro_y", "body_gyro_z", "total_acc_x", "total_acc_y", "total_acc_z");
        assertThat(har.labelNames()).containsExactly("WALKING", "WALKING_UPSTAIRS", "WALKING_DOWNSTAIRS", "SITTING",
                "STANDING", "LAYING");
        assertThat(har.split(Split.TRAIN).size()).isEqualTo(20);
        assertThat(har.split(Split.VALIDATION).size()).isZero();
        assertThat(har.split(Split.TEST).size()).isEqualTo(4);

        // the fixture's window w (numbered over train then test) holds w*1000 + channel*10 + step/1000
        for (Sequence s : har.split(Split.TRAIN).examples()) {
            int w = Math.round(s.values()[0][0] / 1000);
            assertThat(s.label()).isEqualTo(w % 6);
            assertThat(s.tags()).containsEntry("subject", new int[] {1, 3, 5, 6, 7}[w / 4]);
            assertThat(s.values()).hasDimensions(128, 9);
            assertThat((double) s.values()[77][4]).isCloseTo(HarFixtures.value(w, 77, 4), within(0.01));
            assertThat((double) s.values()[127][8]).isCloseTo(HarFixtures.value(w, 127, 8), within(0.01));
        }
        Set<Integer> testLabels = har.split(Split.TEST).examples().stream().map(Sequence::label).collect(Collectors.toSet());
        assertThat(testLabels).containsExactlyInAnyOrder(0, 5, 2, 3);
    }

    @Test
    void acceptsTheParentOfTheOfficialFolder() {
        HarFixtures.officialFolder(tmp.resolve("UCI HAR Dataset"));
        assertThat(UciHar.resolveFolder(tmp)).isEqualTo(tmp.resolve("UCI HAR Dataset"));
        assertThat(UciHar.load(tmp).split(Split.TEST).size()).isEqualTo(4);
    }

    @Test
    void aFolderWithoutTheLayoutIsRejectedWithTheExpectedFiles() {
        assertThatThrownBy(() -> UciHar.load(tmp)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(tmp.toString()).hasMessageContaining("activity_labels.txt");
    }

    @Test
    void validationIsCarvedFromTrainByVolunteerAndTestIsTheOfficialTest() {
        Path root = HarFixtures.officialFolder(tmp);
        for (long seed = 0; seed < 10; seed++) {
            SequenceDataset har = UciHar.load(root, new UciHar.Options(0.4, seed));
            Set<Integer> train = subjects(har.split(Split.TRAIN));
            Set<Integer> validation = subjects(har.split(Split.VALIDATION));
            assertThat(validation).hasSize(2);
            assertThat(train).hasSize(3).doesNotContainAnyElementsOf(validation);
            Set<Integer> all = new HashSet<>(train);
            all.addAll(validation);
            assertThat(all).containsExactlyInAnyOrder(1, 3, 5, 6, 7);
            assertThat(subjects(har.split(Split.TEST))).containsExactlyInAnyOrder(2, 4);
            assertThat(har.split(Split.TRAIN).size() + har.split(Split.VALIDATION).size()).isEqualTo(20);
            assertThat(har.provenance().parameters().get("validationVolunteers"))
                    .isEqualTo(validation.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }

    @Test
    void theSplitIsReproducibleBySeedAndTheOrderIsShuffled() {
        Path root = HarFixtures.officialFolder(tmp);
        SequenceDataset a = UciHar.load(root, new UciHar.Options(0.2, 7));
        SequenceDataset b = UciHar.load(root, new UciHar.Options(0.2, 7));
        assertThat(firstValues(a.split(Split.TRAIN))).isEqualTo(firstValues(b.split(Split.TRAIN)));
        assertThat(subjects(a.split(Split.VALIDATION))).isEqualTo(subjects(b.split(Split.VALIDATION)));
        List<Float> order = firstValues(a.split(Split.TRAIN));
        assertThat(order).isNotEqualTo(order.stream().sorted().toList());
        assertThat(a.limit(3).split(Split.TRAIN).examples()).hasSize(3);
        assertThat(UciHar.chooseValidationVolunteers(Set.of(1, 3, 5, 6, 7), UciHar.Options.defaults())).hasSize(1);
    }

    @Test
    void provenanceListsEveryFileWithItsSha256() throws Exception {
        Path root = HarFixtures.officialFolder(tmp);
        DatasetProvenance p = UciHar.load(root).provenance();
        assertThat(p.files()).hasSize(1 + 2 * (2 + 9));
        assertThat(p.seed()).isEqualTo(UciHar.Options.defaults().seed());
        for (DatasetProvenance.FileChecksum f : p.files()) {
            byte[] content = Files.readAllBytes(Path.of(f.path()));
            assertThat(f.bytes()).isEqualTo(content.length);
            assertThat(f.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
        assertThat(p.files()).anySatisfy(f -> assertThat(f.path()).endsWith("total_acc_z_test.txt"));
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new UciHar.Options(0.95, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validationFraction").hasMessageContaining("[0, 0.9]");
        assertThatThrownBy(() -> new UciHar.Options(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<Integer> subjects(SequenceSet set) {
        return set.examples().stream().map(s -> s.tags().get("subject")).collect(Collectors.toSet());
    }

    private static List<Float> firstValues(SequenceSet set) {
        return set.examples().stream().map(s -> s.values()[0][0]).toList();
    }
}
