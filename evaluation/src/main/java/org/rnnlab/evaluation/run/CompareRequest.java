package org.rnnlab.evaluation.run;

import java.util.Map;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.evaluation.compare.ComparisonConfig;

/**
 * Everything a comparison run needs, written as the run's {@code config.json} (every default spelled
 * out) and read back by {@link CompareRun#resume}.
 *
 * @param dataset        dataset name
 * @param datasetOptions how the dataset is opened (files, seed, settings)
 * @param comparison     architectures, clip settings, base model, training budget, seeds, probe
 * @param threads        ND4J threads (recorded; the caller applies them)
 */
public record CompareRequest(String dataset, DatasetOptions datasetOptions, ComparisonConfig comparison, int threads) {

    /**
     * Dataset settings compare uses unless --set overrides them. For agreement: sized, with the default
     * budget of {@link org.rnnlab.evaluation.train.RunDefaults} (6 epochs of batch 64, Adam 0.02, 24 units),
     * so that the 12 default runs take under three minutes on a 2-core machine and show the phenomenon
     * robustly (measured over seeds 1-3: the vanilla RNN stays near chance at every distance while LSTM,
     * GRU and BiLSTM exceed 0.95).
     */
    private static final Map<String, Map<String, String>> DATASET_DEFAULTS = Map.of(
            "agreement", Map.of("trainSize", "2400", "validationSize", "300", "testSize", "1200", "maxDistance", "24"));

    /** The settings a comparison on {@code dataset} uses unless given (empty for most datasets). */
    public static Map<String, String> datasetDefaults(String dataset) {
        return DATASET_DEFAULTS.getOrDefault(dataset, Map.of());
    }
}
