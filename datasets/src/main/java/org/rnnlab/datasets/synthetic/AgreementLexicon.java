package org.rnnlab.datasets.synthetic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words of the {@link Agreement} grammar: nouns with singular and plural forms, adjectives,
 * prepositions, transitive verbs (singular present, plural present, past), intransitive past verbs,
 * adverbs and the function words {@code the} and {@code that}. Only nouns and present-tense verbs
 * carry number; past tense, adjectives and adverbs do not.
 */
public final class AgreementLexicon {

    /** Grammatical number. */
    public enum Number { SINGULAR, PLURAL;
        /** The other number. */
        public Number opposite() {
            return this == SINGULAR ? PLURAL : SINGULAR;
        }
    }

    private static final String[] NOUNS = {
        "writer writers", "book books", "teacher teachers", "student students", "doctor doctors",
        "nurse nurses", "farmer farmers", "dog dogs", "cat cats", "horse horses", "bird birds",
        "child children", "man men", "woman women", "person people", "mouse mice", "goose geese",
        "city cities", "country countries", "house houses", "car cars", "tree trees", "garden gardens",
        "river rivers", "bridge bridges", "window windows", "door doors", "table tables", "chair chairs",
        "painting paintings", "artist artists", "singer singers", "player players", "coach coaches",
        "manager managers", "engineer engineers", "pilot pilots", "driver drivers", "lawyer lawyers",
        "judge judges", "senator senators", "officer officers", "soldier soldiers", "king kings",
        "queen queens", "friend friends", "neighbor neighbors", "cook cooks", "baker bakers",
        "letter letters", "report reports", "story stories", "song songs", "picture pictures",
        "key keys", "box boxes", "boss bosses", "church churches", "bus buses", "glass glasses",
        "knife knives", "wolf wolves", "leaf leaves", "shelf shelves", "thief thieves", "hero heroes",
        "potato potatoes", "baby babies", "lady ladies", "party parties", "company companies",
        "library libraries", "village villages", "island islands", "mountain mountains",
        "computer computers", "phone phones", "machine machines", "student-athlete student-athletes",
        "scientist scientists", "author authors", "editor editors", "actor actors", "visitor visitors",
        "guest guests", "client clients", "customer customers", "worker workers", "tourist tourists",
        "pianist pianists", "minister ministers", "director directors", "surgeon surgeons",
        "gardener gardeners", "poet poets", "dancer dancers", "mechanic mechanics", "farm farms",
        "school schools", "museum museums"
    };
    private static final String[] ADJECTIVES = {
        "old", "young", "tall", "small", "big", "new", "famous", "quiet", "loud", "happy", "sad",
        "clever", "busy", "lazy", "kind", "angry", "brave", "rich", "poor", "strange", "friendly",
        "careful", "nervous", "proud", "polite", "honest", "curious", "gentle", "shy", "tired",
        "red", "green", "blue", "dark", "bright", "wooden", "ancient", "modern", "local", "foreign"
    };
    private static final String[] PREPOSITIONS = {
        "of", "near", "with", "behind", "beside", "from", "above", "under", "for", "without", "around"
    };
    private static final String[] TRANSITIVE_VERBS = {
        "likes like liked", "sees see saw", "knows know knew", "watches watch watched", "helps help helped",
        "meets meet met", "admires admire admired", "follows follow followed", "calls call called",
        "visits visit visited", "hates hate hated", "loves love loved", "finds find found",
        "remembers remember remembered", "trusts trust trusted", "fears fear feared", "carries carry carried",
        "paints paint painted", "describes describe described", "hears hear heard", "teaches teach taught",
        "thanks thank thanked", "chases chase chased", "praises praise praised", "ignores ignore ignored",
        "greets greet greeted", "blames blame blamed", "pushes push pushed", "protects protect protected",
        "recognizes recognize recognized", "studies study studied", "draws draw drew", "buys buy bought",
        "sells sell sold", "builds build built", "feeds feed fed", "invites invite invited",
        "annoys annoy annoyed", "surprises surprise surprised"
    };
    private static final String[] INTRANSITIVE_PAST = {
        "smiled", "slept", "laughed", "arrived", "left", "waited", "cried", "danced", "sang", "won",
        "lost", "fell", "ran", "swam", "shouted", "worked", "stayed", "returned", "spoke", "disappeared"
    };
    private static final String[] ADVERBS = {
        "really", "apparently", "probably", "certainly", "clearly", "usually", "often", "always", "never",
        "rarely", "quietly", "suddenly", "obviously", "perhaps", "still", "surely", "truly", "honestly",
        "reportedly", "seemingly", "definitely", "already", "sometimes", "indeed", "actually"
    };

    /** The article of every noun phrase. */
    public static final String THE = "the";
    /** The relative pronoun. */
    public static final String THAT = "that";

    private final List<String[]> nouns = parse(NOUNS, 2);
    private final List<String[]> transitive = parse(TRANSITIVE_VERBS, 3);
    private final Map<String, Number> nounNumbers = new HashMap<>();
    private final List<String> words;

    AgreementLexicon() {
        List<String> all = new ArrayList<>(List.of(THE, THAT));
        for (String[] n : nouns) {
            nounNumbers.put(n[0], Number.SINGULAR);
            nounNumbers.put(n[1], Number.PLURAL);
            all.add(n[0]);
            all.add(n[1]);
        }
        for (String[] v : transitive) {
            Collections.addAll(all, v);
        }
        Collections.addAll(all, ADJECTIVES);
        Collections.addAll(all, PREPOSITIONS);
        Collections.addAll(all, INTRANSITIVE_PAST);
        Collections.addAll(all, ADVERBS);
        this.words = List.copyOf(new LinkedHashSet<>(all));
        if (words.size() != all.size()) {
            throw new IllegalStateException("lexicon words must be distinct");
        }
    }

    private static List<String[]> parse(String[] entries, int forms) {
        List<String[]> out = new ArrayList<>();
        for (String e : entries) {
            String[] f = e.split(" ");
            if (f.length != forms) {
                throw new IllegalStateException("lexicon entry '" + e + "' needs " + forms + " forms");
            }
            out.add(f);
        }
        return List.copyOf(out);
    }

    /** Every word, in a fixed order (the vocabulary order after padding and unknown). */
    public List<String> words() {
        return words;
    }

    /** Whether the word is a noun. */
    public boolean isNoun(String word) {
        return nounNumbers.containsKey(word);
    }

    /** Number of a noun; empty for any other word (present-tense verbs included). */
    public Optional<Number> nounNumber(String word) {
        return Optional.ofNullable(nounNumbers.get(word));
    }

    int nounCount() {
        return nouns.size();
    }

    String noun(int index, Number number) {
        return nouns.get(index)[number.ordinal()];
    }

    int transitiveCount() {
        return transitive.size();
    }

    /** Present form agreeing with {@code number}. */
    String presentVerb(int index, Number number) {
        return transitive.get(index)[number.ordinal()];
    }

    String pastVerb(int index) {
        return transitive.get(index)[2];
    }

    List<String> adjectives() {
        return List.of(ADJECTIVES);
    }

    List<String> prepositions() {
        return List.of(PREPOSITIONS);
    }

    /** Prepositions that can open a sentence ({@code near the tables the writer ...}): all but {@code of}. */
    List<String> leadingPrepositions() {
        return List.of(PREPOSITIONS).stream().filter(p -> !"of".equals(p)).toList();
    }

    List<String> intransitivePast() {
        return List.of(INTRANSITIVE_PAST);
    }

    List<String> adverbs() {
        return List.of(ADVERBS);
    }
}
