package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warning of shed load: the first refusal at once, then at most one line per interval with the counts since the last. */
class ShedLogTest {

    @Test
    void saysTheFirstRefusalAtOnceThenAtMostOneLinePerIntervalWithTheCountsSince() {
        AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
        List<String> lines = new ArrayList<>();
        ShedLog log = new ShedLog(Duration.ofSeconds(10), now::get, lines::add);
        log.shed("max-waiting");
        assertThat(lines).containsExactly("shedding load: 1 predict request(s) refused: 1 for --max-waiting (503 with Retry-After); "
                + "at most one such line per 10 s");
        for (int i = 0; i < 500; i++) { // a burst within the interval: counted, not said
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
            log.shed(i % 5 == 0 ? "max-body" : "max-waiting");
        }
        assertThat(lines).hasSize(1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(6)); // 11 s after the first line
        log.shed("body-bytes-in-flight");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("shedding load: 401 predict request(s) refused in the last 11 s: 400 for --max-waiting, "
                + "1 for --body-bytes-in-flight (503 with Retry-After); 100 predict request(s) refused for a body over --max-body (413: "
                + "the request's size, not load); at most one such line per 10 s");
        log.flush();
        assertThat(lines).as("nothing counted since the last line: nothing to say").hasSize(2);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        log.shed("max-wait");
        assertThat(lines).hasSize(2);
        log.flush(); // at the stop
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("shedding load: 1 predict request(s) refused in the last 1 s: 1 for --max-wait ");
        // one oversize body alone is no load (a trial read its line as the server overloaded)
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        log.shed("max-body");
        assertThat(lines.get(3)).isEqualTo("1 predict request(s) refused in the last 20 s for a body over --max-body (413: the "
                + "request's size, not load); at most one such line per 10 s").doesNotContain("shedding");
    }
}
