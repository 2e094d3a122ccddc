package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Java API logs (SLF4J) the warnings rnnlab predict prints: sequences of lengths the model was never trained nor tested
 * on, and texts with no word of its vocabulary (a user's try: a 500-step and a 1-step sequence to a model trained on 15-29
 * steps, and a text of unknown words, gave plain answers, though the README promises these warnings on standard error).
 */
class PredictWarningsTest {

    /** The WARN messages of SequenceClassifier's logger while {@code action} runs. */
    static List<String> warnings(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(SequenceClassifier.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void sequencesFarOutsideTheTrainedLengthsAreLoggedAsRnnlabPredictWarnsOfThem(@TempDir Path dir) throws IOException {
        SequenceClassifier model = ModelBundle.load(Crafted.resource(BundleFixtureTest.dense(2), dir)); // trained on 3 to 6 steps
        assertThat(model.card().minLength()).isEqualTo(3);
        assertThat(model.card().maxLength()).isEqualTo(6);
        List<float[][]> sequences = List.of(new float[13][2], new float[4][2], new float[1][2], new float[12][2]);
        List<String> logged = warnings(() -> assertThat(model.predict(sequences)).hasSize(4));
        assertThat(logged).containsExactly(
                "1 sequence(s) are over twice as long as the longest the model was trained on (6 steps), e.g. sequence 0 (13 steps): "
                        + "predictions over so many steps are untested",
                "1 sequence(s) are under half as long as the shortest the model was trained on (3 steps), e.g. sequence 2 (1 step): "
                        + "predictions over so few steps are untested");
        assertThat(warnings(() -> model.predict(new float[1][2]))).hasSize(1);
        assertThat(warnings(() -> model.predict(List.of(new float[2][2], new float[12][2])))).as("within the tested range").isEmpty();
        // callers that report lengths themselves, per sequence (rnnlab predict by id, serve in each answer), log nothing
        assertThat(warnings(() -> model.predictUnwarned(sequences))).isEmpty();
        assertThat(model.predictUnwarned(sequences).get(0).probabilities()).containsExactly(model.predict(sequences).get(0).probabilities());
    }

    @Test
    void textsWithNoWordOfTheVocabularyAreLogged(@TempDir Path dir) throws IOException {
        SequenceClassifier model = ModelBundle.load(Crafted.resource(BundleFixtureTest.text(2), dir));
        assertThat(warnings(() -> model.predictTexts(List.of("the writer", "zzzz qqqq", "qqqq")))).containsExactly(
                "2 text(s) have no word of the model's vocabulary (text(s) at index 1, 2): their predictions rest on the unknown-word "
                        + "token alone");
        assertThat(warnings(() -> model.predictText("the writer of the books"))).isEmpty();
        // most words unknown, some known (another kind of text): logged as predict warns of it; this model was saved before
        // rnnlab stored its training texts' share of unknown words, so it is judged against an assumed one
        // (its maximum length is 8 words)
        assertThat(warnings(() -> model.predictTexts(List.of("the writer", "the writer zzzz qqqq xxxx yyyy qqqq zzzz",
                "the writer of the old qqqq")))).containsExactly("1 text(s) have a large share of words the model does not know "
                + "(text(s) at index 1 (6 of 8 tokens, 75%); marked from 50%), where the model's card does not say what its training texts held "
                + "(saved before rnnlab recorded it): judged against an assumed 12%; the commonest unknown words: 'zzzz' (2), "
                + "'qqqq' (2), 'xxxx' (1), 'yyyy' (1): their predictions rest largely on the unknown-word token; is this the kind "
                + "of text the model was trained on?");
        // a text model's lengths are cut to its maximum as in training: no length warning for its token ids
        assertThat(warnings(() -> model.predict(new float[40][1]))).isEmpty();
        // callers that report unknown words themselves (as predictUnwarned for lengths): the same predictions, nothing logged
        List<String> texts = List.of("the writer", "zzzz qqqq", "the writer zzzz qqqq xxxx yyyy qqqq zzzz");
        assertThat(warnings(() -> model.predictTextsUnwarned(texts))).isEmpty();
        assertThat(model.predictTextsUnwarned(texts)).isEqualTo(model.predictTexts(texts));
    }

    @Test
    void theJudgementOfLengthsIsTheOneEveryCommandUses() {
        TrainedLengths lengths = new TrainedLengths(8, 30);
        assertThat(lengths.untested(61)).isTrue();
        assertThat(lengths.untested(60)).isFalse();
        assertThat(lengths.untested(4)).isFalse();
        assertThat(lengths.untested(3)).isTrue();
        assertThat(new TrainedLengths(0, 0).untested(5000)).as("a card without lengths").isFalse();
        assertThat(lengths.warnings(List.of("a", "b", "c", "d", "e"), new int[] {61, 62, 63, 64, 10}).get(0))
                .startsWith("4 sequence(s) are over twice").contains("e.g. a (61 steps), b (62 steps), c (63 steps)");
    }

    @Test
    void lengthsOutsideTheTrainedOnesButNotUntestedGetANote() {
        TrainedLengths lengths = new TrainedLengths(30, 80);
        assertThat(lengths.outsideTrained(16)).isTrue();
        assertThat(lengths.outsideTrained(140)).isTrue();
        assertThat(lengths.outsideTrained(30)).isFalse();
        assertThat(lengths.outsideTrained(80)).isFalse();
        assertThat(lengths.outsideTrained(14)).as("untested: a warning instead").isFalse();
        assertThat(lengths.outsideTrained(161)).isFalse();
        assertThat(new TrainedLengths(0, 0).outsideTrained(5)).as("a card without lengths").isFalse();
        assertThat(lengths.notes(List.of("a", "b", "c"), new int[] {16, 50, 140})).singleElement().satisfies(n -> assertThat(n)
                .isEqualTo("2 sequence(s) are shorter or longer than any the model was trained on (30-80 steps), e.g. a (16 steps), "
                        + "c (140 steps): their predictions extrapolate; check them against labelled data of such lengths"));
        assertThat(lengths.notes(List.of("a"), new int[] {20}).get(0)).startsWith("1 sequence(s) are shorter than any");
        assertThat(new TrainedLengths(128, 128).notes(List.of("w"), new int[] {100}).get(0)).contains("(128 steps)");
        assertThat(lengths.notes(List.of("a", "b"), new int[] {30, 200})).isEmpty();
    }
}
