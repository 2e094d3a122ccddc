package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import org.rnnlab.datasets.LoggedWarnings;
import org.rnnlab.datasets.NewData;

/**
 * A product analyst's app sessions (trial 79h): the pandas lines the messages print run as printed on the user's data, with
 * the columns and files they name, not placeholders ({@code columns=[...]} was Python's Ellipsis, {@code to_csv(...)} an
 * Ellipsis path, {@code df[col]} a NameError); and a one-hot group is recognised beside a numeric column of its prefix
 * ({@code screen_ms} beside {@code screen_cart}, ...), as get_dummies of the refusal's own advice writes it.
 */
class PandasLinesAsPrintedTest {

    @TempDir
    Path dir;

    private static final String[] SCREENS = {"home", "search", "cart", "checkout"};

    /** The options of the trial: session, time, group by user. */
    private static CsvOptions sessions() {
        return CsvOptions.defaults().withColumns(Column.named("session_id"), Column.named("event_time"), Column.named("label"))
                .withGroupColumn(Column.named("user_id")).withFractions(0, 0);
    }

    /**
     * {@code n} sessions of 12 events in shuffled id order (S-000107 first), each row a screen (without {@code checkout} when
     * {@code checkout} is false; no column with {@code screens} false), its dwell time screen_ms and a True/False flag; the
     * sessions of {@code swapped} have their events 5 and 6 written the other way round.
     */
    private Path raw(String name, int n, boolean screens, boolean checkout, List<Integer> swapped) throws IOException {
        List<String> lines = new ArrayList<>(List.of("session_id,user_id,event_time," + (screens ? "screen," : "")
                + "screen_ms,is_foreground,label"));
        for (int k = 0; k < n; k++) {
            int s = (k * 7 + 7) % n;
            for (int e = 0; e < 12; e++) {
                int t = swapped.contains(s) && (e == 5 || e == 6) ? 11 - e : e;
                String screen = SCREENS[(s + t) % (checkout ? 4 : 3)];
                lines.add(String.format(Locale.ROOT, "S-%06d,u%d,2026-11-01T%02d:%02d:%02dZ,%s%d,%s,%s", 100 + s, s % 5, 8 + s % 10,
                        t * 2, s % 60, screens ? screen + "," : "", 300 + (s * 37 + t * 91) % 4000, (s + t) % 3 == 0 ? "False" : "True",
                        s % 2 == 0 ? "retained" : "churned"));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    /** The pandas code in {@code message} that starts with {@code start} and ends with {@code end}. */
    private static String code(String message, String start, String end) {
        Matcher m = Pattern.compile("(" + Pattern.quote(start) + ".*?" + Pattern.quote(end) + ")").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group(1);
    }

    /** Runs {@code lines} after reading {@code file} into df, in {@code dir}, with /usr/bin/python3 (skipped without pandas). */
    private String pandas(Path file, String lines) throws Exception {
        return TimeSpacingTest.runPandas(dir, "import os\nimport pandas as pd\nos.chdir('" + dir + "')\ndf = pd.read_csv('" + file
                + "')\n" + lines + "\n");
    }

    @Test
    void theTextRefusalsGetDummiesNamesTheColumnAndTheGroupBesideANumericSiblingIsRecognised() throws Exception {
        // F1: columns=[...] is Python's Ellipsis (KeyError); the refused column is named
        Path raw = raw("train.csv", 40, true, true, List.of());
        String refused = catchThrowable(() -> CsvSequenceDataset.fromLongCsv(raw, sessions())).getMessage();
        assertThat(refused).contains("column(s) 'screen' ('checkout', line 2) hold text",
                "one 0/1 column per category (pandas: pd.get_dummies(df, columns=['screen'], dtype=int))").doesNotContain("[...]");
        // without the group given, user_id is offered as the group, and only screen is one-hot encoded
        assertThat(catchThrowable(() -> CsvSequenceDataset.fromLongCsv(raw, sessions().withGroupColumn(null))).getMessage())
                .contains("pd.get_dummies(df, columns=['screen'], dtype=int)", "--set group=user_id");
        Path encoded = dir.resolve("train2.csv");
        pandas(raw, "df = " + code(refused, "pd.get_dummies(", "dtype=int)") + "\ndf.to_csv('" + encoded + "', index=False)");
        assertThat(Files.readAllLines(encoded).get(0)).isEqualTo("session_id,user_id,event_time,screen_ms,is_foreground,label,"
                + "screen_cart,screen_checkout,screen_home,screen_search");
        // F3: screen_ms (not 0/1) shares the prefix screen_: the group is the four 0/1 columns, not given up
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(encoded, sessions()).schema();
        assertThat(schema.oneHot()).singleElement().satisfies(g -> {
            assertThat(g.prefix()).isEqualTo("screen_");
            assertThat(g.features().stream().map(f -> schema.featureNames().get(f))).containsExactly("screen_cart",
                    "screen_checkout", "screen_home", "screen_search");
            assertThat(g.rows()).isEqualTo(40 * 12);
            assertThat(g.none()).isZero();
        });
        // so predict's documented hints hold: the raw file is told to encode 'screen' ...
        assertThatThrownBy(() -> NewData.csv(raw, schema, true)).hasMessageContaining("look like a one-hot encoding of the "
                + "column(s) 'screen'").hasMessageContaining("pd.get_dummies(df, columns=['screen'], dtype=int)");
        // ... and a week without a checkout (get_dummies writes no screen_checkout) that a column of 0s is the fix
        Path week = raw("week.csv", 10, true, false, List.of());
        Path weekEncoded = dir.resolve("week2.csv");
        pandas(week, "pd.get_dummies(df, columns=['screen'], dtype=int).to_csv('" + weekEncoded + "', index=False)");
        assertThatThrownBy(() -> NewData.csv(weekEncoded, schema, true)).hasMessageContaining("the missing screen_checkout (of the "
                + "model's one-hot group screen_*, which encodes 'screen'; the file has its screen_cart, screen_home, screen_search) "
                + OneHotGroup.NO_ROW_OF_IT).hasMessageContaining("df['screen_checkout'] = 0");
    }

    @Test
    void theSortLineWritesANamedFileAndTheOtherSequencesOutOfOrderAreCounted() throws Exception {
        // F2: to_csv(..., index=False) failed on an Ellipsis path; 3 sessions out of order, only the first was named
        Path file = raw("train1.csv", 30, false, true, List.of(3, 11, 20));
        String refused = catchThrowable(() -> CsvSequenceDataset.fromLongCsv(file, sessions())).getMessage();
        Path sorted = dir.resolve("train1-sorted.csv");
        assertThat(refused).contains("of sequence 'S-000103' does not increase after line",
                ".to_csv(\"" + sorted + "\", index=False) (2 other sequences have rows out of order too, e.g. 'S-000120' line ",
                ": the one sort puts them all in order)").doesNotContain("...");
        pandas(file, code(refused, "df[\"event_time\"] = ", "index=False)"));
        List<CsvSequence> read = CsvSequenceDataset.readAll(sorted, CsvSequenceDataset.fromLongCsv(raw("clean.csv", 30, false, true,
                List.of()), sessions()).schema(), true, new ArrayList<>());
        assertThat(read).extracting(CsvSequence::id).first().isEqualTo("S-000107"); // the file's order, not sorted ids
        assertThat(read).hasSize(30).allSatisfy(s -> assertThat(s.values()).hasNumberOfRows(12));
        // one sequence out of order: said so, so that one can tell the sort is all
        Path one = raw("one.csv", 30, false, true, List.of(11));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(one, sessions())).hasMessageContaining(".to_csv(\""
                + dir.resolve("one-sorted.csv") + "\", index=False) (no other sequence of the file has rows out of order)");
    }

    @Test
    void theTrueFalseAndCurrencyLinesNameTheirColumns() throws Exception {
        // F2: df[col] = df[col].astype(int) was a NameError; the warning names both columns, and so does its line now
        StringBuilder csv = new StringBuilder("session_id,event_time,is_foreground,on_wifi,x,label\n");
        for (int s = 0; s < 10; s++) {
            for (int t = 0; t < 6; t++) {
                csv.append(String.format(Locale.ROOT, "s%d,%d,%s,%s,%.2f,%s%n", s, t, (s + t) % 2 == 0 ? "True" : "False",
                        s % 3 == 0 ? "True" : "False", 0.5 * t + s, s % 2 == 0 ? "a" : "b"));
            }
        }
        Path flags = Files.writeString(dir.resolve("flags.csv"), csv);
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("session_id"), Column.named("event_time"),
                Column.named("label")).withFractions(0, 0);
        String warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(flags, options)).stream()
                .filter(w -> w.contains("True/False")).findFirst().orElseThrow();
        String line = code(warned, "df[[", ".astype(int)");
        assertThat(line).isEqualTo("df[['is_foreground', 'on_wifi']] = df[['is_foreground', 'on_wifi']].astype(int)");
        Path ints = dir.resolve("flags-int.csv");
        pandas(flags, line + "\ndf.to_csv('" + ints + "', index=False)");
        assertThat(LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(ints, options)))
                .noneMatch(w -> w.contains("True/False"));
        // an amount with a currency sign: the line names the column (df[col] before)
        Path money = Files.writeString(dir.resolve("money.csv"), "session_id,event_time,amount,x,label\ns1,0,$26.18,1,a\n"
                + "s1,1,\"$1,009.50\",2,a\ns2,0,$3.00,3,b\ns2,1,$4.50,4,b\n");
        String refused = catchThrowable(() -> CsvSequenceDataset.fromLongCsv(money, options)).getMessage();
        String strip = code(refused, "df['amount'] = ", ".astype(float)");
        Path numbers = dir.resolve("money-numbers.csv");
        pandas(money, strip + "\ndf.to_csv('" + numbers + "', index=False)");
        assertThat(CsvSequenceDataset.fromLongCsv(numbers, options).schema().featureNames()).containsExactly("amount", "x");
    }
}
