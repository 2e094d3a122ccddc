package org.rnnlab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The warning of shed load: the first refusal at once, those within the interval after it in one line when the interval is
 * up, each kind timed from its own first refusal not yet said.
 */
class ShedLogTest {

    /** A timer run by hand: the tasks with the time they are due, on the test's clock. */
    record Due(Runnable task, long at) {
    }

    static final String TAIL = "; at most one such line per 10 s";

    @Test
    void aBurstWithinTheIntervalIsSaidWhenTheIntervalIsUpWithItsCountAndItsOwnWindow() {
        AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
        List<String> lines = new ArrayList<>();
        List<Due> timer = new ArrayList<>();
        List<Boolean> stopped = new ArrayList<>();
        ShedLog log = new ShedLog(Duration.ofSeconds(10), now::get, lines::add,
                (task, delay) -> timer.add(new Due(task, now.get() + delay)), () -> stopped.add(true));

        // the ops trial: one 413, then 233.8 s later a burst of 671 refusals for --max-waiting within 2 s
        log.shed("max-body");
        assertThat(lines).containsExactly("1 predict request(s) refused for a body over --max-body (413: the request's size, not "
                + "load)" + TAIL);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(233_800));
        long burst = now.get();
        for (int i = 0; i < 671; i++) {
            log.shed("max-waiting");
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(3));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).as("the first of the burst at once, not timed from the 413's line 233.8 s before")
                .isEqualTo("shedding load: 1 predict request(s) refused: 1 for --max-waiting (503 with Retry-After)" + TAIL);
        assertThat(timer).as("one line waits for the end of the interval").hasSize(1);
        assertThat(timer.get(0).at()).isEqualTo(burst + TimeUnit.SECONDS.toNanos(10));

        // no further refusal comes: the timer says the other 670 when the 10 s are up, not the stop minutes later
        now.set(timer.get(0).at());
        timer.remove(0).task().run();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).isEqualTo("shedding load: 670 predict request(s) refused in the last 10 s: 670 for --max-waiting "
                + "(503 with Retry-After)" + TAIL);
        assertThat(timer).as("nothing left to say: nothing scheduled").isEmpty();
        log.flush();
        assertThat(lines).as("nothing counted since the last line").hasSize(3);

        // both kinds in one interval, each timed from its own first refusal; a refusal after the interval says them at once
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        log.shed("body-bytes-in-flight"); // 1 s after the last line: counted
        now.addAndGet(TimeUnit.SECONDS.toNanos(6));
        log.shed("max-body");
        log.shed("max-wait");
        assertThat(lines).hasSize(3);
        assertThat(timer).hasSize(1);
        now.addAndGet(TimeUnit.SECONDS.toNanos(4)); // 11 s after the last line
        log.shed("max-wait");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).isEqualTo("shedding load: 3 predict request(s) refused in the last 10 s: 2 for --max-wait, 1 for "
                + "--body-bytes-in-flight (503 with Retry-After); 1 predict request(s) refused in the last 4 s for a body over "
                + "--max-body (413: the request's size, not load)" + TAIL);
        // the timer's task, due when that line was said, finds nothing to say
        now.set(Math.max(now.get(), timer.get(0).at()));
        timer.remove(0).task().run();
        assertThat(lines).hasSize(4);
        assertThat(timer).isEmpty();

        // counted, then the stop comes before the interval is up: said at the stop, and the timer stopped
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        log.shed("max-waiting");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        assertThat(lines).hasSize(4);
        log.close();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).startsWith("shedding load: 1 predict request(s) refused in the last 1.5 s: 1 for --max-waiting ");
        assertThat(stopped).containsExactly(true);
        timer.remove(0).task().run(); // a task that was due after the stop says nothing again
        assertThat(lines).hasSize(5);
    }

    /**
     * The 408s of {@code --body-timeout} are said apart from load shed, as slow uploads, each kind in its own window: a load
     * trial's 64 slow uploads left no line at all, and the log's only words were the 503s of {@code --max-wait} ("overloaded").
     */
    @Test
    void bodyTimeoutsAreSaidApartAsSlowUploadsWithTheirOwnWindow() {
        AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
        List<String> lines = new ArrayList<>();
        List<Due> timer = new ArrayList<>();
        ShedLog log = new ShedLog(Duration.ofSeconds(10), now::get, lines::add,
                (task, delay) -> timer.add(new Due(task, now.get() + delay)), () -> { });
        log.shed(ShedLog.BODY_TIMEOUT);
        assertThat(lines).containsExactly("1 predict request(s) timed out: their bodies did not arrive within --body-timeout (408: "
                + "slow uploads, a slow link or clients trickling their bodies; not load, and they held no --max-concurrent slot)" + TAIL);
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        log.shed("max-wait");
        now.addAndGet(TimeUnit.SECONDS.toNanos(3));
        for (int i = 0; i < 63; i++) {
            log.shed(ShedLog.BODY_TIMEOUT);
        }
        now.set(timer.get(0).at());
        timer.remove(0).task().run();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("shedding load: 1 predict request(s) refused in the last 8 s: 1 for --max-wait (503 with "
                + "Retry-After); 63 predict request(s) timed out in the last 5 s: their bodies did not arrive within --body-timeout "
                + "(408: slow uploads, a slow link or clients trickling their bodies; not load, and they held no --max-concurrent slot)"
                + TAIL);
    }

    /** The same with the server's own timer, a daemon thread on the real clock: the burst is said without another refusal. */
    @Test
    void theDaemonTimerSaysTheBurstWhenTheIntervalIsUpAndStopsAtClose() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        // this log's own timer threads, not looked up by name: another server's serve-shed-log thread may be alive in this JVM
        List<Thread> made = new CopyOnWriteArrayList<>();
        // another server's log whose timer thread of the same name is alive throughout (review 64, finding 11)
        List<Thread> othersMade = new CopyOnWriteArrayList<>();
        ShedLog other = ShedLog.withDaemonTimer(Duration.ofMillis(200), line -> {
        }, othersMade::add);
        other.shed("max-waiting");
        other.shed("max-waiting"); // waits for the end of the interval: starts the other timer thread
        assertThat(othersMade).hasSize(1);
        ShedLog log = ShedLog.withDaemonTimer(Duration.ofMillis(200), lines::add, made::add);
        for (int i = 0; i < 100; i++) {
            log.shed("max-waiting");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (said(lines) < 100 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(said(lines)).as("every refusal said within the interval, without another refusal or a flush: %s", lines)
                .isEqualTo(100);
        assertThat(lines.get(0)).startsWith("shedding load: 1 predict request(s) refused: 1 for --max-waiting");
        assertThat(made).as("one timer thread, started by the burst").hasSize(1);
        Thread timer = made.get(0);
        assertThat(timer.getName()).isEqualTo("serve-shed-log");
        assertThat(timer.isDaemon()).isTrue();
        assertThat(timer.isAlive()).as("idle threads live a minute: still there before the close").isTrue();
        log.close();
        timer.join(10_000);
        assertThat(timer.isAlive()).as("the timer stops with the log").isFalse();
        assertThat(made).as("no new timer thread after the close").hasSize(1);
        assertThat(othersMade.get(0).isAlive()).as("another log's timer is not stopped by this one's close").isTrue();
        other.close();
        othersMade.get(0).join(10_000);
        assertThat(othersMade.get(0).isAlive()).isFalse();
    }

    /** The refusals the lines say, summed. */
    private static long said(List<String> lines) {
        long n = 0;
        for (String line : lines) {
            Matcher m = Pattern.compile("shedding load: (\\d+) predict").matcher(line);
            if (m.find()) {
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }
}
