package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One text per line whose lines start with '>' (a FASTA file's headers) is warned of, with where they are. */
class FastaHeaderLinesTest {

    @Test
    void fastaHeaderLinesAreNamed() throws Exception {
        List<String> fasta = List.of(">seq1 promoter?", "A C G T A A", ">seq2", "G G C A T T");
        List<String> warned = LoggedWarnings.of(NewData.class, () -> NewData.warnFastaHeaders(Path.of("new.txt"), fasta));
        assertThat(warned).singleElement().satisfies(w -> assertThat(w).startsWith("new.txt: 2 line(s) start with '>' as the "
                + "header lines of a FASTA file do (line(s) 1, 3)").contains("awk '!/^>/' FILE"));
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.warnFastaHeaders(Path.of("new.txt"),
                List.of("A C G T", "a > b is fine inside a text", "> a quoted reply", ">> quoted twice")))).isEmpty();
    }
}
