/**
 * Human-readable reports: XChart PNG charts ({@link org.rnnlab.evaluation.report.Charts}) and
 * self-contained HTML pages ({@link org.rnnlab.evaluation.report.ComparisonReport}) that explain each
 * chart in plain words and say how the run was made.
 */
package org.rnnlab.evaluation.report;
