package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.rnnlab.core.Json;

/**
 * The data files of a {@code config.json} given with {@code --config} (train and compare): recorded files that are gone, files
 * given in place of them ({@link #replacedFiles}), and Windows paths: a user's config holding {@code "file":
 * "C:\\Users\\anna\\...\\train.csv"} was refused as "not the config.json of a 'rnnlab train' run (... Illegal character in
 * opaque part at index 2 ...)", Java's words for a drive letter read as a URI scheme.
 */
final class ConfigPaths {

    /** A drive letter ({@code C:\}, {@code C:/}) or a network share ({@code \\server}). */
    private static final Pattern WINDOWS = Pattern.compile("([A-Za-z]:[\\\\/]|\\\\\\\\).*", Pattern.DOTALL);

    private ConfigPaths() {
    }

    /**
     * When a string field of the JSON file holds a Windows absolute path: a sentence naming the field and the path, saying that
     * it cannot be read on this system; else empty (also when the file is no JSON).
     */
    static String windowsPath(Path config) {
        try {
            return find(Json.mapper().readTree(config.toFile()), "");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String find(JsonNode node, String at) {
        if (node.isTextual() && WINDOWS.matcher(node.asText()).matches()) {
            return "field " + at + " holds the Windows path '" + node.asText() + "', which cannot be read on this system (a config.json "
                    + "written on Windows): write the path of that file on this system in the field (folders separated by '/')";
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String found = find(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey());
                if (!found.isEmpty()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), at + "[" + i + "]");
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    /**
     * Refuses a {@code --config} whose recorded data files are not there, naming config.json as the source of the path and how
     * to point it elsewhere (trial 72c: {@code rnnlab train: /tmp/.../press_train.csv: file not found} did not say the path came
     * from config.json): a copy of config.json and dataset-provenance.json in a folder of their own, its
     * {@code datasetOptions.file}, {@code testFile}, {@code validationFile} or {@code dataDir} edited, replays the run on the
     * files there, recognised by content.
     *
     * @param command {@code train} or {@code compare}
     */
    static void requireRecordedFiles(picocli.CommandLine cl, Path config, org.rnnlab.datasets.DatasetOptions options, String command) {
        requireRecordedFiles(cl, config, options, command, false);
    }

    /**
     * As {@link #requireRecordedFiles(picocli.CommandLine, Path, org.rnnlab.datasets.DatasetOptions, String)}; with
     * {@code fileOptions} (train --config of a csv or text run read from files) the refusal also names --train,
     * --validation and --test, which give the files in place of the recorded ones.
     */
    static void requireRecordedFiles(picocli.CommandLine cl, Path config, org.rnnlab.datasets.DatasetOptions options, String command,
                                     boolean fileOptions) {
        if (options == null) {
            return;
        }
        Map<String, Path> fields = new java.util.LinkedHashMap<>();
        fields.put("file", options.file());
        fields.put("testFile", options.testFile());
        fields.put("validationFile", options.validationFile());
        fields.put("dataDir", options.dataDir());
        for (Map.Entry<String, Path> f : fields.entrySet()) {
            if (f.getValue() != null && !java.nio.file.Files.exists(f.getValue())) {
                throw new picocli.CommandLine.ParameterException(cl, "--config " + config + ": its datasetOptions." + f.getKey() + ", "
                        + f.getValue() + ", does not exist (the data's paths are those config.json recorded when the run was made). "
                        + "To " + command + " again on the files at another place: " + (fileOptions
                        && options.dataDir() == null ? "give them with --train, --validation and --test (those the run had), or " : "")
                        + "copy config.json and dataset-provenance.json "
                        + "into a folder of their own, write the files' paths in the copy's datasetOptions.file, testFile and "
                        + "validationFile (or dataDir; a plain absolute path or a file: URI, as config.json writes them), and give "
                        + "--config that copy: files of the same content are recognised by their SHA-256 (a repeat), others make "
                        + "the run no repeat and are said");
            }
        }
    }

    /**
     * The data options {@code d} of a {@code --config} run (of dataset {@code dataset}) with the files given by
     * {@code --train}, {@code --validation} and {@code --test} (null: not given) in place of those its config.json records,
     * each replacement said on {@code err} (trial 73a F8: replaying a run on other data meant editing a copy of config.json by
     * hand, which led into F6). Only for the csv and text datasets read from files (not a folder layout, whose labels file and
     * folder go together), and only a file the run had: a validation or test file where the run carved that split from its
     * training file (or took it from a split column) would change how the data are split, which is refused. The new run's
     * config.json records the files given; the data check ({@code repeat-of.json}) compares them with the recorded digests by
     * role, as for an edited config.json.
     *
     * @param command {@code train} or {@code compare}, the prefix of what is said
     * @param what    {@code run} or {@code comparison}, what config.json describes
     */
    static org.rnnlab.datasets.DatasetOptions replacedFiles(picocli.CommandLine cl, Path config, String command, String what,
                                                           String dataset, org.rnnlab.datasets.DatasetOptions d, Path train,
                                                           Path validation, Path test, java.io.PrintWriter err) {
        Map<String, Path> given = new java.util.LinkedHashMap<>();
        given.put("--train", train);
        given.put("--validation", validation);
        given.put("--test", test);
        given.values().removeIf(java.util.Objects::isNull);
        if (given.isEmpty()) {
            return d;
        }
        String options = String.join(", ", given.keySet());
        if (!org.rnnlab.datasets.Datasets.CSV.equals(dataset) && !"text".equals(dataset) || d == null) {
            throw new picocli.CommandLine.ParameterException(cl, options + " with --config: the data of " + config + " are the "
                    + dataset + " dataset, not csv or text files; only a csv or text " + what + "'s data files can be given in "
                    + "place of those config.json records");
        }
        if (d.dataDir() != null) {
            throw new picocli.CommandLine.ParameterException(cl, options + " with --config: " + config + " reads a folder of files ("
                    + "datasetOptions.dataDir " + d.dataDir() + "), whose labels file and folder go together; to " + command
                    + " it again on other files, copy config.json and dataset-provenance.json into a folder of their own, write the "
                    + "paths in the copy's datasetOptions.dataDir and file, and give --config that copy");
        }
        Path file = d.file();
        Path validationFile = d.validationFile();
        Path testFile = d.testFile();
        for (Map.Entry<String, Path> e : given.entrySet()) {
            String option = e.getKey();
            Path now = DatasetOptionsMixin.abs(e.getValue()); // normalized as --train is recorded without --config
            Path recorded = switch (option) {
                case "--train" -> file;
                case "--validation" -> validationFile;
                default -> testFile;
            };
            if (recorded == null) {
                String split = option.substring(2);
                throw new picocli.CommandLine.ParameterException(cl, option + " " + e.getValue() + " with --config: the " + what
                        + " of " + config + " had no " + split + " file (its " + split + " split came from its training file, carved "
                        + "or by a split column), so a " + split + " file would change how the data are split, not only which data: "
                        + "only a file the " + what + " had can be given in place of it; " + command + " without --config to split "
                        + "otherwise");
            }
            if (!java.nio.file.Files.isRegularFile(now)) {
                throw new picocli.CommandLine.ParameterException(cl, option + " " + e.getValue() + ": no such file"
                        + org.rnnlab.datasets.TextFiles.backslashHint(now));
            }
            String field = option.equals("--train") ? "file" : option.equals("--validation") ? "validationFile" : "testFile";
            err.printf("%s: %s %s replaces config.json's %s (datasetOptions.%s)%s%n", command, option, now, recorded, field,
                    now.equals(DatasetOptionsMixin.abs(recorded)) ? ": the same path" : "");
            switch (option) {
                case "--train" -> file = now;
                case "--validation" -> validationFile = now;
                default -> testFile = now;
            }
        }
        return d.withFiles(file, testFile).withValidationFile(validationFile);
    }

    /** Refuses {@code config} naming its Windows path, if it holds one ({@link #windowsPath}); else returns. */
    static void refuseWindowsPath(picocli.CommandLine cl, Path config) {
        String found = windowsPath(config);
        if (!found.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(cl, "--config " + config + ": " + found);
        }
    }
}
