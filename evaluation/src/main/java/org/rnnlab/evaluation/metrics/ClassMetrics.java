package org.rnnlab.evaluation.metrics;

/**
 * Precision, recall and F1 of one class (0 where undefined: no prediction or no example of it).
 *
 * @param label     class name
 * @param precision TP / (TP + FP)
 * @param recall    TP / (TP + FN)
 * @param f1        harmonic mean of precision and recall
 * @param support   number of examples of the class
 */
public record ClassMetrics(String label, double precision, double recall, double f1, long support) {
}
