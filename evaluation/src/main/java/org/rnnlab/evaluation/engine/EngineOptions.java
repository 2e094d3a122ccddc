package org.rnnlab.evaluation.engine;

/**
 * Which engine runs the tasks and where, as {@code --engine} and {@code --master} give them.
 *
 * @param engine  {@code local} (in this process, the default) or {@code spark}
 * @param master  the Spark master ({@code local[*]}, {@code local[N]}, {@code spark://HOST:7077}); null for the engine's
 *                default ({@code local[*]} for spark); must be null for the local engine
 * @param threads {@code --threads} of each task: its kernels' threads (each Spark task then takes one core per thread)
 */
public record EngineOptions(String engine, String master, int threads) {

    public EngineOptions {
        if (engine == null || engine.isBlank()) {
            engine = "local";
        }
        // any case, as --updater, --impl, --head and --cells take theirs (--engine Local was refused)
        engine = engine.strip().toLowerCase(java.util.Locale.ROOT);
        if (engine.equals("local") && master != null) {
            throw new IllegalArgumentException("--master does not apply to the local engine (add --engine spark)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("EngineOptions.threads must be >= 1, got " + threads);
        }
    }

    /** In this process. */
    public static EngineOptions local(int threads) {
        return new EngineOptions("local", null, threads);
    }
}
