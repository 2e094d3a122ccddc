package org.rnnlab.datasets.csv;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The sequences whose gaps the missing-value policy filled in ({@code --missing ffill|interpolate|zero}), each with its group
 * and how much was filled: the warning names three of them, and a fall-detection trial's 161 windows of 40 participants had
 * to be counted by participant with pandas for dropout QA (which devices drop out, and how often). Train and compare write
 * them to the run folder as {@value #FILE}; the warning counts them by group where a group column is set ({@link #byGroup}).
 */
public final class FilledSequences {
    /** The file's name in a run folder. */
    public static final String FILE = "filled-sequences.csv";
    /** Groups named by {@link #byGroup}; the rest are counted. */
    static final int GROUPS_SHOWN = 5;

    private FilledSequences() {
    }

    /**
     * One sequence filled in.
     *
     * @param file  the file it was read from, as shown in messages
     * @param id    the sequence's id
     * @param group its value of the group column ({@code --set group}), null without one
     * @param cells the feature cells filled in
     * @param steps the time steps holding one or more of them
     */
    public record Filled(String file, String id, String group, long cells, int steps) {

        /** The same, of {@code group}. */
        Filled inGroup(String group) {
            return new Filled(file, id, group, cells, steps);
        }
    }

    /**
     * The file's text: {@code id,group,cells_filled,steps_filled,file}, one line per sequence in reading order (group empty
     * without a group column).
     */
    public static String csv(List<Filled> filled) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').build())) {
            p.printRecord("id", "group", "cells_filled", "steps_filled", "file");
            for (Filled f : filled) {
                p.printRecord(f.id(), f.group() == null ? "" : f.group(), f.cells(), f.steps(), f.file());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * E.g. {@code by participant: 'P12' 9 sequences, 'P03' 7, 'P21' 5, 'P30' 5, 'P01' 4, and 31 more participant value(s) with 131 sequence(s)}:
     * the groups with the most sequences filled first (ties by name), "" when no sequence has a group.
     *
     * @param column the group column's name
     */
    public static String byGroup(List<Filled> filled, String column) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        filled.stream().filter(f -> f.group() != null).forEach(f -> counts.merge(f.group(), 1, Integer::sum));
        if (counts.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue()
                .reversed().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder()))).toList();
        StringBuilder out = new StringBuilder("by ").append(column).append(": ");
        for (int i = 0; i < Math.min(GROUPS_SHOWN, sorted.size()); i++) {
            out.append(i == 0 ? "" : ", ").append('\'').append(sorted.get(i).getKey()).append("' ").append(sorted.get(i).getValue())
                    .append(i == 0 ? " sequence(s)" : "");
        }
        if (sorted.size() > GROUPS_SHOWN) {
            int rest = sorted.subList(GROUPS_SHOWN, sorted.size()).stream().mapToInt(Map.Entry::getValue).sum();
            out.append(", and ").append(sorted.size() - GROUPS_SHOWN).append(" more ").append(column).append(" value(s) with ").append(rest)
                    .append(" sequence(s)");
        }
        return out.toString();
    }
}
