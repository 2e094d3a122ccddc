package org.rnnlab.datasets.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.FileChecksums;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.StratifiedSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' own numeric sequences from CSV, parsed with DataVec's CSV reader, in one of two layouts:
 * <ul>
 *   <li>{@link #fromFolder folder}: one CSV file per sequence (rows = time steps, optional header),
 *       plus a labels file with a header naming the columns {@code file} and {@code label}, and
 *       optionally {@code split} ({@code train}, {@code validation} or {@code test}); {@code file} is
 *       relative to the folder. Every {@code .csv} file of the folder other than the labels file
 *       must be listed, and every listed file must exist.</li>
 *   <li>{@link #fromLongCsv long format}: one file, one row per time step:
 *       {@code sequence_id,time,feature...,label}; rows of a sequence in increasing time (they need
 *       not be contiguous); the label (and split, if any) the same on all rows of a sequence.</li>
 * </ul>
 * Sequences may differ in length (the batch iterator masks the padding). Values must be finite
 * numbers. Label names are the sorted distinct labels unless given. Splits are stratified by seed
 * unless a split column gives them. Every problem raises a {@link DatasetFormatException} naming
 * file and line before any dataset exists.
 */
public final class CsvSequenceDataset {
    private static final Logger LOG = LoggerFactory.getLogger(CsvSequenceDataset.class);

    /** Dataset name. */
    public static final String NAME = "csv";
    /** Default name of the folder layout's labels file. */
    public static final String LABELS_FILE = "labels.csv";

    private CsvSequenceDataset() {
    }

    /** One sequence before labels are indexed. */
    private record Raw(String id, float[][] values, String label, Split split, Path file, long line) {
    }

    /** The folder layout with its {@value #LABELS_FILE}. */
    public static InMemorySequenceDataset fromFolder(Path folder, CsvOptions options) {
        return fromFolder(folder, folder.resolve(LABELS_FILE), options);
    }

    /**
     * The folder layout.
     *
     * @param folder     folder of the sequence files
     * @param labelsFile CSV with header {@code file,label[,split]}
     * @param options    reading options ({@code label}, {@code sequenceId}, {@code time} are not used)
     */
    public static InMemorySequenceDataset fromFolder(Path folder, Path labelsFile, CsvOptions options) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetFormatException(folder, "folder not found (expected a folder of one CSV file per sequence)");
        }
        CsvTable labels = CsvTable.read(labelsFile, options.delimiter(), true);
        int fileCol = Column.named("file").resolve(labels.header(), labels.width(), labelsFile);
        int labelCol = Column.named("label").resolve(labels.header(), labels.width(), labelsFile);
        int splitCol = labels.header().contains("split") ? labels.header().indexOf("split") : -1;

        List<Raw> raws = new ArrayList<>();
        List<DatasetProvenance.FileChecksum> checksums = new ArrayList<>();
        checksums.add(FileChecksums.of(labelsFile));
        List<String> featureNames = null;
        TreeSet<String> listed = new TreeSet<>();
        for (int r = 0; r < labels.rows().size(); r++) {
            String[] row = labels.rows().get(r);
            long line = labels.lines().get(r);
            String name = row[fileCol];
            if (!listed.add(name)) {
                throw new DatasetFormatException(labelsFile, line, "file '" + name + "' is listed twice (expected each sequence file once)");
            }
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new DatasetFormatException(labelsFile, line, "listed file '" + name + "' not found in " + folder
                        + " (expected one CSV file per listed sequence)");
            }
            CsvTable table = CsvTable.read(file, options.delimiter(), options.header());
            int[] cols = featureColumns(table, options.features(), List.of());
            List<String> names = names(table, cols);
            if (featureNames == null) {
                featureNames = names;
            } else if (!featureNames.equals(names)) {
                throw new DatasetFormatException(file, cols.length + " feature columns " + names + " (expected "
                        + featureNames.size() + " columns " + featureNames + " as in the first listed file)");
            }
            float[][] values = new float[table.rows().size()][cols.length];
            for (int t = 0; t < values.length; t++) {
                for (int f = 0; f < cols.length; f++) {
                    values[t][f] = (float) table.number(t, cols[f]);
                }
            }
            Split split = splitCol < 0 ? null : parseSplit(row[splitCol], labelsFile, line);
            raws.add(new Raw(name, values, requireLabel(row[labelCol], labelsFile, line), split, labelsFile, line));
            checksums.add(FileChecksums.of(file));
        }
        List<String> unlisted = unlistedCsvFiles(folder, labelsFile, listed);
        if (!unlisted.isEmpty()) {
            throw new DatasetFormatException(labelsFile, unlisted.size() + " CSV file(s) of " + folder + " are not listed, e.g. "
                    + unlisted.get(0) + " (expected every sequence file to have a label)");
        }
        Map<String, String> params = options.asParameters();
        params.put("layout", "folder");
        return assemble(folder.toString(), raws, featureNames, options, splitCol >= 0, params, checksums);
    }

    /**
     * The long format: one row per time step, {@code sequence_id,time,feature...,label}.
     */
    public static InMemorySequenceDataset fromLongCsv(Path file, CsvOptions options) {
        CsvTable table = CsvTable.read(file, options.delimiter(), options.header());
        int idCol = options.sequenceId().resolve(table.header(), table.width(), file);
        int labelCol = options.label().resolve(table.header(), table.width(), file);
        int timeCol = options.time() == null ? -1 : options.time().resolve(table.header(), table.width(), file);
        int splitCol = options.split() == null ? -1 : options.split().resolve(table.header(), table.width(), file);
        List<Integer> reserved = new ArrayList<>(List.of(idCol, labelCol));
        if (timeCol >= 0) {
            reserved.add(timeCol);
        }
        if (splitCol >= 0) {
            reserved.add(splitCol);
        }
        int[] cols = featureColumns(table, options.features(), reserved);

        Map<String, List<Integer>> rowsById = new LinkedHashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            String id = table.rows().get(r)[idCol];
            if (id.isEmpty()) {
                throw new DatasetFormatException(file, table.lines().get(r), "empty sequence id (expected an id in column "
                        + table.columnName(idCol) + ")");
            }
            rowsById.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        List<Raw> raws = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rowsById.entrySet()) {
            List<Integer> rows = e.getValue();
            int first = rows.get(0);
            long firstLine = table.lines().get(first);
            String label = requireLabel(table.rows().get(first)[labelCol], file, firstLine);
            String splitName = splitCol < 0 ? null : table.rows().get(first)[splitCol];
            float[][] values = new float[rows.size()][cols.length];
            double previousTime = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < rows.size(); t++) {
                int r = rows.get(t);
                long line = table.lines().get(r);
                String[] row = table.rows().get(r);
                if (!row[labelCol].equals(label)) {
                    throw new DatasetFormatException(file, line, "sequence '" + e.getKey() + "' has label '" + row[labelCol]
                            + "' (expected '" + label + "' as on its first row, line " + firstLine + ")");
                }
                if (splitCol >= 0 && !row[splitCol].equals(splitName)) {
                    throw new DatasetFormatException(file, line, "sequence '" + e.getKey() + "' has split '" + row[splitCol]
                            + "' (expected '" + splitName + "' as on its first row, line " + firstLine + ")");
                }
                if (timeCol >= 0) {
                    double time = table.number(r, timeCol);
                    if (time <= previousTime) {
                        throw new DatasetFormatException(file, line, "time " + row[timeCol] + " of sequence '" + e.getKey()
                                + "' does not increase (expected rows sorted by time within a sequence)");
                    }
                    previousTime = time;
                }
                for (int f = 0; f < cols.length; f++) {
                    values[t][f] = (float) table.number(r, cols[f]);
                }
            }
            Split split = splitCol < 0 ? null : parseSplit(splitName, file, firstLine);
            raws.add(new Raw(e.getKey(), values, label, split, file, firstLine));
        }
        Map<String, String> params = options.asParameters();
        params.put("layout", "long");
        params.put("sequenceId", options.sequenceId().toString());
        params.put("time", String.valueOf(options.time()));
        params.put("label", options.label().toString());
        return assemble(file.toString(), raws, names(table, cols), options, splitCol >= 0, params, List.of(FileChecksums.of(file)));
    }

    private static InMemorySequenceDataset assemble(String source, List<Raw> raws, List<String> featureNames, CsvOptions options,
                                                    boolean explicitSplit, Map<String, String> params,
                                                    List<DatasetProvenance.FileChecksum> checksums) {
        List<String> labelNames = options.labelNames().isEmpty()
                ? List.copyOf(new TreeSet<>(raws.stream().map(Raw::label).toList())) : options.labelNames();
        List<Sequence> sequences = new ArrayList<>();
        for (Raw raw : raws) {
            int label = labelNames.indexOf(raw.label());
            if (label < 0) {
                throw new DatasetFormatException(raw.file(), raw.line(), "label '" + raw.label() + "' of sequence '" + raw.id()
                        + "' (expected one of " + labelNames + ")");
            }
            sequences.add(new Sequence(raw.values(), label));
        }
        if (labelNames.size() < 2) {
            throw new DatasetFormatException(raws.get(0).file(), "only the label(s) " + labelNames
                    + " occur (expected at least 2 distinct labels, or give the label names)");
        }
        StratifiedSplitter.Parts<Sequence> parts;
        if (explicitSplit) {
            Map<Split, List<Sequence>> bySplit = new LinkedHashMap<>();
            for (Split s : Split.values()) {
                bySplit.put(s, new ArrayList<>());
            }
            for (int i = 0; i < raws.size(); i++) {
                bySplit.get(raws.get(i).split()).add(sequences.get(i));
            }
            StratifiedSplitter shuffler = new StratifiedSplitter(0, 0, options.seed());
            parts = new StratifiedSplitter.Parts<>(shuffler.split(bySplit.get(Split.TRAIN), Sequence::label).train(),
                    shuffler.split(bySplit.get(Split.VALIDATION), Sequence::label).train(),
                    shuffler.split(bySplit.get(Split.TEST), Sequence::label).train());
        } else {
            parts = new StratifiedSplitter(options.validationFraction(), options.testFraction(), options.seed())
                    .split(sequences, Sequence::label);
        }
        int maxLength = sequences.stream().mapToInt(Sequence::length).max().orElse(1);
        DatasetProvenance provenance = new DatasetProvenance(NAME, source, params, checksums, options.seed());
        LOG.info("csv {}: {} sequences ({} / {} / {}), {} features, lengths up to {}, labels {}", source, sequences.size(),
                parts.train().size(), parts.validation().size(), parts.test().size(), featureNames.size(), maxLength, labelNames);
        return new InMemorySequenceDataset(NAME, InputDescription.dense(featureNames, maxLength), labelNames,
                new SequenceSet(parts.train()), new SequenceSet(parts.validation()), new SequenceSet(parts.test()), provenance);
    }

    private static int[] featureColumns(CsvTable table, List<Column> chosen, List<Integer> reserved) {
        int[] cols;
        if (chosen.isEmpty()) {
            cols = java.util.stream.IntStream.range(0, table.width()).filter(i -> !reserved.contains(i)).toArray();
        } else {
            cols = chosen.stream().mapToInt(c -> c.resolve(table.header(), table.width(), table.file())).toArray();
        }
        if (cols.length == 0) {
            throw new DatasetFormatException(table.file(), "no feature columns (expected at least one numeric column besides "
                    + "the id, time, label and split columns)");
        }
        return cols;
    }

    private static List<String> names(CsvTable table, int[] cols) {
        List<String> names = new ArrayList<>();
        for (int c : cols) {
            names.add(table.header() != null ? table.header().get(c) : "column" + c);
        }
        return names;
    }

    private static String requireLabel(String label, Path file, long line) {
        if (label.isEmpty()) {
            throw new DatasetFormatException(file, line, "empty label (expected a label on every sequence)");
        }
        return label;
    }

    private static Split parseSplit(String value, Path file, long line) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "train" -> Split.TRAIN;
            case "validation" -> Split.VALIDATION;
            case "test" -> Split.TEST;
            default -> throw new DatasetFormatException(file, line, "split '" + value + "' (expected train, validation or test)");
        };
    }

    private static List<String> unlistedCsvFiles(Path folder, Path labelsFile, java.util.Set<String> listed) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .filter(p -> !p.toAbsolutePath().normalize().equals(labelsFile.toAbsolutePath().normalize()))
                    .map(p -> folder.relativize(p).toString())
                    .filter(name -> !listed.contains(name))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
    }
}
