package org.rnnlab.training;

/** Prints {@link GitRevision#current()}: the child process of {@link GitRevisionTest}, started in a folder of the test's choosing. */
public final class GitRevisionChild {
    private GitRevisionChild() {
    }

    public static void main(String[] args) {
        System.out.println(GitRevision.current());
    }
}
