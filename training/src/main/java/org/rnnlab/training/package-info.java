/**
 * Training: the trainer and the small package-private policies its loop asks (divergence guard, early
 * stopping, time budget, stop request, checkpointing), listeners, checkpoints, model bundles, and
 * {@link Provenance}, the record of how every result was made, which every
 * {@link TrainedModel} carries.
 */
package org.rnnlab.training;
