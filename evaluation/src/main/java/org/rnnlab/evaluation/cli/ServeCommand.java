package org.rnnlab.evaluation.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnlab.serving.ModelServer;
import org.rnnlab.serving.ServeOptions;
import org.rnnlab.serving.ServedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code rnnlab serve}: model bundles behind an HTTP JSON API until SIGTERM, SIGHUP or Ctrl-C, then a graceful stop
 * (requests in flight finish, new ones are refused) and exit 0; exit 4 when {@code --drain} ran out first and requests were
 * cut off, said in one line ({@link #stopExit}). The server is {@link ModelServer}.
 *
 * <p>SIGTERM, SIGHUP and SIGINT are taken with {@code sun.misc.Signal} (module jdk.unsupported, kept by the JDK for exactly
 * this): a shutdown hook could drain too, but a JVM stopped by a signal exits 128 + its number whatever the hook does, and a
 * stop that worked should exit 0. SIGHUP (the terminal hung up, or a supervisor's stop) drains as SIGTERM does: before, it
 * ended the JVM at once with 129, dropping the requests in flight. A signal the process was started ignoring ({@code nohup}
 * ignores SIGHUP) stays ignored. The handler starts the stop on its own thread; {@code call} returns once it is done, with {@link #stopExit}.
 * A second signal 1 s or more after the first ends the process at once (exit 1); one within 1 s is the same stop delivered
 * twice ({@link ServeSignals}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {"0:stopped by SIGTERM, SIGHUP or Ctrl-C after the requests in flight finished", "1:error (a model unreadable, the port taken, no permission for the port, the stop failed), or a second signal while draining (1 s or more after the first: one within 1 s is the same stop delivered twice)", ExitCodes.USAGE, ExitCodes.SERVE_CUT_OFF}, sortOptions = false,
        description = {"Serves trained models (model.rnnlab) over HTTP with a JSON API until stopped (SIGTERM, SIGHUP or Ctrl-C: "
                + "requests in flight finish, then it exits 0; 4 if --drain ran out first and requests were cut off).",
                "Endpoints: POST /predict {\"sequences\": [[[f, ...], ...], ...]} or {\"texts\": [\"...\"]} -> {\"model\", \"predictions\": "
                        + "[{\"label\", \"index\", \"probabilities\"}]} (+ \"truncated\": true, \"tokens\": N for a text longer than the model's "
                        + "maximum length); GET /model (the model card); GET /models; POST /models/NAME/predict "
                        + "and GET /models/NAME (any served model); GET /health; GET /metrics (Prometheus text format).",
                "Concurrent requests of one model are predicted together (--max-batch, --batch-wait); answers equal those of "
                        + "'rnnlab predict'.",
                "Stopping: SIGHUP stops the server as SIGTERM does (exit 0), it does not reload: under a supervisor that sends HUP "
                        + "to reload (systemd ExecReload, logrotate's postrotate), give serve no reload command (systemd: no "
                        + "ExecReload=, Restart=always or on-failure; logs go to stderr, nothing to reopen). From the signal on, new "
                        + "connections are refused at once (a health probe on a new connection sees \"connection refused\", not the "
                        + "503 draining answer, which only kept-alive connections get): take the server out of the load balancer "
                        + "before SIGTERM.",
                "Durations: --batch-wait reads a bare number as milliseconds (it is at most 1 s); --body-timeout, --max-wait and "
                        + "--drain read a bare number as seconds. Give a unit to be sure: 2ms (--batch-wait only), 30s, 2m (minutes)."})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "[NAME=]FILE", required = true,
            description = "A model bundle to serve, repeatable; NAME (letters, digits, '.', '_', '-') is its URL name in "
                    + "/models/NAME (default: the file name without .rnnlab). The first is also served on /predict and /model.")
    List<String> models;

    @Option(names = "--model-sha256", paramLabel = "[NAME=]HEX",
            description = "Serve a model only if its file's SHA-256 (as sha256sum prints it) is HEX, repeatable: pins the file a "
                    + "registry or sign-off recorded; NAME=HEX pins the model of that name, HEX alone the only --model.")
    List<String> modelSha256 = new java.util.ArrayList<>();

    @Option(names = "--threshold", paramLabel = "[NAME=]P",
            description = "With --positive: label a sequence with the positive class when its probability is P or more, otherwise "
                    + "the most probable of the other classes, as predict --threshold does; choose P with evaluate --threshold on "
                    + "validation data; the probabilities are unchanged and answers, GET /model and GET /models say \"cutOff\"; "
                    + "NAME=P for the model of that name, P alone the only --model; repeatable (default: none: the most probable class).")
    List<String> thresholds = new java.util.ArrayList<>();

    @Option(names = "--positive", paramLabel = "[NAME=]LABEL",
            description = "The class --threshold applies to, one of the model's labels; NAME=LABEL for the model of that name, "
                    + "LABEL alone the only --model; repeatable (default: none; needed with --threshold).")
    List<String> positives = new java.util.ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "TCP port; 0 picks a free one and says which (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on, an IP address of this machine (IPv6 with or without brackets, ::1 or [::1]) or a "
                    + "host name that resolves to one: 127.0.0.1 is this machine only, 0.0.0.0 every interface; the API has no "
                    + "authentication (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_MAX_BATCH,
            description = "The most sequences one model call takes from concurrent requests; 1 turns batching off "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--batch-wait", paramLabel = "TIME", defaultValue = "0",
            description = "How long a batch waits for more requests after the first, e.g. 1ms, 500us, 0.002s; a bare number "
                    + "is milliseconds (unlike --drain, --body-timeout and --max-wait, where it is seconds); 0 takes only what is "
                    + "already queued, faster with 8 clients (default: ${DEFAULT-VALUE}).")
    String batchWait;

    @Option(names = "--max-sequences", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_MAX_SEQUENCES,
            description = "The most sequences (or texts) in one request; more is a 400 (default: ${DEFAULT-VALUE}).")
    int maxSequences;

    @Option(names = "--max-length", paramLabel = "STEPS",
            description = "The most steps of one sequence; longer is a 400 (default: per model, the larger of 10000 and 10 x the "
                    + "longest training sequence).")
    Integer maxLength;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "16MiB",
            description = "The largest request body, e.g. 16MiB, 512KiB, 1000000 (bytes); KiB, MiB, GiB are powers of 1024, and "
                    + "KB, MB, GB, k, m, g are refused as ambiguous; larger is a 413 (default: ${DEFAULT-VALUE}).")
    String maxBody;

    @Option(names = "--body-timeout", paramLabel = "TIME", defaultValue = "60s",
            description = "The longest a predict request's whole body may take to arrive, e.g. 60s, 2m (a bare number is seconds, "
                    + "not milliseconds as for --batch-wait); "
                    + "later is a 408 and the connection is closed (default: ${DEFAULT-VALUE}).")
    String bodyTimeout;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "" + ServeOptions.Admission.DEFAULT_MAX_CONCURRENT,
            description = "The most predict requests handled at once (parsed, queued or predicted); a request is admitted once "
                    + "its whole body has arrived (read holding no thread, within --body-timeout), so slow uploads hold no place; "
                    + "each holds one of the 200 HTTP threads while it is parsed, the rest stay for /health and /metrics "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--max-waiting", paramLabel = "N", defaultValue = "" + ServeOptions.Admission.DEFAULT_MAX_WAITING,
            description = "The most predict requests waiting for one of --max-concurrent to finish (holding no thread); more are "
                    + "answered 503 with Retry-After at once. Bodies are read before admission, at most twice --max-concurrent "
                    + "plus --max-waiting at once (384 at the defaults); more are answered 503 unread (default: ${DEFAULT-VALUE}).")
    int maxWaiting;

    @Option(names = "--max-wait", paramLabel = "TIME", defaultValue = "10s",
            description = "The longest a predict request waits for one of --max-concurrent to finish, e.g. 10s, 0.5s, 1m (a bare "
                    + "number is seconds, not milliseconds as for --batch-wait); then 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    String maxWait;

    @Option(names = "--body-bytes-in-flight", paramLabel = "SIZE",
            description = "The most bytes of predict request bodies held at once (a size as for --max-body), from reading to answer (a parsed body takes several "
                    + "times its size on the heap); a request that does not fit is a 503 with Retry-After (default: a sixteenth of "
                    + "the JVM's maximum heap, at least --max-body; 128MiB with ./rnnlab's 2 GiB heap).")
    String bodyBytesInFlight;

    @Option(names = "--drain", paramLabel = "TIME", defaultValue = "30s",
            description = "On SIGTERM, SIGHUP or Ctrl-C, how long requests in flight may take to finish before the server stops "
                    + "anyway and cuts them off (exit 4), e.g. 30s, 2m (a bare number is seconds; not milliseconds as for "
                    + "--batch-wait) (default: ${DEFAULT-VALUE}).")
    String drain;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
            description = "A browser origin (scheme://host[:port], e.g. http://tablet.local:8000) whose web pages may call the API "
                    + "(CORS: the preflight OPTIONS is answered 204, answers carry Access-Control-Allow-Origin); repeatable or a "
                    + "comma list; * allows any page (a warning: any web site a user visits could then call the server). "
                    + "Default: none, no CORS headers and OPTIONS is a 405.")
    List<String> corsOrigins;

    @Option(names = "--require-feature-names",
            description = "Refuse steps given by position ([1.2, 3.4, ...]): each step must name its features ({\"x\": 1.2, ...}), "
                    + "so that a client sending them in another order is refused (400) rather than scored.")
    boolean requireFeatureNames;

    @Override
    public Integer call() throws Exception {
        runtime.apply();
        OptionRanges.PORT.check(spec.commandLine(), port);
        checkHost(spec.commandLine(), host);
        long body = bytes("--max-body", maxBody);
        long inFlight = bodyBytesInFlight == null ? 0 : bytes("--body-bytes-in-flight", bodyBytesInFlight);
        if (inFlight > 0 && inFlight < body) {
            throw new IllegalArgumentException("--body-bytes-in-flight " + bodyBytesInFlight + " is less than --max-body " + maxBody
                    + ": a request of the largest size could never be admitted");
        }
        OptionRanges.MAX_WAITING.check(spec.commandLine(), maxWaiting);
        ServeOptions.Admission admission = new ServeOptions.Admission(positiveTime("--body-timeout", bodyTimeout),
                positive(OptionRanges.MAX_CONCURRENT, maxConcurrent), maxWaiting, positiveTime("--max-wait", maxWait), inFlight);
        ServeOptions options = new ServeOptions(host, port, positive(OptionRanges.MAX_BATCH, maxBatch), waitTime(batchWait), runtime.threads(),
                positive(OptionRanges.MAX_SEQUENCES, maxSequences), maxLength == null ? 0 : positive(OptionRanges.MAX_LENGTH, maxLength), body,
                Duration.ofMillis(Math.round(Durations.seconds(drain) * 1000)), admission);
        List<String> origins = corsOrigins == null ? List.of()
                : corsOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).distinct().toList();
        for (String o : origins) {
            if (!ServeOptions.corsOrigin(o)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--cors-origin '" + o + "' is not an origin: give "
                        + "scheme://host[:port] as the browser's address bar shows it, without a path or trailing slash (e.g. "
                        + "http://tablet.local:8000), or * for any");
            }
        }
        options = options.withCors(origins).withRequireFeatureNames(requireFeatureNames);
        List<ServedModel> all = ServedModel.loadAll(models, modelSha256);
        List<ServedModel> loaded;
        try {
            // a class-weighted model's note, as evaluate --json's classWeightsNote, for its card and GET /models (trial 75e)
            loaded = withCutOffs(spec.commandLine(), all, thresholds, positives).stream()
                    .map(m -> ClassWeightNote.of(m.classifier().card()).map(m::withClassWeightsNote).orElse(m)).toList();
        } catch (RuntimeException e) {
            all.forEach(m -> m.classifier().close());
            throw e;
        }
        PrintWriter err = spec.commandLine().getErr();
        List<String> texts = loaded.stream().filter(ServedModel::readsText).map(ServedModel::name).toList();
        if (maxLength != null && !texts.isEmpty()) {
            if (texts.size() == loaded.size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-length limits the steps of numeric sequences: "
                        + "the text model(s) " + texts + " cut every text to their own maximum length, as in training (answers say "
                        + "\"truncated\"); leave --max-length out");
            }
            err.printf("serve: warning: --max-length applies to the sequence models only; the text model(s) %s cut every text to "
                    + "their own maximum length, as in training%n", texts);
        }
        if (origins.contains("*")) {
            err.println("serve: warning: --cors-origin *: a web page of any site a user's browser visits may call this server "
                    + "(there is no authentication); name the app's origin instead where you can");
        }
        ModelServer server = ModelServer.start(loaded, options);
        ServeSignals signals = new ServeSignals(System::nanoTime);
        AtomicReference<Thread> stopper = new AtomicReference<>();
        AtomicReference<ModelServer.Stopped> stopped = new AtomicReference<>();
        sun.misc.SignalHandler onSignal = signal -> {
            // each signal's handler runs on a thread of its own: one at a time, so that the lines come in the signals' order
            synchronized (signals) {
                ServeSignals.Taken taken = signals.on(signal.getName());
                switch (taken.action()) {
                    case REPEAT -> { // GNU timeout, a process-group kill: one stop delivered twice; it must not skip the drain
                        err.printf("serve: SIG%s again %s after SIG%s: taken as the same stop (a signal within %s of the first is "
                                + "one delivered twice); still waiting for the requests in flight%n", signal.getName(),
                                Progress.duration(taken.afterFirst().toNanos() / 1e9), taken.first(),
                                Progress.duration(ServeSignals.SAME_STOP.toMillis() / 1e3));
                        err.flush();
                    }
                    case HALT -> {
                        err.println("serve: SIG" + signal.getName() + " again: stopping now, without waiting for requests in flight");
                        err.flush();
                        Runtime.getRuntime().halt(1);
                    }
                    case STOP -> {
                        err.printf("serve: SIG%s: stopping; requests in flight may take up to %s to finish, new ones are refused%n",
                                signal.getName(), Progress.duration(Durations.seconds(drain)));
                        err.flush();
                        Thread t = new Thread(() -> {
                            try {
                                stopped.set(server.stop());
                            } catch (Exception e) {
                                err.println("serve: stopping failed: " + e);
                                err.flush();
                            }
                        }, "serve-stop");
                        stopper.set(t);
                        t.start();
                    }
                }
            }
        };
        Signal.handle(new Signal("TERM"), onSignal);
        Signal.handle(new Signal("INT"), onSignal);
        Signal.handle(new Signal("HUP"), onSignal);
        for (int i = 0; i < loaded.size(); i++) {
            ServedModel m = loaded.get(i);
            // the name quoted: the default name of a model.rnnlab read "serve: model model (...)" (trial 75e)
            err.printf("serve: model '%s' (%s) on %s%s%n", m.name(), m.describe(), server.uri(), i == 0 ? "" : "/models/" + m.name());
            // as predict warns (trial 67a #1), and GET /model gives it as baselineWarning
            baselineWarning(m).ifPresent(w -> err.printf("serve: warning: %s%n", w));
            classWeightsNote(m).ifPresent(n -> err.printf("serve: note: %s%n", n));
        }
        err.flush();
        server.join();
        Thread t = stopper.get();
        if (t != null) {
            t.join();
        }
        return stopExit(stopped.get(), drain, err);
    }

    /**
     * The models with their {@code --threshold [NAME=]P} and {@code --positive [NAME=]LABEL} cut-offs
     * ({@link ServedModel#withCutOff}: the label predict writes under the same options), checked as predict checks them: both
     * or neither for a model, P in (0, 1), LABEL one of the model's labels; NAME a served model, a bare value only with one
     * model (as {@code --model-sha256}). A LABEL holding '=' is taken whole unless what precedes the '=' names a served model.
     */
    static List<ServedModel> withCutOffs(CommandLine cl, List<ServedModel> loaded, List<String> thresholds, List<String> positives) {
        java.util.Map<String, String> p = byModel(cl, "--threshold", "P", thresholds, loaded, v -> false);
        java.util.Map<String, String> l = byModel(cl, "--positive", "LABEL", positives, loaded,
                v -> loaded.stream().anyMatch(m -> m.classifier().labelNames().contains(v)));
        List<ServedModel> out = new java.util.ArrayList<>();
        for (ServedModel m : loaded) {
            String threshold = p.getOrDefault(m.name(), p.get(""));
            String positive = l.getOrDefault(m.name(), l.get(""));
            String which = loaded.size() > 1 ? " for model '" + m.name() + "'" : "";
            List<String> labels = m.classifier().labelNames();
            if (threshold == null && positive == null) {
                out.add(m);
                continue;
            }
            if (threshold == null) {
                throw new CommandLine.ParameterException(cl, "--positive" + which + " applies with --threshold P (the class the cut-off "
                        + "is for); without it serve labels the most probable class");
            }
            if (positive == null) {
                throw new CommandLine.ParameterException(cl, "--threshold" + which + " needs --positive LABEL, the class it applies to (one of "
                        + org.rnnlab.datasets.LabelCheck.listed(labels) + ")");
            }
            double value;
            try {
                value = Double.parseDouble(threshold.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(cl, "--threshold '" + threshold + "'" + which + " is not a number: give a "
                        + "probability P between 0 and 1, e.g. 0.3");
            }
            OptionRanges.THRESHOLD.check(cl, value);
            try {
                out.add(m.withCutOff(positive, value));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The values of a repeatable {@code [NAME=]VALUE} option by model name, {@code ""} for a bare value (one model only); a
     * value is bare when the text before its '=' names no served model and {@code whole} takes it whole.
     */
    private static java.util.Map<String, String> byModel(CommandLine cl, String option, String value, List<String> given,
                                                         List<ServedModel> loaded, java.util.function.Predicate<String> whole) {
        List<String> names = loaded.stream().map(ServedModel::name).toList();
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            String name = eq < 0 || (!names.contains(g.substring(0, eq)) && whole.test(g)) ? "" : g.substring(0, eq);
            if (!name.isEmpty() && !names.contains(name)) {
                throw new CommandLine.ParameterException(cl, option + " " + g + ": no model is named '" + name + "' (served: "
                        + String.join(", ", names) + ")");
            }
            if (name.isEmpty() && loaded.size() != 1) {
                throw new CommandLine.ParameterException(cl, option + " " + g + ": with " + loaded.size() + " models, say which one it "
                        + "applies to: " + option + " NAME=" + value);
            }
            if (byName.put(name, name.isEmpty() ? g : g.substring(eq + 1)) != null || byName.size() > 1 && byName.containsKey("")) {
                throw new CommandLine.ParameterException(cl, option + " " + g + ": given twice for " + (name.isEmpty() ? "the model"
                        : "model '" + name + "'"));
            }
        }
        return byName;
    }

    /**
     * The start-up warning of a model its run's test split found no better than always predicting its most frequent
     * training class ({@link org.rnnlab.training.ModelCard#notAboveMajorityBaseline()}), naming the model; empty otherwise.
     */
    static java.util.Optional<String> baselineWarning(ServedModel m) {
        // the name quoted: a model.rnnlab is served as "model" (trial 68e: "model model: this model did not beat ...")
        return m.classifier().card().notAboveMajorityBaseline().map(w -> "model '" + m.name() + "': " + w);
    }

    /**
     * The start-up note of a model trained with class weights, naming the model: predict's one line
     * ({@link ClassWeightNote#line}), its full text in the model's card ({@code GET /model}: {@code classWeightsNote}). Trial
     * 75e: serve said nothing of it, where the client team reading {@code probabilities.fraud} as a rate needs it most.
     */
    static java.util.Optional<String> classWeightsNote(ServedModel m) {
        return ClassWeightNote.line(m.classifier().card()).map(n -> "model '" + m.name() + "': " + n
                + "; GET /models/" + m.name() + " gives it in full as classWeightsNote");
    }

    /** The exit code of a stop whose --drain ran out with requests in flight, which it cut off. */
    static final int CUT_OFF = 4;

    /**
     * The exit code of a stop, with one line when {@code --drain} ran out: 0 when every request in flight finished,
     * {@link #CUT_OFF} (4, as predict's "done, but part of the input was not scored") when some were cut off, 1 when the stop
     * failed ({@code stopped} null: said already). Not 0 for a cut-off: --help promised that 0 means the requests in flight
     * finished, and a supervisor or deploy script can tell a drain too short from a failure (1).
     */
    static int stopExit(ModelServer.Stopped stopped, String drain, PrintWriter err) {
        if (stopped == null) {
            return 1;
        }
        if (stopped.drained()) {
            // the log's last word on a clean stop (trial 71f: it ended at "stopping; ...", exit 0 the only sign it finished)
            err.printf("serve: stopped: every request in flight finished (exit 0)%n");
            err.flush();
            return 0;
        }
        err.printf("serve: stopped, but --drain %s ran out: %d request(s) in flight were cut off (answered 503 where the answer "
                + "could still be sent, else their connections closed without one); give --drain more time than the longest request "
                + "takes (exit %d)%n", drain, stopped.cutOff(), CUT_OFF);
        err.flush();
        return CUT_OFF;
    }

    /**
     * Refuses a {@code --host} that is no IP address and no host name this machine resolves (a user's
     * {@code --host 256.1.1.1} reached the server, which reported a raw exception and exit 1): a usage error, exit 2. An
     * address that resolves but cannot be bound (not this machine's, in use, no permission) is left to the start, exit 1.
     */
    static void checkHost(CommandLine cl, String host) {
        if (host.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--host is empty: give an IP address of this machine (127.0.0.1, 0.0.0.0 "
                    + "for every interface, ::1) or a host name");
        }
        try {
            java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new CommandLine.ParameterException(cl, "--host " + host + " is neither an IP address nor a host name this machine "
                    + "can resolve: give an address of this machine, e.g. 127.0.0.1 (this machine only), 0.0.0.0 (every "
                    + "interface), ::1, or a host name such as localhost");
        }
    }

    private static Duration positiveTime(String option, String text) {
        Duration d;
        try {
            d = Duration.ofMillis(Math.round(Durations.seconds(text) * 1000));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option + " must be more than 0, got " + text);
        }
        return d;
    }

    private int positive(OptionRanges.Allowed allowed, int value) {
        allowed.check(spec.commandLine(), value);
        return value;
    }

    private static final Pattern WAIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s)?");

    /** {@code 1ms}, {@code 500us}, {@code 0.002s}, {@code 0}; a bare number is milliseconds. */
    static Duration waitTime(String text) {
        Matcher m = WAIT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--batch-wait '" + text + "' must look like 1ms, 500us, 0.002s, 2 (milliseconds) or 0");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double nanos = v * switch (unit) {
            case "s" -> 1e9;
            case "ms" -> 1e6;
            default -> 1e3;
        };
        if (nanos > 1e9) {
            throw new IllegalArgumentException("--batch-wait " + text + " is more than a second: every request would wait that long");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)");

    /** The forms a size option takes, for its messages. */
    private static final String SIZES = "a number of bytes (1000000) or one with KiB, MiB or GiB (512KiB, 16MiB, 1GiB; "
            + "powers of 1024)";

    /**
     * {@code 16MiB}, {@code 512KiB}, {@code 1000000} (or {@code 1000000B}): bytes, KiB, MiB and GiB are powers of 1024 (the
     * unit's case does not matter). {@code k}, {@code KB}, {@code m}, {@code MB}, {@code g}, {@code GB} are refused: a user's
     * {@code --max-body 1mb} was read as 1048576 bytes, though MB is 10^6 bytes to many; refused with the forms that are
     * accepted, as is any other unit ({@code 1Mi}).
     */
    static long bytes(String text) {
        return bytes("--max-body", text);
    }

    /** {@link #bytes(String)} of another option (--body-bytes-in-flight shares it). */
    static long bytes(String option, String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + text + "' must look like 16MiB, 512KiB or 1000000: " + SIZES);
        }
        long factor = switch (m.group(2)) {
            case "", "b" -> 1;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "k", "kb", "m", "mb", "g", "gb" -> {
                String binary = Character.toUpperCase(m.group(2).charAt(0)) + "iB";
                throw new IllegalArgumentException(option + " '" + text + "': the unit is ambiguous (" + m.group(2).toUpperCase(Locale.ROOT)
                        .charAt(0) + "B is a power of 1000 to some, of 1024 to others): write " + m.group(1) + binary
                        + " for powers of 1024, or the number of bytes; accepted: " + SIZES);
            }
            default -> throw new IllegalArgumentException(option + " '" + text + "': unknown unit '" + m.group(2) + "'; accepted: " + SIZES);
        };
        long v;
        try {
            v = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            v = Long.MAX_VALUE;
        }
        if (v < 1 || v > (1L << 31) / factor) {
            throw new IllegalArgumentException(option + " must be between 1 byte and 2 GiB, got " + text);
        }
        return v * factor;
    }
}
