package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.run.DataWarnings;

/**
 * A trial's agency export: Windows-1252 and UTF-8 files joined with cat, then converted as a whole with iconv, garbled the
 * UTF-8 rows' station names and the header. Training named it in data-warnings.txt, predict names it in new data, and a
 * model trained on the garbled names, refusing a clean file, says that the names differ only by a wrong conversion.
 */
class MojibakeCliTest {
    private static final String[] STATIONS = {"Paris-Bd-Périphérique", "Köln-Clevischer-Ring", "Évry-Centre", "Göttingen-Süd",
        "Ñandú-Park", "Lyon-Berthelot"};

    @TempDir
    Path dir;

    private static String garbled(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), Charset.forName("windows-1252"));
    }

    /** 4 windows of 10 hourly steps per station, each line passed through {@code line}. */
    private Path stations(String name, UnaryOperator<String> line) throws Exception {
        Random r = new Random(11);
        List<String> lines = new ArrayList<>();
        lines.add(line.apply("sequence_id,time,station,label,NO2 [µg/m³],Temperatur [°C]"));
        for (int s = 0; s < STATIONS.length; s++) {
            for (int w = 0; w < 4; w++) {
                for (int t = 0; t < 10; t++) {
                    lines.add(line.apply(String.format(Locale.ROOT, "%s_w%d,%d,%s,%s,%.2f,%.2f", STATIONS[s], w, t, STATIONS[s],
                            s % 2 == 0 ? "traffic" : "rural", (s % 2 == 0 ? 40 : 8) + 3 * r.nextGaussian(), 12 + r.nextGaussian())));
                }
            }
        }
        return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static Run train(Path data, Path out) {
        return run("train", "--dataset", "csv", "--train", data.toString(), "--set", "group=station", "--hidden", "4",
                "--epochs", "1", "--threads", "1", "--quiet", "--out", out.toString());
    }

    @Test
    void garbledNamesAreNamedInTrainingAndPredictAndInTheRefusalOfACleanFile() throws Exception {
        Path mojibake = stations("mojibake.csv", l -> l.startsWith("sequence_id") || l.startsWith("Paris") ? garbled(l) : l);
        Path garbledRun = dir.resolve("garbled-run");
        Run trained = train(mojibake, garbledRun);
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(Files.readString(garbledRun.resolve("data-warnings.txt"))).contains("mojibake.csv: names that look like UTF-8 "
                + "text read as Windows-1252", "'NO2 [Âµg/mÂ³]' is 'NO2 [µg/m³]' read as Windows-1252",
                "group column 'station': 1 of 6 values, e.g. 'Paris-Bd-PÃ©riphÃ©rique' is 'Paris-Bd-Périphérique'",
                "a file that was UTF-8 already must not go through iconv");

        Path clean = stations("clean.csv", l -> l);
        Run refused = run("predict", "--model", garbledRun.resolve("model.rnnlab").toString(), "--input", clean.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("feature column(s) [NO2 [Âµg/mÂ³], Temperatur [Â°C]] missing",
                "the file has 'NO2 [µg/m³]' for 'NO2 [Âµg/mÂ³]', 'Temperatur [°C]' for 'Temperatur [Â°C]' (the model's names are "
                        + "this file's read as Windows-1252: the training file went through a wrong encoding conversion");

        Path cleanRun = dir.resolve("clean-run");
        Run cleanTrained = train(clean, cleanRun);
        assertThat(cleanTrained.code()).as(cleanTrained.err()).isZero();
        Path warnings = cleanRun.resolve("data-warnings.txt");
        assertThat(Files.exists(warnings) ? Files.readString(warnings) : "").doesNotContain("Windows-1252");
        // new data with the UTF-8 source's rows garbled, the header clean
        Path fresh = stations("new.csv", l -> l.startsWith("Paris") ? garbled(l) : l);
        List<String> logged = new ArrayList<>(); // predict's data warnings go to the log
        Run predicted = DataWarnings.capture(() -> run("predict", "--model", cleanRun.resolve("model.rnnlab").toString(),
                "--input", fresh.toString()), logged);
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(logged).anySatisfy(w -> assertThat(w).contains("new.csv: names that look like UTF-8 text read as Windows-1252",
                "sequence id column 'sequence_id': 4 of 24 values", "'Paris-Bd-PÃ©riphÃ©rique' is 'Paris-Bd-Périphérique'"));
        List<String> cleanLogged = new ArrayList<>();
        DataWarnings.capture(() -> run("predict", "--model", cleanRun.resolve("model.rnnlab").toString(), "--input",
                clean.toString()), cleanLogged);
        assertThat(cleanLogged).noneMatch(w -> w.contains("Windows-1252"));
    }
}
