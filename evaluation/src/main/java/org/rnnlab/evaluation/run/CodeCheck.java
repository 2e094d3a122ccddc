package org.rnnlab.evaluation.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rnnlab.core.Json;
import org.rnnlab.training.Provenance;

/**
 * Whether a run replayed ({@code train --config}, {@code compare --config}) or resumed ({@code train --resume},
 * {@code compare --resume}) runs the code the earlier run recorded in its {@value RunFiles#PROVENANCE}: rnnlab's git commit,
 * rnnlab's version and DL4J's version; and on which runtime (Java, ND4J's backend, operating system, CPU, host). Same data and
 * same settings on other code may give other numbers, and an auditor must be able to tell "same code" from the run folder
 * (trial 80b F1: a replay under another commit, rnnlab and DL4J version called itself a repeat without a word).
 *
 * @param sameCode      true when the commit and both versions are those recorded (the commit known and clean), false when
 *                      one differs, null when it cannot be told (no or an unreadable provenance.json, a commit recorded or run
 *                      as {@code unknown}, or the same commit with uncommitted changes, {@code -dirty})
 * @param codeChange    what differs, {@code "rnnlab commit A -> B; DL4J version X -> Y"}, or why it is not known; null when
 *                      the code is the same
 * @param runtimeChange how the runtime differs ({@link ResumeProvenance#environmentChanges}: Java, backend, operating system,
 *                      CPU; not the host, which alone changes no number), null when it does not
 */
public record CodeCheck(Boolean sameCode, String codeChange, String runtimeChange) {

    /** The code and runtime of {@code now} against those of {@code then}, the earlier run's provenance. */
    public static CodeCheck of(Provenance then, Provenance now) {
        List<String> code = new ArrayList<>();
        if (!unknown(then.gitCommit()) && !unknown(now.gitCommit())) { // "unknown" is no commit to differ from
            change(code, "rnnlab commit", then.gitCommit(), now.gitCommit());
        }
        change(code, "rnnlab version", then.rnnlabVersion(), now.rnnlabVersion());
        change(code, "DL4J version", then.dl4jVersion(), now.dl4jVersion());
        // the host alone changes no number (each run's is in its provenance.json): the Java runtime, backend, OS and CPU can
        List<String> runtime = ResumeProvenance.environmentChanges(then, now).stream().filter(c -> !c.startsWith("host ")).toList();
        String runtimeChange = runtime.isEmpty() ? null : String.join("; ", runtime);
        if (!code.isEmpty()) {
            return new CodeCheck(false, String.join("; ", code), runtimeChange);
        }
        if (unknown(then.gitCommit()) || unknown(now.gitCommit())) {
            return new CodeCheck(null, "not known: the rnnlab commit is unknown (" + (unknown(then.gitCommit()) ? "the earlier run's"
                    : "this run's") + ", not run from a git checkout); the versions are the same", runtimeChange);
        }
        if (now.gitCommit().endsWith("-dirty")) {
            return new CodeCheck(null, "not known: both ran from commit " + now.gitCommit() + ", a checkout with uncommitted "
                    + "changes, which are not recorded", runtimeChange);
        }
        return new CodeCheck(true, null, runtimeChange);
    }

    /**
     * The code and runtime of {@code now} against those of the {@value RunFiles#PROVENANCE} beside {@code config} (the run a
     * {@code --config} replays); {@code sameCode} null, saying why, when there is none or it cannot be read.
     */
    public static CodeCheck beside(Path config, Provenance now) {
        Path file = config.toAbsolutePath().normalize().resolveSibling(RunFiles.PROVENANCE);
        if (!Files.isRegularFile(file)) {
            return new CodeCheck(null, "not checked: no " + RunFiles.PROVENANCE + " beside the config.json", null);
        }
        try {
            return of(Json.readFile(file, Provenance.class), now);
        } catch (java.io.IOException | RuntimeException e) {
            return new CodeCheck(null, "not checked: " + file + " is unreadable (" + e.getMessage() + ")", null);
        }
    }

    /**
     * The warning of a replay ({@code --config}) under other code or on another runtime than {@code earlier} (e.g. "the run
     * of X"), for standard error and data-warnings.txt; empty when the code is not known to differ and the runtime is the
     * same.
     *
     * @param file the file that records it, {@value RunFiles#REPEAT_OF}
     */
    public Optional<String> replayWarning(String earlier, String file) {
        if (!Boolean.FALSE.equals(sameCode) && runtimeChange == null) {
            return Optional.empty();
        }
        String what = Boolean.FALSE.equals(sameCode)
                ? "other code than " + earlier + " (" + codeChange + ")" + (runtimeChange == null ? "" : ", under " + runtimeChange)
                : "the code of " + earlier + (sameCode == null ? " as far as is known" : "") + ", under " + runtimeChange;
        String fields = Boolean.FALSE.equals(sameCode) ? "\"sameCode\": false, \"codeChange\"" : "\"runtimeChange\"";
        return Optional.of("this run runs " + what + ": the same data and settings may give other numbers, in the last digits "
                + "or more (" + file + ": " + fields + ")");
    }

    /**
     * The warning of a resumed session under other code than the session that started the run, {@code started}
     * ({@code compare --resume} said it first; {@code train --resume} says it alike): the epochs or runs trained now come from
     * other code than the rest; empty when the code is not known to differ.
     *
     * @param what  the run, e.g. "the comparison"
     * @param rest  what came from the earlier code, e.g. "the runs trained now come from other code than the kept ones"
     */
    public static Optional<String> resumeWarning(Provenance started, Provenance now, String what, String rest) {
        CodeCheck check = of(started, now);
        if (!Boolean.FALSE.equals(check.sameCode())) {
            return Optional.empty();
        }
        return Optional.of(String.format("resuming under rnnlab %s (commit %s, DL4J %s), where %s started under %s (commit %s, DL4J "
                + "%s): %s (%s; each session's in %s)", now.rnnlabVersion(), now.gitCommit(), now.dl4jVersion(), what,
                started.rnnlabVersion(), started.gitCommit(), started.dl4jVersion(), rest, check.codeChange(), ResumeProvenance.FILE));
    }

    private static boolean unknown(String commit) {
        return commit == null || commit.isBlank() || commit.equals("unknown");
    }

    private static void change(List<String> changes, String what, String before, String now) {
        if (before != null && now != null && !before.equals(now)) {
            changes.add(what + " " + before + " -> " + now);
        }
    }
}
