package org.rnnlab.evaluation.engine;

import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the engine named by {@code --engine}: {@code local} is built in, others come through {@link RunEngineProvider}. */
public final class RunEngines {

    private RunEngines() {
    }

    /**
     * The engine for {@code options}.
     *
     * @throws IllegalArgumentException when no provider of that name is on the class path, saying how to get it
     */
    public static RunEngine create(EngineOptions options) {
        if (options.engine().equals("local")) {
            return new InProcessEngine();
        }
        TreeSet<String> known = new TreeSet<>();
        known.add("local");
        for (RunEngineProvider p : ServiceLoader.load(RunEngineProvider.class)) {
            if (p.name().equals(options.engine())) {
                return p.create(options);
            }
            known.add(p.name());
        }
        String lower = options.engine().toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals(options.engine()) && (known.contains(lower) || lower.equals("spark"))) {
            throw new IllegalArgumentException("--engine " + options.engine() + " is unknown: engine names are lowercase (--engine "
                    + lower + ")");
        }
        throw new IllegalArgumentException("--engine " + options.engine() + " is not available here (engines on the class path: "
                + known + ")" + (options.engine().equals("spark")
                ? ": the Spark engine is the rnnlab-spark module; run through ./rnnlab, which adds spark/target/lib when --engine "
                + "spark is given, or spark-submit --class org.rnnlab.spark.SparkMain spark/target/rnnlab-spark-all.jar (see the README)" : ""));
    }
}
