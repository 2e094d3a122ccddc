package org.rnnlab.evaluation.compare;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.rnnlab.training.EpochSelection;
import org.rnnlab.evaluation.metrics.Metric;

/**
 * How to get the model of a comparison's best configuration: compare keeps no model, and {@code train} with the
 * comparison's data and model options and the run's cell, clip and seed trains the same run again (the same test
 * scores; verified on agreement for gru and rnn clip=l2:1.0), except under a {@code --time-budget}, whose stop depends on
 * the machine's speed and load (said with the hint). A user's try found no word of it.
 */
public final class TrainAgain {

    private TrainAgain() {
    }

    /**
     * The best configuration's best run and the {@code train} options that repeat it, as {@code results.json} ({@code best})
     * and {@code compare --json} carry them (a trial's {@code --json} dropped what the table printed), with how far the data
     * separate it from the others (a trial's comparison named a "best" where six configurations tied at 1.0, picked by the
     * order of {@code --cells}, and another where no difference was reliable).
     *
     * <p>When every run has validation data the configuration is chosen by its mean validation score at the kept epochs
     * ({@code chosenBy} {@code "validation accuracy"} or {@code "validation macro-F1"}, what the epochs were kept by), and its
     * test scores are an unbiased estimate; only without validation data is it chosen by its mean test macro-F1
     * ({@code chosenBy} {@code "test macro-F1"}), and its test scores are then optimistic (a user's trial found the pick made on
     * the test data with validation data at hand).
     *
     * @param configuration the chosen configuration
     * @param meanMacroF1   its mean test macro-F1
     * @param seed          its run of the highest score of the same kind (validation where chosen on validation, else test;
     *                      with --cv the seed of the highest mean over its folds)
     * @param accuracy      that run's test accuracy (with --cv the mean over the seed's folds)
     * @param macroF1       that run's test macro-F1 (the same)
     * @param trainOptions  the options to add to {@code train --config} of the comparison's config.json: {@code --cell C --clip X
     *                      --seed N}; of a tuned comparison {@code --cell C --seed N} and the chosen settings exactly ({@code --lr
     *                      0.007364120982 --hidden 64 ...}, {@link org.rnnlab.evaluation.tune.Trial#trainOptions})
     * @param note          what else {@code train} needs, and how far the test scores are to be trusted
     * @param tiedWith      the other configurations of the same mean score the choice was made by (to 1e-9), in the table's
     *                      order; the pick among them is only that order
     * @param runnerUp      the configuration of the next highest mean score (the first tied one when there are ties),
     *                      or null with one configuration
     * @param versusRunnerUp the paired difference of test macro-F1, best minus runner-up ({@link PairedDifference}), or null
     * @param chosenBy      what the choice was made by: {@code validation accuracy}, {@code validation macro-F1} (or another
     *                      {@link org.rnnlab.training.EpochSelection}: {@code validation log-loss}, the lowest mean chosen) or
     *                      {@code test macro-F1}
     * @param meanValidation the chosen configuration's mean validation score of {@code chosenBy}, or null when chosen on test
     * @param runnerUpValidation the runner-up's mean validation score of {@code chosenBy}, or null when chosen on test or
     *                      without a runner-up
     * @param seedsTied     the configuration's seeds whose score equals the chosen seed's, itself included (1: no tie)
     * @param seeds         the configuration's seeds
     */
    public record Best(String configuration, double meanMacroF1, long seed, double accuracy, double macroF1, List<String> trainOptions,
                       String note, List<String> tiedWith, String runnerUp, PairedDifference versusRunnerUp, String chosenBy,
                       Double meanValidation, Double runnerUpValidation, int seedsTied, int seeds) {
        /** What the choice is made by without validation data. */
        public static final String ON_TEST = "test macro-F1";

        public Best {
            trainOptions = List.copyOf(trainOptions);
            tiedWith = List.copyOf(tiedWith);
        }

        /** Whether the configuration was chosen on the test data (no validation data): its test scores are optimistic. */
        public boolean chosenOnTest() {
            return meanValidation == null;
        }

        /**
         * How the data separate the best from the rest, in words: tied, reliably better than the runner-up, not reliably
         * better, or too few paired runs for a verdict; empty with one configuration.
         */
        public String standing() {
            return standing("macro-F1");
        }

        /**
         * {@link #standing()} naming the macro-F1 compared {@code f1Name}: {@link PresentOrPredicted#label}, scikit-learn's
         * where a run predicted a class its test data hold none of (then it differs from the table's macro-F1).
         */
        public String standing(String f1Name) {
            return standing(f1Name, versusRunnerUp == null ? null : versusRunnerUp.nText());
        }

        /**
         * {@link #standing(String)} with the pairs printed as {@code pairs} ({@link ComparisonCaveats#pairsText}: {@code n=6
         * seed pairs on the same 146 test sequences}); {@link PairedDifference#nText} when null.
         */
        public String standing(String f1Name, String pairs) {
            if (!tiedWith.isEmpty()) {
                return "tied with " + String.join(", ", tiedWith) + " (the same mean " + (chosenOnTest() ? f1Name : chosenBy)
                        + "): the pick among them is only the order of the configurations, not the data";
            }
            if (runnerUp == null || versusRunnerUp == null) {
                return "";
            }
            PairedDifference d = versusRunnerUp;
            String numbers = String.format(Locale.ROOT, "paired %s%s difference %s%s, %s, p=%.3f",
                    chosenOnTest() ? "" : "test ", f1Name, d.meanText(), d.hasInterval() ? " " + d.intervalText() : "",
                    pairs == null ? d.nText() : pairs, d.pValue());
            // "the runner-up lstm", or "lstm, the runner-up by validation macro-F1": a trial read "not reliably better than
            // the runner-up by validation macro-F1 lstm on the test data" as garbled
            String rival = chosenOnTest() ? "the runner-up " + runnerUp : runnerUp + ", the runner-up by " + chosenBy;
            if (d.pairs() < PairedDifference.MIN_PAIRS) {
                return d.byFold()
                        ? "no verdict against " + rival + " (" + numbers + "): " + d.pairs() + " folds, a verdict needs "
                                + PairedDifference.MIN_PAIRS + " (more --cv folds; more seeds do not add pairs)"
                        : "no verdict against " + rival + " (" + numbers + "): " + d.pairs() + " paired runs, a verdict "
                                + "needs " + PairedDifference.MIN_PAIRS + " (more --seeds)";
            }
            if (d.reliable() && d.meanDifference() < 0) {
                return chosenOnTest()
                        // a stopped comparison: the best's mean holds runs the runner-up lacks
                        ? "reliably worse" + d.uncorrectedWords() + " than the runner-up " + runnerUp + " on the runs both have (" + numbers + "): its higher mean "
                                + "comes from runs the runner-up lacks"
                        : "reliably worse" + d.uncorrectedWords() + " on the test data than " + rival + " (" + numbers + "): the "
                                + "validation data and the test data disagree";
            }
            if (!d.reliable() && d.meanDifference() < 0) {
                // a trial read "not reliably better on the test data than bigru" for a pick 0.0946 lower there
                return chosenOnTest()
                        ? "lower than the runner-up " + runnerUp + " on the runs both have (" + numbers + "), though not reliably: "
                                + "its higher mean comes from runs the runner-up lacks"
                        : "lower on the test data than " + rival + " (" + numbers + "), though not reliably" + smallLead();
            }
            // a "reliably" Holm's correction over the comparison's pairs does not keep is said uncorrected (trial 79j F1)
            return (d.reliable() ? "reliably better" + d.uncorrectedWords() : "not reliably better") + (chosenOnTest() ? "" : " on the test data")
                    + " than " + rival + " (" + numbers + ")" + (d.reliable() ? "" : ": the data do not separate them" + smallLead());
        }

        /** Below this lead in mean validation score over the runner-up, the standing says how small the lead was. */
        public static final double SMALL_LEAD = 0.01;

        /** {@code ; chosen by a validation macro-F1 lead of only +0.0021} when the lead is below {@link #SMALL_LEAD}, else "". */
        private String smallLead() {
            if (chosenOnTest() || runnerUpValidation == null) {
                return "";
            }
            // a log-loss leads by being lower: the lead is the runner-up's minus the best's
            double lead = chosenBy.endsWith(org.rnnlab.training.EpochSelection.LOG_LOSS.label())
                    ? runnerUpValidation - meanValidation : meanValidation - runnerUpValidation;
            if (lead >= SMALL_LEAD) {
                return "";
            }
            return String.format(Locale.ROOT, "; chosen by a %s lead of only %+.4f", chosenBy, lead);
        }
    }

