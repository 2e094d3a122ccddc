/**
 * The {@code rnnlab} command line (picocli): {@link org.rnnlab.evaluation.cli.Main} and one class per
 * subcommand. Commands only parse options, call the library API and print its results. What evaluate and predict both
 * say of a model is worded once: {@link org.rnnlab.evaluation.cli.ClassWeightNote} (a class-weighted model's scores) and
 * {@link org.rnnlab.evaluation.cli.TrainingShares} (new data's class shares against the card's training counts).
 */
package org.rnnlab.evaluation.cli;
