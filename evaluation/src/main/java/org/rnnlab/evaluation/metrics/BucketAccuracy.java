package org.rnnlab.evaluation.metrics;

/**
 * Accuracy on the examples that share one value of a tag, e.g. all test sentences at distance 12.
 *
 * @param tag      tag name, e.g. {@code distance} or {@code attractors}
 * @param value    tag value
 * @param count    examples in the bucket
 * @param accuracy accuracy on them
 */
public record BucketAccuracy(String tag, int value, long count, double accuracy) {
}
