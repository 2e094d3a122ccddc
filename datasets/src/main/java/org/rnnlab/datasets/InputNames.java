package org.rnnlab.datasets;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How the readers' warnings name a file the user did not give by that name: {@code predict --input -} reads a copy of
 * standard input from a temporary file, deleted when the command ends, and a warning about "/tmp/rnnlab-input-.../
 * standard-input.csv" names nothing the user knows. The caller sets an alias for the copy on its thread while it reads.
 */
public final class InputNames {

    private static final ThreadLocal<Map<Path, String>> ALIASES = ThreadLocal.withInitial(HashMap::new);

    private InputNames() {
    }

    /** From now on, on this thread, {@code file} is shown as {@code shown} (e.g. "standard input"). */
    public static void alias(Path file, String shown) {
        ALIASES.get().put(file, shown);
    }

    /** Ends the alias of {@code file}. */
    public static void clear(Path file) {
        ALIASES.get().remove(file);
    }

    /** {@code file} as warnings name it: its alias on this thread, or its path. */
    public static String shown(Path file) {
        String alias = file == null ? null : ALIASES.get().get(file);
        return alias != null ? alias : String.valueOf(file);
    }
}
