package org.rnnlab.evaluation.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnlab.core.Json;

/**
 * A real headless Chromium (Debian's {@code chromium}) that opens a page and evaluates JavaScript in it
 * through the DevTools protocol, so tests can ask the browser itself whether images loaded.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CompletableFuture<JsonNode> pending;

    /** The chromium binary, if installed. */
    public static Optional<Path> binary() {
        for (String p : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    /** Starts the browser on a page. */
    public HeadlessChromium(Path binary, URI page) throws Exception {
        profile = Files.createTempDirectory("rnnlab-chromium-");
        process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1200,2000", page.toString())
                .redirectErrorStream(true).start();
        String browserWs = null;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (browserWs == null && System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                browserWs = m.group(1);
            }
        }
        if (browserWs == null) {
            process.destroyForcibly();
            throw new IOException("chromium did not start its DevTools endpoint");
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // browser gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        URI http = URI.create(browserWs.replace("ws://", "http://"));
        HttpClient client = HttpClient.newHttpClient();
        String pageWs = null;
        while (pageWs == null && System.nanoTime() < deadline) {
            JsonNode list = Json.mapper().readTree(client.send(HttpRequest.newBuilder(http.resolve("/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode target : list) {
                if ("page".equals(target.path("type").asText())) {
                    pageWs = target.get("webSocketDebuggerUrl").asText();
                }
            }
            if (pageWs == null) {
                Thread.sleep(100);
            }
        }
        if (pageWs == null) {
            close();
            throw new IOException("chromium opened no page");
        }
        socket = client.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
            private final StringBuilder buffer = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                buffer.append(data);
                if (last) {
                    try {
                        JsonNode msg = Json.mapper().readTree(buffer.toString());
                        if (msg.has("id") && pending != null) {
                            pending.complete(msg);
                        }
                    } catch (IOException e) {
                        if (pending != null) {
                            pending.completeExceptionally(e);
                        }
                    }
                    buffer.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
    }

    /** Evaluates a JavaScript expression in the page and returns its JSON value. */
    public JsonNode evaluate(String expression) throws Exception {
        ObjectNode call = Json.mapper().createObjectNode();
        call.put("id", ids.incrementAndGet());
        call.put("method", "Runtime.evaluate");
        call.putObject("params").put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
        pending = new CompletableFuture<>();
        socket.sendText(call.toString(), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = pending.get(30, TimeUnit.SECONDS);
        return reply.path("result").path("result").path("value");
    }

    /** Waits until the page and all its images have finished loading. */
    public void awaitLoaded(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // about:blank is 'complete' too: wait until the page itself has been opened
            if (evaluate("location.href !== 'about:blank' && document.readyState === 'complete'"
                    + " && Array.from(document.images).every(i => i.complete)").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("page not loaded within " + timeout);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
                try (var files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (UncheckedIOException vanished) {
                    // chromium's helper processes still remove their own files while the walk runs: walk again
                    Thread.sleep(200);
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // best effort: a temporary profile left behind does no harm
        }
    }
}
