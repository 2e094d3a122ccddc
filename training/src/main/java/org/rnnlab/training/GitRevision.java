package org.rnnlab.training;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The git revision of rnnlab's own source checkout, for {@link Provenance#gitCommit()}: the code that made a result,
 * not the folder the user happened to run it from (a user's own repository there would have been recorded as the
 * code's revision).
 *
 * <p>The checkout is the system property {@value #HOME_PROPERTY} when set (the {@code rnnlab} launcher passes its own
 * folder), else the checkout that holds rnnlab's classes or jar ({@code <checkout>/training/target/classes}, or a jar in
 * {@code <checkout>/evaluation/target/lib}): the nearest folder above them with a {@code .git} entry, accepted only when
 * its {@code pom.xml} is rnnlab's parent POM (so a jar in {@code ~/.m2} under a home folder kept in git is not
 * credited to that repository). git runs with {@code -C <checkout>} and must name that very folder as its top level:
 * a folder that is not itself a checkout, even inside another repository, gives {@code unknown}.
 */
final class GitRevision {
    /** The system property that names rnnlab's checkout (set by the {@code rnnlab} launcher). */
    static final String HOME_PROPERTY = "rnnlab.home";
    static final String UNKNOWN = "unknown";

    /**
     * Read once per process: the code a process runs does not change while it runs, and asking git starts two
     * processes (about 0.1 s), which every training run (each captures its provenance) would pay.
     */
    private static final class OfThisProcess {
        static final String VALUE = current();
    }

    private GitRevision() {
    }

    /** This process's rnnlab revision, computed once. */
    static String ofThisProcess() {
        return OfThisProcess.VALUE;
    }

    /** rnnlab's revision now: of {@value #HOME_PROPERTY} if set, else of the checkout holding these classes. */
    static String current() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return of(Path.of(home));
        }
        return codeLocation().flatMap(GitRevision::rnnlabCheckoutAbove).map(GitRevision::of).orElse(UNKNOWN);
    }

    /**
     * The commit checked out in {@code checkout}, with {@code -dirty} when tracked files have uncommitted changes or files
     * that git does not ignore are untracked (a new source file under src/main is built into the jar: trial 72c recorded such
     * a checkout as clean); ignored files ({@code target/}, {@code runs/} by the project's .gitignore) do not count;
     * {@code unknown} when {@code checkout} is not the top folder of a git checkout or git is missing.
     */
    static String of(Path checkout) {
        try {
            Path dir = checkout.toRealPath();
            List<String> lines = git(dir, "rev-parse", "--show-toplevel", "HEAD");
            if (lines.size() != 2 || !Path.of(lines.get(0)).toRealPath().equals(dir)) {
                return UNKNOWN;
            }
            boolean dirty = !git(dir, "status", "--porcelain").isEmpty();
            return dirty ? lines.get(1) + "-dirty" : lines.get(1);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /**
     * When {@code commit} (a recorded {@link Provenance#gitCommit}, {@code -dirty} or not) was committed, by the git of
     * rnnlab's own checkout ({@value #HOME_PROPERTY}, else the one holding these classes); empty when there is none, the
     * commit is not in it, or git is missing: for how old the rnnlab that made a result is (review 78 R2).
     */
    static Optional<java.time.Instant> committedAt(String commit) {
        String c = commit == null ? "" : commit.replace("-dirty", "");
        if (!c.matches("[0-9a-f]{7,40}")) {
            return Optional.empty();
        }
        String home = System.getProperty(HOME_PROPERTY);
        Optional<Path> checkout = home != null && !home.isBlank() ? Optional.of(Path.of(home))
                : codeLocation().flatMap(GitRevision::rnnlabCheckoutAbove);
        if (checkout.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<String> lines = git(checkout.get(), "show", "-s", "--format=%cI", c + "^{commit}");
            return lines.size() == 1 ? Optional.of(java.time.OffsetDateTime.parse(lines.get(0)).toInstant()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The folder or jar rnnlab's classes were loaded from. */
    private static Optional<Path> codeLocation() {
        CodeSource source = GitRevision.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The nearest folder at or above {@code location} with a {@code .git} entry, if it is an rnnlab checkout. */
    static Optional<Path> rnnlabCheckoutAbove(Path location) {
        for (Path dir = location.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return isRnnlabCheckout(dir) ? Optional.of(dir) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isRnnlabCheckout(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.size(pom) < 1_000_000
                    && Files.readString(pom).contains("<artifactId>rnnlab-parent</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    /** git's output lines, or none when it fails or takes over 10 s. */
    private static List<String> git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return List.of();
            }
            return new String(out, StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            p.destroy();
        }
    }
}
