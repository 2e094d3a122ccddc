package org.rnnlab.datasets.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.LabelCheck;

/**
 * The columns of a text file whose first line names them, so that texts carry ids: {@code id} and {@code text}, and
 * {@code label} where given, each once, TAB-separated in any order ({@code id<TAB>label<TAB>text}; names in any case,
 * quoted or not). {@code predict} writes the id column as its output's id (FASTA record names, a pipeline's keys: without
 * it, predictions were joined back by line number), {@code evaluate} names texts by it, and training reads such a file's
 * label and text columns and checks its ids. Every id is given once; a line holds as many fields as the header names,
 * a quoted one whole (a TAB inside quotes is data, as in a {@code label<TAB>text} file: {@link TextDataset#fields}).
 * Further columns of other names ({@code lang}, {@code source}) are read as written ({@link Row#others}): a group column
 * ({@code --set group=lang}) or columns {@code predict --keep-columns} carries; the readers warn of those nothing reads.
 * The ids' column may have another name when training says so ({@code --set idColumn=review_id}, kept in the model's
 * {@link TextEncoder#idColumn}): {@link #find(Path, List, Predicate, String)}.
 *
 * @param id    0-based index of the id column
 * @param label 0-based index of the label column, -1 when the header names none
 * @param text  0-based index of the text column
 * @param count how many columns the header names
 * @param line  1-based line of the header
 * @param names the header's names as written (unquoted, stripped), in file order
 */
public record TextColumns(int id, int label, int text, int count, long line, List<String> names) {

    public TextColumns {
        names = List.copyOf(names);
    }

    private static final String ID = "id";
    private static final String LABEL = "label";
    private static final String TEXT = "text";
    private static final Set<String> NAMES = Set.of(ID, LABEL, TEXT);

    /**
     * One line of such a file.
     *
     * @param id    the id, unquoted and stripped
     * @param label the label, unquoted and stripped (possibly empty), or null without a label column
     * @param text  the text as written (unquoted)
     * @param line  1-based line
     * @param others the other columns' values (unquoted, stripped) by their names as written, in file order
     * @param labelAsWritten the label unquoted with the white space around it kept (what {@link LabelSpaces} counts), or null
     *               without a label column
     */
    public record Row(String id, String label, String text, long line, Map<String, String> others, String labelAsWritten) {
    }

