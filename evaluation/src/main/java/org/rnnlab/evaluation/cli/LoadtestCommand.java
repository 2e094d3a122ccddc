package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rnnlab.core.Json;
import org.rnnlab.serving.LoadGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab loadtest}: predict requests against a running {@code rnnlab serve}, requests/s and latency percentiles. */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {"0:done: every request answered", "1:requests that failed, were refused busy (503: the server shed load; "
                + "each client waited the answer's Retry-After before its next request) or none answered, including a first request the "
                + "server refused (400, 404, 413, 415) or a server that cannot be reached: nothing measured then, and --json "
                + "says so (\"measured\": false); or another error", ExitCodes.USAGE, ExitCodes.OTHER_SIGNALS, ExitCodes.PIPE}, sortOptions = false,
        description = {"Sends predict requests to a running 'rnnlab serve' from several clients at once for a fixed time and prints "
                + "requests/s, latency percentiles (p50, p90, p99, max) and errors. A benchmark tool: run a few rounds; the server "
                + "and this command should not share a busy machine with other work.",
                "Requests: random sequences of the model's features (--length steps, seeded), or texts for text models, or the "
                        + "request body in --input."})
public final class LoadtestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The server's base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Send to /models/NAME/predict (default: /predict, the server's first model).")
    String model;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Time measured (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
            description = "Time before measuring, requests sent but not counted (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8",
            description = "Concurrent clients, each sending its next request when the last is answered (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--sequences-per-request", paramLabel = "N", defaultValue = "1",
            description = "Sequences (or texts) in each request (default: ${DEFAULT-VALUE}).")
    int perRequest;

    @Option(names = "--length", paramLabel = "STEPS",
            description = "Steps of each random sequence (default: the longest training sequence of the model's card).")
    Integer length;

    @Option(names = "--input", paramLabel = "FILE",
            description = "A request body (JSON) to send instead of generated ones.")
    Path input;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the random sequences (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the result as JSON to FILE (replaced if it exists; it must be a regular file, not a link or device).")
    Path json;

    private static final List<String> TEXTS = List.of("the food was great and the service friendly", "this phone broke after a week",
            "not bad at all", "i would never buy it again", "a wonderful film with a weak ending", "the keys of the cabinet are on the table",
            "terrible sound quality", "works as described, fast delivery");

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || perRequest < 1 || seconds <= 0 || warmup < 0 || (length != null && length < 1)) {
            throw new IllegalArgumentException("--clients, --sequences-per-request, --length and --seconds must be positive, --warmup >= 0");
        }
        if (input != null && length != null) {
            throw new IllegalArgumentException("--length does not apply with --input");
        }
        var given = spec.commandLine().getParseResult();
        if (input != null && (given.hasMatchedOption("--sequences-per-request") || given.hasMatchedOption("--seed"))) {
            throw new IllegalArgumentException("--sequences-per-request and --seed shape the generated requests: with --input, "
                    + "the body in " + input + " is sent as it is");
        }
        if (json != null) { // before the load test, not after it: a folder, a missing folder, a link, FIFO or device
            OutputFile.check("--json " + json, json, "loadtest.json", true); // an existing regular file is replaced, as always
        }
        String base = url.toString().replaceAll("/+$", "");
        java.util.regex.Matcher endpoint = java.util.regex.Pattern.compile("(.*?)(/models/[^/]+)?/(predict|model|models|health|metrics)$")
                .matcher(base);
        if (endpoint.matches()) { // a user's try: --url .../predict was sent to .../predict/model and answered 404
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--url " + url + " names an endpoint: give the server's base URL, "
                    + "--url " + endpoint.group(1) + (endpoint.group(2) != null ? " --model " + endpoint.group(2).substring(8) : "")
                    + " (loadtest sends to /predict, or /models/NAME/predict with --model)");
        }
        URI predict = URI.create(base + (model == null ? "/predict" : "/models/" + model + "/predict"));
        List<byte[]> bodies = new ArrayList<>();
        String what;
        if (input != null) {
            bodies.add(Files.readAllBytes(input));
            what = "the request in " + input;
        } else {
            JsonNode card;
            try {
                card = card(URI.create(base + (model == null ? "/model" : "/models/" + model)));
            } catch (Unmeasured e) {
                throw unmeasured(e, predict, "generated (the model card could not be read)");
            }
            Random r = new Random(seed);
            boolean text = "texts".equals(card.path("reads").asText());
            if (text && length != null) {
                throw new IllegalArgumentException("--length does not apply to the text model at " + predict + ": its requests "
                        + "are texts (of the model's own length limit)");
            }
            int steps = length != null ? length : Math.max(1, card.path("maxLength").asInt(1));
            int features = card.path("featureNames").size();
            for (int b = 0; b < 64; b++) {
                Map<String, Object> body = new LinkedHashMap<>();
                if (text) {
                    List<String> texts = new ArrayList<>();
                    for (int k = 0; k < perRequest; k++) {
                        texts.add(TEXTS.get(r.nextInt(TEXTS.size())));
                    }
                    body.put("texts", texts);
                } else {
                    List<float[][]> seqs = new ArrayList<>();
                    for (int k = 0; k < perRequest; k++) {
                        float[][] s = new float[steps][features];
                        for (float[] step : s) {
                            for (int f = 0; f < features; f++) {
                                step[f] = (float) r.nextGaussian();
                            }
                        }
                        seqs.add(s);
                    }
                    body.put("sequences", seqs);
                }
                bodies.add(Json.writeCompact(body).getBytes(StandardCharsets.UTF_8));
            }
            what = perRequest + (text ? " text(s)" : " sequence(s) of " + steps + " steps x " + features + " features") + " per request";
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        err.printf("loadtest: %d clients for %.0f s (after %.0f s warm-up) on %s, %s%n", clients, seconds, warmup, predict, what);
        err.flush();
        try {
            refuseIfRefused(predict, bodies.get(0)); // a request the server refuses would fail the whole run, each time
        } catch (Unmeasured e) {
            throw unmeasured(e, predict, what);
        }
        LoadGenerator.Result result = LoadGenerator.run(new LoadGenerator.Config(predict, clients,
                Duration.ofMillis(Math.round(warmup * 1000)), Duration.ofMillis(Math.round(seconds * 1000)), bodies), null);
        out.println(result.summary());
        if (result.firstError() != null) {
            out.println("first error: " + result.firstError());
        }
        if (result.firstBusy() != null) {
            out.println("first 503 (busy): " + result.firstBusy());
        }
        out.flush();
        if (json != null) { // with what was measured, so that saved results can be compared later; latencies in ms
            Json.writeFile(json, new Report(predict.toString(), what, clients, warmup, true, result.seconds(), result.requests(),
                    result.errors(), result.busy(), result.requestsPerSecond(), "ms", result.p50(), result.p90(), result.p99(), result.max(),
                    result.firstError(), result.firstBusy()));
        }
        return result.errors() == 0 && result.busy() == 0 && result.requests() > 0 ? 0 : 1;
    }

    /**
     * The {@code --json} file: where and what was sent, and the result ({@link LoadGenerator.Result}, latencies in
     * {@code latencyUnit}). {@code measured} is false when the test never started (the first request refused, or the
     * server not reached): then {@code requests} and {@code errors} are 1 (that request), {@code firstError} says why,
     * and the rates and latencies are null. {@code busy} counts the 503s (load shed by the server), which are not among the
     * {@code errors}; {@code firstBusy} is the first one's answer.
     */
    record Report(String url, String requestBody, int clients, double warmupSeconds, boolean measured, double seconds, long requests,
                  long errors, long busy, Double requestsPerSecond, String latencyUnit, Double p50, Double p90, Double p99, Double max,
                  String firstError, String firstBusy) {
        /** A test that never started: one request sent, failed with {@code error}. */
        static Report unmeasured(String url, String requestBody, int clients, double warmupSeconds, String error) {
            return new Report(url, requestBody, clients, warmupSeconds, false, 0, 1, 1, 0, null, "ms", null, null, null, null, error, null);
        }
    }

    /**
     * A request sent before the measurement failed (refused, or the server not reached): the load test cannot run. It is a
     * failed request, exit 1 (before: a refused body was a usage error, 2, while a refused --model was 1).
     */
    static final class Unmeasured extends IOException {
        Unmeasured(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code e}, said as nothing measured, after writing the --json file that says so (if one was asked for). */
    private IOException unmeasured(Unmeasured e, URI predict, String what) throws IOException {
        if (json == null) {
            return new IOException(e.getMessage() + "; nothing was measured", e);
        }
        Json.writeFile(json, Report.unmeasured(predict.toString(), what, clients, warmup, e.getMessage()));
        return new IOException(e.getMessage() + "; nothing was measured (written to " + json + " with \"measured\": false)", e);
    }

    /**
     * Sends one request first: a refusal of the body (400, 404, 413, 415: malformed, texts to a sequence model, an unknown
     * --model) stops the test before it starts.
     */
    private static void refuseIfRefused(URI predict, byte[] body) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unmeasured("cannot reach " + predict + ": " + reason(e)
                    + " (is 'rnnlab serve' running there?)", e);
        }
        if (r.statusCode() == 400 || r.statusCode() == 404 || r.statusCode() == 413 || r.statusCode() == 415) { // not 429: busy
            throw new Unmeasured("the server refused the first request (" + r.statusCode() + "): "
                    + (r.body().length() > 300 ? r.body().substring(0, 300) + "..." : r.body()), null);
        }
    }

    /** Why a connection failed, in words (the JDK's HttpClient throws a ConnectException without a message when refused). */
    private static String reason(IOException e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e instanceof java.net.ConnectException ? "connection refused"
                : e instanceof java.net.http.HttpTimeoutException ? "timed out" : "the connection failed";
    }

    private static JsonNode card(URI uri) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unmeasured("cannot reach " + uri + ": " + reason(e)
                    + " (is 'rnnlab serve' running there?)", e);
        }
        if (r.statusCode() != 200) {
            throw new Unmeasured(uri + " answered " + r.statusCode() + ": " + r.body(), null);
        }
        try {
            return Json.mapper().readTree(r.body());
        } catch (IOException e) { // --url of another service (a review: Jackson's parse error, and no --json file)
            String body = r.body().length() > 80 ? r.body().substring(0, 80) + "..." : r.body();
            throw new Unmeasured(uri + " answered 200 but not with rnnlab serve's JSON model card (" + body.replaceAll("\\s+", " ")
                    + "): is --url the address of 'rnnlab serve'?", e);
        }
    }
}
