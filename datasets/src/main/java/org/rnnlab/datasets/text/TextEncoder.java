package org.rnnlab.datasets.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything needed to turn new text into a model's input exactly as its training data was: the
 * tokenizer settings, the vocabulary and the maximum length with its truncation side. Save it with the
 * model ({@link #toJson()}) and read it back ({@link #fromJson(String)}).
 *
 * @param tokenizer  tokenizer settings
 * @param vocabulary token ids
 * @param maxLength  maximum number of tokens, >= 1
 * @param truncation which end of a longer text is kept
 */
public record TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength, Truncation truncation) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TextEncoder {
        if (tokenizer == null || vocabulary == null || truncation == null) {
            throw new IllegalArgumentException("TextEncoder.tokenizer, vocabulary and truncation must not be null");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("TextEncoder.maxLength must be >= 1, got " + maxLength);
        }
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
        int[] ids = vocabulary.encode(tokenizer.tokenize(text), maxLength, truncation);
        return ids.length == 0 ? new int[] {Vocabulary.UNK} : ids;
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

    /** JSON: tokenizer settings, maxLength, truncation and the vocabulary. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "rnnlab-text-encoder");
        root.put("version", 1);
        root.put("lowerCase", tokenizer.lowerCase());
        root.put("splitPunctuation", tokenizer.splitPunctuation());
        root.put("maxLength", maxLength);
        root.put("truncation", truncation.name());
        root.set("vocabulary", vocabulary.toJsonNode());
        return root.toString();
    }

    /** Reads {@link #toJson()}'s form. */
    public static TextEncoder fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!"rnnlab-text-encoder".equals(root.path("format").asText()) || root.path("version").asInt() != 1) {
                throw new IllegalArgumentException("not a text encoder JSON: expected format rnnlab-text-encoder version 1");
            }
            return new TextEncoder(new Tokenizer(root.get("lowerCase").asBoolean(), root.get("splitPunctuation").asBoolean()),
                    Vocabulary.fromJsonNode(root.get("vocabulary")), root.get("maxLength").asInt(),
                    Truncation.valueOf(root.get("truncation").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a text encoder JSON: " + e.getOriginalMessage(), e);
        }
    }
}
