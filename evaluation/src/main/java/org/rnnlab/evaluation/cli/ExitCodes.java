package org.rnnlab.evaluation.cli;

/**
 * The exit codes of the commands, as their {@code --help} lists them (picocli's {@code exitCodeList}: each command names
 * the ones it can end with). One meaning per code across commands, so that a script reading {@code $?} needs one table
 * (the README's): only {@code train} diverges (3) and only {@code predict}/{@code evaluate} score part of their input (4),
 * only a {@code --config} replay with {@code --require-repeat} refuses to run when it would not repeat its run (5).
 * A path or folder given on the command line that is missing, of the wrong kind (a file for a folder, another command's run
 * folder) or holds nothing to do (a finished run given to --resume) is a usage error, 2, like a bad option value: it is
 * fixed by changing the command line, where 1 says that the work itself failed (unreadable data, a full disk, data that
 * changed under a run being resumed). Signals end the JVM with 128 + the signal's number.
 */
final class ExitCodes {
    private ExitCodes() {
    }

    static final String HEADING = "%nExit codes:%n";
    static final String DONE = "0:done";
    static final String ERROR = "1:error: the work failed (unreadable or invalid data, I/O); the message says why";
    static final String WINDOWS_ERROR = "1:error: the work failed (unreadable or invalid data, I/O), or no window was written; the message "
            + "says why";
    static final String USAGE = "2:usage error: a bad option or value, or a path or folder on the command line that is missing, "
            + "of the wrong kind, or has nothing to do (see --help)";
    static final String DIVERGED = "3:training diverged (NaN/Inf loss): the last good checkpoint is kept, no model written";
    static final String SKIPPED = "4:done, but part of the input was not scored: empty sequence files or texts without tokens "
            + "skipped, or sequences dropped for missing values (named on standard error)";
    static final String SERVE_CUT_OFF = "4:stopped, but --drain ran out first: requests still in flight were cut off (how many is "
            + "said on standard error); give --drain more time than the longest request takes";
    static final String NOT_A_REPEAT = "5:not a repeat (--require-repeat): the --config replay would not repeat its run (other "
            + "data, other training, or data that cannot be checked; said why): nothing trained, no run folder written";
    static final String HUP = "129:stopped by SIGHUP";
    static final String INT = "130:interrupted (Ctrl-C, SIGINT)";
    static final String PIPE = "141:standard output closed by its reader (| head): stopped quietly";
    static final String TERM = "143:stopped by SIGTERM";
    static final String TRAIN_SIGNALS = "129, 130, 143:stopped by SIGHUP, Ctrl-C (SIGINT) or SIGTERM after writing a checkpoint: "
            + "--resume continues";
    static final String COMPARE_SIGNALS = "129, 130, 143:stopped by SIGHUP, Ctrl-C (SIGINT) or SIGTERM: the finished runs and a "
            + "partial report are kept, --resume continues (runs in progress are not kept: it trains them again from the start)";
    static final String OTHER_SIGNALS = "129, 130, 143:stopped by SIGHUP, Ctrl-C (SIGINT) or SIGTERM (nothing kept)";
}