    /**
     * The configuration chosen by its mean validation score at the kept epochs when every run has validation data (by what
     * the epochs were kept by, {@link org.rnnlab.training.TrainingConfig#selection}), else by its mean test macro-F1 (which,
     * unlike accuracy, a majority class does not carry), and its best seed by the same kind of score (the mean over its folds
     * with --cv). A tuned comparison's best carries its tuned settings exactly ({@link org.rnnlab.evaluation.tune.Trial#trainOptions});
     * a cross-validated one's {@code train} trains the configuration on the dataset's own split, not a fold. Empty with
     * bands (each run trains on one band), for a tuned comparison without its tuning, and without runs.
     */
    public static Optional<Best> best(ComparisonResult result) {
        ComparisonConfig c = result.config();
        boolean tuned = c.tuning() != null || result.tuning() != null;
        if (c.bands() != null || (tuned && result.tuning() == null) || result.aggregates().isEmpty()) {
            return Optional.empty();
        }
        boolean folds = c.crossValidation() != null;
        EpochSelection selection = c.training().selection();
        boolean validated = result.aggregates().stream().allMatch(a -> a.validation(selection) != null);
        // higher is better for both: a log-loss is turned (EpochSelection.oriented), so the best is the lowest
        // on test data the macro-F1 compared is scikit-learn's, as the paired test against the runner-up and the baseline
        // verdicts compare it (PresentOrPredicted; equal to rnnlab's unless a run predicted a class its test data hold none of)
        ToDoubleFunction<Aggregate> score = validated ? a -> selection.oriented(a.validation(selection).mean())
                : a -> PresentOrPredicted.judged(result, a.configuration());
        ToDoubleFunction<RunResult> runScore = validated ? r -> selection.oriented(r.keptValidation(selection))
                : PresentOrPredicted::of;
        Aggregate best = result.aggregates().stream().max(Comparator.comparingDouble(score)).orElseThrow();
        // the seed of the highest score, over its folds with --cv (ties: the first seed)
        java.util.Map<Long, List<RunResult>> bySeed = new java.util.LinkedHashMap<>();
        result.runsOf(best.configuration()).forEach(r -> bySeed.computeIfAbsent(r.seed(), k -> new java.util.ArrayList<>()).add(r));
        Optional<List<RunResult>> run = bySeed.values().stream().reduce((a, b) -> mean(b, runScore) > mean(a, runScore) ? b : a);
        double seedTop = run.map(x -> mean(x, runScore)).orElse(Double.NaN);
        int seedsTied = (int) bySeed.values().stream().filter(x -> Math.abs(mean(x, runScore) - seedTop) <= 1e-9).count();
        double top = score.applyAsDouble(best);
        List<String> tied = result.aggregates().stream().filter(a -> a != best && Math.abs(score.applyAsDouble(a) - top) <= 1e-9)
                .map(Aggregate::configuration).toList();
        Optional<Aggregate> second = tied.isEmpty()
                ? result.aggregates().stream().filter(a -> a != best).max(Comparator.comparingDouble(score))
                : result.aggregates().stream().filter(a -> a.configuration().equals(tied.get(0))).findFirst();
        PairedDifference versus = second.map(s -> PairedDifference.of(best.configuration(), result.runsOf(best.configuration()),
                s.configuration(), result.runsOf(s.configuration()), Metric.MACRO_F1)).filter(d -> d.pairs() > 0)
                .map(d -> d.withHolm(holm(result, d))).orElse(null);
        String chosenBy = validated ? "validation " + selection.label() : Best.ON_TEST;
        // tuned with --cv: the tuning chose the settings on examples that the folds' test parts also hold
        // (ComparisonCaveats.tuningSawFoldTestData), so the folds' test scores are no unbiased estimate
        boolean tuningSawTests = ComparisonCaveats.tuningSawFoldTestData(result).isPresent();
        String trust = !validated ? OPTIMISTIC
                : tuningSawTests ? "the configuration and its seed chosen by " + chosenBy + ", but the tuning chose its settings on "
                        + "examples the folds' test parts also hold, so the test scores are optimistic"
                : "the configuration and its seed chosen by " + chosenBy + ", so the test scores are an unbiased estimate";
        return run.map(runs -> {
            RunResult r = runs.get(0);
            List<String> options = new java.util.ArrayList<>(List.of("--cell", r.architecture()));
            if (tuned) {
                options.addAll(List.of("--seed", Long.toString(r.seed())));
                options.addAll(chosen(result, r.architecture()).trainOptions());
            } else {
                options.addAll(List.of("--clip", r.clip(), "--seed", Long.toString(r.seed())));
                List<Integer> sizes = result.hiddenSizes().get(r.configuration());
                if (c.depths().size() > 1 && sizes != null) { // the depth of the run among the comparison's --layers
                    options.addAll(List.of("--layers", Integer.toString(sizes.size())));
                }
            }
            String note = folds
                    ? "rnnlab train --config with this comparison's config.json and these options trains this configuration with this "
                            + "seed on the dataset's own training split and saves the model: not a fold's run, so not with the "
                            + "folds' test scores (their mean is the estimate); " + trust
                    : timeBudget(c, r).map(w -> "rnnlab train --config with this comparison's config.json and these options trains "
                            + "this run again and saves the model (as does train with the comparison's data and model options and "
                            + "these), but not surely with the same test scores: " + w + "; " + trust).orElse(
                    "rnnlab train --config with this comparison's config.json and these options trains this run again, with the "
                            + "same test scores, and saves the model (as does train with the comparison's data and model options and "
                            + "these); " + trust);
            return new Best(best.configuration(), best.mean(Metric.MACRO_F1), r.seed(), mean(runs, x -> x.test().metric(Metric.ACCURACY)),
                    mean(runs, x -> x.test().metric(Metric.MACRO_F1)), options, note, tied, second.map(Aggregate::configuration).orElse(null),
                    versus, chosenBy, validated ? best.validation(selection).mean() : null,
                    validated ? second.map(a -> a.validation(selection).mean()).orElse(null) : null, seedsTied, bySeed.size());
        });
    }

