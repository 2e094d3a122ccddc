/**
 * Architecture comparisons: {@link org.rnnlab.evaluation.compare.Comparison} turns a {@link
 * org.rnnlab.evaluation.compare.ComparisonConfig} into independent {@link org.rnnlab.evaluation.compare.RunTask}s
 * (architecture x clip setting, or the tuned setting, x seed x cross-validation fold), has a {@link
 * org.rnnlab.evaluation.engine.RunEngine} train, evaluate and probe them, and summarises each configuration over
 * its seeds and folds ({@link org.rnnlab.evaluation.compare.Aggregate}); {@link
 * org.rnnlab.evaluation.compare.PairedDifference} says which differences between configurations are reliable (paired by
 * seed, seed x band, or under cross-validation by fold, over the fold means of the seeds, which share the fold's test data);
 * {@link org.rnnlab.evaluation.compare.ComparisonFiles} writes results.json, results.csv, differences.json/.csv
 * and, after tuning, tuning.json and trials.csv, and result-warnings.txt with the warnings of the finished runs ({@link
 * org.rnnlab.evaluation.compare.ComparisonResult#warnings}: {@link org.rnnlab.evaluation.compare.TrainingLengths} says how
 * long they trained, and qualifies a reliable verdict involving a configuration still improving at the end of its budget); {@link org.rnnlab.evaluation.compare.ComparisonSummary} the
 * per-configuration summary.csv and summary.md to paste into a paper (error rate, mean and sample sd over seeds);
 * {@link org.rnnlab.evaluation.compare.FoldGroups} names the groups each fold of a cross-validation by group held out;
 * {@link org.rnnlab.evaluation.compare.ByGroupResults} writes by-group.csv, each configuration's test scores per group of the
 * data's group column, from the runs' {@link org.rnnlab.evaluation.compare.RunResult#groups};
 * {@link org.rnnlab.evaluation.compare.PresentOrPredicted} gives scikit-learn's macro-F1 where a run predicted a class its
 * test data hold none of, which the verdicts against the {@link org.rnnlab.evaluation.compare.MajorityBaseline} then take.
 */
package org.rnnlab.evaluation.compare;
