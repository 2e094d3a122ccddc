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
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.Split;

/**
 * A training run's {@value #FILE}: each CSV sequence's id, the split it was in and the fingerprint of its values
 * ({@code id,split,fingerprint}, splits {@code train}, {@code validation}, {@code test}; runs before the fingerprints
 * wrote {@code id,split}). Written beside the model, so that {@code evaluate} can say when it is given sequences the
 * model trained or was selected on, and a user can leave them out: by content, so that a new recording under a reused
 * file name is not taken for a training one and a training recording under a new name is.
 */
public final class SplitIdsFile {
    /** The file's name in a run folder. */
    public static final String FILE = "splits.csv";

    private SplitIdsFile() {
    }

    /** How a text's fingerprint ({@link #fingerprint}) starts in the file, where a CSV sequence has its id. */
    public static final String FINGERPRINT = "sha256:";

    /**
     * A text model's stand-in for ids: the fingerprint of each example of each split as the model reads it (its token ids,
     * after the vocabulary and the length limit), so that {@code evaluate} can tell texts the model trained on.
     */
    public static Map<Split, List<String>> fingerprints(org.rnnlab.datasets.SequenceDataset data) {
        Map<Split, List<String>> out = new java.util.EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            out.put(s, data.split(s).examples().stream().map(e -> fingerprint(e.values())).toList());
        }
        return out;
    }

    /**
     * How a whole text's fingerprint ({@link #textFingerprint}) starts in the file: runs since evaluate matched texts by the
     * whole text recorded these; earlier runs recorded {@value #FINGERPRINT} of the token ids as the model read them (after
     * truncation to the maximum length, so that different e-mails ending in the same signature matched).
     */
    public static final String TEXT_FINGERPRINT = "text-sha256:";

    /**
     * A text's stand-in for an id: {@value #TEXT_FINGERPRINT} and the first 16 hex digits of the SHA-256 of all its tokens
     * (the tokenizer's, before the vocabulary and the length limit), so that two texts match when they are the same text
     * (up to case or spacing, as the tokenizer reads them), as train's check of test texts in the training file matches them.
     */
    public static String textFingerprint(List<String> tokens) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String t : tokens) {
                sha.update(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0); // a token's end: "ab c" is not "a bc"
            }
            return TEXT_FINGERPRINT + java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@value #FINGERPRINT} and the first 16 hex digits of the SHA-256 of the values' float bits, step by step. */
    public static String fingerprint(float[][] values) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4);
            for (float[] step : values) {
                for (float v : step) {
                    sha.update(b.clear().putFloat(v).array());
                }
                sha.update((byte) 0x1e); // a step's end: [1, 2][3] is not [1][2, 3]
            }
            return FINGERPRINT + java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The run folder's file of the groups (--set group) each split held: {@code group,split}, one line per pair. */
    public static final String GROUPS_FILE = "split-groups.csv";

    /** {@value #GROUPS_FILE}'s text: each group of each split once (train, validation, test order; groups sorted). */
    public static String groupsText(Map<Split, List<String>> groups) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
            p.printRecord("group", "split");
            for (Split s : Split.values()) {
                for (String g : new java.util.TreeSet<>(groups.getOrDefault(s, List.of()))) {
                    p.printRecord(g, s.name().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The splits each group of a {@value #GROUPS_FILE} was in. */
    public static Map<String, List<Split>> groupsOf(Path file) {
        return splitsOf(file);
    }

    /** The file's text for the ids of each split (train, validation, test order). */
    public static String text(Map<Split, List<String>> ids) {
        return text(ids, Map.of());
    }

    /**
     * The file's text for the ids of each split and, when {@code fingerprints} is not empty, the {@link #fingerprint}
     * of each sequence (aligned with the ids) in a third column {@code fingerprint}.
     */
    public static String text(Map<Split, List<String>> ids, Map<Split, List<String>> fingerprints) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
            if (fingerprints.isEmpty()) {
                p.printRecord("id", "split");
            } else {
                p.printRecord("id", "split", "fingerprint");
            }
            for (Split s : Split.values()) {
                List<String> list = ids.getOrDefault(s, List.of());
                for (int i = 0; i < list.size(); i++) {
                    if (fingerprints.isEmpty()) {
                        p.printRecord(list.get(i), s.name().toLowerCase(Locale.ROOT));
                    } else {
                        p.printRecord(list.get(i), s.name().toLowerCase(Locale.ROOT), fingerprints.get(s).get(i));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One line of a {@value #FILE}: a sequence's id, its split and its fingerprint (null in files written before them). */
    public record Entry(String id, Split split, String fingerprint) {
    }

    /** The lines of a {@value #FILE} in file order. */
    public static List<Entry> entries(Path file) {
        List<Entry> out = new java.util.ArrayList<>();
        read(file, (r, split) -> out.add(new Entry(r.get(0), split, r.size() > 2 ? r.get(2) : null)));
        return out;
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
        read(file, (r, split) -> {
            List<Split> splits = out.computeIfAbsent(r.get(0), k -> new java.util.ArrayList<>());
            if (!splits.contains(split)) {
                splits.add(split);
            }
        });
        return out;
    }

    private static void read(Path file, java.util.function.BiConsumer<CSVRecord, Split> line) {
        try {
            String text = Files.readString(file);
            CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new java.io.StringReader(text));
            int fields = parser.getHeaderNames().size() == 3 ? 3 : 2;
            for (CSVRecord r : parser) {
                if (r.size() != fields) {
                    throw new DatasetFormatException(file, r.getRecordNumber() + 1, r.size() + " fields (expected " + (fields == 3
                            ? "id,split,fingerprint" : "id,split, or group,split in " + GROUPS_FILE) + ")");
                }
                Split split;
                try {
                    split = Split.valueOf(r.get(1).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new DatasetFormatException(file, r.getRecordNumber() + 1, "split '" + r.get(1)
                            + "' (expected train, validation or test)");
                }
                line.accept(r, split);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DatasetFormatException(file, "unreadable " + FILE + ": " + e.getMessage());
        }
    }
}
