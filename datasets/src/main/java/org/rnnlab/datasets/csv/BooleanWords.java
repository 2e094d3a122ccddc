package org.rnnlab.datasets.csv;

import java.util.Locale;
import java.util.Map;

/**
 * The words spreadsheets write for a yes/no cell: Excel's TRUE/FALSE and their spellings in its other languages, which a
 * CSV export writes as the sheet shows them (a trial's German PLC export had a valve flag of {@code WAHR}/{@code FALSCH}).
 * Each is read as 1 (true) or 0 (false) by {@code data windows}, and named with that reading in the refusals of
 * {@link CsvTable} ("a yes/no column is read as 0 and 1").
 */
public final class BooleanWords {

    /** Each word (lower case) and its reading; a word that is false in one language is true in none. */
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("true", 1), Map.entry("false", 0), // English
            Map.entry("wahr", 1), Map.entry("falsch", 0), // German
            Map.entry("vrai", 1), Map.entry("faux", 0), // French
            Map.entry("verdadero", 1), Map.entry("falso", 0), // Spanish (Italian, Portuguese: falso)
            Map.entry("vero", 1), // Italian
            Map.entry("verdadeiro", 1), // Portuguese
            Map.entry("waar", 1), Map.entry("onwaar", 0), // Dutch
            Map.entry("sant", 1), Map.entry("falskt", 0), // Swedish
            Map.entry("sand", 1), Map.entry("falsk", 0), // Danish
            Map.entry("sann", 1), Map.entry("usann", 0), // Norwegian
            Map.entry("tosi", 1), Map.entry("epätosi", 0), // Finnish
            Map.entry("prawda", 1), Map.entry("fałsz", 0)); // Polish

    private BooleanWords() {
    }

    /** 1 or 0 for a yes/no word ({@code WAHR}, {@code faux}: case and surrounding spaces do not matter), else null. */
    public static Integer value(String cell) {
        return cell == null ? null : WORDS.get(cell.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code cell} is a yes/no word. */
    public static boolean is(String cell) {
        return value(cell) != null;
    }

    /**
     * The pair {@code cell} belongs to as its spreadsheet writes it, upper case ({@code WAHR/FALSCH}), for messages; the
     * cell's own case is kept when it is not all upper case ({@code True/False}).
     */
    public static String pair(String cell) {
        String w = cell.strip();
        String lower = w.toLowerCase(Locale.ROOT);
        String[] pairs = {"true/false", "wahr/falsch", "vrai/faux", "verdadero/falso", "vero/falso", "verdadeiro/falso",
            "waar/onwaar", "sant/falskt", "sand/falsk", "sann/usann", "tosi/epätosi", "prawda/fałsz"};
        for (String p : pairs) {
            String[] two = p.split("/");
            if (two[0].equals(lower) || two[1].equals(lower)) {
                if (w.equals(w.toUpperCase(Locale.ROOT))) {
                    return p.toUpperCase(Locale.ROOT);
                }
                return Character.toUpperCase(two[0].charAt(0)) + two[0].substring(1) + "/"
                        + Character.toUpperCase(two[1].charAt(0)) + two[1].substring(1);
            }
        }
        return w;
    }
}
