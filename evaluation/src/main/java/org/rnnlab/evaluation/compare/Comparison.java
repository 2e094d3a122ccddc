package org.rnnlab.evaluation.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.metrics.EvaluationResult;
import org.rnnlab.evaluation.metrics.Evaluator;
import org.rnnlab.training.Provenance;
import org.rnnlab.training.TrainedModel;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/**
 * Trains every architecture x clip setting of a {@link ComparisonConfig} with each seed on the same
 * dataset and budget, evaluates each on the test split, probes its gradient flow, and summarises
 * across seeds.
 */
public final class Comparison {

    /** Measures how the loss gradient reaches each time step of a trained network. */
    @FunctionalInterface
    public interface GradientProbe {
        /**
         * Mean L2 norm of dLoss/dx_t by distance from the last step (index 0 = last step).
         *
         * @param trained    the trained model
         * @param data       the dataset
         * @param examples   how many test examples to average over
         */
        List<Double> probe(TrainedModel trained, SequenceDataset data, int examples);
    }

    /** Progress callbacks. */
    public interface Listener extends Trainer.Listener {
        /** Before a run; {@code index} counts from 0 to {@code total - 1}. */
        default void onRunStart(int index, int total, String configuration, long seed) {
        }

        /** After a run. */
        default void onRunEnd(RunResult result) {
        }
    }

    private Comparison() {
    }

    /** Runs the comparison; {@code probe} may be null for no gradient probe. */
    public static ComparisonResult run(ComparisonConfig config, SequenceDataset data, GradientProbe probe, Listener listener) {
        return run(config, data, probe, listener, Map.of(), null);
    }

    /**
     * Runs the runs of the comparison that are not in {@code finished} (keyed by {@link #runKey}), and
     * returns all. {@code listener.onRunEnd} sees each new run as soon as it ends, so a caller can keep it.
     *
     * @param stop set to stop: the run in progress ends with a {@link org.rnnlab.training.TrainingInterruptedException}
     */
    public static ComparisonResult run(ComparisonConfig config, SequenceDataset data, GradientProbe probe, Listener listener,
                                       Map<String, RunResult> finished, AtomicBoolean stop) {
        long t0 = System.nanoTime();
        Map<String, List<RunResult>> byConfiguration = new LinkedHashMap<>();
        List<RunResult> runs = new ArrayList<>();
        int index = 0;
        for (Architecture arch : config.architectures()) {
            for (ClipSetting clip : config.clips()) {
                String name = configurationName(arch, clip);
                for (int s = 0; s < config.seeds(); s++) {
                    long seed = config.firstSeed() + s;
                    RunResult r = finished.get(runKey(name, seed));
                    index++;
                    if (r == null) {
                        listener.onRunStart(index - 1, config.runs(), name, seed);
                        r = runOne(config, data, probe, listener, arch, clip, name, seed, stop);
                        listener.onRunEnd(r);
                    }
                    runs.add(r);
                    byConfiguration.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
                }
            }
        }
        List<Aggregate> aggregates = byConfiguration.values().stream().map(Aggregate::of).toList();
        return new ComparisonResult(data.name(), data.labelNames(), data.provenance(), config, runs, aggregates,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The key of one run: configuration and seed, e.g. {@code lstm clip=l2:1.0 seed 3}. */
    public static String runKey(String configuration, long seed) {
        return configuration + " seed " + seed;
    }

    /** The results of some of a comparison's runs (those finished so far), summarised like a whole one. */
    public static ComparisonResult partial(ComparisonConfig config, SequenceDataset data, List<RunResult> runs, double seconds) {
        Map<String, List<RunResult>> byConfiguration = new LinkedHashMap<>();
        for (RunResult r : runs) {
            byConfiguration.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
        }
        return new ComparisonResult(data.name(), data.labelNames(), data.provenance(), config, runs,
                byConfiguration.values().stream().map(Aggregate::of).toList(), seconds);
    }

    /** The display name of a configuration, e.g. {@code lstm} or {@code lstm clip=l2:1.0}. */
    public static String configurationName(Architecture arch, ClipSetting clip) {
        return clip.mode() == GradientNormalization.None ? arch.id() : arch.id() + " clip=" + clip.id();
    }

    private static RunResult runOne(ComparisonConfig config, SequenceDataset data, GradientProbe probe, Trainer.Listener listener,
                                    Architecture arch, ClipSetting clip, String name, long seed,
                                    AtomicBoolean stop) {
        ModelSpec spec = clip.applyTo(config.base().withCell(arch.cell()).withBidirectional(arch.bidirectional())).withSeed(seed);
        TrainingConfig training = config.training().withSeed(seed);
        TrainedModel trained = Trainer.train(spec, training, data, new Trainer.Options(listener, null, stop));
        MultiLayerNetwork net = trained.network();
        DataNormalization normalizer = trained.normalizer().orElse(null);
        EvaluationResult test = Evaluator.evaluate(net, normalizer, data, Split.TEST);
        List<Double> gradients = probe == null || config.probeExamples() == 0 ? List.of()
                : probe.probe(trained, data, config.probeExamples());
        return new RunResult(name, arch.id(), clip.id(), seed, test, trained.bestEpoch(), trained.trainSeconds(),
                trained.samplesPerSecond(), net.numParams(), Provenance.peakRssMb(), trained.history(), gradients);
    }
}
