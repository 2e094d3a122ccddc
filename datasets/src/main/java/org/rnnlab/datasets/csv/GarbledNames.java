package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.rnnlab.datasets.Mojibake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns of a CSV file's column names and of its sequence ids, labels and groups that are {@link Mojibake}: UTF-8 read as
 * Windows-1252 and saved again. A trial's agency export joined Windows-1252 and UTF-8 files with cat; rnnlab refused it and
 * advised {@code iconv -f windows-1252}, which garbled the UTF-8 rows ({@code Paris-Bd-PÃ©riphÃ©rique}) and the header
 * ({@code NO2 [Âµg/mÂ³]}). Training read them without a word: the stations joined to nothing, and the model then refused
 * clean files for "missing" columns. Said for training, validation and test files and for new data (predict, evaluate),
 * each file once per read; a clean file with accents ({@code Évry}, {@code µg/m³}) is silent ({@link Mojibake#repaired}).
 */
final class GarbledNames {
    private static final Logger LOG = LoggerFactory.getLogger(GarbledNames.class);
    /** Examples shown per column. */
    private static final int SHOWN = 3;

    private GarbledNames() {
    }

    /**
     * Warns when any of {@code header}'s names (null for a headerless file) or of the values of {@code valuesByColumn} (by
     * the words that name their column, e.g. {@code group column 'station'}) is garbled, naming {@code file}, each column,
     * how many of its values and a few with their repair, and what to do.
     */
    static void warn(Path file, List<String> header, Map<String, Collection<String>> valuesByColumn) {
        List<String> parts = new ArrayList<>();
        if (header != null) {
            part("column names", header).ifPresent(parts::add);
        }
        valuesByColumn.forEach((column, values) -> part(column, values).ifPresent(parts::add));
        if (parts.isEmpty()) {
            return;
        }
        LOG.warn("csv {}: names that look like UTF-8 text read as Windows-1252 (or Latin-1) and saved again (mojibake): {}; they "
                + "are not the names the source wrote, so they match no other file's (a model trained on them refuses the clean "
                + "files, and a group or label garbled in some rows only splits in two). A file joined from files of different "
                + "encodings (cat) and then converted as a whole, e.g. iconv -f windows-1252 -t utf-8, garbles its parts that were "
                + "UTF-8: convert each source file from its own encoding before joining them (a file that was UTF-8 already must "
                + "not go through iconv), or repair the values (Python: s.encode('cp1252').decode('utf-8'))", file,
                String.join("; ", parts));
    }

    /** {@code column: 2 of 20 values, e.g. 'Ã©' is 'é' read as Windows-1252, ...}, when some are garbled. */
    private static java.util.Optional<String> part(String column, Collection<String> values) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(values);
        distinct.remove(null);
        List<String> garbled = distinct.stream().filter(Mojibake::isGarbled).toList();
        if (garbled.isEmpty()) {
            return java.util.Optional.empty();
        }
        // a value garbled in the rows of one source only: one station or class under two names
        List<String> twice = garbled.stream().filter(g -> distinct.contains(Mojibake.repaired(g).orElse(null))).toList();
        return java.util.Optional.of(column + ": " + garbled.size() + " of " + distinct.size() + (column.startsWith("column names")
                ? "" : " values") + ", e.g. " + String.join(", ", garbled.stream().limit(SHOWN).map(Mojibake::shown).toList())
                + (garbled.size() > SHOWN ? ", ..." : "") + (twice.isEmpty() ? "" : " (" + twice.size() + " of them beside their "
                + "repaired form in the same column, e.g. '" + twice.get(0) + "' and '" + Mojibake.repaired(twice.get(0)).orElse("")
                + "': one value under two names)"));
    }
}
