package org.rnnlab.evaluation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rnnlab.core.Conv1d;
import org.rnnlab.core.InputSpec;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.core.UpdaterKind;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.LabelCheck;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;
import org.rnnlab.evaluation.metrics.NamedList;
import org.rnnlab.evaluation.train.ClassWeights;
import org.rnnlab.evaluation.train.RunDefaults;
import org.rnnlab.training.Augmentation;
import org.rnnlab.training.LearningRateSchedule;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.EpochSelection;
import org.rnnlab.training.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The model-size and training-budget options that {@code train} and {@code compare} share, with the
 * defaults of {@link RunDefaults} (the help texts state them; a test keeps the two in step). An option
 * left out is null here and takes the dataset's default.
 */
public final class BudgetOptions {

    @Option(names = "--recipe", paramLabel = "NAME",
            description = "A named preset of the options below (and of compare's --cells and --seeds): har (UCI HAR sensor "
                    + "windows), text (short texts), small (tens to hundreds of sequences); options given on the command line win; "
                    + "docs/RESULTS.md gives each recipe's options and evidence; a recipe's --lr, chosen for Adam, is left out with "
                    + "--updater sgd or nesterovs, which then train at their own default (default: none).")
    String recipe;

    @Option(names = "--layers", paramLabel = "N", split = ",",
            description = "Stacked recurrent layers (default: 1). compare takes a comma-separated list, e.g. 1,2: each depth "
                    + "is crossed with --cells and --clip as a configuration of its own (named with its depth when it is not 1, "
                    + "e.g. gru x2), on the same seeds, splits and folds, so the paired differences compare the depths; train "
                    + "takes one number.")
    List<Integer> layers;

    /** Whether {@code --layers} may be a list (compare's depths side by side); train takes one. */
    private boolean depthList;

    /** Lets {@link #check} accept a list of depths (compare). */
    void allowDepthList() {
        depthList = true;
    }

    /** The depth given (the first of a list), or null when --layers was left out. */
    Integer layers() {
        return layers == null || layers.isEmpty() ? null : layers.get(0);
    }

    /** --layers as given, e.g. {@code 1,2}. */
    String layersText() {
        return layers == null ? "" : String.join(",", layers.stream().map(String::valueOf).toList());
    }

    /** Refuses a list of depths where one is trained ({@code command}'s --layers takes one number). */
    void oneDepth(CommandLine cl, String command) {
        if (layers != null && layers.size() > 1) {
            throw new CommandLine.ParameterException(cl, "--layers " + layersText() + ": " + command + " trains one depth, give one "
                    + "number (compare --layers " + layersText() + " compares the depths side by side)");
        }
    }

    @Option(names = "--hidden", description = "Units per recurrent layer (default: 64; 24 for agreement).")
    Integer hidden;

    @Option(names = "--dropout", description = "Dropout rate (the share of inputs zeroed in training) on the inputs of every "
            + "recurrent layer above the first and of the output layer, so it applies with one layer too (default: 0).")
    Double dropout;

    @Option(names = "--head", paramLabel = "last|mean|max|attention|last-step",
            description = "How the classifier reads each sequence: its last step, or the mean, maximum or learned "
                    + "attention-weighted mean (softmax of u·tanh(W h_t + b)) of the recurrent outputs over its valid "
                    + "(unpadded) steps (default: last). For a bidirectional cell (bilstm, bigru, birnn) last reads each "
                    + "direction's final state: the forward direction at the last valid step and the backward direction "
                    + "at step 0, after it has read the whole sequence (PyTorch's h_n). last-step reads both directions "
                    + "at the last valid step, where the backward one has seen one step: the last head of bidirectional "
                    + "models saved before rnnlab read the directions apart (they keep it); for a one-directional cell it is "
                    + "exactly last, and refused unless a bidirectional cell is given. On long sequences (hundreds of "
                    + "steps) an event anywhere in the run is found better pooled (max, mean, attention) than read at the "
                    + "last step, which carries back tens to hundreds of steps in a small GRU or LSTM and fewer in a vanilla "
                    + "RNN: over sequences of a median above 100 steps with last, train and compare warn so before they "
                    + "train (compare not under --tune, which searches the head), and say so again when nothing was learned "
                    + "(compare: every configuration at or below the majority or the summary-feature baseline).")
    String head;

    @Option(names = "--conv", paramLabel = "KxC[/S]", split = ",",
            description = "Causal 1-D convolutions before the recurrent layers, bottom first: KERNELxCHANNELS or "
                    + "KERNELxCHANNELS/STRIDE, e.g. 5x64/2,5x64 (ReLU; a stride of s shortens the sequence s-fold; over the "
                    + "token embeddings for text; none to leave out a recipe's; default: none).")
    List<String> conv;

    @Option(names = "--embedding", paramLabel = "N",
            description = "Size of the learned token embedding, text input only (default: 32).")
    Integer embedding;

    @Option(names = "--residual", negatable = true,
            description = "Skip connections around every recurrent layer above the first, y = x + f(x) (needs --layers 2 or "
                    + "more; default: off).")
    Boolean residual;

    @Option(names = "--weight-decay", paramLabel = "X",
            description = "Decoupled weight decay per update, as a fraction of the learning rate (e.g. 1e-4; default: 0).")
    Double weightDecay;

    @Option(names = "--class-weights", paramLabel = "balanced|FILE",
            description = "Weights of the classes in the loss: balanced (n / (k n_c) from the training split's counts; with --cv, "
                    + "per fold, from the counts of the sequences that fold trains on, none of its test part; config.json records "
                    + "each fold's) "
                    + "or a UTF-8 CSV file of LABEL,WEIGHT lines (quoted as in CSV, weights as numbers (1, 0.5, 2e1; a decimal comma is refused), a header line such as label,weight skipped; a .json file: "
                    + "an object of label: weight) naming every class (default: all 1).")
    String classWeights;

    @Option(names = "--select", paramLabel = "accuracy|macro-f1|log-loss|roc-auc|average-precision",
            description = "What the epoch kept and early stopping judge on the validation split: accuracy, or macro-f1 (the mean "
                    + "of the classes' F1, which a model that never predicts a rare class cannot score well), both at the most "
                    + "probable class; or, for a model to be ranked and thresholded (a rare class no sequence of which reaches "
                    + "p = 0.5, where those two stay flat), a score of the probabilities: log-loss (the mean cross-entropy, "
                    + "lower is better: an epoch improves by lowering it more than config.json's minImprovement), roc-auc (macro ROC AUC, each class against the rest; for "
                    + "two classes the positive class's) or average-precision (for two classes the rarer class's in the validation data, as evaluate ranks by default, in compare the rarer class of the whole training pool, for every split and fold; else the macro average) (default: "
                    + "macro-f1 with --class-weights balanced or a file of unequal weights, or when the largest class has 3 or "
                    + "more times the training sequences of the smallest, else accuracy; compare and compare --tune choose and "
                    + "rank by the same).")
    String select;

