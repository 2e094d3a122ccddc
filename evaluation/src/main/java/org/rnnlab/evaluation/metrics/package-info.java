/**
 * Metrics: {@link org.rnnlab.evaluation.metrics.EvaluationResult} (accuracy, macro-F1, Cohen's kappa, per-class
 * precision/recall/F1, confusion matrix, accuracy per tag bucket) under typed
 * {@link org.rnnlab.evaluation.metrics.Metric} keys, computed by {@link org.rnnlab.evaluation.metrics.Evaluator} with the
 * classes chosen by a {@link org.rnnlab.training.Decision} (argmax, or a two-class cut-off); the ranking metrics
 * of the probabilities, ROC AUC and average precision of each class against the rest, in
 * {@link org.rnnlab.evaluation.metrics.Ranking}; whether the probabilities can be read as probabilities, the Brier score,
 * ECE and reliability table in {@link org.rnnlab.evaluation.metrics.Calibration}, the calibration slope and intercept in
 * {@link org.rnnlab.evaluation.metrics.CalibrationSlope}; each group's scores of a group column against its own majority class
 * in {@link org.rnnlab.evaluation.metrics.GroupTable} (evaluate's table and {@code --json}, train's results.json, the rows a
 * comparison's runs keep for by-group.csv); one class raised at a cut-off, and the cut-off of a target recall
 * or precision (placed between two probabilities, never on one), in {@link org.rnnlab.evaluation.metrics.Alarm}; the
 * precision, recall and lift of the k highest-scored sequences in {@link org.rnnlab.evaluation.metrics.TopK}.
 */
package org.rnnlab.evaluation.metrics;
