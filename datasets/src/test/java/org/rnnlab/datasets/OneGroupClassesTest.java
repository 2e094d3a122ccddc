package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSequenceDataset;

/** A class learnt from one of its several groups is named (a trial's rural class: 1 of its 4 stations in training). */
class OneGroupClassesTest {

    /** One item: its group and class. */
    private record Item(String group, String label) {
    }

    /** {@code windows} items of each group, all of {@code label}. */
    private static List<Item> items(String label, int windows, String... groups) {
        List<Item> out = new ArrayList<>();
        for (String g : groups) {
            for (int w = 0; w < windows; w++) {
                out.add(new Item(g, label));
            }
        }
        return out;
    }

    private static List<Item> concat(List<Item> a, List<Item> b) {
        List<Item> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aClassOfFourGroupsWithOneInTrainingIsNamedWithTheGroupKeptAndWhereTheOthersWent() {
        StratifiedSplitter.Parts<Item> parts = new StratifiedSplitter.Parts<>(
                concat(items("rural", 20, "Harz"), items("urban", 20, "Bochum", "Hannover", "Lyon")),
                concat(items("rural", 20, "Eifel", "Jura"), items("urban", 20, "Vitry")),
                items("rural", 20, "Rambouillet"));
        List<OneGroupClasses.Found<String>> found = OneGroupClasses.find(parts, Item::group, Item::label);
        assertThat(found).containsExactly(new OneGroupClasses.Found<>("rural", "Harz", 4, 2, 1));
    }

    @Test
    void twoTrainingGroupsOrAClassOfTwoGroupsAreNotNamed() {
        // 2 of 4 rural stations in training; a class of 2 groups that keeps 1 (its other one must be held out somewhere)
        StratifiedSplitter.Parts<Item> parts = new StratifiedSplitter.Parts<>(
                concat(items("rural", 20, "Harz", "Eifel"), items("industrial", 20, "Marl")),
                concat(items("rural", 20, "Jura"), items("industrial", 20, "Dortmund")),
                items("rural", 20, "Rambouillet"));
        assertThat(OneGroupClasses.find(parts, Item::group, Item::label)).isEmpty();
    }

    @TempDir
    Path dir;

    /** The data seed for which the carve by group keeps {@code kept} of the 4 rural stations in training. */
    private static long seedKeeping(List<Item> windows, int kept) {
        for (long seed = 1; seed < 500; seed++) {
            StratifiedSplitter.Parts<Item> parts = new GroupSplitter(0.2, 0.2, seed).split(windows, Item::group, Item::label).parts();
            if (parts.train().stream().filter(i -> i.label().equals("rural")).map(Item::group).distinct().count() == kept) {
                return seed;
            }
        }
        throw new AssertionError("no seed keeps " + kept);
    }

    @Test
    void theCsvCarveByGroupWarnsOfARuralClassLearntFromOneStationAndNotOfOneLearntFromTwo() throws Exception {
        // 4 rural and 12 urban stations of 5 windows each, as a trial's (its rural class kept 1 of 4 stations, unsaid)
        List<Item> windows = concat(items("rural", 5, "R0", "R1", "R2", "R3"), items("urban", 5, "U00", "U01", "U02", "U03",
                "U04", "U05", "U06", "U07", "U08", "U09", "U10", "U11"));
        StringBuilder csv = new StringBuilder("window,station,label,no2\n");
        for (int i = 0; i < windows.size(); i++) {
            for (int t = 0; t < 6; t++) {
                csv.append(String.format(Locale.ROOT, "w%d,%s,%s,%d%n", i, windows.get(i).group(), windows.get(i).label(),
                        10 + (i * 7 + t * 3) % 11));
            }
        }
        Path file = Files.writeString(dir.resolve("stations.csv"), csv);
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("window"), null, Column.named("label"))
                .withGroupColumn(Column.named("station")).withFractions(0.2, 0.2);
        List<String> one = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file,
                options.withSeed(seedKeeping(windows, 1))));
        assertThat(one).anySatisfy(w -> assertThat(w).contains("class 'rural' keeps 1 of its 4 groups of group column station in "
                + "training ('R", "went to validation and", "another --data-seed", "split column"));
        List<String> two = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(file,
                options.withSeed(seedKeeping(windows, 2))));
        assertThat(two).noneMatch(w -> w.contains("keeps 1 of its"));
    }
}
