package org.rnnlab.training;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.InputDescription;

/**
 * A trained network with everything needed to use it on new data.
 *
 * @param spec                   the model spec it was built from
 * @param config                 how it was trained
 * @param network                the network, with the parameters of the best validation epoch
 * @param normalizer             feature standardisation fitted on the training split (dense input), if any
 * @param labelNames             class names, index = output column
 * @param input                  what a time step holds
 * @param history                one entry per epoch trained
 * @param bestEpoch              epoch whose parameters were kept (1 first)
 * @param bestValidationAccuracy validation accuracy of that epoch (NaN without a validation split)
 * @param trainSeconds           total training time (without validation)
 * @param provenance             how it was made: environment, command line (empty from the API), dataset and
 *                               seeds, captured when training started (or given in {@link Trainer.Options}); for
 *                               a resumed run, that of the process that finished it
 */
public record TrainedModel(ModelSpec spec, TrainingConfig config, MultiLayerNetwork network,
                           Optional<NormalizerStandardize> normalizer, List<String> labelNames, InputDescription input,
                           List<EpochStats> history, int bestEpoch, double bestValidationAccuracy, double trainSeconds,
                           Provenance provenance) {

    public TrainedModel {
        labelNames = List.copyOf(labelNames);
        history = List.copyOf(history);
    }

    /** Training examples per second over the whole run. */
    public double samplesPerSecond() {
        double samples = 0;
        double seconds = 0;
        for (EpochStats e : history) {
            samples += e.samplesPerSecond() * e.seconds();
            seconds += e.seconds();
        }
        return seconds > 0 ? samples / seconds : 0;
    }
}
