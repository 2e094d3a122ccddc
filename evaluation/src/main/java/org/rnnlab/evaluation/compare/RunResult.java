package org.rnnlab.evaluation.compare;

import java.util.List;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.training.EpochStats;

/**
 * One trained configuration with one seed.
 *
 * @param configuration    architecture and clip setting, e.g. {@code lstm clip=none}
 * @param architecture     architecture id
 * @param clip             clip setting id
 * @param seed             seed of weights and data order
 * @param test             evaluation on the test split
 * @param bestEpoch        epoch whose parameters were kept
 * @param trainSeconds     training time
 * @param samplesPerSecond training throughput
 * @param parameters       trainable parameters
 * @param peakRssMb        peak resident memory of the process after this run
 * @param history          per-epoch loss and validation accuracy
 * @param gradientNorms    mean L2 norm of dLoss/dx_t by distance from the last step (index = distance), empty without probe
 */
public record RunResult(String configuration, String architecture, String clip, long seed, EvaluationResult test,
                        int bestEpoch, double trainSeconds, double samplesPerSecond, long parameters, long peakRssMb,
                        List<EpochStats> history, List<Double> gradientNorms) {

    public RunResult {
        history = List.copyOf(history);
        gradientNorms = List.copyOf(gradientNorms);
    }
}
