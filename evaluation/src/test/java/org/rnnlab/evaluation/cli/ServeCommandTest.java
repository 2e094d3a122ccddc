package org.rnnlab.evaluation.cli;

import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.core.CellType;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.serving.ModelServer;
import org.rnnlab.serving.ServeOptions;
import org.rnnlab.serving.ServedModel;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/** {@code rnnlab serve} start-up errors and options, and {@code rnnlab loadtest} against a real server, in-process. */
class ServeCommandTest {

    private static Run run(String... args) {
        return TrainEvaluatePredictTest.run(args);
    }

    /** A small dense LSTM bundle (features x, y, z; labels neg, pos) trained in a second on generated data. */
    static Path denseModel(Path dir, int hidden) throws Exception {
        Random r = new Random(3);
        List<List<Sequence>> splits = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<Sequence> list = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                float[][] v = new float[3 + r.nextInt(8)][3];
                for (float[] step : v) {
                    for (int f = 0; f < 3; f++) {
                        step[f] = (float) r.nextGaussian();
                    }
                }
                v[0][0] = i % 2 == 0 ? -1 : 1;
                list.add(new Sequence(v, i % 2));
            }
            splits.add(list);
        }
        SequenceDataset data = new InMemorySequenceDataset("serve-test", InputDescription.dense(List.of("x", "y", "z"), 10),
                List.of("neg", "pos"), new SequenceSet(splits.get(0)), new SequenceSet(splits.get(1)), new SequenceSet(splits.get(2)),
                new DatasetProvenance("serve-test", "generated", Map.of(), List.of(), 3));
        TrainedModel m = Trainer.train(ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(hidden)),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(16), data);
        Path file = dir.resolve("dense.rnnlab");
        ModelBundle.save(m.network(), m.normalizer(), ModelBundle.card(m, Map.of(), data.name(),
                Provenance.capture(List.of("test"), data.name(), data.provenance().checksum(), List.of(1L)), 3, 10, Optional.empty()), file);
        return file;
    }

    @Test
    void aMissingOrCorruptModelFileIsAStartUpErrorNamingIt(@TempDir Path dir) throws Exception {
        Run missing = run("serve", "--model", dir.resolve("nothing.rnnlab").toString(), "--port", "0");
        assertThat(missing.code()).isEqualTo(2); // a wrong path on the command line: usage
        assertThat(missing.err()).contains("rnnlab serve: " + dir.resolve("nothing.rnnlab") + ": no such model file").doesNotContain("\tat ");

        Path corrupt = Files.write(dir.resolve("corrupt.rnnlab"), "PK\u0003\u0004 not really a zip".getBytes());
        Run bad = run("serve", "--model", "m=" + corrupt, "--port", "0");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("rnnlab serve: " + corrupt + ": not an rnnlab model bundle").doesNotContain("\tat ");

        Path model = denseModel(dir, 4);
        Run twice = run("serve", "--model", model.toString(), "--model", model.toString(), "--port", "0");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("two models are named 'dense': name them with --model NAME=FILE");
    }

    @Test
    void aPortInUseIsAStartUpErrorNamingIt(@TempDir Path dir) throws Exception {
        Path model = denseModel(dir, 4);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Run r = run("serve", "--model", model.toString(), "--port", "" + taken.getLocalPort());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("rnnlab serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use")
                    .doesNotContain("\tat ");
        }
    }

    /** A user's --host 256.1.1.1 printed a raw exception and exited 1: an address that cannot be one is a usage error. */
    @Test
    void anInvalidHostIsAUsageErrorAndAnAddressNotOfThisMachineAFailure(@TempDir Path dir) throws Exception {
        Path model = denseModel(dir, 4);
        Run invalid = run("serve", "--model", model.toString(), "--host", "256.1.1.1", "--port", "0");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("--host 256.1.1.1 is neither an IP address nor a host name this machine can resolve")
                .doesNotContain("Exception").doesNotContain("\tat ");
        // a user's --host "[::1]" (as URLs write it) ended with "Malformed IPv6 address at index 8: http://[[::1]]:18330"
        assertThat(new ServeOptions("[::1]", 0, 1, java.time.Duration.ZERO, 1, 10, 0, 1000, java.time.Duration.ZERO).host()).isEqualTo("::1");
        if (java.net.NetworkInterface.networkInterfaces().flatMap(java.net.NetworkInterface::inetAddresses)
                .anyMatch(a -> a.isLoopbackAddress() && a instanceof java.net.Inet6Address)) {
            try (ModelServer server = ModelServer.start(List.of(ServedModel.load("dense", model)),
                    new ServeOptions("[::1]", 0, 1, java.time.Duration.ZERO, 1, 10, 0, 1000, java.time.Duration.ZERO))) {
                assertThat(server.uri().toString()).isEqualTo("http://[::1]:" + server.port());
            }
        }
        Run empty = run("serve", "--model", model.toString(), "--host", "", "--port", "0");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("--host is empty");
        // a valid address that cannot be bound here (192.0.2.1, TEST-NET-1, RFC 5737): the start failed, exit 1, in words
        Run foreign = run("serve", "--model", model.toString(), "--host", "192.0.2.1", "--port", "0");
        assertThat(foreign.code()).isEqualTo(1);
        assertThat(foreign.err()).contains("rnnlab serve: cannot listen on 192.0.2.1:0: Cannot assign requested address")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void maxLengthForTextModelsOnlyIsRefused(@TempDir Path dir) throws Exception {
        // a user's try: serve --max-length 3 with a text model started without a word, and 7-token texts were answered
        Path model = UserInputErrorsTest.tinyTextModel(dir);
        Run r = run("serve", "--model", model.toString(), "--max-length", "3", "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--max-length limits the steps of numeric sequences: the text model(s) [model]");
    }

    @Test
    void aCorsOriginThatIsNoOriginIsAUsageError() {
        // a browser sends its page's origin without a path: one written with a slash would never match
        Run r = run("serve", "--model", "m.rnnlab", "--cors-origin", "http://tablet.local:8000,http://tablet.local/app/");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--cors-origin 'http://tablet.local/app/' is not an origin: give scheme://host[:port]");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(run("serve").code()).isEqualTo(2);
        Run body = run("serve", "--model", "m.rnnlab", "--max-body", "lots");
        assertThat(body.code()).isEqualTo(2);
        assertThat(body.err()).contains("--max-body 'lots' must look like 16MiB");
        assertThat(run("serve", "--model", "m.rnnlab", "--batch-wait", "2h").err()).contains("--batch-wait '2h' must look like 1ms");
        assertThat(run("serve", "--model", "m.rnnlab", "--max-batch", "0").err()).contains("--max-batch must be >= 1, got 0");
        assertThat(run("serve", "--model", "m.rnnlab", "--port", "70000").err()).contains("--port must be in [0, 65535], got 70000");
        assertThat(run("serve", "--model", "m.rnnlab", "--body-bytes-in-flight", "1MiB").err())
                .contains("--body-bytes-in-flight 1MiB is less than --max-body 16MiB");
        assertThat(run("serve", "--model", "m.rnnlab", "--max-concurrent", "0").err()).contains("--max-concurrent must be >= 1, got 0");
        assertThat(run("serve", "--model", "m.rnnlab", "--max-waiting", "-1").err()).contains("--max-waiting must be >= 0, got -1");
        assertThat(run("serve", "--model", "m.rnnlab", "--body-timeout", "0").err()).contains("--body-timeout must be more than 0");
        assertThat(run("serve", "--model", "m.rnnlab", "--max-wait", "soon").err()).contains("--max-wait: duration 'soon'");
        assertThat(ServeCommand.bytes("16MiB")).isEqualTo(16L << 20);
        assertThat(ServeCommand.bytes("512KiB")).isEqualTo(512L << 10);
        assertThat(ServeCommand.bytes("1gib")).isEqualTo(1L << 30);
        // a user's --max-body 1mb was read as 1048576 bytes: MB is 10^6 bytes to many, so units without 'i' are refused
        for (String ambiguous : List.of("1mb", "1MB", "1m", "1kb", "512k", "1GB")) {
            Run r = run("serve", "--model", "m.rnnlab", "--max-body", ambiguous);
            assertThat(r.code()).as(ambiguous).isEqualTo(2);
            assertThat(r.err()).as(ambiguous).contains("--max-body '" + ambiguous + "': the unit is ambiguous", "iB for powers of 1024",
                    "accepted: a number of bytes (1000000) or one with KiB, MiB or GiB");
        }
        assertThat(run("serve", "--model", "m.rnnlab", "--max-body", "1Mi").err())
                .contains("--max-body '1Mi': unknown unit 'mi'; accepted: a number of bytes (1000000) or one with KiB, MiB or GiB");
        assertThat(run("serve", "--model", "m.rnnlab", "--body-bytes-in-flight", "200MB").err())
                .contains("--body-bytes-in-flight '200MB': the unit is ambiguous (MB is a power of 1000 to some, of 1024 to others): "
                        + "write 200MiB for powers of 1024");
        assertThat(ServeCommand.bytes("1000")).isEqualTo(1000);
        assertThat(ServeCommand.waitTime("500us").toNanos()).isEqualTo(500_000);
        assertThat(ServeCommand.waitTime("0").isZero()).isTrue();
        assertThat(ServeCommand.waitTime("2").toMillis()).isEqualTo(2);
        Run help = run("serve", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--max-batch=N", "(default: " + ServeOptions.DEFAULT_MAX_BATCH + ")", "--batch-wait", "(default: 0)",
                "--max-body", "(default: 16MiB)", "--drain", "(default: 30s)", "--threads", "(default: 8080)", "(default: 127.0.0.1)",
                "--body-timeout", "(default: 60s)", "--max-concurrent", "(default: 64)", "--max-waiting", "(default: 256)", "--max-wait",
                "(default: 10s)", "--body-bytes-in-flight");
        assertThat(run("--help").out()).contains("serve", "loadtest");
        // what a bare number means, for every duration option (ms for --batch-wait, seconds for the others: an SRE's surprise)
        String flat = help.out().replaceAll("\\s+", " ");
        assertThat(flat).contains("(default: a sixteenth of the JVM's maximum heap"); // wrapped where the option column ends
        assertThat(flat).contains("--batch-wait", "a bare number is milliseconds (unlike --drain, --body-timeout and --max-wait, where it is seconds)");
        for (String option : List.of("--body-timeout=TIME", "--max-wait=TIME", "--drain=TIME")) {
            String text = flat.substring(flat.lastIndexOf(option)); // its line in the list, not the synopsis
            assertThat(text.substring(0, text.indexOf("(default:"))).as(option).contains("a bare number is seconds");
        }
        // SIGHUP stops (no reload), new connections refused at once, and exit 4 when --drain runs out
        assertThat(flat).contains("SIGHUP stops the server as SIGTERM does (exit 0), it does not reload", "no ExecReload=",
                "new connections are refused at once", "take the server out of the load balancer before SIGTERM",
                "4 stopped, but --drain ran out first: requests still in flight were cut off");
    }

    @Test
    void loadtestMeasuresARunningServer(@TempDir Path dir) throws Exception {
        Path model = denseModel(dir, 4);
        try (ModelServer server = ModelServer.start(List.of(ServedModel.load("dense", model)), ServeOptions.defaults(0))) {
            Path json = dir.resolve("load.json");
            Run r = run("loadtest", "--url", server.uri().toString(), "--seconds", "1", "--warmup", "0.2", "--clients", "2",
                    "--sequences-per-request", "2", "--json", json.toString());
            assertThat(r.code()).as(r.err() + r.out()).isZero();
            assertThat(r.err()).contains("loadtest: 2 clients", "2 sequence(s) of 10 steps x 3 features per request");
            assertThat(r.out()).containsPattern("[0-9.]+ requests/s, latency p50 [0-9.]+ ms, p90 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms; "
                    + "[1-9][0-9]* requests in 1.0 s, 0 errors");
            var result = Json.mapper().readTree(json.toFile());
            assertThat(result.get("requests").asLong()).isPositive();
            assertThat(result.get("errors").asLong()).isZero();
            assertThat(result.get("busy").asLong()).as("503s, counted apart from errors").isZero();
            assertThat(result.has("firstBusy")).isTrue();
            // what was measured travels with the numbers (a user's try: saved results could not be compared later)
            assertThat(result.get("url").asText()).isEqualTo(server.uri().toString().replaceAll("/+$", "") + "/predict");
            assertThat(result.get("requestBody").asText()).isEqualTo("2 sequence(s) of 10 steps x 3 features per request");
            assertThat(result.get("latencyUnit").asText()).isEqualTo("ms");
            assertThat(result.get("clients").asInt()).isEqualTo(2);
            assertThat(result.get("warmupSeconds").asDouble()).isEqualTo(0.2);
            // an endpoint's URL for the base URL: named, with the base URL to give
            Run endpoint = run("loadtest", "--url", server.uri().toString().replaceAll("/+$", "") + "/predict", "--seconds", "1");
            assertThat(endpoint.code()).isEqualTo(2);
            assertThat(endpoint.err()).contains("names an endpoint: give the server's base URL, --url "
                    + server.uri().toString().replaceAll("/+$", "") + " (");
            Run modelEndpoint = run("loadtest", "--url", server.uri().toString().replaceAll("/+$", "") + "/models/dense/predict");
            assertThat(modelEndpoint.err()).contains("--model dense (");

            Run nobody = run("loadtest", "--url", server.uri().toString(), "--model", "nobody", "--seconds", "1");
            assertThat(nobody.code()).isEqualTo(1);
            assertThat(nobody.err()).contains("answered 404", "no model named 'nobody'", "nothing was measured");

            // a user's try: a malformed body ran the whole test, every request an error; options that did nothing passed
            Path bad = Files.writeString(dir.resolve("bad.json"), "{\"sequences\": [[[1, 2]]]}");
            Run refused = run("loadtest", "--url", server.uri().toString(), "--input", bad.toString(), "--seconds", "5");
            // a refused request is a failed request, exit 1, as an unknown --model is (it was 2 while that was 1)
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("the server refused the first request (400)").contains("nothing was measured");
            Path refusedJson = dir.resolve("refused.json");
            Run refusedWithJson = run("loadtest", "--url", server.uri().toString(), "--model", "nobody", "--input", bad.toString(),
                    "--json", refusedJson.toString());
            assertThat(refusedWithJson.code()).isEqualTo(1);
            assertThat(refusedWithJson.err()).contains("the server refused the first request (404)",
                    "nothing was measured (written to " + refusedJson + " with \"measured\": false)");
            var unmeasured = Json.mapper().readTree(refusedJson.toFile());
            assertThat(unmeasured.get("measured").asBoolean()).isFalse();
            assertThat(unmeasured.get("requests").asLong()).isEqualTo(1);
            assertThat(unmeasured.get("errors").asLong()).isEqualTo(1);
            assertThat(unmeasured.get("firstError").asText()).startsWith("the server refused the first request (404)");
            assertThat(unmeasured.get("url").asText()).endsWith("/models/nobody/predict");
            assertThat(unmeasured.get("requestBody").asText()).isEqualTo("the request in " + bad);
            assertThat(unmeasured.get("p50").isNull()).isTrue();
            assertThat(result.get("measured").asBoolean()).isTrue();
            Run ignored = run("loadtest", "--url", server.uri().toString(), "--input", bad.toString(), "--seed", "5");
            assertThat(ignored.code()).isEqualTo(2);
            assertThat(ignored.err()).contains("--sequences-per-request and --seed shape the generated requests");
        }
        Run down = run("loadtest", "--url", "http://127.0.0.1:1", "--seconds", "1");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach http://127.0.0.1:1/model", "is 'rnnlab serve' running there?")
                .doesNotContain("Exception");
    }
}
