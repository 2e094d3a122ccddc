package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.AGREEMENT;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.concat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.text.TextEncoder;

/**
 * As a user would: {@code train}, then {@code export}, then ONNX Runtime on texts encoded with nothing but what the exported
 * file's metadata holds (tokenizer settings and vocabulary) gives what {@code rnnlab predict} prints for the same texts.
 */
class ExportCommandTest {

    @Test
    void anExportedTextModelRunsInOnnxRuntimeAndAgreesWithPredict(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = run(concat(concat(new String[] {"train"}, AGREEMENT), "--cell", "bilstm", "--hidden", "8",
                "--epochs", "2", "--head", "attention", "--quiet", "--out", runDir.toString()));
        assertThat(train.code()).as(train.err()).isZero();
        Path model = runDir.resolve("model.rnnlab");

        TrainEvaluatePredictTest.Run export = run("export", "--model", model.toString());
        assertThat(export.code()).as(export.err()).isZero();
        Path onnx = runDir.resolve("model.onnx");
        assertThat(onnx).isRegularFile();
        assertThat(export.err()).contains("export: wrote " + onnx).contains("ONNX opset 17")
                .contains("inputs:  tokens int64 [batch, time]").contains("outputs: probabilities float [batch, 2] [singular, plural]");

        List<String> texts = List.of("the writer of the books", "the writers near the old table", "the doctor",
                "the authors of the book beside the tables");
        Path input = dir.resolve("texts.txt");
        Files.writeString(input, String.join("\n", texts) + "\n");
        TrainEvaluatePredictTest.Run predict = run("predict", "--model", model.toString(), "--input", input.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> rows = predict.out().lines().skip(1).toList();

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            TextEncoder encoder = TextEncoder.fromJson(meta.get("text_encoder"));
            assertThat(meta.get("standardised_in_graph")).isEqualTo("false"); // token ids: nothing to standardise
            assertThat(Json.mapper().readTree(meta.get("labels")).toString()).isEqualTo("[\"singular\",\"plural\"]");
            for (int i = 0; i < texts.size(); i++) {
                float[][] ids = encoder.encode(texts.get(i));
                long[] tokens = new long[ids.length];
                for (int t = 0; t < ids.length; t++) {
                    tokens[t] = (long) ids[t][0];
                }
                try (OnnxTensor x = OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[]{1, tokens.length});
                     OnnxTensor len = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{tokens.length}), new long[]{1});
                     OrtSession.Result r = session.run(Map.of("tokens", x, "lengths", len))) {
                    float[] p = ((float[][]) r.get("probabilities").orElseThrow().getValue())[0];
                    long label = ((long[]) r.get("label").orElseThrow().getValue())[0];
                    String[] cells = rows.get(i).split(",");
                    assertThat(cells[1]).as(texts.get(i)).isEqualTo(label == 0 ? "singular" : "plural");
                    assertThat((double) p[0]).as(texts.get(i)).isCloseTo(Double.parseDouble(cells[2]), within(1e-5));
                    assertThat((double) p[1]).as(texts.get(i)).isCloseTo(Double.parseDouble(cells[3]), within(1e-5));
                }
            }
        }
    }

    @Test
    void aRunFolderWithItsDefaultExportCanBeOverwritten(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        String[] train = concat(concat(new String[] {"train"}, AGREEMENT), "--cell", "gru", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", runDir.toString());
        assertThat(run(train).code()).isZero();
        assertThat(run("export", "--model", runDir.resolve("model.rnnlab").toString()).code()).isZero();
        assertThat(runDir.resolve("model.onnx")).isRegularFile();

        TrainEvaluatePredictTest.Run again = run(concat(train, "--overwrite"));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(runDir.resolve("model.rnnlab")).isRegularFile();
        assertThat(runDir.resolve("model.onnx")).as("the earlier run's export went with it").doesNotExist();
        assertThat(runDir.resolve("model.onnx.sha256")).doesNotExist();
    }

    /**
     * A model trained with {@code --set sequenceScaling} scales each sequence inside its graph: ONNX Runtime fed the raw
     * rows of the file (NaN padding) gives predict's probabilities. A keyword-spotting trial fed raw frames to a graph that
     * left the scaling to its caller and got the right label for 34 of 160.
     */
    @ParameterizedTest
    @ValueSource(strings = {"standardize", "center"})
    void theGraphScalesEachSequenceAsPredictDoes(String scaling, @TempDir Path dir) throws Exception {
        java.util.Random random = new java.util.Random(11);
        StringBuilder csv = new StringBuilder("id,t,a,b,label\n");
        List<float[][]> sequences = new java.util.ArrayList<>();
        for (int s = 0; s < 40; s++) {
            int length = 3 + random.nextInt(10);
            double offset = 50 * random.nextGaussian(); // each recording at its own level: what the scaling is for
            float[][] v = new float[length][2];
            for (int t = 0; t < length; t++) {
                v[t][0] = (float) (offset + (s % 2 == 0 ? t : -t) * (1 + random.nextDouble()));
                v[t][1] = s == 3 ? 7.25f : (float) (1000 + 3 * random.nextGaussian()); // one sequence's b is constant
                if (s == 5) { // constant but for one step a hair off: constant by the rule the metadata states (trial 76b)
                    v[t][1] = t == 1 ? -89.9999f : -90f;
                }
                csv.append("s").append(s).append(',').append(t).append(',').append(v[t][0]).append(',').append(v[t][1]).append(',')
                        .append(s % 2 == 0 ? "rise" : "fall").append('\n');
            }
            sequences.add(v);
        }
        Path data = Files.writeString(dir.resolve("d.csv"), csv);
        Path runDir = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--set", "sequenceScaling=" + scaling, "--cell", "gru", "--hidden", "6", "--epochs", "2",
                "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path model = runDir.resolve("model.rnnlab");
        TrainEvaluatePredictTest.Run export = run("export", "--model", model.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains("each sequence's scaling by its own statistics (sequenceScaling " + scaling
                + ") is in the graph: feed raw features");
        // the inputs line says it too, with the standardisation after it, and the metadata machine-readably (trial 79f F2)
        assertThat(export.err()).contains("inputs:  sequences float [batch, time, 2] raw values of [a, b] (scaled per sequence, "
                + "then standardised, by the graph: metadata sequence_scaling, feature_mean, feature_std, standardised_in_graph "
                + "true), lengths int64 [batch]");
        // the scaling computes in double: the only float64 of an export (the guide's "On a phone")
        onnx.Onnx.ModelProto graph = onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(runDir.resolve("model.onnx")));
        assertThat(graph.getGraph().getNodeList()).anyMatch(n -> n.getOpType().equals("Cast") && n.getAttributeList().stream()
                .anyMatch(a -> a.getName().equals("to") && a.getI() == onnx.Onnx.TensorProto.DataType.DOUBLE_VALUE));
        TrainEvaluatePredictTest.Run predict = run("predict", "--model", model.toString(), "--input", data.toString(), "--digits", "9");
        assertThat(predict.code()).as(predict.err()).isZero();
        Map<String, String[]> rows = new java.util.HashMap<>();
        predict.out().lines().skip(1).forEach(l -> rows.put(l.split(",")[0], l.split(",")));

        int longest = sequences.stream().mapToInt(v -> v.length).max().orElseThrow();
        float[] flat = new float[sequences.size() * longest * 2];
        long[] lengths = new long[sequences.size()];
        java.util.Arrays.fill(flat, Float.NaN); // padding: never read, not even by the scaling's statistics
        for (int s = 0; s < sequences.size(); s++) {
            lengths[s] = sequences.get(s).length;
            for (int t = 0; t < sequences.get(s).length; t++) {
                flat[(s * longest + t) * 2] = sequences.get(s)[t][0];
                flat[(s * longest + t) * 2 + 1] = sequences.get(s)[t][1];
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(runDir.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(flat), new long[]{sequences.size(), longest, 2});
             OnnxTensor len = OnnxTensor.createTensor(env, LongBuffer.wrap(lengths), new long[]{sequences.size()});
             OrtSession.Result r = session.run(Map.of("sequences", x, "lengths", len))) {
            assertThat(session.getMetadata().getCustomMetadata().get("sequence_scaling")).isEqualTo(scaling);
            // the rule exactly, for a port that scales outside the graph: "a feature constant within the sequence set to 0"
            // alone was read as sd == 0, which puts 7.68 at the one frame of a band at -90 dB that read -89.9999
            assertThat(session.getMetadata().getCustomMetadata().get("sequence_scaling_doc")).contains("standardize: "
                    + org.rnnlab.datasets.csv.SequenceScaling.STANDARDIZE_RULE).contains("at most 1e-6 x the largest absolute value");
            float[][] p = (float[][]) r.get("probabilities").orElseThrow().getValue();
            for (int s = 0; s < sequences.size(); s++) {
                String[] cells = rows.get("s" + s);
                assertThat((double) p[s][0]).as("s" + s).isCloseTo(Double.parseDouble(cells[2]), within(1e-5));
                assertThat((double) p[s][1]).as("s" + s).isCloseTo(Double.parseDouble(cells[3]), within(1e-5));
                assertThat(Float.isNaN(p[s][0])).isFalse();
            }
        }
    }

    @Test
    void theMissingValuePolicyTravelsInTheOnnxMetadata(@TempDir Path dir) throws Exception {
        org.rnnlab.datasets.synthetic.ExampleArchive.write(dir.resolve("d"), 60, 5, 3);
        Path runDir = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = run("train", "--dataset", "csv", "--train", dir.resolve("d/TRAIN.csv").toString(),
                "--set", "sequenceId=series_id", "--set", "time=timestamp", "--set", "label=class", "--missing", "ffill",
                "--hidden", "3", "--epochs", "1", "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        var onnx = org.rnnlab.export.OnnxExporter.export(org.rnnlab.training.ModelBundle.load(runDir.resolve("model.rnnlab")));
        // predict and serve fill a missing value by ffill; the graph cannot, and computed plausible numbers from a NaN
        java.util.Map<String, String> meta = new java.util.HashMap<>();
        onnx.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        // the bare policy name, as the other metadata values are machine-readable (it was a sentence starting "ffill: ...")
        assertThat(meta.get("missing_values")).isEqualTo("ffill");
        assertThat(meta.get("missing_values_doc")).startsWith("ffill: what predict does with an empty or NaN value");
        assertThat(onnx.getDocString()).contains("The graph does not check its inputs");
        // the rate it learned (the archive's timestamps are 0.02 apart): one graph step is one row that far apart
        assertThat(meta.get("time_step")).isEqualTo("0.02");
        assertThat(meta.get("time_step_doc")).startsWith("0.02 between rows (the training data's usual step of the time column, the median of its most common rate's sequences, in its own units)")
                .contains("advises resampling it to one row every 0.02 first").contains(org.rnnlab.export.OnnxExporter.RESAMPLE_RULE);
        assertThat(meta).doesNotContainKey("time_step_rates"); // one step: the key of several is absent
        // what a caller reading a CSV file needs besides the features (a JavaScript trial had to hard-code the id column)
        assertThat(meta.get("sequence_id_column")).isEqualTo("series_id");
        assertThat(meta.get("time_column")).isEqualTo("timestamp");
        assertThat(meta.get("rows_doc")).contains("in increasing 'timestamp' (predict refuses rows out of order")
                .contains("interpolate: by the step's position, not by its time");
        assertThat(Json.mapper().readTree(meta.get("missing_markers")).toString()).startsWith("[\"\",\"?\",\"NA\"").contains("\"NULL\"")
                .contains("\"-nan\"");
        var features = Json.mapper().readTree(meta.get("features"));
        assertThat(Json.mapper().readTree(meta.get("feature_mean")).size()).isEqualTo(features.size());
        assertThat(Json.mapper().readTree(meta.get("feature_std")).size()).isEqualTo(features.size());
        assertThat(meta.get("training_lengths_doc")).contains("MIN..MAX");

        // the same metadata as a JSON file beside the model: ONNX Runtime for JavaScript cannot read metadata_props
        TrainEvaluatePredictTest.Run export = run("export", "--model", runDir.resolve("model.rnnlab").toString());
        assertThat(export.code()).as(export.err()).isZero();
        // raw or standardised? said in the inputs line, as for a sequenceScaling model, and machine-readably (trial 79f F2)
        assertThat(export.err()).contains("inputs:  sequences float [batch, time, " + features.size() + "] raw values of [")
                .contains("] (standardised by the graph: metadata feature_mean, feature_std, standardised_in_graph true), lengths "
                        + "int64 [batch]");
        assertThat(meta.get("standardised_in_graph")).isEqualTo("true");
        Path sidecar = runDir.resolve("model.onnx.json");
        assertThat(export.err()).contains("metadata: in the model, and as JSON in " + sidecar);
        @SuppressWarnings("unchecked")
        Map<String, String> written = Json.mapper().readValue(sidecar.toFile(), Map.class);
        // export adds the model file's SHA-256 (OnnxExporter.withSourceSha256), which the graph alone cannot know
        java.util.Map<String, String> expected = new java.util.HashMap<>(meta);
        expected.put(org.rnnlab.export.OnnxExporter.SOURCE_SHA256, org.rnnlab.training.ModelBundle.fileSha256(runDir.resolve("model.rnnlab")));
        assertThat(written).isEqualTo(expected);
        // a second export replaces its own metadata file, with --overwrite as the model
        assertThat(run("export", "--model", runDir.resolve("model.rnnlab").toString(), "--overwrite").code()).isZero();
    }

    /**
     * A model trained on files of ';' and decimal commas, with --missing interpolate: its metadata says how the files wrote
     * numbers (a trial's JavaScript port read '0,42685' with parseFloat: 0, 33 of 45 labels wrong) and what predict does with a
     * feature that has no value at all in a sequence; export writes the model's SHA-256 beside it, which sha256sum -c checks.
     */
    @Test
    void theMetadataSaysHowTheFilesWroteNumbersAndAChecksumIsWrittenBeside(@TempDir Path dir) throws Exception {
        java.util.Random random = new java.util.Random(5);
        StringBuilder csv = new StringBuilder("id;t;a;b;label\n");
        for (int s = 0; s < 30; s++) {
            for (int t = 0; t < 4 + s % 3; t++) {
                csv.append("s").append(s).append(';').append(t).append(';')
                        .append(String.format(java.util.Locale.GERMANY, "%.4f", (s % 2 == 0 ? t : -t) + 0.3 * random.nextGaussian()))
                        .append(';').append(s == 7 && t == 1 ? "" : String.format(java.util.Locale.GERMANY, "%.4f", random.nextDouble()))
                        .append(';').append(s % 2 == 0 ? "up" : "down").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("d.csv"), csv);
        Path runDir = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "delimiter=;",
                "--set", "decimal=comma", "--set", "sequenceId=id", "--set", "time=t", "--missing", "interpolate", "--cell", "gru",
                "--hidden", "3", "--epochs", "1", "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        TrainEvaluatePredictTest.Run export = run("export", "--model", runDir.resolve("model.rnnlab").toString());
        assertThat(export.code()).as(export.err()).isZero();
        Path onnx = runDir.resolve("model.onnx");
        @SuppressWarnings("unchecked")
        Map<String, String> meta = Json.mapper().readValue(runDir.resolve("model.onnx.json").toFile(), Map.class);
        assertThat(meta.get("csv_decimal")).isEqualTo("comma");
        assertThat(meta.get("csv_delimiter")).isEqualTo(";");
        assertThat(meta.get("csv_format_doc")).contains("how the training files were written").contains("columns separated by ';'")
                .contains("'0,42685' is 0.42685").contains("parseFloat");
        assertThat(meta.get("missing_values")).isEqualTo("interpolate"); // the keys before, unchanged
        assertThat(meta.get("missing_values_doc")).startsWith("interpolate: what predict does with an empty or NaN value")
                .contains("a feature with no observed value at all in a sequence").contains("no prediction")
                .contains("exits with code 4").contains("never feed it with NaN");
        assertThat(export.err()).contains("the training files: columns separated by ';', numbers with a decimal comma (0,42685 is 0.42685");

        // the checksum beside the model, in sha256sum's format, named in the summary
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(onnx)));
        Path checksum = runDir.resolve("model.onnx.sha256");
        assertThat(Files.readString(checksum)).isEqualTo(hash + "  model.onnx\n");
        assertThat(export.err()).contains("sha256:  " + hash + " in " + checksum).contains("sha256sum -c model.onnx.sha256");
        // the model file it came from, by the SHA-256 serve and predict give for it (trial 81e F4: nothing linked them), in the
        // ONNX file's own metadata, its JSON and the summary; not the ONNX file's hash
        Path source = runDir.resolve("model.rnnlab");
        String sourceHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(source)));
        assertThat(meta.get("source_model_sha256")).as("model.onnx.json").isEqualTo(sourceHash).isNotEqualTo(hash);
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            assertThat(session.getMetadata().getCustomMetadata().get("source_model_sha256")).as("model.onnx").isEqualTo(sourceHash);
        }
        assertThat(export.err()).contains("from:    " + source + ", sha256 " + sourceHash + " (metadata source_model_sha256");
        // predict says the model file's SHA-256 first, as serve's X-Rnnlab-Model-Sha256 gives it
        TrainEvaluatePredictTest.Run predicted = run("predict", "--model", source.toString(), "--input", data.toString());
        assertThat(predicted.err()).contains(sourceHash);
        Process check = new ProcessBuilder("sha256sum", "-c", "model.onnx.sha256").directory(runDir.toFile()).redirectErrorStream(true)
                .start();
        assertThat(new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("model.onnx: OK");
        assertThat(check.waitFor()).isZero();
        // a damaged model fails the check (a flipped weight bit ran in ONNX Runtime without an error)
        byte[] bytes = Files.readAllBytes(onnx);
        bytes[bytes.length / 2] ^= 1;
        Files.write(onnx, bytes);
        Process damaged = new ProcessBuilder("sha256sum", "--quiet", "-c", "model.onnx.sha256").directory(runDir.toFile())
                .redirectErrorStream(true).start();
        damaged.getInputStream().readAllBytes();
        assertThat(damaged.waitFor()).isNotZero();

        // a file of the user's where the checksum goes is not replaced, and nothing is written
        Path out = dir.resolve("m.onnx");
        Path notes = Files.writeString(dir.resolve("m.onnx.sha256"), "my notes\n");
        TrainEvaluatePredictTest.Run refused = run("export", "--model", runDir.resolve("model.rnnlab").toString(), "--out",
                out.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("the checksum file " + notes + ", written beside --out, exists and is not an earlier "
                + "export's checksum");
        assertThat(out).doesNotExist();
        assertThat(Files.readString(notes)).isEqualTo("my notes\n");
    }

    /**
     * A model trained at two steps (robots logging every 8 and every 4 ms, trial 76h) exports both with their training
     * sequences, and its time_step_doc and summary say that new data at either is fed as it is, as predict does, and how a
     * sequence at another step is resampled, and to which step; the guide's metadata table lists every key of such an export
     * (the emptyFeature keys were missing), and the time and id columns are said not to be inputs.
     */
    @Test
    void aModelOfTwoStepsExportsBothAndWhatPredictDoesWithAnother(@TempDir Path dir) throws Exception {
        java.util.Random random = new java.util.Random(76);
        StringBuilder csv = new StringBuilder("cycle,t_ms,torque,gripper,outcome\n");
        for (int s = 0; s < 48; s++) {
            int step = s % 3 == 0 ? 4 : 8; // a third of the cycles from the robot that logs twice as often
            int length = 6 + random.nextInt(6);
            for (int t = 0; t < length; t++) {
                csv.append("c").append(s).append(',').append(t * step).append(',')
                        .append(s == 10 ? "" : String.format(java.util.Locale.ROOT, "%.4f", (s % 2 == 0 ? t : -t) + 0.3 * random.nextGaussian()))
                        .append(',').append(t % 2).append(',').append(s % 2 == 0 ? "ok" : "slip").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("cycles.csv"), csv);
        Path runDir = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=cycle",
                "--set", "time=t_ms", "--set", "label=outcome", "--missing", "interpolate", "--set", "emptyFeature=mean", "--cell",
                "gru", "--hidden", "3", "--epochs", "1", "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path model = runDir.resolve("model.rnnlab");
        TrainEvaluatePredictTest.Run export = run("export", "--model", model.toString());
        assertThat(export.code()).as(export.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, String> meta = Json.mapper().readValue(runDir.resolve("model.onnx.json").toFile(), Map.class);

        // the card's steps, counted over the training split, all in the metadata: the commonest first
        var steps = org.rnnlab.training.ModelBundle.load(model).card().dataSchema().timeStep();
        assertThat(steps.rates()).hasSize(2);
        assertThat(meta.get("time_step")).isEqualTo("8.0");
        var rates = Json.mapper().readTree(meta.get("time_step_rates"));
        assertThat(rates.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(rates.get(i).get("step").asDouble()).isEqualTo(steps.rates().get(i).step());
            assertThat(rates.get(i).get("sequences").asLong()).isEqualTo(steps.rates().get(i).sequences());
        }
        assertThat(rates.get(0).get("step").asDouble()).isEqualTo(8.0);
        assertThat(rates.get(1).get("step").asDouble()).isEqualTo(4.0);
        long at8 = steps.rates().get(0).sequences();
        long at4 = steps.rates().get(1).sequences();
        // predict's rule in words: either step as it is, another resampled to the commonest, and how
        assertThat(meta.get("time_step_doc")).contains(at8 + " sequences every 8, " + at4 + " sequences every 4")
                .contains("predict feeds new data at any of these steps as they are, not resampled to the commonest")
                .contains("advises resampling it to one row every 8 first").contains(org.rnnlab.export.OnnxExporter.RESAMPLE_RULE)
                .contains("compare it with 'training_lengths' after").doesNotContain("feed data sampled at this step");
        assertThat(export.err()).contains("; rows 8 apart (" + at8 + " training sequences) or 4 apart (" + at4 + "), each as it is: "
                + "the model trained on both, and predict reads them so; only another step to resample, to 8, as predict's "
                + "warning advises (metadata time_step_rates, time_step_doc)");
        // the time and id columns are not inputs (a controller engineer with [batch, time, 2] wondered whether time was t_ms)
        assertThat(meta.get("rows_doc")).contains("the time column 't_ms' orders the rows and gives their step (metadata "
                + "time_step), and is not fed to the graph; columns 'cycle', 'outcome' are not inputs either");
        assertThat(export.err()).contains("; 't_ms' orders the rows and is not an input, nor are the id, label and group columns");

        // the guide's table names every key of this export (empty_feature_fill and empty_feature_values were missing), and its
        // caller's paragraph the emptyFeature exception to "leave such a sequence out"
        String guide = Files.readString(Path.of("../docs/guide/onnx.md"));
        String table = guide.substring(guide.indexOf("| key | value |"), guide.indexOf("To compare an app with `predict`"));
        assertThat(meta.get("empty_feature_fill")).isEqualTo("mean");
        for (String key : meta.keySet()) {
            assertThat(table).as(key).containsPattern("(?m)^\\|.*`" + java.util.regex.Pattern.quote(key) + "`");
        }
        assertThat(guide.replaceAll("\\s+", " ")).contains("so leave such a sequence out too, unless the model has "
                + "`empty_feature_fill`");
    }

    @Test
    void aFileOfTheUsersWhereTheMetadataGoesIsNotReplaced(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        assertThat(run(concat(concat(new String[] {"train"}, AGREEMENT), "--cell", "gru", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", runDir.toString())).code()).isZero();
        Path out = dir.resolve("m.onnx");
        Path notes = Files.writeString(dir.resolve("m.onnx.json"), "{\"my\": \"notes\"}\n");
        TrainEvaluatePredictTest.Run export = run("export", "--model", runDir.resolve("model.rnnlab").toString(), "--out",
                out.toString());
        assertThat(export.code()).isEqualTo(2);
        assertThat(export.err()).contains("the metadata file " + notes + ", written beside --out, exists and is not an earlier "
                + "export's metadata");
        assertThat(out).as("nothing written").doesNotExist();
        assertThat(Files.readString(notes)).isEqualTo("{\"my\": \"notes\"}\n");
    }

    @Test
    void anEmptyFileWhereTheMetadataGoesIsReplacedWithAWord(@TempDir Path dir) throws Exception {
        // a review: an empty model.onnx.json, whatever wrote it, was replaced without a word
        Path runDir = dir.resolve("run");
        assertThat(run(concat(concat(new String[] {"train"}, AGREEMENT), "--cell", "gru", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", runDir.toString())).code()).isZero();
        Path out = dir.resolve("m.onnx");
        Path empty = Files.writeString(dir.resolve("m.onnx.json"), "");
        TrainEvaluatePredictTest.Run export = run("export", "--model", runDir.resolve("model.rnnlab").toString(), "--out",
                out.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains("export: replaced " + empty + " (an empty file)").doesNotContain("an earlier ONNX model");
        assertThat(Json.mapper().readTree(empty.toFile()).has("rnnlab.onnx_format")).isTrue();
        TrainEvaluatePredictTest.Run again = run("export", "--model", runDir.resolve("model.rnnlab").toString(), "--out",
                out.toString(), "--overwrite");
        assertThat(again.err()).contains("export: replaced " + out + " (an earlier ONNX model), " + empty
                + " (an earlier export's metadata) and " + dir.resolve("m.onnx.sha256") + " (an earlier export's checksum)");
        // a first export replaces nothing and says nothing of it
        TrainEvaluatePredictTest.Run fresh = run("export", "--model", runDir.resolve("model.rnnlab").toString(), "--out",
                dir.resolve("f.onnx").toString());
        assertThat(fresh.err()).doesNotContain("replaced");
    }

    /**
     * A model of {@code train --calibrate temperature}: the summary says the calibration is in the graph (trial 76b F4: only
     * the metadata said so), and names predict's low_confidence cut-offs, which the metadata holds exactly as the card does
     * ({@code confidence_quantiles}); ONNX Runtime's probabilities compared with them give predict's low_confidence column.
     */
    @Test
    void aCalibratedModelsSummarySaysSoAndLowConfidenceIsRecomputedFromTheMetadata(@TempDir Path dir) throws Exception {
        java.util.Random random = new java.util.Random(17);
        StringBuilder csv = new StringBuilder("id,t,a,label\n");
        List<float[]> sequences = new java.util.ArrayList<>();
        for (int s = 0; s < 120; s++) {
            float[] v = new float[5];
            for (int t = 0; t < v.length; t++) {
                v[t] = Float.parseFloat(String.format(java.util.Locale.ROOT, "%.4f", (s % 2 == 0 ? 0.3 : -0.3) * t + random.nextGaussian()));
                csv.append("s").append(s).append(',').append(t).append(',').append(v[t]).append(',').append(s % 2 == 0 ? "up" : "down")
                        .append('\n');
            }
            sequences.add(v);
        }
        Path data = Files.writeString(dir.resolve("d.csv"), csv);
        Path runDir = dir.resolve("run");
        TrainEvaluatePredictTest.Run train = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "3", "--seed", "3", "--threads", "1",
                "--calibrate", "temperature", "--quiet", "--out", runDir.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path model = runDir.resolve("model.rnnlab");
        org.rnnlab.training.ModelCard card = org.rnnlab.training.ModelBundle.load(model).card();
        org.rnnlab.training.HeldOutConfidence held = card.heldOutConfidence().orElseThrow();
        List<String> labels = card.labelNames();

        TrainEvaluatePredictTest.Run export = run("export", "--model", model.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains(String.format(java.util.Locale.ROOT, "  calibration: temperature T = %.4f, in the graph "
                + "before its softmax, as predict applies it (metadata calibration)%n", card.temperature()));
        double[] p05 = held.cutOffs("p05", labels);
        assertThat(export.err()).contains(String.format(java.util.Locale.ROOT, "  low_confidence: below the %s p05 of the class "
                + "predicted: '%s' %s, '%s' %s (metadata confidence_quantiles); predict's far_from_training and its checks of "
                + "the input are not in the file%n", card.heldOutPredictions().split(), labels.get(0), PredictCommand.probability(p05[0]),
                labels.get(1), PredictCommand.probability(p05[1])));
        @SuppressWarnings("unchecked")
        Map<String, String> meta = Json.mapper().readValue(runDir.resolve("model.onnx.json").toFile(), Map.class);
        assertThat(meta.get("calibration")).startsWith("temperature scaling: the logits divided by T = " + card.temperature());
        Map<String, Map<String, Double>> quantiles = Json.mapper().readValue(meta.get("confidence_quantiles"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, Double>>>() { });
        for (String q : org.rnnlab.training.HeldOutConfidence.NAMES) {
            for (String label : labels) {
                assertThat(quantiles.get(q).get(label)).as(q + " " + label).isEqualTo(held.cutOff(q, label));
            }
        }

        TrainEvaluatePredictTest.Run predict = run("predict", "--model", model.toString(), "--input", data.toString(), "--digits", "9");
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> header = List.of(predict.out().lines().findFirst().orElseThrow().split(","));
        int lowColumn = header.indexOf("low_confidence");
        assertThat(lowColumn).as(header.toString()).isPositive();
        Map<String, String[]> rows = new java.util.HashMap<>();
        predict.out().lines().skip(1).forEach(l -> rows.put(l.split(",")[0], l.split(",")));
        float[] flat = new float[sequences.size() * 5];
        for (int s = 0; s < sequences.size(); s++) {
            System.arraycopy(sequences.get(s), 0, flat, s * 5, 5);
        }
        long[] lengths = new long[sequences.size()];
        java.util.Arrays.fill(lengths, 5);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int flagged = 0;
        try (OrtSession session = env.createSession(runDir.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(flat), new long[]{sequences.size(), 5, 1});
             OnnxTensor len = OnnxTensor.createTensor(env, LongBuffer.wrap(lengths), new long[]{sequences.size()});
             OrtSession.Result r = session.run(Map.of("sequences", x, "lengths", len))) {
            float[][] p = (float[][]) r.get("probabilities").orElseThrow().getValue();
            long[] label = (long[]) r.get("label").orElseThrow().getValue();
            for (int s = 0; s < sequences.size(); s++) {
                String[] cells = rows.get("s" + s);
                double cutOff = quantiles.get("p05").get(labels.get((int) label[s]));
                assertThat(cells[1]).as("s" + s).isEqualTo(labels.get((int) label[s]));
                if (Math.abs(p[s][(int) label[s]] - cutOff) > 1e-5) { // float32 against predict's doubles: ~1e-7 apart
                    assertThat(String.valueOf(p[s][(int) label[s]] < cutOff)).as("s" + s).isEqualTo(cells[lowColumn]);
                }
                flagged += cells[lowColumn].equals("true") ? 1 : 0;
            }
        }
        assertThat(flagged).as("some rows flagged").isPositive();
    }

    @Test
    void exportRefusesToOverwriteAndNamesAMissingModel(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        assertThat(run(concat(concat(new String[] {"train"}, AGREEMENT), "--cell", "gru", "--hidden", "4", "--epochs", "1",
                "--quiet", "--out", runDir.toString())).code()).isZero();
        Path model = runDir.resolve("model.rnnlab");
        Path out = dir.resolve("m.onnx");
        assertThat(run("export", "--model", model.toString(), "--out", out.toString()).code()).isZero();
        long size = Files.size(out);
        TrainEvaluatePredictTest.Run again = run("export", "--model", model.toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains(out + " exists: add --overwrite");
        assertThat(run("export", "--model", model.toString(), "--out", out.toString(), "--overwrite").code()).isZero();
        assertThat(Files.size(out)).isEqualTo(size);
        TrainEvaluatePredictTest.Run self = run("export", "--model", model.toString(), "--out", model.toString(), "--overwrite");
        assertThat(self.code()).isEqualTo(2);
        assertThat(self.err()).contains("is the model file itself");
        // a user's try: through a symbolic or a hard link the model was replaced by ONNX bytes
        byte[] bundle = Files.readAllBytes(model);
        Path symlink = Files.createSymbolicLink(dir.resolve("link.rnnlab"), model);
        Path hard = Files.createLink(dir.resolve("hard.rnnlab"), model);
        for (Path alias : List.of(symlink, hard)) {
            TrainEvaluatePredictTest.Run viaAlias = run("export", "--model", alias.toString(), "--out", model.toString(), "--overwrite");
            assertThat(viaAlias.code()).as(alias.toString()).isEqualTo(2);
            assertThat(viaAlias.err()).contains("is the model file itself");
        }
        TrainEvaluatePredictTest.Run intoHard = run("export", "--model", model.toString(), "--out", hard.toString(), "--overwrite");
        assertThat(intoHard.code()).isEqualTo(2);
        assertThat(intoHard.err()).contains("is the model file itself");
        Path other = Files.write(dir.resolve("other.rnnlab"), bundle);
        TrainEvaluatePredictTest.Run intoBundle = run("export", "--model", model.toString(), "--out", other.toString(), "--overwrite");
        assertThat(intoBundle.code()).isEqualTo(2);
        assertThat(intoBundle.err()).contains("holds a zip file (a model bundle or checkpoint?)");
        assertThat(Files.readAllBytes(model)).isEqualTo(bundle);
        assertThat(Files.readAllBytes(other)).isEqualTo(bundle);
        // a user's try: --out train.csv --overwrite replaced the training data with ONNX bytes
        Path csv = Files.writeString(dir.resolve("train.csv"), "seq,t,f1,f2\na,0,1.5,2\n");
        TrainEvaluatePredictTest.Run intoCsv = run("export", "--model", model.toString(), "--out", csv.toString(), "--overwrite");
        assertThat(intoCsv.code()).isEqualTo(2);
        assertThat(intoCsv.err()).contains(csv + " exists and is not an ONNX model (it holds text, first line 'seq,t,f1,f2')")
                .contains("export replaces only an earlier export, even with --overwrite");
        assertThat(Files.readString(csv)).isEqualTo("seq,t,f1,f2\na,0,1.5,2\n");
        Path binary = Files.write(dir.resolve("data.bin"), new byte[] {0, (byte) 0x93, 'N', 'U', 'M'});
        TrainEvaluatePredictTest.Run intoBinary = run("export", "--model", model.toString(), "--out", binary.toString(), "--overwrite");
        assertThat(intoBinary.code()).isEqualTo(2);
        assertThat(intoBinary.err()).contains("it holds other binary data, first bytes 00 93 4E 55");
        // a name not ending in .onnx is written, with a warning; an earlier export under that name is replaced
        Path odd = dir.resolve("exported.model");
        TrainEvaluatePredictTest.Run oddName = run("export", "--model", model.toString(), "--out", odd.toString());
        assertThat(oddName.code()).as(oddName.err()).isZero();
        assertThat(oddName.err()).contains("warning: --out " + odd + " does not end in .onnx");
        assertThat(run("export", "--model", model.toString(), "--out", odd.toString(), "--overwrite").code()).isZero();
        assertThat(run("export", "--model", model.toString(), "--out", out.toString(), "--overwrite").err()).doesNotContain("warning");
        TrainEvaluatePredictTest.Run dash = run("export", "--model", model.toString(), "--out", "-");
        assertThat(dash.code()).isEqualTo(2);
        assertThat(dash.err()).contains("--out -: export writes the ONNX model to a file");
        assertThat(Path.of("-")).doesNotExist();
        TrainEvaluatePredictTest.Run missing = run("export", "--model", dir.resolve("nope.rnnlab").toString());
        assertThat(missing.code()).isEqualTo(2); // a wrong path on the command line: usage
        assertThat(missing.err()).contains("nope.rnnlab: no such model file");
        assertThat(dir.resolve("nope.onnx")).doesNotExist();
        // in a folder that does not exist either: the missing model is said, not the folder of the default --out beside it
        TrainEvaluatePredictTest.Run nowhere = run("export", "--model", dir.resolve("no-folder").resolve("model.rnnlab").toString());
        assertThat(nowhere.err()).contains("model.rnnlab: no such model file").doesNotContain("does not exist");
        TrainEvaluatePredictTest.Run format = run("export", "--model", model.toString(), "--format", "tflite");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("onnx");
    }
}
