package org.rnnlab.datasets.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * The first line of a wide file ({@code --set layout=wide}, {@link WideLayout}), judged before the file is read: a series
 * (data), a header of names, or the consecutive numbers {@code 0 1 2 ... N-1} (or {@code 1 ... N}) that pandas writes
 * as the header of a NumPy array's columns. Why (a UCR benchmark trial, 66a):
 * <ul>
 *   <li>{@code pd.DataFrame(arr).to_csv('X.tsv', sep='\t', index=False)}'s header {@code 0 1 ... 150} was read as a
 *       series of a fifth class "0", in training and in the test set, with warnings about its symptoms only: such a line
 *       is refused with the setting that reads it as a header ({@link #decideHeader}), and warned of when the user said
 *       {@code --set header=false};</li>
 *   <li>the header was decided from the training file and applied to the test file: a test file without the training
 *       file's header had its first series split into "features", one with a header that the training file lacks was
 *       told of "a column of categories": each file read in the training file's (or a model's) layout is refused when
 *       its first line says otherwise ({@link #requireLayout}), since a model with a header reads columns by name and one
 *       without by position, a contract no guess should bend;</li>
 *   <li>a tab-separated file read with ',' had its first line taken as a header of one column: a first line of one
 *       column that holds tabs, ';' or '|' is refused with the delimiter setting ({@link #refuseOtherDelimiter}).</li>
 * </ul>
 */
final class WideFirstLine {

    /** What a first line is. */
    enum Kind {
        /** numbers or missing-value markers only, or numbers after one text cell (a label): a series */
        DATA,
        /** names: a header */
        NAMES,
        /** all its cells the consecutive whole numbers 0..N-1 or 1..N: pandas' header of an array's columns */
        COLUMN_NUMBERS,
        /** the file holds nothing (or cannot be read: the reading proper says why) */
        NONE
    }

    /** The fewest cells of a line read as pandas' column numbers (a series {@code 0,1} is too short to tell). */
    static final int MIN_COLUMN_NUMBERS = 3;

    private final Path file;
    private final char delimiter;
    private final String line;
    private final List<String> cells;
    private final Kind kind;
    /** the cells after a text first one are 0, 1, 2, ... (pandas' header beside a label column: {@code label,0,1,2}) */
    private final boolean countingAfterText;

    private WideFirstLine(Path file, char delimiter, String line, List<String> cells) {
        this.file = file;
        this.delimiter = delimiter;
        this.line = line;
        this.cells = cells;
        boolean counting = cells.size() > 2;
        boolean numbersAfterFirst = true;
        for (int i = 1; i < cells.size(); i++) {
            String v = cells.get(i);
            numbersAfterFirst &= DecimalSeparator.isNumber(v) || MissingValues.isMissing(v);
            counting &= v.equals(Integer.toString(i - 1));
        }
        String first = cells.isEmpty() ? "" : cells.get(0);
        boolean numericFirst = DecimalSeparator.isNumber(first) || MissingValues.isMissing(first);
        this.countingAfterText = counting && !numericFirst;
        if (line == null) {
            kind = Kind.NONE;
        } else if (columnNumbers(cells)) {
            kind = Kind.COLUMN_NUMBERS;
        } else if (numbersAfterFirst && (numericFirst || cells.size() > 2 && !counting)) {
            kind = Kind.DATA;
        } else {
            kind = Kind.NAMES;
        }
    }

    /** The first line of {@code file} that holds anything, split with {@code delimiter} (cells stripped and unquoted). */
    static WideFirstLine of(Path file, char delimiter) {
        try (var reader = org.rnnlab.datasets.TextFiles.newReader(file, org.rnnlab.datasets.FileEncoding.peekCharset())) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.replace("\uFEFF", "").strip();
                if (line.isEmpty()) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (String cell : line.split(Pattern.quote(Character.toString(delimiter)), -1)) {
                    String v = cell.strip();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1).strip();
                    }
                    cells.add(v);
                }
                return new WideFirstLine(file, delimiter, line, List.copyOf(cells));
            }
        } catch (IOException | UncheckedIOException e) {
            // the reading proper says what is wrong with the file
        }
        return new WideFirstLine(file, delimiter, null, List.of());
    }

    Kind kind() {
        return kind;
    }

    /** Whether this line is a series after one text cell ({@link Kind#DATA}) and that cell is {@code name} (not a number). */
    boolean startsWithName(String name) {
        return kind == Kind.DATA && name != null && !CsvTable.isDecimal(name) && !cells.isEmpty() && cells.get(0).equals(name);
    }

    /** Whether every cell is the whole number {@code start + i}, start 0 or 1, as written (no sign, no decimals). */
    private static boolean columnNumbers(List<String> cells) {
        if (cells.size() < MIN_COLUMN_NUMBERS || !(cells.get(0).equals("0") || cells.get(0).equals("1"))) {
            return false;
        }
        int start = Integer.parseInt(cells.get(0));
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).equals(Integer.toString(start + i))) {
                return false;
            }
        }
        return true;
    }

    /** "the numbers 0 to 150, the column names pandas writes for an array's columns" */
    private String columnNumbersText() {
        return (countingAfterText ? "a name then the numbers 0 to " + (cells.size() - 2) : "the numbers " + cells.get(0) + " to "
                + cells.get(cells.size() - 1)) + ", the column names pandas writes for a NumPy array's columns "
                + "(pd.DataFrame(arr).to_csv(..., index=False))";
    }

    /** The line as shown in a message: tabs as {@code <TAB>}, long lines cut. */
    private String shown() {
        return CsvTable.abbreviate(line.replace("\t", "<TAB>"));
    }

    private String name() {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /**
     * Refuses a first line that reads as one column with {@link #delimiter} but holds tabs, ';', '|' or ',' (a UCR {@code .tsv}
     * read without {@code --set delimiter=tab}): read so, it became a header of one column and every series a value
     * "not a number".
     */
    void refuseOtherDelimiter() {
        if (kind == Kind.NONE || cells.size() != 1) {
            return;
        }
        String setting = delimiter != '\t' && line.indexOf('\t') >= 0 ? "tab"
                : delimiter != ';' && line.indexOf(';') >= 0 ? "';'"
                : delimiter != '|' && line.indexOf('|') >= 0 ? "'|'"
                : delimiter != ',' && line.indexOf(',') >= 0 ? "','" : null;
        if (setting == null) {
            return;
        }
        String held = setting.equals("tab") ? "tabs" : setting;
        if (setting.equals("','")) {
            throw new DatasetFormatException(file, 1, "--set layout=wide: line 1 ('" + shown() + "') reads as one column with '"
                    + (delimiter == '\t' ? "tab" : Character.toString(delimiter)) + "' as the separator but holds ',': is the file "
                    + "comma-separated? Read it without --set delimiter (',' is the default)");
        }
        throw new DatasetFormatException(file, 1, "--set layout=wide: line 1 ('" + shown() + "') reads as one column with '"
                + (delimiter == '\t' ? "tab" : Character.toString(delimiter)) + "' as the separator but holds " + held
                + (setting.equals("tab") && name().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv") ? " (and the file's name ends .tsv)" : "")
                + ": is the file " + (setting.equals("tab") ? "tab" : setting.replace("'", "")) + "-separated? Read it with --set "
                + "delimiter=" + setting + " (expected a line per sequence, its cells separated by the delimiter)");
    }

    /**
     * Whether the training file has a header, when {@code --set header} is not given ({@code given} null): no header when
     * its first line is a series; refused when it is pandas' column numbers, which could be either and must not be
     * guessed. With {@code --set header=false} given, such a line is read as the user said, and warned of.
     *
     * @param given      the {@code --set header} setting, or null
     * @param labelGiven whether {@code --set label} was given (else the fix names the label column)
     */
    boolean decideHeader(Boolean given, boolean labelGiven) {
        if (kind == Kind.COLUMN_NUMBERS && given == null) {
            throw new DatasetFormatException(file, 1, "--set layout=wide: line 1 ('" + shown() + "') is " + columnNumbersText()
                    + ", not a series (expected a first line of data, or --set header saying what it is): read it as the "
                    + "header with --set header=true" + (labelGiven ? "" : " --set label=" + cells.get(0) + " (the first column's "
                    + "name: the label's in UCR's layout)") + ", or write the file without it (to_csv(..., header=False), as UCR's "
                    + "files are); if it is a series, give --set header=false");
        }
        if (kind == Kind.COLUMN_NUMBERS && !given) {
            org.slf4j.LoggerFactory.getLogger(WideLayout.class).warn("csv {}:1: line 1 ('{}') is {}, read as a series of label "
                    + "'{}' as --set header=false says: if it is pandas' header, it is a bogus series in the data; read it as the "
                    + "header with --set header=true, or write the file without it (to_csv(..., header=False))", file, shown(),
                    columnNumbersText(), cells.get(0));
        }
        return given != null ? given : kind != Kind.DATA;
    }

    /**
     * Refuses a file read in the training file's (a model's) wide layout whose first line says otherwise: a series where
     * the training file had a header, or a header where it had none. A header is names, pandas' column numbers, or a line
     * that holds the training header's label column name; a line of a headerless layout is a header when it is pandas'
     * column numbers (with or without a text first cell) or when no cell but the label, id, group and split columns is a
     * number or missing-value marker.
     */
    void requireLayout(WideLayout layout) {
        if (kind == Kind.NONE) {
            return;
        }
        if (layout.header()) {
            String labelName = layout.label().name();
            boolean named = labelName != null && !CsvTable.isDecimal(labelName) && cells.contains(labelName);
            if (kind == Kind.DATA && !named) {
                throw new DatasetFormatException(file, 1, name() + " has no header line but the training file has one: line 1 ('"
                        + shown() + "') is numbers only, a series (expected the training file's header first: the model reads "
                        + "its columns by name" + (labelName == null ? "" : ", the label from '" + labelName + "'") + "): write the "
                        + "file with the training file's header line (pandas: to_csv(..., header=[the training columns]))");
            }
            return;
        }
        boolean names = false;
        boolean numbers = false;
        for (int i = 0; i < cells.size(); i++) {
            if (role(layout, i)) {
                continue;
            }
            boolean number = DecimalSeparator.isNumber(cells.get(i)) || MissingValues.isMissing(cells.get(i));
            numbers |= number;
            names |= !number;
        }
        if (kind == Kind.COLUMN_NUMBERS || countingAfterText || names && !numbers) {
            throw new DatasetFormatException(file, 1, name() + " has a header line but the training file has none: line 1 ('"
                    + shown() + "') is " + (kind == Kind.COLUMN_NUMBERS || countingAfterText ? columnNumbersText() : "names, not numbers")
                    + " (expected a series from line 1, its columns read by position as in the training file): write the file "
                    + "without its header line (pandas: to_csv(..., header=False)), or delete line 1");
        }
    }

    private static boolean role(WideLayout layout, int column) {
        for (Column c : new Column[] {layout.label(), layout.sequenceId(), layout.group(), layout.split()}) {
            if (c != null && c.name() == null && c.index() == column) {
                return true;
            }
        }
        return false;
    }
}
