package org.rnnlab.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.SequenceClassifier.Prediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches concurrent requests for one model into one {@link SequenceClassifier#predict(List)} call: a queue and
 * one worker thread per ND4J thread. A worker takes the first waiting request, then whatever else is queued, up
 * to {@code maxBatch} sequences, waiting at most {@code batchWait} for more; it predicts them together and hands
 * each request its own predictions, in order. A request larger than {@code maxBatch} runs alone, in chunks of
 * {@code maxBatch} sequences. If a batch fails, each of its requests is predicted again alone, so one bad request cannot
 * fail the others.
 *
 * <p>A request whose client has gone (its {@code abandoned} check says so) is not predicted: the check runs before a
 * request joins a batch and between the chunks of a large one, and its future fails with {@link Abandoned}. Without it,
 * ten clients that gave up after 5 s on requests of 4 s of CPU each kept a worker busy for 40 s on answers nobody read,
 * while the requests behind them waited.
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
    private final IntConsumer onAbandoned;
    private volatile boolean closed;
    /** Tests only: while set, a worker waits after taking a request. */
    private volatile CountDownLatch gate;

    private record Job(List<float[][]> sequences, BooleanSupplier abandoned, CompletableFuture<List<Prediction>> result) {
    }

    /** A request not predicted (or not finished) because its client has gone. */
    public static final class Abandoned extends RuntimeException {
        Abandoned(int predicted, int total) {
            super("the client went away: prediction abandoned after " + predicted + " of " + total + " sequence(s)", null, false, false);
        }
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
        this(name, classifier, maxBatch, batchWait, workers, onBatch, n -> { });
    }

    /**
     * Starts the workers.
     *
     * @param onAbandoned told how many sequences of an abandoned request were not predicted (for metrics)
     */
    public MicroBatcher(String name, SequenceClassifier classifier, int maxBatch, Duration batchWait, int workers, IntConsumer onBatch,
                        IntConsumer onAbandoned) {
        if (maxBatch < 1 || workers < 1) {
            throw new IllegalArgumentException("maxBatch and workers must be >= 1");
        }
        this.classifier = classifier;
        this.maxBatch = maxBatch;
        this.waitNanos = batchWait.toNanos();
        this.onBatch = onBatch;
        this.onAbandoned = onAbandoned;
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
        return submit(sequences, () -> false);
    }

    /**
     * Queues sequences for prediction; the future completes with their predictions, in order, or fails with
     * {@link Abandoned} when {@code abandoned} says, before or between chunks, that nobody waits for them any more.
     */
    public CompletableFuture<List<Prediction>> submit(List<float[][]> sequences, BooleanSupplier abandoned) {
        CompletableFuture<List<Prediction>> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("the server is stopping"));
            return f;
        }
        queue.add(new Job(sequences, abandoned, f));
        return f;
    }

    /** Requests waiting for a worker (tests). */
    int queued() {
        return queue.size();
    }

    /** Tests: a worker that has taken a request waits, before it predicts, until {@link #resume()}. */
    void pause() {
        gate = new CountDownLatch(1);
    }

    /** Tests: ends {@link #pause()}. */
    void resume() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    private void work() {
        Job carried = null;
        while (!closed) {
            List<Job> batch = new ArrayList<>();
            try {
                Job first = carried != null ? carried : queue.take();
                CountDownLatch g = gate;
                if (g != null) {
                    g.await();
                }
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

    private void run(List<Job> jobs) {
        List<Job> batch = new ArrayList<>(jobs.size());
        for (Job j : jobs) {
            if (abandoned(j, 0)) {
                continue;
            }
            batch.add(j);
        }
        if (batch.isEmpty()) {
            return;
        }
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
            predictions = classifier.predictPrepared(all, 0);
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

    /** Whether the job's client has gone; if so, fails it with {@link Abandoned} (after {@code predicted} sequences). */
    private boolean abandoned(Job job, int predicted) {
        boolean gone;
        try {
            gone = job.abandoned.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.debug("checking whether a client has gone failed: {}", e.toString());
            gone = false;
        }
        if (gone) {
            onAbandoned.accept(job.sequences.size() - predicted);
            job.result.completeExceptionally(new Abandoned(predicted, job.sequences.size()));
        }
        return gone;
    }

    /** One request alone: in chunks of {@code maxBatch} sequences, its client checked between them. */
    private void predictAlone(Job job) {
        try {
            int n = job.sequences.size();
            if (n <= maxBatch) {
                List<Prediction> p = classifier.predictPrepared(job.sequences, 0);
                onBatch.accept(n);
                job.result.complete(p);
                return;
            }
            List<Prediction> all = new ArrayList<>(n);
            for (int from = 0; from < n; from += maxBatch) {
                if (from > 0 && abandoned(job, from)) {
                    return;
                }
                List<float[][]> chunk = job.sequences.subList(from, Math.min(n, from + maxBatch));
                try {
                    all.addAll(classifier.predictPrepared(chunk, 0));
                } catch (IllegalArgumentException e) {
                    throw renumbered(e, from);
                }
                onBatch.accept(chunk.size());
            }
            job.result.complete(all);
        } catch (RuntimeException | Error e) {
            job.result.completeExceptionally(e);
        }
    }

    private static final java.util.regex.Pattern SEQUENCE = java.util.regex.Pattern.compile("^sequence (\\d+)");

    /** The classifier's refusal of a chunk's sequence, numbered as in the whole request ("sequence 3" of the chunk from 64: 67). */
    static IllegalArgumentException renumbered(IllegalArgumentException e, int from) {
        java.util.regex.Matcher m = SEQUENCE.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (from == 0 || !m.find()) {
            return e;
        }
        return new IllegalArgumentException("sequence " + (Integer.parseInt(m.group(1)) + from) + e.getMessage().substring(m.end()), e);
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
