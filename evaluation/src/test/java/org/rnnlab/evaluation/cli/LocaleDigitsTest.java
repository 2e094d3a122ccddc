package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.synthetic.ExampleArchive;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/** Messages carry Latin digits and decimal points whatever the user's locale (a trial's Arabic locale mixed digit sets). */
class LocaleDigitsTest {

    @Test
    void anArabicLocaleStillPrintsLatinDigits(@TempDir Path dir) throws Exception {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        Locale all = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertThat(String.format("%d", 76)).as("the JDK formats Arabic-Indic digits in this locale").isEqualTo("٧٦");
            Main.rootLocale(); // as Main.main does before running the command
            ExampleArchive.write(dir, 6, 3, 2);
            Run r = run("train", "--dataset", "csv", "--train", dir.resolve("TRAIN.csv").toString(), "--set", "sequenceId=series_id",
                    "--set", "time=timestamp", "--set", "label=class", "--hidden", "3", "--epochs", "1", "--quiet",
                    "--out", dir.resolve("run").toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).containsPattern("\\(\\d+ train / \\d+ validation / \\d+ test sequences\\)")
                    .doesNotContainPattern("[\\u0660-\\u0669]");
            assertThat(r.out()).doesNotContainPattern("[\\u0660-\\u0669]");
        } finally {
            Locale.setDefault(all);
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
    }
}
