package org.rnnlab.datasets.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.FileChecksums;
import org.rnnlab.datasets.LabelCheck;

/**
 * A label map ({@code --set labelMap=FILE}, {@code evaluate --label-map FILE}): a UTF-8 CSV file with the header
 * {@code from,to} ({@code from;to} or tab-separated too; in a training run's declared encoding when it is not UTF-8) whose every row reads the label {@code from} as {@code to}, so that spellings are merged without a
 * script (a chemist's new batch spelt {@code LDPE} where training said {@code PE-LD}; students wrote {@code lying down}
 * and {@code lying}, {@code walk} and {@code walking}). Labels are compared with surrounding spaces stripped.
 *
 * <p>Refused, naming the file and line: a header other than {@code from,to}, an empty cell, a {@code from} given twice,
 * and a {@code from} that is another row's {@code to} (a chain {@code A->B}, {@code B->C}: written {@code A->C}, every
 * {@code to} is a final label, so mapping a mapped label again changes nothing). The map counts the sequences it
 * relabels per row, for the output, and names rows whose {@code from} occurs in no data read.
 *
 * <p>A training run's map is stored with the model's data layout ({@link CsvSchema#labelMap}), so that evaluate and predict
 * read the labels of new files through it too.
 *
 * @param file    the file as given, or null for a map read back from a model
 * @param sha256  the file's SHA-256, or null
 * @param mapping each {@code from} and its {@code to}, in the file's order
 */
public record LabelMap(String file, String sha256, Map<String, String> mapping) {

    /** The {@code --set} setting that names a label map file. */
    public static final String SETTING = "labelMap";

    /** The map applied to labels as CSV files are read on this thread ({@link #applying}); null for none. */
    private static final ThreadLocal<LabelMap> CURRENT = new ThreadLocal<>();

    /** Sequences relabelled on this thread, per {@code from}, since the current map was set. */
    private static final ThreadLocal<Map<String, Long>> COUNTS = new ThreadLocal<>();

    public LabelMap {
        mapping = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }

    /**
     * The line of a file's first byte that is not UTF-8, as {@link org.rnnlab.datasets.TextFiles#readUtf8} names it for data
     * files (1 when it names none): read again only on that error path.
     */
    private static long utf8ErrorLine(Path file) {
        try {
            org.rnnlab.datasets.TextFiles.readUtf8(file, "a CSV file with the header from,to");
        } catch (DatasetFormatException bad) {
            return bad.line() == DatasetFormatException.NO_LINE ? 1 : bad.line();
        }
        return 1;
    }

