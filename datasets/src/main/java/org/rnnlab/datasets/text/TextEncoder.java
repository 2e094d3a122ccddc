package org.rnnlab.datasets.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Everything needed to turn new text into a model's input exactly as its training data was: the
 * tokenizer settings, the vocabulary and the maximum length with its truncation side. Save it with the
 * model ({@link #toJson()}) and read it back ({@link #fromJson(String)}). {@link #rules()} says in one line
 * what encoding does, for programs that feed an exported model without rnnlab.
 *
 * @param tokenizer    tokenizer settings
 * @param vocabulary   token ids
 * @param maxLength    maximum number of tokens, >= 1
 * @param truncation   which end of a longer text is kept
 * @param unknownShare the share of unknown words of the training texts, against which new texts' unknown words are judged
 *                     ({@link #manyUnknownWords}); null for an encoder not built from training texts (a grammar's lexicon)
 *                     and for models saved before rnnlab recorded it
 * @param idColumn     the column of a text file's header that holds the ids when it is not {@code id} ({@code --set
 *                     idColumn=review_id}, {@link TextColumns#find(java.nio.file.Path, List, java.util.function.Predicate,
 *                     String)}), so that evaluate and predict read new files as training did; null for {@code id}
 */
public record TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength, Truncation truncation,
                          UnknownWords.Share unknownShare, String idColumn) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The format version {@link #toJson} writes for a tokenizer whose unit is not {@link Tokenizer.Unit#WORDS}: an rnnlab
     * older than {@code tokenize}, which ignores that field and reads version 1 only, refuses such a file instead of
     * tokenizing a character model as words. Words models keep {@value #WORDS_VERSION}, which older rnnlab reads alike.
     */
    public static final int CHARS_VERSION = 2;

    /**
     * The format version {@link #toJson} writes for a tokenizer with {@link TextNormalization#NFKC}, and the latest this rnnlab
     * reads: an rnnlab older than NFKC, which knows NONE and NFC only, refuses such a file as written by a later rnnlab rather
     * than failing on its normalization. Other encoders keep {@value #WORDS_VERSION} or {@value #CHARS_VERSION}, which older
     * rnnlab reads alike.
     */
    public static final int VERSION = 3;

    /** The format version {@link #toJson} writes for a words tokenizer, readable by every rnnlab. */
    public static final int WORDS_VERSION = 1;

    public TextEncoder {
        if (tokenizer == null || vocabulary == null || truncation == null) {
            throw new IllegalArgumentException("TextEncoder.tokenizer, vocabulary and truncation must not be null");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("TextEncoder.maxLength must be >= 1, got " + maxLength);
        }
    }

    /** An encoder whose files' ids are in the column {@code id}. */
    public TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength, Truncation truncation, UnknownWords.Share unknownShare) {
        this(tokenizer, vocabulary, maxLength, truncation, unknownShare, null);
    }

    /** An encoder without the training texts' share of unknown words (a lexicon's; older models'). */
    public TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength, Truncation truncation) {
        this(tokenizer, vocabulary, maxLength, truncation, null);
    }

    /**
     * Whether the text has at least one token: false for an empty text or one of white space only (in the
     * tokenizer's Unicode sense, no-break spaces included). Readers of new text refuse or skip such texts
     * rather than classify them as if they were one unknown word ({@link #encodeIds}).
     */
    public boolean hasTokens(String text) {
        return !tokenizer.tokenize(text).isEmpty();
    }

    /**
     * Token ids of a text, truncated to {@link #maxLength()}. A text without any token encodes as a
     * single {@link Vocabulary#UNK}, since a sequence needs at least one step; callers that must not
     * classify such a text check {@link #hasTokens} first.
     */
    public int[] encodeIds(String text) {
        return encoding(text).ids();
    }

    /**
     * A text's token ids ({@link #encodeIds}) with its number of tokens before truncation, so that callers can
     * tell users which texts were cut to {@link #maxLength()}.
     */
    public Encoding encoding(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        int[] ids = vocabulary.encode(tokens, maxLength, truncation);
        return new Encoding(ids.length == 0 ? new int[] {Vocabulary.UNK} : ids, tokens.size());
    }

    /**
     * One encoded text.
     *
     * @param ids    the token ids the model reads (at most maxLength; one {@link Vocabulary#UNK} for a text without tokens)
     * @param tokens the number of tokens of the whole text, before truncation
     */
    public record Encoding(int[] ids, int tokens) {
        /** Whether tokens were dropped because the text is longer than the maximum length. */
        public boolean truncated() {
            return tokens > ids.length;
        }

        /** How many of the ids the model reads are the unknown word's. */
        public int unknown() {
            int n = 0;
            for (int id : ids) {
                n += id == Vocabulary.UNK ? 1 : 0;
            }
            return n;
        }

        /** Whether the model reads no word of its vocabulary in the text (every id the unknown word's). */
        public boolean unknownOnly() {
            for (int id : ids) {
                if (id != Vocabulary.UNK) {
                    return false;
                }
            }
            return true;
        }

        /** The ids as {@code [time][1]} values of a {@link org.rnnlab.datasets.Sequence}. */
        public float[][] values() {
            return toValues(ids);
        }
    }

    /**
     * The words of a text the model reads (after truncation) that are not in its vocabulary, in order, repeats included.
     */
    public List<String> unknownWords(String text) {
        return UnknownWords.readPart(tokenizer.tokenize(text), maxLength, truncation).stream()
                .filter(w -> vocabulary.id(w) == Vocabulary.UNK).toList();
    }

    /**
     * The share of unknown words expected of new text like the training texts: {@link #unknownShare()}'s held-out share, or
     * for an encoder without it, {@link UnknownWords#ASSUMED_CHARACTERS} when the vocabulary is single characters
     * ({@link Vocabulary#singleCharacters}) and {@link UnknownWords#ASSUMED_WORDS} otherwise.
     */
    public double expectedUnknownShare() {
        if (unknownShare != null) {
            return unknownShare.heldOut();
        }
        return vocabulary.singleCharacters() ? UnknownWords.ASSUMED_CHARACTERS : UnknownWords.ASSUMED_WORDS;
    }

    /**
     * Whether an encoded text holds far more unknown words than new text like the training texts ({@link UnknownWords#many}
     * at {@link #expectedUnknownShare()}): predict and evaluate warn of it, serve says {@code unknownWordShare}, the Java API
     * logs it.
     */
    public boolean manyUnknownWords(Encoding encoding) {
        return UnknownWords.many(encoding.unknown(), encoding.ids().length, expectedUnknownShare());
    }

    /**
     * The warning for texts in which the model reads no word of its vocabulary ({@link Encoding#unknownOnly}): their
     * predictions rest on the unknown word alone. One sentence for {@code rnnlab predict} (texts named by line) and the
     * Java API's {@code predictTexts} (by index), so that both say the same.
     *
     * @param which how the texts are named, e.g. "line(s)" or "text(s) at index"
     * @param texts the texts' names (line numbers, indexes); at most 5 are shown
     */
    public static String noKnownWordWarning(String which, List<String> texts) {
        // listed as predict's other warnings list them, "NEW005, NEW009" (trial 77g F6: "[NEW005, NEW009]" beside them)
        return texts.size() + " text(s) have no word of the model's vocabulary (" + which + " " + String.join(", ", texts.subList(0,
                Math.min(5, texts.size()))) + (texts.size() > 5 ? ", ..." : "") + "): their predictions rest on the unknown-word token alone";
    }

    /**
     * What {@link #encodeIds} does, as one line of text for programs in other languages: the tokenizer's
     * {@link Tokenizer#rules()}, then ids, unknown words, truncation and the text without tokens.
     */
    public String rules() {
        return tokenizer.rules() + " Ids: a token's index in vocabulary.words (case-sensitive, after the steps above); "
                + "a token not in it is " + Vocabulary.UNK + " (" + Vocabulary.UNK_TOKEN + "). Longer than maxLength (" + maxLength
                + ") tokens: keep the " + (truncation == Truncation.KEEP_TAIL ? "last" : "first") + " " + maxLength + " ("
                + truncation + "). In a batch, rows are padded after their last token (id " + Vocabulary.PAD + "; padding is never read) "
                + "and lengths holds each row's token count. "
                + "A text without tokens is refused by rnnlab: refuse it too (running the graph with a length of 0, or with the single id "
                + Vocabulary.UNK + ", gives probabilities that look like any others and mean nothing).";
    }

    /** The text as {@code [time][1]} token-id values of a {@link org.rnnlab.datasets.Sequence}. */
    public float[][] encode(String text) {
        return toValues(encodeIds(text));
    }

    static float[][] toValues(int[] ids) {
        float[][] values = new float[ids.length][1];
        for (int t = 0; t < ids.length; t++) {
            values[t][0] = ids[t];
        }
        return values;
    }

    /** Token ids of a sequence's values (the inverse of {@link #encode}). */
    public static int[] ids(float[][] values) {
        int[] ids = new int[values.length];
        for (int t = 0; t < values.length; t++) {
            ids[t] = Math.round(values[t][0]);
        }
        return ids;
    }

    /**
     * JSON: tokenizer settings, maxLength, truncation, the training texts' share of unknown words ({@code unknownShare}:
     * {@code training} and {@code heldOut}, when known), {@code idColumn} (when not {@code id}) and the vocabulary. {@code normalization} is written since rnnlab
     * recorded it; {@link #fromJson} reads its absence as {@link TextNormalization#NONE}, and that of {@code unknownShare}
     * as none known. {@code tokenize} ({@code WORDS} or {@code CHARS}) and {@code rulesVersion} ({@link Tokenizer#rulesVersion})
     * likewise: absent in models saved before they were recorded, read as {@code WORDS} and
     * {@value Tokenizer#UNRECORDED_RULES_VERSION}, how those models tokenize. {@code version} is {@value #WORDS_VERSION} for
     * a {@link Tokenizer.Unit#WORDS} tokenizer and {@value #CHARS_VERSION} for {@code CHARS} and {@code MIXED}, so that an rnnlab
     * older than {@code tokenize} refuses those rather than read them as words, and {@value #VERSION} for a tokenizer with
     * {@link TextNormalization#NFKC}, which an rnnlab older than it refuses as written by a later one.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "rnnlab-text-encoder");
        root.put("version", tokenizer.normalization() == TextNormalization.NFKC ? VERSION
                : tokenizer.unit() == Tokenizer.Unit.WORDS ? WORDS_VERSION : CHARS_VERSION);
        root.put("lowerCase", tokenizer.lowerCase());
        root.put("splitPunctuation", tokenizer.splitPunctuation());
        root.put("normalization", tokenizer.normalization().name());
        root.put("tokenize", tokenizer.unit().name());
        root.put("rulesVersion", tokenizer.rulesVersion());
        root.put("maxLength", maxLength);
        root.put("truncation", truncation.name());
        if (idColumn != null) {
            root.put("idColumn", idColumn);
        }
        if (unknownShare != null) {
            ObjectNode share = root.putObject("unknownShare");
            share.put("training", unknownShare.training());
            share.put("heldOut", unknownShare.heldOut());
        }
        root.set("vocabulary", vocabulary.toJsonNode());
        return root.toString();
    }

    /**
     * Reads {@link #toJson()}'s form. Without {@code normalization} (files written before it was recorded) the
     * tokenizer does not normalize, as when those models were trained; without {@code tokenize} it reads words, without
     * {@code rulesVersion} it tokenizes by rules version {@value Tokenizer#UNRECORDED_RULES_VERSION}. Reads versions
     * {@value #WORDS_VERSION} to {@value #VERSION}; a later version is refused as written by a later rnnlab.
     */
    public static TextEncoder fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            int version = root.path("version").asInt();
            if (!"rnnlab-text-encoder".equals(root.path("format").asText()) || version < WORDS_VERSION) {
                throw new IllegalArgumentException("not a text encoder JSON: expected format rnnlab-text-encoder version "
                        + WORDS_VERSION + " to " + VERSION);
            }
            if (version > VERSION) {
                throw new IllegalArgumentException("text encoder JSON version " + version + " was written by a later "
                        + "rnnlab (this one reads versions " + WORDS_VERSION + " to " + VERSION + "): update rnnlab to read this model");
            }
            Tokenizer tokenizer = new Tokenizer(bool(root, "lowerCase"), bool(root, "splitPunctuation"),
                    normalization(root.get("normalization")), unit(root.get("tokenize")), rulesVersion(root.get("rulesVersion")));
            return new TextEncoder(tokenizer, Vocabulary.fromJsonNode(root.get("vocabulary")), root.path("maxLength").asInt(),
                    truncation(root.get("truncation")), unknownShare(root.get("unknownShare")),
                    root.path("idColumn").isTextual() ? root.get("idColumn").asText() : null);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a text encoder JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A field that must be true or false: a missing or null one (an edited card) was read as false, a tokenizer setting changed silently. */
    private static boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isBoolean()) {
            throw new IllegalArgumentException("text encoder JSON: " + field + " is " + (node == null ? "missing" : node)
                    + " (expected true or false)");
        }
        return node.booleanValue();
    }

    /** The training texts' share of unknown words, or null when not recorded (models saved before rnnlab recorded it). */
    private static UnknownWords.Share unknownShare(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.path("training").isNumber() || !node.path("heldOut").isNumber()) {
            throw new IllegalArgumentException("text encoder JSON: unknownShare is " + node + " (expected {\"training\": share, "
                    + "\"heldOut\": share}, each in [0, 1])");
        }
        return new UnknownWords.Share(node.get("training").doubleValue(), node.get("heldOut").doubleValue());
    }

    private static Truncation truncation(JsonNode node) {
        for (Truncation t : Truncation.values()) {
            if (node != null && node.isTextual() && t.name().equals(node.asText())) {
                return t;
            }
        }
        throw new IllegalArgumentException("text encoder JSON: truncation is " + (node == null ? "missing" : node) + " (expected one of "
                + java.util.Arrays.toString(Truncation.values()) + ")");
    }

    private static Tokenizer.Unit unit(JsonNode node) {
        if (node == null || node.isNull()) {
            return Tokenizer.Unit.WORDS;
        }
        for (Tokenizer.Unit u : Tokenizer.Unit.values()) {
            if (u.name().equals(node.asText())) {
                return u;
            }
        }
        throw new IllegalArgumentException("text encoder JSON: tokenize " + node + " is not one of "
                + java.util.Arrays.toString(Tokenizer.Unit.values()));
    }

    private static int rulesVersion(JsonNode node) {
        if (node == null || node.isNull()) {
            return Tokenizer.UNRECORDED_RULES_VERSION;
        }
        if (!node.isInt() || node.intValue() < Tokenizer.UNRECORDED_RULES_VERSION || node.intValue() > Tokenizer.RULES_VERSION) {
            throw new IllegalArgumentException("text encoder JSON: rulesVersion is " + node + " (expected "
                    + Tokenizer.UNRECORDED_RULES_VERSION + " to " + Tokenizer.RULES_VERSION + (node.isInt() && node.intValue()
                    > Tokenizer.RULES_VERSION ? "; a model saved by a newer rnnlab: use that version" : "") + ")");
        }
        return node.intValue();
    }

    private static TextNormalization normalization(JsonNode node) {
        if (node == null || node.isNull()) {
            return TextNormalization.NONE;
        }
        for (TextNormalization n : TextNormalization.values()) {
            if (n.name().equals(node.asText())) {
                return n;
            }
        }
        throw new IllegalArgumentException("text encoder JSON: normalization " + node + " is not one of "
                + java.util.Arrays.toString(TextNormalization.values()));
    }
}