    /** The names of the columns other than id, label and text, as written, in file order. */
    public List<String> others() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != id && i != label && i != text) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    /** The header as written in messages, {@code id<TAB>label<TAB>text}, in the file's order. */
    public String layout() {
        String[] shown = names.toArray(new String[0]);
        shown[id] = names.get(id).equalsIgnoreCase(ID) ? ID : names.get(id);
        shown[text] = TEXT;
        if (label >= 0) {
            shown[label] = LABEL;
        }
        return String.join("<TAB>", shown);
    }

    /**
     * The columns named by the first non-blank line of {@code lines}, or null when it names no id column. A line that reads
     * as a header naming an id column ({@code id} or a name ending in {@code _id}, among TAB-separated single-word names)
     * with names other than {@code id}, {@code text} and {@code label}, one of them twice or without a {@code text} column
     * is refused with what to rename; not when it has two fields and its first is a label ({@code isLabel}: of the model, or
     * recurring in a training file), an example whose class is called {@code id}.
     *
     * @param file    the file, for messages
     * @param lines   its lines
     * @param isLabel whether a first field is a label rather than a column name
     */
    public static TextColumns find(Path file, List<String> lines, Predicate<String> isLabel) {
        return find(file, lines, isLabel, null);
    }

    /** The setting that names the ids' column when it is not {@code id} ({@code --set idColumn=review_id}). */
    public static final String ID_COLUMN_SETTING = "idColumn";

    /**
     * As {@link #find(Path, List, Predicate)}, with the ids in the column {@code idColumn} (any case; {@code --set
     * idColumn=review_id}, stored with the model) instead of {@code id}; null for {@code id}.
     */
    public static TextColumns find(Path file, List<String> lines, Predicate<String> isLabel, String idColumn) {
        String idName = idColumn == null || idColumn.isBlank() ? ID : idColumn.strip().toLowerCase(Locale.ROOT);
        Set<String> known = Set.of(idName, LABEL, TEXT);
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            return null;
        }
        String[] fields = lines.get(first).split("\t", -1);
        if (fields.length < 2) {
            return null;
        }
        List<String> names = Arrays.stream(fields).map(f -> TextDataset.unquote(f.strip()).strip()).toList();
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        if (lower.stream().noneMatch(n -> n.equals(ID) || n.endsWith("_" + ID) || n.equals(idName))) {
            return null;
        }
        boolean distinct = lower.stream().distinct().count() == lower.size();
        if (distinct && lower.contains(idName) && lower.contains(TEXT)
                && (known.containsAll(lower) || names.stream().allMatch(n -> TextDataset.COLUMN_NAME.matcher(n).matches()))) {
            // other columns beside id, label and text (a review's language, its source): read as written, for a group
            // column or predict's --keep-columns (a trial's id<TAB>lang<TAB>label<TAB>text was refused)
            return new TextColumns(lower.indexOf(idName), lower.indexOf(LABEL), lower.indexOf(TEXT), lower.size(), first + 1L, names);
        }
        if (!names.stream().allMatch(n -> TextDataset.COLUMN_NAME.matcher(n).matches())
                || names.size() == 2 && isLabel.test(names.get(0))) {
            return null; // an example: a text of several words, or a label 'id' with its one-word text
        }
        List<String> others = names.stream().filter(n -> !known.contains(n.toLowerCase(Locale.ROOT))).toList();
        String twice = lower.stream().filter(n -> lower.indexOf(n) != lower.lastIndexOf(n)).findFirst().orElse(null);
        String wrong = !others.isEmpty() ? others.stream().map(LabelCheck::quoted).toList() + " " + (others.size() == 1 ? "is" : "are")
                + " none of them: name the ids' column " + idName + ", the texts' text and the labels' label (other columns may be "
                + "there beside an id column)" + renameLine(file, names, idName) + (lower.contains(idName) ? "" : "; or train with --set " + ID_COLUMN_SETTING + "="
                + idHint(others) + " to read the ids from that column (the model keeps the setting for evaluate and predict)")
                : twice != null ? "'" + twice + "' is named twice"
                : "no column is named text (the column of the texts)";
        throw new DatasetFormatException(file, first + 1, "'" + String.join("<TAB>", names) + "' reads as a header naming an id "
                + "column, and texts with ids are read from a first line naming the columns " + idName + " and text, and label where given, "
                + "each once, in any order (e.g. 'id<TAB>label<TAB>text'): " + wrong);
    }

    /**
     * {@code , e.g. with pandas: ...}: the line that renames the header's text and label columns ({@link
     * TextDataset#tsvRename}), or empty where no column reads as the texts'.
     */
    private static String renameLine(Path file, List<String> names, String idName) {
        String line = TextDataset.tsvRename(file, names, idName);
        return line == null ? "" : ", e.g. with pandas: " + line;
    }

    /** The column a hint names for {@code --set idColumn}: the first of {@code others} ending in {@code _id}, else NAME. */
    private static String idHint(List<String> others) {
        return others.stream().filter(n -> n.toLowerCase(Locale.ROOT).endsWith("_" + ID)).findFirst().orElse("NAME");
    }

    /**
     * The fields of line {@code i} (0-based) of {@code lines}, quoted ones whole ({@link TextDataset#fields}: a TAB inside
     * quotes is data, as in a {@code label<TAB>text} file), refused when they are not as many as the header names. A field
     * that opens a quote it does not close on its line is read as written when the line has the header's fields so (a
     * text that starts with a quotation); a line break inside a quoted text, which pandas' {@code to_csv(sep='\t')}
     * writes, is refused as in a {@code label<TAB>text} file, on the line that opens it or on the one that continues it
     * (a trial's was a field-count error of the continuation, where the file without its id column was told the cause).
     */
    private String[] fields(Path file, List<String> lines, int i) {
        String l = lines.get(i);
        List<String> fields = TextDataset.fields(l);
        String[] asSplit = l.split("\t", -1);
        boolean unclosed = TextDataset.opensQuote(fields.get(fields.size() - 1));
        if (fields.size() == count) {
            return fields.toArray(String[]::new);
        }
        if (unclosed && asSplit.length == count) {
            return asSplit; // a text that starts with a quotation and holds no TAB: read as written
        }
        String counted = fields.size() + " TAB-separated field(s) (expected " + count + ", '" + layout() + "' as the header on line "
                + line + " names them)";
        int previous = i - 1;
        while (previous >= line && lines.get(previous).isBlank()) {
            previous--;
        }
        if (unclosed) {
            throw new DatasetFormatException(file, i + 1, TextDataset.unclosedQuote("this line") + "; " + counted);
        }
        if (previous >= line) {
            List<String> before = TextDataset.fields(lines.get(previous));
            if (TextDataset.opensQuote(before.get(before.size() - 1))) {
                throw new DatasetFormatException(file, i + 1, TextDataset.unclosedQuote("line " + (previous + 1)) + "; this line "
                        + "continues it: " + counted);
            }
        }
        throw new DatasetFormatException(file, i + 1, counted + (fields.size() > count ? "; a TAB inside a text splits it: replace "
                + "TABs in the texts by spaces, or quote the text (\"...\", as pandas' to_csv(sep='\\t') does)" : ""));
    }

    /**
     * The rows after the header, blank lines skipped, quoted fields read whole ({@link #fields(Path, List, int)}). A line of
     * another number of fields than the header names, an empty
     * id or an id given before is refused with the file and line; the texts are returned as written, for the caller's
     * tokenizer to judge.
     */
    public List<Row> rows(Path file, List<String> lines) {
        List<Row> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (int i = (int) line; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            String[] fields = fields(file, lines, i);
            String id = TextDataset.unquote(fields[this.id].strip()).strip();
            if (id.isEmpty()) {
                throw new DatasetFormatException(file, i + 1, "empty id (expected each text's id in the id column, as the header on "
                        + "line " + line + " names it)");
            }
            Long before = seen.putIfAbsent(id, i + 1L);
            if (before != null) {
                throw new DatasetFormatException(file, i + 1, "id " + LabelCheck.quoted(id) + " is on line " + before + " too "
                        + "(expected each id once: predictions are named by their id)");
            }
            String labelWritten = label < 0 ? null : TextDataset.unquote(fields[label]);
            String labelField = label < 0 ? null : TextDataset.unquote(fields[label].strip()).strip();
            Map<String, String> others = new java.util.LinkedHashMap<>();
            for (int c = 0; c < count; c++) {
                if (c != this.id && c != label && c != text) {
                    others.put(names.get(c), TextDataset.unquote(fields[c].strip()).strip());
                }
            }
            rows.add(new Row(id, labelField, TextDataset.unquote(fields[text]), i + 1L, others, labelWritten));
        }
        if (rows.isEmpty()) {
            throw new DatasetFormatException(file, line, "only the header '" + layout() + "': no texts after it");
        }
        return rows;
    }
}