    /**
     * The Holm-adjusted p of {@code d}'s pair among every macro-F1 pair of the comparison (the family the rows correct over),
     * or null where the pair has no verdict: the best line said "reliably better" at p = 0.031 where the correction over 3
     * pairs gave 0.094 (trial 79j F1).
     */
    private static Double holm(ComparisonResult result, PairedDifference d) {
        return PairedDifference.all(result, Metric.MACRO_F1).stream()
                .filter(x -> x.a().equals(d.a()) && x.b().equals(d.b()) || x.a().equals(d.b()) && x.b().equals(d.a()))
                .map(PairedDifference::pHolm).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static double mean(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** The trial the tuning chose for an architecture. */
    private static org.rnnlab.evaluation.tune.Trial chosen(ComparisonResult result, String architecture) {
        return result.tuning().architectures().stream().filter(t -> t.architecture().equals(architecture)).findFirst().orElseThrow()
                .chosen();
    }

    /** What the pick made without validation data means for its scores. */
    static final String OPTIMISTIC = "chosen on the test data: with no validation data the configuration itself and its seed were "
            + "picked by their test macro-F1, so the test scores are optimistic (give validation data for an unbiased estimate)";

    /**
     * The hint for {@link #best}, e.g. {@code gru (chosen by mean validation macro-F1 0.6400; mean test macro-F1 0.6198, an
     * unbiased estimate): rnnlab train --config runs/x/config.json --cell gru --clip none --seed 2 trains its run of seed 2
     * again ...}; empty when there is no best run to repeat.
     *
     * @param config the comparison's config.json as a shell word (quoted where needed), or null to name it in words
     */
    /** How the best line's train command becomes a final fit on all the labelled data. */
    static final String FINAL_FIT_SPLIT = "; adding --set split=none --set testFraction=0 fits it without a test split instead "
            + "(a final model, no test scores, the split column's rows pooled and a validation split carved from them; with "
            + "--set validationFraction=0 too, on every labelled sequence)";
    static final String FINAL_FIT = "; adding --set testFraction=0 fits it without a test split instead (a final model, no "
            + "test scores; with --set validationFraction=0 too, on every labelled sequence)";

    /**
     * {@link #FINAL_FIT} for a comparison of users' CSV or text data whose test sequences were carved by a testFraction (its
     * data provenance records the fraction; a test file records none), else nothing: train refuses a final
     * fit of other data.
     */
    static String finalFit(ComparisonResult result) {
        if (result.data() == null || !java.util.Set.of("csv", "text").contains(result.dataset())) {
            return "";
        }
        String schema = result.data().parameters().getOrDefault("schema", "");
        if (schema.contains(", split=") && !schema.contains(", split=null,")) {
            // a split column gives the test rows: testFraction does not apply there, and train refused the advice (a trial)
            return FINAL_FIT_SPLIT;
        }
        String fraction = result.data().parameters().get("testFraction");
        try {
            return fraction != null && Double.parseDouble(fraction) > 0 ? FINAL_FIT : "";
        } catch (NumberFormatException e) {
            return ""; // "(test file TEST.csv)"
        }
    }

    public static Optional<String> hint(ComparisonResult result, String config) {
        return hint(result, config, List.of());
    }

    /**
     * Parts of the data warnings that say the test data hold training data (copies, overlapping windows, a split column set
     * aside by --cv without groups, groups shared by the training and test files): with any, the test scores are optimistic, not an unbiased estimate (a trial
     * read "an unbiased estimate" beside a warning of 25 test sequences that were in training).
     */
    static final List<String> LEAKS = List.of("copies of training sequences", "share stretches of", "also in the training data",
            // a test file pooled into --cv's folds is no leak: each fold's test part is held out of its training (a
            // trial's folds by speaker were called optimistic); a split column set aside without groups is (overlapping
            // windows fall into different folds)
            "sets aside the split column", "test texts also occur in the training file",
            "test texts carved from it also occur in the training split");

    /**
     * The data warning of groups of the group column that have sequences in the training file and in the test file: the
     * test scores are optimistic for groups the model has not seen, but the test data hold no training sequence (two trials,
     * pumps of one name in two plants and students in two semesters, read "the test data hold training data" of it).
     */
    static final String SHARED_GROUPS = "have sequences in the training file and in the test data";

    /**
     * What a result line says of test scores when {@link #SHARED_GROUPS} is among the data warnings (and no leak is); of a
     * test part that starts after all training ({@code CsvSequenceDataset.TIME_ORDERED}), that the scores are for the same
     * groups at later times:
     * {@code optimistic for new groups: 6 of the 8 training groups of group column machine_id also have test sequences (a data
     * warning)}; empty when no such warning.
     */
    public static Optional<String> sharedGroupsWords(List<String> dataWarnings) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(\\d+) of the (\\d+) groups of group column (.+?) "
                + java.util.regex.Pattern.quote(SHARED_GROUPS));
        for (String w : dataWarnings) {
            java.util.regex.Matcher m = p.matcher(w);
            if (m.find() && w.contains(org.rnnlab.datasets.csv.CsvSequenceDataset.TIME_ORDERED)) {
                // a split by time of a fixed universe (a quant's 40 instruments, later dates): the design, not optimism
                return Optional.of(String.format(Locale.ROOT, "for the same groups at later times: %s groups of group column %s have training "
                        + "and test sequences, every test sequence after every training one (%s; not a score for new groups)",
                        m.group(1), m.group(3), org.rnnlab.datasets.csv.CsvSequenceDataset.TIME_ORDERED));
            }
            if (m.find(0)) {
                return Optional.of(String.format(Locale.ROOT, "optimistic for new groups: %s of the %s training groups of group column %s "
                        + "also have test sequences (a data warning; no test sequence is a training one)", m.group(1), m.group(2), m.group(3)));
            }
        }
        return Optional.empty();
    }

