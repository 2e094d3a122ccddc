package org.rnnlab.datasets;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What {@link Datasets#open(String, DatasetOptions)} needs besides the dataset's name.
 *
 * @param dataDir  a data folder: the sentiment folder (default: {@code shared/data/sentiment-labelled-sentences}),
 *                 or a folder of one CSV file per sequence; null when not used
 * @param file     a data file: a TSV ({@code text}), a long-format CSV ({@code csv} without dataDir),
 *                 or the labels file of a CSV folder (default {@code labels.csv} in it); null when not used
 * @param testFile a separate test file ({@code text}, {@code csv}); null to carve test data from {@code file}
 *                 (or take it from a split column)
 * @param seed     seed of generation and splitting
 * @param limit    at most this many examples per split, 0 for all
 * @param domain   sentiment domain {@code amazon|imdb|yelp|all}; null for the default ({@code all})
 * @param settings dataset-specific settings by name (see {@link Datasets}); unknown names are rejected
 * @param validationFile a separate validation file ({@code text}, {@code csv}); null to carve validation
 *                 data from {@code file} (or take it from a split column); absent (null) in configurations
 *                 written before it existed
 */
public record DatasetOptions(Path dataDir, Path file, Path testFile, long seed, int limit, String domain,
                             Map<String, String> settings, Path validationFile) {

    public DatasetOptions {
        if (limit < 0) {
            throw new IllegalArgumentException("DatasetOptions.limit must be >= 0 (0 = no limit), got " + limit);
        }
        // sorted and kept sorted, so config.json lists the settings in the same order every run
        settings = Collections.unmodifiableMap(new TreeMap<>(settings == null ? Map.of() : settings));
    }

    /** Reads options from JSON; {@code validationFile} is absent (null) in configurations written before it existed. */
    @JsonCreator
    static DatasetOptions fromJson(@JsonProperty("dataDir") Path dataDir,
                                   @JsonProperty("file") Path file,
                                   @JsonProperty("testFile") Path testFile,
                                   @JsonProperty("seed") long seed,
                                   @JsonProperty("limit") int limit,
                                   @JsonProperty("domain") String domain,
                                   @JsonProperty("settings") Map<String, String> settings,
                                   @JacksonInject(value = "rnnlab.absent",
                                           useInput = OptBoolean.TRUE)
                                   @JsonProperty("validationFile") Path validationFile) {
        return new DatasetOptions(dataDir, file, testFile, seed, limit, domain, settings, validationFile);
    }

    /** The files and folders these options read (for checks such as "an input inside the output folder"). */
    public List<Path> inputs() {
        return Stream.of(dataDir, file, testFile, validationFile).filter(Objects::nonNull).toList();
    }

    /** Seed 42, everything else default. */
    public static DatasetOptions defaults() {
        return new DatasetOptions(null, null, null, 42, 0, null, Map.of(), null);
    }

    /** With another seed. */
    public DatasetOptions withSeed(long s) {
        return new DatasetOptions(dataDir, file, testFile, s, limit, domain, settings, validationFile);
    }

    /** With a per-split limit (0 = none). */
    public DatasetOptions withLimit(int l) {
        return new DatasetOptions(dataDir, file, testFile, seed, l, domain, settings, validationFile);
    }

    /** With a data folder. */
    public DatasetOptions withDataDir(Path d) {
        return new DatasetOptions(d, file, testFile, seed, limit, domain, settings, validationFile);
    }

    /** With a validation file (null for none). */
    public DatasetOptions withValidationFile(Path v) {
        return new DatasetOptions(dataDir, file, testFile, seed, limit, domain, settings, v);
    }

    /** With a data file and optional test file. */
    public DatasetOptions withFiles(Path f, Path test) {
        return new DatasetOptions(dataDir, f, test, seed, limit, domain, settings, validationFile);
    }

    /** With a sentiment domain. */
    public DatasetOptions withDomain(String d) {
        return new DatasetOptions(dataDir, file, testFile, seed, limit, d, settings, validationFile);
    }

    /** With one more setting. */
    public DatasetOptions with(String key, String value) {
        Map<String, String> m = new TreeMap<>(settings);
        m.put(key, value);
        return new DatasetOptions(dataDir, file, testFile, seed, limit, domain, m, validationFile);
    }
}
