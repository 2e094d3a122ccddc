package org.rnnlab.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void lowerCasesSplitsWhiteSpaceAndPunctuationKeepsInWordApostrophes() {
        assertThat(Tokenizer.defaults().tokenize("Not bad -- I'd say GREAT!"))
                .containsExactly("not", "bad", "-", "-", "i'd", "say", "great", "!");
        assertThat(Tokenizer.defaults().tokenize("  'quoted'\ttext,\u0085next\u00a0$5  "))
                .containsExactly("'", "quoted", "'", "text", ",", "next", "$", "5");
        assertThat(Tokenizer.defaults().tokenize(" \n ")).isEmpty();
    }

    @Test
    void settingsCanBeTurnedOff() {
        assertThat(new Tokenizer(false, false).tokenize("Hello, World!")).containsExactly("Hello,", "World!");
    }

    @Test
    void vocabularyOrdersByFrequencyThenAlphabeticallyAndDropsRareWords() {
        Vocabulary v = Vocabulary.build(List.of(List.of("b", "a", "c", "b"), List.of("a", "b", "d", "c", "rare")), 2);
        assertThat(v.words()).containsExactly("<pad>", "<unk>", "b", "a", "c");
        assertThat(v.id("rare")).isEqualTo(Vocabulary.UNK);
        assertThat(v.encode(List.of("a", "b", "c", "x"), 3, Truncation.KEEP_HEAD)).containsExactly(3, 2, 4);
        assertThat(v.encode(List.of("a", "b", "c", "x"), 3, Truncation.KEEP_TAIL)).containsExactly(2, 4, 1);
        assertThat(Vocabulary.fromJson(v.toJson())).isEqualTo(v);
        assertThatThrownBy(() -> Vocabulary.fromJson("{\"words\":[]}")).hasMessageContaining("not a vocabulary JSON");
    }

    @Test
    void encoderRoundTripsThroughJsonAndEncodesLikeTheDataset() {
        Vocabulary v = Vocabulary.build(List.of(List.of("good", "movie"), List.of("good")), 1);
        TextEncoder e = new TextEncoder(Tokenizer.defaults(), v, 3, Truncation.KEEP_HEAD);
        TextEncoder back = TextEncoder.fromJson(e.toJson());
        assertThat(back).isEqualTo(e);
        assertThat(back.encode("Good movie, GOOD!")).isEqualTo(new float[][] {{2}, {3}, {1}});
        assertThat(back.encodeIds("...")).containsExactly(1, 1, 1);
        assertThat(back.encodeIds("")).containsExactly(Vocabulary.UNK);
    }
}
