package org.rnnlab.evaluation.gradients;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnlab.core.Architecture;
import org.rnnlab.core.Json;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.NetworkFactory;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.core.bptt.BpttResult;
import org.rnnlab.core.bptt.ClippingExperiment;
import org.rnnlab.core.bptt.LossMode;
import org.rnnlab.core.bptt.RnnActivation;
import org.rnnlab.core.bptt.RnnParameters;
import org.rnnlab.core.bptt.SpectralSweep;
import org.rnnlab.core.bptt.VanillaRnn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole gradient study behind {@code rnnlab gradients}: the per-step input-gradient curve of every
 * requested architecture (DL4J networks from {@link NetworkFactory}) and of the hand-written
 * {@link VanillaRnn}, optionally after brief training, whose weights and the per-step analysis of one probe sequence are
 * written too ({@link VanillaRnnFiles}); the spectral-radius sweep; the clipping experiment; then the report ({@link GradientReport}) and the settings as {@code config.json} (every command's run folder has one).
 */
public final class GradientStudy {
    private static final Logger LOG = LoggerFactory.getLogger(GradientStudy.class);

    /** File with the settings and provenance of a study. */
    public static final String CONFIG_JSON = "config.json";
    /** Index of the held-out batch the curves are measured on (training uses batches 0, 1, 2, ...; notebook 02 probes it too). */
    public static final int PROBE_BATCH = 1_000_000;
    /** SGD rate of the hand-written RNN's brief training (with clipping at 1). */
    static final double VANILLA_RATE = 0.05;

    /**
     * @param cells           architectures to probe
     * @param steps           T, in [3, 100000]
     * @param hidden          units per recurrent layer, in [1, 4096]
     * @param features        inputs per step, in [1, 4096]
     * @param batch           sequences per batch, in [1, 100000]
     * @param radii           spectral radii of the sweep, each finite and &gt; 0
     * @param sweepActivation activation of the sweep's network
     * @param trained         whether each model is trained briefly first
     * @param trainSteps      training minibatches when {@code trained}, in [1, 1000000]
     * @param seed            seed of weights and data
     * @param dataset         data source name (see {@link GradientDataSource#byName})
     * @param data            the dataset's folder or file ({@code --data}), or null
     * @param datasetSettings the dataset's settings ({@code --set}), empty for none
     */
    public record Config(List<Architecture> cells, int steps, int hidden, int features, int batch, List<Double> radii,
                         RnnActivation sweepActivation, boolean trained, int trainSteps, long seed, String dataset, String data,
                         Map<String, String> datasetSettings) {

        /** Settings of a study on data needing no folder or settings (the random data, a generated dataset). */
        public Config(List<Architecture> cells, int steps, int hidden, int features, int batch, List<Double> radii,
                      RnnActivation sweepActivation, boolean trained, int trainSteps, long seed, String dataset) {
            this(cells, steps, hidden, features, batch, radii, sweepActivation, trained, trainSteps, seed, dataset, null, Map.of());
        }

        public Config {
            datasetSettings = datasetSettings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(datasetSettings));
            require(cells != null && !cells.isEmpty(), "cells must hold at least one architecture, got " + cells);
            cells = List.copyOf(cells);
            require(steps >= 3 && steps <= 100_000, "steps must be in [3, 100000], got " + steps);
            require(hidden >= 1 && hidden <= SpectralSweep.Config.MAX_HIDDEN, "hidden must be in [1, " + SpectralSweep.Config.MAX_HIDDEN
                    + "] (the spectral sweep's bound), got " + hidden);
            require(features >= 1 && features <= 4096, "features must be in [1, 4096], got " + features);
            require(batch >= 1 && batch <= 100_000, "batch must be in [1, 100000], got " + batch);
            require(radii != null && !radii.isEmpty(), "radii must hold at least one spectral radius, got " + radii);
            radii = List.copyOf(radii);
            for (double r : radii) {
                require(Double.isFinite(r) && r > 0, "radii must be finite and > 0, got " + r);
            }
            require(sweepActivation != null, "sweepActivation must be one of TANH, RELU, LINEAR, got null");
            require(trainSteps >= 1 && trainSteps <= 1_000_000, "trainSteps must be in [1, 1000000], got " + trainSteps);
            require(dataset != null && !dataset.isBlank(), "dataset must be named, got '" + dataset + "'");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("GradientStudy.Config." + message);
            }
        }
    }

    /**
     * What was written, with provenance.
     *
     * @param config     the settings
     * @param out        output folder
     * @param javaVersion Java runtime version
     * @param backend    ND4J backend
     * @param threads    {@code --threads} (the kernels' threads; see Nd4jRuntime.configureThreads)
     * @param clippingExperiment the clipping experiment's own settings (its network and task are its own: --hidden, --steps
     *                   and --batch do not apply to it; the study's seed seeds it)
     * @param dataOption the {@code --data} given, absolute, or null ({@code config.data} joins it with {@code --train})
     * @param trainOption the {@code --train} given, absolute, or null; with dataOption what {@code gradients --config} reads
     */
    public record Settings(Config config, String out, String javaVersion, String backend, int threads, String clippingExperiment,
                           String dataOption, String trainOption) {
    }

    /**
     * The data options as given, recorded in config.json so that {@code gradients --config} can read the same data.
     *
     * @param data  {@code --data}, absolute, or null
     * @param train {@code --train}, absolute, or null
     */
    public record Options(String data, String train) {
        /** No --data or --train (the random data, a generated dataset). */
        public static final Options NONE = new Options(null, null);
    }

    /**
     * @param flow     the per-step curves of all models
     * @param sweep    the spectral sweep
     * @param clipping the clipping experiment
     * @param files    the files written
     */
    public record Result(List<GradientFlowRow> flow, List<SpectralSweep.Row> sweep, ClippingExperiment.Result clipping,
                         GradientReport.ReportFiles files) {
    }

    private GradientStudy() {
    }

    /** The report's account of the settings and of the clipping experiment's outcome. */
    private static GradientReport.About about(Config c, GradientDataSource data, ClippingExperiment.Result clipping) {
        String settings = String.format(Locale.ROOT, "data %s (%d features), T %d steps, H %d units, batch %d, %s, the spectral "
                        + "sweep with %s at radii %s, seed %d", c.dataset(), data.features(), c.steps(), c.hidden(), c.batch(),
                c.trained() ? "each model trained on " + c.trainSteps() + " minibatches first (--trained)"
                        : "untrained models (random initial weights; --trained trains them first)",
                c.sweepActivation(), c.radii(), c.seed());
        List<String> outcomes = new ArrayList<>();
        for (ClippingExperiment.Summary s : clipping.summaries()) {
            String clip = "clip " + (Double.isInfinite(s.clip()) ? "none" : Double.toString(s.clip())) + ": " + s.outcome();
            outcomes.add(s.nonFinite() ? String.format(Locale.ROOT, "%s, %s (last finite loss %.4g)", clip,
                    clipping.stopped(s.clip()), clipping.shownFinalLoss(s.clip()))
                    : String.format(Locale.ROOT, "%s, loss %.4g at the first step, %.4g over the last 10 steps (guessing: %.3f; "
                            + "largest rise from one step to the next %.4g, in the second half %.4g)",
                            clip, s.firstLoss(), s.finalLoss(), s.chanceLoss(), s.maxLossJump(), s.lateLossJump()));
        }
        return new GradientReport.About(settings, c.trained(), outcomes, String.valueOf(c.sweepActivation()).toLowerCase(Locale.ROOT));
    }

    /** Minibatches whose mean training loss is compared with the loss of guessing ({@link #notLearned}). */
    static final int LAST_LOSSES = 10;
    /** A model has learned when its last minibatches' mean loss is below this share of the loss of guessing, ln(classes). */
    static final double LEARNED_SHARE = 0.9;

    /**
     * The warning for a model whose brief training did not learn the task, or empty: the mean loss of its last
     * {@value #LAST_LOSSES} minibatches is not below {@value #LEARNED_SHARE} times the loss of guessing, ln(classes). A user's
     * try: {@code --trained} on the default random task ended every model at or above ln 2 (rnn 0.81, lstm 0.68, gru 0.69
     * after 50 minibatches), and the report offered --trained as the remedy for gated cells that look no better than the RNN.
     */
    static java.util.Optional<String> notLearned(String model, List<Double> losses, int classes, Config c) {
        int n = losses.size();
        double last = losses.subList(Math.max(0, n - LAST_LOSSES), n).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double chance = Math.log(classes);
        if (last < LEARNED_SHARE * chance) {
            return java.util.Optional.empty();
        }
        String warning = String.format(Locale.ROOT, "%s has not learned the task: its training loss over the last %d minibatches is "
                + "%.4f, not clearly below the loss of guessing (ln %d = %.4f), so its curve is the probe of a model that has not "
                + "learned (as good as untrained); give more --train-steps (%d now) or shorter sequences (--steps %d now: the "
                + "farther back the answer lies, the longer training takes)", model, Math.min(n, LAST_LOSSES), last, classes, chance,
                c.trainSteps(), c.steps());
        LOG.warn(warning);
        return java.util.Optional.of(warning);
    }

    /** Runs everything on the named built-in source ({@code random}) and writes the report into {@code out}. */
    public static Result run(Config c, Path out) throws IOException {
        return run(c, GradientDataSource.byName(c.dataset(), c.steps(), c.features(), c.seed()), out);
    }

    /** Runs everything on the given data and writes the report into {@code out}. */
    public static Result run(Config c, GradientDataSource data, Path out) throws IOException {
        return run(c, data, out, Options.NONE);
    }

    /** Runs everything on the given data, read with the given options, and writes the report into {@code out}. */
    public static Result run(Config c, GradientDataSource data, Path out, Options given) throws IOException {
        Nd4jRuntime.ensureConfigured();
        GradientDataSource.Batch probe = data.batch(PROBE_BATCH, c.batch());
        List<GradientFlowRow> flow = new ArrayList<>();
        List<String> notLearned = new ArrayList<>();
        for (Architecture arch : c.cells()) {
            ModelSpec spec = ModelSpec.of(arch).withHiddenSizes(List.of(c.hidden())).withSeed(c.seed());
            MultiLayerNetwork net;
            try {
                net = NetworkFactory.build(spec, data.features(), data.classes());
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot build the '" + arch.id() + "' network: " + e.getMessage(), e);
            }
            if (c.trained()) {
                List<Double> losses = new ArrayList<>();
                for (int i = 0; i < c.trainSteps(); i++) {
                    GradientDataSource.Batch b = data.batch(i, c.batch());
                    net.fit(new DataSet(b.features(), b.labels(), b.fMask(), null));
                    losses.add(net.score());
                }
                LOG.info("{}: trained {} minibatches, last score {}", spec.label(), c.trainSteps(), net.score());
                notLearned(spec.label(), losses, data.classes(), c).ifPresent(notLearned::add);
            }
            flow.addAll(GradientFlow.measure(spec.label(), net, probe.features(), probe.labels(), probe.fMask()));
        }
        VanillaRnn vanilla = new VanillaRnn(RnnParameters.random(c.hidden(), data.features(), data.classes(), c.seed()),
                RnnActivation.TANH, LossMode.LAST_STEP);
        if (c.trained()) {
            double loss = Double.NaN;
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < c.trainSteps(); i++) {
                GradientDataSource.Batch b = data.batch(i, c.batch());
                BpttResult r = vanilla.lossAndGradients(b.features(), b.labels());
                loss = r.loss();
                losses.add(loss);
                vanilla = vanilla.withParams(vanilla.params().minus(r.gradients().clipNorm(1.0), VANILLA_RATE));
            }
            LOG.info("vanilla-bptt-{} (the hand-written RNN): trained {} minibatches by plain SGD at rate {} with its gradient "
                    + "clipped to norm 1, last loss {}", c.hidden(), c.trainSteps(), VANILLA_RATE, loss);
            notLearned("vanilla-bptt-" + c.hidden(), losses, data.classes(), c).ifPresent(notLearned::add);
        }
        flow.addAll(GradientFlow.measure("vanilla-bptt-" + c.hidden(), vanilla, probe.features(), probe.labels()));
        // its weights, the probe batch's first sequence and that sequence's per-step analysis, for recomputing by hand
        List<String> vanillaFiles = VanillaRnnFiles.write(out, "vanilla-bptt-" + c.hidden(), vanilla, probe.features(), probe.labels(),
                0, c.trained());

        List<SpectralSweep.Row> sweep = SpectralSweep.run(
                new SpectralSweep.Config(c.hidden(), c.steps(), c.radii(), c.sweepActivation(), 1.0, c.seed()));
        ClippingExperiment.Result clipping = ClippingExperiment.run(ClippingExperiment.Config.defaults(c.seed()));

        GradientReport.ReportFiles files = GradientReport.write(out, about(c, data, clipping).withNotLearned(notLearned), flow, sweep,
                clipping.rows());
        Json.writeFile(out.resolve(CONFIG_JSON), new Settings(c, out.toString(), System.getProperty("java.version"),
                Nd4jRuntime.backend(), Nd4jRuntime.threads(), clipping.config().describe(), given.data(), given.train()));
        List<String> all = new ArrayList<>(files.files());
        all.addAll(vanillaFiles);
        all.add(CONFIG_JSON);
        return new Result(flow, sweep, clipping, new GradientReport.ReportFiles(out, all));
    }
}
