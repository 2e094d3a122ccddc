package org.rnnlab.evaluation.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.evaluation.compare.Comparison;
import org.rnnlab.evaluation.compare.RunTask;
import org.rnnlab.evaluation.engine.DataSource;
import org.rnnlab.evaluation.engine.EngineOptions;
import org.rnnlab.evaluation.engine.InProcessEngine;
import org.rnnlab.evaluation.engine.RunEngine;
import org.rnnlab.evaluation.engine.RunEngineProvider;

/**
 * A test engine, {@code --engine failsecond}: trains the first task in this process and fails the second, as a cluster's
 * run that fails (a missing side file on an executor) ends a comparison.
 */
public final class FailingEngineProvider implements RunEngineProvider {
    @Override
    public String name() {
        return "failsecond";
    }

    @Override
    public RunEngine create(EngineOptions options) {
        return new RunEngine() {
            @Override
            public String describe() {
                return "failsecond (a test engine)";
            }

            @Override
            public void run(DataSource source, SequenceDataset data, List<RunTask> tasks, Comparison.Listener listener, AtomicBoolean stop) {
                new InProcessEngine().run(source, data, tasks.subList(0, 1), listener, stop);
                throw new IllegalStateException("run " + tasks.get(1).key() + " failed on the test engine: label map file not found");
            }
        };
    }
}
