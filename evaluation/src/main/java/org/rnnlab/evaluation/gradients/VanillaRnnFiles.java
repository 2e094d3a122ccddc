package org.rnnlab.evaluation.gradients;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;
import org.rnnlab.core.bptt.AnalysisResult;
import org.rnnlab.core.bptt.GradientAnalysis;
import org.rnnlab.core.bptt.RnnParameters;
import org.rnnlab.core.bptt.VanillaRnn;

/**
 * The hand-written RNN of {@code rnnlab gradients} as files a student can recompute its analysis from: its weights, one probe
 * sequence and that sequence's per-step {@link GradientAnalysis} ({@link AnalysisResult#toCsv()}: ||dL/dh_t||, ||J||,
 * ||W_h^d||, the bound), with a small JSON of shapes and summary numbers. A trial had to write a jshell script against the
 * jar to get them, which a student with only a JDK would not find. Every file is written atomically.
 */
public final class VanillaRnnFiles {

    /** W_h, W_x, b, W_y, b_y in long form: one value per line, numbers in Java's round-trip format. */
    public static final String WEIGHTS_CSV = "vanilla-bptt-weights.csv";
    /** The probe sequence analysed: one line per step, the inputs x_t. */
    public static final String PROBE_CSV = "vanilla-bptt-probe.csv";
    /** The per-step analysis of the probe sequence ({@link AnalysisResult#toCsv()}). */
    public static final String ANALYSIS_CSV = "vanilla-bptt-analysis.csv";
    /** Shapes, equations, the probe's label and the analysis's loss, spectral radius and largest singular value. */
    public static final String JSON = "vanilla-bptt.json";
    /** The header of {@link #WEIGHTS_CSV}. */
    public static final String WEIGHTS_HEADER = "parameter,row,column,value";

    /**
     * What {@link #JSON} holds.
     *
     * @param model                the model's name in gradient-flow.csv ({@code vanilla-bptt-H})
     * @param equations            the network's equations, in the names of {@link #WEIGHTS_CSV}
     * @param shapes               each parameter's [rows, columns] (b and b_y are columns: [H, 1], [C, 1])
     * @param probeSequence        the sequence's index in the probe batch (gradient-flow.csv's batch)
     * @param label                its class (the index of the one-hot label)
     * @param loss                 its loss, cross-entropy of the softmax at the last step
     * @param spectralRadius       rho(W_h)
     * @param largestSingularValue sigma_max(W_h), the base of the analysis's bound with tanh's max|f'| = 1
     * @param trained              whether the weights are those after {@code --trained}'s brief training
     */
    public record Summary(String model, String equations, Map<String, List<Long>> shapes, int probeSequence, int label, double loss,
                          double spectralRadius, double largestSingularValue, boolean trained) {
    }

    private VanillaRnnFiles() {
    }

    /**
     * Analyses sequence {@code index} of the probe batch and writes the four files into {@code dir}; returns their names.
     *
     * @param features the probe batch's inputs [B, D, T]
     * @param labels   its one-hot labels [B, C]
     */
    public static List<String> write(Path dir, String model, VanillaRnn rnn, INDArray features, INDArray labels, int index,
                                     boolean trained) throws IOException {
        INDArray x = features.get(NDArrayIndex.interval(index, index + 1), NDArrayIndex.all(), NDArrayIndex.all())
                .castTo(DataType.DOUBLE);
        INDArray y = labels.get(NDArrayIndex.interval(index, index + 1), NDArrayIndex.all()).castTo(DataType.DOUBLE);
        AnalysisResult analysis = GradientAnalysis.analyse(rnn, x, y);
        RnnParameters p = rnn.params();
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("W_x", p.wx());
        params.put("W_h", p.wh());
        params.put("b", p.b().reshape(p.hidden(), 1));
        params.put("W_y", p.wy());
        params.put("b_y", p.by().reshape(p.classes(), 1));
        StringBuilder weights = new StringBuilder(WEIGHTS_HEADER).append('\n');
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        params.forEach((name, m) -> {
            shapes.put(name, List.of(m.size(0), m.size(1)));
            for (long i = 0; i < m.size(0); i++) {
                for (long j = 0; j < m.size(1); j++) {
                    weights.append(name).append(',').append(i).append(',').append(j).append(',').append(m.getDouble(i, j)).append('\n');
                }
            }
        });
        StringBuilder probe = new StringBuilder("t");
        int inputs = (int) x.size(1);
        for (int f = 0; f < inputs; f++) {
            probe.append(",x_").append(f);
        }
        probe.append('\n');
        for (long t = 0; t < x.size(2); t++) {
            probe.append(t);
            for (int f = 0; f < inputs; f++) {
                probe.append(',').append(x.getDouble(0, f, t));
            }
            probe.append('\n');
        }
        AtomicFiles.writeString(dir.resolve(WEIGHTS_CSV), weights.toString());
        AtomicFiles.writeString(dir.resolve(PROBE_CSV), probe.toString());
        AtomicFiles.writeString(dir.resolve(ANALYSIS_CSV), analysis.toCsv());
        Json.writeFile(dir.resolve(JSON), new Summary(model, "h_t = tanh(W_h h_(t-1) + W_x x_t + b), h_(-1) = 0; the loss is the "
                + "cross-entropy of softmax(W_y h_(T-1) + b_y) at the last step only", shapes, index, y.argMax(1).getInt(0),
                analysis.loss(), analysis.spectralRadius(), analysis.largestSingularValue(), trained));
        return List.of(WEIGHTS_CSV, PROBE_CSV, ANALYSIS_CSV, JSON);
    }
}
