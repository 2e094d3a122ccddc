package org.rnnlab.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.training.SequenceClassifier.Prediction;
import org.rnnlab.training.TrainedLengths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves model bundles over HTTP with a JSON API: {@code POST /predict}, {@code GET /model}, {@code GET /models},
 * {@code POST /models/NAME/predict}, {@code GET /models/NAME}, {@code GET /health} and {@code GET /metrics}
 * (Prometheus text format). The first model is the default of {@code /predict} and {@code /model}.
 *
 * <p>The HTTP server is Jetty 12's core (its {@link Handler} API, no servlet container): maintained by the Eclipse
 * Foundation, runs on Java 17, small, and it brings graceful shutdown ({@link GracefulHandler}: requests in flight
 * finish, new ones get 503, up to the stop timeout) as a ready-made handler. Handler chain: {@code GracefulHandler ->
 * the API}; errors Jetty answers itself (a malformed HTTP request) go through a JSON {@link ErrorHandler}, so every
 * answer that is not a success is {@code {"error": "..."}}.
 *
 * <p>Admission ({@link ServeOptions.Admission}): a predict request's body is read first ({@link BodyFirst}), holding no
 * thread while it waits for bytes: it reserves its bytes in a {@link BodyBudget} (503 when they do not fit) and must arrive
 * within {@code --body-timeout} ({@link BodyDeadline}, 408); at most twice {@code --max-concurrent} plus
 * {@code --max-waiting} bodies are read at once (more: 503 unread). Then the request passes Jetty's {@link QoSHandler}, which
 * admits {@code --max-concurrent} at once and lets {@code --max-waiting} more wait, without a thread, for up to
 * {@code --max-wait} (then 503 with {@code Retry-After}), so that slow uploads hold no admission slot; the other
 * endpoints bypass both, so {@code /health} and {@code /metrics} keep HTTP threads however many predict bodies are being
 * read. A prediction is dropped if its client has gone ({@link ClientGone}).
 *
 * <p>Which model answered: {@code GET /model(s)} give the SHA-256 of each model's file as loaded and the load time, and each
 * predict answer names it in {@code X-Rnnlab-Model-Sha256}. A request's {@code X-Request-Id} is echoed in its answer
 * ({@link #clientRequestId}).
 *
 * <p>Predictions go through one {@link MicroBatcher} per model, which batches concurrent requests. The server
 * never dies on a request: anything unexpected is logged with a request id and answered 500 with that id only (the
 * exception's text stays in the log: it can describe the server's internals).
 */
public final class ModelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
    private static final String JSON = "application/json";

    private final Server server;
    private final ServerConnector connector;
    private final ServeOptions options;
    private final Map<String, Model> models = new LinkedHashMap<>();
    private final Model first;
    private final ServeMetrics metrics = new ServeMetrics();
    private final byte[] modelList;
    private final BodyBudget budget;
    private final Admission admission;
    private final GracefulHandler graceful;
    private final BodyFirst bodyFirst;
    private final ShedLog shedLog = ShedLog.withDaemonTimer(ShedLog.INTERVAL, LOG::warn);
    private volatile boolean draining;
    /** Set when {@code --drain} ran out with requests in flight: their failures as the connections close are expected. */
    private volatile boolean drainRanOut;

    /** A served model with its batcher, request parser and card JSON. */
    private static final class Model {
        final ServedModel served;
        final MicroBatcher batcher;
        final RequestParser parser;
        final byte[] cardJson;

        Model(ServedModel served, MicroBatcher batcher, RequestParser parser, byte[] cardJson) {
            this.served = served;
            this.batcher = batcher;
            this.parser = parser;
            this.cardJson = cardJson;
        }
    }

    private ModelServer(List<ServedModel> served, ServeOptions options) {
        if (served.isEmpty()) {
            throw new IllegalArgumentException("no model to serve");
        }
        this.options = options;
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServedModel m : served) {
            MicroBatcher batcher = new MicroBatcher("serve-" + m.name(), m.classifier(), options.maxBatch(), options.batchWait(),
                    options.workers(), n -> metrics.batchSize.labelValues(m.name()).observe(n), n -> {
                        metrics.abandonedRequests.labelValues(m.name()).inc();
                        metrics.abandonedSequences.labelValues(m.name()).inc(n);
                    });
            Map<String, Boolean> others = new LinkedHashMap<>(); // where a body of the other kind is read, for its 400
            served.stream().filter(o -> o != m).forEach(o -> others.put(o.name(), o.readsText()));
            models.put(m.name(), new Model(m, batcher, new RequestParser(m, options.maxSequences(), m.maxLength(options.maxLength()),
                    options.requireFeatureNames(), others),
                    cardJson(m)));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", m.name());
            entry.put("default", list.isEmpty());
            entry.put("file", absolute(m.file())); // not as typed, relative to serve's start folder (trial 81e)
            entry.put("sha256", m.sha256());
            entry.put("loadedAt", m.loadedAt().toString());
            entry.put("model", m.classifier().card().spec().label());
            entry.put("dataset", m.classifier().card().dataset());
            entry.put("reads", m.readsText() ? "texts" : "sequences");
            entry.put("featureNames", m.input().featureNames());
            entry.put("labels", m.classifier().labelNames());
            entry.put("labelNames", m.classifier().labelNames()); // the card's key, so that both answers share it
            entry.put("lengths", trainedLengths(m));
            m.positive().ifPresent(l -> entry.put("cutOff", cutOff(m)));
            classWeights(m, entry::put);
            if (!m.readsText()) {
                entry.put("maxLength", m.maxLength(options.maxLength())); // texts are cut by the model's own tokenizer limit
            }
            entry.put("predict", "/models/" + m.name() + "/predict");
            list.add(entry);
        }
        this.first = models.values().iterator().next();
        this.modelList = Json.writeCompact(Map.of("models", list)).getBytes(StandardCharsets.UTF_8);

        QueuedThreadPool pool = new QueuedThreadPool(200, 8);
        pool.setName("serve-http");
        pool.setDaemon(true);
        server = new Server(pool);
        org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
        http.setSendServerVersion(false); // no "Server: Jetty(12...)" header telling clients what to attack
        connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        graceful = new GracefulHandler() {
            @Override
            protected void handleShutdownRejection(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                if ("/health".equals(path)) {
                    respond(response, callback, 503, "{\"status\":\"draining\"}", "/health", System.nanoTime());
                } else {
                    respond(response, callback, 503, error("the server is shutting down: it finishes the requests in flight and takes no new ones"),
                            endpoint(path), System.nanoTime());
                }
            }
        };
        budget = new BodyBudget(options.bodyBytesInFlight());
        admission = new Admission();
        admission.setHandler(new Api());
        // the body before admission: a slow upload must not hold one of the --max-concurrent slots (trial 79e, F1); beyond
        // twice those plus --max-waiting bodies being read, a request is refused unread, as admission refused it before
        bodyFirst = new BodyFirst(budget, options.maxBody(), drainBound(), options.admission().bodyTimeout(),
                ModelServer::predictPost, this::refusedFromHeaders, metrics, BodyFirst.maxReading(options.admission()),
                (request, response, callback, limit) -> {
                    shed("max-waiting"); // the limit it derives from, as admission's own refusal
                    admission.busy(request, response, callback, "the server is busy: the bodies of " + limit + " predict requests "
                            + "are being read, the most it reads at once (twice --max-concurrent plus --max-waiting: 2 x "
                            + options.admission().maxConcurrent() + " + " + options.admission().maxWaiting() + "); try again shortly");
                });
        bodyFirst.setHandler(admission);
        graceful.setHandler(bodyFirst);
        Handler.Wrapper echo = new Handler.Wrapper() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String id = clientRequestId(request);
                if (id != null) { // on every answer below, the 503s of admission and of the drain included
                    response.getHeaders().put(REQUEST_ID, id);
                }
                if (cors(request, response, callback)) {
                    return true;
                }
                return super.handle(request, response, callback);
            }
        };
        echo.setHandler(graceful);
        server.setHandler(echo);
        metrics.admission(budget::used, admission::getSuspendedRequestCount);
        metrics.startAtZero(models.keySet());
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(options.drain().toMillis());
        server.setStopAtShutdown(false);
    }

    /** The methods a browser page may use, as a preflight's answer names them. */
    static final String CORS_METHODS = "GET, HEAD, POST, OPTIONS";
    /** The request headers a browser page may send (Content-Type: application/json is not a "simple" one). */
    static final String CORS_HEADERS = "Content-Type, X-Request-Id";
    /** How long a browser may keep a preflight's answer, in seconds. */
    static final String CORS_MAX_AGE = "600";

    /**
     * CORS ({@code --cors-origin}): a request from a browser page of an allowed origin gets Access-Control-Allow-Origin (and
     * sees the model's sha256 and the request id headers) on every answer, and its preflight ({@code OPTIONS} with
     * Access-Control-Request-Method) is answered here, 204, with the methods, headers and max age; a preflight from another
     * origin is a 403 naming the allowed ones. Without {@code --cors-origin} nothing is added and OPTIONS goes on to the API,
     * a 405 with Allow.
     *
     * @return whether the request was answered here (a preflight)
     */
    private boolean cors(Request request, Response response, Callback callback) {
        if (options.corsOrigins().isEmpty()) {
            return false;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        response.getHeaders().add(HttpHeader.VARY, "Origin"); // the answer differs by origin: caches must keep them apart
        boolean allowed = options.corsAllows(origin);
        if (allowed) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, options.corsOrigins().contains("*") ? "*" : origin);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, MODEL_SHA256 + ", " + REQUEST_ID);
        }
        boolean preflight = HttpMethod.OPTIONS.is(request.getMethod()) && origin != null
                && request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (!preflight) {
            return false;
        }
        long start = System.nanoTime();
        String endpoint = endpoint(Request.getPathInContext(request));
        if (!allowed) {
            respond(response, callback, 403, error("origin " + Messages.clip(origin) + " is not allowed to call this server from a "
                    + "browser (CORS): allowed are " + String.join(", ", options.corsOrigins()) + " (--cors-origin)"), endpoint, start);
            return true;
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, CORS_METHODS);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, CORS_HEADERS);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, CORS_MAX_AGE);
        metrics.answered(endpoint, 204, start);
        response.setStatus(204);
        response.write(true, null, callback);
        return true;
    }

    /**
     * Starts a server for the models (the first is the default) and returns once it listens.
     *
     * @throws IOException when it cannot listen (the message names the address and the reason)
     */
    public static ModelServer start(List<ServedModel> served, ServeOptions options) throws IOException {
        ModelServer s = new ModelServer(served, options);
        try {
            s.server.start();
        } catch (Exception e) {
            s.closeBatchers();
            s.shedLog.close();
            try {
                s.server.stop();
            } catch (Exception ignored) {
                // it did not start
            }
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + whyNotBound(e), e);
        }
        return s;
    }

    /**
     * Why the connector could not bind, in words: the {@link BindException}'s reason ("Address already in use", "Permission
     * denied", "Cannot assign requested address" with a hint), never an exception's class name (a user's --host 256.1.1.1
     * read "java.io.IOException: Failed to bind to 256.1.1.1/&lt;unresolved&gt;:80").
     */
    static String whyNotBound(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BindException && c.getMessage() != null) {
                return c.getMessage() + (c.getMessage().startsWith("Cannot assign requested address")
                        ? " (the address is not one of this machine's: 127.0.0.1 is this machine only, 0.0.0.0 every interface)" : "");
            }
            if (c instanceof java.nio.channels.UnresolvedAddressException) {
                return "the address cannot be resolved";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : "the server did not start";
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI uri() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** The metrics (for tests and embedding). */
    public ServeMetrics metrics() {
        return metrics;
    }

    /** Whether a stop has begun. */
    public boolean draining() {
        return draining;
    }

    /**
     * How a stop ended.
     *
     * @param cutOff requests still in flight when {@code --drain} ran out, whose connections the stop then closed (0: every
     *               request in flight finished)
     * @param drain  the drain time they had ({@link ServeOptions#drain()})
     */
    public record Stopped(long cutOff, Duration drain) {
        /** Whether every request in flight finished within the drain time. */
        public boolean drained() {
            return cutOff == 0;
        }
    }

    /**
     * Stops gracefully: stops accepting connections, answers new requests on open connections 503 ({@code /health}:
     * {@code {"status":"draining"}}), lets the requests in flight finish for up to {@link ServeOptions#drain()}, then
     * stops the batchers. Returns when stopped, with how many requests were cut off because the drain time ran out (their
     * connections are closed then; that is expected, so it is said once by the caller, not logged per request with a
     * stack trace, as Jetty's {@code EofException}s were).
     */
    public Stopped stop() throws Exception {
        draining = true;
        long cutOff = 0;
        try {
            // the graceful phase here, not in Server.stop, so that what is still in flight when the drain runs out is known
            CompletableFuture<Void> shutdown = Graceful.shutdown(server);
            try {
                shutdown.get(options.drain().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                cutOff = graceful.getCurrentRequestCount();
                drainRanOut = cutOff > 0;
            }
            server.setStopTimeout(0); // drained, or the drain ran out: the connectors and connections close now
            server.stop();
        } finally {
            closeBatchers();
            shedLog.close(); // what is left, and its timer stopped
        }
        return new Stopped(cutOff, options.drain());
    }

    /** Waits until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the server failed: " + e, e);
        }
    }

    /** The budget of body bytes (tests). */
    BodyBudget budget() {
        return budget;
    }

    /** What reads predict bodies before admission (tests). */
    BodyFirst bodyFirst() {
        return bodyFirst;
    }

    /** The header a client's request id comes in, and is echoed back in. */
    static final String REQUEST_ID = "X-Request-Id";

    /** The most characters of an {@code X-Request-Id} echoed back. */
    static final int MAX_REQUEST_ID = 200;

    /** The header of a predict answer that names the model's file by its SHA-256 as loaded ({@link ServedModel#sha256()}). */
    static final String MODEL_SHA256 = "X-Rnnlab-Model-Sha256";

    /**
     * A request's {@code X-Request-Id} (the id a proxy or client gives a request to follow it through the logs), to be echoed
     * in the answer: 1 to {@value #MAX_REQUEST_ID} visible ASCII characters ({@code !} to {@code ~}, no space), and one such
     * header. Any other is ignored, not refused: a tracing header must not cost a prediction.
     */
    static String clientRequestId(Request request) {
        List<String> values = request.getHeaders().getValuesList(REQUEST_ID);
        if (values.size() != 1) {
            return null;
        }
        String id = values.get(0);
        if (id.isEmpty() || id.length() > MAX_REQUEST_ID) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '!' || id.charAt(i) > '~') {
                return null;
            }
        }
        return id;
    }

    /** How a failed request is named in the log: the server's id for the 500, and the client's X-Request-Id when it has one. */
    private static String logged(String id, Request request) {
        String client = clientRequestId(request);
        return client == null ? id : id + " (" + REQUEST_ID + " " + client + ")";
    }

    /** Seconds a client refused for load is told to wait before it tries again. */
    static final String RETRY_AFTER = "1";

    /**
     * Jetty's {@link QoSHandler} on {@code POST} to the predict endpoints only: it admits {@code --max-concurrent} at once,
     * suspends up to {@code --max-waiting} more (no thread held) for up to {@code --max-wait}, and refuses the rest. Its
     * refusals are answered here as JSON 503s with {@code Retry-After}, and counted in the metrics.
     */
    private final class Admission extends QoSHandler {
        Admission() {
            ServeOptions.Admission a = options.admission();
            setMaxRequestCount(a.maxConcurrent());
            setMaxSuspendedRequestCount(a.maxWaiting());
            setMaxSuspend(a.maxWait());
            include(ModelServer::predictPost);
        }

        @Override
        protected void reject(Request request, Response response, Callback callback, int status) {
            shed("max-waiting");
            busy(request, response, callback, "the server is busy: " + options.admission().maxConcurrent() + " predict requests are "
                    + "being handled and " + options.admission().maxWaiting() + " are waiting (--max-concurrent, --max-waiting); "
                    + "try again shortly");
        }

        @Override
        protected void expireSuspended(Request request, Response response, Callback callback) {
            shed("max-wait");
            busy(request, response, callback, "the server is busy: the request waited " + Messages.seconds(options.admission().maxWait())
                    + " for one of the " + options.admission().maxConcurrent() + " predict requests handled at once to finish "
                    + "(--max-wait, --max-concurrent); try again shortly");
        }

        private void busy(Request request, Response response, Callback callback, String message) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER);
            // the connection is given back under load (a socket, and for a request beyond the bodies read at once its unread
            // body): the client comes back anew after Retry-After
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            respond(response, callback, 503, error(message), endpoint(Request.getPathInContext(request)), request.getBeginNanoTime());
        }
    }

    /** Whether a request is a POST to a predict endpoint: those have their bodies read first and pass admission. */
    static boolean predictPost(Request request) {
        return HttpMethod.POST.is(request.getMethod()) && endpoint(Request.getPathInContext(request)).endsWith("/predict");
    }

    /**
     * Whether the API refuses a predict request from its path, query string or headers (an unknown model 404, a query 400,
     * a Content-Type or Content-Encoding 415), before it reads the body: {@link BodyFirst} then discards the body rather than
     * keep it.
     */
    private boolean refusedFromHeaders(Request request) {
        try {
            String path = Request.getPathInContext(request);
            if (queryRefusal(request) != null) {
                return true;
            }
            if (endpoint(path).equals("/models/{name}/predict")) {
                model(path);
            }
            checkContentType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
            checkContentEncoding(request.getHeaders().get(HttpHeader.CONTENT_ENCODING));
            return false;
        } catch (ApiException e) {
            return true;
        }
    }

    /** The refusal of a request's query string ({@code Api.refuseQuery}), or null when it has none. */
    private static ApiException queryRefusal(Request request) {
        String query = request.getHttpURI().getQuery();
        if (query == null || query.isEmpty()) {
            return null; // a bare '?' that some clients append holds no parameter
        }
        List<String> names = new ArrayList<>();
        for (String part : query.split("&")) {
            String raw = part.split("=", 2)[0];
            String name;
            try {
                name = java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                name = raw;
            }
            String shown = "'" + Messages.clip(name) + "'";
            if (!name.isEmpty() && !names.contains(shown)) {
                names.add(shown);
            }
        }
        return new ApiException(400, (names.isEmpty() ? "a query string ('?" + Messages.clip(query) + "')"
                : "unknown query parameter(s) " + String.join(", ", names)) + ": serve reads no query parameters; choose a "
                + "model by the path (POST /models/NAME/predict) and send the request as the JSON body");
    }

    private Model model(String path) {
        String name = path.split("/", -1)[2];
        Model m = models.get(name);
        if (m == null) {
            throw new ApiException(404, "no model named '" + Messages.clip(name) + "' (models: " + String.join(", ", models.keySet()) + ")");
        }
        return m;
    }

    private static void checkContentType(String contentType) {
        if (contentType == null) {
            throw new ApiException(415, "no Content-Type: send the request body as application/json");
        }
        String[] parts = contentType.split(";");
        String mime = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals(JSON)) {
            throw new ApiException(415, "Content-Type " + Messages.clip(contentType) + " is not accepted: send application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")
                    && !kv[1].trim().replace("\"", "").toLowerCase(Locale.ROOT).matches("utf-?8")) { // utf8: a common alias
                throw new ApiException(415, "charset " + Messages.clip(kv[1].trim()) + " is not accepted: JSON is UTF-8");
            }
        }
    }

    private static void checkContentEncoding(String encoding) {
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new ApiException(415, "Content-Encoding " + Messages.clip(encoding) + " is not accepted: send the JSON body "
                    + "uncompressed");
        }
    }

    /** Counts a request refused for load or size, by the limit, in the metrics and the rate-limited warning. */
    private void shed(String limit) {
        metrics.shed.labelValues(limit).inc();
        shedLog.shed(limit);
    }

    private void closeBatchers() {
        models.values().forEach(m -> m.batcher.close());
    }

    /** The model of a name, for tests in this package. */
    MicroBatcher batcher(String name) {
        return models.get(name).batcher;
    }

    /**
     * A model file's absolute, normalised path, as {@code GET /models} and {@code GET /model} show it: the path as typed on
     * serve's command line ({@code ../runs/rnn/model.rnnlab}) names no file without serve's start folder (trial 81e F5).
     */
    static String absolute(java.nio.file.Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static byte[] cardJson(ServedModel m) {
        ObjectNode card = Json.mapper().createObjectNode();
        card.put("name", m.name());
        card.put("file", absolute(m.file()));
        card.put("sha256", m.sha256());
        card.put("loadedAt", m.loadedAt().toString());
        card.put("reads", m.readsText() ? "texts" : "sequences");
        card.set("featureNames", Json.mapper().valueToTree(m.input().featureNames()));
        card.setAll((ObjectNode) Json.mapper().valueToTree(m.classifier().card()));
        // the keys GET /models and the README use beside the file's own (labelNames, minLength, maxLength, kept for the
        // clients that read them): a user's client found "labels" in one answer and "labelNames" in the other
        card.set("labels", Json.mapper().valueToTree(m.classifier().labelNames()));
        card.set("lengths", Json.mapper().valueToTree(trainedLengths(m)));
        // a model its run's test split found no better than its majority baseline (the card's majorityBaseline), as serve's
        // start-up log and predict say: for a client that reads the card, not the log (trial 67a #1)
        m.classifier().card().notAboveMajorityBaseline().ifPresent(w -> card.put("baselineWarning", w));
        m.positive().ifPresent(l -> card.set("cutOff", Json.mapper().valueToTree(cutOff(m))));
        classWeights(m, (key, value) -> card.set(key, Json.mapper().valueToTree(value)));
        return Json.writeCompact(card).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A class-weighted model's {@code classWeights} by label and its {@code classWeightsNote} ({@link ServedModel#classWeightsNote}),
     * for its card and its {@code GET /models} entry: its probabilities are scores shifted toward the classes weighted up, as
     * serve's start-up note, predict and evaluate say (trial 75e: the card held the weights only as {@code spec.classWeights},
     * an unnamed array, and no note). Nothing for a model trained without class weights.
     */
    private static void classWeights(ServedModel m, java.util.function.BiConsumer<String, Object> put) {
        Map<String, Double> weights = m.classWeightsByLabel();
        if (!weights.isEmpty()) {
            put.accept("classWeights", weights);
        }
        m.classWeightsNote().ifPresent(n -> put.accept("classWeightsNote", n));
    }

    /**
     * {@code {"positive": LABEL, "threshold": P}}: the cut-off of {@code serve --threshold P --positive LABEL} that a model's
     * labels follow, in its card ({@code GET /model}, {@code GET /models/NAME}), {@code GET /models} and each predict answer,
     * so that a client can tell its labels from the most probable class's; absent without one.
     */
    private static Map<String, Object> cutOff(ServedModel m) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("positive", m.positive().orElseThrow());
        c.put("threshold", m.decision().threshold());
        return c;
    }

    /** {@code {"min": N, "max": M}}: the shortest and longest sequence the model trained on (the card's minLength, maxLength). */
    private static Map<String, Integer> trainedLengths(ServedModel m) {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        lengths.put("min", m.classifier().card().minLength());
        lengths.put("max", m.classifier().card().maxLength());
        return lengths;
    }

    /** The route pattern of a path: the endpoint label of the metrics (never the raw path). */
    static String endpoint(String path) {
        if (path == null) {
            return "other";
        }
        return switch (path) {
            case "/predict", "/model", "/models", "/health", "/metrics" -> path;
            default -> {
                String[] s = path.split("/", -1);
                if (s.length == 3 && "models".equals(s[1])) {
                    yield "/models/{name}";
                }
                if (s.length == 4 && "models".equals(s[1]) && "predict".equals(s[3])) {
                    yield "/models/{name}/predict";
                }
                yield "other";
            }
        };
    }

    static String error(String message) {
        return Json.writeCompact(Map.of("error", message));
    }

    private void respond(Response response, Callback callback, int status, String body, String endpoint, long start) {
        respond(response, callback, status, JSON, body.getBytes(StandardCharsets.UTF_8), endpoint, start);
    }

    private void respond(Response response, Callback callback, int status, String contentType, byte[] body, String endpoint, long start) {
        metrics.answered(endpoint, status, start);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The API: routes, checks method and content type, parses, predicts, answers. */
    private final class Api extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String path = Request.getPathInContext(request);
            String endpoint = endpoint(path);
            Callback done = callback;
            if (request.getAttribute(BodyFirst.PREFETCHED) == null) { // a predict request is counted from the reading of its body
                metrics.inFlight.inc();
                done = Callback.from(callback, (Runnable) metrics.inFlight::dec);
            }
            try {
                route(request, response, done, path, endpoint, start);
            } catch (ApiException e) {
                if (e.status() == 404 || e.status() == 405 || e.status() == 413 || e.status() == 415) {
                    // refused before its body was read: the connection is closed after this answer, and a client must not
                    // send its next request on it (the JDK's HttpClient sometimes did, and got no answer)
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                }
                if (request.getAttribute(BODY_OPENED) == null && HttpMethod.POST.is(request.getMethod())
                        && endpoint.endsWith("/predict")) {
                    // refused from its path, query or headers (404 for an unknown model, 400, 415) before a byte of its body
                    // was read: drained as a 413 is, so that a client writing its whole body before it reads gets this answer
                    drainUnopened(request);
                }
                respond(response, done, e.status(), error(e.getMessage()), endpoint, start);
            } catch (Throwable e) {
                if (drainRanOut) { // its connection closed by the stop: said once, in the stop's summary
                    LOG.debug("{} {} cut off by the stop: {}", request.getMethod(), Messages.clip(path), e.toString());
                    respond(response, done, 503, error(cutOff().getMessage()), endpoint, start);
                    return true;
                }
                String id = requestId();
                LOG.error("request {}: {} {} failed", logged(id, request), request.getMethod(), Messages.clip(path), e);
                respond(response, done, 500, error(internalError(id)), endpoint, start);
            }
            return true;
        }

        private void route(Request request, Response response, Callback callback, String path, String endpoint, long start)
                throws IOException {
            String method = request.getMethod();
            // probes may carry a query string of their own (a cache buster, a checker's tag): their answer does not depend on it
            if (!endpoint.equals("other") && !endpoint.equals("/health") && !endpoint.equals("/metrics")) {
                refuseQuery(request, response);
            }
            switch (endpoint) {
                case "/health" -> {
                    allow(method, response, "GET");
                    respond(response, callback, draining ? 503 : 200, draining ? "{\"status\":\"draining\"}" : "{\"status\":\"ok\"}",
                            endpoint, start);
                }
                case "/metrics" -> {
                    allow(method, response, "GET");
                    // counted before the scrape, so a scrape sees itself
                    metrics.answered(endpoint, 200, start);
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
                    response.write(true, ByteBuffer.wrap(metrics.scrape()), callback);
                }
                case "/models" -> {
                    allow(method, response, "GET");
                    respond(response, callback, 200, JSON, modelList, endpoint, start);
                }
                case "/model" -> {
                    allow(method, response, "GET");
                    respond(response, callback, 200, JSON, first.cardJson, endpoint, start);
                }
                case "/models/{name}" -> {
                    allow(method, response, "GET");
                    respond(response, callback, 200, JSON, model(path).cardJson, endpoint, start);
                }
                case "/predict" -> predict(first, request, response, callback, endpoint, start);
                case "/models/{name}/predict" -> predict(model(path), request, response, callback, endpoint, start);
                default -> throw new ApiException(404, "no such endpoint: " + Messages.clip(path) + " (endpoints: POST /predict, GET /model, "
                        + "GET /models, POST /models/NAME/predict, GET /models/NAME, GET /health, GET /metrics)");
            }
        }

        /**
         * Refuses a query string (except on the probes /health and /metrics): no endpoint reads one, and a user's {@code /predict?model=xyz&top=3} was answered 200 by the
         * default model, the parameters silently ignored (the same fields in the body are refused). The model is chosen by the
         * path, the request is the body. The body is not read: the connection closes after the answer.
         */
        private void refuseQuery(Request request, Response response) {
            ApiException refused = queryRefusal(request);
            if (refused != null) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                throw refused;
            }
        }

        /** Refuses a method other than {@code allowed} (405, with Allow); HEAD goes where GET does (the headers, no body). */
        private void allow(String method, Response response, String allowed) {
            boolean head = allowed.equals("GET") && method.equals("HEAD");
            if (!allowed.equals(method) && !head) {
                response.getHeaders().put(HttpHeader.ALLOW, allowed.equals("GET") ? "GET, HEAD" : allowed);
                throw new ApiException(405, "method " + Messages.clip(method) + " is not allowed here: use " + allowed
                        + (method.equals("OPTIONS") ? " (a browser's CORS preflight is answered only when serve is started with "
                        + "--cors-origin ORIGIN)" : ""));
            }
        }

        private void predict(Model m, Request request, Response response, Callback callback, String endpoint, long start)
                throws IOException {
            // which model answers, by its file as loaded: on the answer and on the model's refusals alike
            response.getHeaders().put(MODEL_SHA256, m.served.sha256());
            allow(request.getMethod(), response, "POST");
            checkContentType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
            checkContentEncoding(request.getHeaders().get(HttpHeader.CONTENT_ENCODING));
            RequestParser.Parsed parsed;
            // the body was read before admission (BodyFirst), within its reservation of the budget
            BodyFirst.Prefetched prefetched = (BodyFirst.Prefetched) request.getAttribute(BodyFirst.PREFETCHED);
            BodyBudget.Reservation reservation = prefetched != null ? prefetched.reservation() : budget.reservation();
            if (prefetched == null) {
                Request.addCompletionListener(request, failure -> reservation.close()); // the parsed body lives until answered
            }
            Request timed = new BodyDeadline(request, options.admission().bodyTimeout());
            request.setAttribute(BODY_OPENED, Boolean.TRUE); // from here on a refusal drains the body itself
            try (InputStream body = Request.asInputStream(timed)) {
                if (request.getLength() > options.maxBody()) {
                    throw refuseTooLarge(request, body, true);
                }
                if (prefetched != null ? !prefetched.fits() : !reservation.reserve(request.getLength())) {
                    throw refuseBusy(request, body, true);
                }
                try {
                    parsed = m.parser.parse(new BodyLimit(reservation.counting(body), options.maxBody()));
                } catch (IOException | RuntimeException e) {
                    if (cause(e, BodyLimit.TooLarge.class)) {
                        throw refuseTooLarge(request, body, false);
                    }
                    if (cause(e, BodyBudget.Exhausted.class)) {
                        throw refuseBusy(request, body, false);
                    }
                    if (bodyReadable(e)) {
                        // a 400 at the first sequence of a 6.5 MB body (or a failure of the server's own): the rest is read and
                        // discarded before the answer, as for a 413, so that a client that writes its whole body first reads it
                        reservation.close(); // nothing of the rest is held
                        drain(request, body, false, drainBound());
                    }
                    throw e;
                }
            } catch (ApiException e) {
                reservation.close();
                if (e.status() == 503) {
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER);
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                }
                throw e;
            } catch (IOException | RuntimeException e) {
                reservation.close();
                HttpException http = httpException(e);
                if (cause(e, BodyDeadline.Expired.class)) {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    shedLog.shed(ShedLog.BODY_TIMEOUT); // said in the log, as slow uploads: no load, yet predict clients may wait
                    throw new ApiException(408, "timed out reading the request body: it did not arrive within "
                            + Messages.seconds(options.admission().bodyTimeout()) + " (--body-timeout)");
                }
                if (cause(e, java.util.concurrent.TimeoutException.class)) {
                    throw new ApiException(408, "timed out reading the request body (the client sent nothing for too long"
                            + (draining ? "; while the server is draining, a connection may be idle for at most 1 s)" : ")"));
                }
                if (drainRanOut) {
                    throw cutOff();
                }
                if (connectionEnded(request, e)) {
                    // the client closed or reset its connection before its body had arrived: gone, not a malformed request
                    LOG.debug("model {}: the client went away while sending its request body: {}", m.served.name(), e.toString());
                    metrics.abandonedRequests.labelValues(m.served.name()).inc();
                    throw new ApiException(CLIENT_GONE, "the client went away while sending its request body");
                }
                if (http != null && http.getCode() >= 400 && http.getCode() < 500) {
                    throw new ApiException(http.getCode(), "cannot read the request body: " + Messages.clip(http.getReason()));
                }
                throw e;
            }
            List<TextEncoder.Encoding> encodings = parsed.texts() == null ? null : encode(m.served, parsed.texts());
            List<float[][]> sequences = encodings == null ? parsed.sequences()
                    : encodings.stream().map(TextEncoder.Encoding::values).toList();
            int[] belowFloatRange = parsed.belowFloatRange();
            String name = m.served.name();
            metrics.requestSize.labelValues(name).observe(sequences.size());
            m.batcher.submit(sequences, new ClientGone(request)).whenComplete((predictions, failure) -> {
                try {
                    if (failure == null) {
                        metrics.sequences.labelValues(name).inc(predictions.size());
                        respond(response, callback, 200, JSON, answer(m.served, predictions, encodings,
                                encodings == null ? sequences : null, belowFloatRange, parsed.emptyFeaturesFilled(), parsed.written()),
                                endpoint, start);
                    } else {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        if (cause instanceof IllegalArgumentException) {
                            respond(response, callback, 400, error(cause.getMessage()), endpoint, start);
                        } else if (cause instanceof MicroBatcher.Abandoned) {
                            // nobody reads this answer; 499 (nginx's "client closed request") counts it apart in the metrics
                            LOG.debug("model {}: {}", name, cause.getMessage());
                            respond(response, callback, CLIENT_GONE, error(cause.getMessage()), endpoint, start);
                        } else if (drainRanOut) {
                            LOG.debug("model {}: {} sequence(s) cut off by the stop: {}", name, sequences.size(), cause.toString());
                            respond(response, callback, 503, error(cutOff().getMessage()), endpoint, start);
                        } else {
                            String id = requestId();
                            LOG.error("request {}: predicting {} sequence(s) with model {} failed", logged(id, request), sequences.size(),
                                    name, cause);
                            respond(response, callback, 500, error(internalError(id)), endpoint, start);
                        }
                    }
                } catch (Throwable e) {
                    LOG.error("answering a predict request failed", e);
                    callback.failed(e);
                }
            });
        }
    }

    /** How much of a refused body declared longer than {@link #drainBound()} the server reads before it answers and closes (4 MiB). */
    static final long DRAIN_BYTES = 4L << 20;

    /** How many times {@code --max-body} a refused body may declare and still be read to its end before the answer. */
    static final int DRAIN_MULTIPLE = 4;

    /**
     * The longest refused body the server reads and discards to its end before it answers: {@link #DRAIN_MULTIPLE} times
     * {@code --max-body} (64 MiB at the default), at least {@link #DRAIN_BYTES}.
     */
    long drainBound() {
        return Math.max(DRAIN_BYTES, DRAIN_MULTIPLE * options.maxBody());
    }

    /**
     * The 413 for a body over {@code --max-body}, once what is needed for the client to read it is done.
     *
     * <p>A client that sends {@code Expect: 100-continue} and declares a length over the limit is answered at once: nothing
     * has been read, so no {@code 100 Continue} is sent, and the client does not send its body. Any other client may be
     * writing its whole body before it reads (Python's urllib and requests, the JDK's {@code HttpClient}, curl without
     * {@code Expect}): answered and closed at once, it meets a TCP reset or a broken pipe that throws away the answer, and
     * it reports "connection reset" or {@code BrokenPipeError} instead of the 413 (urllib: 5 of 5 tries at 16 MiB + 1,
     * when the server read only 4 MiB of it). So the server reads and discards the body to its end when it declares at
     * most {@link #drainBound()} bytes (or, chunked, until it ends or reaches the bound), as nginx's lingering close does;
     * a body declared longer has {@link #DRAIN_BYTES} read and is cut off.
     *
     * @param fromHeaders refused from its Content-Length, before a byte of it was read
     */
    private ApiException refuseTooLarge(Request request, InputStream body, boolean fromHeaders) {
        shed("max-body");
        drain(request, body, fromHeaders, drainBound());
        return new ApiException(413, tooLarge());
    }

    /**
     * The 503 for a body that does not fit in what is left of the budget of body bytes in flight
     * ({@code --body-bytes-in-flight}), once the body is drained as for a 413 ({@link #refuseTooLarge}), but only up to
     * {@link #DRAIN_BYTES}: the server is loaded when it says this, and reading 64 MiB per refused request would hold a
     * handler thread for each while the load lasts; a larger body is cut off after 4 MiB, as before.
     */
    private ApiException refuseBusy(Request request, InputStream body, boolean fromHeaders) {
        shed("body-bytes-in-flight");
        drain(request, body, fromHeaders, DRAIN_BYTES);
        return new ApiException(503, "the server is busy: the bodies of the predict requests in flight hold " + budget.used()
                + " of its " + budget.capacity() + " bytes for them (--body-bytes-in-flight); try again shortly");
    }

    /** The request attribute set once a predict request's body is opened to be read: its refusals then drain it themselves. */
    private static final String BODY_OPENED = ModelServer.class.getName() + ".bodyOpened";

    /**
     * Whether the rest of a body can still be read after reading it failed with {@code e}: yes after a refusal of what was read
     * (an {@link ApiException}, a 400) or a failure of the server's own, no when reading itself failed (the body deadline, the
     * idle timeout, a closed or reset connection, malformed HTTP framing: an {@link IOException} or one in the causes).
     */
    static boolean bodyReadable(Throwable e) {
        return !(e instanceof IOException) && !cause(e, IOException.class) && !cause(e, TimeoutException.class) && httpException(e) == null;
    }

    /**
     * Drains the body of a predict request refused before it was opened (its path, query string or headers), as
     * {@link #refuseTooLarge} drains, within {@code --body-timeout}. Only predict requests: their bodies were read before
     * (a refused one discarded, as far as this would read it, by {@link BodyFirst}), so this reads what was kept, in memory,
     * to its end; a body sent elsewhere is not read, so that it cannot hold an HTTP thread.
     */
    private void drainUnopened(Request request) {
        Request timed = new BodyDeadline(request, options.admission().bodyTimeout());
        try (InputStream body = Request.asInputStream(timed)) {
            drain(request, body, true, drainBound());
        } catch (IOException | RuntimeException e) {
            LOG.debug("stopped reading a refused body: {}", e.toString());
        }
    }

    /**
     * Reads and discards a refused body so that its client can read the answer (see {@link #refuseTooLarge}): to its end when it
     * declares at most {@code toEnd} bytes (or is chunked), else {@link #DRAIN_BYTES} of it; nothing when the body is not sent
     * yet because its client waits for {@code 100 Continue} ({@code fromHeaders}: refused before a byte was read).
     */
    private void drain(Request request, InputStream body, boolean fromHeaders, long toEnd) {
        String expect = request.getHeaders().get(HttpHeader.EXPECT);
        if (fromHeaders && expect != null && expect.trim().equalsIgnoreCase("100-continue")) {
            return; // nothing read, so no 100 Continue was sent: the client waits for this answer and sends no body
        }
        long declared = request.getLength();
        long bound = declared > toEnd ? DRAIN_BYTES : toEnd;
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        try {
            for (int n; read < bound && (n = body.read(sink, 0, (int) Math.min(sink.length, bound - read))) >= 0; ) {
                read += n;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("stopped reading a refused body after {} bytes: {}", read, e.toString());
        }
    }

    /** The refusal of a request in flight when {@code --drain} ran out (its connection is closed: nobody reads it). */
    private ApiException cutOff() {
        return new ApiException(503, "the server stopped before this request finished: --drain " + Messages.seconds(options.drain())
                + " ran out");
    }

    /**
     * Whether reading a request's body failed because its client closed or reset the connection: Jetty's {@code EofException}
     * (a reset, a closed channel), its 400 "Early EOF" (the connection ended before the declared body), or the connection
     * seen closed ({@link ClientGone}) after a failed read.
     */
    static boolean connectionEnded(Request request, Throwable e) {
        if (cause(e, org.eclipse.jetty.io.EofException.class) || cause(e, java.nio.channels.ClosedChannelException.class)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Early EOF")) {
                return true;
            }
        }
        return new ClientGone(request).getAsBoolean();
    }

    /** The status of an answer to a client that has gone (nginx's "client closed request"): for the metrics. */
    static final int CLIENT_GONE = 499;

    /** A short id that ties a 500 to its log line. */
    static String requestId() {
        return String.format(Locale.ROOT, "%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    /** The message of a 500: no exception text (the log has it, under the id). */
    static String internalError(String id) {
        return "internal error (request " + id + "; the server log has the details)";
    }

    private String tooLarge() {
        return "request body too large: more than " + options.maxBody() + " bytes (--max-body)";
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static HttpException httpException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                return h;
            }
        }
        return null;
    }

    private static List<TextEncoder.Encoding> encode(ServedModel m, List<String> texts) {
        var encoder = m.encoder().orElseThrow();
        List<TextEncoder.Encoding> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            if (!encoder.hasTokens(texts.get(i))) {
                throw new ApiException(400, "text " + i + " has no tokens: it is empty or white space only (\""
                        + Messages.clip(texts.get(i)) + "\"); expected some words");
            }
            out.add(encoder.encoding(texts.get(i)));
        }
        return out;
    }

    /**
     * {@code {"model": NAME, "predictions": [{"label", "index", "probabilities": {label: p}}, ...]}}. The prediction of a
     * text longer than the model's maximum length also has {@code "truncated": true} and {@code "tokens": N} (the text's
     * token count, of which the model read its maximum length), so that a client knows part of the text played no role; of a
     * text with no word of the model's vocabulary, {@code "noKnownWord": true} (the prediction rests on the unknown word alone);
     * of a text with no known word or with far more unknown words than new text like the training texts holds
     * ({@link TextEncoder#manyUnknownWords}: another alphabet, another kind of text), {@code "unknownWordShare": S}, the share
     * of the words read that are unknown (rounded to 3 decimals), with {@code "unknownWords"} and {@code "wordsRead"}, the
     * counts it is of, as predict warns of such texts.
     * The prediction of a sequence under half as long as the shortest the model trained on, or over twice as long as the
     * longest, has {@code "lengthUntested": true} and {@code "steps": N}, as predict warns of such lengths; that of a sequence
     * shorter than the shortest or longer than the longest but within those bounds ({@link TrainedLengths#outsideTrained}) has
     * {@code "lengthOutsideTrained": true} and {@code "steps": N}, as predict notes that its prediction extrapolates. That of a
     * sequence with values that are not 0 as written but below the float range ({@code 1e-50}) has {@code "belowFloatRange": N},
     * the number of such values, read as 0 as predict reads them (and warns). That of a sequence with features far outside
     * the training data ({@link org.rnnlab.training.FarFromTraining}: another unit, a drifted sensor) has
     * {@code "farFromTraining": [feature, ...]}, as predict warns of them and names them in its {@code far_from_training} column
     * ({@link org.rnnlab.training.FarFromTraining#ofSequence}, for both), and {@code "farReasons": [{"feature", "kind",
     * "detail"}, ...]}, why each is marked ({@link org.rnnlab.training.FarReason}: {@code UNIT}, {@code TINY}, {@code CODE},
     * {@code SPIKES}, and predict's words for it), as the Java API's {@code Prediction.farReasons()}. That of a sequence of two steps or more with every
     * feature constant, to a model with {@code sequenceScaling standardize} (read as 0 throughout), has
     * {@code "flatUnderStandardize": true}, as predict warns of it. That of a sequence holding a feature at one value over 5
     * steps or more, which under 1% of the training sequences did ({@link org.rnnlab.training.TrainingRange#constantFeatures}: a
     * frozen tracker, a dead channel), has {@code "constantFeatures": [feature, ...]}, as predict warns of it.
     * Every prediction of a model whose card records
     * its held-out confidence quantiles ({@link org.rnnlab.training.HeldOutConfidence}) has {@code "lowConfidence": true|false},
     * true when its top-class probability is below the held-out p05 of the class predicted (over all classes for a class
     * predicted fewer than 10 times there, and in cards without per-class quantiles; predict's {@code low_confidence} column); older models'
     * have none. Under a cut-off ({@code serve --threshold P --positive LABEL}, {@link ServedModel#decide}) the label and its
     * index are the class the cut-off chooses, as predict writes it, the probabilities unchanged, and the answer says so:
     * {@code "cutOff": {"positive": LABEL, "threshold": P}} after {@code "model"}; {@code lowConfidence} still judges the most
     * probable class, as predict's column does.
     *
     * @param encodings the encoded texts of a text request, in request order; null for sequences
     * @param sequences the sequences of a sequence request, in request order; null for texts
     * @param belowFloatRange per sequence, its values read as 0 though not 0 as written; null for texts
     * @param emptyFilled per sequence, the features with no value at all in it that the model's fallback ({@code --set
     *                    emptyFeature=mean|zero}) filled, written {@code "emptyFeaturesFilled": [feature, ...]}; null for texts
     */
    static byte[] answer(ServedModel m, List<Prediction> predictions, List<TextEncoder.Encoding> encodings, List<float[][]> sequences,
                         int[] belowFloatRange, List<List<String>> emptyFilled) throws IOException {
        return answer(m, predictions, encodings, sequences, belowFloatRange, emptyFilled, null);
    }

    /**
     * As above, with each sequence as sent ({@code written}, before it was filled and scaled; null for a model without
     * per-sequence scaling and for texts): under {@code sequenceScaling}, its codes for a missing value and spikes are marked
     * in {@code farFromTraining} too ({@link org.rnnlab.training.WrittenValues#ofSequence}), as predict's column marks them.
     */
    static byte[] answer(ServedModel m, List<Prediction> predictions, List<TextEncoder.Encoding> encodings, List<float[][]> sequences,
                         int[] belowFloatRange, List<List<String>> emptyFilled, List<float[][]> written) throws IOException {
        TrainedLengths lengths = TrainedLengths.of(m.classifier().card());
        TextEncoder encoder = encodings == null ? null : m.encoder().orElseThrow();
        var normalizer = sequences == null ? null : m.classifier().normalizer();
        float[] mean = normalizer == null ? null : normalizer.getMean().toFloatVector();
        float[] std = normalizer == null ? null : normalizer.getStd().toFloatVector();
        // the training range of each feature, where the card keeps it: a value the training data held is not far (null: the sd rule)
        org.rnnlab.training.TrainingRange range = m.classifier().card().trainingRange();
        java.util.Set<Integer> categories = range == null ? java.util.Set.of() : m.classifier().categoryFeatures();
        List<String> featureNames = m.classifier().card().input().featureNames();
        org.rnnlab.datasets.csv.SequenceScaling scaling = m.classifier().card().csvSchema()
                .map(org.rnnlab.datasets.csv.CsvSchema::sequenceScaling).orElse(org.rnnlab.datasets.csv.SequenceScaling.NONE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 96 * predictions.size());
        List<String> labels = m.classifier().labelNames();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model", m.name());
            if (m.positive().isPresent()) {
                g.writeObjectField("cutOff", cutOff(m));
            }
            g.writeArrayFieldStart("predictions");
            for (int i = 0; i < predictions.size(); i++) {
                Prediction p = predictions.get(i);
                g.writeStartObject();
                int decided = m.decide(p); // the most probable class, or --threshold's (predict's rule)
                g.writeStringField("label", labels.get(decided));
                g.writeNumberField("index", decided);
                g.writeObjectFieldStart("probabilities");
                double[] probs = p.probabilities();
                for (int c = 0; c < probs.length; c++) {
                    g.writeNumberField(labels.get(c), probs[c]);
                }
                g.writeEndObject();
                if (p.lowConfidence() != null) {
                    // less confident than 95% of the model's held-out sequences (the card's p05): perhaps unlike its training
                    // data (a keystroke trial's unenrolled typist got an enrolled user's label at p 0.25, unmarked)
                    g.writeBooleanField("lowConfidence", p.lowConfidence());
                }
                if (encodings != null && encodings.get(i).truncated()) {
                    g.writeBooleanField("truncated", true);
                    g.writeNumberField("tokens", encodings.get(i).tokens());
                }
                if (encodings != null && encodings.get(i).unknownOnly()) {
                    // as predict warns: a user's try got a plain answer for a text of words the model had never seen
                    g.writeBooleanField("noKnownWord", true);
                }
                if (encodings != null && (encodings.get(i).unknownOnly() || encoder.manyUnknownWords(encodings.get(i)))) {
                    // as predict warns: a trial's RNA line (36% 'u') to a DNA model was answered plainly
                    TextEncoder.Encoding e = encodings.get(i);
                    g.writeNumberField("unknownWordShare", Math.round(1000.0 * e.unknown() / e.ids().length) / 1000.0);
                    g.writeNumberField("unknownWords", e.unknown()); // the count behind the share: 1 of 2 reads as 0.5
                    g.writeNumberField("wordsRead", e.ids().length);
                }
                int steps = sequences == null ? 0 : sequences.get(i).length;
                if (sequences != null && lengths.untested(steps)) {
                    g.writeBooleanField("lengthUntested", true); // a user's try: predict warned, serve answered plainly
                    g.writeNumberField("steps", steps);
                } else if (sequences != null && lengths.outsideTrained(steps)) {
                    // predict's note "shorter than any the model was trained on ... extrapolate" (a trial's 24 steps against
                    // 30-120): serve flagged only under half the shortest, so 22 sequences predict noted went unmarked
                    g.writeBooleanField("lengthOutsideTrained", true);
                    g.writeNumberField("steps", steps);
                }
                if (mean != null) {
                    // far values, every value tiny next to the training data's (volts for microvolts, a sleep trial) or a code
                    // for a missing value in a cell or a few (a trial's -999 at one step of 77): as predict's far_from_training
                    java.util.Set<Integer> far = org.rnnlab.training.FarFromTraining.ofSequence(sequences.get(i), mean, std, range);
                    if (written != null && written.size() == sequences.size()) { // under sequenceScaling: codes and spikes as sent
                        far.addAll(org.rnnlab.training.WrittenValues.ofSequence(written.get(i), mean, std, range));
                    }
                    if (!far.isEmpty()) { // as predict warns: another unit or a drifted sensor gives a plausible-looking answer
                        g.writeArrayFieldStart("farFromTraining");
                        for (int x : far) {
                            g.writeString(featureNames.get(x));
                        }
                        g.writeEndArray();
                        // why, as the Java API's Prediction.farReasons() says it: a client could not tell a leg in °F from
                        // one with -99 codes (both ["air_temp_c"]) without the server's log
                        g.writeArrayFieldStart("farReasons");
                        for (org.rnnlab.training.FarReason reason : org.rnnlab.training.FarReason.ofSequence(sequences.get(i),
                                written != null && written.size() == sequences.size() ? written.get(i) : null, mean, std, range,
                                featureNames)) {
                            g.writeStartObject();
                            g.writeStringField("feature", reason.feature());
                            g.writeStringField("kind", reason.kind().name());
                            g.writeStringField("detail", reason.detail());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }
                }
                if (sequences != null && range != null) {
                    // as predict warns: a feature at one value throughout, which under 1% of the training sequences held (a radar
                    // trial's frozen tracker and dead range channel were answered confidently without a mark)
                    List<Integer> constant = range.constantFeatures(sequences.get(i), categories);
                    if (!constant.isEmpty()) {
                        g.writeArrayFieldStart("constantFeatures");
                        for (int x : constant) {
                            g.writeString(featureNames.get(x));
                        }
                        g.writeEndArray();
                    }
                }
                if (sequences != null && scaling.flattens(sequences.get(i))) {
                    // as predict warns: every feature constant under sequenceScaling standardize is read as 0 throughout
                    g.writeBooleanField("flatUnderStandardize", true);
                }
                if (belowFloatRange != null && belowFloatRange[i] > 0) {
                    // a user's try: predict warned of 1e-50 read as 0, serve answered plainly
                    g.writeNumberField("belowFloatRange", belowFloatRange[i]);
                }
                if (emptyFilled != null && i < emptyFilled.size() && !emptyFilled.get(i).isEmpty()) {
                    // as predict warns: a feature with no value in the sequence took the model's fallback (a dead strap)
                    g.writeArrayFieldStart("emptyFeaturesFilled");
                    for (String f : emptyFilled.get(i)) {
                        g.writeString(f);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Errors Jetty answers itself (a malformed HTTP request): JSON too. */
    private final class JsonErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            String text = code == 413 ? tooLarge()
                    : message != null && !message.isBlank() ? message : "HTTP " + code;
            if (code == 503) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER);
            }
            String path = Request.getPathInContext(request);
            long start = request.getBeginNanoTime();
            if (incompleteHead(request, code, message)) {
                // no request was made: not counted as one (of its route, or "other") with the connection's whole life as its duration
                // (a trial's 100 slow-header connections read as 100 400s and 6,993 s of "other" latency when they closed)
                response.setStatus(code);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
                response.write(true, ByteBuffer.wrap(error(text).getBytes(StandardCharsets.UTF_8)), callback);
                return;
            }
            respond(response, callback, code, error(text), endpoint(path), start > 0 ? start : System.nanoTime());
        }
    }

    /**
     * Whether Jetty answers a connection whose client closed it before its request head (request line and headers) was
     * complete: its parser's 400 "Early EOF" on a connection whose input has ended (the end of a body is read by the API, a
     * 499). A malformed head has another reason ("Illegal character ...") and is a request refused, counted as such.
     */
    static boolean incompleteHead(Request request, int code, String message) {
        if (code != 400 || !"Early EOF".equals(message)) {
            return false;
        }
        var endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        return endPoint.isInputShutdown() || !endPoint.isOpen();
    }
}
