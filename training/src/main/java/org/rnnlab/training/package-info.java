/**
 * Training: the trainer, listeners, checkpoints, model bundles, and {@link org.rnnlab.training.Provenance},
 * the record of how every result was made.
 */
package org.rnnlab.training;
