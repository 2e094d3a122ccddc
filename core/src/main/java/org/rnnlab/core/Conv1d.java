package org.rnnlab.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One 1-D convolution over time of the convolutional front-end ({@link ModelSpec#convolutions()}): {@code channels}
 * filters of {@code kernel} steps, moved {@code stride} steps at a time, ReLU activation. The convolution is causal
 * (padded on the left only; output step j reads input steps {@code j*stride-kernel+1 .. j*stride}, as in WaveNet and
 * temporal convolutional networks: Bai, Kolter and Koltun 2018, arXiv:1803.01271), so a sequence of T steps leaves it
 * with ceil(T / stride) steps and no output step of a sequence reads the padding after its end: a padded sequence is
 * classified as the unpadded one. The feature mask is reduced with the same kernel and stride (DL4J's
 * {@code Convolution1DLayer}). A stride above 1 shortens the sequence the recurrent layers read, which makes them
 * that much faster (the DeepConvLSTM family: Ordóñez and Roggen 2016, Sensors 16(1):115). For text, the convolutions
 * read the token embeddings (Kim 2014, "Convolutional Neural Networks for Sentence Classification", EMNLP).
 *
 * @param kernel   filter length in steps, in [1, 64]
 * @param channels number of filters (the output width), in [1, 4096]
 * @param stride   steps between filter positions, in [1, kernel]
 */
public record Conv1d(int kernel, int channels, int stride) {

    public Conv1d {
        if (kernel < 1 || kernel > 64) {
            throw new IllegalArgumentException("convolution kernel must be in [1, 64] steps, got " + kernel);
        }
        if (channels < 1 || channels > 4096) {
            throw new IllegalArgumentException("convolution channels must be in [1, 4096], got " + channels);
        }
        if (stride < 1 || stride > kernel) {
            throw new IllegalArgumentException("convolution stride must be in [1, kernel=" + kernel + "], got " + stride);
        }
    }

    /**
     * Parses {@code KERNELxCHANNELS} or {@code KERNELxCHANNELS/STRIDE}, e.g. {@code 5x64} or {@code 5x64/2}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static Conv1d parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = Pattern.compile("(\\d+)x(\\d+)(?:/(\\d+))?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("a convolution is KERNELxCHANNELS or KERNELxCHANNELS/STRIDE (e.g. 5x64/2), got '"
                    + text + "'");
        }
        try {
            return new Conv1d(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("convolution '" + text + "': number too large", e);
        }
    }

    /** The form {@link #parse} reads, e.g. {@code 5x64/2}. */
    @Override
    public String toString() {
        return kernel + "x" + channels + (stride == 1 ? "" : "/" + stride);
    }
}
