package org.rnnlab.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.CsvSequence;
import org.rnnlab.datasets.csv.CsvSequenceDataset;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.text.TextColumns;
import org.rnnlab.datasets.text.TextDataset;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.datasets.text.UnknownWords;
import org.rnnlab.datasets.text.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New data for a trained model, read with the model's own contract: CSV sequences with its
 * {@link CsvSchema} (columns by header name, missing-value policy), or texts with its
 * {@link TextEncoder} (one text per line, or the {@code label<TAB>text} layout it was trained on).
 * Used by {@code evaluate} (labels required) and {@code predict} (labels optional).
 *
 * @param ids     one id per sequence: the sequence id, the file name (folder layout), the line number (text) or the id
 *                column's value (text whose first line names its columns, {@link TextColumns})
 * @param values  the sequences, {@code [time][feature]} each (token ids for text)
 * @param labels  the label of each sequence as written, or null entries where the input has none
 * @param dropped ids of sequences dropped for missing values
 * @param source  what was read, for messages
 * @param where   where each sequence starts, {@code file:line}, for messages
 * @param blankLines 1-based lines of a one-text-per-line file that are blank or white space only: skipped, so no
 *                sequence (and no prediction) stands for them; empty for other input
 * @param truncated ids of texts with more tokens than the model's maximum length, in file order: the
 *                model reads only the part its truncation keeps, so callers tell users (training reports them too);
 *                empty for other input
 * @param groups    each sequence's value of the model's group column ({@code --set group}), aligned with the ids; empty
 *                  when the model has none or the input lacks it
 * @param emptyFiles sequence files of a folder skipped as empty (0 bytes or blank), as listed; empty for other input
 * @param columns   the header names of the CSV files read (labels and sequence files), in order of first appearance:
 *                  what {@code --ignore-columns} may name; empty for texts
 * @param asTrained each sequence's fingerprint ({@link org.rnnlab.datasets.csv.SplitIdsFile#fingerprint}) as the model's own
 *                  missing-value policy reads it, aligned with the ids, when the data were read with another policy
 *                  ({@code --missing}); empty otherwise (the fingerprints of {@link #values()} are those); for texts, each
 *                  whole text's fingerprint ({@link org.rnnlab.datasets.csv.SplitIdsFile#textFingerprint}: all its tokens,
 *                  not only the part the model reads), as train records them
 * @param unseenCodes per feature of codes ({@link org.rnnlab.datasets.csv.FeatureCodes}) with values none of its training
 *                  codes, in words (judged on the values as written, before gaps are filled); empty when none
 * @param oneHotRows per one-hot group of the model's features ({@link org.rnnlab.datasets.csv.OneHotGroup}) whose rows here are
 *                  unlike training's (none of the group at 1, or more than one), in words; empty when none
 * @param encodings each text's {@link TextEncoder.Encoding} (the ids the model reads and the whole text's token count), aligned
 *                  with the ids: what predict's per-row columns {@code tokens}, {@code truncated} and {@code unknown_words} say,
 *                  as serve says them per text (trial 75b: the warning named the first of 18 cut notes, the CSV none); empty
 *                  for sequences
 * @param written   for a model that scales each sequence by its own statistics ({@code sequenceScaling}), each sequence's
 *                  values as written, before that scaling and before missing values are filled (NaN), aligned with the
 *                  ids: what codes for a missing value and spikes are judged on, which the scaling bends and hides (trial
 *                  75a); empty otherwise ({@link #values()} are as written then)
 * @param emptyTexts the ids of texts without tokens (an empty or white-space-only text after its id or label) that predict
 *                  did not classify, in file order: no prediction stands for them, and predict writes their rows without a
 *                  label (tokens 0) after the others, lists them and exits 4, as for other
 *                  input it cannot score (trial 77b: one empty blurb stopped a nightly batch of new ones, nothing written);
 *                  empty for evaluate, which refuses such a text, and for other input
 */
public record NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                      List<String> where, List<Long> blankLines, List<String> truncated, List<String> groups,
                      List<String> emptyFiles, List<String> columns, List<String> asTrained, List<String> unseenCodes,
                      List<String> oneHotRows, List<TextEncoder.Encoding> encodings, List<float[][]> written,
                      List<String> emptyTexts) {

    /** New data without texts skipped for having no tokens. */
    public NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                   List<String> where, List<Long> blankLines, List<String> truncated, List<String> groups,
                   List<String> emptyFiles, List<String> columns, List<String> asTrained, List<String> unseenCodes,
                   List<String> oneHotRows, List<TextEncoder.Encoding> encodings, List<float[][]> written) {
        this(ids, values, labels, dropped, source, where, blankLines, truncated, groups, emptyFiles, columns, asTrained, unseenCodes,
                oneHotRows, encodings, written, List.of());
    }

    /** New data of texts with their encodings, and no values as written kept apart (texts). */
    public NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                   List<String> where, List<Long> blankLines, List<String> truncated, List<String> groups,
                   List<String> emptyFiles, List<String> columns, List<String> asTrained, List<String> unseenCodes,
                   List<String> oneHotRows, List<TextEncoder.Encoding> encodings) {
        this(ids, values, labels, dropped, source, where, blankLines, truncated, groups, emptyFiles, columns, asTrained, unseenCodes,
                oneHotRows, encodings, List.of());
    }

    /** New data without texts' encodings or the values as written kept apart (a model without per-sequence scaling). */
    public NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                   List<String> where, List<Long> blankLines, List<String> truncated, List<String> groups,
                   List<String> emptyFiles, List<String> columns, List<String> asTrained, List<String> unseenCodes,
                   List<String> oneHotRows) {
        this(ids, values, labels, dropped, source, where, blankLines, truncated, groups, emptyFiles, columns, asTrained, unseenCodes,
                oneHotRows, List.of());
    }

    /** New data without one-hot groups judged. */
    public NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                   List<String> where, List<Long> blankLines, List<String> truncated, List<String> groups,
                   List<String> emptyFiles, List<String> columns, List<String> asTrained, List<String> unseenCodes) {
        this(ids, values, labels, dropped, source, where, blankLines, truncated, groups, emptyFiles, columns, asTrained, unseenCodes,
                List.of());
    }

    /** New data without unseen codes judged. */
    public NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                   List<String> where, List<Long> blankLines, List<String> truncated, List<String> groups,
                   List<String> emptyFiles, List<String> columns, List<String> asTrained) {
        this(ids, values, labels, dropped, source, where, blankLines, truncated, groups, emptyFiles, columns, asTrained, List.of());
    }

    /** New data without the header names read nor fingerprints under the model's policy. */
    public NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                   List<String> where, List<Long> blankLines, List<String> truncated, List<String> groups,
                   List<String> emptyFiles) {
        this(ids, values, labels, dropped, source, where, blankLines, truncated, groups, emptyFiles, List.of(), List.of());
    }

    /** New data without empty files skipped. */
    public NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                   List<String> where, List<Long> blankLines, List<String> truncated, List<String> groups) {
        this(ids, values, labels, dropped, source, where, blankLines, truncated, groups, List.of());
    }

    /** New data without groups (texts, or CSV data of a model without a group column). */
    public NewData(List<String> ids, List<float[][]> values, List<String> labels, List<String> dropped, String source,
                   List<String> where, List<Long> blankLines, List<String> truncated) {
        this(ids, values, labels, dropped, source, where, blankLines, truncated, List.of());
    }

    private static final Logger LOG = LoggerFactory.getLogger(NewData.class);

    /** How text input is laid out. */
    public enum TextLayout {
        /** One text per line; blank and white-space-only lines are skipped and listed in {@link #blankLines()}. */
        LINES,
        /**
         * {@code label<TAB>text} (predict's {@code --format tsv}): the label may be blank or NA (a text to classify); blank
         * lines are skipped (they hold no example), a label with an empty or white-space-only text is skipped and listed
         * in {@link NewData#emptyTexts()} by its line (in {@link #LABELLED}, evaluate's, an error naming the file and line).
         */
        TSV,
        /** {@code label<TAB>text} with every label given, as in training (evaluate): a blank or NA label is an error. */
        LABELLED,
        /**
         * TSV when the file ends in .tsv or every line is {@code <label><TAB>text} with a label of the model, blank or NA
         * (standard input, a .txt file); else lines.
         */
        AUTO
    }

    public NewData {
        ids = List.copyOf(ids);
        values = List.copyOf(values);
        labels = Collections.unmodifiableList(new ArrayList<>(labels));
        dropped = List.copyOf(dropped);
        where = List.copyOf(where);
        blankLines = List.copyOf(blankLines);
        truncated = List.copyOf(truncated);
        emptyFiles = List.copyOf(emptyFiles);
        columns = List.copyOf(columns);
        asTrained = List.copyOf(asTrained);
        unseenCodes = unseenCodes == null ? List.of() : List.copyOf(unseenCodes);
        oneHotRows = oneHotRows == null ? List.of() : List.copyOf(oneHotRows);
        encodings = encodings == null ? List.of() : List.copyOf(encodings);
        written = written == null ? List.of() : List.copyOf(written);
        emptyTexts = emptyTexts == null ? List.of() : List.copyOf(emptyTexts);
    }

    /** Number of sequences. */
    public int size() {
        return ids.size();
    }

    /** Whether every sequence has a label. */
    public boolean labelled() {
        return labels.stream().allMatch(l -> l != null);
    }

    /**
     * How messages name each text: {@code line N} when every id is its text's line (one text per line, {@code label<TAB>text}),
     * else the ids themselves (an id column, {@link TextColumns}).
     */
    public List<String> textNames() {
        boolean lines = java.util.stream.IntStream.range(0, ids.size())
                .allMatch(i -> where.get(i).endsWith(":" + ids.get(i)));
        return lines ? ids.stream().map(id -> "line " + id).toList() : ids;
    }

    /** CSV sequences read with a model's contract. */
    public static NewData csv(Path input, CsvSchema schema, boolean labelRequired) {
        return csv(input, schema, labelRequired, null);
    }

    /**
     * CSV sequences read with a model's contract whose missing-value policy {@code --missing} replaced: {@code trainedPolicy}
     * is the model's own (null when {@code schema} keeps it), by which {@link #asTrained()} is computed.
     */
    public static NewData csv(Path input, CsvSchema schema, boolean labelRequired, MissingValues trainedPolicy) {
        return csv(input, schema, labelRequired, trainedPolicy, null);
    }

    /**
     * As {@link #csv(Path, CsvSchema, boolean, MissingValues)}, with the model's label names (null if not known): a
     * headerless file one column short reads as the one without its time column only where its label column then holds
     * them.
     */
    public static NewData csv(Path input, CsvSchema schema, boolean labelRequired, MissingValues trainedPolicy,
                              List<String> modelLabels) {
        return csv(input, schema, labelRequired, trainedPolicy, modelLabels, List.of(), new java.util.HashMap<>());
    }

    /**
     * As {@link #csv(Path, CsvSchema, boolean, MissingValues, List)}, also putting into {@code kept}, per sequence id, the
     * values of the long-layout file's columns {@code keep} (one per sequence; {@code predict --keep-columns}).
     */
    public static NewData csv(Path input, CsvSchema schema, boolean labelRequired, MissingValues trainedPolicy,
                              List<String> modelLabels, List<String> keep, java.util.Map<String, List<String>> kept) {
        return csv(input, schema, labelRequired, trainedPolicy, modelLabels,
                org.rnnlab.datasets.csv.SequenceColumns.Request.keepColumns(keep), kept);
    }

    /**
     * As {@link #csv(Path, CsvSchema, boolean, MissingValues, List, List, java.util.Map)}, the columns named by an option
     * whose errors name it ({@code evaluate --baseline-column}).
     */
    public static NewData csv(Path input, CsvSchema schema, boolean labelRequired, MissingValues trainedPolicy,
                              List<String> modelLabels, org.rnnlab.datasets.csv.SequenceColumns.Request keep,
                              java.util.Map<String, List<String>> kept) {
        List<String> dropped = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        List<CsvSequence> seqs;
        boolean otherPolicy = trainedPolicy != null && trainedPolicy != schema.missing();
        CsvSequenceDataset.Reading reading = new CsvSequenceDataset.Reading(otherPolicy ? trainedPolicy : null).labels(modelLabels)
                .keep(keep);
        // the values of the model's code features that none of its training codes are, as written (a gap filled in between
        // two codes is none)
        org.rnnlab.datasets.csv.FeatureCodes.Unseen unseen = schema.codes() == null || schema.codes().isEmpty() ? null
                : new org.rnnlab.datasets.csv.FeatureCodes.Unseen(schema.codes());
        if (unseen != null) {
            reading.raw(unseen::add);
        }
        // rows with none (or more than one) of a one-hot group at 1, where training had exactly one: an unseen category
        org.rnnlab.datasets.csv.OneHotGroup.Check oneHot = schema.oneHot() == null || schema.oneHot().isEmpty() ? null
                : new org.rnnlab.datasets.csv.OneHotGroup.Check(schema.oneHot());
        // the values as written, for a model that scales each sequence by its own statistics: codes and spikes are judged
        // on them (copied: the array is filled and scaled in place afterwards)
        java.util.Map<String, float[][]> writtenById = schema.sequenceScaling() == org.rnnlab.datasets.csv.SequenceScaling.NONE
                ? null : new java.util.HashMap<>();
        if (oneHot != null || writtenById != null) {
            reading.rows((id, v, file, lines) -> {
                if (oneHot != null) {
                    oneHot.add(id, v, file, lines);
                }
                if (writtenById != null && id != null) {
                    writtenById.put(id, java.util.Arrays.stream(v).map(float[]::clone).toArray(float[][]::new));
                }
            });
        }
        try {
            seqs = CsvSequenceDataset.readAll(input, schema, labelRequired, dropped, empty, reading);
            kept.putAll(reading.kept());
        } catch (DatasetFormatException e) {
            String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
            if ((name.endsWith(".txt") || name.endsWith(".tsv")) && !mostlyNumbers(input)) {
                throw e.withHint("this model reads CSV sequences, and " + input.getFileName() + " looks like text: a text "
                        + "model reads texts; this one expects the CSV layout it was trained on");
            }
            throw e;
        }
        List<String> ids = new ArrayList<>();
        List<float[][]> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (CsvSequence s : seqs) {
            ids.add(s.id());
            values.add(s.values());
            labels.add(s.label());
            where.add(s.file() + ":" + s.line());
            if (s.group() != null) {
                groups.add(s.group());
            }
        }
        return new NewData(ids, values, labels, dropped, input.toString(), where, List.of(), List.of(),
                groups.size() == ids.size() ? groups : List.of(), empty, reading.columns(),
                otherPolicy ? values.stream().map(reading::fingerprintAsTrained).toList() : List.of(),
                unseen == null ? List.of() : unseen.described(schema.featureNames()),
                oneHot == null ? List.of() : oneHot.described(schema.featureNames(), reading.columns()),
                List.of(), writtenById == null || !writtenById.keySet().containsAll(ids) ? List.of()
                        : ids.stream().map(writtenById::get).toList());
    }

    /**
     * Whether the lines after the first of a file hold mostly numbers (fields split at tabs, commas, semicolons, bars and
     * spaces): a tab-separated copy of a model's CSV, named .tsv, is data in another layout, not text (a user's try was
     * told it "looks like text: a text model reads texts"). Unreadable files count as not numeric.
     */
    static boolean mostlyNumbers(Path input) {
        try {
            List<String> lines = TextFiles.lines(TextFiles.readText(input, "a file")).stream().filter(l -> !l.isBlank()).skip(1)
                    .limit(20).toList();
            long fields = 0;
            long numbers = 0;
            for (String line : lines) {
                for (String field : line.strip().split("[\\t,;| ]+")) {
                    fields++;
                    numbers += field.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?") ? 1 : 0;
                }
            }
            return fields > 0 && numbers * 2 >= fields;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Texts read with a model's encoder. One text per line: lines without tokens (blank or white space only) are
     * skipped and listed in {@link #blankLines()}, the ids of the others are their line numbers. {@code label<TAB>text}:
     * a line with a label and no text is refused with the file and line under {@link TextLayout#LABELLED}, as training
     * refuses it, and skipped into {@link #emptyTexts()} by its line in predict's layouts; a first line of column
     * names is a header by training's rule ({@link TextDataset#namedHeader}). A file whose first line names the columns id
     * and text, and label where given ({@link TextColumns}), has its ids read from the id column in every layout but
     * {@link TextLayout#LINES}, which refuses it. Texts longer than the encoder's maximum length are cut as in training and
     * listed in {@link #truncated()}.
     *
     * @param input       the file
     * @param encoder     the model's tokenizer, vocabulary and length limit
     * @param labelNames  the model's labels (to recognise the TSV layout)
     * @param layout      how the file is laid out
     */
    public static NewData text(Path input, TextEncoder encoder, List<String> labelNames, TextLayout layout) {
        String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (layout == TextLayout.AUTO && name.endsWith(".csv")) {
            // trial 75b F4: the refusal named neither the layout that keeps the ids of a CSV's rows nor how to write it
            // trial 80f F3: the pandas line had no read_csv and named a column 'text' the file did not have: now the file's
            // header's columns, as training's refusal of a CSV gives them, and the line-break replacement in the code
            String convert;
            try {
                convert = TextDataset.csvConversion(input, TextDataset.readLines(input), false);
            } catch (RuntimeException unreadable) { // refused for its bytes: the reading below says why
                convert = null;
            }
            if (convert != null) {
                throw new DatasetFormatException(input, "this model reads text, but the file looks like CSV (.csv): expected one "
                        + "text per line, 'label<TAB>text' lines as in training, or a header 'id<TAB>text' (keeps your ids as "
                        + "predict's ids); from this CSV, e.g. with pandas: " + convert + ", which replaces line breaks inside "
                        + "texts by spaces (see 'Text' in docs/guide/your-data.md)");
            }
        }
        List<String> lines = TextDataset.readLines(input);
        TextColumns columns = TextColumns.find(input, lines, labelNames::contains, encoder.idColumn());
        if (columns != null) {
            return textWithIds(input, lines, columns, encoder, layout);
        }
        // the first non-blank line may be the header 'label<TAB>text' of the training file's layout, or one of other column
        // names that training reads as a header ('label<TAB>sequence', TextDataset.namedHeader): it is not a text, and it
        // does not count against reading the file as labelled lines (before, a labelled file not named .tsv, or standard
        // input, was refused for its header; a pipeline's 'label<TAB>sequence' was refused by evaluate, predicted by predict)
        int headerLine = -1;
        for (int i = 0; i < lines.size() && headerLine < 0; i++) {
            String l = lines.get(i);
            if (!l.isBlank()) {
                boolean plain = TextDataset.isHeader(l);
                boolean named = !plain && layout != TextLayout.LINES && namedHeader(lines, i, labelNames);
                if (named) {
                    LOG.warn("{}", TextDataset.namedHeaderWarning(InputNames.shown(input), i + 1, TextDataset.firstField(l),
                            TextDataset.unquote(l.substring(l.indexOf('\t') + 1))));
                }
                headerLine = plain || named ? i : Integer.MAX_VALUE;
            }
        }
        int header = headerLine;
        List<String> nonBlank = java.util.stream.IntStream.range(0, lines.size()).filter(i -> i != header && !lines.get(i).isBlank())
                .mapToObj(lines::get).toList();
        boolean tsv = switch (layout) {
            case TSV, LABELLED -> true;
            case LINES -> false;
            // a label column of the model's labels, blank or NA (the README's promise for predict's input): before, a .txt file
            // or standard input with a blank or NA label was read whole, the NA a word of the text, and the predictions changed
            case AUTO -> name.endsWith(".tsv") || (header != Integer.MAX_VALUE && header >= 0)
                    || !nonBlank.isEmpty() && nonBlank.stream().allMatch(l -> labelColumn(l, labelNames));
        };
        if (layout == TextLayout.AUTO && !tsv) {
            // mostly 'label<TAB>text', but not every line: reading it as plain text would make the labels words of the texts
            long labelled = nonBlank.stream().filter(l -> labelColumn(l, labelNames)).count();
            if (labelled > 0 && labelled * 2 >= nonBlank.size()) {
                int first = -1;
                for (int i = 0; i < lines.size() && first < 0; i++) {
                    String l = lines.get(i);
                    if (i != header && !l.isBlank() && !labelColumn(l, labelNames)) {
                        first = i + 1;
                    }
                }
                String odd = lines.get(first - 1);
                String why = odd.indexOf('\t') < 0 ? "it has no TAB" : "its first field " + LabelCheck.quoted(TextDataset.unquote(
                        odd.substring(0, odd.indexOf('\t')).trim()).strip()) + " is not a label of the model " + LabelCheck.listed(labelNames);
                throw new DatasetFormatException(input, first, labelled + " of the " + nonBlank.size() + " lines are 'label<TAB>text' "
                        + "but this one is not: " + why + " (expected a label of the model, blank or NA, a TAB, then the text): give "
                        + "--format tsv to read the file as labelled texts (predict does not use their labels), or --format text to "
                        + "read every line whole as one text");
            }
            List<Integer> withLabel = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (i != header && l.indexOf('\t') >= 0
                        && labelNames.contains(TextDataset.unquote(l.substring(0, l.indexOf('\t')).trim()).strip())) {
                    withLabel.add(i + 1);
                }
            }
            if (!withLabel.isEmpty()) {
                // a trial user's mix1.txt: 'billing<TAB>login password' among plain texts was read whole, the label a word of
                // the text, without a word (fewer than half the lines labelled)
                LOG.warn("{}: {} of the {} lines start with a label of the model and a TAB (line(s) {}{}), the others do not: the "
                        + "file is read as one text per line, so those labels are read as words of their texts; remove the labels "
                        + "(or give every line one and a TAB, and --format tsv)", InputNames.shown(input), withLabel.size(),
                        nonBlank.size(), withLabel.stream().limit(10).map(String::valueOf).collect(java.util.stream.Collectors
                        .joining(", ")), withLabel.size() > 10 ? ", ..." : "");
            }
        }
        boolean swapped = !nonBlank.isEmpty() && nonBlank.stream().allMatch(l -> l.indexOf('\t') >= 0
                && labelNames.contains(l.substring(l.lastIndexOf('\t') + 1).trim())
                && !labelNames.contains(l.substring(0, l.indexOf('\t')).trim()));
        if (swapped && layout != TextLayout.LINES) {
            throw new DatasetFormatException(input, "every line ends in <TAB>label and none starts with a label: did you swap text and "
                    + "label? (expected 'label<TAB>text' as in training, or one text per line with --format text)");
        }
        if (layout == TextLayout.AUTO && tsv && !nonBlank.isEmpty()) {
            if (nonBlank.stream().noneMatch(l -> l.indexOf('\t') >= 0)) {
                if (header >= 0 && header != Integer.MAX_VALUE) {
                    // a trial user's h3.txt, a header 'label<TAB>text' over plain texts, was told "no line holds a TAB: a .tsv
                    // file is read as ...": it was a .txt, and its line 1 held one
                    throw new DatasetFormatException(input, header + 1, "only this header line ('label<TAB>text') holds a TAB: it "
                            + "announces 'label<TAB>text' lines, but the other lines have no TAB (texts alone, without their labels?): "
                            + "remove the header to read every line as one text, or give each text its label and a TAB (the label "
                            + "may be blank)");
                }
                // a user's try: plain texts in a .tsv failed at line 1 for its missing TAB, with no word of how to read them
                throw new DatasetFormatException(input, "no line holds a TAB: a .tsv file is read as 'label<TAB>text' lines (the label "
                        + "may be blank); give --format text to read every line whole as one text");
            }
            List<String> firsts = nonBlank.stream().filter(l -> l.indexOf('\t') >= 0).map(l -> TextDataset.unquote(
                    l.substring(0, l.indexOf('\t')).trim()).strip()).filter(f -> !f.isEmpty() && !MissingValues.isMissing(f)).toList();
            if (!firsts.isEmpty() && firsts.stream().noneMatch(labelNames::contains)) {
                if (firsts.size() >= 2 && firsts.stream().distinct().count() == firsts.size()) {
                    // a user's try: 'id<TAB>text' lines were read as labels (ignored by predict) and texts, a header line a
                    // text too; every first field differs, as ids do and labels do not
                    throw new DatasetFormatException(input, "no line starts with a label of the model " + LabelCheck.listed(labelNames)
                            + ", and every first field differs, as ids do (" + firsts.stream().limit(3).map(LabelCheck::quoted).toList()
                            + "...): a .tsv file is read as 'label<TAB>text' lines, the label blank, NA or one of the model's; to "
                            + "read the first fields as the texts' ids, add the first line 'id<TAB>text' naming the columns "
                            + "(predict writes the ids as its id column); or give the texts alone, one per line, with --format "
                            + "text (predict numbers them by line), or --format tsv to read the first fields as labels all the same");
                }
                LOG.warn("{}: no line starts with a label of the model {} (first fields {}): they are read as labels, which predict "
                        + "does not use", InputNames.shown(input), LabelCheck.listed(labelNames),
                        firsts.stream().distinct().limit(3).map(LabelCheck::quoted).toList());
            }
        }
        if (!tsv && layout == TextLayout.AUTO && !nonBlank.isEmpty() && nonBlank.stream().allMatch(l -> l.indexOf('\t') >= 0)) {
            LOG.warn("{}: every line holds a TAB, but its first field is not a label of the model: each whole line is read as "
                    + "one text, its first field (an id?) as words of it; give the texts alone, one per line, or 'label<TAB>text', "
                    + "or ids with a first line 'id<TAB>text' naming the columns", InputNames.shown(input));
        }
        if (tsv) {
            checkFirstFields(input, lines, header, labelNames, layout);
        }
        List<String> ids = new ArrayList<>();
        List<float[][]> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> blank = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        List<TextEncoder.Encoding> encodings = new ArrayList<>();
        UnknownWords.Tally unknown = new UnknownWords.Tally(encoder);
        List<String> whole = new ArrayList<>(); // each text's whole-text fingerprint: evaluate's check of training texts
        List<String> empty = new ArrayList<>(); // predict's texts without tokens after their label (emptyTexts)
        boolean unlabelledLines = lines.stream().anyMatch(l -> l.indexOf('\t') >= 0
                && (l.substring(0, l.indexOf('\t')).isBlank() || MissingValues.isMissing(l.substring(0, l.indexOf('\t')).trim())));
        if (tsv && layout != TextLayout.LABELLED && unlabelledLines) {
            // new texts to classify in a .tsv (predict, also with --format tsv): a label may be blank or NA, the text after the
            // first TAB is read
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                int tab = l.indexOf('\t');
                if (l.isBlank() || i == header) {
                    continue;
                }
                if (tab < 0) {
                    String previous = i > 0 ? lines.get(i - 1) : "";
                    if (previous.indexOf('\t') >= 0 && TextDataset.opensQuote(previous.substring(previous.indexOf('\t') + 1))) {
                        // a user's try: the hint to read lines whole split the quoted text in two predictions, silently
                        throw new DatasetFormatException(input, i + 1, "no TAB: " + TextDataset.unclosedQuote("line " + i));
                    }
                    throw new DatasetFormatException(input, i + 1, "no TAB (expected 'label<TAB>text' as in a .tsv file, the label "
                            + "may be blank; or give --format text to read every line whole as one text)");
                }
                String label = TextDataset.unquote(l.substring(0, tab).trim()).strip();
                String text = TextDataset.unquote(l.substring(tab + 1));
                if (!encoder.hasTokens(text)) { // predict (this branch is not evaluate's): named by its id, the others classified
                    empty.add(Integer.toString(i + 1));
                    continue;
                }
                add(i + 1, text, label.isEmpty() || MissingValues.isMissing(label) ? null : label, encoder, ids, values, labels,
                        truncated, encodings, unknown, whole);
            }
        } else if (tsv) {
            List<Long> emptyLines = new ArrayList<>(); // evaluate's: all refused at once, as training refuses them
            for (String[] r : TextDataset.readLabelledLines(input)) {
                long line = Long.parseLong(r[2]);
                if (line == header + 1L) {
                    continue; // a header of other column names, said above
                }
                if (!encoder.hasTokens(r[1])) {
                    if (layout != TextLayout.LABELLED) { // predict: named by its id (the line), the others classified
                        empty.add(Long.toString(line));
                        continue;
                    }
                    emptyLines.add(line);
                    continue;
                }
                add(line, r[1], r[0], encoder, ids, values, labels, truncated, encodings, unknown, whole);
            }
            refuseEmptyTexts(input, emptyLines, null, "some text after the TAB, as in training");
        } else {
            warnCsvLike(input, lines, name);
            warnHeaderLine(input, lines);
            warnFastaHeaders(input, lines, encoder.vocabulary());
            for (int i = 0; i < lines.size(); i++) {
                // a text in quotes, as pandas' to_csv writes one with a comma or a quote in it, is read unquoted, as in a .tsv
                // and in training (a user's try: the same text with and without its quotes got other predictions)
                String line = TextDataset.unquote(lines.get(i));
                if (TextDataset.opensQuote(lines.get(i))) {
                    throw new DatasetFormatException(input, i + 1, TextDataset.unclosedQuote("this line") + "; one text per line is read");
                }
                if (encoder.hasTokens(line)) {
                    add(i + 1, line, null, encoder, ids, values, labels, truncated, encodings, unknown, whole);
                } else if (!(line.isEmpty() && i == lines.size() - 1)) { // not the end of a file that ends in a line break
                    blank.add(i + 1L);
                }
            }
        }
        if (ids.isEmpty()) {
            throw new DatasetFormatException(input, empty.isEmpty() ? "no texts (expected one text per line; every line is blank)"
                    : "no text has tokens: the text of every one of the " + empty.size() + " lines is empty or white space only "
                    + "(expected some text after the TAB)");
        }
        if (unknown.noneKnown()) {
            // a trial's unspaced DNA, given to a model of one base per word, was evaluated at the baseline and exit 0: every
            // prediction was the unknown-word prior
            throw new DatasetFormatException(input, unknown.noneKnownProblem());
        }
        unknown.noKnownWordWarning("line(s)").ifPresent(w -> LOG.warn("{}: {}", InputNames.shown(input), w));
        unknown.manyUnknownWarning("line(s)").ifPresent(w -> LOG.warn("{}: {}", InputNames.shown(input), w));
        return new NewData(ids, values, labels, List.of(), input.toString(),
                ids.stream().map(id -> input + ":" + id).toList(), blank, truncated, List.of(), List.of(), List.of(), whole,
                List.of(), List.of(), encodings, List.of(), empty);
    }

    /**
     * Refuses labelled texts to score (evaluate) without tokens, on lines {@code lines} (ids {@code ids} of a file of ids,
     * else null), all of them at once in training's words, up to 20 named: a trial's evaluate named the first of 6 empty
     * texts, so the user fixed one per run where training names them all.
     */
    private static void refuseEmptyTexts(Path input, List<Long> lines, List<String> ids, String expected) {
        if (lines.isEmpty()) {
            return;
        }
        String first = ids == null ? "the text" : "the text of id " + LabelCheck.quoted(ids.get(0));
        String others = lines.size() == 1 ? "" : "; " + lines.size() + " lines have none: " + String.join(", ", lines.stream()
                .limit(20).map(String::valueOf).toList()) + (lines.size() > 20 ? ", ..." : "") + (ids == null ? "" : " (ids "
                + String.join(", ", ids.stream().limit(20).toList()) + (ids.size() > 20 ? ", ..." : "") + ")");
        throw new DatasetFormatException(input, lines.get(0), first + " has no tokens (expected " + expected + ")" + others
                + " (an empty text cannot be classified: remove those lines or give them their text)");
    }

    /**
     * Whether the first non-blank line, {@code first}, is a header of other column names than {@code label<TAB>text}, by
     * training's rule ({@link TextDataset#namedHeader}) with the model's labels.
     */
    private static boolean namedHeader(List<String> lines, int first, List<String> labelNames) {
        String line = lines.get(first);
        String label = TextDataset.firstField(line);
        if (label == null) {
            return false;
        }
        List<String> others = lines.stream().skip(first + 1L).map(TextDataset::firstField).filter(java.util.Objects::nonNull).toList();
        return TextDataset.namedHeader(label, TextDataset.unquote(line.substring(line.indexOf('\t') + 1)), others, labelNames);
    }

    /**
     * Texts of a file whose first line names its columns ({@link TextColumns}: id, text and label where given): the ids are
     * the id column's, each sequence's {@link #where()} its line. Its labels are read where it has a label column (a blank or
     * NA one is none, refused when labels are scored); a text without tokens is refused with its line. One text per line
     * ({@code --format text}) refuses the header: it would read every line whole, the ids as words.
     */
    private static NewData textWithIds(Path input, List<String> lines, TextColumns columns, TextEncoder encoder, TextLayout layout) {
        if (layout == TextLayout.LINES) {
            throw new DatasetFormatException(input, columns.line(), "this line names the columns '" + columns.layout() + "', as a "
                    + "file of texts with ids does, and --format text reads every line whole as one text, its id a word of it: "
                    + "give --format tsv (or none) to read the texts by their ids");
        }
        if (layout == TextLayout.LABELLED && columns.label() < 0) {
            throw new DatasetFormatException(input, columns.line(), "the header '" + columns.layout() + "' names no label column: "
                    + "evaluate scores each text against its label (a header such as 'id<TAB>label<TAB>text', in any order)");
        }
        List<String> ids = new ArrayList<>();
        List<float[][]> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        List<TextEncoder.Encoding> encodings = new ArrayList<>();
        UnknownWords.Tally unknown = new UnknownWords.Tally(encoder);
        List<String> whole = new ArrayList<>(); // each text's whole-text fingerprint: evaluate's check of training texts
        org.rnnlab.datasets.text.LabelSpaces spaces = new org.rnnlab.datasets.text.LabelSpaces(); // said, as training says it
        List<String> empty = new ArrayList<>();
        List<Long> emptyLines = new ArrayList<>(); // evaluate's, with their ids: all refused at once, as training refuses them
        for (TextColumns.Row row : columns.rows(input, lines)) {
            if (!encoder.hasTokens(row.text())) {
                if (layout == TextLayout.LABELLED) {
                    emptyLines.add((long) row.line());
                }
                empty.add(row.id()); // predict: the others are classified, this one named (emptyTexts)
                continue;
            }
            boolean unlabelled = row.label() == null || row.label().isEmpty() || MissingValues.isMissing(row.label());
            if (unlabelled && layout == TextLayout.LABELLED) {
                throw new DatasetFormatException(input, row.line(), "no label for id " + LabelCheck.quoted(row.id()) + " (evaluate "
                        + "scores each text against its label: give it one of the model's in the label column)");
            }
            if (!unlabelled) {
                spaces.add(row.labelAsWritten());
            }
            add(row.id(), row.line(), row.text(), unlabelled ? null : row.label(), encoder, ids, values, labels, truncated, encodings, unknown, whole);
            where.add(input + ":" + row.line());
        }
        refuseEmptyTexts(input, emptyLines, empty, "a text in the text column");
        spaces.lines().forEach(l -> LOG.warn("{}: {}", InputNames.shown(input), l));
        if (ids.isEmpty()) {
            throw new DatasetFormatException(input, "no text has tokens: every text of the " + empty.size() + " ids is empty or "
                    + "white space only (expected texts in the text column)");
        }
        if (unknown.noneKnown()) { // as for texts without ids: every prediction would be the unknown-word prior
            throw new DatasetFormatException(input, unknown.noneKnownProblem());
        }
        // named by their ids, as the file does (a trial's warning gave line numbers of a file of ids)
        unknown.noKnownWordWarning("id(s)").ifPresent(w -> LOG.warn("{}: {}", InputNames.shown(input), w));
        unknown.manyUnknownWarning("id(s)").ifPresent(w -> LOG.warn("{}: {}", InputNames.shown(input), w));
        return new NewData(ids, values, labels, List.of(), input.toString(), where, List.of(), truncated, List.of(), List.of(),
                List.of(), whole, List.of(), List.of(), encodings, List.of(), empty);
    }

    /**
     * In labelled lines of which some start with a label of the model: a first line whose first field is not one is a header
     * other than {@code label<TAB>text} (refused when the labels are scored, warned of when they are not: it is classified
     * as a text), and the other lines' labels the model does not know are named (a user's try: a header
     * 'sentiment<TAB>sentence' and a label 'neutral' went through predict without a word).
     */
    private static void checkFirstFields(Path input, List<String> lines, int header, List<String> labelNames, TextLayout layout) {
        List<Integer> unknown = new ArrayList<>(); // line indexes
        List<String> unknownLabels = new ArrayList<>();
        boolean known = false;
        int firstLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || i == header) {
                continue;
            }
            firstLine = firstLine < 0 ? i : firstLine;
            int tab = l.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String first = TextDataset.unquote(l.substring(0, tab).trim()).strip();
            if (labelNames.contains(first)) {
                known = true;
            } else if (!first.isEmpty() && !MissingValues.isMissing(first)) {
                unknown.add(i);
                unknownLabels.add(first);
            }
        }
        if (!known || unknown.isEmpty()) {
            return; // no label of the model at all: read as other first fields (ids, or labels predict does not use) above
        }
        int shift = 0;
        // a header's first field occurs once; a label recurs (a reviewer's try: a first example of a class the model lacks
        // was called a header); and a header holds column names, not a label written another way and a text (a trial user's
        // 'Billing<TAB>my invoice is wrong' on line 1 was called a header, on line 2 it got the label's diagnosis)
        if (unknown.get(0) == firstLine && java.util.Collections.frequency(unknownLabels, unknownLabels.get(0)) == 1
                && looksLikeHeader(lines.get(firstLine), labelNames)) {
            String line = lines.get(firstLine);
            String shown = line.length() > 60 ? line.substring(0, 60) + "..." : line;
            String what = "'" + shown.replace("\t", "<TAB>") + "' looks like a header, but only 'label<TAB>text' and usual column "
                    + "names ('label<TAB>sequence', 'rating<TAB>review') are read as one";
            if (layout == TextLayout.LABELLED) {
                throw new DatasetFormatException(input, firstLine + 1, what + ", and " + LabelCheck.quoted(unknownLabels.get(0)) + " is not a label of "
                        + "the model " + LabelCheck.listed(labelNames) + ": rename its columns label and text, or remove the line");
            }
            LOG.warn("{}: line {}: {}: it is classified as a text like the other lines (rename its columns label and text, or "
                    + "remove the line)", InputNames.shown(input), firstLine + 1, what);
            shift = 1;
        }
        List<String> rest = unknownLabels.subList(shift, unknownLabels.size());
        if (layout != TextLayout.LABELLED && rest.size() >= 3 && rest.stream().distinct().count() == rest.size()) {
            // different on every line, as ids are (numbered texts of a model whose labels are numbers too)
            LOG.warn("{}: the first fields of {} lines differ on every line, as ids do ({}...), and are not labels of the model {}: "
                    + "they are read as labels, which predict does not use; its ids are the line numbers (a first line "
                    + "'id<TAB>text' naming the columns reads them as ids)", InputNames.shown(input),
                    rest.size(), rest.stream().limit(3).map(LabelCheck::quoted).toList(), LabelCheck.listed(labelNames));
            return;
        }
        if (layout != TextLayout.LABELLED && unknown.size() > shift) {
            List<String> named = new ArrayList<>();
            for (int k = shift; k < unknown.size() && named.size() < 5; k++) {
                String readsAs = LabelCheck.readsAsOneOf(unknownLabels.get(k), labelNames);
                named.add(LabelCheck.quoted(unknownLabels.get(k)) + " (line " + (unknown.get(k) + 1)
                        + (readsAs.isEmpty() ? ")" : "; " + readsAs.substring(2)));
            }
            LOG.warn("{}: {} line(s) have a label the model does not know, {}{}: predict does not use labels (evaluate refuses "
                    + "them); the model's labels are {}", InputNames.shown(input), unknown.size() - shift, String.join(", ", named),
                    unknown.size() - shift > named.size() ? ", ..." : "", LabelCheck.listed(labelNames));
        }
    }

    /** Column names of a CSV export's header besides a text column's ({@link #TEXT_HEADERS}): labels and ids. */
    private static final Set<String> CSV_HEADERS = Set.of("label", "labels", "class", "category", "target", "id", "intent", "topic");

    /** A CSV header field: a short column name (letters, digits, _ . - and spaces), quoted or not. */
    private static final java.util.regex.Pattern COLUMN_NAME = java.util.regex.Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_ .-]{0,39}");

    /**
     * The column names of a line that reads as a CSV header (comma- or semicolon-separated short names: two of them a text,
     * label or id column's, or one among three or more names without spaces), or null.
     */
    static List<String> csvHeader(String line) {
        for (String delimiter : List.of(",", ";")) {
            String[] fields = line.split(delimiter, -1);
            if (fields.length < 2 || line.indexOf('\t') >= 0) {
                continue;
            }
            List<String> names = java.util.Arrays.stream(fields).map(f -> TextDataset.unquote(f.strip()).strip()).toList();
            if (!names.stream().allMatch(n -> COLUMN_NAME.matcher(n).matches())) {
                continue;
            }
            long headerWords = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).filter(n -> TEXT_HEADERS.contains(n)
                    || CSV_HEADERS.contains(n) || n.endsWith("_id")).count();
            // two column words ('text,label'), or one among three or more names without spaces ('ticket,body,created_at'):
            // a text's first line such as 'Review, thanks' has one such word among two
            if (headerWords >= 2 || headerWords == 1 && names.size() >= 3 && names.stream().noneMatch(n -> n.contains(" "))) {
                return names;
            }
        }
        return null;
    }

    /**
     * Whether a line opens a quoted field after a delimiter ({@code ,"} {@code ;"}) that does not close on the line: a CSV
     * field with a line break, which one text per line splits in two (the quote check at the start of a line does not see it).
     */
    static boolean opensQuoteMidLine(String line) {
        for (int i = 1; i < line.length(); i++) {
            char before = line.charAt(i - 1);
            if (line.charAt(i) == '"' && (before == ',' || before == ';')) {
                return line.substring(i).chars().filter(c -> c == '"').count() % 2 == 1;
            }
        }
        return false;
    }

    /**
     * Warns when a file read as one text per line looks like a CSV export (a trial user's test.csv with --format text gave 477
     * predictions for 400 tickets: the header was classified, ids, labels and dates became words, quoted tickets with a
     * line break became two): its name ends in .csv, its first line reads as a CSV header, or lines open a quoted field
     * mid-line that does not close on them.
     */
    private static void warnCsvLike(Path input, List<String> lines, String name) {
        List<String> signs = new ArrayList<>();
        if (name.endsWith(".csv")) {
            signs.add("its name ends in .csv");
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        List<String> header = first < lines.size() ? csvHeader(lines.get(first)) : null;
        if (header != null) {
            signs.add("line " + (first + 1) + " '" + lines.get(first) + "' reads as a CSV header (it is classified as a text)");
        }
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (opensQuoteMidLine(lines.get(i))) {
                open.add(i + 1);
            }
        }
        if (!open.isEmpty()) {
            signs.add(open.size() + " line(s) open a quoted field mid-line that does not close on the line (" + open.stream()
                    .limit(5).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + (open.size() > 5 ? ", ..." : "")
                    + "): a text with a line break, read as several texts");
        }
        if (signs.isEmpty()) {
            return;
        }
        String column = header == null ? "text" : header.stream().filter(n -> TEXT_HEADERS.contains(n.toLowerCase(Locale.ROOT)))
                .findFirst().orElse("text");
        LOG.warn("{}: read as one text per line, but it looks like a CSV export: {}; every line is read whole, its other columns "
                + "(ids, labels, dates) as words of the text and a quoted text with a line break as several texts, so the "
                + "predictions and their ids do not match the rows; give the text column alone, one text per line, e.g. python3 -c "
                + "\"import csv,sys; [print(' '.join(r['{}'].split())) for r in csv.DictReader(open(sys.argv[1], newline=''))]\" "
                + "FILE > texts.txt", InputNames.shown(input), String.join("; ", signs), column);
    }

    /**
     * Whether a first line whose first field is not a label of the model reads as a header of other column names
     * ({@code sentiment<TAB>sentence}) rather than as an example: not when its first field is a label of the model written
     * another way (case, Unicode form: {@link LabelCheck#readsAsOneOf}), and only when its fields are column names: a
     * text column's name ({@link #TEXT_HEADERS}), a label or id column's ({@link #CSV_HEADERS}), or both single words.
     */
    static boolean looksLikeHeader(String line, List<String> labelNames) {
        int tab = line.indexOf('\t');
        String first = TextDataset.unquote(line.substring(0, tab).trim()).strip();
        String second = TextDataset.unquote(line.substring(tab + 1)).strip();
        if (!LabelCheck.readsAsOneOf(first, labelNames).isEmpty()) {
            return false;
        }
        java.util.function.Predicate<String> word = f -> COLUMN_NAME.matcher(f).matches() && f.indexOf(' ') < 0;
        return TEXT_HEADERS.contains(second.toLowerCase(Locale.ROOT)) || CSV_HEADERS.contains(first.toLowerCase(Locale.ROOT))
                || word.test(first) && word.test(second);
    }

    /** Column names a text column is given in a spreadsheet or data frame, which as a first line would be read as a text. */
    private static final Set<String> TEXT_HEADERS = Set.of("text", "texts", "review", "reviews", "sentence", "sentences", "comment",
            "comments", "message", "messages", "description", "body", "content", "document");

    /**
     * Warns when lines of one-text-per-line input start with '>', as the header lines of a FASTA file do: each is classified
     * as a text of its own, its id as words (a trial's FASTA file gave 60 predictions for 30 sequences, the ids read as
     * DNA); the file wants one sequence per line without the headers.
     */
    static void warnFastaHeaders(Path input, List<String> lines, Vocabulary vocabulary) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > 1 && lines.get(i).charAt(0) == '>' && !Character.isWhitespace(lines.get(i).charAt(1))
                    && lines.get(i).charAt(1) != '>') { // '>seq1', not a quoted reply's '> text' or '>> text'
                at.add(i + 1);
            }
        }
        if (!at.isEmpty()) {
            LOG.warn("{}: {} line(s) start with '>' as the header lines of a FASTA file do (line(s) {}): each is classified as a "
                    + "text of its own, its words as the text; give one sequence per line without the header lines (e.g. "
                    + "awk '!/^>/' FILE; a sequence wrapped over several lines joined first){}, and join the ids back by line",
                    InputNames.shown(input), at.size(), at.stream().limit(5).map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(", ")) + (at.size() > 5 ? ", ..." : ""),
                    // a model of one base per word reads an unspaced sequence as one unknown word
                    vocabulary.singleCharacters() ? ", its characters separated by spaces, since the model's words are single "
                            + "characters (Python: ' '.join(s))" : "");
        }
    }

    /** Warns when the first line of one-text-per-line input looks like a column header ({@link #TEXT_HEADERS}). */
    private static void warnHeaderLine(Path input, List<String> lines) {
        lines.stream().filter(l -> !l.isBlank()).findFirst().map(l -> TextDataset.unquote(l).strip())
                .filter(l -> TEXT_HEADERS.contains(l.toLowerCase(java.util.Locale.ROOT))).ifPresent(h -> LOG.warn("{}: the first "
                        + "line, '{}', looks like a column's header (as pandas' to_csv writes one): it is classified as a text like "
                        + "every line; leave it out (to_csv(..., header=False)) so that the predictions' ids are the texts' lines",
                        InputNames.shown(input), h));
    }

    /**
     * Whether a line is {@code label<TAB>text} with a label of the model, a blank one or NA: the layout predict reads as a
     * label column (the text after the first TAB), whatever the file's name.
     */
    private static boolean labelColumn(String line, List<String> labelNames) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            return false;
        }
        String first = TextDataset.unquote(line.substring(0, tab).trim()).strip();
        return first.isEmpty() || MissingValues.isMissing(first) || labelNames.contains(first);
    }

    private static void add(long line, String text, String label, TextEncoder encoder, List<String> ids, List<float[][]> values,
                            List<String> labels, List<String> truncated, List<TextEncoder.Encoding> encodings,
                            UnknownWords.Tally unknown, List<String> whole) {
        add(Long.toString(line), line, text, label, encoder, ids, values, labels, truncated, encodings, unknown, whole);
    }

    /**
     * Adds a text of id {@code id} on line {@code line}: its ids, label, whether it was truncated and its whole text's
     * fingerprint ({@link org.rnnlab.datasets.csv.SplitIdsFile#textFingerprint}); its unknown words tallied by its id (its
     * line where the file has no ids).
     */
    private static void add(String id, long line, String text, String label, TextEncoder encoder, List<String> ids,
                            List<float[][]> values, List<String> labels, List<String> truncated,
                            List<TextEncoder.Encoding> encodings, UnknownWords.Tally unknown, List<String> whole) {
        TextEncoder.Encoding encoding = encoder.encoding(text);
        ids.add(id);
        values.add(encoding.values());
        encodings.add(encoding);
        labels.add(label);
        if (encoding.truncated()) {
            truncated.add(id);
        }
        unknown.add(id, text, encoding);
        whole.add(org.rnnlab.datasets.csv.SplitIdsFile.textFingerprint(encoder.tokenizer().tokenize(text)));
    }
}
