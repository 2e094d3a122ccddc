package org.rnnlab.evaluation.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.SequenceDataset;
import picocli.CommandLine.Option;

/** The options that choose and shape a dataset, shared by compare, train, evaluate and gradients. */
public final class DatasetOptionsMixin {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "agreement",
            description = "Dataset: agreement, temporal-order, har, sentiment, text or csv (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder: a UCI HAR folder (har), the sentiment sentences folder (sentiment; default "
                    + "../shared/data/sentiment-labelled-sentences), or a folder of one CSV per sequence (csv).")
    Path data;

    @Option(names = "--train", paramLabel = "FILE",
            description = "Data file: label<TAB>text lines (text), a long-format CSV or a CSV folder's labels file (csv).")
    Path train;

    @Option(names = "--test", paramLabel = "FILE", description = "Separate test file (text); without it --train is split by seed.")
    Path test;

    @Option(names = "--domain", paramLabel = "NAME", description = "Sentiment domain: amazon, imdb, yelp or all (default: all).")
    String domain;

    @Option(names = "--data-seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of data generation and splitting, the same for every model (default: ${DEFAULT-VALUE}).")
    long dataSeed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Use at most N examples per split, 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Dataset setting, repeatable, e.g. --set maxDistance=30 (agreement), --set maxLength=40 (text); "
                    + "see the dataset documentation for the keys.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The options as given, with {@code defaults} filled in for settings the user did not set. */
    public DatasetOptions options(Map<String, String> defaults) {
        Map<String, String> all = new LinkedHashMap<>(defaults);
        all.putAll(settings);
        return new DatasetOptions(data, train, test, dataSeed, limit, domain, all);
    }

    /** Opens the dataset. */
    public SequenceDataset open(Map<String, String> defaults) {
        return Datasets.open(dataset, options(defaults));
    }

    public String name() {
        return dataset;
    }
}
