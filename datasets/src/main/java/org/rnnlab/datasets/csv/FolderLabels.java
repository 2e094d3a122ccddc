package org.rnnlab.datasets.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rnnlab.datasets.DatasetFormatException;

/**
 * Labels (and groups) of the folder layout read from the folders that hold the sequence files, as torchvision's
 * ImageFolder does, instead of from a labels file ({@code --set labelFrom=folder}, {@code --set groupFrom=folder:1}): a
 * fresh-user trial's data glove wrote {@code data/signerNN/L/repNN.csv} and had to write a script listing 1920 files in a
 * labels file whose labels were the folder names.
 *
 * <p>A level is {@value #FOLDER} (the folder directly holding the file) or {@code folder:N} (the N-th folder level below
 * the data folder, 1 = the first). Every {@code .csv} file under the data folder is one sequence (hidden files and
 * folders, whose names start with '.', are passed over), its id its path relative to the data folder with '/' between
 * folders; a file with fewer folder levels than a level needs (one directly in the data folder, for {@value #FOLDER}) is
 * refused, named. The choice is recorded in the model's data layout ({@link CsvSchema#folderLabels}), so that predict and
 * evaluate read a tree of new recordings the same way.
 *
 * @param label the level naming each file's label
 * @param group the level naming each file's group (carved validation and test sets then take whole groups), or null
 */
public record FolderLabels(String label, String group) {

    /** The level of the folder directly holding each file. */
    public static final String FOLDER = "folder";

    public FolderLabels {
        label = label == null ? null : label.strip();
        group = group == null ? null : group.strip();
        level(label, "labelFrom");
        if (group != null) {
            level(group, "groupFrom");
        }
    }

    /**
     * Where the groups come from, for messages: {@code from folder level 2}, or {@code from the folder holding each file};
     * null without a {@code groupFrom}.
     */
    public String groupSource() {
        if (group == null) {
            return null;
        }
        int level = level(group, "groupFrom");
        return level == 0 ? "from the folder holding each file" : "from folder level " + level;
    }

    /** 0 for {@value #FOLDER}, N for {@code folder:N}; else refused naming {@code setting}. */
    static int level(String spec, String setting) {
        if (FOLDER.equals(spec)) {
            return 0;
        }
        if (spec != null && spec.startsWith(FOLDER + ":")) {
            try {
                int n = Integer.parseInt(spec.substring(FOLDER.length() + 1).strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // said below
            }
        }
        throw new IllegalArgumentException("csv setting " + setting + " must be folder (the name of the folder holding each file) "
                + "or folder:N (the N-th folder level below the data folder, 1 = the first), got '" + spec + "'");
    }

    /** The name the level {@code spec} gives the file of relative path {@code parts} (its folders, then its name), or null. */
    static String nameAt(String spec, List<String> parts) {
        int folders = parts.size() - 1;
        int level = level(spec, "");
        if (level == 0) {
            return folders >= 1 ? parts.get(folders - 1) : null;
        }
        return folders >= level ? parts.get(level - 1) : null;
    }

    /** The levels a file needs for {@code spec}. */
    private static String needs(String spec) {
        int level = level(spec, "");
        return level == 0 ? "in a folder below the data folder" : "at least " + level + " folder level(s) below the data folder";
    }

    /** Where a file of {@code folders} folder levels lies: {@code directly in the data folder}, {@code 1 folder level below it}. */
    private static String levels(int folders) {
        return folders == 0 ? "directly in the data folder" : folders + " folder level" + (folders == 1 ? "" : "s")
                + " below the data folder";
    }

    /**
     * The table of file names (column {@code file}), labels ({@code label}, when {@code withLabels}) and groups
     * ({@code group}, when chosen and {@code withLabels}) of every sequence file under {@code folder}, in path order: read as a
     * labels file would be. A file lacking a level is refused with how many do, naming the first.
     */
    CsvTable table(Path folder, boolean withLabels) {
        List<List<String>> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(folder)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                List<String> parts = new ArrayList<>();
                folder.relativize(p).forEach(part -> parts.add(part.toString()));
                if (parts.stream().noneMatch(x -> x.startsWith(".")) && parts.get(parts.size() - 1).toLowerCase(java.util.Locale.ROOT)
                        .endsWith(".csv")) {
                    files.add(parts);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("listing " + folder, e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        files.sort(java.util.Comparator.comparing(parts -> String.join("/", parts)));
        if (files.isEmpty()) {
            throw new DatasetFormatException(folder, "no .csv files in the folder or its sub-folders (--set labelFrom=" + label
                    + ": expected DIR/LABEL/NAME.csv, one CSV file per sequence)");
        }
        List<String> header = new ArrayList<>(List.of(CsvOptions.DEFAULT_FILE_NAME));
        if (withLabels) {
            header.add("label");
            if (group != null) {
                header.add("group");
            }
        }
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (List<String> parts : files) {
            List<String> row = new ArrayList<>(List.of(String.join("/", parts)));
            if (withLabels) {
                for (String[] level : group == null ? new String[][] {{"labelFrom", label}}
                        : new String[][] {{"labelFrom", label}, {"groupFrom", group}}) {
                    String name = nameAt(level[1], parts);
                    if (name == null) {
                        long short_ = files.stream().filter(p -> nameAt(level[1], p) == null).count();
                        throw new DatasetFormatException(folder, "--set " + level[0] + "=" + level[1] + " names each file's "
                                + (level[0].equals("labelFrom") ? "label" : "group") + " by its folder, but " + short_ + " file(s) "
                                + "lie outside such a folder, e.g. " + row.get(0) + ", " + levels(parts.size() - 1)
                                + " (expected every .csv file " + needs(level[1])
                                + ": move such files into a folder or out of " + folder + ")");
                    }
                    row.add(name);
                }
            }
            rows.add(row.toArray(String[]::new));
            lines.add((long) rows.size() + 1);
        }
        return new CsvTable(folder, List.copyOf(header), rows, lines);
    }
}
