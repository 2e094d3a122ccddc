package org.rnnlab.datasets.csv;

import java.nio.file.Path;

/**
 * The files a CSV dataset is read from.
 *
 * @param folder                  folder of one CSV file per sequence (folder layout), or null for the
 *                                long layout
 * @param train                   long layout: the training file; folder layout: its labels file (null
 *                                for {@code folder/labels.csv})
 * @param validation              validation sequences in the same layout, or null to carve them from
 *                                the training data (or take them from its split column)
 * @param test                    test sequences in the same layout, or null to carve them from the
 *                                training data (or take them from its split column)
 * @param validationFractionGiven whether the user set validationFraction (an error when validation
 *                                data is given otherwise)
 * @param testFractionGiven       whether the user set testFraction (likewise for test data)
 */
public record CsvSources(Path folder, Path train, Path validation, Path test, boolean validationFractionGiven,
                         boolean testFractionGiven) {

    /** A long-layout training file alone. */
    public static CsvSources longFile(Path train) {
        return new CsvSources(null, train, null, null, false, false);
    }

    /** A folder with its labels file (null for {@code labels.csv}) alone. */
    public static CsvSources folder(Path folder, Path labelsFile) {
        return new CsvSources(folder, labelsFile, null, null, false, false);
    }
}
