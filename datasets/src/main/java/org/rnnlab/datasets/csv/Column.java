package org.rnnlab.datasets.csv;

import java.nio.file.Path;
import java.util.List;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * A CSV column chosen by header name or by 0-based index.
 *
 * @param name  header name (null when chosen by index)
 * @param index 0-based index (-1 when chosen by name)
 */
public record Column(String name, int index) {

    public Column {
        if ((name == null) == (index < 0)) {
            throw new IllegalArgumentException("Column needs exactly one of a name or an index >= 0, got name=" + name + ", index=" + index);
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("Column.name must not be blank");
        }
        // one Unicode form for names, as CsvTable reads headers: 'Aktivität' typed (composed) and written by software that
        // decomposes it (macOS file exports) are the same name (a user's try: "no column named 'Aktivität' (expected one of
        // [..., Aktivität])")
        name = name == null ? null : java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC);
    }

    /** The column with this header name. */
    public static Column named(String name) {
        return new Column(name, -1);
    }

    /** The column at this 0-based index. */
    public static Column at(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("Column.index must be >= 0, got " + index);
        }
        return new Column(null, index);
    }

    /**
     * Parses a column reference: a non-negative integer is an index, anything else a name.
     */
    public static Column parse(String spec) {
        String s = spec.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return at(Integer.parseInt(s));
        }
        return named(s);
    }

    /**
     * The 0-based index of this column in a file.
     *
     * @param header the file's header names, or null when it has none
     * @param width  number of columns of the file
     * @param file   the file (for messages)
     */
    /**
     * When a header read as one column holds another usual delimiter (the file is not comma-separated), the setting that
     * reads it; else empty.
     */
    static String delimiterHint(List<String> header) {
        String comment = commentHint(header);
        if (!comment.isEmpty() || header.size() != 1) {
            return comment;
        }
        String only = header.get(0);
        if (only.indexOf(';') >= 0) {
            return ": the header reads as one column but holds ';': is the file ;-separated? Read it with --set delimiter=';'";
        }
        if (only.indexOf('\t') >= 0) {
            return ": the header reads as one column but holds tabs: is the file tab-separated? Read it with --set delimiter=tab";
        }
        if (only.indexOf('|') >= 0) {
            return ": the header reads as one column but holds '|': is the file |-separated? Read it with --set delimiter='|'";
        }
        if (only.indexOf(',') >= 0) {
            return ": the header reads as one column but holds ',': is the file comma-separated? Read it without --set delimiter "
                    + "(',' is the default)";
        }
        if (only.strip().indexOf(' ') >= 0) {
            return ": the header reads as one column but holds spaces: is the file space-separated? Read it with --set 'delimiter= '";
        }
        return "";
    }

    /**
     * When the header line starts with '#' (a comment, as astronomy and instrument exports begin: a trial's "# ZTF light
     * curves" was read as the header and told to try a space delimiter), a sentence saying that comment lines are not
     * skipped; else empty.
     */
    static String commentHint(List<String> header) {
        if (header == null || header.isEmpty()) {
            return "";
        }
        String first = header.get(0).strip().replace("\uFEFF", "");
        // "# text" or a lone field: a comment; a header naming a column '#' or '#id' (pandas' index_label) is not one
        if (!(first.startsWith("# ") || first.startsWith("#!") || header.size() == 1 && first.startsWith("#") && first.length() > 1)) {
            return "";
        }
        return ": the header line starts with '#', a comment line? Comment lines are not skipped (the first line is the "
                + "header, the others data): delete them, e.g. grep -v '^#' FILE > clean.csv";
    }

    /**
     * When the "header" holds a number with a decimal point or exponent (a data row read as names: the file has no header),
     * the setting that reads such a file; else empty.
     */
    static String headerlessHint(List<String> header) {
        boolean data = header.stream().anyMatch(h -> h.strip().matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+(\\.\\d*)?[eE][-+]?\\d+)"));
        return data ? "; the first line holds numbers such as " + header.stream().filter(h -> h.strip().matches("[-+]?[\\d.eE+-]+"))
                .findFirst().orElse("") + ": if the file has no header, train with --set header=false and choose the columns by their "
                + "0-based index (e.g. --set label=" + (header.size() - 1) + " if the label is the last column, --set label=0 if it "
                + "is the first); a trained model's "
                + "predict and evaluate need the header it was trained with" : "";
    }

    /**
     * A header name that differs from {@code name} only in case, as a sentence; else empty (names are matched exactly: a
     * user's try, an Oracle export's upper-case header against a model trained on a PostgreSQL one's, got no hint).
     */
    static String caseHint(String name, List<String> header, boolean training) {
        List<String> same = header.stream().filter(h -> h.equalsIgnoreCase(name)).toList();
        return same.isEmpty() ? "" : "; the file has " + same.stream().map(h -> "'" + h + "'").collect(java.util.stream.Collectors.joining(", "))
                + ", the same name in other case (names are matched case-sensitively: " + (training ? "rename the column, or --set "
                + "the name as the file writes it)" : "rename the file's column to '" + name + "', as the model was trained on it)");
    }

    /**
     * The header names that are {@code name} but for {@link org.rnnlab.datasets.Mojibake} (either the model's name or the
     * file's garbled), each as {@code 'NO2 [Âµg/mÂ³]' for 'NO2 [µg/m³]' (...)}: a trial's model, trained on a file that went
     * through iconv twice over, refused clean files for "missing" columns, the two lists differing only so, without a word.
     */
    static List<org.rnnlab.datasets.Mojibake.Mismatch> encodingMatches(String name, List<String> header) {
        if (name == null || header == null) {
            return List.of();
        }
        return header.stream().flatMap(h -> org.rnnlab.datasets.Mojibake.mismatch(name, h).stream()).toList();
    }

    /** {@link #encodingMatches} of {@code name} as a sentence ({@code ; the file has ...}) for {@code file}; else empty. */
    static String encodingHint(String name, List<String> header, java.nio.file.Path file) {
        List<org.rnnlab.datasets.Mojibake.Mismatch> matches = encodingMatches(name, header);
        return matches.isEmpty() ? "" : "; " + org.rnnlab.datasets.Mojibake.explained(matches, file);
    }

    /**
     * Header names a letter or two from {@code name} (a typo: a trial's {@code mag_er} for {@code mag_err}, {@code starid}
     * for {@code star_id}), as a sentence; else empty. Case is ignored ({@link #caseHint} says when case alone differs).
     */
    static String closeHint(String name, List<String> header) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        int allowed = Math.min(2, n.length() / 4); // none under 4 letters: 't' is one edit from any one-letter name
        if (allowed == 0) {
            return "";
        }
        // or the name with a short suffix: 'home' for 'home_id', 'power' for 'power_w' (a trial's)
        List<String> close = header.stream().filter(h -> !h.equals(name)
                && (editDistance(n, h.toLowerCase(java.util.Locale.ROOT), allowed) <= allowed
                || h.toLowerCase(java.util.Locale.ROOT).startsWith(n) && h.length() - n.length() <= 3)).limit(3).toList();
        return close.isEmpty() ? "" : "; did you mean " + close.stream().map(h -> "'" + h + "'")
                .collect(java.util.stream.Collectors.joining(" or ")) + "?";
    }

    /**
     * The one name of {@code names} closest to {@code name} when it is close, else null: the same but for case, {@code _},
     * {@code -} and spaces, or within the edit distance {@link #closeHint} allows (case ignored; 2 at most, none under 4
     * letters), the nearest first. For "did you mean 'num_points'?" where a model's feature or a chosen column is misspelled
     * ({@code numpoints}: a radar trial's, in a request to serve and in {@code --set features}).
     */
    public static String closest(String name, List<String> names) {
        if (name == null || names == null) {
            return null;
        }
        String n = name.strip().toLowerCase(java.util.Locale.ROOT);
        String bare = n.replaceAll("[_\\-\\s]", "");
        int allowed = Math.min(2, n.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String h : names) {
            if (h == null || h.equals(name)) {
                continue;
            }
            String l = h.strip().toLowerCase(java.util.Locale.ROOT);
            int d = !bare.isEmpty() && l.replaceAll("[_\\-\\s]", "").equals(bare) ? 0 : allowed == 0 ? Integer.MAX_VALUE
                    : editDistance(n, l, allowed);
            if (d <= allowed && d < bestDistance || d == 0 && bestDistance > 0) {
                best = h;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance of {@code a} and {@code b}, or {@code limit + 1} once it exceeds {@code limit}. */
    public static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /**
     * When {@code name} is several of the header's columns joined by commas ({@code --set sequenceId=subject,epoch}), that
     * this setting takes one column and how to make one; else empty (a sleep-lab trial's epochs were numbered per subject).
     */
    static String severalHint(String name, List<String> header) {
        List<String> parts = java.util.Arrays.stream(name.split(",", -1)).map(String::strip).toList();
        if (parts.size() < 2 || !header.containsAll(parts)) {
            return "";
        }
        String joined = String.join("_", parts);
        return "; '" + name + "' names " + parts.size() + " columns, and this setting takes one: when they name a sequence "
                + "together, join them into one column first (pandas: df['" + joined + "'] = " + parts.stream()
                .map(p -> "df['" + p + "'].astype(str)").collect(java.util.stream.Collectors.joining(" + '_' + ")) + ")";
    }

    /**
     * A header as a message shows it: names of over 60 characters cut, and of more than 12 names the first 8, the count
     * of the others and the last (a spectrum's header of 703 names, or one column holding them all, ran the message to
     * 2000 characters and cut it before its hint on the delimiter or layout).
     */
    static String shownHeader(List<String> header) {
        List<String> cut = header.stream().map(CsvTable::abbreviate).toList();
        return CsvSequenceDataset.shortList(cut);
    }

    int resolve(List<String> header, int width, Path file) {
        if (name != null) {
            if (header == null) {
                throw new DatasetFormatException(file, "column '" + name + "' is chosen by name but the file has no header "
                        + "(expected a header line, or choose columns by index)");
            }
            int i = header.indexOf(name);
            if (i < 0) {
                String caseHint = caseHint(name, header, true);
                throw new DatasetFormatException(file, 1, "no column named '" + name + "' (expected one of " + shownHeader(header) + ")"
                        + caseHint + (caseHint.isEmpty() ? closeHint(name, header) : "") + severalHint(name, header)
                        + delimiterHint(header) + headerlessHint(header));
            }
            return i;
        }
        if (index >= width) {
            throw new DatasetFormatException(file, "column index " + index + " is outside the file's " + width
                    + " columns (expected 0.." + (width - 1) + ")");
        }
        return index;
    }

    @Override
    public String toString() {
        return name != null ? name : "#" + index;
    }
}
