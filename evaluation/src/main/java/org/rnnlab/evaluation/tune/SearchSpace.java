package org.rnnlab.evaluation.tune;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.rnnlab.core.Json;
import org.rnnlab.core.SequenceHead;
import org.rnnlab.evaluation.compare.ClipSetting;

/**
 * The hyperparameters a tuning samples from, each trial independently: the learning rate log-uniform
 * in {@code [learningRate.min, learningRate.max]}, every other one uniformly from its list (with replacement). With a fixed
 * learning rate (min = max, recorded exactly) the space is finite, and a tuning draws distinct combinations without
 * replacement ({@link #trials(int, Random)}). The default
 * ({@link #defaults()}) suits the built-in datasets at their default budgets; a JSON file given to
 * {@code --space} replaces any of its fields (a field left out keeps its default), e.g.
 * {@code {"learningRate": {"min": 0.001, "max": 0.01}, "hidden": [32, 64], "residual": [false]}}.
 *
 * @param learningRate log-uniform range of the learning rate
 * @param hidden       units per recurrent layer
 * @param layers       stacked recurrent layers
 * @param dropout      dropout rates (DL4J's retain probability is 1 - rate)
 * @param clip         gradient normalization settings, as {@code --clip} spells them ({@code none}, {@code l2:1.0}, ...)
 * @param head         sequence heads ({@code last}, {@code mean}, {@code max}, {@code attention})
 * @param residual     residual connections around stacked layers (applies to trials with 2+ layers only; with one
 *                     layer a trial is built without)
 */
