package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.har.UciHar;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.SequenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab predict}: a saved model on new sequences or text, CSV on standard output. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies new data with a saved model and writes CSV to standard output: id, predicted label, and one "
                + "probability column per label.",
                "Input formats: text = one text per line (blank lines skipped; id = line number); csv = a folder with one CSV file "
                        + "per sequence (rows = time steps, optional header; id = file name) or one long-format CSV file "
                        + "(sequence_id,feature...; optional header; rows of a sequence in time order); har = a UCI HAR folder "
                        + "(its test windows; id = window index)."})
public final class PredictCommand implements Callable<Integer> {

    /** Input formats. */
    enum Format { text, csv, har }

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model bundle (model.rnnlab).")
    Path model;

    @Option(names = "--input", paramLabel = "PATH", required = true, description = "File or folder to classify.")
    Path input;

    @Option(names = "--format", description = "Input format: ${COMPLETION-CANDIDATES} (default: text for text models, csv otherwise).")
    Format format;

    @Override
    public Integer call() throws IOException {
        runtime.apply();
        SequenceClassifier classifier = ModelBundle.load(model);
        Format f = format != null ? format : classifier.readsText() ? Format.text : Format.csv;
        Map<String, float[][]> sequences = new LinkedHashMap<>();
        List<SequenceClassifier.Prediction> predictions;
        List<String> ids = new ArrayList<>();
        if (f == Format.text) {
            List<String> texts = new ArrayList<>();
            List<String> lines = readLines(input);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    ids.add(String.valueOf(i + 1));
                    texts.add(lines.get(i));
                }
            }
            predictions = classifier.predictTexts(texts);
        } else {
            if (f == Format.har) {
                SequenceDataset har = UciHar.load(input);
                List<Sequence> windows = har.split(Split.TEST).examples();
                for (int i = 0; i < windows.size(); i++) {
                    sequences.put(String.valueOf(i), windows.get(i).values());
                }
            } else if (Files.isDirectory(input)) {
                readCsvFolder(input, sequences);
            } else {
                readLongCsv(input, sequences);
            }
            ids.addAll(sequences.keySet());
            predictions = classifier.predict(new ArrayList<>(sequences.values()));
        }
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder header = new StringBuilder("id,label");
        for (String l : classifier.labelNames()) {
            header.append(",p_").append(l);
        }
        out.println(header);
        for (int i = 0; i < predictions.size(); i++) {
            StringBuilder row = new StringBuilder(csv(ids.get(i))).append(',').append(csv(predictions.get(i).label()));
            for (double p : predictions.get(i).probabilities()) {
                row.append(',').append(String.format(Locale.ROOT, "%.6f", p));
            }
            out.println(row);
        }
        out.flush();
        return 0;
    }

    private static List<String> readLines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file, "no such file (expected one text per line)");
        }
        String all = Files.readString(file, StandardCharsets.UTF_8);
        return List.of(all.split("\n", -1)).stream().map(s -> s.endsWith("\r") ? s.substring(0, s.length() - 1) : s).toList();
    }

    private static void readCsvFolder(Path dir, Map<String, float[][]> out) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new DatasetFormatException(dir, "no .csv files in the folder (expected one CSV file per sequence)");
        }
        for (Path f : files) {
            List<float[]> rows = new ArrayList<>();
            List<String> lines = readLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank() || (i == 0 && !numeric(lines.get(i).split(",")[0]))) {
                    continue;
                }
                rows.add(parse(f, i + 1, lines.get(i).split(",")));
            }
            if (rows.isEmpty()) {
                throw new DatasetFormatException(f, "no time steps (expected one row of numbers per step)");
            }
            out.put(f.getFileName().toString().replaceFirst("\\.csv$", ""), rows.toArray(float[][]::new));
        }
    }

    private static void readLongCsv(Path file, Map<String, float[][]> out) throws IOException {
        Map<String, List<float[]>> seqs = new LinkedHashMap<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (i == 0 && cells.length > 1 && !numeric(cells[1])) {
                continue; // header
            }
            if (cells.length < 2) {
                throw new DatasetFormatException(file, i + 1, "expected sequence_id followed by at least one feature, got '" + line + "'");
            }
            String[] features = java.util.Arrays.copyOfRange(cells, 1, cells.length);
            seqs.computeIfAbsent(cells[0].trim(), k -> new ArrayList<>()).add(parse(file, i + 1, features));
        }
        if (seqs.isEmpty()) {
            throw new DatasetFormatException(file, "no rows (expected sequence_id,feature... per time step)");
        }
        seqs.forEach((id, rows) -> out.put(id, rows.toArray(float[][]::new)));
    }

    private static float[] parse(Path file, long line, String[] cells) {
        float[] v = new float[cells.length];
        for (int j = 0; j < cells.length; j++) {
            try {
                v[j] = Float.parseFloat(cells[j].trim());
            } catch (NumberFormatException e) {
                throw new DatasetFormatException(file, line, "column " + (j + 1) + ": '" + cells[j].trim() + "' is not a number");
            }
        }
        return v;
    }

    private static boolean numeric(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