    /**
     * The columns that data warnings name as holding one value per sequence shared by training and test (a speaker, a
     * subject: {@code GroupLikeColumns}), in order: the test scores are optimistic if such a column names who or what a
     * sequence comes from, which rnnlab cannot know (a trial read "an unbiased estimate" beside "the speakers are shared,
     * so their scores are optimistic"; a review: a per-sequence setting such as a gain is such a column too, so the words
     * are conditional, not a leak).
     */
    public static List<String> sharedGroupLikeColumns(List<String> dataWarnings) {
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("column ('[^']*'|#\\d+)( \\(a feature\\))? holds one value per "
                + "sequence, shared by several sequences");
        List<String> columns = new java.util.ArrayList<>();
        for (String w : dataWarnings) {
            java.util.regex.Matcher m = named.matcher(w);
            if (w.contains(org.rnnlab.datasets.csv.GroupLikeColumns.TEST_SHARES) && m.find() && !columns.contains(m.group(1))) {
                columns.add(m.group(1));
            }
        }
        return columns;
    }

    /**
     * What a result line says of test scores when a data warning says a carve at random of sequences spanning months tests
     * on dates before training ones ({@code CsvSequenceDataset.RANDOM_CARVE_OF_DATES}): {@code tested on dates among the
     * training ones (546 days carved at random, a data warning): optimistic for later dates}; empty without one. A parcel
     * carrier's trial read a test accuracy of 0.9748 on 18 months carved at random without a word beside it.
     */
    public static Optional<String> randomCarveWords(List<String> dataWarnings) {
        java.util.regex.Pattern days = java.util.regex.Pattern.compile("(\\d+) days, and the (?:validation and )?test sequences are carved at random");
        for (String w : dataWarnings) {
            if (w.contains(org.rnnlab.datasets.csv.CsvSequenceDataset.RANDOM_CARVE_OF_DATES)) {
                java.util.regex.Matcher m = days.matcher(w);
                // carved by group: new groups, fair for them over the same period (TimeOrder.warnRandomGroupCarve)
                return Optional.of("tested on dates among the training ones (" + (m.find() ? m.group(1) + " days " : "dates ")
                        + (w.contains("carved at random by group column") ? "of new groups carved at random" : "carved at random")
                        + ", a data warning): optimistic for later dates");
            }
        }
        return Optional.empty();
    }

