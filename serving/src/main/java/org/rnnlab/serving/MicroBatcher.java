package org.rnnlab.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.SequenceClassifier.Prediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches concurrent requests for one model into one {@link SequenceClassifier#predict(List)} call: a queue and
 * one worker thread per ND4J thread. A worker takes the first waiting request, then whatever else is queued, up
 * to {@code maxBatch} sequences, waiting at most {@code batchWait} for more; it predicts them together and hands
 * each request its own predictions, in order. A request larger than {@code maxBatch} runs alone. If a batch
 * fails, each of its requests is predicted again alone, so one bad request cannot fail the others.
 *
 * <p>Batching pads the sequences of a batch to the longest with a mask; the model reads padded steps as absent, so
 * the labels are those of predicting each sequence alone, and the probabilities are equal up to float rounding
 * (a different batch size can change the order of the sums in the matrix products).
 */
public final class MicroBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatcher.class);

    private final SequenceClassifier classifier;
    private final int maxBatch;
    private final long waitNanos;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final IntConsumer onBatch;
    private volatile boolean closed;

    private record Job(List<float[][]> sequences, CompletableFuture<List<Prediction>> result) {
    }

    /**
     * Starts the workers.
     *
     * @param name       thread name prefix
     * @param classifier the model
     * @param maxBatch   the most sequences per model call
     * @param batchWait  how long to wait for more requests after the first (zero: no wait)
     * @param workers    worker threads
     * @param onBatch    told the size of every batch predicted (for metrics)
     */
    public MicroBatcher(String name, SequenceClassifier classifier, int maxBatch, Duration batchWait, int workers, IntConsumer onBatch) {
        if (maxBatch < 1 || workers < 1) {
            throw new IllegalArgumentException("maxBatch and workers must be >= 1");
        }
        this.classifier = classifier;
        this.maxBatch = maxBatch;
        this.waitNanos = batchWait.toNanos();
        this.onBatch = onBatch;
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, name + "-batcher-" + i);
            t.setDaemon(true);
            workers(t);
        }
    }

    private void workers(Thread t) {
        workers.add(t);
        t.start();
    }

    /** Queues sequences for prediction; the future completes with their predictions, in order. */
    public CompletableFuture<List<Prediction>> submit(List<float[][]> sequences) {
        CompletableFuture<List<Prediction>> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("the server is stopping"));
            return f;
        }
        queue.add(new Job(sequences, f));
        return f;
    }

    private void work() {
        Job carried = null;
        while (!closed) {
            List<Job> batch = new ArrayList<>();
            try {
                Job first = carried != null ? carried : queue.take();
                carried = null;
                batch.add(first);
                int count = first.sequences.size();
                long deadline = System.nanoTime() + waitNanos;
                while (count < maxBatch) {
                    Job next = queue.poll();
                    if (next == null && waitNanos > 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        next = queue.poll(left, TimeUnit.NANOSECONDS);
                    }
                    if (next == null) {
                        break;
                    }
                    if (count + next.sequences.size() > maxBatch) {
                        carried = next; // it starts the next batch
                        break;
                    }
                    batch.add(next);
                    count += next.sequences.size();
                }
            } catch (InterruptedException e) {
                fail(batch, e);
                if (carried != null) {
                    fail(List.of(carried), e);
                }
                break;
            }
            run(batch);
        }
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new IllegalStateException("the server stopped"));
    }

    private void run(List<Job> batch) {
        if (batch.size() == 1) {
            predictAlone(batch.get(0));
            return;
        }
        List<float[][]> all = new ArrayList<>();
        for (Job j : batch) {
            all.addAll(j.sequences);
        }
        List<Prediction> predictions;
        try {
            predictions = classifier.predictUnwarned(all);
            onBatch.accept(all.size());
        } catch (RuntimeException | Error e) {
            LOG.warn("a batch of {} requests failed ({}); predicting each alone", batch.size(), e.toString());
            batch.forEach(this::predictAlone);
            return;
        }
        int from = 0;
        for (Job j : batch) {
            int to = from + j.sequences.size();
            j.result.complete(List.copyOf(predictions.subList(from, to)));
            from = to;
        }
    }

    private void predictAlone(Job job) {
        try {
            List<Prediction> p = classifier.predictUnwarned(job.sequences);
            onBatch.accept(job.sequences.size());
            job.result.complete(p);
        } catch (RuntimeException | Error e) {
            job.result.completeExceptionally(e);
        }
    }

    private static void fail(List<Job> jobs, Throwable e) {
        for (Job j : jobs) {
            j.result.completeExceptionally(e);
        }
    }

    /** Stops the workers; requests still queued fail. Call after the server has drained. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Thread t : workers) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
