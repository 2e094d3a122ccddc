package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.core.bptt.ClippingExperiment;
import picocli.CommandLine;

class GradientsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void tinyRunWritesEveryFile() throws Exception {
        Path out = tmp.resolve("report");
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new GradientsCommand());
        cl.setOut(new PrintWriter(sw));
        int code = cl.execute("--cells", "rnn,lstm", "--steps", "16", "--hidden", "8", "--features", "4", "--batch", "8",
                "--seed", "3", "--out", out.toString());
        assertThat(code).isZero();
        assertThat(sw.toString()).contains("rnn-8", "lstm-8", "vanilla-bptt-8", "d0/d(T-1)", "index.html")
                .contains("clipping experiment (hand-written RNN, clipping.csv; its own network and task, seeded by --seed, not "
                        + "--hidden/--steps/--batch: H 16, T 20").containsPattern("none +\\d+ .*(exploded|diverged|stable)")
                .doesNotContain("Summary[");

        checkCsv(out.resolve("gradient-flow.csv"), "model,t,distance,grad_norm,grad_norm_geomean,grad_norm_min,grad_norm_max", 3 * 16, 7);
        // the hand-written RNN's weights (W_x 8x4, W_h 8x8, b 8, W_y 2x8, b_y 2), its probe sequence and that sequence's analysis
        checkCsv(out.resolve("vanilla-bptt-weights.csv"), "parameter,row,column,value", 8 * 4 + 8 * 8 + 8 + 2 * 8 + 2, 4);
        checkCsv(out.resolve("vanilla-bptt-probe.csv"), "t,x_0,x_1,x_2,x_3", 16, 5);
        checkCsv(out.resolve("vanilla-bptt-analysis.csv"), org.rnnlab.core.bptt.StepAnalysis.CSV_HEADER, 16, 13);
        assertThat(out.resolve("vanilla-bptt.json")).isRegularFile();
        checkCsv(out.resolve("spectral-sweep.csv"), "spectral_radius,distance,jacobian_norm,bound,log10_jacobian_norm,log10_bound,"
                + "forward_overflow_step", 5 * 16, 7);
        checkCsv(out.resolve("clipping.csv"), "clip,step,loss,grad_norm", -1, 4);
        for (String png : List.of("gradient-flow.png", "spectral-sweep.png", "clipping.png")) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertThat(img).as(png).isNotNull();
            assertThat(img.getWidth()).isGreaterThan(100);
        }
        String html = Files.readString(out.resolve("index.html"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int refs = 0;
        while (m.find()) {
            assertThat(out.resolve(m.group(1))).as("referenced by index.html").exists();
            refs++;
        }
        assertThat(refs).isGreaterThanOrEqualTo(3);
        assertThat(html).contains("src=\"gradient-flow.png\"", "src=\"spectral-sweep.png\"", "src=\"clipping.png\"");
        // the page says what was run and what this run's lines did, not only what gated cells usually do (a user's report of
        // untrained models, whose GRU fell faster than the RNN, read "gated cells keep the line flatter")
        assertThat(html).contains("Settings: data random (4 features), T 16 steps, H 8 units, batch 8, untrained models")
                .containsPattern("In this run: <strong>rnn-8</strong> (falls|rises) \\d+\\.\\d decades from distance 0 to 15")
                .contains("an untrained GRU (update gates near 0.5) can fall as fast as the vanilla RNN or faster")
                .doesNotContain("can keep the line flatter")
                .containsPattern("clip none: [a-z (]+").doesNotContain("GRU keep the line flatter");
        // a user's try: the page called the clipping experiment "the same in every run", but --seed changes it
        assertThat(html).doesNotContain("the same in every run").contains("--seed does (it seeds the");
        assertThat(out.resolve("config.json")).exists();
        assertThat(Json.mapper().readTree(out.resolve("provenance.json").toFile()).get("commandLine").toString())
                .contains("gradients");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aForwardStateThatOverflowsIsReportedAsExplodingNotAsFalling() throws Exception {
        // a user's try, this very command: ReLU at radius 50 over 400 steps overflowed the forward state, W_h times Infinity
        // gave NaN, f'(NaN) was 0, and the sweep reported a Jacobian norm of exactly 0 at every distance >= 1, the page
        // "radius 50.0: 0 at distance 399 (fell)" (at --steps 200 the same radius grows to 4.7e238)
        Path out = tmp.resolve("overflow");
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new GradientsCommand());
        cl.setOut(new PrintWriter(sw));
        int code = cl.execute("--cells", "rnn", "--hidden", "8", "--steps", "400", "--batch", "4", "--spectral-radius", "0.5,1.0,50",
                "--sweep-activation", "RELU", "--out", out.toString());
        assertThat(code).isZero();
        List<String[]> rows = Files.readAllLines(out.resolve("spectral-sweep.csv")).stream().skip(1).map(l -> l.split(",", -1)).toList();
        List<String[]> at50 = rows.stream().filter(f -> f[0].equals("50.0")).toList();
        assertThat(at50).hasSize(400);
        String step = at50.get(0)[6];
        assertThat(step).as("forward_overflow_step at radius 50").matches("\\d+");
        assertThat(at50).allSatisfy(f -> assertThat(f[6]).isEqualTo(step));
        assertThat(at50).filteredOn(f -> !f[1].equals("0")).allSatisfy(f -> {
            assertThat(f[2]).as("jacobian_norm at distance %s", f[1]).isNotEqualTo("0.0").isNotEmpty();
            assertThat(f[4]).as("log10_jacobian_norm at distance %s", f[1]).isNotEqualTo("-Infinity");
        });
        assertThat(rows.stream().filter(f -> !f[0].equals("50.0"))).allSatisfy(f -> assertThat(f[6]).isEmpty());
        String said = "radius 50.0: the forward state overflowed the double range at step " + step + ": exploding";
        assertThat(Files.readString(out.resolve("index.html"))).contains(said).doesNotContain("radius 50.0: 0 at distance");
        assertThat(sw.toString()).contains("spectral sweep, " + said).doesNotContain("radius 0.5: the forward state").doesNotContain("radius 1.0: the forward state");
    }

    @Test
    void optionsThatDoNotApplyAreRefusedAndNothingIsWritten() {
        // a user's try: each of these ran and was silently ignored
        String[][] cases = {
            {"--set", "trainSize=10"},
            {"--data", tmp.toString()},
            {"--dataset", "temporal-order", "--features", "5"},
            {"--train-steps", "10"},
            {"--cells", "rnn,lstm,rnn"},
            {"--spectral-radius", "0.5,0.9,0.5"}};
        String[] expected = {"--set applies to a dataset", "--data applies to a dataset read from files",
            "--features applies to --dataset random only", "--train-steps is the length of --trained's brief training",
            "--cells rnn,lstm,rnn names an architecture twice", "--spectral-radius 0.5,0.9,0.5 names a radius twice"};
        for (int i = 0; i < cases.length; i++) {
            Path out = tmp.resolve("refused" + i);
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new GradientsCommand());
            cl.setErr(new PrintWriter(err));
            List<String> args = new java.util.ArrayList<>(List.of(cases[i]));
            args.addAll(List.of("--out", out.toString()));
            assertThat(cl.execute(args.toArray(String[]::new))).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(err.toString()).contains(expected[i]);
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void theDatasetsSettingsAreRecordedInConfigJson() throws Exception {
        Path out = tmp.resolve("order");
        CommandLine cl = new CommandLine(new GradientsCommand());
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute("--dataset", "temporal-order", "--set", "trainSize=200", "--steps", "20", "--cells", "rnn", "--hidden", "4",
                "--batch", "4", "--spectral-radius", "0.9", "--out", out.toString());
        assertThat(code).isZero();
        var config = Json.mapper().readTree(out.resolve("config.json").toFile()).get("config");
        assertThat(config.get("dataset").asText()).isEqualTo("temporal-order");
        assertThat(config.get("datasetSettings").get("trainSize").asText()).isEqualTo("200");
        // the clipping experiment has its own network: what it was is recorded, not only the probe's --hidden and --steps
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).get("clippingExperiment").asText())
                .startsWith("H 16, T 20, batch 16, 200 SGD steps at rate 0.5");
        // a gradients run cannot be resumed: its folder's refusal names no --resume
        StringWriter err = new StringWriter();
        CommandLine again = new CommandLine(new GradientsCommand());
        again.setErr(new PrintWriter(err));
        assertThat(again.execute("--cells", "rnn", "--out", out.toString())).isNotZero();
        assertThat(err.toString()).contains("is not empty (it holds an earlier run)").contains("--overwrite").doesNotContain("--resume");
    }

    @Test
    void aLongLayoutCsvFileIsReadWithTrain() throws Exception {
        // a user's try: '--dataset csv' needed --train FILE or --data DIR, and gradients refused --train as unknown
        org.rnnlab.datasets.synthetic.ExampleArchive.write(tmp.resolve("d"), 30, 5, 3);
        Path out = tmp.resolve("csv");
        CommandLine cl = new CommandLine(new GradientsCommand());
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--dataset", "csv", "--train", tmp.resolve("d/TRAIN.csv").toString(), "--set", "sequenceId=series_id",
                "--set", "time=timestamp", "--set", "label=class", "--steps", "25", "--cells", "rnn", "--hidden", "4", "--batch", "4",
                "--spectral-radius", "0.9", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(Json.mapper().readTree(out.resolve("config.json").toFile()).at("/config/data").asText()).endsWith("TRAIN.csv");
    }

    /** Header exactly as given; every row has the right number of fields and parses. */
    private static void checkCsv(Path file, String header, int expectedRows, int fields) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(header);
        if (expectedRows >= 0) {
            assertThat(lines).hasSize(expectedRows + 1);
        } else {
            assertThat(lines.size()).isGreaterThan(1);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).as(line).hasSize(fields);
            for (int i = 0; i < f.length; i++) {
                boolean label = i == 0 && (header.startsWith("model") || header.startsWith("parameter") || f[0].equals("none"));
                boolean noOverflow = f[i].isEmpty() && header.split(",")[i].equals("forward_overflow_step");
                if (!label && !noOverflow) {
                    Double.parseDouble(f[i]); // throws if it does not parse
                }
            }
        }
    }

    @Test
    void configRunsTheSameStudyAgainWithByteIdenticalCsvs() throws Exception {
        // a user's try: gradients wrote config.json but, unlike train and compare, had no --config to run again from it
        Path first = tmp.resolve("first");
        CommandLine cl = new CommandLine(new GradientsCommand());
        cl.setOut(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("--cells", "rnn,gru", "--steps", "8", "--hidden", "4", "--features", "3", "--batch", "4",
                "--spectral-radius", "0.9,1.2", "--trained", "--train-steps", "3", "--seed", "5", "--out", first.toString())).isZero();
        // 3 minibatches teach nothing: the page says so of each model (a user's try: --trained probes of unlearned models)
        assertThat(Files.readString(first.resolve("index.html"))).contains("<strong>Warning:</strong> rnn-4 has not learned the task",
                "<strong>Warning:</strong> gru-4 has not learned the task", "give more --train-steps (3 now)");
        Path again = tmp.resolve("again");
        StringWriter err = new StringWriter();
        CommandLine replay = new CommandLine(new GradientsCommand());
        replay.setOut(new PrintWriter(new StringWriter()));
        replay.setErr(new PrintWriter(err));
        assertThat(replay.execute("--config", first.resolve("config.json").toString(), "--out", again.toString())).as(err.toString()).isZero();
        for (String csv : List.of("gradient-flow.csv", "spectral-sweep.csv", "clipping.csv")) {
            assertThat(Files.readAllBytes(again.resolve(csv))).as(csv).isEqualTo(Files.readAllBytes(first.resolve(csv)));
        }
        var settings = Json.mapper().readTree(again.resolve("config.json").toFile()).get("config");
        assertThat(settings.get("trainSteps").asInt()).isEqualTo(3);
        assertThat(settings.get("seed").asLong()).isEqualTo(5);

        // other options are refused, named
        StringWriter refusedErr = new StringWriter();
        CommandLine refused = new CommandLine(new GradientsCommand());
        refused.setErr(new PrintWriter(refusedErr));
        assertThat(refused.execute("--config", first.resolve("config.json").toString(), "--steps", "9", "--seed", "1",
                "--out", tmp.resolve("refused").toString())).isEqualTo(2);
        assertThat(refusedErr.toString()).contains("only --out, --overwrite and --threads may be given with it, not --steps, --seed");
        assertThat(tmp.resolve("refused")).doesNotExist();
    }

    @Test
    void configReplaysADatasetStudyWhoseFeaturesTheDatasetGave() throws Exception {
        // config.json records the features the dataset gave (agreement's 417): the replay reads the recorded dataset, not refuses
        Path first = tmp.resolve("order");
        CommandLine cl = new CommandLine(new GradientsCommand());
        cl.setOut(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("--dataset", "temporal-order", "--set", "trainSize=200", "--steps", "20", "--cells", "rnn", "--hidden", "4",
                "--batch", "4", "--spectral-radius", "0.9", "--out", first.toString())).isZero();
        assertThat(Json.mapper().readTree(first.resolve("config.json").toFile()).at("/config/features").asInt()).isGreaterThan(1);
        Path again = tmp.resolve("order-again");
        StringWriter err = new StringWriter();
        CommandLine replay = new CommandLine(new GradientsCommand());
        replay.setOut(new PrintWriter(new StringWriter()));
        replay.setErr(new PrintWriter(err));
        assertThat(replay.execute("--config", first.resolve("config.json").toString(), "--out", again.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(again.resolve("gradient-flow.csv"))).isEqualTo(Files.readAllBytes(first.resolve("gradient-flow.csv")));
    }

    @Test
    void theClippingTableSaysWhereARunStoppedAndItsLastFiniteLoss() {
        // a user's try: the table read "final loss NaN" for the unclipped run, while clipping.csv's last row was
        // none,3,1.3766727613748588E159,Infinity (stopped at a non-finite gradient)
        double none = ClippingExperiment.NO_CLIP;
        List<ClippingExperiment.Row> rows = List.of(new ClippingExperiment.Row(none, 0, 9710, 5e4),
                new ClippingExperiment.Row(none, 1, 3e20, 1e30), new ClippingExperiment.Row(none, 2, 7e70, 1e90),
                new ClippingExperiment.Row(none, 3, 1.3766727613748588E159, Double.POSITIVE_INFINITY),
                new ClippingExperiment.Row(1.0, 0, 9710, 5e4), new ClippingExperiment.Row(1.0, 1, 0.5, 1));
        List<ClippingExperiment.Summary> summaries = List.of(
                new ClippingExperiment.Summary(none, true, true, 4, 9710, Double.NaN, 1.3766727613748588E159, 1.3766727613748588E159, Math.log(2)),
                new ClippingExperiment.Summary(1.0, false, false, 2, 9710, 0.5, 0, 0, Math.log(2)));
        String table = GradientsCommand.clippingTable(new ClippingExperiment.Result(ClippingExperiment.Config.defaults(42), rows, summaries));
        assertThat(table).doesNotContain("NaN")
                .containsPattern("none +4 +9710 +1\\.377e\\+159 +1\\.377e\\+159  non-finite \\(exploded\\), stopped: non-finite gradient at step 3")
                .containsPattern("1\\.0 +2 +9710 +0\\.5000 +0\\.000  stable, learned\n")
                .contains("of a run that stopped, its last finite loss");
    }

    @Test
    void helpShowsDefaults() {
        String usage = new CommandLine(new GradientsCommand()).getUsageMessage();
        assertThat(usage).contains("--cells", "bilstm", "--steps", "default: 64", "--spectral-radius", "--out", "--dataset", "--trained");
        // a user's try: --help said the seed was of "weights and data", but it seeds the clipping experiment too
        assertThat(usage.replaceAll("\\s+", " ")).contains("Seed of weights and data, and of the clipping experiment's network and task");
    }
}
