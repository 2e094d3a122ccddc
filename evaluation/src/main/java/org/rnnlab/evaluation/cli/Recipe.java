package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rnnlab.datasets.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Named presets of {@code train} and {@code compare} ({@code --recipe NAME}): a recipe is a set of command-line
 * options, written before the user's own, so that an option given on the command line wins over the recipe's and
 * every value goes through the same checks (dataset settings, {@code --set KEY=VALUE}, merge by key), lands in {@code config.json} and in the recorded command line as if
 * it had been typed. The evidence for each recipe (command, accuracy, commit, machine) is in the README.
 */
public enum Recipe {

    /**
     * UCI HAR sensor windows (9 channels x 128 steps at 50 Hz, 6 activities): a causal convolution of stride 2 (64
     * filters of 5 steps) halves the sequence, a bidirectional GRU of 64 units reads it, mean pooling over time,
     * dropout 0.3 before the classifier, jitter and scaling augmentation, cosine learning-rate decay over 20 epochs of
     * batch 64 at Adam 0.005; no validation split (the volunteers held out for it join training, and the last
     * epochs of the cosine decay are kept, as on the official split); 3 seeds.
     */
    HAR("har", "UCI HAR sensor windows (./rnnlab compare --dataset har --data DIR --recipe har)",
            Map.of("--cells", "bigru", "--seeds", "3"),
            options("--conv", "5x64/2", "--hidden", "64", "--head", "mean", "--dropout", "0.3", "--batch", "64",
                    "--lr", "0.005", "--epochs", "20", "--patience", "0", "--lr-schedule", "cosine",
                    "--augment", "jitter=0.05,scale=0.1", "--set", "validationFraction=0")),

    /**
     * Short texts such as the sentiment sentences: embeddings of 100, a bidirectional GRU of 32 units, max pooling
     * over time, dropout 0.3, 6 epochs of batch 32 at Adam 0.005 with cosine decay; no validation split (it joins
     * training; the test split is unchanged, as it is carved first); 3 seeds.
     */
    TEXT("text", "short texts such as the sentiment sentences (./rnnlab compare --dataset sentiment --recipe text)",
            Map.of("--cells", "bigru", "--seeds", "3"),
            options("--embedding", "100", "--hidden", "32", "--head", "max", "--dropout", "0.3", "--batch", "32",
                    "--lr", "0.005", "--epochs", "6", "--patience", "0", "--lr-schedule", "cosine",
                    "--set", "validationFraction=0")),

    /**
     * Small multivariate sets (tens to hundreds of sequences, as in the UEA/UCR archives): two causal convolutions
     * (32 filters of 5 steps), an LSTM or GRU of 32 units, max pooling over time, dropout 0.3, jitter and scaling
     * augmentation, Adam 0.01 on minibatches of 8 with cosine decay, for the default budget of at least 400 updates;
     * no validation split (with tens of sequences it is too small to choose an epoch by); 3 seeds.
     */
    SMALL("small", "small multivariate sets of tens to hundreds of sequences (./rnnlab compare --dataset csv ... --recipe small)",
            Map.of("--cells", "lstm,gru", "--seeds", "3"),
            options("--conv", "5x32,5x32", "--hidden", "32", "--head", "max", "--dropout", "0.3", "--batch", "8",
                    "--lr", "0.01", "--patience", "0", "--lr-schedule", "cosine", "--augment", "jitter=0.1,scale=0.2",
                    "--set", "validationFraction=0"));

    private final String id;
    private final String forWhat;
    private final Map<String, String> compareOnly;
    private final Map<String, String> shared;

    Recipe(String id, String forWhat, Map<String, String> compareOnly, Map<String, String> shared) {
        this.id = id;
        this.forWhat = forWhat;
        this.compareOnly = compareOnly;
        this.shared = shared;
    }

