/**
 * Metrics: {@link org.rnnlab.evaluation.metrics.EvaluationResult} (accuracy, macro-F1, per-class
 * precision/recall/F1, confusion matrix, accuracy per tag bucket) under typed
 * {@link org.rnnlab.evaluation.metrics.Metric} keys, computed by {@link org.rnnlab.evaluation.metrics.Evaluator}.
 */
package org.rnnlab.evaluation.metrics;
