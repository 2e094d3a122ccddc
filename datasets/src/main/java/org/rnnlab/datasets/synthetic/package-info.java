/**
 * Synthetic long-range sequence tasks, generated in memory and deterministic by seed, whose examples
 * carry tags for bucketing results by difficulty:
 * {@link Agreement} (subject-verb number agreement over a controlled
 * distance with attractors; token input) and {@link TemporalOrder}
 * (Hochreiter and Schmidhuber's temporal order problem; one-hot dense input).
 */
package org.rnnlab.datasets.synthetic;