    private static Map<String, String> options(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** The name on the command line. */
    public String id() {
        return id;
    }

    /** What the recipe is for, with an example command. */
    public String forWhat() {
        return forWhat;
    }

    /**
     * The recipe's options for {@code command} ({@code train} takes the first of the recipe's cells as its
     * {@code --cell} and no seeds), in order.
     */
    public List<String> arguments(String command) {
        List<String> out = new ArrayList<>();
        if ("compare".equals(command)) {
            for (String key : List.of("--cells", "--seeds")) {
                if (compareOnly.containsKey(key)) {
                    out.add(key);
                    out.add(compareOnly.get(key));
                }
            }
        } else if (compareOnly.containsKey("--cells")) {
            out.add("--cell");
            out.add(compareOnly.get("--cells").split(",")[0]);
        }
        shared.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        return out;
    }

    /** The recipe named {@code name} (case-insensitive), naming the known ones when there is none. */
    public static Recipe parse(String name) {
        for (Recipe r : values()) {
            if (r.id.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown recipe '" + name + "': expected one of "
                + Arrays.stream(values()).map(Recipe::id).collect(Collectors.joining(", ")));
    }

    /** {@code har, text, small}, for help texts. */
    public static String names() {
        return Arrays.stream(values()).map(Recipe::id).collect(Collectors.joining(", "));
    }

    /**
     * The arguments with a {@code --recipe}'s options put in: after the subcommand name, before the user's options,
     * leaving out every option the user gave (by any of its names, negated or not), every {@code --set KEY=...} whose
     * key the user set or the chosen {@code --dataset} does not have, and a {@code validationFraction} when the user
     * gave a {@code --validation} file; with {@code train --find-lr}, the recipe's training-only options (epochs,
     * learning rate and schedule, patience), which a sweep does not use; with {@code --updater sgd} or {@code nesterovs}, the
     * recipe's learning rate, which was chosen for Adam (the updater's default applies, and is said); with
     * {@code compare --tune}, the options the
     * tuner chooses ({@link CompareCommand#TUNED}) and the recipe's {@code validationFraction} (trials are scored on
     * validation data). Arguments without a recipe, of
     * other commands, or naming an unknown recipe come back as they are (the command then reports the unknown name).
     *
     * @param root the {@code rnnlab} command line, whose subcommands say which options exist
     */
    static String[] expand(CommandLine root, String[] args) {
        int sub = -1;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                sub = i;
                break;
            }
        }
        if (sub < 0 || !Set.of("train", "compare").contains(args[sub]) || !root.getSubcommands().containsKey(args[sub])) {
            return args;
        }
        CommandSpec spec = root.getSubcommands().get(args[sub]).getCommandSpec();
        String name = null;
        Set<String> given = new HashSet<>();
        Set<String> setKeys = new HashSet<>();
        String dataset = spec.findOption("--dataset") == null ? null : spec.findOption("--dataset").defaultValue();
        String updater = null;
        for (int i = sub + 1; i < args.length; i++) {
            String a = args[i];
            if ("--".equals(a)) {
                break;
            }
            if (!a.startsWith("-")) {
                continue;
            }
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if ("--recipe".equals(option)) {
                name = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
            }
            if ("--updater".equals(option)) {
                updater = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
            }
            if ("--dataset".equals(option)) {
                dataset = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
            }
            if ("--set".equals(option)) { // dataset settings merge by key: the user's KEY=VALUE wins over the recipe's
                String kv = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : "";
                setKeys.add(kv.contains("=") ? kv.substring(0, kv.indexOf('=')).trim() : kv.trim());
                continue;
            }
            OptionSpec o = spec.findOption(option);
            if (o == null && option.startsWith("--no-")) {
                o = spec.findOption("--" + option.substring(5));
            }
            if (o != null) {
                given.add(o.longestName());
            }
        }
        if (name == null) {
            return args;
        }
        Recipe recipe;
        try {
            recipe = parse(name);
        } catch (IllegalArgumentException e) {
            return args;
        }
        List<String> out = new ArrayList<>(Arrays.asList(args).subList(0, sub + 1));
        List<String> extra = recipe.arguments(args[sub]);
        for (int i = 0; i < extra.size(); i += 2) {
            OptionSpec o = spec.findOption(extra.get(i));
            if (o == null) {
                throw new IllegalStateException("recipe " + recipe.id + " sets " + extra.get(i) + ", which rnnlab " + args[sub]
                        + " does not have");
            }
            String value = extra.get(i + 1);
            String key = "--set".equals(extra.get(i)) ? value.substring(0, value.indexOf('=')) : null;
            boolean sweep = "train".equals(args[sub]) && given.contains("--find-lr")
                    && TrainCommand.TRAINING_ONLY.contains(o.longestName()); // a --find-lr sweep chooses the rate itself
            boolean tune = "compare".equals(args[sub]) && given.contains("--tune")
                    && (CompareCommand.TUNED.contains(o.longestName()) // the tuner chooses these, and scores on validation data
                    || "validationFraction".equals(key));
            // a recipe's learning rate was chosen for Adam: with plain gradient steps the updater's own default applies
            // (BudgetOptions.sayDefaultRate says so; a user's --updater nesterovs --recipe small trained at 0.01 unsaid)
            boolean plainSteps = "--lr".equals(o.longestName()) && plainGradient(updater);
            boolean overridden = sweep || tune || plainSteps || (key != null
                    // a validation file of the user's replaces the recipe's carving of a validation split; a dataset
                    // without the setting (generated data sized by trainSize, validationSize, ...) does without it
                    ? setKeys.contains(key) || (key.equals("validationFraction") && given.contains("--validation"))
                            || !Datasets.settings(dataset).contains(key)
                    : given.contains(o.longestName()));
            if (!overridden) {
                out.add(extra.get(i));
                out.add(extra.get(i + 1));
            }
        }
        out.addAll(Arrays.asList(args).subList(sub + 1, args.length));
        return out.toArray(String[]::new);
    }

    /** Whether {@code updater} (as given to --updater, any case) takes plain gradient steps: sgd or nesterovs. */
    static boolean plainGradient(String updater) {
        return updater != null && Set.of("sgd", "nesterovs").contains(updater.strip().toLowerCase(Locale.ROOT));
    }

    /** The learning rate the recipe sets (chosen for Adam), or null when it sets none. */
    String learningRate() {
        return shared.get("--lr");
    }

    @Override
    public String toString() {
        return id.toUpperCase(Locale.ROOT);
    }
}
