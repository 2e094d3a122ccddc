package org.rnnlab.evaluation.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One-sequence inference latency of a model through {@link org.rnnlab.training.SequenceClassifier#predictPrepared},
 * the path {@code predict} and {@code serve} take (or, with {@code bench --latency --stream}, of one sample through a
 * {@link org.rnnlab.training.PredictionStream}), and the memory the process holds as calls accumulate.
 *
 * @param model            what was measured: the bundle file, or the untrained default model
 * @param spec             the model's architecture in short, e.g. {@code lstm 24, tokens(32 of 23)}
 * @param steps            time steps of the sequence
 * @param features         values per step (1 for token ids)
 * @param threads          {@code --threads} (the kernels' threads)
 * @param warmup           untimed calls first
 * @param samples          timed calls (each one latency sample)
 * @param p50Us            median latency, microseconds
 * @param p90Us            90th percentile, microseconds
 * @param p99Us            99th percentile, microseconds
 * @param p999Us           99.9th percentile, microseconds
 * @param maxUs            slowest call, microseconds
 * @param meanUs           mean latency, microseconds
 * @param callsPerS        calls per second, one after another on one thread (timed calls only)
 * @param heapBytesPerCall Java heap allocated per call (ThreadMXBean), mean over the timed calls
 * @param memory           memory held after a full GC at points along the timed calls
 * @param label            the last call's predicted label
 * @param probabilities    the last call's class probabilities
 * @param call             what one call is: {@code predict} (one whole sequence through predict's path) or {@code stream step}
 *                         (one sample through {@link org.rnnlab.training.PredictionStream#step})
 * @param backend          the ND4J backend and what computes the layers, as train's provenance.json records it
 */
public record LatencyResult(String model, String spec, int steps, int features, int threads, int warmup, int samples,
                            @JsonProperty("p50_us") double p50Us,
                            @JsonProperty("p90_us") double p90Us,
                            @JsonProperty("p99_us") double p99Us,
                            @JsonProperty("p999_us") double p999Us,
                            @JsonProperty("max_us") double maxUs,
                            @JsonProperty("mean_us") double meanUs,
                            @JsonProperty("calls_per_s") double callsPerS,
                            @JsonProperty("heap_bytes_per_call") long heapBytesPerCall,
                            List<MemoryPoint> memory,
                            String label,
                            double[] probabilities,
                            String call,
                            String backend) {

    public LatencyResult {
        memory = List.copyOf(memory);
        probabilities = probabilities.clone();
    }

    /**
     * Memory held after {@code calls} timed calls, measured after {@code System.gc()} (outside the timed calls).
     *
     * @param calls          timed calls made so far
     * @param heapUsedBytes  Java heap in use after GC (MemoryMXBean)
     * @param heapCommittedBytes Java heap the JVM has committed (part of the RSS; G1 grows it with the allocation rate)
     * @param javacppBytes   off-heap bytes JavaCPP tracks ({@code Pointer.totalBytes()}: JavaCPP's own
     *                       allocations; ND4J's array buffers are allocated natively and are not in it)
     * @param rssBytes       resident memory of the process ({@code Pointer.physicalBytes()}: everything, heap
     *                       and ND4J buffers included; the noisiest of the three)
     */
    public record MemoryPoint(long calls,
                              @JsonProperty("heap_used_bytes") long heapUsedBytes,
                              @JsonProperty("heap_committed_bytes") long heapCommittedBytes,
                              @JsonProperty("javacpp_bytes") long javacppBytes,
                              @JsonProperty("rss_bytes") long rssBytes) {
    }
}
