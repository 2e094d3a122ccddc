package org.rnnlab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.notebooks.NotebooksTest.DEBIAN_JUPYTER;
import static org.rnnlab.notebooks.NotebooksTest.kernelNeverStarted;
import static org.rnnlab.notebooks.NotebooksTest.locateJupyter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnnlab.notebooks.NotebooksTest.Execution;

/**
 * {@link NotebooksTest}'s helpers, tested where no Jupyter is installed too: in {@link NotebooksTest} itself its
 * {@code @BeforeAll} skipped them there (the lecturer's case before pip), and registered the kernel first where it is
 * (review 80a R3).
 */
class JupyterLocationTest {

    @org.junit.jupiter.api.Test
    void findsJupyterOnThePathAsSetupAndRunDo(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        // a lecturer's trial: after the docs' `pip install notebook nbconvert`, setup and run used that jupyter while this
        // test looked only at /usr/bin/jupyter and skipped every notebook
        Path pip = Files.createDirectories(tmp.resolve("venv/bin"));
        Path notExecutable = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(notExecutable.resolve("jupyter"), "");
        Path jupyter = Files.writeString(pip.resolve("jupyter"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(jupyter, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String missing = tmp.resolve("missing").toString();
        assertThat(locateJupyter(String.join(File.pathSeparator, missing, "", notExecutable.toString(), pip.toString(), "/usr/bin")))
                .as("the first executable jupyter on PATH").isEqualTo(jupyter);
        assertThat(locateJupyter(String.join(File.pathSeparator, missing, notExecutable.toString()))).isEqualTo(DEBIAN_JUPYTER);
        assertThat(locateJupyter(null)).isEqualTo(DEBIAN_JUPYTER);
    }

    /** Only the kernel's start-up races are retried: a kernel that dies of a notebook's own code fails the test at once. */
    @org.junit.jupiter.api.Test
    void retriesOnlyTheKernelsStartUpRaces() {
        String died = "RuntimeError: Kernel died before replying to kernel_info";
        String race = "Exception in thread \"Shell-0\" java.lang.NullPointerException: Cannot invoke \"java.util.Map.get(Object)\" "
                + "because \"this.handlers\" is null\n" + died;
        assertThat(kernelNeverStarted(new Execution(1, race))).isTrue();
        assertThat(kernelNeverStarted(new Execution(1, "RuntimeError: Kernel didn't respond in 60 seconds"))).isTrue();
        assertThat(kernelNeverStarted(new Execution(1, "java.lang.OutOfMemoryError: Java heap space\n" + died))).isFalse();
        assertThat(kernelNeverStarted(new Execution(1, "[StdinChannel]: Binding stdin to tcp://127.0.0.1:38213\n" + died))).isTrue();
        assertThat(kernelNeverStarted(new Execution(1, "RuntimeError: Kernel died\n"))).isFalse();
        assertThat(kernelNeverStarted(new Execution(0, race))).isFalse();
    }
}
