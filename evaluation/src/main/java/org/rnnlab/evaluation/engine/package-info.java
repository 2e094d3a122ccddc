/**
 * Engines that run a comparison's independent tasks (seeds, folds, tuning trials): {@link
 * org.rnnlab.evaluation.engine.RunEngine}, the built-in {@link org.rnnlab.evaluation.engine.InProcessEngine},
 * the worker side {@link org.rnnlab.evaluation.engine.TaskExecutor} (JSON in, JSON out) and the lookup of
 * other engines by name ({@link org.rnnlab.evaluation.engine.RunEngines}); the Spark engine lives in the
 * {@code rnnlab-spark} module.
 */
package org.rnnlab.evaluation.engine;