    /** What a result line says of test scores when {@link #sharedGroupLikeColumns} names columns; "" when none. */
    public static String groupLikeWords(List<String> columns) {
        return columns.isEmpty() ? "" : "optimistic if " + String.join(" or ", columns) + " names who or what a sequence comes "
                + "from (a data warning: the test data share its values with training)";
    }

    /**
     * A data warning that the test split comes from few groups, as the dataset checks word it: group 1 the count of groups,
     * group 2 the group column (what train's interval line and {@link #absentClasses} say of it). Both wordings: "3 group(s)
     * of hive: its scores" and a carve's ({@link org.rnnlab.datasets.GroupCarve}) "2 groups of team ('team2' 30, 'team6'
     * 30): its scores", which a text run's warning has (its interval line went without the caveat).
     */
    public static final java.util.regex.Pattern FEW_TEST_GROUPS =
            java.util.regex.Pattern.compile("come from only (\\d+) group(?:\\(s\\)|s) of (.+?)(?: \\(.*\\))?: its scores");

    /**
     * The classes without a test sequence, as a data warning names them ({@code no test sequence of class(es) 'a', 'b'}),
     * said after "an unbiased estimate": of the classes the test data hold only (a trial's macro-F1 over 4 of 6 classes was
     * called unbiased without a word); "" when every class has test sequences.
     */
    static String absentClasses(List<String> dataWarnings) {
        java.util.regex.Pattern absent = java.util.regex.Pattern.compile("no test sequence of class\\(es\\) (.*?): the test scores");
        String out = "";
        for (String w : dataWarnings) {
            java.util.regex.Matcher m = absent.matcher(w);
            if (m.find()) {
                out += " over the classes the test data hold (none of " + m.group(1) + ")";
            }
            // unbiased, but of few groups (a trial's 2 homes were called an unbiased estimate beside the warning of too few)
            java.util.regex.Matcher g = FEW_TEST_GROUPS.matcher(w);
            if (g.find()) {
                out += " of only " + g.group(1) + " group(s) of " + g.group(2) + ", which it moves with";
            }
        }
        return out;
    }

    /** What the best line and train's result line say of test scores that a data warning calls optimistic. */
    public static final String LEAK_WORDS = "optimistic: the data warnings say the test data hold training data";

    /**
     * The data warning's words for a feature whose value alone gives the label ({@code CsvSequenceDataset}'s check of
     * features constant within sequences, and {@code LabelSentinels}' of a value filling one label's sequences only); the
     * group is the bare name between the quotes, up to the quote before the words (a name may hold a quote itself).
     */
    static final java.util.regex.Pattern LABEL_LEAK = java.util.regex.Pattern.compile(
            "feature '(.*?)' (?:is constant within each training sequence, and its value alone gives the label|fills whole "
                    + "sequences of one label only, which gives the label)");

    /**
     * The features that data warnings say give the label by their value alone ({@link #LABEL_LEAK}), bare names as in the
     * header, in order: the test scores rest on them (a trial's 0.9898 up/down accuracy from the next hour's sign as a feature,
     * warned of at load time, was printed without a word beside it and results.json said nothing). Bare, so that a script's
     * {@code "fwd_up" in labelLeak} holds (a review: results.json stored {@code "'fwd_up'"}); {@link #leakWords} quotes them.
     */
    public static List<String> labelLeakFeatures(List<String> dataWarnings) {
        List<String> features = new java.util.ArrayList<>();
        for (String w : dataWarnings) {
            java.util.regex.Matcher m = LABEL_LEAK.matcher(w);
            if (m.find() && !features.contains(m.group(1))) {
                features.add(m.group(1));
            }
        }
        return features;
    }

    /**
     * What a result line says of test scores that a data warning calls optimistic: {@link #LEAK_WORDS} when the test data
     * hold training data, {@code optimistic: a data warning says feature 'fwd_up' gives the label} when features give the
     * label ({@link #labelLeakFeatures}), both joined when both; empty when neither.
     */
    public static Optional<String> leakWords(boolean testHoldsTrainingData, List<String> labelLeak) {
        List<String> quoted = labelLeak.stream().map(f -> "'" + f + "'").toList();
        String label = quoted.isEmpty() ? "" : "a data warning says " + (quoted.size() == 1 ? "feature " + quoted.get(0)
                + " gives" : "features " + String.join(", ", quoted) + " give") + " the label";
        if (testHoldsTrainingData) {
            return Optional.of(LEAK_WORDS + (label.isEmpty() ? "" : "; " + label));
        }
        return label.isEmpty() ? Optional.empty() : Optional.of("optimistic: " + label);
    }

    /**
     * What the best line adds when the chosen configuration scores no higher than always predicting the majority class, in
     * mean test accuracy and macro-F1 alike (as printed, 4 decimals): its model would have learned nothing the scores show (a
     * trial's best line offered to keep such a model without a word); or when what it scores above the baseline is above it
     * by no more than the sd over its runs ({@link #level}); else nothing. With a class predicted but absent from a run's test
     * data the macro-F1 judged is the lower, scikit-learn one ({@link PresentOrPredicted}), and said so.
     */
    static String noBetterThanBaseline(ComparisonResult result, Best b) {
        MajorityBaseline base = result.baseline();
        Aggregate a = result.aggregates().stream().filter(x -> x.configuration().equals(b.configuration())).findFirst().orElse(null);
        if (base == null || a == null) {
            return "";
        }
        double accuracy = a.mean(Metric.ACCURACY);
        Double withPredicted = PresentOrPredicted.mean(result, a.configuration());
        String f1 = MajorityBaseline.f1Words(a.mean(Metric.MACRO_F1), withPredicted);
        if (above(result, a, base)) {
            return level(result, a, base);
        }
        List<String> better = result.aggregates().stream().filter(x -> above(result, x, base)).map(Aggregate::configuration).toList();
        return String.format(Locale.ROOT, "; but %s scored above always predicting the majority class (%s mean test accuracy %.4f "
                + "and macro-F1 %s against the baseline's %.4f and %.4f): its model would have learned nothing these scores show%s",
                better.isEmpty() ? "no configuration" : "this configuration", better.isEmpty() ? "best" : "its", accuracy, f1,
                base.accuracy(), base.macroF1(), better.isEmpty() ? "" : " (" + String.join(", ", better) + " did, on the test data)");
    }

