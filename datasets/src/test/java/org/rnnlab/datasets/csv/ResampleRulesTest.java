package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * The resampling code of the rate warnings names each column's rule, chosen from the data (trial 77c F4, F7: a fleet's GPS
 * pings; the code took the mean of every number other than 0/1 and the first value of 0/1, so it averaged a heading across
 * north, 359 and 44 into 201.5, a running count of stops into 1.333, and kept 370 of 1,104 harsh-brake events; its
 * upsampling copied each brake into the new row after it, made the count x.5 and turned the heading the long way round).
 * The code is run as printed with /usr/bin/python3 and pandas (skipped without them), and its output checked against each
 * rule computed here from the rows as written.
 */
class ResampleRulesTest {
    @TempDir
    Path dir;

    private static final CsvOptions TRIPS = CsvOptions.defaults().withColumns(Column.named("trip_id"), Column.named("ts"),
            Column.named("label")).withFeatures(List.of(Column.named("speed"), Column.named("heading"), Column.named("stop_count"),
            Column.named("harsh_brake"), Column.named("road_urban"), Column.named("road_rural")));

    /**
     * 12 trips of 600 s, rows {@code step} s apart: speed, a heading in degrees that crosses north, a running count of stops,
     * harsh brakes on single rows, a one-hot road type (urban for the first half), a depot's name (text, not a feature).
     */
    private Path fleet(Path file, int step, long seed, boolean long_) throws Exception {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of((long_ ? "trip_id," : "") + "ts,speed,heading,stop_count,harsh_brake,"
                + "road_urban,road_rural" + (long_ ? ",depot,label" : "")));
        List<String> labels = new ArrayList<>(List.of("file,label"));
        for (int i = 0; i < 12; i++) {
            int heading = 300 + random.nextInt(40);
            int stops = 0;
            int brake = 0;
            List<String> rows = new ArrayList<>(List.of(lines.get(0)));
            for (int t = 0; t <= 600; t += step) {
                heading = Math.floorMod(heading + random.nextInt(41) - 12, 360);
                stops += random.nextDouble() < 0.15 ? 1 : 0;
                brake = brake == 0 && random.nextDouble() < 0.15 ? 1 : 0;
                String row = String.format(Locale.ROOT, "%d,%.1f,%d,%d,%d,%d,%d", 1_798_000_000 + 1000 * i + t,
                        40 + 10 * Math.sin(t / 60.0 + i), heading, stops, brake, t < 300 ? 1 : 0, t < 300 ? 0 : 1);
                String label = i % 2 == 0 ? "urban" : "highway";
                rows.add(row);
                lines.add(long_ ? "T" + i + "," + row + "," + List.of("north", "airport").get(i % 2) + "," + label : row);
            }
            if (!long_) {
                Files.createDirectories(file);
                Files.write(file.resolve("T" + i + ".csv"), rows);
                labels.add("T" + i + ".csv," + (i % 2 == 0 ? "urban" : "highway"));
            }
        }
        if (!long_) {
            return Files.write(file.resolve("labels.csv"), labels);
        }
        return Files.write(file, lines);
    }

    /**
     * Python that checks a resampled frame {@code df} against {@code orig} (both with a column trip_id) to one row every
     * {@code step} s: each bin's heading the circular mean, stop_count the last value, harsh_brake the max, speed the mean.
     */
    private static String checkDown(int step) {
        return "import numpy as np\n"
                + "for f in (orig, df):\n"
                + "    f['bin'] = (f['ts'] - f.groupby('trip_id')['ts'].transform('min')) // " + step + "\n"
                + "g = orig.groupby(['trip_id', 'bin'])\n"
                + "assert ((g['heading'].max() - g['heading'].min()) > 180).any()  # some bins straddle north\n"
                + "circ = lambda h: np.degrees(np.arctan2(np.sin(np.radians(h)).mean(), np.cos(np.radians(h)).mean())) % 360\n"
                + "exp = pd.DataFrame({'heading': g['heading'].apply(circ), 'stop_count': g['stop_count'].last(),\n"
                + "    'harsh_brake': g['harsh_brake'].max(), 'speed': g['speed'].mean()}).reset_index()\n"
                + "m = df.merge(exp, on=['trip_id', 'bin'], suffixes=('', '_exp'))\n"
                + "assert len(m) == len(exp) == len(df), (len(m), len(exp), len(df))\n"
                + "assert (((m['heading'] - m['heading_exp'] + 180) % 360 - 180).abs() < 1e-6).all()\n"
                + "assert (m['stop_count'] == m['stop_count_exp']).all() and (m['stop_count'] % 1 == 0).all()\n"
                + "assert (m['harsh_brake'] == m['harsh_brake_exp']).all()\n"
                + "assert (g['harsh_brake'].first() < g['harsh_brake'].max()).any()  # 'first' would have lost brakes\n"
                + "assert ((m['speed'] - m['speed_exp']).abs() < 1e-9).all()\n"
                + "assert ((df['road_urban'] + df['road_rural']) == 1).all()\n";
    }

    /**
     * Python that checks an upsampled frame {@code df} against {@code orig}: no empty cell, the original rows kept, each new
     * row's heading the circular midpoint of the rows around it, its brake 0, its stop count the row before's.
     */
    private static final String CHECK_UP = "import numpy as np\n"
            + "assert df.drop(columns=[c for c in ['depot', 'label'] if c in df]).notna().all().all(), df[df.isna().any(axis=1)]\n"
            + "df['ts'] = df['ts'].astype(float); orig['ts'] = orig['ts'].astype(float)\n"
            + "assert df['harsh_brake'].sum() == orig['harsh_brake'].sum() > 0\n"
            + "assert (df['stop_count'] % 1 == 0).all()\n"
            + "o = orig.sort_values('ts')\n"
            + "assert (o.groupby('trip_id')['heading'].diff().abs() > 180).any()  # some pings cross north\n"
            + "key = lambda f: f['trip_id'].astype(str) + '@' + f['ts'].astype(str)\n"
            + "new = df[~key(df).isin(set(key(orig)))].sort_values('ts')\n"
            + "assert len(new) > 0\n"
            + "cols = ['trip_id', 'ts', 'heading', 'stop_count']\n"
            + "a = pd.merge_asof(new[cols], o[cols], on='ts', by='trip_id', direction='backward', suffixes=('', '_a'))\n"
            + "b = pd.merge_asof(new[cols], o[cols], on='ts', by='trip_id', direction='forward', suffixes=('', '_b'))\n"
            + "ra, rb = np.radians(a['heading_a']), np.radians(b['heading_b'])\n"
            + "mid = np.degrees(np.arctan2(np.sin(ra) + np.sin(rb), np.cos(ra) + np.cos(rb))) % 360\n"
            + "assert (((a['heading'] - mid + 180) % 360 - 180).abs() < 1e-6).all()\n"
            + "assert (new['harsh_brake'] == 0).all()\n"
            + "assert (a['stop_count'] == a['stop_count_a']).all()\n";

    @Test
    void theLongLayoutsCodeTakesACircularMeanOfAHeadingTheLastOfACounterAndTheMaxOfAnEventFlag() throws Exception {
        CsvSequenceDataset trained = CsvSequenceDataset.fromLongCsv(fleet(dir.resolve("thirty.csv"), 30, 1, true), TRIPS);
        Path ten = fleet(dir.resolve("ten.csv"), 10, 2, true);
        String warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(ten, trained.schema(), false,
                new ArrayList<>())).stream().filter(w -> w.contains("resample these data")).findFirst().orElseThrow();
        // each column named with its rule, and the rules said in words beside the code
        assertThat(warned).contains("r = np.radians(df[\"heading\"]); df[\"heading_sin\"], df[\"heading_cos\"] = np.sin(r), "
                + "np.cos(r); how = {\"speed\": \"mean\", \"heading_sin\": \"mean\", \"heading_cos\": \"mean\", \"stop_count\": "
                + "\"last\", \"harsh_brake\": \"max\", \"road_urban\": \"first\", \"road_rural\": \"first\", \"depot\": \"first\"}",
                "agg(how).reset_index(); df[\"heading\"] = np.degrees(np.arctan2(df.pop(\"heading_sin\"), df.pop(\"heading_cos\"))) "
                + "% 360; df[\"ts\"] = ",
                "each column's rule, chosen from its values here: speed: the mean (measurements); heading: the circular mean, from "
                + "its sine and cosine (an angle in degrees, by its name and its values from ",
                ": the plain mean of 359 and 1 is 180, not 0); stop_count: the last value (a counter: whole numbers that never "
                + "fall within a sequence; a mean makes fractions of them); harsh_brake: the max, 1 if any row of the step has "
                + "a 1 (an event flag: ", "runs of 1s are single rows; the first value would lose each 1 not first in its step); "
                + "road_urban, road_rural: the first value (one-hot group road_*); depot: the first value (text); check them");
        Matcher code = Pattern.compile("pandas: (import numpy as np; t0 = .*?\\.dt\\.total_seconds\\(\\))").matcher(warned);
        assertThat(code.find()).as(warned).isTrue();
        String out = TimeSpacingTest.runPandas(dir, "import pandas as pd\n"
                + "orig = pd.read_csv('" + ten + "'); df = orig.copy()\n" + code.group(1) + "\n"
                + "assert {'depot', 'label'} <= set(df.columns)\n"
                + checkDown(30) + "print('ok', len(df))\n");
        assertThat(out).startsWith("ok 252"); // 12 trips of 600 s: 21 rows 30 s apart each

        // upsampled (rows 60 s apart for a 30-s model): the fill line fills each column by its rule
        Path sixty = fleet(dir.resolve("sixty.csv"), 60, 3, true);
        String up = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(sixty, trained.schema(), false,
                new ArrayList<>())).stream().filter(w -> w.contains("resample these data")).findFirst().orElseThrow();
        assertThat(up).contains("the new rows' values by column: speed: interpolated (measurements); heading: interpolated on its "
                + "sine and cosine (an angle in degrees", "stop_count: the row before's (a counter: whole numbers that never fall "
                + "within a sequence; interpolation makes fractions of them); harsh_brake: 0 (an event flag: ", "a copy of the "
                + "row before would count one event twice); road_urban, road_rural: the row before's (one-hot group road_*)");
        Matcher both = Pattern.compile("pandas: (import numpy as np; t0 = .*?\\.dt\\.total_seconds\\(\\)).*fill them in first: "
                + "(num = .*?bfill\\(\\)) \\(").matcher(up);
        assertThat(both.find()).as(up).isTrue();
        String filled = TimeSpacingTest.runPandas(dir, "import pandas as pd\n"
                + "orig = pd.read_csv('" + sixty + "'); df = orig.copy()\n" + both.group(1) + "\n" + both.group(2) + "\n"
                + CHECK_UP + "print('ok', len(df))\n");
        assertThat(filled).startsWith("ok 252");
    }

    @Test
    void theFolderLayoutsLoopNamesEachColumnsRuleToo() throws Exception {
        CsvOptions folder = CsvOptions.defaults().withFileColumn(Column.named("file"));
        folder = folder.withColumns(folder.sequenceId(), Column.named("ts"), Column.named("label"));
        Path thirty = dir.resolve("thirty");
        fleet(thirty, 30, 1, false);
        CsvSequenceDataset trained = CsvSequenceDataset.fromFolder(thirty, folder);
        Path ten = dir.resolve("ten");
        fleet(ten, 10, 2, false);
        String warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(ten, trained.schema(), true,
                new ArrayList<>())).stream().filter(w -> w.contains("resample these data")).findFirst().orElseThrow();
        assertThat(warned).contains("import pandas as pd, numpy as np, pathlib, then: for f in", "\"stop_count\": \"last\", "
                + "\"harsh_brake\": \"max\", \"road_urban\": \"first\", \"road_rural\": \"first\"}", "stop_count: the last value "
                + "(a counter");
        Matcher loop = Pattern.compile("then: (for f in .*?df\\.to_csv\\(f, index=False\\))").matcher(warned);
        assertThat(loop.find()).as(warned).isTrue();
        String read = "pd.concat([pd.read_csv(p).assign(trip_id=p.stem) for p in sorted(pathlib.Path('" + ten
                + "').glob('T*.csv'))])";
        String out = TimeSpacingTest.runPandas(dir, "import pandas as pd, numpy as np, pathlib\norig = " + read + "\n" + loop.group(1) + "\n"
                + "df = " + read + "\n" + checkDown(30) + "print('ok', len(df))\n");
        assertThat(out).startsWith("ok 252");
    }

    /** The rule of each column of one sequence's values. */
    private static List<ResampleRules.Choice> rules(List<String> names, float[][] values) {
        ResampleRules rules = new ResampleRules(names, null);
        rules.add(values);
        return rules.choices();
    }

    @Test
    void aClockARadianYawAndA0To1StateAreNotTakenForACounterAnAngleOrEvents() {
        List<String> names = List.of("elapsed", "yaw", "wind_dir", "door_open", "lap");
        float[][] values = new float[40][];
        for (int t = 0; t < 40; t++) {
            // a clock rises at every row; a yaw in radians; a wind direction of -180..180; a door open for runs of rows;
            // a lap count that rises and stays
            values[t] = new float[] {t * 10, (float) Math.sin(t) * 3, (t * 37) % 360 - 180, (t / 5) % 2, t / 7};
        }
        assertThat(rules(names, values)).extracting(ResampleRules.Choice::rule).containsExactly(ResampleRules.Rule.MEAN,
                ResampleRules.Rule.MEAN, ResampleRules.Rule.ANGLE, ResampleRules.Rule.FIRST, ResampleRules.Rule.LAST);
        List<ResampleRules.Choice> choices = rules(names, values);
        assertThat(choices.get(2).from180()).isTrue();
        assertThat(ResampleRules.after(choices)).isEqualTo("; df[\"wind_dir\"] = np.degrees(np.arctan2(df.pop(\"wind_dir_sin\"), "
                + "df.pop(\"wind_dir_cos\")))"); // back in -180..180, as written
        // an event flag needs 3 runs of 1s or more, nearly all single rows
        float[][] twice = new float[20][];
        for (int t = 0; t < 20; t++) {
            twice[t] = new float[] {t == 4 || t == 12 ? 1 : 0};
        }
        assertThat(rules(List.of("alarm"), twice)).extracting(ResampleRules.Choice::rule).containsExactly(ResampleRules.Rule.FIRST);
    }
}
