package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rnnlab.core.Nd4jRuntime;
import org.rnnlab.evaluation.engine.EngineOptions;
import org.slf4j.LoggerFactory;

/**
 * Review 80c R2: the filter that drops Spark's "Could not find CoarseGrainedScheduler" after a failed run stayed for the JVM's
 * life, hiding the same message of a later, live context (an embedding, a notebook kernel, a test JVM). A new SparkEngine
 * removes it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SparkLogFilterTest {

    @Test
    void aNewEngineShowsTheStoppedSchedulerMessagesAgain() {
        Nd4jRuntime.configureThreads(1);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(SparkEngine.quietStoppedSchedulerMessages()).isTrue(); // as after a failed run of an earlier engine
        assertThat(context.getTurboFilterList()).anyMatch(f -> f instanceof SparkEngine.StoppedSchedulerFilter);
        String rpc = "org.apache.spark.network.server.TransportRequestHandler";
        ListAppender<ILoggingEvent> console = new ListAppender<>();
        console.start();
        ((Logger) LoggerFactory.getLogger(rpc)).addAppender(console);
        org.apache.spark.SparkException gone = new org.apache.spark.SparkException("Could not find CoarseGrainedScheduler.");
        try {
            LoggerFactory.getLogger(rpc).error("Error while invoking RpcHandler#receive() for one-way message.", gone);
            assertThat(console.list).as("dropped while the failed engine's filter is in place").isEmpty();
            SparkEngine next = new SparkEngine(new EngineOptions("spark", "local[1]", 1));
            try {
                assertThat(context.getTurboFilterList()).noneMatch(f -> f instanceof SparkEngine.StoppedSchedulerFilter);
                LoggerFactory.getLogger(rpc).error("Error while invoking RpcHandler#receive() for one-way message.", gone);
                assertThat(console.list).as("a live context's message shows").hasSize(1);
            } finally {
                next.close();
            }
        } finally {
            ((Logger) LoggerFactory.getLogger(rpc)).detachAppender(console);
            SparkEngine.loudStoppedSchedulerMessages();
        }
    }
}
