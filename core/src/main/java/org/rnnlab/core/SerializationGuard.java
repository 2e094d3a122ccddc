package org.rnnlab.core;

import java.io.ObjectInputFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second wall against crafted model files: a process-wide {@link ObjectInputFilter} that refuses
 * Java deserialization of every class.
 *
 * <p>rnnlab's own files hold only JSON and raw numbers ({@code ModelBundle}, {@code Checkpoint}), and
 * nothing in normal training, evaluation or prediction deserializes Java objects (DL4J's training UI
 * included): the training and evaluation test suites pass in JVMs that reject every class from the start
 * ({@code -Djdk.serialFilter=!*}). So the filter allows no class at all and,
 * should a class ever be allowed by mistake, still limits a stream to a graph depth of
 * {@value #MAX_DEPTH}, {@value #MAX_REFERENCES} references, arrays of {@value #MAX_ARRAY_LENGTH}
 * elements and {@value #MAX_STREAM_BYTES} bytes. Any {@code ObjectInputStream} of the process that has
 * no filter of its own (DL4J's {@code ModelSerializer} reading a {@code preprocessor.bin}, for one)
 * then fails at its first class with {@code InvalidClassException: filter status: REJECTED} instead of
 * running the class's code or building a deserialization bomb.
 *
 * <p>{@link #install()} is idempotent and is called by the command line (every {@code rnnlab} command, the
 * server included) before anything else runs. It leaves a process-wide filter that is already set (with
 * {@code -Djdk.serialFilter=...}, say) in place: that filter then decides. The library's loaders of model bundles and
 * checkpoints do not install it: Java lets the process-wide filter be set only once, and a program embedding rnnlab
 * lost its own Java deserialization (sessions, caches, RMI and JMX clients) after loading a model. Such a program may
 * call {@link #install()} itself, or set {@link #filter()} on its own streams.
 */
public final class SerializationGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SerializationGuard.class);

    /** Deepest object graph allowed. */
    public static final int MAX_DEPTH = 20;
    /** Most object references allowed in one stream. */
    public static final int MAX_REFERENCES = 1_000;
    /** Longest array allowed. */
    public static final int MAX_ARRAY_LENGTH = 10_000;
    /** Most bytes read from one stream. */
    public static final int MAX_STREAM_BYTES = 1 << 20;

    private static final ObjectInputFilter FILTER = new RejectAllClasses();

    private SerializationGuard() {
    }

    /**
     * Installs rnnlab's filter as the process-wide filter unless one is set already.
     *
     * @return true if rnnlab's filter is the process-wide filter (installed now or before), false if
     *         another filter was already in place and was kept
     */
    public static synchronized boolean install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current == FILTER) {
            return true;
        }
        if (current == null) {
            try {
                ObjectInputFilter.Config.setSerialFilter(FILTER);
                LOG.debug("Java deserialization disabled: process-wide ObjectInputFilter installed");
                return true;
            } catch (IllegalStateException setMeanwhile) {
                // another thread or library set a filter between the check and here: it stays
            }
        }
        LOG.debug("a process-wide ObjectInputFilter is already set ({}); rnnlab keeps it",
                ObjectInputFilter.Config.getSerialFilter());
        return false;
    }

    /** Whether rnnlab's filter is the process-wide filter. */
    public static boolean installed() {
        return ObjectInputFilter.Config.getSerialFilter() == FILTER;
    }

    /** rnnlab's filter itself, e.g. to set on one stream with {@code ObjectInputStream.setObjectInputFilter}. */
    public static ObjectInputFilter filter() {
        return FILTER;
    }

    /** Rejects every class and any stream over the limits; leaves the rest (no class involved) undecided. */
    private static final class RejectAllClasses implements ObjectInputFilter {
        @Override
        public Status checkInput(FilterInfo info) {
            if (info.serialClass() != null) {
                LOG.warn("refused Java deserialization of {} (rnnlab allows no Java deserialization; see SerializationGuard)",
                        info.serialClass().getName());
                return Status.REJECTED;
            }
            if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > MAX_ARRAY_LENGTH
                    || info.streamBytes() > MAX_STREAM_BYTES) {
                return Status.REJECTED;
            }
            return Status.UNDECIDED;
        }

        @Override
        public String toString() {
            return "rnnlab SerializationGuard: no classes, maxdepth=" + MAX_DEPTH + ", maxrefs=" + MAX_REFERENCES
                    + ", maxarray=" + MAX_ARRAY_LENGTH + ", maxbytes=" + MAX_STREAM_BYTES;
        }
    }
}
