package org.rnnlab.djlpeer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DJL peer's command line: {@code java -cp djl-peer/target/djl-peer.jar:djl-peer/target/lib/* org.rnnlab.djlpeer.DjlPeer
 * [--cells rnn,lstm,gru,bilstm] [--batch 64] [--steps 128] ... [--threads 1]}, bench/peer_pytorch.py's options.
 * Prints one JSON line per cell (the peer script's keys, plus {@code inference_samples_per_s} and
 * {@code peak_rss_kib}, this process's VmHWM after the cell); exit 2 on a usage error.
 */
public final class DjlPeer {

    private DjlPeer() {
    }

    public static void main(String[] args) {
        PeerShape shape;
        try {
            shape = PeerShape.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("DjlPeer: " + e.getMessage());
            System.exit(2);
            return;
        }
        DjlMeasurement.configure(shape.threads());
        for (Cell cell : shape.cells()) {
            PeerResult r = DjlMeasurement.measure(cell, shape);
            System.out.println(r.withPeakRssKib(peakRssKib()).toJson());
            System.out.flush();
        }
    }

    /** This process's peak resident memory (VmHWM of /proc/self/status), KiB; 0 where there is no /proc. */
    public static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
