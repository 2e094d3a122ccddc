package org.rnnlab.datasets.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Token ids: 0 = {@value #PAD_TOKEN}, 1 = {@value #UNK_TOKEN}, then the words. A vocabulary built
 * from a corpus ({@link #build}) orders words by descending frequency, ties alphabetically
 * ({@link String#compareTo}), and keeps those seen at least {@code minFrequency} times. Build it from
 * the training split only; words it does not know encode as {@link #UNK}.
 *
 * <p>It travels with a model as JSON ({@link #toJson()}, {@link #fromJson(String)}):
 * {@code {"format":"rnnlab-vocabulary","version":1,"minFrequency":2,"words":["<pad>","<unk>",...]}},
 * the index in {@code words} being the id.
 */
public final class Vocabulary {
    /** Id of padding. */
    public static final int PAD = 0;
    /** Id of unknown words. */
    public static final int UNK = 1;
    /** Word of id 0. */
    public static final String PAD_TOKEN = "<pad>";
    /** Word of id 1. */
    public static final String UNK_TOKEN = "<unk>";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "rnnlab-vocabulary";

    private final List<String> words;
    private final Map<String, Integer> ids;
    private final int minFrequency;
    /** {@link #singleCharacters()}, judged once (serve asks it per text of an older model). */
    private final boolean singleCharacters;

    private Vocabulary(List<String> words, int minFrequency) {
        if (words.size() < 2 || !PAD_TOKEN.equals(words.get(PAD)) || !UNK_TOKEN.equals(words.get(UNK))) {
            throw new IllegalArgumentException("vocabulary must start with " + PAD_TOKEN + ", " + UNK_TOKEN);
        }
        this.words = List.copyOf(words);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.words.size(); i++) {
            if (ids.put(this.words.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary word '" + this.words.get(i) + "' appears twice");
            }
        }
        this.minFrequency = minFrequency;
        long single = this.words.stream().skip(2).filter(w -> w.codePointCount(0, w.length()) == 1).count();
        this.singleCharacters = this.words.size() > 2 && single * 5 >= (this.words.size() - 2) * 4L;
    }

    /**
     * Builds a vocabulary from tokenized texts.
     *
     * @param texts        tokenized training texts
     * @param minFrequency minimum count for a word to get its own id, >= 1
     */
    public static Vocabulary build(Collection<List<String>> texts, int minFrequency) {
        if (minFrequency < 1) {
            throw new IllegalArgumentException("Vocabulary.minFrequency must be >= 1, got " + minFrequency);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> text : texts) {
            for (String token : text) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        counts.remove(PAD_TOKEN);
        counts.remove(UNK_TOKEN);
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minFrequency);
        entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> words = new ArrayList<>(List.of(PAD_TOKEN, UNK_TOKEN));
        entries.forEach(e -> words.add(e.getKey()));
        return new Vocabulary(words, minFrequency);
    }

    /** A vocabulary of the given words (ids 2, 3, ... in this order), e.g. a grammar's lexicon. */
    public static Vocabulary of(List<String> words) {
        List<String> all = new ArrayList<>(List.of(PAD_TOKEN, UNK_TOKEN));
        Set<String> seen = new HashSet<>();
        for (String w : words) {
            if (seen.add(w)) {
                all.add(w);
            }
        }
        return new Vocabulary(all, 1);
    }

    /** Number of ids, including padding and unknown. */
    public int size() {
        return words.size();
    }

    /** Minimum frequency used to build it (1 for a given word list). */
    public int minFrequency() {
        return minFrequency;
    }

    /** All words, index = id. */
    public List<String> words() {
        return words;
    }

    /** Id of a word, {@link #UNK} when unknown. */
    public int id(String word) {
        return ids.getOrDefault(word, UNK);
    }

    /** Whether the word has its own id. */
    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    /**
     * Whether the words are single characters, four in five or more of them (besides {@value #PAD_TOKEN} and
     * {@value #UNK_TOKEN}) one code point: a model of symbol strings written one character per word (DNA, protein), whose
     * new texts must be written so too. A vocabulary of words holds single characters only for punctuation, a few letters
     * and digits.
     */
    public boolean singleCharacters() {
        return singleCharacters;
    }

    /** Word of an id. */
    public String word(int id) {
        if (id < 0 || id >= words.size()) {
            throw new IllegalArgumentException("token id must be in [0, " + words.size() + "), got " + id);
        }
        return words.get(id);
    }

    /**
     * Ids of tokens, truncated to {@code maxLength}.
     *
     * @param tokens     tokens
     * @param maxLength  maximum number of ids, >= 1
     * @param truncation which end to keep when longer
     */
    public int[] encode(List<String> tokens, int maxLength, Truncation truncation) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
        }
        int n = Math.min(maxLength, tokens.size());
        int from = truncation == Truncation.KEEP_TAIL ? tokens.size() - n : 0;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = id(tokens.get(from + i));
        }
        return out;
    }

    /** Words of ids joined by single spaces. */
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word(id));
        }
        return sb.toString();
    }

    /** JSON form (see the class comment). */
    public String toJson() {
        return toJsonNode().toString();
    }

    ObjectNode toJsonNode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("minFrequency", minFrequency);
        ArrayNode arr = root.putArray("words");
        words.forEach(arr::add);
        return root;
    }

    /** Reads the JSON form. */
    public static Vocabulary fromJson(String json) {
        try {
            return fromJsonNode(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a vocabulary JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Vocabulary fromJsonNode(JsonNode root) {
        if (root == null || !FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != 1
                || !root.path("words").isArray()) {
            throw new IllegalArgumentException("not a vocabulary JSON: expected format " + FORMAT + " version 1 with a words array");
        }
        List<String> words = new ArrayList<>();
        root.get("words").forEach(n -> words.add(n.asText()));
        return new Vocabulary(words, root.path("minFrequency").asInt(1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.words.equals(words) && v.minFrequency == minFrequency;
    }

    @Override
    public int hashCode() {
        return words.hashCode() * 31 + minFrequency;
    }

    @Override
    public String toString() {
        return "Vocabulary[" + words.size() + " ids, minFrequency=" + minFrequency + "]";
    }
}
