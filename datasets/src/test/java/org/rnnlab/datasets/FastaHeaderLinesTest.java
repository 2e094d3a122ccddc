package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.text.Vocabulary;

/**
 * One text per line whose lines start with '>' (a FASTA file's headers) is warned of, with where they are; to a model whose
 * words are single characters, with how to space the characters too.
 */
class FastaHeaderLinesTest {

    @Test
    void fastaHeaderLinesAreNamed() throws Exception {
        List<String> fasta = List.of(">seq1 promoter?", "A C G T A A", ">seq2", "G G C A T T");
        Vocabulary words = Vocabulary.of(List.of("promoter", "sequence", "a", "c", "g", "t"));
        List<String> warned = LoggedWarnings.of(NewData.class, () -> NewData.warnFastaHeaders(Path.of("new.txt"), fasta, words));
        assertThat(warned).singleElement().satisfies(w -> assertThat(w).startsWith("new.txt: 2 line(s) start with '>' as the "
                + "header lines of a FASTA file do (line(s) 1, 3)").contains("awk '!/^>/' FILE").doesNotContain("' '.join(s)"));
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.warnFastaHeaders(Path.of("new.txt"),
                List.of("A C G T", "a > b is fine inside a text", "> a quoted reply", ">> quoted twice"), words))).isEmpty();
        // a model of one base per word: an unspaced sequence would read as one unknown word, so the hint says to space them
        Vocabulary bases = Vocabulary.of(List.of("a", "c", "g", "t", "n"));
        assertThat(LoggedWarnings.of(NewData.class, () -> NewData.warnFastaHeaders(Path.of("new.txt"), fasta, bases)))
                .singleElement().satisfies(w -> assertThat(w).contains("a sequence wrapped over several lines joined first), its "
                        + "characters separated by spaces, since the model's words are single characters (Python: ' '.join(s)), "
                        + "and join the ids back by line"));
    }
}
