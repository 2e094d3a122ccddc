package org.rnnlab.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.Split;
import org.rnnlab.datasets.synthetic.AgreementLexicon.Number;
import org.rnnlab.datasets.text.Vocabulary;

class AgreementTest {

    private static final Agreement.Config SMALL = Agreement.Config.defaults().withSizes(2000, 200, 800);

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        Agreement a = Agreement.generate(SMALL);
        Agreement b = Agreement.generate(SMALL);
        Agreement c = Agreement.generate(SMALL.withSeed(7));
        for (Split s : Split.values()) {
            assertThat(texts(a.split(s))).isEqualTo(texts(b.split(s)));
        }
        assertThat(texts(a.split(Split.TRAIN))).isNotEqualTo(texts(c.split(Split.TRAIN)));
        assertThat(a.provenance().checksum()).isEqualTo(b.provenance().checksum()).isNotEqualTo(c.provenance().checksum());
    }

    @Test
    void tagsMatchTheDecodedSentence() {
        Agreement data = Agreement.generate(SMALL);
        AgreementLexicon lex = Agreement.lexicon();
        for (Split split : Split.values()) {
            for (Sequence s : data.split(split).examples()) {
                List<String> words = Arrays.asList(Agreement.text(s).split(" "));
                assertThat(words).doesNotContain(Vocabulary.UNK_TOKEN, Vocabulary.PAD_TOKEN);
                int subject = -1;
                for (int i = 0; i < words.size() && subject < 0; i++) {
                    if (lex.isNoun(words.get(i))) {
                        subject = i;
                    }
                }
                assertThat(subject).as("subject of '%s'", Agreement.text(s)).isIn(1, 2);
                Number number = lex.nounNumber(words.get(subject)).orElseThrow();
                int attractors = 0;
                int nouns = 0;
                for (String w : words.subList(subject + 1, words.size())) {
                    Optional<Number> n = lex.nounNumber(w);
                    if (n.isPresent()) {
                        nouns++;
                        attractors += n.get() != number ? 1 : 0;
                    }
                }
                assertThat(s.label()).isEqualTo(number.ordinal());
                assertThat(s.tags()).containsEntry(Agreement.TAG_DISTANCE, words.size() - subject)
                        .containsEntry(Agreement.TAG_ATTRACTORS, attractors)
                        .containsEntry(Agreement.TAG_NOUNS, nouns);
                assertThat(Agreement.sentence(s)).endsWith(s.label() == 0 ? "___ (is)" : "___ (are)");
            }
        }
    }

    @Test
    void defaultTestSetHasBalancedDistanceBucketsAndLabels() {
        Agreement.Config d = Agreement.Config.defaults();
        SequenceSet test = Agreement.generate(d.withSizes(1, 0, d.testSize())).split(Split.TEST);
        Map<Integer, Integer> perDistance = new HashMap<>();
        Map<Integer, Integer> perAttractors = new HashMap<>();
        test.examples().forEach(s -> {
            perDistance.merge(s.tags().get(Agreement.TAG_DISTANCE), 1, Integer::sum);
            perAttractors.merge(s.tags().get(Agreement.TAG_ATTRACTORS), 1, Integer::sum);
        });
        assertThat(perDistance.keySet()).containsExactlyInAnyOrderElementsOf(range(1, 40));
        assertThat(new HashSet<>(perDistance.values())).containsExactly(100);
        assertThat(test.classCounts(2)).containsExactly(2000, 2000);
        assertThat(perAttractors.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(perAttractors.get(3)).isGreaterThan(400);
    }

    @Test
    void trainMaxDistanceLimitsTrainingAndValidationOnly() {
        Agreement data = Agreement.generate(SMALL.withTrainMaxDistance(10));
        assertThat(data.split(Split.TRAIN).examples()).allMatch(s -> s.tags().get(Agreement.TAG_DISTANCE) <= 10);
        assertThat(data.split(Split.VALIDATION).examples()).allMatch(s -> s.tags().get(Agreement.TAG_DISTANCE) <= 10);
        assertThat(data.split(Split.TEST).examples()).anyMatch(s -> s.tags().get(Agreement.TAG_DISTANCE) == 40);
        assertThat(data.input().maxLength()).isGreaterThanOrEqualTo(data.split(Split.TEST).maxLength());
    }

    @Test
    void materialAfterTheSubjectDoesNotPredictTheLabel() {
        Agreement data = Agreement.generate(SMALL.withSizes(6000, 0, 0));
        AgreementLexicon lex = Agreement.lexicon();
        int withNouns = 0;
        int lastNounRight = 0;
        int majorityRight = 0;
        int majorityDecided = 0;
        for (Sequence s : data.split(Split.TRAIN).examples()) {
            List<String> words = Arrays.asList(Agreement.text(s).split(" "));
            int subject = words.size() - s.tags().get(Agreement.TAG_DISTANCE);
            List<Number> after = new ArrayList<>();
            words.subList(subject + 1, words.size()).forEach(w -> lex.nounNumber(w).ifPresent(after::add));
            if (after.isEmpty()) {
                continue;
            }
            withNouns++;
            lastNounRight += after.get(after.size() - 1).ordinal() == s.label() ? 1 : 0;
            long plural = after.stream().filter(n -> n == Number.PLURAL).count();
            if (plural * 2 != after.size()) {
                majorityDecided++;
                majorityRight += (plural * 2 > after.size() ? 1 : 0) == s.label() ? 1 : 0;
            }
        }
        assertThat(withNouns).isGreaterThan(4000);
        assertThat((double) lastNounRight / withNouns).isBetween(0.46, 0.54);
        assertThat((double) majorityRight / majorityDecided).isBetween(0.46, 0.54);
    }

    @Test
    void inputIsTokensOfTheSharedVocabulary() {
        Agreement data = Agreement.generate(SMALL);
        InputDescription in = data.input();
        assertThat(in.kind()).isEqualTo(InputDescription.Kind.TOKENS);
        assertThat(in.vocabularySize()).isEqualTo(Agreement.vocabulary().size()).isBetween(300, 600);
        assertThat(Agreement.vocabulary().word(0)).isEqualTo("<pad>");
        assertThat(Agreement.vocabulary().word(1)).isEqualTo("<unk>");
        assertThat(data.split(Split.TRAIN).maxLength()).isLessThanOrEqualTo(in.maxLength());
        assertThat(data.limit(10).split(Split.TEST).size()).isEqualTo(10);
        assertThat(data.provenance().parameters()).containsEntry("maxDistance", "40").containsEntry("maxAttractors", "3");
        assertThat(data.provenance().seed()).isEqualTo(42);
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> new Agreement.Config(10, 0, 0, 5, 4, 4, 3, 1)).hasMessageContaining("maxDistance must be in [minDistance=5, 200]");
        assertThatThrownBy(() -> new Agreement.Config(0, 0, 0, 1, 4, 4, 3, 1)).hasMessageContaining("trainSize must be >= 1");
        assertThatThrownBy(() -> new Agreement.Config(10, 0, 0, 1, 4, 4, 11, 1)).hasMessageContaining("maxAttractors must be in [0, 10]");
        assertThatThrownBy(() -> new Agreement.Config(10, 0, 0, 2, 9, 10, 3, 1))
                .hasMessageContaining("trainMaxDistance must be in [minDistance=2, maxDistance=9], got 10");
    }

    private static List<String> texts(SequenceSet set) {
        return set.examples().stream().map(Agreement::sentence).toList();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void halfLifeCountsHalveEveryHalfLifeAndSumExactly() {
        int[] c = Agreement.halfLifeCounts(1000, 9, 2);
        assertThat(Arrays.stream(c).sum()).isEqualTo(1000);
        // weights 1, 2^-1/2, 1/2, ..., 1/16 over 9 offsets: the first and the one two offsets later differ by 2x (within rounding)
        assertThat(c[0]).isBetween(2 * c[2] - 1, 2 * c[2] + 1);
        assertThat(c[2]).isBetween(2 * c[4] - 1, 2 * c[4] + 1);
        for (int d = 1; d < c.length; d++) {
            assertThat(c[d]).isLessThanOrEqualTo(c[d - 1]);
        }
        // by hand: weights 1, 1/2, 1/4 (sum 1.75) of 7 -> 4, 2, 1
        assertThat(Agreement.halfLifeCounts(7, 3, 1)).containsExactly(4, 2, 1);
    }

    @Test
    void aDistanceHalfLifeSkewsTrainingAndValidationButNotTest() {
        Agreement a = Agreement.generate(Agreement.Config.defaults().withSizes(2000, 400, 400).withDistances(1, 20)
                .withDistanceHalfLife(4));
        Map<Integer, Integer> train = new HashMap<>();
        int singular = 0;
        for (Sequence s : a.split(Split.TRAIN).examples()) {
            train.merge(s.tags().get(Agreement.TAG_DISTANCE), 1, Integer::sum);
            singular += s.label() == 0 ? 1 : 0;
        }
        assertThat(train.get(1)).isGreaterThan(7 * train.get(13)); // 2^3 = 8 times as many, within rounding
        assertThat(singular).isEqualTo(1000);
        Map<Integer, Integer> test = new HashMap<>();
        for (Sequence s : a.split(Split.TEST).examples()) {
            test.merge(s.tags().get(Agreement.TAG_DISTANCE), 1, Integer::sum);
        }
        assertThat(test.values()).containsOnly(20);
        assertThat(a.provenance().parameters()).containsEntry("distanceHalfLife", "4.0");
        assertThatThrownBy(() -> Agreement.Config.defaults().withDistanceHalfLife(-1)).hasMessageContaining("distanceHalfLife");
    }

    @Test
    void aLeadingPhraseOpensTheSentenceWithANounOfRandomNumber() {
        Agreement data = Agreement.generate(SMALL.withSizes(3000, 100, 400).withLeadingPhrase(1));
        AgreementLexicon lex = Agreement.lexicon();
        int sameAsSubject = 0;
        int total = 0;
        for (Split split : Split.values()) {
            for (Sequence s : data.split(split).examples()) {
                List<String> words = Arrays.asList(Agreement.text(s).split(" "));
                assertThat(lex.leadingPrepositions()).contains(words.get(0)).doesNotContain("of");
                assertThat(words.get(1)).isEqualTo("the");
                List<Integer> nouns = new ArrayList<>();
                for (int i = 0; i < words.size(); i++) {
                    if (lex.isNoun(words.get(i))) {
                        nouns.add(i);
                    }
                }
                // PREP the [ADJ] NOUN the [ADJ] SUBJECT ...: the subject is the second noun, its distance counted from it
                assertThat(nouns.get(0)).as("'%s'", Agreement.text(s)).isIn(2, 3);
                int subject = nouns.get(1);
                assertThat(subject - nouns.get(0)).isIn(2, 3);
                assertThat(s.tags()).containsEntry(Agreement.TAG_DISTANCE, words.size() - subject);
                assertThat(lex.nounNumber(words.get(subject)).orElseThrow().ordinal()).isEqualTo(s.label());
                sameAsSubject += lex.nounNumber(words.get(nouns.get(0))).orElseThrow().ordinal() == s.label() ? 1 : 0;
                total++;
            }
        }
        // the leading noun's number says nothing about the label
        assertThat((double) sameAsSubject / total).isBetween(0.46, 0.54);
        assertThat(data.input().maxLength()).isGreaterThanOrEqualTo(data.split(Split.TEST).maxLength())
                .isEqualTo(2 + 40 + Agreement.LEADING_PHRASE_MAX);
        assertThat(data.provenance().parameters()).containsEntry("leadingPhrase", "1.0");

        Agreement half = Agreement.generate(SMALL.withSizes(2000, 0, 0).withLeadingPhrase(0.5));
        long led = half.split(Split.TRAIN).examples().stream()
                .filter(s -> !Agreement.text(s).startsWith("the ")).count();
        assertThat(led).isBetween(900L, 1100L);
        // without the setting, the data are unchanged (the same random stream)
        assertThat(texts(Agreement.generate(SMALL.withLeadingPhrase(0)).split(Split.TRAIN)))
                .isEqualTo(texts(Agreement.generate(SMALL).split(Split.TRAIN)));
        assertThatThrownBy(() -> SMALL.withLeadingPhrase(1.5)).hasMessageContaining("leadingPhrase must be a fraction in [0, 1], got 1.5");
    }
}
