package org.rnnlab.evaluation.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.TextFiles;

/**
 * Weights of the classes in the cross-entropy loss ({@code --class-weights}), in the data's label order: "balanced"
 * from the training split's counts, or read from a user's file.
 */
public final class ClassWeights {

    private ClassWeights() {
    }

    /**
     * {@code w_c = n / (k n_c)}: the weights that make every class count as much in the loss as the others (the
     * "balanced" heuristic of King and Zeng 2001, "Logistic Regression in Rare Events Data", Political Analysis 9(2);
     * scikit-learn's {@code class_weight="balanced"}). A class without training examples is refused: it cannot be
     * learned, and its weight would be infinite.
     */
    public static List<Double> balanced(SequenceDataset data) {
        List<String> labels = data.labelNames();
        int k = labels.size();
        int[] counts = data.split(Split.TRAIN).classCounts(k);
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        List<Double> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("balanced class weights: class '" + labels.get(c)
                        + "' has no training examples");
            }
            out.add((double) n / ((double) k * counts[c]));
        }
        return out;
    }

    /**
     * Reads one weight per class from {@code file}: lines {@code LABEL,WEIGHT} (UTF-8; blank lines and lines
     * starting with # are skipped; a first line {@code label,weight} is a header), or, for a {@code .json} file, an
     * object {@code {"LABEL": WEIGHT, ...}}. Every class of the data must be named exactly once, and nothing else.
     *
     * @throws IllegalArgumentException naming the file, the line and what was expected
     */
    public static List<Double> read(Path file, List<String> labels) throws IOException {
        Map<String, Double> given = new LinkedHashMap<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        }
        if (text.startsWith("\ufeff")) { // a byte order mark, as spreadsheet programs write
            text = text.substring(1);
        }
        try { // a Ctrl-Z ending the file is the DOS end-of-file mark, as in data files; elsewhere refused
            text = TextFiles.withoutEndOfFileMark(file, text);
        } catch (DatasetFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            JsonNode node;
            try {
                node = Json.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object of label: weight");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException(file + ": the weight of '" + e.getKey() + "' must be a number, got "
                            + e.getValue());
                }
                put(given, e.getKey(), e.getValue().asDouble(), file + ": '" + e.getKey() + "'");
            }
        } else {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                String where = file + " line " + (i + 1);
                if (line.isEmpty() || line.startsWith("#")
                        || (given.isEmpty() && line.replace(" ", "").equalsIgnoreCase("label,weight"))) {
                    continue;
                }
                int comma = line.lastIndexOf(',');
                if (comma < 0) {
                    throw new IllegalArgumentException(where + ": expected LABEL,WEIGHT, got '" + line + "'");
                }
                String label = unquote(line.substring(0, comma).strip(), where);
                double w;
                try {
                    w = Double.parseDouble(line.substring(comma + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": the weight of '" + label + "' is not a number: '"
                            + line.substring(comma + 1).strip() + "'");
                }
                put(given, label, w, where);
            }
        }
        List<String> unknown = given.keySet().stream().filter(l -> !labels.contains(l)).map(ClassWeights::quoted).toList();
        List<String> missing = labels.stream().filter(l -> !given.containsKey(l)).map(ClassWeights::quoted).toList();
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new IllegalArgumentException(file + ": "
                    + (missing.isEmpty() ? "" : "no weight for class(es) " + String.join(", ", missing))
                    + (missing.isEmpty() || unknown.isEmpty() ? "" : "; ")
                    + (unknown.isEmpty() ? "" : "unknown class(es) " + String.join(", ", unknown))
                    + " (the classes are " + labels.stream().map(ClassWeights::quoted).collect(java.util.stream.Collectors.joining(", "))
                    + ")");
        }
        List<Double> out = new ArrayList<>(labels.size());
        for (String label : labels) {
            out.add(given.get(label));
        }
        return out;
    }

    /** A label of the CSV form as CSV quotes it ({@code "a,b"}, {@code "say ""hi"""}), or as it stands. */
    private static String unquote(String label, String where) {
        if (!label.startsWith("\"")) {
            return label;
        }
        if (label.length() < 2 || !label.endsWith("\"") || label.substring(1, label.length() - 1).replace("\"\"", "").contains("\"")) {
            throw new IllegalArgumentException(where + ": a quoted label must end with its quote, with quotes inside doubled (\"\"), got "
                    + label);
        }
        return label.substring(1, label.length() - 1).replace("\"\"", "\"");
    }

    private static String quoted(String label) {
        return "'" + label + "'";
    }

    private static void put(Map<String, Double> given, String label, double w, String where) {
        if (!Double.isFinite(w) || w <= 0) {
            throw new IllegalArgumentException(where + ": the weight of '" + label + "' must be a finite number > 0, got " + w);
        }
        if (given.put(label, w) != null) {
            throw new IllegalArgumentException(where + ": class '" + label + "' is given twice");
        }
    }

    /** {@code WALKING=0.93, SITTING=1.12, ...}, for the log. */
    public static String describe(List<String> labels, List<Double> weights) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(labels.get(i)).append('=').append(String.format(Locale.ROOT, "%.3g", weights.get(i)));
        }
        return sb.toString();
    }
}
