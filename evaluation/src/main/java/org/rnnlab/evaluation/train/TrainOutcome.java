package org.rnnlab.evaluation.train;

import java.nio.file.Path;
import java.util.List;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.training.EpochStats;

/**
 * What a training run produced; also written as the run's {@code results.json}.
 *
 * @param runDir       the run folder
 * @param model        the saved bundle
 * @param modelLabel   short name of the model
 * @param bestEpoch    epoch whose parameters were kept
 * @param trainSeconds training time
 * @param history      per-epoch loss and validation accuracy
 * @param validation   evaluation on the validation split, or null without validation data
 * @param test         evaluation on the test split
 */
public record TrainOutcome(Path runDir, Path model, String modelLabel, int bestEpoch, double trainSeconds,
                           List<EpochStats> history, EvaluationResult validation, EvaluationResult test) {
}