    @Option(names = "--lr-schedule", paramLabel = "SCHEDULE",
            description = "Learning-rate schedule: constant, cosine (to 0 at the last epoch) or step:EVERY:FACTOR, e.g. step:10:0.5 "
                    + "(the rate times FACTOR every EVERY epochs; step:EVERY alone halves it) (default: constant).")
    String lrSchedule;

    @Option(names = "--epochs", description = "Epochs (default: 20, or more on small data so training is given 400 "
            + "updates; 6 for agreement). Early stopping (--patience) may end it sooner.")
    Integer epochs;

    @Option(names = "--batch", description = "Minibatch size (default: 32; 64 for agreement).")
    Integer batch;

    @Option(names = "--batching", paramLabel = "HOW", description = "How each epoch draws its training minibatches: random (each "
            + "padded to its longest sequence) or by-length (sequences of similar lengths together, the minibatches still in a random "
            + "order: far less padding, so faster training, when lengths are uneven; said when random minibatches are mostly "
            + "padding) (default: random).")
    String batching;

    @Option(names = "--lr", description = "Learning rate (default: 0.005, 0.02 for agreement, with adam and rmsprop; " + SGD_RATE + " with --updater "
            + "sgd or nesterovs).")
    Double lr;

    @Option(names = "--patience",
            description = "Stop after this many epochs without validation gain (an epoch that equals the best score at a lower "
                    + "validation log-loss is a gain: it is the epoch kept), 0 = never (default: 5 for 20 epochs, scaled "
                    + "up like the epochs, chosen for small data or given by --epochs, never below 5; 0 for agreement). Needs "
                    + "validation data.")
    Integer patience;

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "0",
            description = "Stop after the epoch that reaches this training time, e.g. 30s or 5m; 0 = none (default: ${DEFAULT-VALUE}).")
    String timeBudget;

    @Option(names = "--augment", paramLabel = "SPEC",
            description = "Augment the training minibatches (dense input only; never validation or test data), e.g. "
                    + "jitter=0.03,scale=0.1,magwarp=0.2,timewarp=0.2,slice=0.9. Keys: jitter (noise sigma), scale (per-channel "
                    + "factor sigma), magwarp and timewarp (sigma of the warping curves' knots), knots (of those curves, 4), "
                    + "slice (ratio of the steps kept, 1 = off), prefix (R: each sequence cut to a random prefix of R to all of its "
                    + "steps, for predicting sequences still under way; validation stays whole; 1 = off) (default: none).")
    String augment;

    /** Checks the ranges, naming the option (a usage error). */
    void check(CommandLine cl) {
        if (recipe != null) {
            OptionChecks.parse(cl, "--recipe", recipe, Recipe::parse);
        }
        // the limits --help shows (OptionRanges): one definition for both
        OptionRanges.EPOCHS.check(cl, epochs);
        OptionRanges.BATCH.check(cl, batch);
        OptionRanges.HIDDEN.check(cl, hidden);
        if (!depthList) {
            oneDepth(cl, "train");
        }
        if (layers != null) {
            for (Integer l : layers) {
                OptionRanges.LAYERS.check(cl, l);
            }
            OptionChecks.distinct(cl, "--layers", layers, String::valueOf);
        }
        OptionRanges.PATIENCE.check(cl, patience);
        OptionRanges.LR.check(cl, lr);
        OptionRanges.DROPOUT.check(cl, dropout);
        OptionRanges.WEIGHT_DECAY.check(cl, weightDecay);
        OptionRanges.EMBEDDING.check(cl, embedding);
        convolutions(cl);
        if (select != null) {
            OptionChecks.parse(cl, "--select", select, EpochSelection::parse);
        }
        if (lrSchedule != null) {
            OptionChecks.parse(cl, "--lr-schedule", lrSchedule, LearningRateSchedule::parse);
        }
        if (Boolean.TRUE.equals(residual) && (layers == null ? 1 : java.util.Collections.min(layers)) < 2) {
            throw new CommandLine.ParameterException(cl, "--residual needs --layers 2 or more (the skip connections go around "
                    + "the layers above the first), got " + (layers == null ? "the default 1" : layersText()));
        }
        Augmentation augmentation = OptionChecks.parse(cl, "--augment", augment, Augmentation::parse);
        if (augment != null && !augment.isBlank() && !augment.trim().equalsIgnoreCase("none")) {
            // accepted and recorded, these changed nothing (a user's knots=6 alone trained exactly as without --augment)
            if (!augmentation.enabled()) {
                throw new CommandLine.ParameterException(cl, "--augment " + augment + " turns no transform on (jitter, scale, magwarp "
                        + "and timewarp are off at 0, slice and prefix at 1): give a value that augments, e.g. jitter=0.03, or leave "
                        + "--augment out");
            }
            if (augment.toLowerCase(java.util.Locale.ROOT).matches(".*\\bknots\\s*=.*") && augmentation.magWarp() == 0
                    && augmentation.timeWarp() == 0) {
                throw new CommandLine.ParameterException(cl, "--augment " + augment + ": knots shapes the random curves of magwarp and "
                        + "timewarp, and neither is on: add magwarp=.. or timewarp=.., or leave knots out");
            }
        }
        if (head != null) {
            try {
                SequenceHead.parse(head);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--head: " + e.getMessage());
            }
        }
    }

    /**
     * Refuses {@code --head last-step} when no cell in {@code architectures} reads both directions: it differs from
     * {@code last} only for a bidirectional cell, whose backward direction it reads at the last step too; for a
     * one-directional cell it is exactly {@code last} (a user's {@code --cells rnn,lstm --head last-step} printed "last-step
     * head" and gave the scores of {@code --head last}; train named the model {@code lstm-4-last-step}). With a mix of
     * cells, says on {@code err} that the one-directional ones train as with {@code last}. Config files are not checked here:
     * one written before the per-direction last head reads as last-step with all its cells, and replays as it trained.
     *
     * @param given  how the cells were given, e.g. {@code --cell lstm} or {@code --cells rnn,lstm}
     */
    void checkLastStep(CommandLine cl, List<org.rnnlab.core.Architecture> architectures, String given, PrintWriter err,
                       String command) {
        if (head == null || SequenceHead.parse(head) != SequenceHead.LAST_STEP) {
            return;
        }
        List<String> oneDirection = architectures.stream().filter(a -> !a.bidirectional()).map(org.rnnlab.core.Architecture::id).toList();
        if (oneDirection.size() == architectures.size()) {
            throw new CommandLine.ParameterException(cl, "--head last-step differs from --head last only for bidirectional cells "
                    + "(birnn, bilstm, bigru" + ("train".equals(command) ? ", or --bidirectional" : "") + "), where it reads the "
                    + "backward direction at the last step too; for " + given + " it is exactly last: give --head last (the "
                    + "default), or a bidirectional cell");
        }
        if (!oneDirection.isEmpty()) {
            err.printf("%s: note: --head last-step differs from last only for the bidirectional cells; %s read%s the last step "
                    + "either way, so %s runs are those of --head last%n", command, String.join(", ", oneDirection),
                    oneDirection.size() == 1 ? "s" : "", oneDirection.size() == 1 ? "its" : "their");
        }
    }

    private List<Conv1d> convolutions(CommandLine cl) {
        List<Conv1d> out = new ArrayList<>();
        if (conv != null && !(conv.size() == 1 && "none".equalsIgnoreCase(conv.get(0).trim()))) {
            for (String c : conv) {
                out.add(OptionChecks.parse(cl, "--conv", c, Conv1d::parse));
            }
        }
        return out;
    }

    /**
     * The model settings given or defaulted: stacked hidden sizes, dropout, the head, convolutions, residual
     * connections, weight decay and the learning rate of {@code updater} (class weights need the data: {@link #fitModel}).
     */
    ModelSpec applyTo(ModelSpec spec, RunDefaults d, UpdaterKind updater) {
        return spec.withHiddenSizes(Collections.nCopies(layers() != null ? layers() : d.layers(), hidden != null ? hidden : d.hidden()))
                .withDropout(dropout != null ? dropout : 0)
                .withHead(head != null ? SequenceHead.parse(head) : SequenceHead.LAST)
                .withConvolutions(convolutions(null))
                .withResidual(Boolean.TRUE.equals(residual))
                .withWeightDecay(weightDecay != null ? weightDecay : 0)
                .withUpdater(updater, lr != null ? lr : defaultRate(updater, d));
    }

    /** Plain SGD's (and Nesterov momentum's) learning rate when --lr is not given: Adam's default is far too small for it. */
    public static final double SGD_RATE = 0.1;

    /**
     * The learning rate of {@code updater} without --lr: the dataset's default (tuned for Adam; RMSProp takes steps of the
     * same scale), or {@link #SGD_RATE} for sgd and nesterovs, whose step is the rate times the raw gradient (a user's
     * --updater sgd trained at Adam's 0.005 and learned nothing: 0.11 test accuracy, 0.79 with --lr 0.5).
     */
    static double defaultRate(UpdaterKind updater, RunDefaults d) {
        return updater == UpdaterKind.SGD || updater == UpdaterKind.NESTEROVS ? SGD_RATE : d.lr();
    }

    /**
     * Says the learning rate chosen for sgd or nesterovs without --lr (nothing otherwise); with a {@code --recipe} that sets
     * one, that the recipe's, chosen for Adam, was left out ({@link Recipe#expand}).
     */
    void sayDefaultRate(UpdaterKind updater, RunDefaults d, PrintWriter err, String command) {
        if (lr == null && (updater == UpdaterKind.SGD || updater == UpdaterKind.NESTEROVS)) {
            String recipeRate = recipe == null ? null : recipeRate();
            err.printf("%s: --updater %s without --lr: learning rate %s (%s); --lr sets it%n", command,
                    updater.name().toLowerCase(java.util.Locale.ROOT), SGD_RATE, recipeRate != null
                            ? "--recipe " + recipe.strip().toLowerCase(java.util.Locale.ROOT) + "'s --lr " + recipeRate
                                    + ", chosen for Adam, is far too small for plain gradient steps and is left out"
                            : "the default " + org.rnnlab.core.ModelSpec.plain(d.lr()) + " is Adam's, far too small for plain "
                                    + "gradient steps");
        }
    }

    /** The learning rate --recipe sets, or null (none, or an unknown recipe: {@link #check} names it). */
    private String recipeRate() {
        try {
            return Recipe.parse(recipe).learningRate();
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * Refuses to train a network whose outputs padding changes ({@link ModelSpec#needsEqualLengthBatches}: DL4J's own
     * bidirectional LSTM, {@code --impl dl4j}) on training or validation sequences of different lengths, which minibatches pad: its
     * backward direction would learn from padded steps, and its predictions would depend on the other sequences of a
     * minibatch (a user's model gave another label to a sequence predicted alone).
     */
    static void requireEqualLengths(CommandLine cl, List<ModelSpec> specs, SequenceDataset data, boolean crossValidation) {
        if (specs.stream().noneMatch(ModelSpec::needsEqualLengthBatches)) {
            return;
        }
        // training and the validation scores that pick its epoch (and --tune's trials) run on padded minibatches; with --cv
        // the test split is pooled into the folds' training data too
        List<Split> padded = crossValidation ? List.of(Split.TRAIN, Split.VALIDATION, Split.TEST) : List.of(Split.TRAIN, Split.VALIDATION);
        java.util.IntSummaryStatistics lengths = padded.stream().flatMap(s -> data.split(s).examples().stream())
                .mapToInt(org.rnnlab.datasets.Sequence::length).summaryStatistics();
        if (lengths.getCount() > 0 && lengths.getMin() != lengths.getMax()) {
            throw new CommandLine.ParameterException(cl, "--impl dl4j: DL4J M2.1's own bidirectional LSTM reads padded steps "
                    + "wrongly (its backward direction over the padding differs from the unpadded sequence; docs/dl4j-findings.md), "
                    + "and the " + (crossValidation ? "sequences" : "training and validation sequences") + " of " + data.name()
                    + " have lengths " + lengths.getMin() + "-" + lengths.getMax() + ", which minibatches pad: leave out --impl "
                    + "dl4j (rnnlab's bidirectional LSTM pads exactly) or give sequences of one length");
        }
    }

    /**
     * The model fitted to the data: sets the --embedding size of token input, resolves --class-weights against the
     * data's classes (balanced: from the training split's counts; a file: every class named once, nothing else).
     *
     * @throws CommandLine.ParameterException naming the option, the file and line where it applies
     */

    /**
     * Refuses --embedding for a dataset that gives numbers per step by its name (csv, har), before the data are read: a
     * trial's refusal came after the whole file was read and the imbalance note printed. Others are judged by their input
     * once read ({@link #fitModel}).
     */
    void refuseEmbeddingFor(CommandLine cl, String dataset) {
        if (embedding != null && (org.rnnlab.datasets.Datasets.CSV.equals(dataset) || org.rnnlab.datasets.Datasets.HAR.equals(dataset))) {
            throw new CommandLine.ParameterException(cl, "--embedding applies to token (text) input only; dataset " + dataset
                    + " gives numbers per step (leave out --embedding)");
        }
    }

    ModelSpec fitModel(CommandLine cl, ModelSpec spec, SequenceDataset data, PrintWriter err, String command) {
        if (embedding != null) {
            if (data.input().kind() != InputDescription.Kind.TOKENS) {
                throw new CommandLine.ParameterException(cl, "--embedding applies to token (text) input only; dataset "
                        + data.name() + " gives " + data.input().featureCount() + " features per step");
            }
            spec = spec.withInput(InputSpec.tokens(data.input().vocabularySize(), embedding));
        }
        // the input the model is built with (token data: the vocabulary and the default embedding unless given), so that
        // config.json records it (it said DENSE with no vocabulary for text runs without --embedding)
        spec = Trainer.adaptTo(spec, data);
        if (classWeights == null) {
            return spec;
        }
        return spec.withClassWeights(classWeights(cl, data, err, command));
    }

    /** The weights of --class-weights once read and checked against the data ({@link #classWeights}), or null. */
    private List<Double> weights;

    /** Whether data without test examples are accepted ({@link #allowWithoutTest}). */
    private boolean withoutTest;

    /**
     * The weights of --class-weights for {@code data}'s classes (balanced: from the training split's counts; a file: every
     * class named once, nothing else), read and checked once, and said on {@code err} the first time; null without
     * --class-weights. Called before the training budget is fitted, so that the epoch selection is said after the file was
     * checked and in words that fit its weights (a user's file of 1/10/100 was said to "weigh the classes alike", before
     * it was read).
     *
     * @throws CommandLine.ParameterException naming the option, the file and line where it applies
     */
    List<Double> classWeights(CommandLine cl, SequenceDataset data, PrintWriter err, String command) {
        if (classWeights == null || weights != null) {
            return weights;
        }
        if (data.split(Split.TRAIN).size() == 0) {
            RunDefaults.requireTrainAndTest(data); // refused as the budget refuses it, not as a class without weight
        }
        try {
            weights = balancedWeights()
                    ? ClassWeights.balanced(data)
                    : ClassWeights.read(Path.of(classWeights), data.labelNames());
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(cl, "--class-weights: " + e.getMessage());
        }
        err.printf("%s: class weights %s%n", command, ClassWeights.describe(data.labelNames(), weights));
        if (balancedWeights()) {
            ClassWeights.heavyOnFew(data, weights).forEach(n -> err.printf("%s: note: %s%n", command, n));
        }
        return weights;
    }

    /**
     * With --class-weights balanced under cross-validation: the weights of each fold's runs, from the training part of that
     * fold ({@link ClassWeights#balancedPerFold}), said on {@code err} one line per fold; the weights {@link #classWeights}
     * gives after it (the base model's, for tuning trials and a final model trained from config.json) become those of every
     * pooled sequence, the data the folds are cut from, not the training split carved before folding, which no fold trains on
     * (a bioacoustics trial: a rare species' weight was 8.96 from the carved split against 4.07 in the pooled data). Null
     * without --class-weights balanced (a file's weights are the same for every fold, as given).
     *
     * @param folds each fold's data ({@code CrossValidation#fold}), index = fold
     */
    List<List<Double>> foldClassWeights(CommandLine cl, SequenceDataset data, List<SequenceDataset> folds, PrintWriter err,
                                        String command) {
        if (classWeights == null || !balancedWeights()) {
            return null;
        }
        List<String> absent = new ArrayList<>();
        List<List<Double>> perFold;
        try {
            int[] pooled = data.split(Split.TRAIN).classCounts(data.classCount());
            for (Split other : List.of(Split.VALIDATION, Split.TEST)) {
                int[] more = data.split(other).classCounts(data.classCount());
                for (int c = 0; c < pooled.length; c++) {
                    pooled[c] += more[c];
                }
            }
            weights = ClassWeights.balanced(data.labelNames(), pooled);
            perFold = ClassWeights.balancedPerFold(data.labelNames(), folds, absent);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--class-weights: " + e.getMessage());
        }
        err.printf("%s: class weights balanced per fold, each from the sequences its fold trains on (n / (k n_c) of the fold's "
                + "training part, none of its test part; config.json, comparison.foldClassWeights):%n", command);
        for (int f = 0; f < perFold.size(); f++) {
            err.printf("%s:   fold %d: %s%n", command, f, ClassWeights.describe(data.labelNames(), perFold.get(f)));
        }
        absent.forEach(a -> err.printf("%s: note: %s%n", command, a));
        return perFold;
    }

    /**
     * The {@code classWeightPolicy} config.json records ({@link org.rnnlab.evaluation.train.TrainRequest#BALANCED} for
     * --class-weights balanced, whose numbers {@code train --config} computes again on data that differ), or null.
     */
    String classWeightPolicy() {
        return classWeights != null && balancedWeights() ? org.rnnlab.evaluation.train.TrainRequest.BALANCED : null;
    }

    private boolean balancedWeights() {
        return "balanced".equalsIgnoreCase(classWeights.trim());
    }

    /** The training settings given or defaulted; the epochs are those of {@code d} unless given (see {@link #epochsGiven()}). */
    TrainingConfig training(RunDefaults d) {
        return TrainingConfig.defaults().withEpochs(epochs != null ? epochs : d.epochs())
                .withBatchSize(batch != null ? batch : d.batch())
                .withEarlyStopping(patience != null ? patience : d.patience(), 0.0)
                .withTimeBudgetSeconds(Durations.seconds(timeBudget))
                .withSchedule(lrSchedule != null ? LearningRateSchedule.parse(lrSchedule) : LearningRateSchedule.constant())
                .withAugmentation(Augmentation.parse(augment))
                .withSelection(select != null ? EpochSelection.parse(select) : EpochSelection.ACCURACY)
                .withLengthBatches(byLength());
    }

    /** Whether --batching asks for minibatches of similar lengths; an unknown value is refused, naming the choices. */
    boolean byLength() {
        if (batching == null) {
            return false;
        }
        return switch (batching.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "random" -> false;
            case "by-length", "bylength", "length" -> true;
            default -> throw new IllegalArgumentException("--batching " + batching + " is unknown (expected random or by-length)");
        };
    }

    /** Padding share of random minibatches from which train and compare say so, with --batching by-length as the way out. */
    static final double MOSTLY_PADDING = 0.5;

    /** The ratio of training sequences of the largest class to the smallest (of those with any) at which --select defaults to macro-f1. */
    static final int IMBALANCE_RATIO = 3;

    /**
     * The epoch selection of {@code data}'s runs, said on {@code err} when it is not accuracy or does not apply: --select as
     * given; by default macro-F1 with --class-weights (which weigh rare classes up in the loss, so that choosing the epoch by
     * accuracy would undo them) or imbalanced classes, else accuracy (a user's try: with 90% of one class the kept epoch was
     * the one of highest validation accuracy, 0.90, a model never predicting the rare classes).
     */
    EpochSelection selection(SequenceDataset data, PrintWriter err, String command) {
        return selection(data, err, command, false);
    }

    /**
     * As {@link #selection(SequenceDataset, PrintWriter, String)}; with {@code crossValidated} the classes' balance is that
     * of all of {@code data}'s sequences, which cross-validation pools into its folds (a user's try: --cv with a group
     * column judged the balance on the training split carved by group before the folds, 45% against 5%, where the pooled
     * data were 29% against 14%, and a group column alone switched the selection to macro-F1).
     */
    EpochSelection selection(SequenceDataset data, PrintWriter err, String command, boolean crossValidated) {
        EpochSelection chosen = chooseSelection(data, err, command, crossValidated);
        if (chosen == EpochSelection.MACRO_F1 && !crossValidated) {
            fewValidation(data, command).ifPresent(w -> err.printf("%s: warning: %s%n", command, w));
        }
        return chosen;
    }

    /** Validation sequences of a class under which an epoch (or configuration) chosen by macro-F1 is said to turn on them. */
    static final int FEW_VALIDATION = 5;

    /**
     * The warning for an epoch selection by validation macro-F1 where some class has under {@value #FEW_VALIDATION} validation
     * sequences (and training ones): each class's F1 is 1/K of the macro-F1 of K classes, so the epoch kept (and compare's
     * configuration) turns on those few sequences. A trial's carve by patient put 1 'A' beat in validation: the epoch kept was
     * the first, which happened to classify it right (macro-F1 1.0000, where later epochs scored 0.66 to 0.76), and compare
     * chose its cell by the same one sequence (trial 80e F3). Names each such class, its validation sequences and groups (of a
     * group column) and training sequences, and the remedies; empty otherwise.
     */
    static java.util.Optional<String> fewValidation(SequenceDataset data, String command) {
        int classes = data.classCount();
        int[] train = data.split(Split.TRAIN).classCounts(classes);
        int[] held = data.split(Split.VALIDATION).classCounts(classes);
        long present = java.util.Arrays.stream(held).filter(n -> n > 0).count();
        String column = org.rnnlab.evaluation.metrics.GroupTable.column(data);
        List<String> groups = org.rnnlab.evaluation.metrics.GroupTable.groups(data, Split.VALIDATION);
        List<Integer> labels = data.split(Split.VALIDATION).examples().stream().map(q -> q.label()).toList();
        List<String> few = new ArrayList<>();
        int[] heldRange = {Integer.MAX_VALUE, 0};
        int[] trainRange = {Integer.MAX_VALUE, 0};
        for (int c = 0; c < classes; c++) {
            if (held[c] == 0 || held[c] >= FEW_VALIDATION || train[c] == 0) {
                continue;
            }
            heldRange[0] = Math.min(heldRange[0], held[c]);
            heldRange[1] = Math.max(heldRange[1], held[c]);
            trainRange[0] = Math.min(trainRange[0], train[c]);
            trainRange[1] = Math.max(trainRange[1], train[c]);
            String from = "";
            if (column != null && groups.size() == labels.size()) {
                final int k = c;
                long g = java.util.stream.IntStream.range(0, labels.size()).filter(i -> labels.get(i) == k).mapToObj(groups::get)
                        .distinct().count();
                from = ", from " + g + " group" + (g == 1 ? "" : "s") + " of " + column;
            }
            few.add(String.format(java.util.Locale.ROOT, "%s has %d validation sequence%s%s (%d training)",
                    LabelCheck.quoted(data.labelNames().get(c)), held[c], held[c] == 1 ? "" : "s", from, train[c]));
        }
        if (few.isEmpty() || present < 2) {
            return java.util.Optional.empty();
        }
        boolean compare = command.startsWith("compare");
        // with many classes every one may have 1-2 validation sequences (trial 81c F4: 104 classes named on a line of 6 KB):
        // one sentence then says it, and a longer list is cut as the other class lists are
        String classesWord = few.size() == present && NamedList.cut(few)
                ? String.format(java.util.Locale.ROOT, "every one of the %d classes with validation sequences has %s of them (%s "
                + "training)", few.size(), NamedList.range(heldRange[0], heldRange[1]), NamedList.range(trainRange[0], trainRange[1]))
                : "class " + NamedList.join(few, "; class ", "each under " + FEW_VALIDATION + " validation sequences");
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%s: the epoch kept%s by validation macro-F1 "
                + "turn%s on %s, as each class's F1 is 1/%d of it (one sequence right or wrong can move it by about %.2f or more: the class it is then taken for loses precision too); a larger "
                + "--set validationFraction, another --data-seed, a --validation file with more of %s, or --select log-loss "
                + "(which every validation sequence moves a little) judge the epochs on more", classesWord,
                compare ? " and the configuration chosen" : "", compare ? "" : "s", few.size() == 1 && held[indexOfFew(held, train)] == 1
                ? "that one sequence" : "those few sequences", present, 1.0 / present, few.size() == 1 ? "it" : "them"));
    }

    /** The one class of under {@value #FEW_VALIDATION} validation sequences (and some training ones), for the wording. */
    private static int indexOfFew(int[] held, int[] train) {
        for (int c = 0; c < held.length; c++) {
            if (held[c] > 0 && held[c] < FEW_VALIDATION && train[c] > 0) {
                return c;
            }
        }
        return 0;
    }

    private EpochSelection chooseSelection(SequenceDataset data, PrintWriter err, String command, boolean crossValidated) {
        boolean validated = data.split(Split.VALIDATION).size() > 0;
        if (select != null) {
            EpochSelection given = EpochSelection.parse(select);
            if (!validated) {
                err.printf("%s: warning: --select %s does not apply: there is no validation data, the epoch with the lowest training "
                        + "loss is kept%n", command, given.option());
            } else if ((given == EpochSelection.ROC_AUC || given == EpochSelection.AVERAGE_PRECISION) && !crossValidated
                    && java.util.Arrays.stream(data.split(Split.VALIDATION).classCounts(data.classCount())).filter(n -> n > 0).count() < 2) {
                // every epoch's score is undefined: the first epoch would be kept whatever followed
                err.printf("%s: warning: --select %s is undefined on the validation data, whose %d sequences are all of one class: "
                        + "every epoch scores alike and the first is kept; give a validation split holding every class (a larger "
                        + "--set validationFraction, or a --validation file), or --select log-loss%n", command, given.option(),
                        data.split(Split.VALIDATION).size());
            }
            return given;
        }
        if (!validated) {
            return EpochSelection.ACCURACY;
        }
        if (classWeights != null && balancedWeights()) {
            err.printf("%s: the epoch kept is the one of highest validation macro-F1, as --class-weights balanced weighs the "
                    + "classes alike (--select accuracy to keep the one of highest accuracy)%n", command);
            return EpochSelection.MACRO_F1;
        }
        if (classWeights != null && weights != null && weights.stream().distinct().count() > 1) {
            int low = weights.indexOf(java.util.Collections.min(weights));
            int high = weights.indexOf(java.util.Collections.max(weights));
            err.printf(java.util.Locale.ROOT, "%s: the epoch kept is the one of highest validation macro-F1, as --class-weights %s "
                    + "weighs the classes unequally in the loss (from %s for %s to %s for %s), which choosing by accuracy, "
                    + "where every sequence counts alike, would undo (--select accuracy to keep the one of highest accuracy)%n",
                    command, classWeights.trim(), plain(weights.get(low)), LabelCheck.quoted(data.labelNames().get(low)),
                    plain(weights.get(high)), LabelCheck.quoted(data.labelNames().get(high)));
            return EpochSelection.MACRO_F1;
        }
        // a file that gives every class the same weight weighs none above another: chosen as without it
        int[] counts = data.split(Split.TRAIN).classCounts(data.classCount());
        if (crossValidated) {
            for (Split other : List.of(Split.VALIDATION, Split.TEST)) {
                int[] more = data.split(other).classCounts(data.classCount());
                for (int c = 0; c < counts.length; c++) {
                    counts[c] += more[c];
                }
            }
        }
        int largest = -1;
        int smallest = -1;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && (largest < 0 || counts[c] > counts[largest])) {
                largest = c;
            }
            if (counts[c] > 0 && (smallest < 0 || counts[c] < counts[smallest])) {
                smallest = c;
            }
        }
        if (largest >= 0 && counts[largest] >= (long) IMBALANCE_RATIO * counts[smallest]) {
            // what was measured: the largest class's share and the smallest's count; a model that never predicts the smallest
            // class loses only its share of the accuracy (said so, true for 90/9/1 and for 34/33/32/1 alike: a user's
            // 34%-largest data with one stray label were told that always predicting the largest class "scores well")
            long total = java.util.Arrays.stream(counts).asLongStream().sum();
            double ratio = (double) counts[largest] / counts[smallest];
            err.printf(java.util.Locale.ROOT, "%s: the classes are imbalanced: %s has %d of the %d %s sequences (%s), %s times "
                    + "the %d of %s (%s): the epoch kept is the one of highest validation macro-F1, which counts every class "
                    + "alike, not accuracy, of which a model that never predicts %s loses only %s (--select accuracy to keep the "
                    + "one of highest accuracy)%n", command, LabelCheck.quoted(data.labelNames().get(largest)), counts[largest], total,
                    crossValidated ? "pooled" : "training", share(counts[largest], total),
                    ratio >= 10 ? String.format(java.util.Locale.ROOT, "%.0f", ratio) : String.format(java.util.Locale.ROOT, "%.1f", ratio),
                    counts[smallest], LabelCheck.quoted(data.labelNames().get(smallest)), share(counts[smallest], total),
                    LabelCheck.quoted(data.labelNames().get(smallest)), share(counts[smallest], total));
            return EpochSelection.MACRO_F1;
        }
        return EpochSelection.ACCURACY;
    }

    /** {@code count} of {@code total} as a percentage: whole above 10%, to a tenth below (a 0.3% class is not "0%"). */
    private static String share(long count, long total) {
        double p = 100.0 * count / total;
        return String.format(java.util.Locale.ROOT, p >= 10 ? "%.0f%%" : "%.1f%%", p);
    }

    private static String plain(double weight) {
        return org.rnnlab.core.ModelSpec.plain(weight);
    }

    /**
     * The training settings fitted to the data and said on {@code err}: refuses data without training or
     * test examples, warns about a minibatch larger than the training split, and, when --epochs (and
     * --patience) were not given, scales them so that small data are given {@link RunDefaults#minUpdates()}
     * updates; notes that early stopping is off without validation data.
     *
     * @param command the command's name, for the messages
     */
    TrainingConfig fitTo(TrainingConfig t, RunDefaults d, SequenceDataset data, PrintWriter err, String command) {
        return fitTo(t, d, data, err, command, false);
    }

    /**
     * As {@link #fitTo(TrainingConfig, RunDefaults, SequenceDataset, PrintWriter, String)}; with {@code crossValidated}
     * {@code data} is the fold with the fewest training sequences (the epoch budget is fitted to it), its splits pool all
     * the data, so the classes' balance is judged on them all, and the classes a split lacks are not warned of here
     * ({@code CrossValidation} warns of a fold's test classes without training examples).
     */
    TrainingConfig fitTo(TrainingConfig t, RunDefaults d, SequenceDataset data, PrintWriter err, String command,
                         boolean crossValidated) {
        RunDefaults.requireTrainAndTest(data, withoutTest);
        if (t.augmentation().enabled() && data.input().kind() == InputDescription.Kind.TOKENS) {
            throw new IllegalArgumentException("--augment " + t.augmentation() + ": dataset " + data.name() + " reads token ids, "
                    + "which cannot be augmented (dense, numeric input only); leave --augment out");
        }
        int trainSize = data.split(Split.TRAIN).size();
        if (!crossValidated) {
            warnUncoveredClasses(data, err, command, classWarnings);
        }
        if (t.batchSize() > trainSize) {
            err.printf("%s: warning: the minibatch size %d is larger than the %d training sequences (each epoch is one update)%n",
                    command, t.batchSize(), trainSize);
        }
        paddingNote(t, data).ifPresent(n -> err.printf("%s: note: %s%n", command, n));
        int chosen = d.epochsFor(trainSize, t.batchSize());
        if (!epochsGiven() && chosen != t.epochs()) {
            if (!patienceGiven() && t.patience() > 0) {
                t = t.withEarlyStopping(d.patienceFor(chosen), t.minImprovement());
            }
            int batches = (trainSize + t.batchSize() - 1) / t.batchSize();
            boolean validated = data.split(Split.VALIDATION).size() > 0;
            err.printf("%s: %d training sequences make %d minibatch%s per epoch: training for up to %d epochs (%d updates)%s; "
                    + "--epochs sets it%n", command, trainSize, batches, batches == 1 ? "" : "es", chosen, d.minUpdates(),
                    t.patience() == 0 ? ", no early stopping (--patience 0)" : !validated ? ""
                            : ", early stopping after " + t.patience() + " epochs without validation gain");
            t = t.withEpochs(chosen);
        } else if (epochsGiven() && !patienceGiven() && t.patience() > 0 && d.patienceFor(t.epochs()) != t.patience()) {
            // the default patience scales up with --epochs as with the epochs chosen for the data (a user's --epochs 30 got the
            // patience of 20 epochs, 5, where the budget's 68 epochs had got 17, and runs stopped at epochs 6-12 unsaid)
            t = t.withEarlyStopping(d.patienceFor(t.epochs()), t.minImprovement());
            if (data.split(Split.VALIDATION).size() > 0) {
                err.printf("%s: early stopping after %d epochs without validation gain (the default %d of %d epochs, scaled to "
                        + "--epochs %d); --patience sets it%n", command, t.patience(), d.patience(), d.epochs(), t.epochs());
            }
        }
        java.util.Optional<String> emptied = crossValidated ? java.util.Optional.empty() : EmptyValidation.asked(data, true);
        if (emptied.isPresent()) {
            // a validation split asked for and gone: a warning, with what gives one (trial 68e, finding 5: said as a note)
            err.printf("%s: warning: %s: so %s, and the epoch with the lowest training loss is kept; for validation data %s%n",
                    command, emptied.get(), patienceGiven() && t.patience() > 0 ? "--patience " + t.patience() + " does not "
                    + "apply: there is no early stopping" : "early stopping is off", EmptyValidation.timeWithGroups(
                    data.provenance().parameters()) ? EmptyValidation.remedy(data.provenance().parameters())
                    : "give a larger validationFraction or --validation FILE");
        } else if (data.split(Split.VALIDATION).size() == 0 && patienceGiven() && t.patience() > 0) {
            // as --select without validation data: a warning naming the option (a user's --patience 15 read as applied)
            err.printf("%s: warning: --patience %d does not apply: there is no validation data, so no early stopping; every epoch "
                    + "runs and the epoch with the lowest training loss is kept%n", command, t.patience());
        } else if (data.split(Split.VALIDATION).size() == 0 && t.patience() > 0) {
            err.printf("%s: no validation data: early stopping is off, the epoch with the lowest training loss is kept%n", command);
        } else if (patienceGiven() && t.patience() > 0 && t.patience() >= t.epochs()) { // a user's --patience 3 --epochs 1
            err.printf("%s: warning: --patience %d can never stop a run of %d epoch%s: early stopping needs more epochs than its "
                    + "patience%n", command, t.patience(), t.epochs(), t.epochs() == 1 ? "" : "s");
        } else if (!patienceGiven() && t.patience() > 0 && t.patience() + 1 >= t.epochs()) {
            // the default patience scales up with --epochs, never down: with --epochs 6 it stayed 5 and no run could stop
            // early, unsaid (trial 71e)
            err.printf("%s: note: early stopping cannot end a run of %d epochs before its last: the default patience is %d epochs "
                    + "without validation gain (scaled up for more than %d epochs, never down); every run trains all %d epochs and "
                    + "keeps its best one; --patience sets it%n", command, t.epochs(), t.patience(), d.epochs(), t.epochs());
        }
        LearningRateSchedule schedule = t.schedule();
        if (schedule.kind() == LearningRateSchedule.Kind.STEP && schedule.every() >= t.epochs()
                || schedule.kind() == LearningRateSchedule.Kind.COSINE && t.epochs() == 1) {
            err.printf("%s: warning: --lr-schedule %s does not change the learning rate within %d epoch%s (%s): the run trains at a "
                    + "constant rate%n", command, schedule.kind() == LearningRateSchedule.Kind.STEP
                            ? "step:" + schedule.every() + ":" + schedule.factor() : "cosine", t.epochs(), t.epochs() == 1 ? "" : "s",
                    schedule.kind() == LearningRateSchedule.Kind.STEP ? "its first step comes after epoch " + schedule.every()
                            : "a cosine schedule over one epoch stays at its start");
        }
        t = t.withSelection(selection(data, err, command, crossValidated));
        if (data.split(Split.VALIDATION).size() == 0) {
            // what runs, as config.json and the settings line say it: no early stopping, the epoch of the lowest training loss
            // (a user's --patience 3 without validation data was warned of as off and recorded and summarised as on)
            t = t.withEarlyStopping(0, t.minImprovement()).withSelection(EpochSelection.ACCURACY);
        }
        return t;
    }

    /** The warnings of the fitted data's uncovered classes, as fitTo said them (compare's report shows them too). */
    private final List<String> classWarnings = new ArrayList<>();

    /** What {@link #fitTo} warned of classes without test or validation sequences, without the command's prefix. */
    List<String> classWarnings() {
        return List.copyOf(classWarnings);
    }

    /**
     * Warns of classes that have training sequences but none in the test split (the test scores cannot measure them;
     * their recall is undefined), e.g. a class of one or two sequences, which the stratified split keeps for training, or
     * none in the validation split (the kept epoch is chosen without them: a user's try carved a rare class by group into
     * training only, and the epoch was kept by a macro-F1 that could not see it, without a word); each warning is also
     * added to {@code into}.
     */
    static void warnUncoveredClasses(SequenceDataset data, PrintWriter err, String command, List<String> into) {
        List<String> warnings = new ArrayList<>();
        uncovered(data, Split.TEST).ifPresent(classes -> warnings.add("no test sequence of class(es) " + classes + ": the test "
                + "scores cannot say how well they are recognised (their recall is undefined); give them more sequences, a "
                + "larger test fraction, or a test file"));
        uncovered(data, Split.VALIDATION).ifPresent(classes -> warnings.add("no validation sequence of class(es) " + classes
                + ": the epoch kept (and early stopping) is chosen without them; give them more sequences, a larger validation "
                + "fraction, or a validation file"));
        smallTest(data).ifPresent(warnings::add);
        smallValidation(data).ifPresent(warnings::add);
        fewTestGroups(data).ifPresent(warnings::add);
        warnings.forEach(w -> err.printf("%s: warning: %s%n", command, w));
        into.addAll(warnings);
    }

    /** Test splits from fewer groups than this (patients, speakers) are warned of. */
    static final int FEW_GROUPS = org.rnnlab.datasets.GroupCarve.FEW_GROUPS;

    /**
     * A warning when the test split's sequences come from fewer than {@value #FEW_GROUPS} groups of the group column: its
     * scores are about those groups, and move with which groups are held out (a trial's test split held 150 segments of 6
     * patients, reported by train and compare as any other).
     */
    static java.util.Optional<String> fewTestGroups(SequenceDataset data) {
        List<String> groups = data.sequenceGroups().getOrDefault(Split.TEST, List.of());
        long k = groups.stream().filter(g -> !g.isEmpty()).distinct().count();
        if (k == 0 || k >= FEW_GROUPS) {
            return java.util.Optional.empty();
        }
        String column = data.nominalTags().stream().findFirst().orElse("group");
        // groups from a folder level (--set groupFrom=folder:N) have no column to name: compare keeps them with the same setting
        String byFolder = data.csvSchema().map(org.rnnlab.datasets.csv.CsvSchema::folderLabels).map(f -> f.group()).orElse(null);
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the test split's %d sequences come from only %d group(s) "
                + "of %s: its scores say how the model does on these %d, and move with which groups are held out; compare --cv K "
                + "%s scores every group once", groups.size(), k, byFolder != null ? "--set groupFrom=" + byFolder : column, k,
                byFolder != null ? "with the same --set groupFrom" : "--group-column " + column));
    }

    /** Test splits under this many sequences are warned of as giving coarse scores. */
    static final int SMALL_TEST = 30;

    /**
     * A warning when the test split is small (fewer than {@value #SMALL_TEST} sequences), with what one sequence is worth and
     * the binomial 95% spread of an accuracy of 0.8 on so few (a trial tested on 11 sequences, one of its class, and read a
     * recall of 0.33 averaged over seeds as a property of the model), naming classes with 1 or 2 test sequences.
     */
    static java.util.Optional<String> smallTest(SequenceDataset data) {
        int n = data.split(Split.TEST).size();
        if (n == 0 || n >= SMALL_TEST) {
            return java.util.Optional.empty();
        }
        int[] held = data.split(Split.TEST).classCounts(data.classCount());
        List<String> few = new ArrayList<>();
        for (int c = 0; c < held.length; c++) {
            if (held[c] > 0 && held[c] <= 2) {
                few.add(held[c] + " of " + LabelCheck.quoted(data.labelNames().get(c)));
            }
        }
        double half = 1.96 * Math.sqrt(0.8 * 0.2 / n);
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the test split holds only %d sequences%s: one of them moves "
                        + "accuracy by %.3f, and a model whose accuracy is 0.80 scores about %.2f to %.2f on so few by chance (95%%); "
                        + "a larger test split (--set testFraction=... where rnnlab carves it, more rows marked test in a split column, "
                        + "a larger --test file) or cross-validation (compare --cv K) gives "
                        + "steadier scores", n, few.isEmpty() ? "" : " (only " + String.join(", ", few) + ")", 1.0 / n,
                Math.max(0, 0.8 - half), Math.min(1, 0.8 + half)));
    }

    /** Validation splits under this many sequences are warned of as too coarse to choose an epoch or a model by. */
    static final int SMALL_VALIDATION = 10;

    /**
     * A warning when the validation split is a handful of sequences (fewer than {@value #SMALL_VALIDATION}, or, under
     * {@value #SMALL_TEST}, a class with only one): what one sequence is worth and the settings that do without it (a UCR
     * trial's 20-series TRAIN gave 3 carved validation series, each 0.33 of validation accuracy, that decided early stopping,
     * the epoch kept and compare's best configuration, without a word). Empty without validation data (nothing is chosen on
     * it) and for {@value #SMALL_TEST} or more sequences.
     */
    static java.util.Optional<String> smallValidation(SequenceDataset data) {
        int n = data.split(Split.VALIDATION).size();
        if (n == 0 || n >= SMALL_TEST) {
            return java.util.Optional.empty();
        }
        int[] train = data.split(Split.TRAIN).classCounts(data.classCount());
        int[] held = data.split(Split.VALIDATION).classCounts(data.classCount());
        List<String> few = new ArrayList<>();
        for (int c = 0; c < held.length; c++) {
            if (held[c] == 1 && train[c] > 0) { // none at all is said by the uncovered classes' warning
                few.add("1 of " + LabelCheck.quoted(data.labelNames().get(c)));
            }
        }
        if (n >= SMALL_VALIDATION && few.isEmpty()) {
            return java.util.Optional.empty();
        }
        int all = n + data.split(Split.TRAIN).size();
        double fraction = Math.min(0.5, Math.ceil(100.0 * SMALL_VALIDATION / all) / 100);
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the validation split holds only %d sequences%s: one of "
                        + "them moves validation accuracy by %.3f, and these few decide early stopping, the epoch kept and (in compare) "
                        + "the best configuration; --set validationFraction=0 trains on all of the training data for a fixed epoch "
                        + "budget (no early stopping, the epoch with the lowest training loss kept, the protocol of UCR-style "
                        + "benchmarks), or a larger validation split (--set validationFraction=%s where rnnlab carves it, a larger "
                        + "--validation file) gives each sequence less weight", n,
                few.isEmpty() ? "" : " (only " + String.join(", ", few) + ")", 1.0 / n, plain(fraction)));
    }

    /**
     * The classes with training sequences but none in {@code split}, as {@code 'name' (N training), ...}; empty when there
     * are none, or the split is empty (no validation data: nothing is chosen on it).
     */
    static java.util.Optional<String> uncovered(SequenceDataset data, Split split) {
        int classes = data.classCount();
        int[] train = data.split(Split.TRAIN).classCounts(classes);
        int[] held = data.split(split).classCounts(classes);
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < classes && data.split(split).size() > 0; c++) { // the test split is never empty here (requireTrainAndTest)
            if (train[c] > 0 && held[c] == 0) {
                missing.add(LabelCheck.quoted(data.labelNames().get(c)) + " (" + train[c] + " training)");
            }
        }
        return missing.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", missing));
    }
    /**
     * Lets {@link #fitTo} accept data without test examples: train's {@code --set testFraction=0}, a final model fitted on
     * all the labelled data (compare, which scores on the test split, never sets it).
     */
    void allowWithoutTest(boolean allowed) {
        withoutTest = allowed;
    }

    /** Whether the user set --patience (else it scales with the epochs). */
    boolean patienceGiven() {
        return patience != null;
    }

    /** Whether the user set --epochs (else the budget scales with the data). */
    boolean epochsGiven() {
        return epochs != null;
    }

    /**
     * What share of the steps the model computes are padding, when it is more than half with random minibatches (a
     * learning-analytics trial's enrolments of 3 to 2,051 events: 83%, and nothing said so), with what by-length minibatches
     * leave; and with --batching by-length what they leave. Empty otherwise, and for token input of one length.
     */
    static java.util.Optional<String> paddingNote(TrainingConfig t, SequenceDataset data) {
        org.rnnlab.datasets.SequenceSet train = data.split(Split.TRAIN);
        if (train.size() < 2 || t.batchSize() < 2) {
            return java.util.Optional.empty();
        }
        double random = org.rnnlab.datasets.SequenceBatchIterator.paddingShare(train, t.batchSize(), false, t.seed());
        double sorted = org.rnnlab.datasets.SequenceBatchIterator.paddingShare(train, t.batchSize(), true, t.seed());
        java.util.IntSummaryStatistics lengths = train.examples().stream().mapToInt(org.rnnlab.datasets.Sequence::length).summaryStatistics();
        if (t.lengthBatches()) {
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "minibatches of similar lengths (--batching by-length): "
                    + "%.0f%% of the steps computed are padding, against %.0f%% with random ones (lengths %d-%d)", 100 * sorted,
                    100 * random, lengths.getMin(), lengths.getMax()));
        }
        if (random <= MOSTLY_PADDING) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "each minibatch pads its sequences to its longest: with "
                + "lengths %d-%d, %.0f%% of the steps the model computes are padding (time and memory); --batching by-length "
                + "draws minibatches of similar lengths (%.0f%% padding here)", lengths.getMin(), lengths.getMax(), 100 * random,
                100 * sorted));
    }
}
