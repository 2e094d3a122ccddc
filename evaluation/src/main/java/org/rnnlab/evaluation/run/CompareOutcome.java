package org.rnnlab.evaluation.run;

import java.nio.file.Path;
import org.rnnlab.evaluation.compare.ComparisonResult;

/**
 * What a comparison run produced. A complete run wrote results.json, results.csv, the charts and
 * index.html. A stopped one kept its finished runs in {@code runs/} and, when any had finished, wrote
 * the same files for them (a partial report); {@link CompareRun#resume} continues it.
 *
 * @param runDir      the run folder
 * @param result      all runs, or those finished when it was stopped (possibly none)
 * @param interrupted whether the stop flag ended it before every run was finished
 * @param report      the index.html written, or null when none was (stopped with no finished run, or the
 *                    partial report failed)
 * @param reportError why the partial report could not be written, or null
 */
public record CompareOutcome(Path runDir, ComparisonResult result, boolean interrupted, Path report, String reportError) {
}
