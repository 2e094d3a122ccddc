package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.datasets.Sequence;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.core.InputSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.SequenceBatchIterator;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.training.TrainedModel;

/**
 * The gradient-flow probe of a comparison: for test examples, the L2 norm of dLoss/dx_t (the input of
 * the first recurrent layer, i.e. the embedding output for token models) at each real step t, aligned
 * by the distance {@code d = length - 1 - t} from each example's own last step, and averaged over the
 * examples that reach that distance. Uses DL4J's {@code calculateGradients} (gradient of the summed
 * minibatch loss; each example's slice is its own loss's gradient).
 */
public final class InputGradientProbe implements Comparison.GradientProbe {

    @Override
    public List<Double> probe(TrainedModel trained, SequenceDataset data, int examples) {
        SequenceSet set = data.split(Split.TEST).limit(examples);
        if (set.size() == 0) {
            return List.of();
        }
        // One unmasked batch per sequence length: DL4J M2.1's calculateGradients forwards the feature mask
        // past LastTimeStep to the output layer and fails, and equal lengths need no mask.
        Map<Integer, List<Sequence>> byLength = new TreeMap<>();
        for (Sequence s : set.examples()) {
            byLength.computeIfAbsent(s.length(), k -> new ArrayList<>()).add(s);
        }
        double[] sum = new double[set.maxLength()];
        int[] count = new int[sum.length];
        for (Map.Entry<Integer, List<Sequence>> group : byLength.entrySet()) {
            INDArray perStep = inputGradientNorms(trained, data, group.getValue()); // [batch, T]
            int len = group.getKey();
            for (int i = 0; i < group.getValue().size(); i++) {
                for (int t = 0; t < len; t++) {
                    sum[len - 1 - t] += perStep.getDouble(i, t);
                    count[len - 1 - t]++;
                }
            }
        }
        List<Double> out = new ArrayList<>();
        for (int d = 0; d < sum.length && count[d] > 0; d++) {
            out.add(sum[d] / count[d]);
        }
        return out;
    }

    /** ||dLoss_i/dx_t|| for examples of equal length: {@code [batch, time]}. */
    static INDArray inputGradientNorms(TrainedModel trained, SequenceDataset data, List<Sequence> sameLength) {
        DataSet ds = SequenceBatchIterator.batch(sameLength, data.input().featureCount(), data.classCount());
        trained.normalizer().ifPresent(n -> n.preProcess(ds));
        MultiLayerNetwork net = trained.network();
        INDArray features = ds.getFeatures();
        MultiLayerNetwork probe = net;
        if (trained.spec().input().kind() == InputSpec.Kind.TOKENS) {
            features = NetworkFactory.embed(net, features.reshape(features.size(0), features.size(2)));
            probe = NetworkFactory.afterEmbedding(net, trained.spec());
        }
        Pair<Gradient, INDArray> g = probe.calculateGradients(features, ds.getLabels(), null, null);
        return g.getSecond().norm2(1);
    }
}
