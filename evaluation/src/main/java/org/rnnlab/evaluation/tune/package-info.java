/**
 * Per-architecture tuning before a comparison ({@code compare --tune N}): the {@link
 * org.rnnlab.evaluation.tune.SearchSpace} (defaults, or {@code --space FILE}), seeded {@link
 * org.rnnlab.evaluation.tune.Trial}s, the rungs of {@link org.rnnlab.evaluation.tune.SuccessiveHalving},
 * the {@link org.rnnlab.evaluation.tune.Tuner} that races them on the validation split through a {@link
 * org.rnnlab.evaluation.engine.RunEngine}, the {@link org.rnnlab.evaluation.tune.TuningProgress} it reports after each trial, and
 * the {@link org.rnnlab.evaluation.tune.TuningResult}.
 */
package org.rnnlab.evaluation.tune;
