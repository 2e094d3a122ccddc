package org.rnnlab.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;
import org.rnnlab.core.layers.AttentionPooling;
import org.rnnlab.core.layers.BidirectionalLastStep;
import org.rnnlab.core.layers.Gru;
import org.rnnlab.core.layers.Residual;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.csv.DecimalSeparator;
import org.rnnlab.datasets.csv.TimeStep;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;

import static org.rnnlab.export.OnnxGraph.Attribute;
import static org.rnnlab.export.OnnxGraph.BOOL;
import static org.rnnlab.export.OnnxGraph.FLOAT;
import static org.rnnlab.export.OnnxGraph.INT32;
import static org.rnnlab.export.OnnxGraph.INT64;

/**
 * Exports a trained rnnlab model (a loaded {@link SequenceClassifier}: network, normaliser, model card) to an ONNX
 * model that other runtimes (ONNX Runtime from Python, C++, C#, JavaScript, mobile) run without rnnlab.
 *
 * <p><b>The exported graph.</b> Inputs: {@code sequences} float {@code [batch, time, features]} (raw features, in the
 * card's feature order; the card's per-sequence scaling, if any, then the normaliser are the graph's first nodes), or {@code tokens} int64 {@code [batch, time]}
 * for text models (token ids of the stored vocabulary, tokenizer settings in the metadata), and {@code lengths}
 * int64 {@code [batch]}: each sequence's number of valid steps, 1..time (steps after it are padding and never read).
 * Outputs: {@code probabilities} float {@code [batch, classes]} in label order, and {@code label} int64
 * {@code [batch]}, the most probable class. Batch and time are dynamic axes. Operator set {@value #OPSET}
 * (IR version {@value #IR_VERSION}).
 *
 * <p><b>Layers, and the operators they become</b> (each checked against rnnlab's own {@code predict} by ONNX
 * Runtime in the tests, variable lengths included):
 * <ul>
 *   <li>recurrent layers: the standard {@code RNN}, {@code LSTM} and {@code GRU} operators with
 *       {@code sequence_lens}, {@code direction = bidirectional} for bidirectional layers; rnnlab's gate blocks
 *       are reordered to ONNX's (LSTM: rnnlab c, f, o, i -> ONNX i, o, f, c; GRU: r, z, n -> z, r, h with
 *       {@code linear_before_reset = 1}, which is rnnlab's (PyTorch's) GRU); weights transposed to
 *       {@code [gates·H, in]};</li>
 *   <li>the merge of the two directions: concat (feature axis, forward first), add, mul, average;</li>
 *   <li>residual connections: {@code Add} of the layer's input (or its projection, {@code MatMul} by P) and output;</li>
 *   <li>heads: last valid step ({@code GatherND} at {@code lengths − 1}; of a bidirectional layer the forward half there
 *       and the backward half at step 0, merged by the layer's mode: the recurrent operator's {@code Y_h}; the legacy
 *       head {@code last-step} both halves at {@code lengths − 1}), mean / max over the valid steps (a mask
 *       built from {@code lengths}), attention pooling ({@code MatMul}, {@code Tanh}, a masked {@code Softmax} over
 *       time);</li>
 *   <li>token embeddings ({@code Gather}), causal 1-D convolutions ({@code Conv} with left padding only; the
 *       lengths become {@code ceil(length / stride)}), the per-sequence scaling of {@code --set sequenceScaling} (in double:
 *       {@code Cast}, a {@code Range}/{@code Less} mask from {@code lengths}, {@code Where}, {@code ReduceSum},
 *       {@code ReduceMax}, {@code Sqrt}, {@code Greater}), the standardiser ({@code Sub}, {@code Div}), the softmax
 *       classifier ({@code MatMul}, {@code Add}, {@code Softmax}); dropout is a training-time layer and exports as
 *       nothing;</li>
 *   <li>the calibration of {@code train --calibrate} stored in the card, before the softmax: the prior correction
 *       ({@code Sub} of log w) and the temperature ({@code Div} by T); metadata {@code calibration} says which.</li>
 * </ul>
 * A layer or setting outside this list is refused with an {@link OnnxExportException} that names the layer.
 *
 * <p><b>Metadata</b> ({@code metadata_props}): labels, feature names, input kind, the model spec, the text encoder
 * (tokenizer settings and vocabulary) of text models, training lengths, the training split's class counts (a weld-QA
 * trial: the shares of new data had nothing to be compared with), the held-out confidence quantiles per predicted class
 * behind predict's {@code low_confidence} ({@code confidence_quantiles}), rnnlab's version and commit, and a usage note; for
 * models trained on CSV data also what the caller must do as predict does: the missing-value policy (and what predict does
 * with a sequence it cannot fill), the data's codes for a missing value, how rows become steps, and how the training files
 * wrote their cells ({@code csv_decimal}, {@code csv_delimiter}: a decimal comma that a parser of decimal points reads
 * wrongly).
 */
public final class OnnxExporter {
    /** The ONNX operator set of the exported models (ONNX 1.12+, ONNX Runtime 1.12+). */
    public static final int OPSET = 17;
    /** The ONNX IR version that goes with {@link #OPSET}. */
    public static final int IR_VERSION = 8;
    /** Name of the dense input. */
    public static final String SEQUENCES = "sequences";
    /** Name of the token-id input of text models. */
    public static final String TOKENS = "tokens";
    /** Name of the lengths input. */
    public static final String LENGTHS = "lengths";
    /** Name of the probabilities output. */
    public static final String PROBABILITIES = "probabilities";
    /** Name of the predicted-class output. */
    public static final String LABEL = "label";

    private final MultiLayerNetwork net;
    private final NormalizerStandardize normalizer;
    private final ModelCard card;
    private final OnnxGraph g = new OnnxGraph("rnnlab");
    /** Lengths (int64 [batch]) of the current sequence, after any striding. */
    private String lengths;
    /** Their int32 copy for the recurrent operators (made when first needed after a change). */
    private String lengths32;

    private OnnxExporter(MultiLayerNetwork net, NormalizerStandardize normalizer, ModelCard card) {
        this.net = net;
        this.normalizer = normalizer;
        this.card = card;
    }

    /**
     * The ONNX model of {@code model}.
     *
     * @throws OnnxExportException naming the layer or setting that has no ONNX form here
     */
    public static Onnx.ModelProto export(SequenceClassifier model) {
        return export(model.network(), model.normalizer(), model.card());
    }

    /**
     * The ONNX model of a network with its (optional) standardiser and model card, for Java programs that hold
     * the parts rather than a loaded bundle.
     *
     * @throws OnnxExportException naming the layer or setting that has no ONNX form here
     */
    public static Onnx.ModelProto export(MultiLayerNetwork net, NormalizerStandardize normalizer, ModelCard card) {
        return new OnnxExporter(net, normalizer, card).build();
    }

    /** The metadata key of the SHA-256 of the model file an export came from ({@link #withSourceSha256}). */
    public static final String SOURCE_SHA256 = "source_model_sha256";

