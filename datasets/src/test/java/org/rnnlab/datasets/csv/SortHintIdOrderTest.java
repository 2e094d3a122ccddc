package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pandas line offered for rows out of order keeps the ids in the order they first appear (trial 79a F1): predict writes
 * its rows in that order, and the plain {@code df.sort_values([id, time])} offered before sorted the ids too, so a
 * competitor who followed it got a submission in sorted-id order instead of the test file's.
 */
class SortHintIdOrderTest {
    @TempDir
    Path dir;

    private static final CsvOptions OPTIONS = CsvOptions.defaults().withColumns(Column.named("id"), Column.named("step"),
            Column.named("label"));

    /** The ids in the test file's order, not sorted: the order a submission keeps. */
    private static final List<String> IDS = List.of("T9", "T3", "T7", "T1");

    /**
     * The sequences of {@code ids}, 10 steps each, with {@code label} or without; with {@code moved}, T3's steps 6-9 moved to
     * the end of the file (after T1), with {@code swapped} T7's steps 4 and 5 written the other way round.
     */
    private Path file(String name, List<String> ids, boolean label, boolean moved, boolean swapped) throws IOException {
        List<String> lines = new ArrayList<>(List.of(label ? "id,step,x,label" : "id,step,x"));
        List<String> tail = new ArrayList<>();
        for (String id : ids) {
            for (int t = 0; t < 10; t++) {
                int step = swapped && id.equals("T7") && (t == 4 || t == 5) ? 9 - t : t;
                String row = String.format(Locale.ROOT, "%s,%d,%.3f", id, step, Math.sin(step * 0.3 + id.charAt(1)))
                        + (label ? "," + (ids.indexOf(id) % 2 == 0 ? "a" : "b") : "");
                (moved && id.equals("T3") && t >= 6 ? tail : lines).add(row);
            }
        }
        lines.addAll(tail);
        return Files.write(dir.resolve(name), lines);
    }

    /** The pandas line in {@code message} from {@code start} to the sort's end (without {@code .to_csv(...)}). */
    private static String code(String message, String start) {
        Matcher m = Pattern.compile("(" + Pattern.quote(start) + ".*?\\.drop\\(columns=\"_o\"\\))").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group(1);
    }

    @Test
    void theSortHintKeepsTheIdsInTheOrderTheyFirstAppearAndPredictReadsTheSortedFileInThatOrder() throws Exception {
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(file("train.csv",
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> "A" + i).toList(), true, false, false), OPTIONS).schema();
        Path test = file("test.csv", IDS, false, true, true);
        String message = org.assertj.core.api.Assertions.catchThrowable(() -> CsvSequenceDataset.readAll(test, schema, false,
                new ArrayList<>())).getMessage();
        assertThat(message).contains("test.csv:23: time 4 of sequence 'T7' does not increase after line 22",
                "; rows only out of order are sorted with pandas (the ids kept in the order they first appear, the order "
                        + "predict writes them): df.assign(_o=df.groupby(\"id\", sort=False).ngroup()).sort_values([\"_o\", "
                        + "\"step\"], kind='stable').drop(columns=\"_o\").to_csv(\"" + dir.resolve("test-sorted.csv") + "\", index=False)")
                .doesNotContain("df.sort_values([\"id\"");
        Path sorted = dir.resolve("sorted.csv");
        TimeSpacingTest.runPandas(dir, "import pandas as pd\ndf = pd.read_csv('" + test + "', dtype={'id': str})\n"
                + code(message, "df.assign(") + ".to_csv('" + sorted + "', index=False)\n");
        List<CsvSequence> read = CsvSequenceDataset.readAll(sorted, schema, false, new ArrayList<>());
        assertThat(read).extracting(CsvSequence::id).containsExactlyElementsOf(IDS); // T9 first, as in test.csv; not T1
        assertThat(read).allSatisfy(s -> assertThat(s.values()).hasNumberOfRows(10));
    }

    @Test
    void theOtherDefectsCountAndDateTimesGiveTheSameOrderKeepingSort() throws IOException {
        // a duplicated row refused, the rows out of order counted beside it with the same sort
        List<String> lines = new ArrayList<>(Files.readAllLines(file("both.csv", IDS, true, false, true)));
        lines.add(3, lines.get(2)); // T9's step 1 written twice
        Path both = Files.write(dir.resolve("both.csv"), lines);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(both, OPTIONS)).hasMessageContaining("df.drop_duplicates(); also: 1 "
                + "sequence with rows out of order, e.g. 'T7' line 28, sorted with pandas (the ids kept in the order they first "
                + "appear, the order predict writes them): df.assign(_o=df.groupby(\"id\", sort=False).ngroup())"
                + ".sort_values([\"_o\", \"step\"], kind='stable').drop(columns=\"_o\")");
        // date-times: parsed first, so that they sort as instants
        Path dates = Files.writeString(dir.resolve("dates.csv"), "id,step,x,label\nb,2024-03-01T06:00:10Z,1,up\n"
                + "b,2024-03-01T06:00:00Z,2,up\na,2024-03-01T06:00:00Z,1,down\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(dates, OPTIONS)).hasMessageContaining("the order predict writes them): "
                + "df[\"step\"] = pd.to_datetime(df[\"step\"], utc=True); df.assign(_o=df.groupby(\"id\", sort=False).ngroup())");
    }
}
