package org.rnnlab.datasets.csv;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.Split;

/**
 * A training run's {@value #FILE}: each CSV sequence's id and the split it was in ({@code id,split}, splits
 * {@code train}, {@code validation}, {@code test}). Written beside the model, so that {@code evaluate} can say when it
 * is given sequences the model trained or was selected on, and a user can leave them out.
 */
public final class SplitIdsFile {
    /** The file's name in a run folder. */
    public static final String FILE = "splits.csv";

    private SplitIdsFile() {
    }

    /** The file's text for the ids of each split (train, validation, test order). */
    public static String text(Map<Split, List<String>> ids) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
            p.printRecord("id", "split");
            for (Split s : Split.values()) {
                for (String id : ids.getOrDefault(s, List.of())) {
                    p.printRecord(id, s.name().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Each id's split, read from a {@value #FILE} (an id listed in several splits: the last). */
    public static Map<String, Split> read(Path file) {
        Map<String, Split> out = new LinkedHashMap<>();
        splitsOf(file).forEach((id, splits) -> out.put(id, splits.get(splits.size() - 1)));
        return out;
    }

    /**
     * Every split each id is listed in, in file order: more than one where the run's files reused an id (a training and
     * a test file both numbering their sequences from 0), which training warns of.
     */
    public static Map<String, List<Split>> splitsOf(Path file) {
        Map<String, List<Split>> out = new LinkedHashMap<>();
        try {
            String text = Files.readString(file);
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new java.io.StringReader(text))) {
                if (r.size() != 2) {
                    throw new DatasetFormatException(file, r.getRecordNumber() + 1, r.size() + " fields (expected id,split)");
                }
                try {
                    Split split = Split.valueOf(r.get(1).toUpperCase(Locale.ROOT));
                    List<Split> splits = out.computeIfAbsent(r.get(0), k -> new java.util.ArrayList<>());
                    if (!splits.contains(split)) {
                        splits.add(split);
                    }
                } catch (IllegalArgumentException e) {
                    throw new DatasetFormatException(file, r.getRecordNumber() + 1, "split '" + r.get(1)
                            + "' (expected train, validation or test)");
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DatasetFormatException(file, "unreadable " + FILE + ": " + e.getMessage());
        }
        return out;
    }
}
