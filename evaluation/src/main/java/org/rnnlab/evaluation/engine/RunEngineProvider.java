package org.rnnlab.evaluation.engine;

/**
 * Makes a {@link RunEngine} by name; registered in {@code META-INF/services/org.rnnlab.evaluation.engine.RunEngineProvider}
 * of the module that brings the engine (rnnlab-spark), so its jars are only needed when it is used.
 */
public interface RunEngineProvider {

    /** The name given to {@code --engine}, e.g. {@code spark}. */
    String name();

    /** A started engine (the caller closes it). */
    RunEngine create(EngineOptions options);
}