    /**
     * What the best line adds when the chosen configuration's mean test scores that are above the baseline's are above it by
     * no more than their sd over its runs, e.g. {@code ; but level with always predicting the majority class: its mean test
     * macro-F1 0.2480 is above the baseline's 0.2438 by less than its sd over runs (0.0359, 4 runs), and its mean test accuracy
     * 0.4537 not above the baseline's 0.9547: the estimate does not show it beats always 'normal'} (a trial's 4-fold comparison
     * by turbine called such a mean "an unbiased estimate" without a word); "" when one score is above by more, or with one run
     * (no sd).
     */
    static String level(ComparisonResult result, Aggregate a, MajorityBaseline base) {
        double accuracy = a.mean(Metric.ACCURACY);
        Double withPredicted = PresentOrPredicted.mean(result, a.configuration());
        double f1 = judgedMacroF1(result, a);
        Double accuracySd = a.metrics().get(Metric.ACCURACY).sd();
        // the sd of the figure judged: the scikit-learn one's where a run predicted a class absent from its test data
        Double f1Sd = withPredicted == null ? a.metrics().get(Metric.MACRO_F1).sd()
                : Aggregate.Stats.of(result.runsOf(a.configuration()).stream().mapToDouble(PresentOrPredicted::of).toArray()).sd();
        boolean accuracyAbove = Math.round(accuracy * 1e4) > Math.round(base.accuracy() * 1e4);
        boolean f1Above = Math.round(f1 * 1e4) > Math.round(base.macroF1() * 1e4);
        if (accuracyAbove && (accuracySd == null || accuracy - base.accuracy() > accuracySd)
                || f1Above && (f1Sd == null || f1 - base.macroF1() > f1Sd)) {
            return "";
        }
        String always = "always " + String.join(" / ", base.labels().stream().map(l -> "'" + l + "'").toList());
        List<String> parts = new java.util.ArrayList<>();
        String f1Text = MajorityBaseline.f1Words(a.mean(Metric.MACRO_F1), withPredicted);
        parts.add(f1Above ? String.format(Locale.ROOT, "its mean test macro-F1 %s is above the baseline's %.4f by less than its sd over "
                + "runs (%.4f, %d runs)", f1Text, base.macroF1(), f1Sd, a.runs())
                : String.format(Locale.ROOT, "its mean test macro-F1 %s not above the baseline's %.4f", f1Text, base.macroF1()));
        parts.add(accuracyAbove ? String.format(Locale.ROOT, "its mean test accuracy %.4f is above the baseline's %.4f by less than its "
                + "sd over runs (%.4f, %d runs)", accuracy, base.accuracy(), accuracySd, a.runs())
                : String.format(Locale.ROOT, "its mean test accuracy %.4f not above the baseline's %.4f", accuracy, base.accuracy()));
        return "; but level with always predicting the majority class: " + String.join(", and ", parts)
                + ": the estimate does not show it beats " + always;
    }

    /**
     * What qualifies the best's reliable verdict against the runner-up when either was still improving at the end of the budget
     * ({@link TrainingLengths#unfinishedWords}): {@code  (lstm still improving at its last epoch in 4 of 6 runs: the difference
     * may be the budget's)}; else "".
     */
    static String unfinished(ComparisonResult result, Best b) {
        if (!b.tiedWith().isEmpty() || b.versusRunnerUp() == null) {
            return "";
        }
        return TrainingLengths.unfinishedWords(result, b.versusRunnerUp()).map(w -> " (" + w + ")").orElse("");
    }

    /** A configuration's mean test macro-F1 as the baseline verdicts judge it: the lower, scikit-learn one where they differ. */
    private static double judgedMacroF1(ComparisonResult result, Aggregate a) {
        return PresentOrPredicted.judged(result, a.configuration()); // never above rnnlab's: the lower of the two
    }

    /**
     * Whether a configuration's mean test accuracy or macro-F1 is above the baseline's, as printed (4 decimals); the macro-F1
     * the lower, scikit-learn one where a run predicted a class absent from its test data.
     */
    private static boolean above(ComparisonResult result, Aggregate a, MajorityBaseline base) {
        return Math.round(a.mean(Metric.ACCURACY) * 1e4) > Math.round(base.accuracy() * 1e4)
                || Math.round(judgedMacroF1(result, a) * 1e4) > Math.round(base.macroF1() * 1e4);
    }

    /**
     * What the best line adds after the chosen seed's test macro-F1 (over the classes present) when a run of that seed
     * predicted a class its test data hold none of: {@code , 0.3333 as scikit-learn computes it}, the figure the seed was
     * chosen by on test data and the comparisons use ({@link PresentOrPredicted}); else "".
     */
    static String seedPresentOrPredicted(ComparisonResult result, Best b) {
        List<RunResult> runs = result.runsOf(b.configuration()).stream().filter(r -> r.seed() == b.seed()).toList();
        if (!PresentOrPredicted.any(runs)) {
            return "";
        }
        return String.format(Locale.ROOT, ", %.4f as scikit-learn computes it (classes present or predicted)",
                PresentOrPredicted.judged(runs));
    }