public record SearchSpace(Range learningRate, List<Integer> hidden, List<Integer> layers, List<Double> dropout, List<String> clip,
                          List<String> head, List<Boolean> residual) {

    /**
     * A log-uniform range.
     *
     * @param min smallest value, > 0
     * @param max largest value, >= min
     */
    public record Range(double min, double max) {
        public Range {
            if (!(min > 0 && max >= min && Double.isFinite(max))) {
                throw new IllegalArgumentException("search space: learningRate needs 0 < min <= max, got min " + min + ", max " + max);
            }
        }
    }

    public SearchSpace {
        SearchSpace d = DEFAULTS;
        learningRate = learningRate != null ? learningRate : d == null ? null : d.learningRate;
        hidden = listOr(hidden, d == null ? null : d.hidden, "hidden");
        layers = listOr(layers, d == null ? null : d.layers, "layers");
        dropout = listOr(dropout, d == null ? null : d.dropout, "dropout");
        clip = listOr(clip, d == null ? null : d.clip, "clip");
        head = listOr(head, d == null ? null : d.head, "head");
        residual = listOr(residual, d == null ? null : d.residual, "residual");
        for (int h : hidden) {
            require(h >= 1 && h <= 4096, "hidden values must be in [1, 4096], got " + h);
        }
        for (int l : layers) {
            require(l >= 1 && l <= 8, "layers values must be in [1, 8], got " + l);
        }
        for (double p : dropout) {
            require(p >= 0 && p < 1, "dropout values must be in [0, 1), got " + p);
        }
        for (String c : clip) {
            try {
                ClipSetting.parse(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("search space: clip value '" + c + "': " + e.getMessage());
            }
        }
        for (String h : head) {
            try {
                SequenceHead.parse(h);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("search space: head value '" + h + "': " + e.getMessage());
            }
        }
    }

    private static final SearchSpace DEFAULTS = new SearchSpace(new Range(3e-4, 3e-2), List.of(32, 64, 128), List.of(1, 2),
            List.of(0.0, 0.2), List.of("none", "l2:1.0"), List.of("last", "mean"), List.of(false, true));

    /**
     * The default space: learning rate 3e-4 to 3e-2 (log-uniform), 32/64/128 units, 1 or 2 layers, dropout 0 or
     * 0.2, no clipping or L2 clipping at 1.0, last-step or mean head, with or without residual connections.
     */
    public static SearchSpace defaults() {
        return DEFAULTS;
    }

    /**
     * The default learning-rate range of plain gradient steps ({@code --updater sgd} or {@code nesterovs}): 1e-2 to 1,
     * around their default rate of 0.1. Adam's 3e-4..3e-2 would leave such a tuning's trials at rates that learn nothing
     * in a short budget (a user's sgd at 0.005: 0.11 test accuracy, 0.79 at 0.5).
     */
    public static final Range PLAIN_GRADIENT_LEARNING_RATE = new Range(1e-2, 1.0);

    /** This space with another learning-rate range. */
    public SearchSpace withLearningRate(Range range) {
        return new SearchSpace(range, hidden, layers, dropout, clip, head, residual);
    }

    /** Reads fields from JSON; a field left out keeps its default. */
    @JsonCreator
    static SearchSpace fromJson(@JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("learningRate") Range lr,
                                @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("hidden") List<Integer> hidden,
                                @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("layers") List<Integer> layers,
                                @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("dropout") List<Double> dropout,
                                @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("clip") List<String> clip,
                                @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("head") List<String> head,
                                @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE) @JsonProperty("residual") List<Boolean> residual) {
        return new SearchSpace(lr, hidden, layers, dropout, clip, head, residual);
    }

    /**
     * The space in a JSON file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong (unknown field, bad value)
     */
    public static SearchSpace read(Path file) {
        return read(file, null);
    }

    /**
     * The space in a JSON file, whose learning rate is {@code learningRateDefault} when the file does not give one
     * (null: the default space's).
     *
     * @throws IllegalArgumentException naming the file and what is wrong (unknown field, bad value)
     */
    public static SearchSpace read(Path file, Range learningRateDefault) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("search space file " + file + " does not exist");
        }
        SearchSpace space;
        boolean residualAsked;
        try {
            String text = Files.readString(file);
            com.fasterxml.jackson.databind.JsonNode rate = Json.mapper().readTree(text).get("learningRate");
            if (rate != null && !rate.isObject()) { // a bare number gave Jackson's "Cannot construct instance of ...Range"
                throw new IllegalArgumentException("search space: learningRate must be an object {\"min\": ..., \"max\": ...} "
                        + "(a fixed rate: min = max, e.g. {\"min\": " + rate + ", \"max\": " + rate + "}), got " + rate);
            }
            space = Json.read(text, SearchSpace.class);
            com.fasterxml.jackson.databind.JsonNode residual = Json.mapper().readTree(text).get("residual");
            residualAsked = residual != null && residual.toString().contains("true");
            if (learningRateDefault != null && !Json.mapper().readTree(text).has("learningRate")) {
                space = space.withLearningRate(learningRateDefault);
            }
        } catch (IOException | RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException && cause.getMessage() != null
                    && cause.getMessage().startsWith("search space"))) {
                cause = cause.getCause();
            }
            String why = Json.plain(String.valueOf(cause.getMessage())).lines().findFirst().orElse("");
            throw new IllegalArgumentException("search space file " + file + ": " + why + " (expected a JSON object with any of "
                    + "learningRate {min, max}, hidden, layers, dropout, clip, head, residual)", e);
        }
        // residual connections apply to stacked layers only: asked for in a file where every trial has one layer, they would
        // be dropped from every trial unsaid (checked on the user's file, not on a recorded config.json, which lists the default)
        if (residualAsked && space.layers().stream().allMatch(l -> l < 2)) {
            throw new IllegalArgumentException("search space file " + file + ": residual [true] applies to 2 or more stacked layers, "
                    + "and every layers value is 1: add a layers value of 2 or more, or leave residual out");
        }
        return space;
    }

    /** Trial {@code index}, drawn with {@code random}: each field independently (with replacement). */
    public Trial sample(int index, Random random) {
        double lr = learningRate.min() == learningRate.max() ? learningRate.min() // exactly: exp(log(0.01)) is 0.010000000000000004
                : Math.exp(Math.log(learningRate.min()) + random.nextDouble() * (Math.log(learningRate.max()) - Math.log(learningRate.min())));
        int h = hidden.get(random.nextInt(hidden.size()));
        int l = layers.get(random.nextInt(layers.size()));
        double d = dropout.get(random.nextInt(dropout.size()));
        String c = clip.get(random.nextInt(clip.size()));
        String hd = head.get(random.nextInt(head.size()));
        boolean r = residual.get(random.nextInt(residual.size()));
        return new Trial(index, lr, h, l, d, ClipSetting.parse(c).id(), SequenceHead.parse(hd).id(), r && l >= 2);
    }

    /** Whether the space holds finitely many trials: a fixed learning rate (min = max), every other field a list. */
    public boolean finite() {
        return learningRate.min() == learningRate.max();
    }

    /**
     * Every distinct trial of a {@link #finite} space, in the order of the lists (a value listed twice, and residual with one
     * layer, which builds the same trial as without, counted once); each of index -1.
     */
    public List<Trial> combinations() {
        java.util.Set<Trial> out = new java.util.LinkedHashSet<>();
        for (int h : hidden) {
            for (int l : layers) {
                for (double d : dropout) {
                    for (String c : clip) {
                        for (String hd : head) {
                            for (boolean r : residual) {
                                out.add(new Trial(-1, learningRate.min(), h, l, d, ClipSetting.parse(c).id(), SequenceHead.parse(hd).id(),
                                        r && l >= 2));
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The {@code n} trials of a tuning, numbered from 0. A space with a learning-rate range draws each trial's fields
     * independently ({@link #sample(int, Random)}: the lists with replacement, the rate making every trial distinct); a
     * {@link #finite} space draws {@code n} distinct combinations without replacement (a user's {@code --tune 4} over
     * hidden [16, 32] x layers [1, 2] at a fixed rate trained 16 x 1 twice and never 16 x 2).
     *
     * @throws IllegalArgumentException when a finite space holds fewer than {@code n} distinct trials, saying how many
     */
    public List<Trial> trials(int n, Random random) {
        List<Trial> out = new java.util.ArrayList<>();
        if (!finite()) {
            for (int i = 0; i < n; i++) {
                out.add(sample(i, random));
            }
            return out;
        }
        List<Trial> all = new java.util.ArrayList<>(combinations());
        if (n > all.size()) {
            throw new IllegalArgumentException("the search space holds " + all.size() + " distinct trial" + (all.size() == 1 ? "" : "s")
                    + " (a fixed learning rate, " + org.rnnlab.core.ModelSpec.plain(learningRate.min()) + ", and lists: " + describeLists()
                    + "), fewer than the " + n + " asked for: give --tune " + all.size() + " or fewer, more values, or a "
                    + "learningRate range (min < max)");
        }
        java.util.Collections.shuffle(all, random);
        for (int i = 0; i < n; i++) {
            Trial t = all.get(i);
            out.add(new Trial(i, t.learningRate(), t.hidden(), t.layers(), t.dropout(), t.clip(), t.head(), t.residual()));
        }
        return out;
    }

    /**
     * The space in the words of compare's header, each field's values joined by {@code |}: {@code lr 0.001 to 0.01
     * (log-uniform), hidden 8|16, layers 1, dropout 0|0.2, clip none, head last, residual false}. A tuned comparison's header
     * gives it for the settings the trials take from it, not the base's values no trial used (trial 78j F3: "1 recurrent layer of
     * 64 units, adam at lr 0.005 (before tuning)" for a space of hidden 8|16 at lr 0.01).
     */
    public String describe() {
        String lr = learningRate.min() == learningRate.max() ? "lr " + org.rnnlab.core.ModelSpec.plain(learningRate.min())
                : "lr " + org.rnnlab.core.ModelSpec.plain(learningRate.min()) + " to "
                + org.rnnlab.core.ModelSpec.plain(learningRate.max()) + " (log-uniform)";
        return lr + ", hidden " + joined(hidden) + ", layers " + joined(layers) + ", dropout " + joined(dropout) + ", clip "
                + joined(clip) + ", head " + joined(head) + ", residual " + joined(residual);
    }

    private static String joined(List<?> values) {
        return String.join("|", values.stream().map(v -> v instanceof Double d
                ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(v)).toList());
    }

    private String describeLists() {
        return "hidden " + hidden + ", layers " + layers + ", dropout " + dropout + ", clip " + clip + ", head " + head
                + ", residual " + residual;
    }

    private static <T> List<T> listOr(List<T> given, List<T> fallback, String field) {
        if (given == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("search space: " + field + " must be given");
            }
            return fallback;
        }
        require(!given.isEmpty(), field + " must list at least one value");
        for (T v : given) {
            require(v != null, field + " must not hold null");
        }
        return List.copyOf(given);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("search space: " + message);
        }
    }
}
