package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.datasets.Sequence;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.core.InputSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.datasets.SequenceBatchIterator;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.gradients.GradientFlow;
import org.rnnlab.evaluation.gradients.GradientFlowRow;
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
        for (List<Sequence> group : byLength.values()) {
            for (GradientFlowRow row : meanNorms(trained, data, group)) {
                sum[row.distance()] += row.gradNorm() * group.size();
                count[row.distance()] += group.size();
            }
        }
        List<Double> out = new ArrayList<>();
        for (int d = 0; d < sum.length && count[d] > 0; d++) {
            out.add(sum[d] / count[d]);
        }
        return out;
    }

    /** Mean ||dLoss_i/dx_t|| over examples of equal length, per step (GradientFlow, without a mask). */
    static List<GradientFlowRow> meanNorms(TrainedModel trained, SequenceDataset data, List<Sequence> sameLength) {
        DataSet ds = SequenceBatchIterator.batch(sameLength, data.input().featureCount(), data.classCount());
        trained.normalizer().ifPresent(n -> n.preProcess(ds));
        MultiLayerNetwork net = trained.network();
        INDArray features = ds.getFeatures();
        MultiLayerNetwork probe = net;
        if (trained.spec().input().kind() == InputSpec.Kind.TOKENS) {
            features = NetworkFactory.embed(net, features.reshape(features.size(0), features.size(2)));
            probe = NetworkFactory.afterEmbedding(net, trained.spec());
        }
        return GradientFlow.measure(trained.spec().label(), probe, features, ds.getLabels(), null);
    }
}
