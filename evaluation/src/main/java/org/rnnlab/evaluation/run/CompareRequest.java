package org.rnnlab.evaluation.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.TagBands;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.evaluation.compare.ComparisonConfig;

/**
 * Everything a comparison run needs, written as the run's {@code config.json} (every default spelled
 * out) and read back by {@link CompareRun#resume}.
 *
 * @param dataset        dataset name
 * @param datasetOptions how the dataset is opened (files, seed, settings)
 * @param comparison     architectures, clip settings, base model, training budget, seeds, probe
 * @param threads        {@code --threads} (recorded; the caller applies them with Nd4jRuntime.configureThreads)
 */
public record CompareRequest(String dataset, DatasetOptions datasetOptions, ComparisonConfig comparison, int threads) {

    /**
     * Dataset settings compare uses unless --set overrides them. For agreement, with the default budget of
     * {@link org.rnnlab.evaluation.train.RunDefaults} (6 epochs of batch 64, Adam 0.02, 24 units) and the default
     * {@link #AGREEMENT_BANDS}: 2400 training, 300 validation and 300 test sentences per band of 4 distances (so every
     * band's models get 225 updates, as the 2400 sentences of the earlier default did), rnn, lstm and gru: 27 runs in
     * under a minute on a 2-core machine. Measured (seeds 1-3): the vanilla RNN learns bands 1-4 and 5-8 (0.97-1.00) and
     * stays at chance at 9-12 (0.46-0.53), while LSTM and GRU learn every band (0.99-1.00). A band 13-16 was too long
     * for the GRU in this budget in one seed of three (0.52); trained on all distances 1-24 at once, the RNN was near
     * chance at every distance, or, with other settings, latched the number and held it at every distance.
     */
    private static final Map<String, Map<String, String>> DATASET_DEFAULTS = Map.of("agreement", ordered(
            "trainSize", "7200", "validationSize", "900", "testSize", "900", "maxDistance", "12"));

    /**
     * The bands compare uses for agreement unless --bands is given: the subject-verb distances of the data in
     * {@link #AGREEMENT_BAND_COUNT} bands of equal width, as near as the distances allow (1-4, 5-8, 9-12 with the default
     * distances 1-12; 1-4, 5-7, 8-10 with 1-10).
     */
    public static final String AGREEMENT_BANDS = "distance in 3 bands of equal width (1-4,5-8,9-12 with the default maxDistance 12; as equal as the distances allow otherwise)";

    /** Number of bands of the agreement default. */
    public static final int AGREEMENT_BAND_COUNT = 3;

    /** The architectures compare uses for agreement unless --cells is given (three bands of each keep it under a minute). */
    public static final String AGREEMENT_CELLS = "rnn,lstm,gru";

    /** The architectures compare uses for other datasets unless --cells is given. */
    public static final String DEFAULT_CELLS = "rnn,lstm,gru,bilstm";

    /** The architectures {@code --cells} defaults to for {@code dataset}. */
    public static String defaultCells(String dataset) {
        return dataset.equals("agreement") ? AGREEMENT_CELLS : DEFAULT_CELLS;
    }

    /** The bands {@code --bands} defaults to for {@code data} (null: none): agreement's distances in 3 bands of (near) equal width. */
    public static TagBands defaultBands(SequenceDataset data) {
        return data.name().equals("agreement") ? TagBands.equalWidth("distance", data, AGREEMENT_BAND_COUNT) : null;
    }

    /** Key-value pairs in the order given (config.json lists them so). */
    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The settings a comparison on {@code dataset} uses unless given (empty for most datasets). */
    public static Map<String, String> datasetDefaults(String dataset) {
        return DATASET_DEFAULTS.getOrDefault(dataset, Map.of());
    }
}
