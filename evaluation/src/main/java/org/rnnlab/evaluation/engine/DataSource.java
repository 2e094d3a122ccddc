package org.rnnlab.evaluation.engine;

import org.rnnlab.datasets.CrossValidation;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.TagBands;

/**
 * How any process reopens the data of a comparison: the dataset's name and options (paths must be
 * readable where the task runs, e.g. a shared folder on a cluster), the cross-validation if any, and the
 * checksum the data must have, so a worker that reads other files than the driver fails instead of
 * training on them; and the bands a task may select. The driver's {@link DatasetProvenance} (its files with their
 * sizes and SHA-256) goes along, so that such a worker's failure names the file that differs.
 *
 * @param dataset         dataset name
 * @param options         how it is opened
 * @param crossValidation folds, or null
 * @param checksum        {@link org.rnnlab.datasets.DatasetProvenance#checksum()} of the driver's data
 * @param bands           the comparison's bands, or null
 * @param provenance      the driver's data provenance, whose {@code checksum()} is {@code checksum}; null when not known
 */
public record DataSource(String dataset, DatasetOptions options, CrossValidation crossValidation, String checksum, TagBands bands,
                         DatasetProvenance provenance) {

    /** A source without bands. */
    public DataSource(String dataset, DatasetOptions options, CrossValidation crossValidation, String checksum) {
        this(dataset, options, crossValidation, checksum, null, null);
    }

    /** A source without the driver's provenance (only its checksum). */
    public DataSource(String dataset, DatasetOptions options, CrossValidation crossValidation, String checksum, TagBands bands) {
        this(dataset, options, crossValidation, checksum, bands, null);
    }

    /** A source of the driver's data {@code provenance}: its checksum and files. */
    public static DataSource of(String dataset, DatasetOptions options, CrossValidation crossValidation, DatasetProvenance provenance,
                                TagBands bands) {
        return new DataSource(dataset, options, crossValidation, provenance.checksum(), bands, provenance);
    }

    public DataSource {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("DataSource.dataset must name a dataset");
        }
        if (options == null || checksum == null) {
            throw new IllegalArgumentException("DataSource needs the dataset options and checksum");
        }
    }
}
