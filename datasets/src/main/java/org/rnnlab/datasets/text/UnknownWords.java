package org.rnnlab.datasets.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Words of new text that a model does not know, judged against what its training texts lead to expect. A text model reads
 * a word outside its vocabulary as {@code <unk>}. Some are normal (new text holds rare words), but a text most of whose words
 * are unknown is classified on little but that token: a trial's RNA line (36% {@code u}, which the DNA model never saw), a
 * protein fed to the same model and a line of 50% gap characters {@code -} were classified without a word, since only texts
 * of no known word at all were warned of.
 *
 * <p>The rule ({@link #many}): a text is marked when half or more of the words the model reads are unknown ({@value #MOST}),
 * however short it is (1 unknown of 2: an unsegmented Japanese review read
 * as one unknown word and {@code 。}); or when at least 2 of the words the model reads are unknown, their share is at
 * least {@value #MIN_SHARE} and at least {@value #FACTOR} times the share of unknown words expected of new text like the
 * training texts ({@link Share#heldOut()}), and so many are unlikely by chance at that expected share (binomial tail at most
 * {@value #ALPHA}, the expected share taken as at least {@value #FLOOR}: 5 unknown words of 10 are marked, 4 are not). On the UCI sentiment sentences (expected 13%, so a text of many words is
 * marked from 65%) the second rule marks none of the validation and test texts (the first marks short ones half unknown), and a model of one site's sentences none of the other sites' 2,000; a
 * DNA model's (expected 0%) marks an RNA line, a protein and a line of gaps, and not a line with an ambiguous base
 * {@code n} every 30 bases. A model saved before rnnlab stored the expected share is judged against an assumed one
 * ({@link #ASSUMED_WORDS}, or {@link #ASSUMED_CHARACTERS} for a vocabulary of single characters).
 */
public final class UnknownWords {
    /** The least share of unknown words that marks a text, whatever the training texts had. */
    public static final double MIN_SHARE = 0.2;
    /** How many times the expected share a text's share of unknown words must reach to be marked. */
    public static final double FACTOR = 5;
    /** The largest chance of so many unknown words, at the expected share, for a text to be marked. */
    public static final double ALPHA = 0.001;
    /**
     * The least expected share the chance is computed at: a vocabulary whose every word recurs in training (a DNA model's,
     * a small corpus's of repeated phrases) expects none, and a text of 4 words of which 2 are unknown would then be marked.
     */
    static final double FLOOR = 0.05;
    /**
     * The expected share assumed for a model saved before it was stored, of words: about what the sentiment sentences give
     * (0.13 with minFrequency 2 on 2,100 training texts), so that ordinary text of many words is marked from 60% unknown
     * (any text from half, {@link #MOST}).
     */
    public static final double ASSUMED_WORDS = 0.12;
    /** The same for a model whose vocabulary is single characters (DNA, protein): a text is marked from 20% unknown. */
    public static final double ASSUMED_CHARACTERS = 0.01;
    /** How many of the commonest unknown words a warning names. */
    private static final int SHOWN_WORDS = 5;

    private UnknownWords() {
    }

    /**
     * The share of unknown words of the training texts, stored with a model ({@link TextEncoder#unknownShare()}) so that new
     * text is judged against it.
     *
     * @param training the share of the words read (after truncation) of the training texts that are unknown, after
     *                 minFrequency: 0 with minFrequency 1
     * @param heldOut  the share of them whose word occurs at most minFrequency times in the training texts, that is, that
     *                 would be unknown had their text been left out of training (a leave-one-out estimate): the share new
     *                 text of the training texts' kind is expected to hold (0.130 on the sentiment sentences' training split,
     *                 whose validation and test texts hold 0.132 and 0.128)
     */
    public record Share(double training, double heldOut) {
        public Share {
            if (!(training >= 0 && training <= 1) || !(heldOut >= 0 && heldOut <= 1)) {
                throw new IllegalArgumentException("UnknownWords.Share.training and heldOut must be in [0, 1], got " + training
                        + " and " + heldOut);
            }
        }

        /**
         * The shares of tokenized training texts for a vocabulary built from them with {@code minFrequency}, over the words
         * the model reads of each ({@code maxLength}, {@code truncation}); words are counted over whole texts, as
         * {@link Vocabulary#build} counts them.
         */
        public static Share of(List<List<String>> texts, int minFrequency, int maxLength, Truncation truncation) {
            Map<String, Integer> counts = new HashMap<>();
            texts.forEach(t -> t.forEach(w -> counts.merge(w, 1, Integer::sum)));
            long read = 0;
            long unknown = 0;
            long heldOut = 0;
            for (List<String> t : texts) {
                for (String w : readPart(t, maxLength, truncation)) {
                    int c = counts.get(w);
                    read++;
                    unknown += c < minFrequency ? 1 : 0;
                    heldOut += c <= minFrequency ? 1 : 0;
                }
            }
            return read == 0 ? new Share(0, 0) : new Share((double) unknown / read, (double) heldOut / read);
        }
    }

    /** The tokens a model reads of a text: at most {@code maxLength}, from the end {@code truncation} keeps. */
    static List<String> readPart(List<String> tokens, int maxLength, Truncation truncation) {
        int n = Math.min(maxLength, tokens.size());
        int from = truncation == Truncation.KEEP_TAIL ? tokens.size() - n : 0;
        return tokens.subList(from, from + n);
    }

    /**
     * Whether a text with {@code unknown} unknown words among the {@code read} words the model reads holds far more than
     * the {@code expected} share (see the class comment).
     */
    public static boolean many(int unknown, int read, double expected) {
        if (unknown < 1 || read < 1) {
            return false;
        }
        double share = (double) unknown / read;
        if (share >= MOST) {
            // half the words or more, however short the text: a trial's unsegmented review "この商品はとても最高です。" sent to
            // a model of segmented text read 1 known token ('。') of 2 and was answered "negative 0.63" with no flag
            return true;
        }
        if (unknown < 2) {
            return false;
        }
        return share >= threshold(expected) && binomialTail(unknown, read, Math.max(expected, FLOOR)) <= ALPHA;
    }

    /**
     * The share of unknown words that marks a text whatever its length and the expected share: half of what the model
     * reads, so a text of 2 tokens with 1 unknown is marked.
     */
    public static final double MOST = 0.5;

    /** The least share of unknown words that marks a text at the {@code expected} share: {@value #FACTOR} times it, at least {@value #MIN_SHARE}, at most 1. */
    public static double threshold(double expected) {
        return Math.min(1, Math.max(MIN_SHARE, FACTOR * expected));
    }

    /** P(X >= k) for X binomial(n, p), 0 < p < 1, summed in log space from k up (terms fall fast above the mean). */
    static double binomialTail(int k, int n, double p) {
        if (k <= 0) {
            return 1;
        }
        if (k > n) {
            return 0;
        }
        double logTerm = 0; // log C(n, k)
        for (int j = 1; j <= k; j++) {
            logTerm += Math.log((double) (n - k + j) / j);
        }
        logTerm += k * Math.log(p) + (n - k) * Math.log1p(-p);
        double odds = p / (1 - p);
        double sum = 0;
        double term = Math.exp(logTerm);
        for (int i = k; i <= n && term > 0; i++) {
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
            term *= (double) (n - i) / (i + 1) * odds;
        }
        return Math.min(1, sum);
    }

    /**
     * The unknown words of the texts one reader reads, by text: which have no known word ({@link TextEncoder.Encoding#unknownOnly}),
     * which hold many unknown words ({@link TextEncoder#manyUnknownWords}), and their commonest unknown words. {@code rnnlab
     * predict}, {@code evaluate} (texts named by line) and the Java API's {@code predictTexts} (by index) warn with its
     * sentences, so that they say the same.
     */
    public static final class Tally {
        private final TextEncoder encoder;
        private int texts;
        private final List<String> noKnownWord = new ArrayList<>();
        private final List<String> many = new ArrayList<>();
        private final List<Double> manyShares = new ArrayList<>();
        /** The unknown and read words of each text of {@link #many}, for the warning ({@code 1 of 2 words}). */
        private final List<int[]> manyCounts = new ArrayList<>();
        /** Unknown words of the texts with no known word, and of those with many, by count, in order of first appearance. */
        private final Map<String, Integer> noKnownWords = new LinkedHashMap<>();
        private final Map<String, Integer> manyWords = new LinkedHashMap<>();
        private long unknownRead;
        private long read;

        public Tally(TextEncoder encoder) {
            this.encoder = encoder;
        }

        /** Counts one text ({@code id} names it in warnings) and its encoding. */
        public void add(String id, String text, TextEncoder.Encoding encoding) {
            texts++;
            int unknown = encoding.unknown();
            unknownRead += unknown;
            read += encoding.ids().length;
            if (encoding.unknownOnly()) {
                noKnownWord.add(id);
                encoder.unknownWords(text).forEach(w -> noKnownWords.merge(w, 1, Integer::sum));
            } else if (encoder.manyUnknownWords(encoding)) {
                many.add(id);
                manyShares.add((double) unknown / encoding.ids().length);
                manyCounts.add(new int[] {unknown, encoding.ids().length});
                encoder.unknownWords(text).forEach(w -> manyWords.merge(w, 1, Integer::sum));
            }
        }

        /** The texts counted. */
        public int texts() {
            return texts;
        }

        /** The names of the texts with no word of the vocabulary, in order. */
        public List<String> noKnownWord() {
            return List.copyOf(noKnownWord);
        }

        /** The names of the texts with many unknown words and some known, in order. */
        public List<String> many() {
            return List.copyOf(many);
        }

        /**
         * Whether two texts or more were counted and none of them has a word of the vocabulary (a single text of unknown words,
         * such as "Meh", keeps its prediction and the warning, as serve answers it: a review).
         */
        public boolean noneKnown() {
            return texts > 1 && noKnownWord.size() == texts;
        }

        /**
         * The warning of the texts with no word of the vocabulary ({@link TextEncoder#noKnownWordWarning}), with why when the
         * model's words are single characters and theirs are not ({@link #singleCharacterHint}), or empty when there are none.
         *
         * @param which how the texts are named, e.g. "line(s)" or "text(s) at index"
         */
        public Optional<String> noKnownWordWarning(String which) {
            if (noKnownWord.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(TextEncoder.noKnownWordWarning(which, noKnownWord)
                    + singleCharacterHint(encoder.vocabulary(), noKnownWords).map(h -> "; " + h).orElse("")
                    + fullWidthHint(encoder, noKnownWords).map(h -> "; " + h).orElse(""));
        }

        /**
         * The warning of the texts with many unknown words and some known: how many, which (with their shares), the share
         * new text like the training texts holds (or the assumed one of an older model), the commonest unknown words with
         * their counts, and why when the model's words are single characters and theirs are not; empty when there are none.
         *
         * @param which how the texts are named, e.g. "line(s)" or "text(s) at index"
         */
        public Optional<String> manyUnknownWarning(String which) {
            if (many.isEmpty()) {
                return Optional.empty();
            }
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < Math.min(5, many.size()); i++) {
                shown.add(many.get(i) + " (" + manyCounts.get(i)[0] + " of " + manyCounts.get(i)[1] + " tokens, "
                        + percent(manyShares.get(i)) + ")");
            }
            double expected = encoder.expectedUnknownShare();
            String against = java.util.Optional.ofNullable(encoder.unknownShare()).map(s -> "new text like the model's training texts holds about "
                    + percent(s.heldOut()) + " (its training texts " + percent(s.training()) + ", after minFrequency "
                    + encoder.vocabulary().minFrequency() + ")").orElse("the model's card does not say what its training "
                    + "texts held (saved before rnnlab recorded it): judged against an assumed " + percent(expected));
            return Optional.of(many.size() + " text(s) have a large share of words the model does not know (" + which + " "
                    + String.join(", ", shown) + (many.size() > 5 ? ", ..." : "") + "; marked from " + (threshold(expected) >= MOST
                    ? percent(MOST) : percent(MOST) + " of a text's tokens, or " + percent(threshold(expected))
                    + " of a longer one") + "), where " + against + "; the commonest unknown words: " + commonest(manyWords) + ": their predictions "
                    + "rest largely on the unknown-word token; is this the kind of text the model was trained on?"
                    + singleCharacterHint(encoder.vocabulary(), manyWords).map(h -> " " + h).orElse("")
                    + fullWidthHint(encoder, manyWords).map(h -> " " + h).orElse(""));
        }

        /**
         * Why no text has a word of the vocabulary ({@link #noneKnown}), for a refusal: every prediction would be the
         * unknown-word prior, the same whatever the text.
         */
        public String noneKnownProblem() {
            List<String> words = encoder.vocabulary().words();
            String known = words.subList(2, Math.min(words.size(), 8)).stream().map(UnknownWords::quoted)
                    .collect(Collectors.joining(", "));
            return "none of the " + texts + " texts has a word of the model's vocabulary (unknown words: " + commonest(noKnownWords) + "): every prediction would be the unknown-word prior, the same "
                    + "whatever the text; " + singleCharacterHint(encoder.vocabulary(), noKnownWords).orElse("the model knows "
                    + (words.size() - 2) + " words (" + known + (words.size() > 8 ? ", ..." : "") + "): is this the kind of text "
                    + "it was trained on, tokenized the same way?");
        }
    }

    /** Words with their counts, the commonest first (ties in order of first appearance): {@code 'u' (120), '-' (40)}. */
    static String commonest(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparingInt(e -> -e.getValue())); // stable: first appearance breaks ties
        return entries.stream().limit(SHOWN_WORDS).map(e -> quoted(e.getKey()) + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", ")) + (entries.size() > SHOWN_WORDS ? ", ... (" + entries.size() + " distinct)" : "");
    }

    /**
     * A word in quotes, cut to 24 characters with its length said; characters are code points (an emoji or a letter outside
     * the BMP is one, never cut in half).
     */
    static String quoted(String word) {
        int length = word.codePointCount(0, word.length());
        return length <= 24 ? "'" + word + "'"
                : "'" + word.substring(0, word.offsetByCodePoints(0, 24)) + "...' of " + length + " characters";
    }

    /**
     * What to say when the model's words are single characters ({@link Vocabulary#singleCharacters}) and at least half the
     * unknown words (by count) are longer: symbol strings written without spaces, read as one long word each (a trial's
     * unspaced DNA given to a model of spaced bases was evaluated at the baseline with a warning that did not say why).
     */
    public static Optional<String> singleCharacterHint(Vocabulary vocabulary, Map<String, Integer> unknownWords) {
        long total = unknownWords.values().stream().mapToLong(Integer::longValue).sum();
        long longer = unknownWords.entrySet().stream().filter(e -> e.getKey().codePointCount(0, e.getKey().length()) > 1)
                .mapToLong(Map.Entry::getValue).sum();
        if (!vocabulary.singleCharacters() || total == 0 || longer * 2 < total) {
            return Optional.empty();
        }
        return Optional.of(SINGLE_CHARACTERS);
    }

    /**
     * What to say when unknown words are written in full-width letters or digits ({@link TextDataset#isFullWidthLetterOrDigit})
     * and the model does not normalize them ({@link TextNormalization#NFKC}): a trial's {@code ６２０５－２ＲＳ}, typed by a
     * Chinese input method, had no word of a model that knew {@code 6205-2RS}.
     */
    static Optional<String> fullWidthHint(TextEncoder encoder, Map<String, Integer> unknownWords) {
        if (encoder.tokenizer().normalization() == TextNormalization.NFKC) {
            return Optional.empty();
        }
        List<String> fullWidth = unknownWords.keySet().stream()
                .filter(w -> w.codePoints().anyMatch(TextDataset::isFullWidthLetterOrDigit)).toList();
        if (fullWidth.isEmpty()) {
            return Optional.empty();
        }
        String word = fullWidth.get(0);
        List<String> ascii = encoder.tokenizer().withNormalization(TextNormalization.NFKC).tokenize(word);
        boolean known = !ascii.isEmpty() && ascii.stream().allMatch(t -> encoder.vocabulary().id(t) != Vocabulary.UNK);
        return Optional.of(fullWidth.size() + " of the unknown words are written in full-width letters or digits (U+FF10..U+FF5A, as "
                + "Chinese and Japanese input methods type them, e.g. " + quoted(word) + "), other words than the same letters typed "
                + "as ASCII (" + quoted(String.join(" ", ascii)) + (known ? ", which the model knows" : "") + "): convert them "
                + "first (Python: unicodedata.normalize('NFKC', text)), or train with --set normalization=NFKC");
    }

    /** The hint of {@link #singleCharacterHint}. */
    public static final String SINGLE_CHARACTERS = "the model's words are single characters: write one per word (Python: ' '.join(s))";

    /** A share as a percentage of one decimal under 10% ({@code 0.4%}, {@code 36%}). */
    static String percent(double share) {
        double p = 100 * share;
        return (p > 0 && p < 9.95 ? String.format(Locale.ROOT, "%.1f", p) : Long.toString(Math.round(p))) + "%";
    }
}
