package org.rnnlab.evaluation.cli;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;

/**
 * DL4J's training UI (score, updates, parameters and activations per layer in a browser) for the
 * duration of one training run, on localhost at the given port.
 */
public final class TrainingUi implements AutoCloseable {
    /** DL4J's system property for the UI port. */
    static final String PORT_PROPERTY = "org.deeplearning4j.ui.port";

    private final UIServer server;
    private final StatsStorage storage;
    private final int port;

    /** Starts the UI server on {@code port}. */
    public TrainingUi(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--ui-port must be in [1, 65535], got " + port);
        }
        System.setProperty(PORT_PROPERTY, String.valueOf(port));
        this.port = port;
        this.server = UIServer.getInstance();
        this.storage = new InMemoryStatsStorage();
        server.attach(storage);
    }

    /** The address of the overview page. */
    public String url() {
        return "http://localhost:" + port + "/train/overview";
    }

    /** Attaches the statistics listener to a network. */
    public void attach(MultiLayerNetwork net) {
        net.addListeners(new StatsListener(storage));
    }

    /** Stops the server. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