    /**
     * What the best line adds after the chosen configuration's mean test macro-F1 when some run of it predicted a class its
     * test data hold none of: {@code  (mean macro-F1 0.2548 counting the class(es) predicted here but absent, ...)}, in
     * {@code evaluate}'s words ({@link PresentOrPredicted}); else "".
     */
    static String presentOrPredictedPart(ComparisonResult result, Best b) {
        Double withPredicted = PresentOrPredicted.mean(result, b.configuration());
        return withPredicted == null ? "" : " (mean " + org.rnnlab.evaluation.metrics.EvaluationResult.presentOrPredictedWords(
                withPredicted) + ")";
    }

    /**
     * Whether a data warning says the test data hold training data ({@link #LEAKS}); one that names validation sequences
     * and no test sequence does not (a review: a validation leak was called a test leak).
     */
    public static boolean testHoldsTrainingData(List<String> dataWarnings) {
        return dataWarnings.stream().filter(w -> !(w.contains(" validation sequence") && !w.contains(" test sequence")))
                .filter(w -> !w.contains(org.rnnlab.datasets.csv.SplitOverlap.FEW_COPIES)) // a share too small to move the scores
                .anyMatch(w -> LEAKS.stream().anyMatch(w::contains));
    }

    /** {@link #hint(ComparisonResult, String)}, with the data warnings it qualifies its claim of the test scores by. */
    public static Optional<String> hint(ComparisonResult result, String config, List<String> dataWarnings) {
        // --cv by group deals each group to one fold: groups the given files shared are no leak of its estimate (a review)
        boolean byGroup = result.config().crossValidation() != null && result.config().crossValidation().group() != null;
        Optional<String> leak = leakWords(testHoldsTrainingData(dataWarnings), labelLeakFeatures(dataWarnings));
        String groupLike = byGroup ? groupLikeWords(sharedGroupLikeColumns(dataWarnings))
                : sharedGroupsWords(dataWarnings).orElse(groupLikeWords(sharedGroupLikeColumns(dataWarnings)));
        // random folds or a random carve of dates spanning months: scores of the past the model trained around (a trial)
        Optional<String> carved = randomCarveWords(dataWarnings);
        String where = config == null ? "RUN/config.json" : config;
        return best(result).map(b -> {
            Optional<String> budget = result.runsOf(b.configuration()).stream().filter(r -> r.seed() == b.seed()).findFirst()
                    .flatMap(r -> timeBudget(result.config(), r));
            String f1Name = PresentOrPredicted.label(result);
            // the pairs with the test sequences they rest on (trial 81c F8)
            String pairs = b.versusRunnerUp() == null ? null : ComparisonCaveats.pairsText(result, b.versusRunnerUp());
            String standingWords = b.standing(f1Name, pairs);
            String standing = (standingWords.isEmpty() ? "" : "; " + standingWords + scope(result, b) + unfinished(result, b)) + noBetterThanBaseline(result, b);
            String head = b.chosenOnTest()
                    ? String.format(Locale.ROOT, "%s (mean macro-F1 %.4f%s, %s%s)", b.configuration(), b.meanMacroF1(),
                            presentOrPredictedPart(result, b), OPTIMISTIC, standing)
                    : String.format(Locale.ROOT, "%s (chosen by mean %s %.4f; mean test macro-F1 %.4f%s%s%s, %s%s)",
                            b.configuration(), b.chosenBy(), b.meanValidation(), b.meanMacroF1(), presentOrPredictedPart(result, b),
                            foldSpread(result, b),
                            selectedTest(result, b),
                            ComparisonCaveats.tuningSawFoldTestData(result).isPresent()
                                    ? "optimistic: the tuning saw the folds' test examples"
                                    : leak.isPresent() ? leak.get() : !groupLike.isEmpty() ? groupLike
                                    : carved.isPresent() ? carved.get()
                                    : "an unbiased estimate" + absentClasses(dataWarnings), standing);
            if (result.config().crossValidation() != null) {
                return String.format(Locale.ROOT, "%s: rnnlab train --config %s %s trains this configuration with seed %d (%s; "
                                + "test accuracy %.4f, macro-F1 %.4f%s over its folds) on the dataset's own training split, not a fold, "
                                + "and saves the model%s",
                        head, where, String.join(" ", b.trainOptions()), b.seed(),
                        seedChoice(b), b.accuracy(),
                        b.macroF1(), seedPresentOrPredicted(result, b), (config == null ? " (RUN: this comparison's folder)" : "") + finalFit(result));
            }
            return String.format(Locale.ROOT, "%s: rnnlab train --config %s %s trains its "
                            + "run of seed %d (%s) again, %s (accuracy %.4f, macro-F1 %.4f%s), and saves the model%s",
                    head, where, String.join(" ", b.trainOptions()), b.seed(),
                    seedChoice(b),
                    budget.isEmpty() ? "the same test scores" : "the comparison's test scores",
                    b.accuracy(), b.macroF1(), seedPresentOrPredicted(result, b), budget.map(w -> "; but not surely with the same scores: " + w).orElse("")
                            + (config == null ? " (RUN: this comparison's folder)" : "") + finalFit(result));
        });
    }