    /**
     * Reads and checks a label map file.
     *
     * @throws DatasetFormatException naming the file and line of what is wrong
     */
    public static LabelMap read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DatasetFormatException.wrongPath(file, "label map file not found (expected a CSV file with the header from,to)");
        }
        String text;
        org.rnnlab.datasets.FileEncoding declared = org.rnnlab.datasets.FileEncoding.declared();
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            if (declared != null && !declared.charset().equals(StandardCharsets.UTF_8)) {
                // in the run's declared encoding, as its data files are (trial 81a F7: an Excel-saved map on Windows, in the
                // Windows-1252 the data were declared in, was refused)
                try {
                    text = declared.charset().newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
                } catch (IOException notThatEither) {
                    throw new DatasetFormatException(file, utf8ErrorLine(file), "the label map is neither UTF-8 text nor "
                            + declared.charset().name() + " (" + declared.setting() + ", the data's encoding): expected a CSV file "
                            + "with the header from,to in one of them");
                }
            } else {
                // the line and the way out (a Spark trial's map saved in Windows-1252 got neither, where data files get both);
                // the path as given, quoted for the shell, so that the line runs as printed (trial 81a F7)
                throw new DatasetFormatException(file, utf8ErrorLine(file), "the label map is not UTF-8 text (expected a UTF-8 CSV "
                        + "file with the header from,to; one saved by Excel on Windows is Windows-1252: declare it with the data's "
                        + "--set encoding=windows-1252, or convert it with iconv -f windows-1252 -t utf-8 "
                        + org.rnnlab.datasets.TextFiles.shellWord(file.toString()) + " > "
                        + org.rnnlab.datasets.TextFiles.shellWord(CsvSequenceDataset.withSuffix(file, "-utf8")) + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, Long> fromLine = new LinkedHashMap<>();
        Map<String, Long> toLine = new LinkedHashMap<>();
        // ';' or a tab when the header says so: Excel in German, French, ... saves CSV with ';' (trial 81a F7: 'from;to' was
        // refused, not said to be ';'-separated)
        String first = text.lines().findFirst().orElse("").strip();
        char delimiter = first.matches("from\\s*;\\s*to") ? ';' : first.matches("from\\s*\t\\s*to") ? '\t' : ',';
        try (Reader in = new StringReader(text); CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).build()
                .parse(in)) {
            boolean header = true;
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                if (header) {
                    header = false;
                    List<String> cells = r.stream().map(String::strip).toList();
                    if (!cells.equals(List.of("from", "to"))) {
                        throw new DatasetFormatException(file, line, "the header is " + String.join(",", cells)
                                + " (expected from,to: each row's label 'from' is read as 'to')");
                    }
                    continue;
                }
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue; // an empty line
                }
                if (r.size() != 2) {
                    throw new DatasetFormatException(file, line, "a row of " + r.size() + " cells (expected 2: from,to)");
                }
                String from = r.get(0).strip();
                String to = r.get(1).strip();
                if (from.isEmpty() || to.isEmpty()) {
                    throw new DatasetFormatException(file, line, "an empty " + (from.isEmpty() ? "'from'" : "'to'")
                            + " cell (expected a label in both cells: from,to)");
                }
                if (fromLine.containsKey(from)) {
                    throw new DatasetFormatException(file, line, "label " + LabelCheck.quoted(from) + " is mapped again, after line "
                            + fromLine.get(from) + " (expected each 'from' once)");
                }
                if (!from.equals(to) && toLine.containsKey(from)) {
                    throw chain(file, line, from, to, previousFrom(mapping, from), toLine.get(from));
                }
                if (!from.equals(to) && fromLine.containsKey(to) && !mapping.get(to).equals(to)) {
                    throw chain(file, fromLine.get(to), to, mapping.get(to), from, line);
                }
                fromLine.put(from, line);
                toLine.putIfAbsent(to, line);
                mapping.put(from, to);
            }
            if (header) {
                throw new DatasetFormatException(file, "the label map is empty (expected the header from,to and a row per label to read as another)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        } catch (IllegalStateException | UncheckedIOException e) {
            if (e.getCause() instanceof IOException io) {
                throw new DatasetFormatException(file, "not a readable CSV file: " + io.getMessage() + " (expected the header from,to)");
            }
            throw e;
        }
        return new LabelMap(file.toString(), FileChecksums.of(file).sha256(), mapping);
    }

    private static String previousFrom(Map<String, String> mapping, String to) {
        return mapping.entrySet().stream().filter(e -> e.getValue().equals(to)).map(Map.Entry::getKey).findFirst().orElse("?");
    }

    /** {@code a -> b} at {@code lineB} continues {@code first -> a} at {@code lineFirst}. */
    private static DatasetFormatException chain(Path file, long line, String a, String b, String first, long lineFirst) {
        return new DatasetFormatException(file, line, "a chain: line " + lineFirst + " maps " + LabelCheck.quoted(first) + " to "
                + LabelCheck.quoted(a) + " and line " + line + " maps " + LabelCheck.quoted(a) + " to " + LabelCheck.quoted(b)
                + " (expected every 'to' to be a final label: map " + LabelCheck.quoted(first) + " to " + LabelCheck.quoted(b) + " directly)");
    }

    /** The label {@code label} is read as (stripped of surrounding spaces when mapped); itself when not mapped. */
    public String apply(String label) {
        if (label == null) {
            return null;
        }
        String to = mapping.get(label.strip());
        return to == null ? label : to;
    }

    /**
     * Runs {@code body} with {@code map} applied to the labels of the CSV files it reads on this thread (null: none), then
     * restores the map in force before.
     */
    public static <T> T applying(LabelMap map, Supplier<T> body) {
        LabelMap before = CURRENT.get();
        Map<String, Long> counts = COUNTS.get();
        CURRENT.set(map);
        COUNTS.set(new LinkedHashMap<>());
        try {
            return body.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
            if (counts == null) {
                COUNTS.remove();
            } else {
                COUNTS.set(counts);
            }
        }
    }

    /** The map in force on this thread ({@link #applying}), or null. */
    public static LabelMap current() {
        return CURRENT.get();
    }

    /** The map in force on this thread, then {@code stored} (a model's): each applied in turn; null when neither is. */
    static LabelMap currentThen(LabelMap stored) {
        LabelMap given = CURRENT.get();
        if (given == null || stored == null || given.equals(stored)) {
            return given == null ? stored : given;
        }
        Map<String, String> both = new LinkedHashMap<>();
        given.mapping().forEach((from, to) -> both.put(from, stored.apply(to)));
        stored.mapping().forEach(both::putIfAbsent);
        return new LabelMap(given.file(), given.sha256(), both);
    }

    /**
     * The sequences with their labels read through {@code map} (null: unchanged), counting per {@code from} on this thread
     * those whose label it changed; the same list when it changed none.
     */
    static List<CsvSequence> relabel(List<CsvSequence> read, LabelMap map) {
        if (map == null || map.mapping().isEmpty() || read == null) {
            return read;
        }
        List<CsvSequence> out = new ArrayList<>(read.size());
        boolean changed = false;
        Map<String, Long> counts = COUNTS.get();
        for (CsvSequence c : read) {
            String to = map.apply(c.label());
            if (c.label() == null || to.equals(c.label())) {
                out.add(c);
                continue;
            }
            changed = true;
            if (counts != null) {
                counts.merge(c.label().strip(), 1L, Long::sum);
            }
            out.add(new CsvSequence(c.id(), c.values(), to, c.split(), c.group(), c.file(), c.line(), c.start(), c.times()));
        }
        return changed ? out : read;
    }

    /** Sequences relabelled on this thread since {@link #applying} began, per {@code from} (in the order first met). */
    public static Map<String, Long> relabelled() {
        Map<String, Long> counts = COUNTS.get();
        return counts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts)); // Map.copyOf's order is salted
    }

    /**
     * What the map did to the data read: one line, {@code label map m.csv: 32 sequences relabelled: 'LDPE' read as 'PE-LD' in 32 sequences}, and a warning of
     * the rows whose {@code from} occurred in none of them (a misspelt map, or data without that spelling); empty without a
     * map.
     *
     * @param counts sequences relabelled per {@code from} ({@link #relabelled})
     * @return the line, and a warning (if any) and starting with {@code warning: }
     */
    public List<String> report(Map<String, Long> counts) {
        List<String> out = new ArrayList<>();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "label map %s: %d sequence%s relabelled", file == null ? "of the model" : file,
                total, total == 1 ? "" : "s"));
        List<String> unused = new ArrayList<>();
        String sep = ": ";
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            long n = counts.getOrDefault(e.getKey(), 0L);
            if (n == 0) {
                if (!e.getKey().equals(e.getValue())) {
                    unused.add(LabelCheck.quoted(e.getKey()));
                }
                continue;
            }
            sb.append(sep).append(LabelCheck.quoted(e.getKey())).append(" read as ").append(LabelCheck.quoted(e.getValue())).append(" in ")
                    .append(n).append(n == 1 ? " sequence" : " sequences");
            sep = ", ";
        }
        out.add(sb.toString());
        if (!unused.isEmpty()) {
            out.add("warning: label map " + (file == null ? "of the model" : file) + ": the label" + (unused.size() == 1 ? " " : "s ")
                    + String.join(", ", unused) + (unused.size() == 1 ? " occurs" : " occur") + " in none of the data read, so "
                    + (unused.size() == 1 ? "its row does" : "their rows do") + " nothing (a spelling of the map's own, or data without it)");
        }
        return out;
    }
}
