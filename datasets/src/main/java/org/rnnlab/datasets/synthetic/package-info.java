/**
 * Synthetic long-range sequence tasks, generated in memory and deterministic by seed, whose examples
 * carry tags for bucketing results by difficulty:
 * {@link Agreement} (subject-verb number agreement over a controlled
 * distance with attractors; token input) and {@link TemporalOrder}
 * (Hochreiter and Schmidhuber's temporal order problem; one-hot dense input); and
 * {@link ExampleArchive}, which writes benchmark-style TRAIN.csv/TEST.csv files in the long CSV layout:
 * three-class oscillations, or the synthetic look-alikes {@link BasicMotionsLike} (UEA BasicMotions) and
 * {@link LongShapeletLike} (FordA-style long univariate UCR sets), which copy those archives' shape, size and
 * class count, not their data.
 */
package org.rnnlab.datasets.synthetic;