    /**
     * The configuration's mean test score of what it was chosen by, when that is a threshold-free score ({@link
     * Metric#selected}): {@code , mean test log-loss 0.0612}, {@code , mean test average precision of 'late' 0.9880} (two
     * classes: the class the comparison fixed from its training pool, in comparisons written before it the rarer test
     * class's); else, or where a run lacks it, nothing. A parcel
     * carrier's trial chose by validation log-loss and read only a test macro-F1 beside it.
     */
    static String selectedTest(ComparisonResult result, Best b) {
        EpochSelection selection = result.config().training().selection();
        Metric metric = Metric.selected(selection);
        Aggregate a = result.aggregates().stream().filter(x -> x.configuration().equals(b.configuration())).findFirst().orElse(null);
        if (metric == null || a == null || Double.isNaN(a.mean(metric))) {
            return "";
        }
        String of = "";
        List<RunResult> runs = result.runsOf(b.configuration());
        Integer fixed = result.config().training().averagePrecisionClass();
        if (metric == Metric.AVERAGE_PRECISION && !runs.isEmpty() && runs.get(0).test().labelNames().size() == 2 && fixed != null) {
            // the class the comparison fixed from its training pool for every split and fold
            of = " of " + org.rnnlab.datasets.LabelCheck.quoted(runs.get(0).test().labelNames().get(fixed));
        } else if (metric == Metric.AVERAGE_PRECISION && !runs.isEmpty() && runs.get(0).test().labelNames().size() == 2) {
            long[][] confusion = runs.get(0).test().confusion(); // the rarer class of the test data (the second on equal counts)
            long ones = java.util.Arrays.stream(confusion[1]).sum();
            long all = ones + java.util.Arrays.stream(confusion[0]).sum();
            of = " of " + org.rnnlab.datasets.LabelCheck.quoted(runs.get(0).test().labelNames().get(ones * 2 <= all ? 1 : 0));
        }
        return String.format(Locale.ROOT, ", mean test %s%s %.4f", selection.label(), of, a.mean(metric));
    }

    /**
     * With {@code --cv}, how far the configuration's runs spread around the mean the best line calls the estimate: {@code
     * (its 5 fold runs 0.0312 to 0.8467, sd 0.2350)}; else nothing. A trial's 20 stations in 5 folds gave a mean of 0.4749
     * from folds of 0.03 to 0.85, and the line gave the mean alone.
     */
    static String foldSpread(ComparisonResult result, Best b) {
        if (result.config().crossValidation() == null) {
            return "";
        }
        double[] f1 = result.runsOf(b.configuration()).stream().mapToDouble(r -> r.test().metric(Metric.MACRO_F1))
                .filter(v -> !Double.isNaN(v)).toArray();
        if (f1.length < 2) {
            return "";
        }
        double mean = java.util.Arrays.stream(f1).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(f1).map(v -> (v - mean) * (v - mean)).sum() / (f1.length - 1));
        long seeds = result.runsOf(b.configuration()).stream().map(RunResult::seed).distinct().count();
        // with several seeds the spread is over folds and seeds together: said so (a review)
        return String.format(Locale.ROOT, " (its %d fold runs%s %.4f to %.4f, sd %.4f)", f1.length, seeds > 1
                        ? String.format(Locale.ROOT, ", %d folds x %d seeds,", result.config().crossValidation().folds(), seeds) : "",
                java.util.Arrays.stream(f1).min().orElseThrow(), java.util.Arrays.stream(f1).max().orElseThrow(), sd);
    }

    /**
     * How the seed was chosen: the best by validation (or on test), or, where seeds tie, the first of them (a trial's three
     * seeds of equal validation accuracy were called "its best seed").
     */
    static String seedChoice(Best b) {
        String by = b.chosenOnTest() ? "on the test data" : "by " + b.chosenBy();
        if (b.seedsTied() > 1) {
            return b.seedsTied() == b.seeds() ? "the first seed: all " + b.seeds() + " seeds tie " + by
                    : "the first of " + b.seedsTied() + " seeds that tie as the best " + by;
        }
        return b.chosenOnTest() ? "the best seed on the test data" : "its best seed by " + b.chosenBy();
    }

    /** A time budget in seconds as a person writes it: {@code 2 s}, {@code 0.5 s}. */
    public static String seconds(double seconds) {
        return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : org.rnnlab.core.ModelSpec.plain(seconds)) + " s";
    }

    /**
     * Why {@code train} may not repeat run {@code r} exactly when the comparison had a {@code --time-budget}: the epoch a run
     * stops after depends on the machine's speed and load (a user's train of the best run gave other scores); empty without
     * a time budget.
     */
    static Optional<String> timeBudget(ComparisonConfig config, RunResult r) {
        double seconds = config.training().timeBudgetSeconds();
        if (seconds <= 0) {
            return Optional.empty();
        }
        String budget = "--time-budget " + seconds(seconds);
        String how = "time budget".equals(r.stoppedBy())
                ? "the comparison's " + budget + " stopped this run after " + r.epochsTrained() + " epochs, and the epoch a run "
                        + "stops after depends on the machine's speed and load"
                : r.stoppedBy() != null
                ? "this run stopped by " + r.stoppedBy() + " after " + r.epochsTrained() + " epochs, within the comparison's "
                        + budget + ", which on a slower or busier machine may stop it sooner"
                : "with the comparison's " + budget + ", the epoch a run stops after depends on the machine's speed and load";
        return Optional.of(how + " (a comparison without --time-budget gives runs that train repeats exactly)");
    }

    /** {@link #hint(ComparisonResult, String)} naming the config.json in words. */
    public static Optional<String> hint(ComparisonResult result) {
        return hint(result, null);
    }


    /** A reliable standing's {@link ComparisonCaveats#verdictScope} after a space, else "" (trial 76g F1). */
    private static String scope(ComparisonResult result, Best b) {
        PairedDifference d = b.versusRunnerUp();
        return !b.tiedWith().isEmpty() || b.runnerUp() == null || d == null ? ""
                : ComparisonCaveats.verdictScope(result, d).map(s -> " " + s).orElse("");
    }
}
