/**
 * Run folders: {@link org.rnnlab.evaluation.run.CompareRun} runs a comparison the way {@code rnnlab compare}
 * does (config.json, provenance.json, one file per finished run in runs/, results and report, resuming, a
 * partial report when stopped), usable from Java without the command line; {@link
 * org.rnnlab.evaluation.run.RunFiles} writes the config.json and provenance.json that every run folder
 * starts with (compare's and {@link org.rnnlab.evaluation.train.TrainRun}'s).
 */
package org.rnnlab.evaluation.run;
