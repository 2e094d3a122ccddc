package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance records rnnlab's own revision: of {@code rnnlab.home}, else of the checkout holding rnnlab's classes, and
 * never of the repository the process runs in (the user's). Temporary repositories stand in for both.
 */
class GitRevisionTest {
    @TempDir
    static Path tmp;
    /** Stands in for rnnlab's checkout (its pom.xml is rnnlab's parent POM in name). */
    static Path rnnlab;
    /** Stands in for the user's own repository, the working directory of the child processes. */
    static Path user;

    @BeforeAll
    static void repositories() throws Exception {
        assumeTrue(git(tmp, "--version") != null, "git is installed");
        rnnlab = repository("rnnlab", "<project><artifactId>rnnlab-parent</artifactId></project>\n");
        user = repository("user", "<project><artifactId>theirs</artifactId></project>\n");
    }

    @Test
    void theCheckoutsCommitAndDirtyWhenATrackedFileChanged() throws Exception {
        Path repo = repository("dirty", "v1\n");
        String head = git(repo, "rev-parse", "HEAD");
        assertThat(GitRevision.of(repo)).isEqualTo(head).matches("[0-9a-f]{40}");
        Files.writeString(repo.resolve("pom.xml"), "v2\n");
        assertThat(GitRevision.of(repo)).isEqualTo(head + "-dirty");
    }

    @Test
    void anUntrackedFileMakesTheCheckoutDirtyAnIgnoredOneDoesNot() throws Exception {
        Path repo = repository("untracked", "v1\n");
        String head = git(repo, "rev-parse", "HEAD");
        // what a build and runs leave in a checkout is ignored: still clean
        Files.writeString(Files.createDirectories(repo.resolve("target/classes")).resolve("A.class"), "x");
        Files.writeString(Files.createDirectories(repo.resolve("runs/r1")).resolve("config.json"), "{}");
        assertThat(GitRevision.of(repo)).isEqualTo(head);
        // a new source file, not yet added, is built into the jar (trial 72c: recorded as clean)
        Files.writeString(Files.createDirectories(repo.resolve("src/main/java")).resolve("New.java"), "class New {}\n");
        assertThat(GitRevision.of(repo)).isEqualTo(head + "-dirty");
    }

    @Test
    void aFolderThatIsNotItselfACheckoutIsUnknownEvenInsideOne() throws Exception {
        Path inside = Files.createDirectories(user.resolve("tools/rnnlab"));
        assertThat(GitRevision.of(inside)).isEqualTo("unknown");
        assertThat(GitRevision.of(Files.createDirectories(tmp.resolve("plain")))).isEqualTo("unknown");
        assertThat(GitRevision.of(tmp.resolve("missing"))).isEqualTo("unknown");
    }

    @Test
    void rnnlabHomeNamesTheCheckoutAndTheWorkingDirectoryIsIgnored() throws Exception {
        assertThat(child(user, "-D" + GitRevision.HOME_PROPERTY + "=" + rnnlab)).isEqualTo(git(rnnlab, "rev-parse", "HEAD"));
        Path plainFolderInTheUsersRepository = Files.createDirectories(user.resolve("opt/rnnlab"));
        assertThat(child(user, "-D" + GitRevision.HOME_PROPERTY + "=" + plainFolderInTheUsersRepository)).isEqualTo("unknown");
    }

    @Test
    void withoutRnnlabHomeTheCheckoutHoldingRnnlabsClassesCountsNotTheWorkingDirectory() throws Exception {
        Path classes = Path.of(GitRevision.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path checkout = GitRevision.rnnlabCheckoutAbove(classes).orElse(null);
        assumeTrue(checkout != null, "these classes were built in an rnnlab git checkout");
        String expected = git(checkout, "rev-parse", "HEAD");
        assertThat(child(user)).startsWith(expected).doesNotStartWith(git(user, "rev-parse", "HEAD"));
        assertThat(child(tmp)).startsWith(expected);
    }

    @Test
    void aJarOutsideAnRnnlabCheckoutIsNotCreditedToTheRepositoryAboveIt() throws Exception {
        Path m2 = Files.createDirectories(user.resolve(".m2/repository/org/rnnlab/rnnlab-training/0.1.0"));
        Path jar = Files.writeString(m2.resolve("rnnlab-training-0.1.0.jar"), "");
        assertThat(GitRevision.rnnlabCheckoutAbove(jar)).isEmpty();
        Path lib = Files.createDirectories(rnnlab.resolve("evaluation/target/lib"));
        assertThat(GitRevision.rnnlabCheckoutAbove(Files.writeString(lib.resolve("rnnlab-training.jar"), ""))).contains(rnnlab);
    }

    private static Path repository(String name, String pom) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve(name));
        Files.writeString(repo.resolve("pom.xml"), pom);
        Files.writeString(repo.resolve(".gitignore"), "target/\nruns/\n"); // as rnnlab's own: builds and runs leave it clean
        assertThat(git(repo, "init", "-q")).isNotNull();
        assertThat(git(repo, "add", "pom.xml", ".gitignore")).isNotNull();
        assertThat(git(repo, "-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", name)).isNotNull();
        return repo;
    }

    /** The revision a fresh JVM records, started in {@code workingDirectory} with the test's class path. */
    private static String child(Path workingDirectory, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GitRevisionChild.class.getName()));
        Process p = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

    /** git's trimmed output, or null when it fails. */
    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 ? out : null;
    }
}
