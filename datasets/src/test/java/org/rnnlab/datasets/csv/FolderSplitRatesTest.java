package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * The folder layout's sampling steps checked as the long layout's (trial 76f, a process engineer's wafers: one CSV per wafer
 * with a time column {@code t_s}, chamber C logged at 10 Hz, the others at 5 Hz): a held-out split at another step than the
 * training split is warned of, the model's rates count the training split only, new files of several steps are judged
 * against the model's rates, the files at another step are said with their groups, the resampling advice is a per-file
 * loop, and an empty file the labels file leaves out is skipped as a listed one is.
 */
class FolderSplitRatesTest {
    @TempDir
    Path dir;

    /** One wafer per entry of {@code chambers}: {@code t_s,rf,pressure}, 30 rows, chamber C (any case) every 0.1 s, others 0.2 s. */
    private Path wafers(String name, List<String> chambers, List<String> splits) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        List<String> labels = new ArrayList<>(List.of(splits == null ? "wafer,result,chamber" : "wafer,result,chamber,split"));
        for (int i = 0; i < chambers.size(); i++) {
            double step = chambers.get(i).equalsIgnoreCase("C") ? 0.1 : chambers.get(i).equals("X") ? 0.05 : 0.2;
            List<String> rows = new ArrayList<>(List.of("t_s,rf,pressure"));
            for (int t = 0; t < 30; t++) {
                rows.add(String.format(Locale.ROOT, "%.2f,%.3f,%.3f", t * step, 300 + Math.sin(t + i) * 5, 40 + (i % 3) + (t * 7 % 5) * 0.01));
            }
            String file = String.format(Locale.ROOT, "W%03d.csv", i);
            Files.write(folder.resolve(file), rows);
            labels.add(file + "," + (i % 2 == 0 ? "pass" : "scrap") + "," + chambers.get(i) + (splits == null ? "" : "," + splits.get(i)));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        return folder;
    }

