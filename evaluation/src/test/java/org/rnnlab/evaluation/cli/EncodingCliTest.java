package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * A trial's air-quality agency (stop 65) had Windows-1252 Excel exports ({@code µg/m³}, {@code Évry}): train takes {@code --set
 * encoding=windows-1252} (recorded in config.json, replayed by {@code train --config}), predict and evaluate take {@code
 * --encoding} for their input file, which the model does not impose: new data in UTF-8 read as before, new data in
 * Windows-1252 without the option are refused with the option named.
 */
class EncodingCliTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final String[] STATIONS = {"Évry-Centre", "Göttingen-Süd", "Périphérique", "Lyon", "Créteil", "Nîmes"};

    @TempDir
    Path dir;

    /** 4 windows of 8 hourly steps per station, labels 'trafic élevé' and 'rural', in {@code charset}. */
    private Path stations(String name, Charset charset, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("sequence_id;heure;station;label;NO2 [µg/m³];Température [°C]\n");
        for (int s = 0; s < STATIONS.length; s++) {
            for (int w = 0; w < 4; w++) {
                for (int t = 0; t < 8; t++) {
                    b.append(String.format(Locale.ROOT, "%s_%d;%d;%s;%s;%.2f;%.2f%n", STATIONS[s], w, t, STATIONS[s],
                            s % 2 == 0 ? "trafic élevé" : "rural", (s % 2 == 0 ? 40 : 8) + r.nextGaussian(), 12 + r.nextGaussian()));
                }
            }
        }
        return Files.write(dir.resolve(name), b.toString().getBytes(charset));
    }

    private static Run train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--hidden", "4", "--epochs", "1", "--threads", "1",
                "--quiet"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void aWindows1252FileTrainsWithTheSettingAndNewFilesDeclareTheirOwn() throws Exception {
        Path cp1252 = stations("train-cp1252.csv", CP1252, 1);
        Path out = dir.resolve("run");
        String[] data = {"--dataset", "csv", "--train", cp1252.toString(), "--set", "delimiter=;", "--set", "time=heure",
            "--set", "group=station"};
        Run refused = train(concat(data, "--out", dir.resolve("refused").toString()));
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("train-cp1252.csv:1: byte 0xB5", "--set encoding=windows-1252");

        Run trained = train(concat(concat(data, "--set", "encoding=windows-1252"), "--out", out.toString()));
        assertThat(trained.code()).as(trained.err()).isZero();
        String config = Files.readString(out.resolve("config.json"));
        assertThat(config).contains("\"encoding\" : \"windows-1252\"");
        Path model = out.resolve("model.rnnlab");

        // train --config replays the setting (it would be refused without it)
        Run replayed = run("train", "--config", out.resolve("config.json").toString(), "--out", dir.resolve("again").toString());
        assertThat(replayed.code()).as(replayed.err()).isZero();

        // new data in Windows-1252: refused without --encoding, naming it; read with it, the labels as trained
        Path fresh = stations("new-cp1252.csv", CP1252, 2);
        Run notDeclared = run("predict", "--model", model.toString(), "--input", fresh.toString());
        assertThat(notDeclared.code()).isNotZero();
        assertThat(notDeclared.err()).contains("new-cp1252.csv:1: byte 0xB5", "--encoding windows-1252");
        Run predicted = run("predict", "--model", model.toString(), "--input", fresh.toString(), "--encoding", "cp1252");
        assertThat(predicted.code()).as(predicted.err()).isZero();
        assertThat(predicted.out()).contains("p_trafic élevé", "Évry-Centre_0");
        Run evaluated = run("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--encoding", "windows-1252",
                "--json");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("trafic élevé");

        // new data in UTF-8 for the same model: the training file's encoding is not imposed
        Path utf8 = stations("new-utf8.csv", StandardCharsets.UTF_8, 2);
        Run utf8Predicted = run("predict", "--model", model.toString(), "--input", utf8.toString());
        assertThat(utf8Predicted.code()).as(utf8Predicted.err()).isZero();
        assertThat(utf8Predicted.out()).isEqualTo(predicted.out());
        // review 66a #6: the same UTF-8 file under a wrong --encoding: its garbled names are the user's declaration, to leave out
        Run wrongly = run("predict", "--model", model.toString(), "--input", utf8.toString(), "--encoding", "cp1252");
        assertThat(wrongly.code()).isNotZero();
        assertThat(wrongly.err()).contains("new-utf8.csv:1: feature column(s) [NO2 [µg/m³], Température [°C]] missing",
                "the file is valid UTF-8, read in the encoding --encoding=cp1252 declares; leave --encoding=cp1252 out")
                .doesNotContain("convert");
        // review 66a #4: UTF-16LE without a byte order mark declared utf-16 is named, not an "empty file"
        Path le = stations("new-u16le.csv", StandardCharsets.UTF_16LE, 2);
        Run littleEndian = run("predict", "--model", model.toString(), "--input", le.toString(), "--encoding", "utf-16");
        assertThat(littleEndian.code()).isNotZero();
        assertThat(littleEndian.err()).contains("the file is UTF-16LE", "declare --encoding=utf-16le").doesNotContain("empty file");
        Run declaredLe = run("predict", "--model", model.toString(), "--input", le.toString(), "--encoding", "utf-16le");
        assertThat(declaredLe.out()).as(declaredLe.err()).isEqualTo(predicted.out());

        Run unknown = run("predict", "--model", model.toString(), "--input", fresh.toString(), "--encoding", "klingon");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("--encoding 'klingon' is not an encoding Java knows (expected one of utf-8, "
                + "windows-1252 (cp1252)");
        Run evaluateUnknown = run("evaluate", "--model", model.toString(), "--input", fresh.toString(), "--encoding", "klingon");
        assertThat(evaluateUnknown.code()).isNotZero();
        assertThat(evaluateUnknown.err()).contains("--encoding 'klingon' is not an encoding");
    }

    /**
     * Trial 75b F2: {@code evaluate --input FILE --encoding windows-1252} of a text model read the file, then its re-reads for
     * the header's unread columns and the group column took it for UTF-8 and refused it, telling the user to pass the option
     * they had passed. Every read of the file is in the declared encoding: scores, for both text layouts and by group.
     */
    @Test
    void aTextModelEvaluatesAWindows1252FileInEveryLayout() throws Exception {
        List<String> train = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            train.add(i % 2 == 0 ? "water\tpipe leak flooded kitchen " + i : "fire\tsmoke flames burned garage " + i);
        }
        Path trainFile = Files.write(dir.resolve("train.tsv"), train);
        Path out = dir.resolve("text-run");
        Run trained = run("train", "--dataset", "text", "--train", trainFile.toString(), "--set", "minFrequency=1", "--hidden", "4",
                "--epochs", "1", "--threads", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = out.resolve("model.rnnlab").toString();

        List<String> withIds = new java.util.ArrayList<>(List.of("id\tregion\tlabel\ttext"));
        List<String> noIds = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String row = i % 2 == 0 ? "water\tpipe leak flooded kitchen, réparation façade coût €450 – “quote”"
                    : "fire\tsmoke flames burned garage, dégâts coût €900";
            withIds.add("C-" + i + "\t" + (i % 3 == 0 ? "Île-de-France" : "Bretagne") + "\t" + row);
            noIds.add(row);
        }
        Path cpIds = Files.write(dir.resolve("cp1252.tsv"), withIds, CP1252);
        Path cpNoIds = Files.write(dir.resolve("cp_noid.tsv"), noIds, CP1252);
        for (Path file : List.of(cpIds, cpNoIds)) {
            Run evaluated = run("evaluate", "--model", model, "--input", file.toString(), "--encoding", "windows-1252", "--json");
            assertThat(evaluated.code()).as(evaluated.err()).isZero();
            assertThat(evaluated.out()).contains("\"accuracy\"");
            assertThat(evaluated.err()).doesNotContain("not valid UTF-8");
        }
        // the header's unread column is said, and the scores by the group column read its values as written
        Run unread = run("evaluate", "--model", model, "--input", cpIds.toString(), "--encoding", "cp1252");
        assertThat(unread.code()).as(unread.err()).isZero();
        assertThat(unread.err()).contains("column(s) ['region'] of the header");
        Run byRegion = run("evaluate", "--model", model, "--input", cpIds.toString(), "--encoding", "cp1252", "--group-column",
                "region");
        assertThat(byRegion.code()).as(byRegion.err()).isZero();
        assertThat(byRegion.out()).contains("Île-de-France", "Bretagne");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
