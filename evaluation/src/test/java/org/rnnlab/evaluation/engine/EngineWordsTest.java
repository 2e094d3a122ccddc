package org.rnnlab.evaluation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Trial 76g F8: {@code compare: the runs are trained by the spark spark://127.0.0.1:7077 engine} ("spark spark"). Where the
 * runs were trained is now said as {@code on Spark (master ...)}, on the console and in the report's header.
 */
class EngineWordsTest {

    @Test
    void anEngineIsSaidWithoutRepeatingSpark() {
        assertThat(RunEngine.where("spark spark://127.0.0.1:7077")).isEqualTo("on Spark (master spark://127.0.0.1:7077)");
        assertThat(RunEngine.where("spark local[*] (2 slots)")).isEqualTo("on Spark (master local[*], 2 slots)");
        assertThat(RunEngine.where("in-process")).isEqualTo("in-process");
        assertThat(RunEngine.where(new InProcessEngine().describe())).isEqualTo("in-process");
    }
}
