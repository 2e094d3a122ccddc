package org.rnnlab.datasets.text;

import java.util.List;
import java.util.Locale;

/** Which of the UCI Sentiment Labelled Sentences files to read. */
public enum SentimentDomain {
    /** Amazon phone reviews. */
    AMAZON("amazon_cells_labelled.txt"),
    /** IMDb movie reviews. */
    IMDB("imdb_labelled.txt"),
    /** Yelp restaurant reviews. */
    YELP("yelp_labelled.txt"),
    /** All three files. */
    ALL("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt");

    private final List<String> fileNames;

    SentimentDomain(String... fileNames) {
        this.fileNames = List.of(fileNames);
    }

    /** File names in the dataset folder. */
    public List<String> fileNames() {
        return fileNames;
    }

    /** Lower-case id: amazon, imdb, yelp or all. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses amazon|imdb|yelp|all (any case). */
    public static SentimentDomain parse(String id) {
        for (SentimentDomain d : values()) {
            if (d.id().equalsIgnoreCase(id.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("sentiment domain must be one of amazon, imdb, yelp, all; got '" + id + "'");
    }
}
