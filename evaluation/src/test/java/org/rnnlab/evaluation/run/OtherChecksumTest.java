package org.rnnlab.evaluation.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When repeat-of.json calls a checksum that differs, without a file list to compare, "unknown" rather than "the files or
 * settings differ" (review 78 R2: any other commit got "unknown", also a newer one, and also when this rnnlab's own commit
 * was unknown).
 */
class OtherChecksumTest {
    private static final Optional<Instant> OLDER = Optional.of(Instant.parse("2026-12-01T15:04:38Z"));
    private static final Optional<Instant> NEWER = Optional.of(Instant.parse("2026-12-07T10:00:00Z"));

    @Test
    void onlyAnRnnlabKnownToChecksumOtherwiseGivesUnknown() {
        assertThat(RunFiles.otherChecksum("522cfbf", "abcdef0", OLDER)).hasValueSatisfying(n -> assertThat(n)
                .startsWith("unknown: made by another rnnlab (commit 522cfbf, of 2026-12-01T15:04:38Z, before the dataset "
                        + "checksum's input last changed, commit 6074a691").contains("this one is abcdef0"));
        // a newer commit, or one of unknown age, checksums the same data alike: other data, as before
        assertThat(RunFiles.otherChecksum("1234567", "abcdef0", NEWER)).isEmpty();
        assertThat(RunFiles.otherChecksum("1234567", "abcdef0", Optional.empty())).isEmpty();
        // this rnnlab outside a git checkout (an installed jar): nothing known to compare the commits by
        assertThat(RunFiles.otherChecksum("522cfbf", "unknown", OLDER)).isEmpty();
        // the same commit, or none recorded
        assertThat(RunFiles.otherChecksum("abcdef0-dirty", "abcdef0", OLDER)).isEmpty();
        assertThat(RunFiles.otherChecksum("unknown", "abcdef0", OLDER)).isEmpty();
    }

    @Test
    void aStartTimeBeforeTheChangeDatesACommitThisGitDoesNotHold() {
        assertThat(RunFiles.madeAt("fedcba9876543210fedcba9876543210fedcba98", "2026-12-05T10:00:00Z"))
                .contains(Instant.parse("2026-12-05T10:00:00Z"));
        assertThat(RunFiles.madeAt("fedcba9876543210fedcba9876543210fedcba98", "2026-12-07T10:00:00Z")).isEmpty();
    }
}
