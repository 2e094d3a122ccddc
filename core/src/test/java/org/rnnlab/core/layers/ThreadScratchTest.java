package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadScratchTest {

    @Test
    void aThreadReusesItsArrayAndGrowsItOnlyForLargerRequests() {
        ThreadScratch s = new ThreadScratch();
        float[] a = s.floats(100);
        assertThat(a).hasSizeGreaterThanOrEqualTo(100);
        assertThat(s.floats(50)).isSameAs(a);
        float[] b = s.floats(1000);
        assertThat(b).isNotSameAs(a).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(s.floats(10)).isSameAs(b);
        double[] d = s.doubles(20);
        assertThat(s.doubles(20)).isSameAs(d);
    }

    @Test
    void eachThreadHasItsOwnArray() throws Exception {
        ThreadScratch s = new ThreadScratch();
        float[] mine = s.floats(10);
        float[][] theirs = new float[1][];
        Thread t = new Thread(() -> theirs[0] = s.floats(10));
        t.start();
        t.join();
        assertThat(theirs[0]).isNotSameAs(mine);
    }

    /**
     * A server's pool of threads that each once handled a large request: with the arrays kept by plain references the
     * pool holds six times 48 MB and a heap of 192 MB runs out although requests come one at a time (a user's
     * service); the soft references let the JVM take them back. In a JVM of its own, with that heap.
     */
    @Test
    void poolThreadsThatOnceHandledLargeRequestsDoNotExhaustTheHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx192m", "-cp", System.getProperty("java.class.path"),
                Hoard.class.getName()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("6 large requests done");
    }

    /** Six threads that stay alive (as a pool's do), each handling one request of 48 MB of floats, one after the other. */
    static final class Hoard {
        public static void main(String[] args) throws Exception {
            ThreadScratch s = new ThreadScratch();
            java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
            Thread[] threads = new Thread[6];
            for (int i = 0; i < threads.length; i++) {
                java.util.concurrent.CountDownLatch handled = new java.util.concurrent.CountDownLatch(1);
                threads[i] = new Thread(() -> {
                    handle(s); // the request's call returns: only the scratch slot still refers to its array
                    handled.countDown();
                    try {
                        end.await(); // idle in the pool, its scratch array kept
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                threads[i].setDaemon(true);
                threads[i].setUncaughtExceptionHandler((t, e) -> {
                    System.out.println("request failed: " + e);
                    System.exit(1);
                });
                threads[i].start();
                handled.await();
            }
            end.countDown();
            for (Thread t : threads) {
                t.join();
            }
            System.out.println("6 large requests done");
        }

        private static void handle(ThreadScratch s) {
            float[] a = s.floats(12_000_000);
            a[a.length - 1] = 1;
        }
    }
}
