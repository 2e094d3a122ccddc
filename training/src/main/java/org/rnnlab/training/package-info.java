/**
 * Training: the trainer and the small package-private policies its loop asks (divergence guard, early
 * stopping, time budget, stop request, checkpointing), listeners, checkpoints, model bundles, and
 * {@link Provenance}, the record of how every result was made, which every
 * {@link TrainedModel} carries. {@link ValidationScores} measures each epoch on the validation split, with the threshold-free
 * scores of {@link OneVsRest}, for {@link EpochSelection} to judge it by. {@link TemperatureScaling} recalibrates a trained
 * model's probabilities on the validation split ({@code train --calibrate temperature}), and {@link PriorCorrection} undoes the
 * shift class weights put into them ({@code train --calibrate prior}: the logits less log w); both are kept in the
 * {@link ModelCard} and applied by {@link SequenceClassifier} ({@link ModelCard#calibrated(double[])}). The card's {@link HeldOutPredictions} (the classes the
 * model predicted on its held-out split) are what predict compares the shares of its predicted classes with, and their
 * {@link HeldOutConfidence} (the top-class probability's quantiles there) what marks a new sequence less confident than 95%
 * of the held-out ones ({@link SequenceClassifier.Prediction#lowConfidence()}); its
 * {@link TrainingRange} (each feature's training values) keeps {@link FarFromTraining} from calling a value the training
 * data held far outside them ({@link FeatureDrift} judges a file's or a group's mean and sd against the standardiser's
 * training mean and sd, and a level also against the spread of the training sequences' own means that the range keeps, for a
 * device's own offset or gain inside that range, and, once predicted, against the training sequences' means of each
 * predicted class, {@link FeatureDrift#judgeByClass}; the range's constant shares name frozen features in each
 * {@link SequenceClassifier.Prediction#constantFeatures()}), and its {@link MajorityBaselineScores} (what always predicting the most frequent training
 * class scored on the run's test split) let {@link ModelCard#notAboveMajorityBaseline()} say that a model did not beat
 * that baseline. A loaded model classifies through
 * {@link SequenceClassifier}, whole sequences or, one sample at a time, through {@link PredictionStream}s over the
 * package-private {@link StreamingNetwork} (a trial's wearables service had no stateful API).
 */
package org.rnnlab.training;
