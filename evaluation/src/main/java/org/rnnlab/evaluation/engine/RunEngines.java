package org.rnnlab.evaluation.engine;

import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the engine named by {@code --engine}: {@code local} is built in, others come through {@link RunEngineProvider}. */
public final class RunEngines {

    private RunEngines() {
    }

    /**
     * The engine for {@code options} (whose name {@link EngineOptions} has lowercased: names match in any case, as
     * those of --updater, --impl and --cells do; {@code --engine Local} was refused).
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
            if (p.name().equalsIgnoreCase(options.engine())) {
                return p.create(options);
            }
            known.add(p.name());
        }
        throw new IllegalArgumentException("--engine " + options.engine() + " is not available here (engines on the class path: "
                + known + ")" + (options.engine().equals("spark")
                ? ": the Spark engine is the rnnlab-spark module; run through ./rnnlab, which adds spark/target/lib when --engine "
                + "spark is given, or spark-submit --class org.rnnlab.spark.SparkMain spark/target/rnnlab-spark-all.jar (see docs/guide/spark.md)" : ""));
    }
}
