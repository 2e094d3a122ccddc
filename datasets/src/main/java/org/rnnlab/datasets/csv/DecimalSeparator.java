package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * The decimal separator of users' CSV files: {@code point} ({@code 12.4}, the default) or {@code comma} ({@code 12,4}, as
 * German, Austrian or French portals and spreadsheets export, a trial's weather-station portal among them), chosen with
 * {@code train --set decimal=comma} (recorded in config.json and in the model's data layout, {@link CsvSchema#decimal}) and
 * {@code predict}/{@code evaluate --decimal} for a new file from another export.
 *
 * <p>With {@code comma}, each cell that is a number with a decimal comma ({@code 12,4}, {@code -0,121}, {@code ,5},
 * {@code 1,5e3}, or {@code 1.234,5} with '.' grouping thousands in groups of three) is read as the same number with a
 * point when the file is read ({@link CsvTable}), so every later step sees plain decimals. A number written with a decimal
 * point ({@code 12.4}), or '.' grouping without a decimal comma ({@code 1.234}: 1234 or 1.234?), is refused naming the
 * file, line and column, as is a ',' delimiter (a comma cannot separate both columns and decimals). Whole numbers read
 * the same either way.
 *
 * <p>The choice holds for the files of one read ({@link #reading}), on this thread, as {@link org.rnnlab.datasets.FileEncoding}'s.
 */
public final class DecimalSeparator {

    /** The setting's name ({@code --set decimal=comma}). */
    public static final String SETTING = "decimal";
    /** The default: a decimal point. */
    public static final String POINT = "point";
    /** A decimal comma. */
    public static final String COMMA = "comma";

    private static final ThreadLocal<Boolean> COMMA_READ = ThreadLocal.withInitial(() -> false);

    /** A number with a decimal comma: digits (or '.'-grouped thousands), a comma, digits, an optional exponent. */
    private static final Pattern COMMA_NUMBER = Pattern.compile("[-+]?(\\d+|\\d{1,3}(\\.\\d{3})+)?,\\d+([eE][-+]?\\d+)?");
    /** A whole number with '.' grouping thousands and no decimal comma ({@code 1.234}): ambiguous under a decimal comma. */
    private static final Pattern GROUPED_WHOLE = Pattern.compile("[-+]?\\d{1,3}(\\.\\d{3})+");

    private DecimalSeparator() {
    }

    /**
     * Whether {@code value} ({@code point}, {@code comma}, or the characters {@code .} and {@code ,}; case and spaces do not
     * matter) names a decimal comma.
     *
     * @param option how the user gave it, for messages ({@code --set decimal}, {@code --decimal})
     * @throws IllegalArgumentException for any other value
     */
    public static boolean parse(String value, String option) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case POINT, "." -> false;
            case COMMA, "," -> true;
            default -> throw new IllegalArgumentException(option + " '" + value + "' is not a decimal separator (expected point "
                    + "(12.4, the default) or comma (12,4, as German or French exports write numbers))");
        };
    }

    /** The name of a choice, as recorded: {@code comma} or {@code point}. */
    public static String name(boolean comma) {
        return comma ? COMMA : POINT;
    }

    /** Runs {@code body} with files read with a decimal comma ({@code comma}) or a decimal point, on this thread. */
    public static <T> T reading(boolean comma, Supplier<T> body) {
        boolean previous = COMMA_READ.get();
        COMMA_READ.set(comma);
        try {
            return body.get();
        } finally {
            COMMA_READ.set(previous);
        }
    }

    private static final ThreadLocal<Boolean> GIVEN = new ThreadLocal<>();

    /**
     * Runs {@code body} with new files read with a decimal comma ({@code true}) or point ({@code false}) whatever the model's
     * data layout records ({@code predict} and {@code evaluate --decimal}, as {@code --delimiter} overrides the model's
     * delimiter: new data often come from another export); {@code null}: the model's.
     */
    public static <T> T given(Boolean comma, Supplier<T> body) {
        Boolean previous = GIVEN.get();
        GIVEN.set(comma);
        try {
            return body.get();
        } finally {
            GIVEN.set(previous);
        }
    }

    /** The choice {@link #given} made on this thread, or null for none. */
    public static Boolean given() {
        return GIVEN.get();
    }

    /** Whether files are read with a decimal comma on this thread.*/
    public static boolean comma() {
        return COMMA_READ.get();
    }

    /**
     * Whether a raw cell is a number as this thread's read writes them: a plain decimal, or under a decimal comma also one
     * with a decimal comma (a wide file's first line is judged before its cells are rewritten).
     */
    static boolean isNumber(String v) {
        return CsvTable.isDecimal(v) || comma() && COMMA_NUMBER.matcher(v).matches();
    }

    /** Whether a (header) name is a number written with a decimal comma ({@code 908,1}), whatever this thread's choice. */
    static boolean commaNumber(String name) {
        return name != null && COMMA_NUMBER.matcher(name.strip()).matches();
    }

    /**
     * A wide file's column name as a step of its numeric axis ({@link WideLayout#axis}): under a decimal comma, a name that
     * is a number with a decimal comma ({@code 908,1}, a German spectrometer's wavelength) as the same number with a point
     * ({@code 908.1}), as its cells are read, so that a comma export and a point export of one grid have the same axis;
     * any other name as written.
     */
    static String axisName(String name) {
        return comma() && commaNumber(name) ? name.strip().replace(".", "").replace(',', '.') : name;
    }

    /** Refuses a ',' delimiter under a decimal comma, naming the file. */
    static void refuseCommaDelimiter(Path file, char delimiter) {
        if (comma() && delimiter == ',') {
            throw new DatasetFormatException(file, "decimal=comma reads ',' as the decimal separator, and the columns are "
                    + "separated by ',' too, which cannot be told apart: give the file's own delimiter (train: --set 'delimiter=;'; "
                    + "predict and evaluate: --delimiter ';'), or read ',' as the delimiter with decimal points (train: --set "
                    + "decimal=point, the default; predict and evaluate: --decimal point)");
        }
    }

    /**
     * The rows with each decimal-comma number rewritten with a point; a number written with a decimal point, or '.'
     * grouping without a decimal comma, is refused naming the file, line and column, with how many such cells each column
     * holds.
     */
    static void convert(Path file, List<String> header, List<String[]> rows, List<Long> lines) {
        Map<Integer, Integer> points = new LinkedHashMap<>(); // column -> cells written with a point
        int firstRow = -1;
        int firstColumn = -1;
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            String[] out = null;
            for (int c = 0; c < row.length; c++) {
                String v = row[c];
                if (v == null || v.isEmpty()) {
                    continue;
                }
                char first = v.charAt(0);
                if (!(Character.isDigit(first) || first == ',' || first == '-' || first == '+' || first == '.')) {
                    continue; // not a number: left as written (text, dates, codes)
                }
                if (COMMA_NUMBER.matcher(v).matches()) {
                    if (out == null) {
                        out = row.clone();
                    }
                    out[c] = v.replace(".", "").replace(',', '.');
                } else if (v.indexOf('.') >= 0 && CsvTable.isDecimal(v)) {
                    points.merge(c, 1, Integer::sum);
                    if (firstRow < 0) {
                        firstRow = r;
                        firstColumn = c;
                    }
                }
            }
            if (out != null) {
                rows.set(r, out);
            }
        }
        if (firstRow >= 0) {
            String v = rows.get(firstRow)[firstColumn];
            StringBuilder where = new StringBuilder();
            for (Map.Entry<Integer, Integer> e : points.entrySet()) {
                where.append(where.length() == 0 ? "" : ", ").append(header != null ? "'" + header.get(e.getKey()) + "'"
                        : "#" + e.getKey()).append(" (").append(e.getValue()).append(')');
            }
            String why = GROUPED_WHOLE.matcher(v).matches() ? "'.' grouping thousands without a decimal comma, or a decimal point? "
                    + "It is not read either way under decimal=comma" : "a decimal point, where decimal=comma reads decimal commas";
            throw new DatasetFormatException(file, lines.get(firstRow), "value '" + CsvTable.abbreviate(v) + "' in column "
                    + (header != null ? "'" + header.get(firstColumn) + "'" : "#" + firstColumn) + " is written with " + why
                    + " (expected numbers such as 12,4, -0,121 or 1.234,5; cells with a '.' per column: " + where + "): a file "
                    + "written with decimal points is read with decimal=point (train: --set decimal=point, the default; predict "
                    + "and evaluate: --decimal point)");
        }
    }
}
