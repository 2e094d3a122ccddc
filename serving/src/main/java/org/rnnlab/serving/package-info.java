/**
 * {@code rnnlab serve}: trained model bundles behind an HTTP JSON API.
 *
 * <ul>
 *   <li>{@link org.rnnlab.serving.ModelServer}: Jetty 12 core (Handler API, no servlets), routes, limits, graceful stop, opt-in
 *       CORS ({@code --cors-origin}); no TLS or authentication (a reverse proxy's);</li>
 *   <li>{@link org.rnnlab.serving.ServedModel}: a model bundle loaded by name ({@code --model NAME=FILE});</li>
 *   <li>{@link org.rnnlab.serving.MicroBatcher}: batches concurrent requests of one model into one prediction;</li>
 *   <li>{@code RequestParser}: the streaming reader of predict requests, with exact error messages;</li>
 *   <li>{@link org.rnnlab.serving.ServeMetrics}: Prometheus metrics (client 1.x, text format);</li>
 *   <li>{@link org.rnnlab.serving.LoadGenerator}: the load generator of {@code rnnlab loadtest}.</li>
 * </ul>
 *
 * Dependencies: {@code training} (model bundles), Jetty and the Prometheus client; nothing of the command line.
 */
package org.rnnlab.serving;
