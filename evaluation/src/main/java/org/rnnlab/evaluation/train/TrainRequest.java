package org.rnnlab.evaluation.train;

import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.training.TrainingConfig;

/**
 * Everything a training run needs, written as the run's {@code config.json} (every default spelled
 * out) and read back by {@code --resume}.
 *
 * @param dataset        dataset name
 * @param datasetOptions how the dataset is opened (files, seed, settings)
 * @param spec           the model
 * @param training       the training settings
 * @param threads        {@code --threads} (the kernels' threads; see Nd4jRuntime.configureThreads)
 */
public record TrainRequest(String dataset, DatasetOptions datasetOptions, ModelSpec spec, TrainingConfig training, int threads) {
}
