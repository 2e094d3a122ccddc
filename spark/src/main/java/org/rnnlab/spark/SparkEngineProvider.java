package org.rnnlab.spark;

import org.rnnlab.evaluation.engine.EngineOptions;
import org.rnnlab.evaluation.engine.RunEngine;
import org.rnnlab.evaluation.engine.RunEngineProvider;

/** {@code --engine spark}: a {@link SparkEngine} (registered in META-INF/services). */
public final class SparkEngineProvider implements RunEngineProvider {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public RunEngine create(EngineOptions options) {
        return new SparkEngine(options);
    }
}
