/**
 * The {@code rnnlab} command line (picocli): {@link org.rnnlab.evaluation.cli.Main} and one class per
 * subcommand. Commands only parse options, call the library API and print its results. What evaluate and predict both
 * say of a model is worded once: {@link org.rnnlab.evaluation.cli.ClassWeightNote} (a class-weighted model's scores) and
 * {@link org.rnnlab.evaluation.cli.TrainingShares} (new data's class shares against the card's training counts); what predict and serve
 * say of a model its run's test split found no better than its majority baseline is the card's own
 * ({@link org.rnnlab.training.ModelCard#notAboveMajorityBaseline()}), so the Java API says the same. Evaluate's early-classification
 * curve ({@code --prefixes}) is {@link org.rnnlab.evaluation.cli.PrefixCurve}: the scored sequences cut to prefixes and
 * scored through the same {@link org.rnnlab.evaluation.metrics.Evaluator} path as whole ones. A validation split asked for
 * and carved empty, and what gives one under the run's carve, is worded once by
 * {@link org.rnnlab.evaluation.cli.EmptyValidation} (train's warning and {@code --calibrate}'s refusals).
 * {@link org.rnnlab.evaluation.cli.RejectionRates} is evaluate's table of how predict's {@code low_confidence} cut-offs
 * (the card's held-out quantiles, per predicted class where recorded) flag the sequences of unknown and of known labels.
 */
package org.rnnlab.evaluation.cli;
