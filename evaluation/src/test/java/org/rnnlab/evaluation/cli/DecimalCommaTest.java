package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A weather-station portal's exports ({@code ;}-separated, decimal commas such as {@code 12,4}, {@code -0,121} and {@code
 * 1.234,5}, a trial's agronomist): read with {@code --set decimal=comma}, recorded in the model so that predict and evaluate
 * read new exports so too, giving exactly the predictions of the same data written with decimal points; the refusals name
 * the remedy.
 */
class DecimalCommaTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws IOException {
        write("train", 20, 1);
        write("test", 8, 2);
        write("new", 6, 3);
    }

    /** {@code NAME-comma.csv} (';', decimal commas, '.' grouping thousands) and {@code NAME-point.csv} (',', points) of the same data. */
    private static void write(String name, int sequences, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> comma = new ArrayList<>(List.of("sequence_id;time;a;b;label"));
        List<String> point = new ArrayList<>(List.of("sequence_id,time,a,b,label"));
        for (int s = 0; s < sequences; s++) {
            boolean up = s % 2 == 0;
            for (int t = 0; t < 5; t++) {
                double a = Math.round(((up ? 0.3 : -0.3) * t + random.nextGaussian() * 0.2) * 1000) / 1000.0;
                double b = Math.round((1000 + (up ? 300 : -300) + random.nextGaussian() * 50) * 10) / 10.0;
                String pa = String.format(Locale.ROOT, "%.3f", a);
                String pb = String.format(Locale.ROOT, "%.1f", b);
                String ca = pa.replace('.', ',');
                String cb = pb.replace('.', ',');
                if (b >= 1000) { // 1.234,5: '.' grouping thousands
                    cb = cb.substring(0, cb.length() - 5) + "." + cb.substring(cb.length() - 5);
                }
                String id = name + s;
                String label = up ? "up" : "down";
                comma.add(String.join(";", id, Integer.toString(t), ca, cb, label));
                point.add(String.join(",", id, Integer.toString(t), pa, pb, label));
            }
        }
        Files.write(dir.resolve(name + "-comma.csv"), comma);
        Files.write(dir.resolve(name + "-point.csv"), point);
    }

    private static Run train(Path out, String kind, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--dataset", "csv", "--train", dir.resolve("train-" + kind + ".csv").toString(),
                "--test", dir.resolve("test-" + kind + ".csv").toString(), "--hidden", "4", "--epochs", "2", "--threads", "1",
                "--seed", "3", "--quiet", "--out", out.toString()));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    @Test
    void aDecimalCommaModelPredictsExactlyAsThePointModel() throws IOException {
        Path commaRun = dir.resolve("comma-run");
        Path pointRun = dir.resolve("point-run");
        Run trainedComma = train(commaRun, "comma", "--set", "delimiter=;", "--set", "decimal=comma");
        assertThat(trainedComma.code()).as(trainedComma.err()).isZero();
        Run trainedPoint = train(pointRun, "point");
        assertThat(trainedPoint.code()).as(trainedPoint.err()).isZero();
        assertThat(Files.readString(commaRun.resolve("config.json"))).contains("\"decimal\"").contains("comma");
        String commaModel = commaRun.resolve("model.rnnlab").toString();
        String pointModel = pointRun.resolve("model.rnnlab").toString();
        Run byPoint = run("predict", "--model", pointModel, "--input", dir.resolve("new-point.csv").toString());
        assertThat(byPoint.code()).as(byPoint.err()).isZero();
        // the model's data layout holds decimal=comma (and ';'): the next export is read so without options
        Run byComma = run("predict", "--model", commaModel, "--input", dir.resolve("new-comma.csv").toString());
        assertThat(byComma.code()).as(byComma.err()).isZero();
        assertThat(byComma.out()).isNotBlank().isEqualTo(byPoint.out());
        // written to a file: a note says how a spreadsheet set up for ';' and decimal commas opens it (trial 81a F6)
        Path written = dir.resolve("pred comma.csv");
        Run toFile = run("predict", "--model", commaModel, "--input", dir.resolve("new-comma.csv").toString(), "-o", written.toString());
        assertThat(toFile.code()).as(toFile.err()).isZero();
        assertThat(toFile.err()).contains("predict: note: the predictions are written as CSV for pandas and scripts (',' between "
                + "columns, decimal points, UTF-8), where the model's data were ';'-separated with decimal commas: a spreadsheet "
                + "set up for those (Excel in German or French) opens this file through its text import");
        assertThat(Files.readString(written)).isEqualTo(byPoint.out());
        assertThat(run("predict", "--model", pointModel, "--input", dir.resolve("new-point.csv").toString(), "-o",
                dir.resolve("pred point.csv").toString()).err()).doesNotContain("text import");
        // a point model given a comma export: --delimiter and --decimal, as --encoding, override the model's
        Run overridden = run("predict", "--model", pointModel, "--input", dir.resolve("new-comma.csv").toString(), "--delimiter", ";",
                "--decimal", "comma");
        assertThat(overridden.code()).as(overridden.err()).isZero();
        assertThat(overridden.out()).isEqualTo(byPoint.out());
        Run commaByPoints = run("predict", "--model", commaModel, "--input", dir.resolve("new-point.csv").toString(), "--delimiter", ",",
                "--decimal", "point");
        assertThat(commaByPoints.code()).as(commaByPoints.err()).isZero();
        assertThat(commaByPoints.out()).isEqualTo(byPoint.out());
        Run scored = run("evaluate", "--model", commaModel, "--input", dir.resolve("test-comma.csv").toString(), "--json");
        Run scoredPoint = run("evaluate", "--model", pointModel, "--input", dir.resolve("test-point.csv").toString(), "--json");
        assertThat(scored.code()).as(scored.err()).isZero();
        assertThat(accuracy(scored.out())).isEqualTo(accuracy(scoredPoint.out()));
        // without --decimal, the point model refuses the comma export naming the remedy and every column holding them
        Run refused = run("predict", "--model", pointModel, "--input", dir.resolve("new-comma.csv").toString(), "--delimiter", ";");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("--decimal comma").contains("--set decimal=comma")
                .contains("columns with decimal commas: 'a' (30 cells), 'b' (30 cells)");
        // --decimal where no CSV file is read whole
        assertThat(run("evaluate", "--model", commaModel, "--dataset", "csv", "--train", dir.resolve("test-comma.csv").toString(),
                "--decimal", "comma").err()).contains("--decimal applies to a file scored whole").contains("--set decimal=");
        // a point value in a comma export: named with its file, line and column
        List<String> mixed = new ArrayList<>(Files.readAllLines(dir.resolve("new-comma.csv")));
        mixed.set(3, mixed.get(3).replaceFirst(";[^;]*;([^;]*;[^;]*)$", ";12.4;$1"));
        Path mixedFile = Files.write(dir.resolve("mixed.csv"), mixed);
        Run mixedRun = run("predict", "--model", commaModel, "--input", mixedFile.toString());
        assertThat(mixedRun.code()).isNotZero();
        assertThat(mixedRun.err()).contains("mixed.csv:4: value '12.4' in column 'a' is written with a decimal point, where "
                + "decimal=comma reads decimal commas");
    }

    private static String accuracy(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"accuracy\"\\s*:\\s*([0-9.eE-]+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    @Test
    void refusals() throws IOException {
        // a ',' delimiter cannot hold decimal commas too
        Run both = train(dir.resolve("both"), "point", "--set", "decimal=comma");
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("decimal=comma reads ',' as the decimal separator, and the columns are separated by ',' too")
                .contains("--set 'delimiter=;'");
        Run bad = train(dir.resolve("bad"), "comma", "--set", "delimiter=;", "--set", "decimal=dot");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--set decimal 'dot' is not a decimal separator (expected point");
        // the default reads points: decimal commas are refused naming the setting that reads them, and every column
        Run plain = train(dir.resolve("plain"), "comma", "--set", "delimiter=;");
        assertThat(plain.code()).isNotZero();
        assertThat(plain.err()).contains("--set decimal=comma").contains("columns with decimal commas: 'a' (100 cells), 'b' (100 cells)");
        // 1.234 under decimal=comma: grouping or a decimal point? Refused
        List<String> grouped = new ArrayList<>(Files.readAllLines(dir.resolve("train-comma.csv")));
        grouped.set(2, grouped.get(2).replaceFirst(";[^;]*;([^;]*)$", ";1.234;$1"));
        Files.write(dir.resolve("grouped-train.csv"), grouped);
        Run g = run("train", "--dataset", "csv", "--train", dir.resolve("grouped-train.csv").toString(), "--set", "delimiter=;",
                "--set", "decimal=comma", "--epochs", "1", "--hidden", "4", "--quiet", "--out", dir.resolve("g").toString());
        assertThat(g.code()).isNotZero();
        assertThat(g.err()).contains("grouped-train.csv:3: value '1.234' in column 'b' is written with '.' grouping thousands "
                + "without a decimal comma, or a decimal point?");
        // --decimal where no CSV file is read
        assertThat(run("train", "--decimal", "comma").err()).contains("decimal commas in training files are read with --set decimal=comma");
    }

    /** The wide layout (one sequence per row, its steps in columns), first line judged with decimal commas as numbers. */
    @Test
    void theWideLayoutReadsDecimalCommasAlike() throws IOException {
        for (String name : List.of("train", "new")) {
            List<String> comma = new ArrayList<>(List.of("id;label;a_0;a_1;a_2;a_3"));
            List<String> point = new ArrayList<>(List.of("id,label,a_0,a_1,a_2,a_3"));
            Random random = new Random(name.length());
            for (int s = 0; s < (name.equals("train") ? 24 : 6); s++) {
                boolean up = s % 2 == 0;
                List<String> p = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    p.add(String.format(Locale.ROOT, "%.2f", (up ? 0.5 : -0.5) * t + random.nextGaussian() * 0.1));
                }
                comma.add(name + s + ";" + (up ? "up" : "down") + ";" + String.join(";", p).replace('.', ','));
                point.add(name + s + "," + (up ? "up" : "down") + "," + String.join(",", p));
            }
            Files.write(dir.resolve("wide-" + name + "-comma.csv"), comma);
            Files.write(dir.resolve("wide-" + name + "-point.csv"), point);
        }
        Run c = run("train", "--dataset", "csv", "--train", dir.resolve("wide-train-comma.csv").toString(), "--set", "layout=wide",
                "--set", "sequenceId=id", "--set", "delimiter=;", "--set", "decimal=comma", "--hidden", "4", "--epochs", "1",
                "--threads", "1", "--seed", "3", "--quiet", "--out", dir.resolve("wide-comma").toString());
        assertThat(c.code()).as(c.err()).isZero();
        Run p = run("train", "--dataset", "csv", "--train", dir.resolve("wide-train-point.csv").toString(), "--set", "layout=wide",
                "--set", "sequenceId=id", "--hidden", "4", "--epochs", "1", "--threads", "1", "--seed", "3", "--quiet", "--out",
                dir.resolve("wide-point").toString());
        assertThat(p.code()).as(p.err()).isZero();
        Run byComma = run("predict", "--model", dir.resolve("wide-comma/model.rnnlab").toString(), "--input",
                dir.resolve("wide-new-comma.csv").toString());
        Run byPoint = run("predict", "--model", dir.resolve("wide-point/model.rnnlab").toString(), "--input",
                dir.resolve("wide-new-point.csv").toString());
        assertThat(byComma.code()).as(byComma.err()).isZero();
        assertThat(byComma.out()).isNotBlank().isEqualTo(byPoint.out());
    }

    /** A portal's '---' for an outage: predict names its own --na-values. */
    @Test
    void anOutageCodeIsReadWithNaValues() throws IOException {
        Path out = dir.resolve("na-run");
        assertThat(train(out, "point").code()).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("new-point.csv")));
        lines.set(2, lines.get(2).replaceFirst(",[^,]*,([^,]*,[^,]*)$", ",---,$1"));
        lines.set(5, lines.get(5).replaceFirst(",[^,]*,([^,]*,[^,]*)$", ",---,$1"));
        Path na = Files.write(dir.resolve("na.csv"), lines);
        Run r = run("predict", "--model", out.resolve("model.rnnlab").toString(), "--input", na.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--na-values='---'").contains("2 cells of the file hold it");
    }
}
