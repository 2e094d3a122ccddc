/**
 * The Spark engine of {@code rnnlab compare}: {@link org.rnnlab.spark.SparkEngine} runs each training run of a
 * comparison as one Spark job of one task (JSON in, JSON out through {@link
 * org.rnnlab.evaluation.engine.TaskExecutor}), on an embedded {@code local[*]} Spark or on a cluster;
 * {@link org.rnnlab.spark.SparkEngineProvider} makes it available as {@code --engine spark}, and
 * {@link org.rnnlab.spark.SparkMain} is the entry point for {@code ./rnnlab} with {@code --engine spark} and for
 * {@code spark-submit}.
 */
package org.rnnlab.spark;
