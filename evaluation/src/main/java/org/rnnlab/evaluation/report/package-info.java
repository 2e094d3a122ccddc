/**
 * Human-readable reports: XChart PNG charts ({@link org.rnnlab.evaluation.report.Charts}) and
 * self-contained HTML pages ({@link org.rnnlab.evaluation.report.ComparisonReport}) that explain each
 * chart in plain words and say how the run was made.
 *
 * <p>Every chart has one style, made to be read at a glance: each configuration keeps one colour in every
 * chart of a report ({@link org.rnnlab.evaluation.report.Palette}, in the order of the results table); axes
 * carry a few round labels (whole numbers for epochs and distances; whole decades, at most about six, on log
 * axes); lines over seeds carry a translucent mean ± sd band; confusion matrices are grids of counts coloured
 * by the share of the true class. A chart without data is not written, and the page says why.
 * {@link org.rnnlab.evaluation.report.Charts#readability} checks a rendered chart's labels (how many, whether
 * two overlap); the tests run it on every chart of the compare and gradients reports.
 */
package org.rnnlab.evaluation.report;