    private static List<String> repeat(String value, int n) {
        return new ArrayList<>(java.util.Collections.nCopies(n, value));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static CsvOptions options(boolean split) {
        CsvOptions o = CsvOptions.defaults().withFileColumn(Column.named("wafer"));
        o = o.withColumns(o.sequenceId(), Column.named("t_s"), Column.named("result")).withGroupColumn(Column.named("chamber"));
        return split ? o.withSplitColumn(Column.named("split")) : o;
    }

    @Test
    void aTestSplitAtAnotherStepIsWarnedOfAndTheModelsRatesAreTheTrainingSplits() throws Exception {
        // 20 wafers of A/B at 0.2 s (16 train, 4 validation), chamber C's 6 at 0.1 s all in test
        List<String> chambers = concat(concat(repeat("A", 10), repeat("B", 10)), repeat("C", 6));
        List<String> splits = concat(concat(repeat("train", 8), repeat("validation", 2)), concat(concat(repeat("train", 8),
                repeat("validation", 2)), repeat("test", 6)));
        Path folder = wafers("held", chambers, splits);
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> read[0] = CsvSequenceDataset.fromFolder(folder,
                options(true)));
        // F3: the split's step, as the long layout says it (it was only the file-level "6 of the 26 sequences")
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("labels.csv: the test split (marked by the split column "
                + "'split': 6 sequences) is sampled at another step than the training split: its rows are 0.1 apart in the time "
                + "column 't_s' of its sequence files", "the training split's 0.2 apart (16 sequences every 0.2)",
                "the test scores are measured on steps that mean another time"));
        // F4: the model's step is the training split's alone: 0.1 s, held out entirely, is no training rate
        assertThat(read[0].schema().timeStep()).isEqualTo(new TimeStep(0.2, false));
        // F12: the resampling advice is a loop over the folder's files, not the long layout's groupby placeholder
        assertThat(warned).filteredOn(w -> w.contains("pandas")).hasSizeGreaterThanOrEqualTo(2).allSatisfy(w -> assertThat(w)
                .doesNotContain("df.set_index(time).groupby(id).resample(...)")
                .contains("import pandas as pd, pathlib, then: for f in [p for p in sorted(pathlib.Path(\"" + folder
                        + "\").glob(\"**/*.csv\")) if p.read_text().strip() and p.resolve() != pathlib.Path(\"" + folder.resolve("labels.csv")
                        + "\").resolve()]: df = pd.read_csv(f); t0 = df[\"t_s\"].min()",
                        ".resample(pd.Timedelta(seconds=0.2), origin=\"start\")", "df.to_csv(f, index=False)"));
        // and it runs as printed: every wafer file then at 0.2 s, the labels file and an empty file left as they are
        Files.writeString(folder.resolve("W099.csv"), "");
        String warning = warned.stream().filter(w -> w.contains("than most")).findFirst().orElseThrow();
        java.util.regex.Matcher loop = java.util.regex.Pattern.compile("then: (for f in .*?df\\.to_csv\\(f, index=False\\))")
                .matcher(warning);
        assertThat(loop.find()).as(warning).isTrue();
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "skipped: no /usr/bin/python3 to run the code");
        Process check = new ProcessBuilder(python.toString(), "-c", "import pandas").redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(check.waitFor() == 0, "skipped: /usr/bin/python3 has no pandas");
        String labels = Files.readString(folder.resolve("labels.csv"));
        Path script = Files.writeString(dir.resolve("resample.py"), "import pandas as pd, pathlib\n" + loop.group(1) + "\n"
                + "for p in sorted(pathlib.Path('" + folder + "').glob('W0[0-9][0-9].csv'))[:26]:\n"
                + "    df = pd.read_csv(p)\n"
                + "    assert list(df.columns) == ['t_s', 'rf', 'pressure'], df.columns\n"
                + "    assert (df['t_s'].diff().dropna().round(6) == 0.2).all(), (p, df['t_s'].diff().unique())\n"
                + "print('ok')\n");
        Process run = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(out).isZero();
        assertThat(out).startsWith("ok");
        assertThat(Files.readString(folder.resolve("labels.csv"))).isEqualTo(labels);
        assertThat(Files.readString(folder.resolve("W099.csv"))).isEmpty();
    }

    @Test
    void theFilesAtAnotherStepAreSaidWithTheirGroupsAlsoWhenTwo() throws Exception {
        // chamber C written 'C' on 5 wafers and 'c' on one: the 6 at 0.1 s are two values of the group column
        List<String> chambers = concat(concat(repeat("A", 10), repeat("B", 10)), concat(repeat("C", 5), List.of("c")));
        Path folder = wafers("spelled", chambers, null);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(folder, options(false)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("6 of the 26 sequences are sampled at another step of the time "
                + "column 't_s' of its sequence files than most (rows 0.2 apart): e.g. 'W020.csv' every 0.1; 5 are group column "
                + "chamber 'C' (every sequence of it), 1 'c' (every sequence of it)"));
    }

    @Test
    void newFilesOfSeveralStepsAreJudgedAgainstTheModelsRates() throws Exception {
        // the model trained on both rates: 20 wafers at 0.2 s, 8 of chamber C at 0.1 s, all in training
        List<String> chambers = concat(concat(repeat("A", 10), repeat("B", 10)), repeat("C", 8));
        List<String> splits = concat(concat(repeat("train", 8), repeat("validation", 2)), concat(concat(repeat("train", 8),
                repeat("test", 2)), repeat("train", 8)));
        CsvSchema schema = CsvSequenceDataset.fromFolder(wafers("both", chambers, splits), options(true)).schema();
        assertThat(schema.timeStep().rates()).containsExactly(new TimeStep.Rate(0.2, 16), new TimeStep.Rate(0.1, 8));
        // new wafers: 6 at 0.2 s, 3 of chamber C at 0.1 s: each at a rate the model trained at, none told to resample
        Path fresh = wafers("fresh", concat(repeat("A", 6), repeat("C", 3)), null);
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(fresh, schema, true,
                new ArrayList<>()));
        assertThat(warned).noneSatisfy(w -> assertThat(w).contains("resample them"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("the 9 sequences are sampled at 2 steps of the time column 't_s' "
                + "of its sequence files, each a step the model's training data had (2 steps: 16 sequences every 0.2, 8 every 0.1): "
                + "6 every 0.2 (a rate of 16 training sequences), 3 every 0.1 (a rate of 8 training sequences); all 3 are group "
                + "column chamber 'C'", "leave them as they are"));
        // a wafer at 0.05 s, a step no training wafer had: it alone is told to resample, to the commonest training step
        Path odd = wafers("odd", concat(concat(repeat("A", 6), repeat("C", 3)), List.of("X")), null);
        List<String> oddWarned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(odd, schema, true,
                new ArrayList<>()));
        assertThat(oddWarned).anySatisfy(w -> assertThat(w).contains("1 of the 10 sequences are sampled at a step of the time "
                + "column 't_s' of its sequence files that the model's training data did not have", "e.g. 'W009.csv' every 0.05",
                "resample them to one row every 0.2 first", "the other 9 are at steps the model trained at",
                "1 every 0.05 (a step the model did not train at)"));
    }

    @Test
    void anEmptyFileTheLabelsFileLeavesOutIsSkippedAsAListedOneIs() throws Exception {
        Path folder = wafers("dead", concat(concat(repeat("A", 8), repeat("B", 8)), repeat("D", 8)), null);
        Files.writeString(folder.resolve("W099.csv"), "");
        List<String> warned = LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromFolder(folder, options(false)));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("W099.csv: empty file (0 bytes, no header and no rows), not "
                + "listed in labels.csv either: skipped"));
        CsvSchema schema = CsvSequenceDataset.fromFolder(folder, options(false)).schema();
        // evaluate of a folder with its labels file: skipped and counted as empty (exit 4), not refused as "not listed"
        List<String> empty = new ArrayList<>();
        List<CsvSequence> read = CsvSequenceDataset.readAll(folder, schema, true, new ArrayList<>(), empty);
        assertThat(read).hasSize(24);
        assertThat(empty).containsExactly("W099.csv");
    }
}
