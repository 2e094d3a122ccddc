package org.rnnlab.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The cut of a list of classes for one terminal line (trial 81c F4: lines of 6-13 KB with 120 classes). */
class NamedListTest {

    private static List<String> entries(int n, int length) {
        return IntStream.range(0, n).mapToObj(i -> String.format("'c%03d'", i) + "x".repeat(length - 6)).toList();
    }

    @Test
    void twelveAreNamedAndTheRestCountedWithWhereTheyAre() {
        assertThat(NamedList.join(List.of("'a'", "'b'"), ", ", "results.json")).isEqualTo("'a', 'b'");
        List<String> twelve = entries(12, 10);
        assertThat(NamedList.join(twelve, ", ", "results.json")).isEqualTo(String.join(", ", twelve));
        String cut = NamedList.join(entries(104, 10), "; ", "per-class.csv");
        assertThat(cut).contains("'c011'").doesNotContain("'c012'").endsWith("xxxx and 92 more (per-class.csv)");
        assertThat(NamedList.join(entries(13, 10), ", ", null)).endsWith(" and 1 more");
    }

    @Test
    void longEntriesAreNamedFewerToKeepTheLineShort() {
        // compare's never-predicted entries of about 200 characters each made 12 of them a line of 2.7 KB
        String cut = NamedList.join(entries(120, 200), ", class ", "result-warnings.txt");
        assertThat(cut).contains("'c004'").doesNotContain("'c005'").endsWith(" and 115 more (result-warnings.txt)");
        assertThat(cut.length()).isLessThan(NamedList.MAX_CHARS + 250);
        // one entry longer than the limit is still named
        assertThat(NamedList.join(entries(20, 1500), "; ", "x")).startsWith("'c000'").endsWith("x and 19 more (x)");
        assertThat(NamedList.range(1, 2)).isEqualTo("1-2");
        assertThat(NamedList.range(3, 3)).isEqualTo("3");
    }
}
