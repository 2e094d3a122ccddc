package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.SharedDataDirectory;
import org.rnnlab.datasets.Split;

/** Reads the real UCI sentiment sentences from the shared data folder; skipped when absent. */
class SentimentDataTest {
    private static Path folder;

    @BeforeAll
    static void locate() {
        Optional<Path> f = SharedDataDirectory.locate("sentiment-labelled-sentences");
        Assumptions.assumeTrue(f.isPresent(), "shared/data/sentiment-labelled-sentences not found (set -D"
                + SharedDataDirectory.PROPERTY + " or " + SharedDataDirectory.ENVIRONMENT + "): skipping the real-data test");
        folder = f.get();
    }

    @Test
    void allDomainsGiveThreeThousandBalancedSentencesInAStratifiedSplit() {
        TextDataset d = TextDataset.sentiment(folder, SentimentDomain.ALL, TextDataset.Config.defaults());
        assertThat(d.labelNames()).containsExactly("negative", "positive");
        assertThat(d.split(Split.TRAIN).classCounts(2)).containsExactly(1050, 1050);
        assertThat(d.split(Split.VALIDATION).classCounts(2)).containsExactly(225, 225);
        assertThat(d.split(Split.TEST).classCounts(2)).containsExactly(225, 225);
        assertThat(d.provenance().files()).extracting(f -> f.sha256()).containsExactly(
                "47003fc0a0d4840b00e96e715b6189bad09e7443a3da41c4cbe12ffc79f86ae3",
                "aef2e49e3da25714d61175e3a6e68eeef74a20a2f914318dc3be9947ea86512d",
                "c76468b7b5c6e56a0804d728345c5f84aa2142ddb214420f61cc9cfd4c00d2ea");
        assertThat(d.provenance().parameters()).containsEntry("domain", "all");
        assertThat(d.vocabulary().size()).isBetween(1000, 4000);
        assertThat(d.input().maxLength()).isEqualTo(64);
    }

    @Test
    void theRepeatedSentencesOfTheUciFilesAreWarnedOf() throws Exception {
        // a user's try: 18 sentences occur twice in the UCI files, and a carved test split could hold a copy unwarned
        java.util.List<String> warned = org.rnnlab.datasets.LoggedWarnings.of(TextDataset.class,
                () -> TextDataset.sentiment(folder, SentimentDomain.ALL, TextDataset.Config.defaults()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("texts occur more than once")
                .contains("carved from these files can hold a copy").contains("the UCI files hold these repeats").containsPattern("lines [a-z_]+_labelled\\.txt:\\d+ and "));
    }

    @Test
    void imdbSentencesWithNelStayWhole() {
        TextDataset d = TextDataset.sentiment(folder, SentimentDomain.IMDB, TextDataset.Config.defaults().withFractions(0.1, 0.1));
        int total = 0;
        for (Split s : Split.values()) {
            total += d.split(s).size();
            assertThat(d.texts(s)).noneMatch(t -> t.contains("\t"));
        }
        assertThat(total).isEqualTo(1000);
        assertThat(d.texts(Split.TRAIN).stream().anyMatch(t -> t.indexOf('\u0085') >= 0)
                || d.texts(Split.VALIDATION).stream().anyMatch(t -> t.indexOf('\u0085') >= 0)
                || d.texts(Split.TEST).stream().anyMatch(t -> t.indexOf('\u0085') >= 0)).isTrue();
    }
}
