package org.rnnlab.spark;

import java.io.ObjectInputFilter;
import org.rnnlab.core.SerializationGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide {@link ObjectInputFilter} of a process that runs Spark. Spark's own messages, task
 * descriptions and task results are Java-serialized, so rnnlab's {@link SerializationGuard} (no class at all)
 * cannot be the filter there. This one allows the classes Spark needs for the engine's jobs (the JDK's,
 * Scala's, Spark's and this package's, and arrays of them) and refuses every other class, DL4J's, ND4J's and
 * the rest of rnnlab's included, so a crafted model file still cannot reach a library class's
 * deserialization code. It must be set before rnnlab's guard ({@link SparkMain} does so first thing; {@link
 * SparkEngine} does so when no filter is set yet).
 */
public final class SparkSerialFilter implements ObjectInputFilter {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSerialFilter.class);
    private static final SparkSerialFilter INSTANCE = new SparkSerialFilter();

    /** Packages whose classes may be deserialized (with their subpackages). */
    static final String[] ALLOWED = {"java.", "scala.", "org.apache.spark.", "org.sparkproject.", "org.roaringbitmap.",
        "org.rnnlab.spark."};

    private SparkSerialFilter() {
    }

    /**
     * Makes this filter the process-wide filter unless one is set already.
     *
     * @return true if this filter is (now) the process-wide filter
     * @throws IllegalStateException when rnnlab's {@link SerializationGuard} is the process-wide filter: Spark cannot
     *                               run in this process then
     */
    public static synchronized boolean install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current == INSTANCE) {
            return true;
        }
        if (current == null) {
            try {
                ObjectInputFilter.Config.setSerialFilter(INSTANCE);
                return true;
            } catch (IllegalStateException setMeanwhile) {
                current = ObjectInputFilter.Config.getSerialFilter();
            }
        }
        if (SerializationGuard.installed()) {
            throw new IllegalStateException("Java deserialization is switched off in this process (rnnlab's SerializationGuard), "
                    + "and Spark needs it for its own messages: start the command through org.rnnlab.spark.SparkMain (./rnnlab does "
                    + "when --engine spark is given; spark-submit --class org.rnnlab.spark.SparkMain), or call "
                    + "SparkSerialFilter.install() before anything of rnnlab runs");
        }
        LOG.debug("a process-wide ObjectInputFilter is already set ({}); kept", current);
        return false;
    }

    /** Whether this filter is the process-wide filter. */
    public static boolean installed() {
        return ObjectInputFilter.Config.getSerialFilter() == INSTANCE;
    }

    /** The filter itself. */
    public static ObjectInputFilter filter() {
        return INSTANCE;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return Status.ALLOWED;
        }
        String name = c.getName();
        for (String prefix : ALLOWED) {
            if (name.startsWith(prefix)) {
                return Status.ALLOWED;
            }
        }
        LOG.warn("refused Java deserialization of {} (a Spark process of rnnlab allows only JDK, Scala and Spark classes; "
                + "see SparkSerialFilter)", name);
        return Status.REJECTED;
    }

    @Override
    public String toString() {
        return "rnnlab SparkSerialFilter: only " + String.join("*, ", ALLOWED) + "*";
    }
}
