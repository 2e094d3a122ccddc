package org.rnnlab.evaluation.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rnnlab.core.Json;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LabelCheck;
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
        return balanced(data.labelNames(), data.split(Split.TRAIN).classCounts(data.labelNames().size()));
    }

    /**
     * The "balanced" weights of the training part of each cross-validation fold ({@code folds.get(k)} is fold k, its
     * {@link Split#TRAIN} split the sequences the fold's runs train on): the weights {@code compare --cv --class-weights
     * balanced} trains each fold's runs with, from no sequence of the fold's test part (a bioacoustics trial: the weights came
     * from the training split carved by group before the folds, which no fold trains on, and a rare species' weight was 2.2
     * times its weight in the pooled data). A class with no training sequence in a fold (folds by group: a class seen at one
     * site only) gets the largest weight of that fold's other classes: it has no training sequence for its weight to act on,
     * and its validation sequences count as much as the rarest trained class's; {@code absent} receives one line per such class
     * and fold.
     *
     * @return one list of weights per fold, in the data's label order
     */
    public static List<List<Double>> balancedPerFold(List<String> labels, List<SequenceDataset> folds, List<String> absent) {
        List<List<Double>> out = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            int[] counts = folds.get(f).split(Split.TRAIN).classCounts(labels.size());
            long n = 0;
            int present = 0;
            for (int c : counts) {
                n += c;
                present += c > 0 ? 1 : 0;
            }
            if (present == 0) {
                throw new IllegalArgumentException("balanced class weights: fold " + f + " has no training sequences");
            }
            List<Double> w = new ArrayList<>(labels.size());
            double largest = 0;
            for (int c = 0; c < counts.length; c++) {
                double x = counts[c] == 0 ? Double.NaN : (double) n / ((double) labels.size() * counts[c]);
                w.add(x);
                largest = counts[c] == 0 ? largest : Math.max(largest, x);
            }
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] == 0) {
                    w.set(c, largest);
                    absent.add("class " + LabelCheck.quoted(labels.get(c)) + " has no training sequence in fold " + f
                            + ": given that fold's largest weight, " + String.format(Locale.ROOT, "%.3g", largest));
                }
            }
            out.add(List.copyOf(w));
        }
        return out;
    }

    /**
     * {@code w_c = n / (k n_c)} of the class counts {@code counts} (in {@code labels}' order); a class without examples is
     * refused, naming it.
     */
    public static List<Double> balanced(List<String> labels, int[] counts) {
        int k = labels.size();
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        List<Double> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("balanced class weights: class " + LabelCheck.quoted(labels.get(c))
                        + " has no training examples");
            }
            out.add((double) n / ((double) k * counts[c]));
        }
        return out;
    }

    /**
     * Reads one weight per class from {@code file}: CSV lines {@code LABEL,WEIGHT} (RFC 4180: a label holding a comma or a
     * quote is quoted, {@code "a,b",2}; blank lines and lines starting with # are skipped; a first line {@code label,weight}
     * is a header), or, for a {@code .json} file, an object {@code {"LABEL": WEIGHT, ...}}. The file is read as data files
     * are ({@link TextFiles#readUtf8}: strict UTF-8, a byte order mark dropped, another encoding named with its line, byte
     * offset and the iconv that converts it). Every class of the data must be named exactly once, and nothing else.
     *
     * @throws IllegalArgumentException naming the file, the line and what was expected
     */
    public static List<Double> read(Path file, List<String> labels) throws IOException {
        Map<String, Double> given = new LinkedHashMap<>();
        String text;
        try {
            text = TextFiles.readUtf8(file, "a --class-weights file (CSV lines LABEL,WEIGHT or a JSON object)");
        } catch (DatasetFormatException e) { // the messages of data files: the encoding, with line, offset and iconv hint
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
            List<String> lines = TextFiles.lines(text);
            boolean headerSeen = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                String where = file + " line " + (i + 1);
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = fields(line, where);
                if (given.isEmpty() && !headerSeen && fields.size() == 2 && !isNumber(fields.get(1)) && !labels.contains(fields.get(0))
                        && !DECIMAL_COMMA.matcher(fields.get(1)).matches()) {
                    // the header: label,weight, or a pandas user's stage,weight (a Series written with its name): a first line
                    // whose weight is no number and whose label no class
                    headerSeen = true;
                    continue;
                }
                if (!line.startsWith("\"") && fields.size() >= 2 && fields.get(0).indexOf(';') >= 0) {
                    // 'up;2,5': a ';'-separated line with a decimal comma (German Excel) read as label 'up;2', weight 5
                    throw new IllegalArgumentException(where + ": expected LABEL,WEIGHT, got '" + line + "' (the line holds ';': a "
                            + "';'-separated file, as a German or French spreadsheet saves it, with decimal commas, is not read: write "
                            + "LABEL,WEIGHT with a comma between them and a decimal point, e.g. up,2.5; a label that holds ';' is "
                            + "quoted, \"a;b\",2)");
                }
                if (fields.size() > 2 && isNumber(fields.get(fields.size() - 1))
                        && !(fields.size() == 3 && fields.get(1).matches("[-+]?\\d+") && fields.get(2).matches("\\d+"))) {
                    // an unquoted label holding commas, 'a,b,2', as this file was read before it was read as CSV: the last
                    // field is the weight (a whole number, then digits, is the decimal comma of the hint below instead)
                    fields = List.of(String.join(",", fields.subList(0, fields.size() - 1)), fields.get(fields.size() - 1));
                }
                if (fields.size() != 2) {
                    throw new IllegalArgumentException(where + ": expected LABEL,WEIGHT, got '" + line + "'" + fieldsHint(line, fields));
                }
                String label = fields.get(0);
                String weight = fields.get(1);
                double w;
                try {
                    w = Double.parseDouble(weight);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": the weight of " + LabelCheck.quoted(label) + " is not a number: '" + weight + "'"
                            + (DECIMAL_COMMA.matcher(weight).matches() ? " (a decimal comma, which is not read: write the weight "
                            + "with a decimal point, " + weight.replace(',', '.') + ")" : ""));
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

    /** A number with a decimal comma ({@code 1,5}), as a German or French spreadsheet writes it. */
    private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("[-+]?\\d*,\\d+");

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The fields of one line of the CSV form, as RFC 4180 reads them (quotes honoured; spaces around a value dropped, those
     * inside quotes kept: {@code " normal",2} names the class {@code " normal"}).
     */
    private static List<String> fields(String line, String where) {
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).build();
        try (CSVParser parser = CSVParser.parse(line, format)) {
            List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? List.of() : records.get(0).toList();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException(where + ": a quoted label must end with its quote, with quotes inside doubled (\"\"), "
                    + "got " + line);
        }
    }

    /** Why a line is not two fields, where a likely cause shows: a decimal comma, another delimiter, a label's comma. */
    private static String fieldsHint(String line, List<String> fields) {
        if (fields.size() == 3 && fields.get(1).matches("[-+]?\\d+") && fields.get(2).matches("\\d+")) {
            return " (3 fields: is '" + fields.get(1) + "," + fields.get(2) + "' a weight with a decimal comma? Decimal commas are "
                    + "not read: write " + fields.get(1) + "." + fields.get(2) + "; a label that holds a comma is quoted, \"a,b\",2)";
        }
        if (fields.size() == 1 && (line.indexOf(';') >= 0 || line.indexOf('\t') >= 0)) {
            return " (the label and the weight are separated by " + (line.indexOf(';') >= 0 ? "';'" : "a TAB") + "; expected a comma)";
        }
        return fields.size() > 2 ? " (" + fields.size() + " fields; a label that holds a comma is quoted, \"a,b\",2)" : "";
    }

    private static String quoted(String label) {
        return LabelCheck.quoted(label);
    }

    private static void put(Map<String, Double> given, String label, double w, String where) {
        if (!Double.isFinite(w) || w <= 0) {
            throw new IllegalArgumentException(where + ": the weight of " + LabelCheck.quoted(label) + " must be a finite number > 0, got " + w);
        }
        if (given.put(label, w) != null) {
            throw new IllegalArgumentException(where + ": class " + LabelCheck.quoted(label) + " is given twice");
        }
    }

    /** A class weight above this is large for {@link #heavyOnFew} (and for compare's weight side effects). */
    public static final double HEAVY = 10;
    /** Fewer training sequences than this make a large weight rest on few for {@link #heavyOnFew}. */
    static final int FEW = 10;

    /**
     * One note per class whose weight is above {@value #HEAVY} and rests on fewer than {@value #FEW} training sequences, or on
     * the sequences of one group of the group column: each of them counts as that many ordinary ones, and only the class's
     * validation and test sequences can show whether the weight helped (a handwriting trial: 'x' weighted 40.3 from 3
     * sequences of one writer, with no validation or test sequence, said as weights only).
     *
     * @param data    the data the weights were computed on (their training split's counts and groups; held-out counts)
     * @param weights the weights, in the data's label order
     */
    public static List<String> heavyOnFew(SequenceDataset data, List<Double> weights) {
        List<String> labels = data.labelNames();
        int[] train = data.split(Split.TRAIN).classCounts(labels.size());
        int[] validation = data.split(Split.VALIDATION).classCounts(labels.size());
        int[] test = data.split(Split.TEST).classCounts(labels.size());
        List<String> groupOf = data.sequenceGroups().getOrDefault(Split.TRAIN, List.of());
        List<org.rnnlab.datasets.Sequence> examples = data.split(Split.TRAIN).examples();
        boolean grouped = !groupOf.isEmpty() && groupOf.size() == examples.size() && groupOf.stream().noneMatch(java.util.Objects::isNull);
        List<String> out = new ArrayList<>();
        for (int c = 0; c < labels.size() && c < weights.size(); c++) {
            double w = weights.get(c);
            if (!(w > HEAVY) || train[c] == 0) {
                continue;
            }
            java.util.Set<String> groups = new java.util.TreeSet<>();
            if (grouped) {
                for (int i = 0; i < examples.size(); i++) {
                    if (examples.get(i).label() == c) {
                        groups.add(groupOf.get(i));
                    }
                }
            }
            if (train[c] >= FEW && groups.size() != 1) {
                continue;
            }
            String label = LabelCheck.quoted(labels.get(c));
            String of = groups.isEmpty() ? "" : groups.size() == 1 ? (train[c] == 1 ? ", of group " : ", all of group ")
                    + LabelCheck.quoted(groups.iterator().next())
                    : groups.size() <= 3 ? ", of groups " + String.join(", ", groups.stream().map(LabelCheck::quoted).toList())
                    : ", of " + groups.size() + " groups";
            String heldOut = validation[c] + test[c] == 0
                    ? "it has no validation or test sequence, so nothing this run scores can show whether the weight helped"
                    : String.format(Locale.ROOT, "only its %d validation and %d test sequence(s) can show whether the weight helped, "
                            + "and a split without %s cannot", validation[c], test[c], label);
            out.add(String.format(Locale.ROOT, "class %s has weight %.3g from %d training sequence%s%s: each counts as %.3g ordinary "
                            + "ones, so the model is pushed to repeat %s; %s (a weights file, --class-weights FILE, can give it less)",
                    label, w, train[c], train[c] == 1 ? "" : "s", of, w, train[c] == 1 ? "that one" : "those few", heldOut));
        }
        return out;
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
