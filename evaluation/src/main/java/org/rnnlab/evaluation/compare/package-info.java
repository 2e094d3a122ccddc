/**
 * Architecture comparisons: {@link org.rnnlab.evaluation.compare.Comparison} trains each architecture
 * x clip setting with several seeds on the same data and budget, evaluates and probes them, and
 * summarises across seeds ({@link org.rnnlab.evaluation.compare.Aggregate}); {@link
 * org.rnnlab.evaluation.compare.ComparisonFiles} writes results.json and results.csv.
 */
package org.rnnlab.evaluation.compare;