    /**
     * {@code model} with the SHA-256 of the model file it was exported from ({@code model.rnnlab}'s bytes, 64 lower-case hex
     * digits as {@code sha256sum} prints them) as metadata {@value #SOURCE_SHA256}: the hash {@code serve} sends as
     * {@code X-Rnnlab-Model-Sha256} and {@code predict} prints, so that an ONNX file can be matched to the model file that
     * serve and predict run (trial 81e: only {@code git_commit} and {@code architecture} linked them, which two trainings
     * share). {@link #export} cannot know it: a network and card hold no file.
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 hex digits
     */
    public static Onnx.ModelProto withSourceSha256(Onnx.ModelProto model, String sha256) {
        String hex = sha256 == null ? "" : sha256.toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("source model SHA-256 '" + sha256 + "' is not 64 hex digits");
        }
        Onnx.ModelProto.Builder b = model.toBuilder();
        for (int i = b.getMetadataPropsCount() - 1; i >= 0; i--) {
            if (b.getMetadataProps(i).getKey().equals(SOURCE_SHA256)) {
                b.removeMetadataProps(i);
            }
        }
        return b.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(SOURCE_SHA256).setValue(hex)).build();
    }

    /** Writes the ONNX model of {@code model} to {@code out} atomically (a temporary file renamed into place). */
    public static void write(SequenceClassifier model, Path out) throws IOException {
        write(model.network(), model.normalizer(), model.card(), out);
    }

    /** Writes the ONNX model of the parts to {@code out} atomically; nothing is written when the export is refused. */
    public static void write(MultiLayerNetwork net, NormalizerStandardize normalizer, ModelCard card, Path out) throws IOException {
        byte[] bytes = export(net, normalizer, card).toByteArray();
        AtomicFiles.writeBytes(out, bytes);
    }

    private Onnx.ModelProto build() {
        if (net.params().dataType() != DataType.FLOAT) {
            throw new OnnxExportException("the network holds " + net.params().dataType() + " parameters; only FLOAT networks are exported");
        }
        InputDescription in = card.input();
        String x;
        if (in.kind() == InputDescription.Kind.TOKENS) {
            g.input(TOKENS, INT64, "batch", "time");
            x = TOKENS;
        } else {
            g.input(SEQUENCES, FLOAT, "batch", "time", in.featureCount());
            x = SEQUENCES;
            if (scaled()) {
                x = sequenceScaling(x, card.dataSchema().sequenceScaling());
            }
            if (normalizer != null) {
                x = standardise(x);
            }
        }
        g.input(LENGTHS, INT64, "batch");
        lengths = LENGTHS;

        int layers = net.getnLayers();
        boolean timeMajor = false; // [batch, time, C] until the first recurrent layer, then [time, batch, C]
        String pooled = null;      // [batch, C] once a head has read the sequence
        for (int i = 0; i < layers; i++) {
            NeuralNetConfiguration conf = net.getLayerWiseConfigurations().getConf(i);
            Layer layer = conf.getLayer();
            Map<String, INDArray> p = params(i, conf);
            String where = "layer " + i + " (" + describe(layer) + ")";
            if (layer instanceof EmbeddingSequenceLayer emb) {
                requireFirst(i, where);
                x = embedding(x, emb, p, where);
            } else if (layer instanceof Convolution1DLayer conv) {
                if (timeMajor) {
                    throw new OnnxExportException(where + ": a convolution after a recurrent layer cannot be exported");
                }
                x = convolution(x, conv, p, where);
            } else if (layer instanceof OutputLayer out) {
                if (pooled == null) {
                    throw new OnnxExportException(where + ": an output layer that reads every time step (no sequence head) cannot be exported");
                }
                classifier(pooled, out, p, where);
            } else if (pooled != null) {
                throw new OnnxExportException(where + ": only the classifier may follow the sequence head");
            } else if (layer instanceof LastTimeStep last) {
                if (!timeMajor) {
                    x = timeMajor(x);
                    timeMajor = true;
                }
                x = recurrent(x, last.getUnderlying(), p, where);
                pooled = lastStep(x);
            } else if (layer instanceof BidirectionalLastStep head) {
                requireSequence(timeMajor, where);
                pooled = bidirectionalLastStep(x, head);
            } else if (layer instanceof GlobalPoolingLayer pool) {
                requireSequence(timeMajor, where);
                pooled = pooling(x, pool, where);
            } else if (layer instanceof AttentionPooling att) {
                requireSequence(timeMajor, where);
                pooled = attention(x, p, att);
            } else {
                if (!timeMajor) {
                    x = timeMajor(x);
                    timeMajor = true;
                }
                x = recurrent(x, layer, p, where);
            }
        }
        if (!(net.getLayerWiseConfigurations().getConf(layers - 1).getLayer() instanceof OutputLayer)) {
            throw new OnnxExportException("the network does not end in a softmax output layer");
        }
        g.docString("rnnlab sequence classifier: " + card.spec().label());
        return model();
    }

    private Onnx.ModelProto model() {
        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("rnnlab")
                .setProducerVersion(card.provenance() == null || card.provenance().rnnlabVersion() == null ? "unknown"
                        : card.provenance().rnnlabVersion())
                .setModelVersion(1)
                .setDocString(usage())
                .setGraph(g.build());
        metadata().forEach((k, v) -> m.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private String usage() {
        InputDescription in = card.input();
        return in.kind() == InputDescription.Kind.TOKENS
                ? "Inputs: tokens int64 [batch, time] (ids of the vocabulary in metadata 'text_encoder', of the tokens that "
                + "metadata 'tokenizer_rules' describes), "
                + "lengths int64 [batch] (valid steps of each row, 1..time). Outputs: probabilities float [batch, classes] "
                + "(classes in metadata 'labels'), label int64 [batch]."
                : "Inputs: sequences float [batch, time, " + in.featureCount() + "] (raw features in the order of metadata "
                + "'features'; " + (scaled() ? "the per-sequence scaling of metadata 'sequence_scaling' and " : "")
                + "the standardisation are inside the graph), lengths int64 [batch] (valid steps of each row, 1..time; "
                + "later steps are padding and never read). Outputs: probabilities float [batch, classes] (classes in metadata "
                + "'labels'), label int64 [batch]. The graph does not check its inputs: NaN in a valid step, or a length of 0, gives "
                + "probabilities that look right and are not" + (card.dataSchema() != null
                ? "; fill missing values as metadata 'missing_values' says." : "; give complete sequences.");
    }

    /** Whether the model scales each sequence by its own statistics (--set sequenceScaling): the graph's first nodes do it. */
    private boolean scaled() {
        return card.dataSchema() != null && card.dataSchema().sequenceScaling() != org.rnnlab.datasets.csv.SequenceScaling.NONE;
    }

    private Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rnnlab.onnx_format", "1");
        m.put("labels", Json.writeCompact(card.labelNames()));
        InputDescription in = card.input();
        m.put("input_kind", in.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("features", Json.writeCompact(in.featureNames()));
        if (in.kind() == InputDescription.Kind.TOKENS) {
            m.put("vocabulary_size", Integer.toString(in.vocabularySize()));
        }
        if (card.priorCorrection() != null || card.temperature() != null) {
            // the calibration the graph applies before its softmax (train --calibrate), so that a reader knows the outputs are
            // calibrated probabilities, not the network's own
            m.put("calibration", (card.priorCorrection() != null ? "prior correction: the logits less log w of the class "
                    + "weights " + Json.writeCompact(card.priorCorrection()) + " (label order; initializer 'prior_log_weights')" : "")
                    + (card.priorCorrection() != null && card.temperature() != null ? ", then " : "")
                    + (card.temperature() != null ? String.format(java.util.Locale.ROOT, "temperature scaling: the logits divided "
                    + "by T = %s (initializer 'temperature')", card.temperature()) : "")
                    + "; before the softmax, as rnnlab predict applies them");
        }
        m.put("normalizer", normalizer == null ? "none" : "standardisation (x - mean) / std by the graph's first nodes"
                + (scaled() ? ", after the per-sequence scaling of metadata 'sequence_scaling'" : "") + ": feed raw features");
        // the same, machine-readable: a port need not match the prose above (trial 79f F2)
        m.put("standardised_in_graph", Boolean.toString(normalizer != null && in.kind() != InputDescription.Kind.TOKENS));
        if (card.dataSchema() != null) {
            // predict and serve fill missing values by this policy before the network; the graph checks nothing, and a NaN in a
            // valid step gives finite, plausible-looking but wrong probabilities: the caller must do what rnnlab does
            // the bare policy name, machine-readable like the other metadata values; its meaning in words beside it
            m.put("missing_values", card.dataSchema().missing().toString());
            m.put("missing_values_doc", card.dataSchema().missing().toString() + ": what predict does with an empty or NaN value "
                    + "(error: refuses the sequence; trim: removes the steps at its end whose every feature is missing and refuses any other "
                    + "missing value; zero or ffill: fills it with 0 or the feature's last observed value in the sequence (a gap at its start: the first one); interpolate: with the straight "
                    + "line between the feature's observed values around it in the sequence, the nearest one at its start or end; "
                    + "drop-steps: removes every step holding one, the sequence kept with its other steps, or left out when none "
                    + "is left; drop: leaves the sequence out); " + emptyFeatureDoc(card.dataSchema().missing(), card.dataSchema().emptyFeature(),
                    card.dataSchema().featureNames()) + "the graph does not "
                    + "check its inputs, so apply this policy before running it, and give lengths of at least 1");
            // the cell values read as missing, exactly (a trial's port to JavaScript, from the help's shorter list, read NULL
            // and -nan as numbers where predict fills them)
            m.put("missing_markers", Json.writeCompact(org.rnnlab.datasets.csv.MissingValues.markers()));
            if (card.dataSchema().emptyFeature() != null && card.dataSchema().missing().fillsIn()) {
                // the fallback for a feature with no value in a sequence (--set emptyFeature), per feature in input order, raw units
                float[] v = card.dataSchema().emptyFeature().array(card.dataSchema().features().size());
                List<Double> values = new ArrayList<>();
                for (float x : v) {
                    values.add((double) x);
                }
                m.put("empty_feature_fill", card.dataSchema().emptyFeature().policy());
                m.put("empty_feature_values", Json.writeCompact(values));
            }
            if (!card.dataSchema().naValues().isEmpty()) { // codes the data write for a missing value: missing before the policy
                m.put("missing_value_codes", String.join(",", card.dataSchema().naValues()));
                m.put("missing_value_codes_doc", "the data's own codes for a missing value (--set naValues), separated by commas: "
                        + "a feature cell, trimmed, equal to a code as written, or a number equal to a numeric code (-999.00 for "
                        + "-999), is missing like the cells of 'missing_markers', and is then filled by 'missing_values'");
            }
            org.rnnlab.datasets.csv.CsvSchema schema = card.dataSchema();
            // how the training files wrote their numbers and columns (a trial's JavaScript port parsed '0,42685' of a
            // decimal-comma model with parseFloat, which gives 0: 33 of 45 labels differed from predict's, silently)
            m.put("csv_decimal", schema.decimalComma() ? DecimalSeparator.COMMA : DecimalSeparator.POINT);
            m.put("csv_delimiter", schema.delimiter());
            m.put("csv_format_doc", csvFormatDoc(schema));
            if (schema.wide() != null) { // one row per sequence, its step columns the steps (--set layout=wide)
                m.put("csv_layout", "wide");
                if (schema.wide().sequenceId() != null) {
                    m.put("sequence_id_column", column(schema.wide().sequenceId()));
                }
                m.put("rows_doc", "how predict reads a CSV file into the graph's 'sequences': one row per sequence (wide layout), "
                        + "its step columns in step order the steps (each feature's columns FEATURE<step>, or every column after the "
                        + "label in a file without a header, feature 'value'); empty or NaN cells at a row's end end a shorter "
                        + "sequence; each cell read as a float (rounded to 32 bits before any filling); other missing values filled "
                        + "by 'missing_values' along the steps (interpolate: by the step's position)");
                if (schema.wide().axis() != null) { // step columns named by numbers (a spectrum's wavenumbers): in this order
                    m.put("step_columns", String.join(",", schema.wide().axis()));
                    m.put("step_columns_doc", "the step columns of feature 'value', named by numbers (e.g. wavenumbers), in step "
                            + "order as in the training file, separated by commas: predict refuses a file without exactly these "
                            + "names in this order");
                }
            } else {
            m.put("csv_layout", schema.layout());
            if (schema.sequenceId() != null) {
                m.put("sequence_id_column", column(schema.sequenceId()));
            }
            if (schema.time() != null) {
                m.put("time_column", column(schema.time()));
            }
            // a trial's JavaScript port had to hard-code the id column and could not know that predict refuses rows out of order
            m.put("rows_doc", "how predict reads a CSV file into the graph's 'sequences': " + (schema.sequenceId() != null
                    ? "the rows of column '" + column(schema.sequenceId()) + "' equal are one sequence, one row per step" : "one "
                    + "sequence per file, one row per step") + (schema.time() != null ? ", in increasing '" + column(schema.time())
                    + "' (predict refuses rows out of order: sort them first)" : ", in file order") + "; the columns of "
                    + "'features' in that order, and only those: " + notInputs(schema) + "; each cell read as a float (rounded "
                    + "to 32 bits before any filling); the "
                    + "missing values filled by 'missing_values' along the steps (interpolate: by the step's position, not by "
                    + "its time)" + (schema.header() ? "" : "; a column named by digits is a 0-based index: the files have no header"));
            }
            if (card.dataSchema().timeStep() != null) { // the rate the model learned: one input step is one row this far apart
                TimeStep step = card.dataSchema().timeStep();
                m.put("time_step", Double.toString(step.value()));
                if (!step.rates().isEmpty()) {
                    // every step of the training split, as predict matches new data against them (trial 76h F1: a model of
                    // 8 ms and 4 ms robots said only 8, and a port that resampled the 4 ms cycles to it disagreed with predict)
                    m.put("time_step_rates", Json.writeCompact(step.rates()));
                }
                m.put("time_step_doc", timeStepDoc(step));
            }
            // each sequence scaled by its own statistics before the standardisation: the graph's first nodes do it (it was the
            // caller's step, which a keyword-spotting trial found easy to miss: labels equal for 34 of 160 raw sequences)
            m.put("sequence_scaling", card.dataSchema().sequenceScaling().toString());
            m.put("sequence_scaling_doc", card.dataSchema().sequenceScaling().toString() + ": what predict does to each sequence "
                    + "after its missing values and before the standardisation (none: nothing; center: each feature minus its mean "
                    + "over the sequence's valid steps, in float64; standardize: " + org.rnnlab.datasets.csv.SequenceScaling.STANDARDIZE_RULE
                    + "); the graph does it itself from 'lengths', so feed raw features (a sequence scaled already comes out the "
                    + "same: both scalings are idempotent); a runtime that does it outside the graph must keep the constant-feature "
                    + "rule as stated, since a test for sd 0 alone misses a feature constant but for one value a hair off (a trial's "
                    + "band at -90 dB with one frame of 60 at -89.9999 read 7.68 there instead of 0)");
        }
        if (normalizer != null && in.kind() != InputDescription.Kind.TOKENS) {
            // what the graph's standardisation uses, for a caller that checks new data against the training data (predict
            // warns of values far from them); the graph has them as the initialisers of the same names
            NormalizerStandardize divides = org.rnnlab.training.ModelBundle.asExact(normalizer);
            m.put("feature_mean", Json.writeCompact(flat(divides.getMean())));
            m.put("feature_std", Json.writeCompact(flat(divides.getStd())));
        }
        m.put("training_lengths", card.minLength() + ".." + card.maxLength());
        m.put("training_lengths_doc", "the shortest and longest training sequence, in steps (tokens for a text), as MIN..MAX: "
                + "predict warns of a sequence outside them, whose prediction was never tested on such a length");
        if (card.trainingClassCounts() != null) { // absent for a model file written before they were recorded
            m.put("training_class_counts", Json.writeCompact(card.trainingClassCounts()));
            m.put("training_class_counts_doc", "the training split's sequences per class, by label: compare the class shares of "
                    + "new labelled data, or of the predictions, with them (evaluate and predict warn when they differ clearly)");
        }
        card.heldOutConfidence().ifPresent(held -> {
            // what predict's low_confidence compares with, so that an app can raise the same flag (trial 76b: a hearing-aid
            // app's "not sure" had nothing to be computed from)
            m.put("confidence_quantiles", Json.writeCompact(confidenceCutOffs(held, card.labelNames())));
            m.put("confidence_quantiles_doc", confidenceDoc(held, card.labelNames(), card.heldOutPredictions().split()));
        });
        m.put("architecture", card.spec().label());
        m.put("spec", Json.writeCompact(card.spec()));
        card.encoder().ifPresent(encoder -> {
            // re-written rather than copied from the card, so that the normalization is explicit ("NONE") for models
            // saved before it was recorded
            m.put("text_encoder", encoder.toJson());
            m.put("tokenizer_rules", encoder.rules());
        });
        if (card.dataset() != null) {
            m.put("dataset", card.dataset());
        }
        if (card.provenance() != null) {
            m.put("rnnlab_version", String.valueOf(card.provenance().rnnlabVersion()));
            m.put("dl4j_version", String.valueOf(card.provenance().dl4jVersion()));
            if (card.provenance().gitCommit() != null) {
                m.put("git_commit", card.provenance().gitCommit());
            }
        }
        m.put("opset", Integer.toString(OPSET));
        return m;
    }

    /**
     * The columns of a long or folder layout's files that are not inputs of the graph, in words: the time column orders the
     * rows and gives their step, the id, label and group columns name, label or split the sequences (trial 76h F4: an engineer
     * with {@code [batch, time, 7]} before him wondered whether "time" meant the 't_ms' column).
     */
    public static String notInputs(org.rnnlab.datasets.csv.CsvSchema schema) {
        List<String> others = new ArrayList<>();
        for (org.rnnlab.datasets.csv.Column c : java.util.Arrays.asList(schema.sequenceId(), schema.label(), schema.group())) {
            if (c != null) {
                others.add("'" + column(c) + "'");
            }
        }
        String time = schema.time() == null ? "" : "the time column '" + column(schema.time()) + "' orders the rows and gives "
                + "their step (metadata time_step), and is not fed to the graph";
        String rest = others.isEmpty() ? "" : (others.size() == 1 ? "column " : "columns ") + String.join(", ", others)
                + (others.size() == 1 ? " is" : " are") + " not inputs either";
        return time.isEmpty() && rest.isEmpty() ? "no other column is an input"
                : time + (time.isEmpty() || rest.isEmpty() ? "" : "; ") + (time.isEmpty() ? rest.replace(" either", "") : rest);
    }

    /**
     * The metadata's {@code time_step_doc}: the training step(s) and what predict does with new data at another step, in words
     * a port can follow. A model trained at several steps (the card's {@link TimeStep#rates}, counted over the training split)
     * reads a sequence at any of them as it is, as predict does, and only one at another step is to be resampled, to the
     * commonest; a model of one step is fed at that step. Then predict's resampling recipe ({@link #RESAMPLE_RULE}): which
     * aggregation is used decides the numbers the graph sees (trial 76h F1, F2: the file said "feed data sampled at this
     * step" and nothing of how).
     */
    static String timeStepDoc(TimeStep step) {
        String units = step.dateTimes() ? "in seconds" : "in its own units";
        String head;
        if (step.rates().isEmpty()) {
            head = step.describe() + " between rows (the training data's usual step of the time column, the median of its most "
                    + "common rate's sequences, " + units + "): the graph reads one row per step, so feed data sampled at this step; "
                    + "a sequence whose usual step (the median of its steps) is more than 10% away from it: predict warns and reads "
                    + "it as it is, one row per step, and advises resampling it to one row every " + step.describe() + " first";
        } else {
            String rates = step.rates().stream().map(r -> r.sequences() + " sequences every " + new TimeStep(r.step(),
                    step.dateTimes()).describe()).collect(java.util.stream.Collectors.joining(", "));
            head = "the training split's sequences were at " + step.rates().size() + " steps of the time column (" + units + "): "
                    + rates + " (metadata 'time_step_rates'; 'time_step' is the commonest, " + step.describe() + "): the model "
                    + "trained on each as it was, one row per step, so predict feeds new data at any of these steps as they are, "
                    + "not resampled to the commonest (a sequence whose usual step, the median of its steps, is within 10% of one "
                    + "of them); only a sequence at another step: predict warns and reads it as it is, and advises resampling it "
                    + "to one row every " + step.describe() + " first, the step the model trained on most";
        }
        return head + "; " + RESAMPLE_RULE + "; resampling changes a sequence's length in steps: compare it with "
                + "'training_lengths' after";
    }

    /**
     * How predict's advice resamples a sequence (the pandas code of its rate warnings, {@code PandasResample} and
     * {@code FolderResample}), in words: bins from each sequence's first time ({@code origin="start"}), each column by the
     * rule the warning names for it from the data ({@code ResampleRules}: the mean of measurements, the first value of
     * one-hot groups, 0/1 states and text, the max of event flags, the last value of counters, the circular mean of
     * angles), and a finer step's empty rows filled.
     */
    public static final String RESAMPLE_RULE = "how predict's advice resamples (the pandas code its warning prints): each sequence on its "
            + "own, "
            + "in bins of the new step from its first time t0 (bin k holds the rows with t0 + k x step <= time < t0 + (k+1) x step), "
            + "one row per bin, at its start; each column by the rule the warning names for it, chosen from the data: a "
            + "measurement the mean of the bin's values (empty ones skipped), a one-hot group, a 0/1 state and a text column the "
            + "bin's first value, a 0/1 event flag (its 1s on single rows) the max, a counter (whole numbers that never fall "
            + "within a sequence) the last value, an angle in degrees the circular mean (from the mean sine and cosine); a "
            + "numeric time column is read as seconds only to bin it, so its unit does not matter; a bin without a row (a step "
            + "finer than the data's) has empty cells, filled before the graph: measurements on the straight line between the "
            + "rows around (the nearest at the ends), angles so on their sine and cosine, event flags with 0, the other columns "
            + "from the row before (after, at the start)";

    /**
     * What predict does with a sequence in which a feature has no observed value at all, under {@code policy}: ffill and
     * interpolate fill from the feature's own values in the sequence, so there is nothing to fill from, and predict gives the
     * sequence no prediction (it names it, and exits 4); the Java API refuses it. A graph fed the NaN answers confidently (a
     * trial: {@code ok} 0.957 for a pallet whose CO2 column was empty). Empty for the other policies.
     */
    static String emptyFeatureDoc(org.rnnlab.datasets.csv.MissingValues policy) {
        return emptyFeatureDoc(policy, null, List.of());
    }

    /**
     * As {@link #emptyFeatureDoc(org.rnnlab.datasets.csv.MissingValues)}, for a model trained with a fallback for such a
     * feature ({@code --set emptyFeature=mean|zero}, {@code fallback}; null: none): predict writes the fallback's value
     * (given per feature, raw units, before the graph's standardisation) at every step of that feature.
     */
    static String emptyFeatureDoc(org.rnnlab.datasets.csv.MissingValues policy, org.rnnlab.datasets.csv.EmptyFeatureFill fallback,
                                  List<String> features) {
        if (policy != org.rnnlab.datasets.csv.MissingValues.FFILL && policy != org.rnnlab.datasets.csv.MissingValues.INTERPOLATE) {
            return "";
        }
        if (fallback != null) {
            float[] v = fallback.array(features.size());
            String values = java.util.stream.IntStream.range(0, features.size()).mapToObj(f -> features.get(f) + " " + v[f])
                    .collect(java.util.stream.Collectors.joining(", "));
            return "a feature with no observed value at all in a sequence (every step of it empty or NaN) leaves " + policy
                    + " nothing to fill from: the model was trained with emptyFeature=" + fallback.policy() + ", so predict, serve "
                    + "and the Java API write " + (org.rnnlab.datasets.csv.EmptyFeatureFill.MEAN.equals(fallback.policy())
                    ? "the training data's mean of that feature" : "0") + " at every step of it, in raw units before the graph's "
                    + "standardisation (" + values + "), and fill the sequence's other features as above; a sequence with no value "
                    + "in any feature is left out; ";
        }
        return "a feature with no observed value at all in a sequence (every step of it empty or NaN) leaves " + policy
                + " nothing to fill from: predict gives that sequence no prediction (it warns naming the sequence and column, "
                + "predicts the others, and exits with code 4), and the Java API refuses it; leave such a sequence out too, "
                + "never feed it with NaN or 0 (the graph then gives probabilities that look right and are not); ";
    }

    /**
     * The cut-offs predict compares a top-class probability with, by quantile name ({@link org.rnnlab.training.HeldOutConfidence#NAMES})
     * and by the label predicted: the class's own quantile where it was predicted often enough on the held-out split, else
     * the one over all held-out sequences ({@link org.rnnlab.training.HeldOutConfidence#cutOff(String, String)}).
     */
    static Map<String, Map<String, Double>> confidenceCutOffs(org.rnnlab.training.HeldOutConfidence held, List<String> labels) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String q : org.rnnlab.training.HeldOutConfidence.NAMES) {
            Map<String, Double> byLabel = new LinkedHashMap<>();
            for (String label : labels) {
                byLabel.put(label, held.cutOff(q, label));
            }
            out.put(q, byLabel);
        }
        return out;
    }

    /**
     * The doc of {@code confidence_quantiles}: where the cut-offs come from (the classes with their own, those that fall back to
     * the quantiles over all), how predict's low_confidence is computed from them, and what of predict's checks the file does
     * not hold.
     */
    static String confidenceDoc(org.rnnlab.training.HeldOutConfidence held, List<String> labels, String split) {
        List<String> own = new ArrayList<>();
        List<String> fallBack = new ArrayList<>();
        for (String label : labels) {
            (held.perClass(label) ? own : fallBack).add("'" + label + "' (" + held.predictedAs(label) + ")");
        }
        String overAll = "those over all " + held.sequences() + " " + split + " sequences";
        String byLabel = held.byClass().isEmpty()
                ? "for every label " + overAll + " (a model trained before per-class quantiles were recorded)"
                : (own.isEmpty() ? "" : "for " + String.join(", ", own) + " the quantiles over the " + split + " sequences "
                + "predicted as that label (how many in brackets)") + (own.isEmpty() || fallBack.isEmpty() ? "" : "; ")
                + (fallBack.isEmpty() ? "" : "for " + String.join(", ", fallBack) + " " + overAll + " (predicted fewer than "
                + org.rnnlab.training.HeldOutConfidence.MIN_PER_CLASS + " times there)");
        return "the quantiles of the top-class probability (the probability of the class predicted, calibration included) over "
                + "the model's " + split + " split, recorded at training, by quantile (p01 = 1%, p05 = 5%, ...) and by the label "
                + "predicted: " + byLabel
                + ". predict's low_confidence is true when probabilities[label] < "
                + "confidence_quantiles.p05[labels[label]] (less confident than 95% of those sequences; --reject-below pNN "
                + "uses pNN instead and labels such a sequence unknown); the graph's probabilities are float32 and differ from "
                + "predict's by about 1e-7, so one that close to its cut-off may be flagged otherwise. A heuristic, not open-set "
                + "recognition: a sequence of a class the model does not know may be confident. Not in this file: predict's "
                + "far_from_training column and its warnings on the input (values far from the training data, features flat "
                + "or at another level than in training); the app checks lengths against 'training_lengths' itself";
    }

    /** The doc of {@code csv_decimal} and {@code csv_delimiter}: how the training files were written, for a caller's parser. */
    private static String csvFormatDoc(org.rnnlab.datasets.csv.CsvSchema schema) {
        String delimiter = switch (schema.delimiter()) {
            case "\t" -> "a tab";
            case " " -> "a space";
            default -> "'" + schema.delimiter() + "'";
        };
        return "how the training files were written (the model was trained on CSV files read with these settings, and predict "
                + "reads new files so unless told otherwise: --decimal, --delimiter): columns separated by " + delimiter + "; "
                + (schema.decimalComma()
                ? "numbers written with a decimal comma (csv_decimal comma: '0,42685' is 0.42685, '1.234,5' with '.' grouping "
                + "thousands is 1234.5): replace the comma by a point before parsing, since a parser of decimal points (JavaScript's "
                + "parseFloat, C's atof, Python's float) reads '0,42685' as 0 or refuses it"
                : "numbers written with a decimal point (csv_decimal point: '0.42685')")
                + "; the graph takes the parsed floats. The files' encoding is not part of the model (predict reads UTF-8 "
                + "unless given --encoding)";
    }

    /** A column as the metadata names it: its header name, or its 0-based index (digits) in a file without a header. */
    private static String column(org.rnnlab.datasets.csv.Column c) {
        return c.name() != null ? c.name() : Integer.toString(c.index());
    }

    // ---------------------------------------------------------------- input side

    /**
     * (x − mean) / std with the deviations the model divides by: a model of bundle format 4 on its deviations exactly
     * ({@code ExactStandardize}), an older one with ND4J's standardiser, which divides deviations below about 1e-5 by one
     * ({@link org.rnnlab.training.ModelBundle#asExact}; models of before {@code FeatureStandardizer.CONSTANT_STD} stored
     * ND4J's epsilon for a constant feature: exported as a division by 1e-5, they read new values 1e5 times larger than in
     * Java).
     */
    private String standardise(String x) {
        NormalizerStandardize divides = org.rnnlab.training.ModelBundle.asExact(normalizer);
        float[] mean = flat(divides.getMean());
        float[] std = flat(divides.getStd());
        if (mean.length != card.input().featureCount()) {
            throw new OnnxExportException("the normaliser has " + mean.length + " features, the model " + card.input().featureCount());
        }
        String centred = g.node("Sub", "centred", new String[]{x, g.floats("feature_mean", mean, mean.length)});
        return g.node("Div", "standardised", new String[]{centred, g.floats("feature_std", std, std.length)});
    }

    /**
     * Each sequence scaled by its own statistics over its valid steps, as {@link org.rnnlab.datasets.csv.SequenceScaling#apply}
     * does before predict's network: each feature minus its mean, and for {@code standardize} divided by its standard
     * deviation (population, 1/T), a feature constant within the sequence (deviation at most
     * {@link org.rnnlab.datasets.csv.SequenceScaling#CONSTANT_SD} of its largest magnitude) set to 0. In double, as rnnlab
     * sums, then back to float; padding steps (even NaN) count nowhere. Both scalings are idempotent, so a caller that still scales the sequences first, as the graphs of before this asked, gets the same.
     */
    private String sequenceScaling(String x, org.rnnlab.datasets.csv.SequenceScaling scaling) {
        String shape = g.node("Shape", "in_shape", new String[]{x});
        String steps = g.node("Gather", "in_steps", new String[]{shape, g.int64Scalar(1)}, Attribute.of("axis", 0L));
        String range = g.node("Range", "in_step_index", new String[]{g.int64Scalar(0), steps, g.int64Scalar(1)});
        String row = g.node("Unsqueeze", "in_step_row", new String[]{range, g.int64Vector(0)});          // [1, T]
        String col = g.node("Unsqueeze", "in_lengths_col", new String[]{LENGTHS, g.int64Vector(1)});     // [B, 1]
        String valid = g.node("Less", "in_valid", new String[]{row, col});                               // [B, T]
        String mask = g.node("Unsqueeze", "in_valid_mask", new String[]{valid, g.int64Vector(2)});       // [B, T, 1]
        String zero = g.doubles("zero_d", new double[]{0});
        String xd = g.node("Cast", "in_double", new String[]{x}, Attribute.of("to", (long) OnnxGraph.DOUBLE));
        String count = g.node("Cast", "in_count", new String[]{LENGTHS}, Attribute.of("to", (long) OnnxGraph.DOUBLE));
        String n = g.node("Unsqueeze", "in_count_col", new String[]{count, g.int64Vector(1, 2)});        // [B, 1, 1]
        String observed = g.node("Where", "in_observed", new String[]{mask, xd, zero});
        String sum = g.node("ReduceSum", "in_sum", new String[]{observed, g.int64Vector(1)}, Attribute.of("keepdims", 1L));
        String mean = g.node("Div", "in_mean", new String[]{sum, n});                                    // [B, 1, F]
        String centred = g.node("Sub", "in_centred", new String[]{xd, mean});
        String scaled = centred;
        if (scaling == org.rnnlab.datasets.csv.SequenceScaling.STANDARDIZE) {
            String squares = g.node("Where", "in_squares", new String[]{mask, g.node("Mul", "in_square", new String[]{centred, centred}),
                    zero});
            String variance = g.node("Div", "in_variance", new String[]{g.node("ReduceSum", "in_square_sum",
                    new String[]{squares, g.int64Vector(1)}, Attribute.of("keepdims", 1L)), n});
            String std = g.node("Sqrt", "in_std", new String[]{variance});
            String magnitude = g.node("Where", "in_magnitude", new String[]{mask, g.node("Abs", "in_abs", new String[]{xd}), zero});
            String largest = g.node("ReduceMax", "in_largest", new String[]{magnitude}, Attribute.ints("axes", 1),
                    Attribute.of("keepdims", 1L));
            String floor = g.node("Mul", "in_constant_below", new String[]{g.node("Max", "in_largest_normal",
                    new String[]{largest, g.doubles("min_normal_d", new double[]{Double.MIN_NORMAL})}), g.doubles("rel_1e6",
                    new double[]{org.rnnlab.datasets.csv.SequenceScaling.CONSTANT_SD})});
            String varies = g.node("Greater", "in_varies", new String[]{std, floor});
            scaled = g.node("Where", "in_standardised", new String[]{varies, g.node("Div", "in_divided", new String[]{centred, std}), zero});
        }
        return g.node("Cast", "in_scaled", new String[]{scaled}, Attribute.of("to", (long) FLOAT));
    }

    private String embedding(String tokens, EmbeddingSequenceLayer emb, Map<String, INDArray> p, String where) {
        INDArray w = p.get("W");
        String table = g.floats("embedding", flat(w), w.size(0), w.size(1));
        String x = g.node("Gather", "embedded", new String[]{table, tokens}, Attribute.of("axis", 0L));
        if (p.containsKey("b")) {
            INDArray b = p.get("b");
            x = g.node("Add", "embedded_bias", new String[]{x, g.floats("embedding_bias", flat(b), b.length())});
        }
        return activation(x, emb.getActivationFn(), where, "embedded");
    }

    private String convolution(String x, Convolution1DLayer conv, Map<String, INDArray> p, String where) {
        if (conv.getConvolutionMode() != ConvolutionMode.Causal) {
            throw new OnnxExportException(where + ": convolution mode " + conv.getConvolutionMode() + " (only causal convolutions are exported)");
        }
        int k = conv.getKernelSize()[0];
        int s = conv.getStride()[0];
        int d = conv.getDilation()[0];
        INDArray w = p.get("W");
        long nOut = conv.getNOut();
        long nIn = conv.getNIn();
        if (w.length() != nOut * nIn * k) {
            throw new OnnxExportException(where + ": weights of shape " + java.util.Arrays.toString(w.shape()) + ", expected "
                    + nOut + "·" + nIn + "·" + k + " values");
        }
        // DL4J 1.0.0-M2.1 keeps the view W as [nOut, nIn, k, 1] but its conv1d op reads the same buffer as [k, nIn, nOut]
        // (measured: OnnxExportTest's convolution cases); ONNX wants [nOut, nIn, k]
        float[] buffer = flat(w);
        float[] weights = new float[buffer.length];
        for (int o = 0; o < nOut; o++) {
            for (int c = 0; c < nIn; c++) {
                for (int t = 0; t < k; t++) {
                    weights[(int) ((o * nIn + c) * k + t)] = buffer[(int) ((t * nIn + c) * nOut + o)];
                }
            }
        }
        String ncw = g.node("Transpose", "conv_in", new String[]{x}, Attribute.ints("perm", 0, 2, 1));
        List<String> inputs = new ArrayList<>(List.of(ncw, g.floats("conv_W", weights, nOut, nIn, k)));
        if (conv.hasBias()) {
            inputs.add(g.floats("conv_b", flat(p.get("b")), nOut));
        }
        String y = g.node("Conv", "conv", inputs.toArray(String[]::new),
                Attribute.ints("kernel_shape", k), Attribute.ints("strides", s), Attribute.ints("dilations", d),
                Attribute.ints("pads", (long) (k - 1) * d, 0));
        y = activation(y, conv.getActivationFn(), where, "conv_act");
        if (s > 1) {
            // output step j reads input steps j*s-(k-1)d .. j*s, valid while j*s < length: ceil(length / s) valid outputs
            String plus = g.node("Add", "lengths_plus", new String[]{lengths, g.int64Scalar(s - 1)});
            lengths = g.node("Div", "lengths_strided", new String[]{plus, g.int64Scalar(s)});
            lengths32 = null;
        }
        return g.node("Transpose", "conv_out", new String[]{y}, Attribute.ints("perm", 0, 2, 1));
    }

    private String timeMajor(String x) {
        return g.node("Transpose", "time_major", new String[]{x}, Attribute.ints("perm", 1, 0, 2));
    }

    // ---------------------------------------------------------------- recurrent layers

    /** One recurrent layer (maybe residual, maybe bidirectional) on a time-major sequence. */
    private String recurrent(String x, Layer layer, Map<String, INDArray> p, String where) {
        if (layer instanceof Residual res) {
            String y = recurrent(x, res.getUnderlying(), p, where);
            String skip = x;
            if (res.projected()) {
                INDArray proj = p.get(Residual.PROJECTION_KEY);
                skip = g.node("MatMul", "projected", new String[]{x, g.floats("residual_P", flat(proj),
                        proj.size(0), proj.size(1))});
            }
            return g.node("Add", "residual", new String[]{skip, y});
        }
        if (layer instanceof Bidirectional bi) {
            Layer fwd = bi.getFwd();
            Map<String, INDArray> f = prefixed(p, "f");
            Map<String, INDArray> b = prefixed(p, "b");
            String y = cell(x, fwd, List.of(f, b), where);
            return switch (bi.getMode()) {
                case CONCAT -> {
                    String t = g.node("Transpose", "bi_t", new String[]{y}, Attribute.ints("perm", 0, 2, 1, 3));
                    yield g.node("Reshape", "bi_concat", new String[]{t, g.int64Vector(0, 0, -1)});
                }
                case ADD -> g.node("ReduceSum", "bi_add", new String[]{y, g.int64Vector(1)}, Attribute.of("keepdims", 0L));
                case MUL -> g.node("ReduceProd", "bi_mul", new String[]{y}, Attribute.ints("axes", 1), Attribute.of("keepdims", 0L));
                case AVERAGE -> g.node("ReduceMean", "bi_mean", new String[]{y}, Attribute.ints("axes", 1), Attribute.of("keepdims", 0L));
            };
        }
        String y = cell(x, layer, List.of(p), where);
        return g.node("Squeeze", "rnn_out", new String[]{y, g.int64Vector(1)});
    }

    /**
     * One ONNX RNN / LSTM / GRU node over the directions' parameters ({@code [T, batch, C]} in, {@code [T, D, batch, H]}
     * out).
     */
    private String cell(String x, Layer layer, List<Map<String, INDArray>> directions, String where) {
        if (layer instanceof GravesLSTM || layer instanceof GravesBidirectionalLSTM) {
            throw new OnnxExportException(where + ": Graves' LSTM with peephole connections has no exporter here");
        }
        if (layer instanceof Residual || layer instanceof Bidirectional || layer instanceof LastTimeStep) {
            throw new OnnxExportException(where + ": nested wrappers " + describe(layer) + " cannot be exported");
        }
        String op;
        int gates;
        int[] order;              // ONNX gate block j comes from rnnlab block order[j]
        List<String> activations = new ArrayList<>();
        boolean gru = layer instanceof Gru; // a recurrent bias of its own (rb), and linear_before_reset
        if (layer instanceof AbstractLSTM lstm) {
            op = "LSTM";
            gates = 4;
            order = new int[]{3, 2, 1, 0}; // rnnlab/DL4J blocks: candidate, forget, output, input; ONNX: i, o, f, c
            String gate = onnxActivation(lstm.getGateActivationFn(), where);
            String act = onnxActivation(lstm.getActivationFn(), where);
            for (int d = 0; d < directions.size(); d++) {
                activations.addAll(List.of(gate, act, act));
            }
        } else if (layer instanceof Gru g) {
            op = "GRU";
            gates = 3;
            order = new int[]{1, 0, 2};    // rnnlab: r, z, n; ONNX: z, r, h
            String gate = onnxActivation(g.getGateActivationFn(), where);
            String act = onnxActivation(g.getActivationFn(), where);
            for (int d = 0; d < directions.size(); d++) {
                activations.addAll(List.of(gate, act));
            }
        } else if (layer instanceof SimpleRnn rnn) {
            if (rnn.hasLayerNorm()) {
                throw new OnnxExportException(where + ": SimpleRnn with layer normalisation has no ONNX operator");
            }
            op = "RNN";
            gates = 1;
            order = new int[]{0};
            String act = onnxActivation(rnn.getActivationFn(), where);
            for (int d = 0; d < directions.size(); d++) {
                activations.add(act);
            }
        } else {
            throw new OnnxExportException(where + " has no ONNX form here (exported: RNN, LSTM, GRU, bidirectional, residual, "
                    + "last/mean/max/attention heads, embeddings, causal convolutions)");
        }
        long h = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer).getNOut();
        long nIn = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer).getNIn();
        int dirs = directions.size();
        float[] w = new float[(int) (dirs * gates * h * nIn)];
        float[] r = new float[(int) (dirs * gates * h * h)];
        float[] b = new float[(int) (dirs * 2 * gates * h)];
        for (int d = 0; d < dirs; d++) {
            Map<String, INDArray> p = directions.get(d);
            blocks(require(p, "W", where), order, h, nIn, w, (int) (d * gates * h * nIn));
            blocks(require(p, "RW", where), order, h, h, r, (int) (d * gates * h * h));
            float[] bias = flat(require(p, "b", where));
            float[] recBias = gru ? flat(require(p, "rb", where)) : new float[bias.length];
            int base = (int) (d * 2 * gates * h);
            for (int j = 0; j < gates; j++) {
                System.arraycopy(bias, (int) (order[j] * h), b, (int) (base + j * h), (int) h);
                System.arraycopy(recBias, (int) (order[j] * h), b, (int) (base + gates * h + j * h), (int) h);
            }
        }
        String stem = op.toLowerCase(java.util.Locale.ROOT);
        List<Attribute> attrs = new ArrayList<>(List.of(
                Attribute.of("hidden_size", h),
                Attribute.of("direction", dirs == 2 ? "bidirectional" : "forward"),
                Attribute.strings("activations", activations.toArray(String[]::new))));
        if (gru) {
            attrs.add(Attribute.of("linear_before_reset", 1L));
        }
        String[] outs = g.nodeOutputs(op, stem, new String[]{x,
                g.floats(stem + "_W", w, dirs, gates * h, nIn),
                g.floats(stem + "_R", r, dirs, gates * h, h),
                g.floats(stem + "_B", b, dirs, 2 * gates * h),
                lengths32()}, 1, attrs.toArray(Attribute[]::new));
        return outs[0];
    }

    /** Writes {@code w [in, G·H]} (rnnlab) as ONNX's {@code [G·H, in]} with the gate blocks reordered. */
    private static void blocks(INDArray w, int[] order, long h, long in, float[] out, int offset) {
        float[][] m = w.castTo(DataType.FLOAT).toFloatMatrix();
        if (m.length != in || m[0].length != order.length * h) {
            throw new OnnxExportException("weights of shape [" + m.length + ", " + m[0].length + "], expected [" + in + ", "
                    + order.length * h + "]");
        }
        for (int j = 0; j < order.length; j++) {
            for (int k = 0; k < h; k++) {
                int col = (int) (order[j] * h + k);
                int row = (int) (offset + (j * h + k) * in);
                for (int i = 0; i < in; i++) {
                    out[row + i] = m[i][col];
                }
            }
        }
    }

    private String lengths32() {
        if (lengths32 == null) {
            lengths32 = g.node("Cast", "lengths_int32", new String[]{lengths}, Attribute.of("to", (long) INT32));
        }
        return lengths32;
    }

    // ---------------------------------------------------------------- heads

    /** The output at each sequence's last valid step: {@code [T, batch, C] -> [batch, C]}. */
    private String lastStep(String y) {
        String batchMajor = g.node("Transpose", "batch_major", new String[]{y}, Attribute.ints("perm", 1, 0, 2));
        String last = g.node("Sub", "last_index", new String[]{lengths, g.int64Scalar(1)});
        String idx = g.node("Unsqueeze", "last_index_col", new String[]{last, g.int64Vector(1)});
        return g.node("GatherND", "last_step", new String[]{batchMajor, idx}, Attribute.of("batch_dims", 1L));
    }

    /**
     * The last head of a bidirectional layer ({@link BidirectionalLastStep}) on its {@code [T, batch, 2H]} output: the
     * forward half at {@code lengths − 1} ({@code GatherND}), the backward half at step 0 ({@code Gather}), merged by the
     * head's mode ({@code Concat}, {@code Add}, {@code Mul}, average). With {@code sequence_lens} these are exactly the
     * recurrent operator's {@code Y_h} (forward and backward final states); read from {@code Y} so that a residual layer's
     * skip connection is included.
     */
    private String bidirectionalLastStep(String y, BidirectionalLastStep head) {
        long h = head.getHidden();
        String atLast = lastStep(y);
        String first = g.node("Gather", "first_step", new String[]{y, g.int64Scalar(0)}, Attribute.of("axis", 0L));
        String forward = g.node("Slice", "forward_final", new String[]{atLast, g.int64Vector(0), g.int64Vector(h), g.int64Vector(1)});
        String backward = g.node("Slice", "backward_final", new String[]{first, g.int64Vector(h), g.int64Vector(2 * h), g.int64Vector(1)});
        return switch (head.getMerge()) {
            case CONCAT -> g.node("Concat", "bi_final", new String[]{forward, backward}, Attribute.of("axis", 1L));
            case ADD -> g.node("Add", "bi_final_add", new String[]{forward, backward});
            case MUL -> g.node("Mul", "bi_final_mul", new String[]{forward, backward});
            case AVERAGE -> g.node("Mul", "bi_final_mean", new String[]{g.node("Add", "bi_final_sum", new String[]{forward, backward}),
                    g.floats("half", new float[]{0.5f})});
        };
    }

    /** A boolean {@code [T, batch, 1]} mask of the valid steps of a time-major sequence. */
    private String validSteps(String y) {
        String shape = g.node("Shape", "seq_shape", new String[]{y});
        String steps = g.node("Gather", "seq_steps", new String[]{shape, g.int64Scalar(0)}, Attribute.of("axis", 0L));
        String range = g.node("Range", "step_index", new String[]{g.int64Scalar(0), steps, g.int64Scalar(1)});
        String col = g.node("Unsqueeze", "step_col", new String[]{range, g.int64Vector(1)});
        String row = g.node("Unsqueeze", "lengths_row", new String[]{lengths, g.int64Vector(0)});
        String valid = g.node("Less", "valid", new String[]{col, row});
        return g.node("Unsqueeze", "valid_mask", new String[]{valid, g.int64Vector(2)});
    }

    private String pooling(String y, GlobalPoolingLayer pool, String where) {
        PoolingType type = pool.getPoolingType();
        String mask = validSteps(y);
        if (type == PoolingType.AVG) {
            String m = g.node("Cast", "mask_float", new String[]{mask}, Attribute.of("to", (long) FLOAT));
            String masked = g.node("Mul", "masked", new String[]{y, m});
            String sum = g.node("ReduceSum", "sum_over_time", new String[]{masked, g.int64Vector(0)}, Attribute.of("keepdims", 0L));
            String count = g.node("Cast", "count", new String[]{lengths}, Attribute.of("to", (long) FLOAT));
            String countCol = g.node("Unsqueeze", "count_col", new String[]{count, g.int64Vector(1)});
            return g.node("Div", "mean_over_time", new String[]{sum, countCol});
        }
        if (type == PoolingType.MAX) {
            String low = g.floats("lowest", new float[]{-Float.MAX_VALUE});
            String masked = g.node("Where", "masked", new String[]{mask, y, low});
            return g.node("ReduceMax", "max_over_time", new String[]{masked}, Attribute.ints("axes", 0), Attribute.of("keepdims", 0L));
        }
        throw new OnnxExportException(where + ": pooling " + type + " (exported: AVG, MAX)");
    }

    /** e_t = u · tanh(h_t W + b), α = softmax over the valid steps, y = Σ α_t h_t. */
    private String attention(String y, Map<String, INDArray> p, AttentionPooling att) {
        INDArray w = p.get("W");
        INDArray b = p.get("b");
        INDArray u = p.get("u");
        String proj = g.node("MatMul", "att_proj", new String[]{y, g.floats("att_W", flat(w), w.size(0), w.size(1))});
        String act = g.node("Tanh", "att_tanh", new String[]{g.node("Add", "att_pre", new String[]{proj,
                g.floats("att_b", flat(b), b.length())})});
        String score = g.node("MatMul", "att_score", new String[]{act, g.floats("att_u", flat(u), u.length(), 1)});
        String mask = validSteps(y);
        String masked = g.node("Where", "att_masked", new String[]{mask, score, g.floats("att_masked_score", new float[]{-1e30f})});
        String alpha = g.node("Softmax", "att_alpha", new String[]{masked}, Attribute.of("axis", 0L));
        String weighted = g.node("Mul", "att_weighted", new String[]{y, alpha});
        return g.node("ReduceSum", "att_pooled", new String[]{weighted, g.int64Vector(0)}, Attribute.of("keepdims", 0L));
    }

    private void classifier(String x, OutputLayer out, Map<String, INDArray> p, String where) {
        if (!(out.getActivationFn() instanceof ActivationSoftmax)) {
            throw new OnnxExportException(where + ": output activation " + out.getActivationFn() + " (exported: softmax)");
        }
        if (!(out.getLossFn() instanceof LossMCXENT)) {
            throw new OnnxExportException(where + ": loss " + out.getLossFn() + " (exported: multi-class cross-entropy)");
        }
        INDArray w = p.get("W");
        String logits = g.node("MatMul", "logits_w", new String[]{x, g.floats("output_W", flat(w), w.size(0), w.size(1))});
        if (out.hasBias()) {
            INDArray b = p.get("b");
            logits = g.node("Add", "logits", new String[]{logits, g.floats("output_b", flat(b), b.length())});
        }
        // train --calibrate prior / temperature (trial 71a F6: a calibrated model was refused here): the card's correction and
        // T in the graph, as SequenceClassifier applies them, so that the exported probabilities and label are predict's
        if (card.priorCorrection() != null) {
            List<Double> weights = card.priorCorrection();
            float[] logW = new float[weights.size()];
            for (int c = 0; c < logW.length; c++) {
                logW[c] = (float) Math.log(weights.get(c));
            }
            logits = g.node("Sub", "prior_corrected", new String[]{logits, g.floats("prior_log_weights", logW, logW.length)});
        }
        if (card.temperature() != null) {
            logits = g.node("Div", "temperature_scaled", new String[]{logits,
                    g.floats("temperature", new float[]{(float) (double) card.temperature()}, 1)});
        }
        String probs = g.node("Softmax", "softmax", new String[]{logits}, Attribute.of("axis", 1L));
        String named = g.rename(probs, PROBABILITIES);
        String label = g.node("ArgMax", LABEL, new String[]{probs}, Attribute.of("axis", 1L), Attribute.of("keepdims", 0L));
        g.output(named, FLOAT, "batch", card.labelNames().size());
        g.output(label, INT64, "batch");
    }

    // ---------------------------------------------------------------- helpers

    private String activation(String x, IActivation fn, String where, String stem) {
        if (fn == null || fn instanceof ActivationIdentity) {
            return x;
        }
        String op = onnxActivation(fn, where);
        return g.node(op, stem, new String[]{x});
    }

    private static String onnxActivation(IActivation fn, String where) {
        if (fn instanceof ActivationTanH) {
            return "Tanh";
        }
        if (fn instanceof ActivationSigmoid) {
            return "Sigmoid";
        }
        if (fn instanceof ActivationReLU relu && relu.toString().equals(new ActivationReLU().toString())) {
            return "Relu";
        }
        throw new OnnxExportException(where + ": activation " + fn + " (exported: tanh, sigmoid, relu)");
    }

    private Map<String, INDArray> params(int i, NeuralNetConfiguration conf) {
        INDArray flat = net.getLayer(i).params();
        if (flat == null || flat.length() == 0) {
            return Map.of();
        }
        NeuralNetConfiguration copy = conf.clone();
        return conf.getLayer().initializer().init(copy, flat.reshape(1, flat.length()).dup(), false);
    }

    /** The values of {@code a} in row-major order, as float. */
    private static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector();
    }

    private static Map<String, INDArray> prefixed(Map<String, INDArray> p, String prefix) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(prefix) && !k.equals(Residual.PROJECTION_KEY)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private static INDArray require(Map<String, INDArray> p, String key, String where) {
        INDArray a = p.get(key);
        if (a == null) {
            throw new OnnxExportException(where + ": no parameter '" + key + "' (has " + p.keySet() + ")");
        }
        return a;
    }

    private static void requireFirst(int i, String where) {
        if (i != 0) {
            throw new OnnxExportException(where + ": an embedding must be the first layer");
        }
    }

    private static void requireSequence(boolean timeMajor, String where) {
        if (!timeMajor) {
            throw new OnnxExportException(where + ": a pooling head without a recurrent layer before it cannot be exported");
        }
    }

    private static String describe(Layer layer) {
        if (layer instanceof LastTimeStep l) {
            return describe(l.getUnderlying()) + " (last step)";
        }
        if (layer instanceof Residual r) {
            return "Residual(" + describe(r.getUnderlying()) + ")";
        }
        if (layer instanceof Bidirectional b) {
            return "Bidirectional[" + b.getMode() + "](" + describe(b.getFwd()) + ")";
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff) {
            return layer.getClass().getSimpleName() + "(" + ff.getNIn() + "->" + ff.getNOut() + ")";
        }
        return layer.getClass().getSimpleName();
    }
}
