/**
 * Training runs as the command line and notebooks start them: {@link org.rnnlab.evaluation.train.TrainRun}
 * opens the dataset, trains with checkpoints, evaluates, and writes the run folder and the model bundle.
 */
package org.rnnlab.evaluation.train;
