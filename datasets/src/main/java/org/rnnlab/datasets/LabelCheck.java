package org.rnnlab.datasets;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a column read as labels looks like something else (ids, texts, measurements): more than
 * {@value #MANY} distinct values, and more than half as many as there are examples. Classes are shared by
 * many examples; a column that is not a label column rarely is.
 */
public final class LabelCheck {
    /** Distinct labels up to which any column passes. */
    public static final int MANY = 20;

    private LabelCheck() {
    }

    /**
     * The first control character of a label (C0 including TAB and line breaks, DEL, C1), or -1 if it has none. Such a label
     * is refused wherever a label enters rnnlab (training data, a model card): labels are printed on terminals (predict's
     * header and summaries, where an ESC sequence can recolour the screen or retitle the window and a BEL ring) and written
     * into every CSV rnnlab writes, where a line break splits a row for any reader that does not honour CSV quoting; no
     * class name needs one.
     */
    public static int controlCharacter(String label) {
        for (int i = 0; i < label.length(); i++) {
            if (Character.isISOControl(label.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why a label with a {@link #controlCharacter} is refused, in words that show it safely, e.g. {@code 'red\u001B[0m' holds
     * the control character U+001B (expected a class name without control characters: ...)}; empty if it has none.
     */
    public static String controlCharacterProblem(String label) {
        int at = controlCharacter(label);
        if (at < 0) {
            return "";
        }
        String shown = label.length() > 80 ? label.substring(0, 80) + "..." : label;
        return show(List.of(shown)) + " holds the control character " + String.format("U+%04X", (int) label.charAt(at))
                + " (expected a class name without control characters: no tab, line break, escape or other C0/C1 code, "
                + "which would reach terminals and every CSV written with the label)";
    }

    /**
     * Whether a spreadsheet would read a value written into a CSV cell as a formula (CSV or formula injection, OWASP): it starts
     * with {@code =} or {@code @}, or with {@code +} or {@code -} not followed by a number ({@code -1}, a UCR label, and
     * {@code +49...}, a phone number as an id, are numbers). A tab or carriage return at the start, OWASP's other two, never
     * reaches a label or id: the CSV reader trims them and labels refuse control characters.
     */
    public static boolean looksLikeFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        if (c == '=' || c == '@') {
            return true;
        }
        if (c != '+' && c != '-') {
            return false;
        }
        int i = value.length() > 1 && value.charAt(1) == '.' ? 2 : 1;
        return i >= value.length() || !Character.isDigit(value.charAt(i));
    }

    /**
     * The warning, or empty, for labels and ids that {@link #looksLikeFormula}: rnnlab writes values as they are (rewriting them,
     * e.g. with a leading {@code '}, would break joins of predictions with the user's own data), so every CSV it writes
     * (predictions, splits.csv, per-class.csv) carries them into a spreadsheet that opens it, where they run as formulas. Said
     * once at training time, naming a few of each.
     */
    public static java.util.Optional<String> formulaWarning(java.util.Collection<String> labels, java.util.Collection<String> ids) {
        List<String> l = labels.stream().filter(LabelCheck::looksLikeFormula).distinct().toList();
        List<String> i = ids.stream().filter(LabelCheck::looksLikeFormula).distinct().toList();
        if (l.isEmpty() && i.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (!l.isEmpty()) {
            parts.add(l.size() + " label(s) " + show(l.stream().limit(5).toList()) + (l.size() > 5 ? ", ..." : ""));
        }
        if (!i.isEmpty()) {
            parts.add(i.size() + " id(s) " + show(i.stream().limit(5).toList()) + (i.size() > 5 ? ", ..." : ""));
        }
        return java.util.Optional.of(String.join(" and ", parts) + " start with =, @, + or - (not a number), which a spreadsheet "
                + "runs as a formula: the CSV files rnnlab writes (predictions, splits.csv, per-class.csv) hold them as they are, "
                + "so open those files in a spreadsheet only as text (import, not double-click), or rename these values");
    }

    /** Whether {@code distinct} labels over {@code examples} examples look like a wrong label column. */
    public static boolean looksLikeNoLabel(int distinct, int examples) {
        return distinct > MANY && distinct * 2 > examples;
    }

    /**
     * The groups (two or more each) of {@code labels} that would read as one label to a person: labels that differ only in
     * case, in Unicode form (a composed and a decomposed {@code é}), in spaces (a no-break space, several spaces, spaces at
     * an end), in spaces, hyphens or underscores between words ({@code PE-LD}, {@code PE LD}, {@code pe_ld}), in invisible
     * characters (a zero-width space, a byte order mark), in how a number is written ({@code 1} and {@code 1.0}), in an
     * umlaut or ß written out ({@code Krautfaeule} and {@code Krautfäule}: German field staff without the keys) or in
     * accents ({@code Cafe} and {@code Café}, {@code Pina} and {@code Piña}: compared after NFKD without the combining
     * diacritical marks U+0300 to U+036F). Case is folded by the root rules and by Turkish ones ({@link #CASE_RULES}):
     * {@code IŞIK} is the Turkish upper case of {@code ışık}. Each is a class of its own, which a few rows written another
     * way make silently.
     */
    public static List<List<String>> nearDuplicates(List<String> labels) {
        // two keys per label (umlauts written out; accents and umlauts dropped), labels sharing either joined: Krautfäule,
        // Krautfaeule and Krautfaule read as one
        Map<String, Integer> keyOwner = new java.util.HashMap<>();
        int[] parent = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            parent[i] = i;
            for (String key : keys(labels.get(i), "")) {
                Integer j = keyOwner.putIfAbsent(key, i);
                if (j != null) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Map<String, List<String>> byKey = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byKey.computeIfAbsent(readAs(labels.get(root(parent, i))), k -> new ArrayList<>()).add(labels.get(i));
        }
        return byKey.values().stream().filter(same -> same.size() > 1).map(List::copyOf).toList();
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i] = parent[parent[i]];
        }
        return i;
    }

    /**
     * What a label reads as: NFKC, no format characters, spaces, hyphens and underscores between words as one space
     * ({@code new-launch}, {@code new launch}, {@code new_launch}: a trial's analysts wrote all three), trimmed, lower case,
     * numbers by value, umlauts and ß written out ({@code ä} as {@code ae}) and accents dropped.
     */
    static String readAs(String label) {
        return readAs(label, "");
    }

    /** {@link #readAs}, with the separators between letters as {@code joint} (a space keeps words apart, for typos). */
    private static String readAs(String label, String joint) {
        return writtenOut(typed(label, joint, 6));
    }

    /** Turkish, whose case pairs are İ/i and I/ı where the root rules' are I/i ({@link #CASE_RULES}). */
    private static final Locale TURKISH = Locale.forLanguageTag("tr");

    /**
     * The case rules labels are folded by: the root rules, then Turkish ones. Under the root rules alone a Turkish user's
     * upper-case labels read half as the model's: {@code IŞIK} lower-cases to {@code işik}, not {@code ışık}, and {@code
     * İNİŞ} to {@code iniş} with a combining dot (U+0307) after each i, which then also "differed in accents" from {@code
     * İniş} (a trial).
     */
    private static final List<Locale> CASE_RULES = List.of(Locale.ROOT, TURKISH);

    /** How {@link #howTheyDiffer} says "in case" for labels that differ in case by the Turkish rules only. */
    private static final String TURKISH_CASE = "in case (Turkish dotted and dotless i: İ/i, I/ı)";

    /**
     * The keys a label matches others by: {@link #readAs}, and the label with its umlauts dropped as accents ({@code ä} as
     * {@code a}), for each of the {@link #CASE_RULES} (those of Turkish case marked, so that labels match by one language's
     * rules at a time); the root rules' first.
     */
    private static List<String> keys(String label, String joint) {
        List<String> out = new ArrayList<>();
        for (Locale cases : CASE_RULES) {
            String s = typed(label, joint, 6, -1, cases);
            String mark = cases.equals(Locale.ROOT) ? "" : cases.toLanguageTag() + ":";
            out.add(mark + writtenOut(s));
            out.add(mark + unaccented(s));
        }
        return out;
    }

    /**
     * The ways two labels can differ and read as one, undone in this order by {@link #typed}: each said as it is in {@link
     * #howTheyDiffer}.
     */
    private static final List<String> WAYS = List.of("in invisible characters", "in Unicode form",
            "in spaces (at an end, repeated or no-break)", "in case", "in spaces, hyphens or underscores between words (or their absence)",
            "in number format");

    /** {@code label} with the first {@code steps} of {@link #WAYS} undone. */
    private static String typed(String label, String joint, int steps) {
        return typed(label, joint, steps, -1);
    }

    /** {@code label} with the first {@code steps} of {@link #WAYS} undone, except the one numbered {@code kept}. */
    private static String typed(String label, String joint, int steps, int kept) {
        return typed(label, joint, steps, kept, Locale.ROOT);
    }

    /** {@link #typed(String, String, int, int)}, case folded by the rules of {@code cases} ({@link #CASE_RULES}). */
    private static String typed(String label, String joint, int steps, int kept, Locale cases) {
        String s = label;
        for (int step = 0; step < steps; step++) {
            if (step == kept) {
                continue;
            }
            s = switch (step) {
                case 0 -> s.replaceAll("\\p{Cf}", "");
                case 1 -> Normalizer.normalize(s, Normalizer.Form.NFKC);
                case 2 -> s.replaceAll("[\\p{Z}\\s]+", " ").strip();
                case 3 -> s.toLowerCase(cases);
                // joined unless both words are single letters, codes ("a b" is not "ab")
                case 4 -> s.matches("[-+0-9.e]+") ? s : s.replaceAll("(?<=\\p{L}{2})[-_ ]+(?=\\p{L})|(?<=\\p{L})[-_ ]+(?=\\p{L}{2})", joint)
                        .replaceAll("(?<=\\p{L})[-_ ]+(?=\\p{L})", " ");
                default -> number(s);
            };
        }
        return s;
    }

    private static String number(String s) {
        try {
            if (!s.isEmpty() && s.matches("[-+0-9.e]+")) {
                return "number " + Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            // not a number
        }
        return s;
    }

    /** A lower-case label with its umlauts and ß written out as German does without them ({@code ä} as {@code ae}). */
    private static String umlautsWrittenOut(String s) {
        return s.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
    }

    /** {@link #umlautsWrittenOut}, then {@link #unaccented}. */
    private static String writtenOut(String s) {
        return unaccented(umlautsWrittenOut(s));
    }

    /**
     * {@code s} without accents: NFKD without the combining diacritical marks (U+0300 to U+036F: {@code é} as {@code e},
     * {@code ñ} as {@code n}, {@code ä} as {@code a}), recomposed. Only those marks: the vowel signs of Devanagari or the
     * voicing marks of kana are letters of their own words, not accents.
     */
    private static String unaccented(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        String stripped = d.replaceAll("[\\u0300-\\u036F]", "");
        return stripped.equals(d) ? s : Normalizer.normalize(stripped, Normalizer.Form.NFC);
    }

    /**
     * How the labels of one group of {@link #nearDuplicates} differ, in words: {@code in case}, {@code by an umlaut written
     * out (ä as ae)}, {@code in accents (é and e, ñ and n)}, several joined with "and" ({@code in case and in spaces,
     * hyphens or underscores between words (or their absence)}): each way that makes fewer of them distinct when undone.
     * Labels that read as one by Turkish case rules with fewer ways than by the root rules ({@code IŞIK} and {@code ışık},
     * {@code İNİŞ} and {@code İniş}) differ {@code in case (Turkish dotted and dotless i: İ/i, I/ı)}.
     */
    public static String howTheyDiffer(List<String> same) {
        List<String> ways = ways(same, Locale.ROOT);
        if (same.stream().anyMatch(l -> l.indexOf('I') >= 0 || l.indexOf('İ') >= 0 || l.indexOf('ı') >= 0)) {
            if (oneGroup(same.stream().map(l -> typed(l, "", WAYS.size(), -1, TURKISH)).toList(), true, true)) {
                List<String> turkish = ways(same, TURKISH);
                boolean byRoot = oneGroup(same.stream().map(l -> typed(l, "", WAYS.size())).toList(), true, true);
                if (turkish.contains(WAYS.get(3)) && (!byRoot || turkish.size() < ways.size())) {
                    ways = turkish.stream().map(w -> w.equals(WAYS.get(3)) ? TURKISH_CASE : w).toList();
                }
            }
        }
        if (ways.isEmpty()) { // not expected: every group differs in one of the ways
            return "in case, spaces, hyphens or underscores between letters (or their absence), invisible characters, Unicode "
                    + "form, number format, accents or umlauts";
        }
        return ways.size() == 1 ? ways.get(0) : String.join(", ", ways.subList(0, ways.size() - 1)) + " and " + ways.get(ways.size() - 1);
    }

    /** The ways of {@link #howTheyDiffer}, case folded by the rules of {@code cases}; empty when none is found. */
    private static List<String> ways(List<String> same, Locale cases) {
        // the ways without which they would not read as one (PE-LD, PE LD, pe_ld: case and separators)
        List<String> ways = new ArrayList<>();
        for (int step = 0; step < WAYS.size(); step++) {
            int k = step;
            if (!oneGroup(same.stream().map(l -> typed(l, "", WAYS.size(), k, cases)).toList(), true, true)) {
                ways.add(WAYS.get(step));
            }
        }
        List<String> typed = same.stream().map(l -> typed(l, "", WAYS.size(), -1, cases)).toList();
        boolean umlauts = !oneGroup(typed, false, true);
        boolean accents = !oneGroup(typed, true, false);
        if (ways.isEmpty() && !umlauts && !accents) {
            // none alone needed (a decomposed é is undone by NFKC and by dropping accents alike): the ways, in order, that make
            // fewer of them distinct
            long before = same.stream().distinct().count();
            for (int step = 1; step <= WAYS.size(); step++) {
                int k = step;
                long after = same.stream().map(l -> typed(l, "", k, -1, cases)).distinct().count();
                if (after < before) {
                    ways.add(WAYS.get(step - 1));
                }
                before = after;
            }
        }
        if (umlauts) {
            List<String> letters = new ArrayList<>();
            for (String[] u : new String[][] {{"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"ß", "ss"}}) {
                if (typed.stream().anyMatch(t -> t.contains(u[0])) && typed.stream().anyMatch(t -> t.contains(u[1]))) {
                    letters.add(u[0] + " as " + u[1]);
                }
            }
            boolean eszett = letters.stream().anyMatch(l -> l.startsWith("ß"));
            boolean umlaut = letters.size() > (eszett ? 1 : 0);
            ways.add("by " + (umlaut && eszett ? "an umlaut or ß" : eszett ? "ß" : "an umlaut") + " written out"
                    + (letters.isEmpty() ? "" : " (" + String.join(", ", letters) + ")"));
        }
        if (accents) {
            ways.add("in accents or umlauts (a letter with and without its mark, as é and e)");
        }
        return ways;
    }

    /**
     * Whether {@code typed} labels all read as one by the keys asked: umlauts written out ({@code ä} as {@code ae}; with the
     * other key, then accents dropped) and accents and umlauts dropped ({@code ä} as {@code a}); neither: as they are.
     */
    private static boolean oneGroup(List<String> typed, boolean writtenOutKey, boolean unaccentedKey) {
        List<List<String>> perLabel = new ArrayList<>();
        for (String t : typed) {
            List<String> k = new ArrayList<>();
            if (writtenOutKey) {
                k.add("w" + (unaccentedKey ? writtenOut(t) : umlautsWrittenOut(t))); // alone: no accent dropped
            }
            if (unaccentedKey) {
                k.add("u" + unaccented(t));
            }
            if (k.isEmpty()) {
                k.add("t" + t);
            }
            perLabel.add(k);
        }
        int[] parent = new int[typed.size()];
        Map<String, Integer> owner = new java.util.HashMap<>();
        for (int i = 0; i < typed.size(); i++) {
            parent[i] = i;
            for (String key : perLabel.get(i)) {
                Integer j = owner.putIfAbsent(key, i);
                if (j != null) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        int r = root(parent, 0);
        return java.util.stream.IntStream.range(0, typed.size()).allMatch(i -> root(parent, i) == r);
    }

    /**
     * Labels one letter away from a far more common label (a letter more, less, changed, or two swapped: {@code sqaut}
     * for {@code squat}, {@code intermitent} for {@code intermittent}), each as {@code 'sqaut' (2) is one letter from
     * 'squat' (130)}: a typo makes a class of its own that a few rows hold (two trials). Labels of 5 letters or more, the
     * rarer held by at most a quarter as many sequences as the other and by at most 10; labels of 4 letters only for two
     * neighbouring letters swapped ({@code stpo} for {@code stop}); not labels that are numbers.
     *
     * @param counts each label's number of sequences (or texts)
     */
    public static List<String> likelyTypos(Map<String, Long> counts) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> rare : counts.entrySet()) {
            String a = readAs(rare.getKey(), " ");
            if (a.length() < 4 || a.startsWith("number ") || rare.getValue() > 10) {
                continue;
            }
            // 5 letters or more for any one edit; 4 for two neighbours swapped only (a keyword trial's 'stpo' for 'stop'),
            // as one letter changed in a short word is often another word ('walk', 'wall')
            counts.entrySet().stream().filter(common -> common != rare && common.getValue() >= 4 * rare.getValue())
                    .filter(common -> {
                        String b = readAs(common.getKey(), " ");
                        return (a.length() >= 5 && b.length() >= 5 && oneEditApart(a, b) || a.length() == b.length()
                                && a.length() >= 4 && swapped(a, b)) && !differsInACode(a, b);
                    })
                    .max(Map.Entry.comparingByValue())
                    .ifPresent(common -> out.add(quoted(rare.getKey()) + " (" + rare.getValue() + ") is one letter from "
                            + quoted(common.getKey()) + " (" + common.getValue() + ")"));
        }
        return out;
    }

    /**
     * Whether two labels one edit apart differ where codes do: in a digit ({@code fault1}, {@code fault2}) or in a word of
     * one or two characters ({@code type a}, {@code type b}): other classes, not a typo (a review).
     */
    static boolean differsInACode(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        for (String s : new String[] {a, b}) {
            if (i < s.length() && Character.isDigit(s.charAt(i))) {
                return true;
            }
            int start = s.lastIndexOf(' ', Math.min(i, s.length() - 1)) + 1;
            int end = s.indexOf(' ', Math.min(i, s.length() - 1));
            if ((end < 0 ? s.length() : end) - start <= 2) {
                return true;
            }
        }
        return false;
    }

    /** Whether two strings of one length differ by a swap of two neighbouring characters alone. */
    static boolean swapped(String a, String b) {
        int first = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                first = i;
                break;
            }
        }
        return first >= 0 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                && a.substring(first + 2).equals(b.substring(first + 2));
    }

    /** Whether two strings differ by one insertion, deletion, substitution or swap of neighbours (not equal). */
    static boolean oneEditApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        if (a.length() == b.length()) {
            int diffs = 0;
            for (int i = 0; i < a.length(); i++) {
                diffs += a.charAt(i) != b.charAt(i) ? 1 : 0;
            }
            return diffs == 1 || swapped(a, b);
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }

    /**
     * For a label that is not one of {@code known}: the known label it would read as to a person (see {@link
     * #nearDuplicates}), said with both shown as {@link #show} shows them, e.g. {@code (it reads as the model's label
     * 'été', written another way: 'e\u0301te\u0301' against 'été')}; empty if there is none.
     */
    public static String readsAsOneOf(String label, List<String> known) {
        return knownAs(label, known).map(k -> " (it reads as the label '" + k + "' written another way: " + show(List.of(label, k))
                + " differ only " + howTheyDiffer(List.of(label, k)) + "; the file's labels must be written as in training)").orElse("");
    }

    /**
     * The label of {@code known} that {@code label} (expected not one of them: else it may be named itself) would read as to
     * a person ({@link #readsAsOneOf}), or empty: the closest first.
     */
    public static java.util.Optional<String> knownAs(String label, List<String> known) {
        // the closest first: the label without its invisible characters, then in NFKC as well, then as a person reads it (a
        // user's 'praise' with a byte order mark was matched to the model's 'Praise', a class of its own, not to 'praise')
        String visible = label.replaceAll("\\p{Cf}", "");
        String nfkc = Normalizer.normalize(visible, Normalizer.Form.NFKC);
        for (String candidate : List.of(visible, nfkc)) {
            if (!candidate.equals(label) && known.contains(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        // then as a person reads it, by any key (umlauts written out, or dropped as accents; case by the root rules, then
        // by Turkish ones)
        List<String> keys = keys(label, "");
        for (int which = 0; which < keys.size(); which++) {
            String key = keys.get(which);
            for (String k : known) {
                if (keys(k, "").get(which).equals(key)) {
                    return java.util.Optional.of(k);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * For a list of labels that are not the model's, beside {@code label}'s count: {@code , reads as 'gesund' (in case)}
     * when it would read as one of {@code known} ({@link #knownAs}), else "" (an agronomist's evaluate listed 'Gesund' (5)
     * among unknown labels without a word of the model's 'gesund').
     */
    public static String readsAsWords(String label, List<String> known) {
        return knownAs(label, known).map(k -> ", reads as " + quoted(k) + " (" + howTheyDiffer(List.of(label, k)) + ")").orElse("");
    }

    /**
     * A list of labels for messages, {@code [billing, "refunds, returns", bug "sev"]}: a label that holds a comma or a bracket,
     * starts with a double quote or has spaces at an end is written in double quotes (its own doubled, as CSV does), so
     * that the list reads as the labels it holds (a label with a comma read as two).
     */
    public static String listed(List<String> labels) {
        List<String> shown = new ArrayList<>();
        for (String label : labels) {
            boolean quote = label.isEmpty() || label.indexOf(',') >= 0 || label.indexOf('[') >= 0 || label.indexOf(']') >= 0
                    || label.startsWith("\"") || !label.strip().equals(label);
            String escaped = escaped(label); // invisible characters as in show
            shown.add(quote ? "\"" + escaped.replace("\"", "\"\"") + "\"" : escaped);
        }
        return "[" + String.join(", ", shown) + "]";
    }

    /**
     * How labels and ids are shown in messages, e.g. a group of {@link #nearDuplicates}: each quoted, its invisible characters,
     * white space other than a plain space (a no-break space, a line separator) and control characters written as {@code \\u}
     * escapes, so that two that differ only in them read differently ({@code 'normal'} and {@code 'normal\\u00A0'}, not
     * {@code 'normal'} and {@code 'normal '}).
     */
    public static String show(List<String> same) {
        List<String> shown = new ArrayList<>();
        for (String label : same) {
            shown.add("'" + escaped(label) + "'");
        }
        return String.join(", ", shown);
    }

    /** {@code label} with its invisible characters, odd white space and control characters as {@code \\u} escapes ({@link #show}). */
    private static String escaped(String label) {
        StringBuilder b = new StringBuilder();
        label.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = type == Character.FORMAT || type == Character.SPACE_SEPARATOR && c != ' '
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.NON_SPACING_MARK || Character.isISOControl(c);
            b.append(invisible ? String.format("\\u%04X", c) : new String(Character.toChars(c)));
        });
        return b.toString();
    }

    /**
     * For labels of new data the model does not know, some of which are a model label written in another Unicode form
     * (decomposed: a letter and its accent as two characters, as macOS tools write {@code Sto\u0308rung}): the one line that
     * composes them all, for the label column {@code column} (null: unnamed); else "". Trial 81a F8: the refusal named the
     * difference and offered a label map, a line per label.
     */
    public static String composeHint(java.util.Collection<String> unknown, List<String> labels, String column) {
        boolean decomposed = unknown.stream().anyMatch(l -> !l.equals(Normalizer.normalize(l, Normalizer.Form.NFC))
                && labels.contains(Normalizer.normalize(l, Normalizer.Form.NFC)));
        if (!decomposed) {
            return "";
        }
        String df = column == null ? "df[LABEL]" : "df[" + org.rnnlab.datasets.csv.CsvSchema.pythonString(column) + "]";
        return "; labels written in another Unicode form (a letter and its accent as two characters, as macOS tools write them) "
                + "are composed with pandas: " + df + " = " + df + ".str.normalize('NFC'), or the whole file with uconv -x NFC";
    }

    /**
     * One label or id for a message, quoted as {@link #show} quotes it ({@code 'normal\\u00A0'}): every message that names a
     * label or id shows it so (a user's try: "has label 'normal' (expected 'normal ')" hid the no-break space that made them two).
     */
    public static String quoted(String value) {
        return show(List.of(value));
    }

    /**
     * The warning for one group of {@link #nearDuplicates}, saying how they differ ({@link #howTheyDiffer}), with {@code counts} (what the data hold of each, e.g.
     * "training sequences: {'Up'=1, 'up'=2}"): the same words for CSV and text data.
     */
    public static String nearDuplicateWarning(List<String> same, String counts) {
        return "the labels " + show(same) + " differ only " + howTheyDiffer(same) + " and are separate classes (" + counts + "): if they are one class, write it one way";
    }
}
