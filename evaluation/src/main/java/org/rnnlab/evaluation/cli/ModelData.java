package org.rnnlab.evaluation.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.rnnlab.datasets.DatasetProvenance;
import org.rnnlab.datasets.FileChecksums;
import org.rnnlab.datasets.InMemorySequenceDataset;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.SequenceSet;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.CsvSequenceDataset;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.text.TextEncoder;
import org.rnnlab.datasets.text.Truncation;
import org.rnnlab.training.ModelCard;
import org.rnnlab.training.SequenceClassifier;
import org.rnnlab.training.TrainedLengths;

/** Reads a file or folder for a trained model with the model's data contract (evaluate and predict). */
final class ModelData {

    /**
     * Loads predict's or evaluate's {@code --model}, pinned by {@code --model-sha256} when given, and says the file's SHA-256 on
     * standard error first ({@code COMMAND: model FILE, sha256 HEX}), as serve's start line does: the hash an operator compares
     * with a registry's (trial 71f: an edited model file was used, and only serve ever showed a hash).
     */
    static org.rnnlab.training.SequenceClassifier loadModel(picocli.CommandLine cli, Path model, String expectedSha256, String command) {
        if (expectedSha256 != null) {
            try {
                org.rnnlab.training.ModelBundle.checkSha256(expectedSha256);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(cli, "--model-sha256: " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(model)) {
            return org.rnnlab.training.ModelBundle.load(model); // says what is wrong with the path
        }
        String sha = org.rnnlab.training.ModelBundle.fileSha256(model);
        PrintWriter err = cli.getErr();
        err.printf("%s: model %s, sha256 %s%s%n", command, model, sha, expectedSha256 == null ? ""
                : sha.equals(org.rnnlab.training.ModelBundle.checkSha256(expectedSha256)) ? " (as --model-sha256 expects)" : "");
        err.flush();
        return expectedSha256 == null ? org.rnnlab.training.ModelBundle.load(model)
                : org.rnnlab.training.ModelBundle.load(model, expectedSha256);
    }

    private ModelData() {
    }

    /**
     * The data of {@code input} as the model reads it.
     *
     * @param missing a missing-value policy that overrides the model's, or null
     * @param ignore  header names of columns of the input the model does not read ({@code --ignore-columns}), or empty
     */
    static NewData read(SequenceClassifier model, Path input, boolean labelRequired, NewData.TextLayout layout, MissingValues missing,
                        Character delimiter, List<String> ignore, PrintWriter err) {
        return read(model, input, labelRequired, layout, missing, List.of(), delimiter, ignore,
                org.rnnlab.datasets.csv.SequenceColumns.Request.none(), new java.util.HashMap<>(), err);
    }

    /**
     * As {@link #read(SequenceClassifier, Path, boolean, NewData.TextLayout, MissingValues, Character, List, PrintWriter)}, reading
     * the cells written as one of {@code naValues} ({@code --na-values}) as missing values beside the model's own codes, and copying
     * into {@code kept}, per sequence id, the values of the CSV columns {@code keep} ({@code predict --keep-columns},
     * {@code evaluate --baseline-column}: one value per sequence, see {@link org.rnnlab.datasets.csv.SequenceColumns}; errors
     * name the option of the request). Columns kept that the model does not read are not refused as unknown.
     */
    static NewData read(SequenceClassifier model, Path input, boolean labelRequired, NewData.TextLayout layout, MissingValues missing,
                        List<String> naValues, Character delimiter, List<String> ignore,
                        org.rnnlab.datasets.csv.SequenceColumns.Request keep, Map<String, List<String>> kept, PrintWriter err) {
        return read(model, input, labelRequired, layout, missing, naValues, delimiter, ignore, keep, kept, null, err);
    }

    /**
     * As above, each feature the unit and level-or-spread warnings name also added to {@code findings} ({@link DriftFinding},
     * {@code evaluate --json}'s {@code drift}; null: none kept).
     */
    static NewData read(SequenceClassifier model, Path input, boolean labelRequired, NewData.TextLayout layout, MissingValues missing,
                        List<String> naValues, Character delimiter, List<String> ignore,
                        org.rnnlab.datasets.csv.SequenceColumns.Request keep, Map<String, List<String>> kept,
                        List<DriftFinding> findings, PrintWriter err) {
        if (!isStream(input)) {
            return readFile(model, input, labelRequired, layout, missing, naValues, delimiter, ignore, keep, kept, findings, err);
        }
        // standard input (--input -), a pipe, FIFO or /dev/fd path: the readers take a file (read more than once), so a copy
        boolean stdin = input.toString().equals("-");
        String shown = stdin ? "standard input" : input.toString();
        Path copyDir = null;
        try {
            copyDir = Files.createTempDirectory("rnnlab-input-");
            Path copy = copyDir.resolve(model.readsText() ? "standard-input" : "standard-input.csv");
            if (stdin) {
                Files.copy(System.in, copy); // standard input stays open: it is the process's, not this command's
            } else {
                try (InputStream in = Files.newInputStream(input)) {
                    Files.copy(in, copy);
                }
            }
            // said nothing of: the copy is this command's own and deleted when it ends (messages name the input as given)
            String copyName = copy.toString();
            org.rnnlab.datasets.InputNames.alias(copy, shown); // the readers' warnings name what the user gave, not the copy
            try {
                NewData read = readFile(model, copy, labelRequired, layout, missing, naValues, delimiter, ignore, keep, kept, findings,
                        err);
                // where each sequence is (for later messages, such as an unknown label's): the input as given, not the copy
                return new NewData(read.ids(), read.values(), read.labels(), read.dropped(), shown,
                        read.where().stream().map(w -> w.replace(copyName, shown)).toList(), read.blankLines(), read.truncated(),
                        read.groups(), read.emptyFiles(), read.columns(), read.asTrained(), read.unseenCodes(),
                        read.oneHotRows(), read.encodings(), read.written(), read.emptyTexts());
            } catch (RuntimeException e) {
                // an error names the file at fault: here the copy, deleted when the command ends; say what the user gave
                String message = e.getMessage();
                if (message != null && message.contains(copyName)) {
                    throw new IllegalStateException(message.replace(copyName, shown), e);
                }
                throw e;
            } finally {
                org.rnnlab.datasets.InputNames.clear(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + shown, e);
        } finally {
            deleteQuietly(copyDir);
        }
    }

    /**
     * Warns of sequences more than twice as long as the longest the model was trained on, or under half the shortest: what a
     * recurrent network does over so many (or so few) steps was never trained nor tested. Cards without lengths (0) say nothing.
     * The judgement and the words are {@link TrainedLengths}', which serve and the Java API use too.
     */
    static void warnUntrainedLengths(NewData data, int minLength, int maxLength, PrintWriter err) {
        int[] steps = data.values().stream().mapToInt(v -> v.length).toArray();
        TrainedLengths lengths = new TrainedLengths(minLength, maxLength);
        lengths.warnings(data.ids(), steps).forEach(w -> err.println("warning: " + w));
        lengths.notes(data.ids(), steps).forEach(n -> err.println("note: " + n));
    }

    /**
     * Warns of features that had one value at every training step ({@link org.rnnlab.datasets.FeatureStandardizer#isConstant})
     * where the new data hold other values: the model ignores the feature, so those values play no role in its predictions.
     */
    static void warnIgnoredConstants(NewData data, float[] mean, float[] std, List<String> featureNames, PrintWriter err) {
        for (int f = 0; f < std.length; f++) {
            if (!org.rnnlab.datasets.FeatureStandardizer.isConstant(std[f])) {
                continue;
            }
            int differing = 0;
            String example = null;
            for (int i = 0; i < data.size(); i++) {
                for (float[] step : data.values().get(i)) {
                    if (step[f] != mean[f] && !Float.isNaN(step[f])) {
                        if (example == null) {
                            example = step[f] + " in sequence " + data.ids().get(i);
                        }
                        differing++;
                        break;
                    }
                }
            }
            if (differing > 0) {
                err.printf("warning: feature '%s' had the value %s at every training step, so the model ignores it; %d sequence(s) "
                        + "here hold other values (e.g. %s), which play no role in the predictions (if they matter, train on data "
                        + "where the feature varies)%n", featureNames.get(f), mean[f], differing, example);
            }
        }
    }

    /**
     * Warns of features whose values in the new data lie far outside the training data ({@link
     * org.rnnlab.training.FarFromTraining}: at least 3 values, and 2% or more, over 10 training sd from the training mean),
     * with the numbers: another unit, a drifted sensor, a column that counts on.
     */
    static void warnFarFromTraining(NewData data, float[] mean, float[] std, List<String> featureNames, PrintWriter err) {
        warnFarFromTraining(data, mean, std, featureNames, org.rnnlab.datasets.csv.SequenceScaling.NONE, err);
    }

    /** As above, for a model that scales each sequence by its own statistics ({@code scaling}): the values are so scaled. */
    static void warnFarFromTraining(NewData data, float[] mean, float[] std, List<String> featureNames,
                                    org.rnnlab.datasets.csv.SequenceScaling scaling, PrintWriter err) {
        warnFarFromTraining(data, mean, std, null, featureNames, scaling, err);
    }

    /**
     * As above, a value far only when it also lies beyond the training {@code range} of its feature by a quarter of its width
     * (the model card's {@code trainingRange}, {@link org.rnnlab.training.FarFromTraining#far}; null for a card written
     * before it was recorded: the sd rule alone).
     */
    static void warnFarFromTraining(NewData data, float[] mean, float[] std, org.rnnlab.training.TrainingRange range,
                                    List<String> featureNames, org.rnnlab.datasets.csv.SequenceScaling scaling, PrintWriter err) {
        warnFarFromTraining(data, mean, std, range, featureNames, scaling, java.util.Set.of(), err);
    }

    /**
     * As above, the features {@code categories} (a recorded one-hot group's columns, {@link SequenceClassifier#categoryFeatures})
     * left out of the frozen-sensor check, with the 0/1 flags of {@code mean}, {@code std} and {@code range}: a category
     * not in use over a sequence holds its column at one value by nature.
     */
    static void warnFarFromTraining(NewData data, float[] mean, float[] std, org.rnnlab.training.TrainingRange range,
                                    List<String> featureNames, org.rnnlab.datasets.csv.SequenceScaling scaling,
                                    java.util.Set<Integer> categories, PrintWriter err) {
        warnFarFromTraining(data, mean, std, range, featureNames, scaling, categories, Map.of(), err);
    }

    /**
     * As above, the sequences with far values said to be all of one value of another column the user gave, when they are
     * ({@code columns}: column name to each sequence's value, {@link #givenColumns}; {@link
     * org.rnnlab.datasets.csv.SharedValue}): a trial's 200 sequences in kPa were all station S2's, which {@code --keep-columns
     * station} held and no warning said. Returns the features whose far values it explained as °F against °C (or °C
     * against °F), each with its conversion ({@code "(x − 32) / 1.8"}), for {@link #warnFeatureDrift}'s block to refer to.
     */
    static Map<Integer, String> warnFarFromTraining(NewData data, float[] mean, float[] std, org.rnnlab.training.TrainingRange range,
                                    List<String> featureNames, org.rnnlab.datasets.csv.SequenceScaling scaling,
                                    java.util.Set<Integer> categories, Map<String, List<String>> columns, PrintWriter err) {
        return farFromTraining(data, mean, std, range, featureNames, scaling, categories, columns, err).temperatures();
    }

    /**
     * What {@link #warnFarFromTraining} named, for the level blocks that follow it ({@link #warnFeatureDrift}): a group's level
     * moved by a few sequences or cells already named is theirs, not the group's (trial 75a: three sequences of a bridge's
     * 60 with vert_acc x1000 were named, then the whole bridge was said to have a device's offset and told to retrain).
     *
     * @param temperatures the features explained as °F against °C (or °C against °F), each with its conversion
     * @param flagged      the sequences named as far from training, each judged alone (as {@code far_from_training} marks
     *                     them, but for a code for a missing value in a few cells, whose cells {@code codes} blanks):
     *                     position to the features named
     * @param codes        per feature, the value named as a code for a missing value (in the values as the model reads them;
     *                     for a model with per-sequence scaling the sequences holding one are in {@code flagged})
     * @param units        the features the warning explained as another unit: °F against °C, every value tiny next to the
     *                     training data's, the whole feature scaled by a unit's factor
     * @param cells        the far cells the file's count named (not in the sequences flagged): position to its cells, each
     *                     {@code {step, feature}} (for a model with per-sequence scaling, its spikes as written)
     * @param unitIn       per feature of {@code units}, the sequences (positions) its unit explains: far in that feature with
     *                     the cells of a code left out, or every value tiny, or all of them for a feature scaled as a whole
     * @param byLevel      the features of {@code units} that the level-shift warning named ({@link #warnLevelShift}), not the
     *                     far-values warning: the level block refers to that warning for them
     * @param codeIn       per feature, the sequences (positions) holding a code for a missing value the warning named in it
     *                     (also where it named the feature far as a whole), and that code: the level blocks' advice goes by
     *                     group, a group of codes told of codes, not of another unit (trial 76e F2)
     */
    record Far(Map<Integer, String> temperatures, Map<Integer, java.util.Set<Integer>> flagged, Map<Integer, Float> codes,
               java.util.Set<Integer> units, Map<Integer, List<int[]>> cells, Map<Integer, java.util.Set<Integer>> unitIn,
               Map<Integer, Map<Float, java.util.Set<Integer>>> codeIn, java.util.Set<Integer> byLevel) {

        /** As before the level-shift warning's units: none of {@code units} named by it. */
        Far(Map<Integer, String> temperatures, Map<Integer, java.util.Set<Integer>> flagged, Map<Integer, Float> codes,
            java.util.Set<Integer> units, Map<Integer, List<int[]>> cells, Map<Integer, java.util.Set<Integer>> unitIn,
            Map<Integer, Map<Float, java.util.Set<Integer>>> codeIn) {
            this(temperatures, flagged, codes, units, cells, unitIn, codeIn, java.util.Set.of());
        }

        /** As before the by-group fields: every sequence of {@code units} explained by its unit, no codes by sequence. */
        Far(Map<Integer, String> temperatures, Map<Integer, java.util.Set<Integer>> flagged, Map<Integer, Float> codes,
            java.util.Set<Integer> units, Map<Integer, List<int[]>> cells) {
            this(temperatures, flagged, codes, units, cells, null, Map.of());
        }

        /**
         * The same, with {@code more} features explained by a unit in every sequence (the level-shift warning's factors:
         * {@link #warnLevelShift}), those the far-values warning did not name kept in {@code byLevel}.
         */
        Far withUnits(java.util.Set<Integer> more) {
            if (more.isEmpty()) {
                return this;
            }
            java.util.Set<Integer> all = new java.util.LinkedHashSet<>(units);
            all.addAll(more);
            Map<Integer, java.util.Set<Integer>> in = unitIn == null ? null : new java.util.HashMap<>(unitIn);
            if (in != null) {
                more.forEach(in::remove); // every sequence: the whole file's level or spread named it
            }
            java.util.Set<Integer> level = new java.util.LinkedHashSet<>(byLevel);
            more.stream().filter(f -> !units.contains(f)).forEach(level::add);
            return new Far(temperatures, flagged, codes, java.util.Set.copyOf(all), cells, in, codeIn, java.util.Set.copyOf(level));
        }

        /** Whether feature {@code f}'s unit (°F, a factor, tiny values) explains some of the sequences {@code in}. */
        boolean unitIn(int f, java.util.Collection<Integer> in) {
            if (!units.contains(f) && !temperatures.containsKey(f)) {
                return false;
            }
            // no sequence judged far alone (each under a tenth far, the file over 2%): every sequence, as before
            java.util.Set<Integer> explained = unitIn == null ? java.util.Set.of() : unitIn.getOrDefault(f, java.util.Set.of());
            return explained.isEmpty() || in.stream().anyMatch(explained::contains);
        }

        /** The code for a missing value of feature {@code f} that some of the sequences {@code in} hold, or null. */
        Float codeIn(int f, java.util.Collection<Integer> in) {
            for (Map.Entry<Float, java.util.Set<Integer>> c : codeIn.getOrDefault(f, Map.of()).entrySet()) {
                if (in.stream().anyMatch(c.getValue()::contains)) {
                    return c.getKey();
                }
            }
            return null;
        }
    }

    /**
     * The features one sequence is marked far from the training data for, as predict's {@code far_from_training} column and
     * serve's {@code farFromTraining} mark it ({@link org.rnnlab.training.FarFromTraining#ofSequence}), with, for a model that
     * scales each sequence ({@code written}, the sequence as written; null for none), the codes and spikes as written ({@link
     * org.rnnlab.training.WrittenValues#ofSequence}): the warning that counts such sequences counts these marks, so that it
     * names what the column marks (trial 76e: 8 sequences counted where the column marked 16, the -99 codes' left out).
     */
    static java.util.SortedSet<Integer> farMarks(float[][] values, float[][] written, float[] mean, float[] std,
                                                org.rnnlab.training.TrainingRange range) {
        java.util.SortedSet<Integer> marked = org.rnnlab.training.FarFromTraining.ofSequence(values, mean, std, range);
        if (written != null) {
            marked.addAll(org.rnnlab.training.WrittenValues.ofSequence(written, mean, std, range));
        }
        return marked;
    }

    /** {@link #warnFarFromTraining}, returning all it named ({@link Far}). */
    static Far farFromTraining(NewData data, float[] mean, float[] std, org.rnnlab.training.TrainingRange range,
                               List<String> featureNames, org.rnnlab.datasets.csv.SequenceScaling scaling,
                               java.util.Set<Integer> categories, Map<String, List<String>> columns, PrintWriter err) {
        // a model that scales each sequence by its own statistics: codes and spikes are judged on the values as written,
        // each sequence against itself (WrittenValues), as the scaling hides them
        List<float[][]> writtenValues = scaling != org.rnnlab.datasets.csv.SequenceScaling.NONE
                && data.written().size() == data.values().size() ? data.written() : List.of();
        Map<Integer, Float> codeValues = new java.util.LinkedHashMap<>();
        java.util.Set<Integer> units = new java.util.TreeSet<>();
        List<String> far = new ArrayList<>();
        Map<Integer, String> converted = new java.util.LinkedHashMap<>();
        // one sequence: judged as one sequence alone is (a tenth of its values), as serve judges it
        List<org.rnnlab.training.FarFromTraining.Feature> farFeatures = data.values().size() == 1
                ? org.rnnlab.training.FarFromTraining.judgeOne(data.values().get(0), mean, std, range)
                : org.rnnlab.training.FarFromTraining.judge(data.values(), mean, std, range);
        // codes for a missing value as the model reads the values (a scaled sequence's values are no longer as written)
        List<org.rnnlab.training.FarFromTraining.Code> fileCodes = scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE
                ? org.rnnlab.training.FarFromTraining.codes(data.values(), mean, std, range) : List.of();
        java.util.Set<Integer> named = new java.util.HashSet<>();
        java.util.Set<Integer> explained = new java.util.HashSet<>(); // features whose far values the words call a code
        for (org.rnnlab.training.FarFromTraining.Feature x : farFeatures) {
            int f = x.index();
            named.add(f);
            // the far values' mean leaves the code's cells out (FarFromTraining.Feature#farMean): said where there is one
            String hint = org.rnnlab.training.FarFromTraining.temperatureHint(featureNames.get(f), x.mean(), x.farMean(), mean[f], std[f]);
            // two far features each within the other's training range: a column swap, not °F (trial 77e), as FarReason says
            int swapped = org.rnnlab.training.FarFromTraining.swappedWith(data.values(), f,
                    farFeatures.stream().map(org.rnnlab.training.FarFromTraining.Feature::index).toList(), range);
            if (swapped >= 0) {
                hint = "; " + org.rnnlab.training.FarFromTraining.swapHint(featureNames.get(f), featureNames.get(swapped));
            }
            String sentinel = sentinel(data.values(), f, mean[f], std[f]);
            if (!sentinel.isEmpty()) {
                explained.add(f);
            }
            if (!hint.isEmpty() && swapped < 0) {
                converted.put(f, hint.contains("(x − 32) / 1.8") ? "(x − 32) / 1.8" : "x · 1.8 + 32");
                units.add(f);
                for (org.rnnlab.training.FarFromTraining.Code c : fileCodes) {
                    if (c.index() == f) {
                        String written = c.value() == Math.rint(c.value()) ? Long.toString((long) c.value()) : short4(c.value());
                        hint = hint.replace("the far values' mean ", "the far values' mean (the code " + written + " apart) ");
                    }
                }
            }
            far.add(x.describe(featureNames.get(f), mean[f], std[f], range) + sentinel + hint + ")");
        }
        // codes for a missing value in fewer cells than the 2% above (a trial's -999 in 0.5% of a plant's cells flipped a
        // cycle's class without a word): named whatever their share, for the features not named above, and for those named
        // whose words do not call it a code (trial 76e: a carrier's -99 dropouts among another's °F were put into the °F
        // words, never named as a code, where the Java API's log named them)
        List<String> codes = new ArrayList<>();
        if (scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE) { // a scaled sequence's values are no longer as written
            for (org.rnnlab.training.FarFromTraining.Code c : fileCodes) {
                if (explained.contains(c.index())) {
                    continue;
                }
                codeValues.put(c.index(), c.value());
                String written = c.value() == Math.rint(c.value()) ? Long.toString((long) c.value()) : short4(c.value());
                codes.add(String.format(Locale.ROOT, "'%s' holds %s in %d cell(s) of %d sequence(s) (e.g. '%s'), %.3g training sd from "
                                + "the training mean %s: if it means missing, read it so with --na-values %s (then filled by the --missing policy; for a model trained with --missing error give one, e.g. --missing interpolate), or "
                                + "write those cells empty (pandas: df['%s'] = df['%s'].replace(%s, float('nan')))", featureNames.get(c.index()),
                        written, c.count(), c.sequences(), data.ids().get(c.first()), Math.abs(c.value() - mean[c.index()]) / std[c.index()],
                        short4(mean[c.index()]), written, featureNames.get(c.index()), featureNames.get(c.index()), written));
            }
        }
        // sequences holding a code as written (scaled models), with its features
        Map<Integer, java.util.Set<Integer>> withCodes = new java.util.TreeMap<>();
        if (!writtenValues.isEmpty()) { // each sequence as written, its code far from its own other values
            for (org.rnnlab.training.FarFromTraining.Code c : org.rnnlab.training.WrittenValues.codes(writtenValues, std)) {
                String value = c.value() == Math.rint(c.value()) ? Long.toString((long) c.value()) : short4(c.value());
                codes.add(String.format(Locale.ROOT, "'%s' holds %s in %d cell(s) of %d sequence(s) (e.g. '%s'), over %.0f sd of "
                                + "its sequence's other values from their mean (judged on the values as written, before each "
                                + "sequence's own scaling, sequenceScaling %s, which a code bends: it moves the whole sequence's "
                                + "mean and sd): if it means missing, read it so with --na-values %s (then filled by the --missing "
                                + "policy; for a model trained with --missing error give one, e.g. --missing interpolate), or write "
                                + "those cells empty (pandas: df['%s'] = df['%s'].replace(%s, float('nan')))",
                        featureNames.get(c.index()), value, c.count(), c.sequences(), data.ids().get(c.first()),
                        org.rnnlab.training.FarFromTraining.FAR, scaling, value, featureNames.get(c.index()),
                        featureNames.get(c.index()), value));
            }
            for (int i = 0; i < writtenValues.size(); i++) {
                for (org.rnnlab.training.FarFromTraining.Code c : org.rnnlab.training.WrittenValues.codes(
                        List.<float[][]>of(writtenValues.get(i)), std)) {
                    withCodes.computeIfAbsent(i, k -> new java.util.TreeSet<>()).add(c.index());
                }
            }
        }
        // values all tiny next to the training data's, which no value 10 sd out reveals: volts for microvolts (a sleep trial's
        // second site scored kappa 0.10 without a word); judged on the values as the model reads them (a sequence's own
        // centring keeps them tiny; standardising makes them as any others)
        // the whole feature scaled by a unit factor, every value within 10 sd: kWh per quarter-hour for kW (a smart-meter trial)
        for (org.rnnlab.training.FarFromTraining.Rescaled x : org.rnnlab.training.FarFromTraining.rescaled(data.values(), mean, std)) {
            if (named.add(x.index())) {
                units.add(x.index());
                far.add(x.describe(featureNames.get(x.index()), mean[x.index()], std[x.index()]) + " If another unit, convert it "
                        + "to the training data's)");
            }
        }
        for (org.rnnlab.training.FarFromTraining.Narrow x : org.rnnlab.training.FarFromTraining.narrow(data.values(), mean, std, range)) {
            if (named.add(x.index())) {
                units.add(x.index());
                far.add(x.describe(featureNames.get(x.index()), mean[x.index()], std[x.index()])
                        + factorNear(x.maxAbs(), x.scale(), range, x.index()) + ": " + NARROW_UNITS + " convert them to the training "
                        + "data's unit)");
            }
        }
        // every value tiny in some sequences only, which the file's rule above misses (trial 75a: 4 of a new bridge's 60
        // vehicles logged strain in strain for microstrain were named sequence by sequence below, and this block, the first
        // a reader meets, left strain out as if it were fine): named here too, with the factor
        Map<Integer, long[]> narrowSequences = new java.util.TreeMap<>(); // feature: sequences
        Map<Integer, double[]> narrowMax = new java.util.HashMap<>(); // feature: largest |value| of them, training magnitude
        for (float[][] q : data.values()) {
            for (org.rnnlab.training.FarFromTraining.Narrow x : org.rnnlab.training.FarFromTraining.narrow(List.<float[][]>of(q),
                    mean, std, range)) {
                if (!named.contains(x.index())) {
                    narrowSequences.computeIfAbsent(x.index(), f -> new long[1])[0]++;
                    double[] m = narrowMax.computeIfAbsent(x.index(), f -> new double[] {0, x.scale()});
                    m[0] = Math.max(m[0], x.maxAbs());
                }
            }
        }
        narrowSequences.forEach((f, n) -> {
            named.add(f);
            units.add(f);
            double[] m = narrowMax.get(f);
            far.add(String.format(Locale.ROOT, "'%s' (%d of the %d sequences with every value within 1/%.0f of the training data's "
                            + "magnitude %.4g (mean %.4g, sd %.4g%s): their values within ±%.2g, 1/%s of it%s: %s convert those sequences "
                            + "to the training data's unit)", featureNames.get(f), n[0], data.values().size(),
                    org.rnnlab.training.FarFromTraining.NARROW, m[1], mean[f], std[f], range == null ? ""
                            : "; training values " + range.text(f), m[0], new org.rnnlab.training.FarFromTraining.Narrow(f, 0, m[0],
                            m[1]).ratioText(), factorNear(m[0], m[1], range, f), NARROW_UNITS));
        });
        if (!codes.isEmpty()) {
            err.printf("warning: the new data hold values that look like codes for a missing value, far outside the training data, "
                    + "which the model reads as numbers: %s%n", String.join("; ", codes));
        }
        if (!far.isEmpty()) {
            err.printf("warning: %d feature(s) of the new data lie far outside the training data%s: %s. Another unit or scale, a "
                    + "drifted sensor, or a column that counts on (a time or row number)? The predictions for such values are "
                    + "extrapolations that look like any others%n", far.size(), scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE ? ""
                    : " (the values after each sequence's own scaling, sequenceScaling " + scaling + ", as the model reads them)", String.join("; ", far.subList(0, Math.min(5, far.size())))
                    + (far.size() > 5 ? "; and " + (far.size() - 5) + " more" : ""));
        }
        // a flat feature where it varies in most of the other sequences: an all-zero ECG segment was classed "normal" without
        // a word (a trial)
        // the values as the model reads them: after each sequence's own scaling, a flat feature's value is 0 whatever the file's
        // a sequence flat in every feature under sequenceScaling standardize, whatever the others: divided by its own sd of 0,
        // it is read as 0 throughout (trial 69f: a constant spectrum, a dead detector, predicted 'lean' 0.84 without a word,
        // as the rule below needs 3 sequences to judge by); named here, and left out of the rule below
        List<float[][]> judged = new ArrayList<>();
        List<String> judgedIds = new ArrayList<>();
        List<String> flattened = new ArrayList<>();
        for (int i = 0; i < data.values().size(); i++) {
            if (scaling.flattens(data.values().get(i))) {
                flattened.add("'" + data.ids().get(i) + "'");
            } else {
                judged.add(data.values().get(i));
                judgedIds.add(data.ids().get(i));
            }
        }
        if (!flattened.isEmpty()) {
            err.printf("warning: %d of the %d sequences have one value over all their steps in every feature: %s%s; the model "
                    + "standardises each sequence by its own standard deviation (sequenceScaling standardize), 0 for these, so it "
                    + "reads 0 at every step whatever their value, and answers as for any flat line: a dead or saturated "
                    + "detector, a blank row? Their predictions read it as data%n", flattened.size(), data.values().size(),
                    String.join(", ", flattened.subList(0, Math.min(5, flattened.size()))),
                    flattened.size() > 5 ? " and " + (flattened.size() - 5) + " more" : "");
        }
        if (range != null && range.hasConstantShares()) {
            // judged against training: a feature at one value through a sequence where (almost) no training sequence held it
            // so, also for a file of one sequence (a radar trial's frozen tracker and dead range channel, answered confidently)
            java.util.Set<Integer> notJudged = new java.util.TreeSet<>(categories);
            notJudged.addAll(range.flagFeatures(mean, std));
            warnConstantFeatures(judged, judgedIds, range, notJudged, featureNames, data.values().size(), err);
            judged = List.of();
        }
        org.rnnlab.datasets.csv.FlatSequences.Found flat = org.rnnlab.datasets.csv.FlatSequences.find(judged, judgedIds,
                featureNames, 5, scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE);
        if (flat.count() > 0) {
            err.printf("warning: %d of the %d sequences have a feature with one value over all their steps, where it varies within "
                    + "most of the others: %s%s: a flat line, an electrode off, a dead sensor? Their predictions read it as "
                    + "data%n", flat.count(), data.values().size(), String.join(", ", flat.named()),
                    flat.count() > flat.named().size() ? " and " + (flat.count() - flat.named().size()) + " more" : "");
        }
        // rows of 0 in every feature inside sequences: empty frames written as zeros (a radar trial), not a ceiling
        org.rnnlab.datasets.csv.PlaceholderRows.Found placeholders = org.rnnlab.datasets.csv.PlaceholderRows.find(data.values(),
                data.ids(), featureNames, 5);
        if (placeholders != null && scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE) { // values as written
            err.printf("warning: %s%n", placeholders.describe(featureNames, "Their predictions read them as readings of 0"));
        }
        // sequence by sequence, as serve marks each (farFromTraining): one instrument in percent among 5,000 in fractions stays
        // below the file's 2% and changed 17 of its 27 predictions without a word (a trial)
        List<String> sequences = new ArrayList<>();
        List<String> flaggedIds = new ArrayList<>();
        Map<Integer, java.util.Set<Integer>> flaggedAt = new java.util.TreeMap<>(withCodes);
        int flagged = 0;
        for (int i = 0; i < data.values().size(); i++) {
            // the marks of far_from_training (farMarks): a tenth of the sequence far out, every value tiny (another unit in
            // some sequences only, a mixed export of several sites), a code for a missing value in any cell, and under
            // per-sequence scaling the codes and spikes as written
            java.util.Set<Integer> own = farMarks(data.values().get(i), writtenValues.isEmpty() ? null : writtenValues.get(i),
                    mean, std, range);
            // for the level blocks, the sequences far by more than a code for a missing value in a few cells, whose cells
            // they blank instead (as codes, they move a group's spread: "driven by the cells read above as codes")
            java.util.Set<Integer> beyondCodes = new java.util.TreeSet<>();
            org.rnnlab.training.FarFromTraining.judgeOne(data.values().get(i), mean, std, range).forEach(x -> beyondCodes.add(x.index()));
            org.rnnlab.training.FarFromTraining.narrow(List.<float[][]>of(data.values().get(i)), mean, std, range)
                    .forEach(x -> beyondCodes.add(x.index()));
            if (!writtenValues.isEmpty()) {
                beyondCodes.addAll(org.rnnlab.training.WrittenValues.ofSequence(writtenValues.get(i), mean, std, range));
            }
            if (!beyondCodes.isEmpty()) {
                flaggedAt.computeIfAbsent(i, k -> new java.util.TreeSet<>()).addAll(beyondCodes);
            }
            if (!own.isEmpty()) {
                flagged++;
                flaggedIds.add(data.ids().get(i));
                if (sequences.size() < 10) {
                    sequences.add("'" + data.ids().get(i) + "' (" + String.join(", ", own.stream().map(featureNames::get).toList()) + ")");
                }
            }
        }
        // also when every sequence is marked (trial 76e: the 8 sequences of a file of -99 dropouts, each marked in the column,
        // were counted nowhere)
        if (flagged > 0 && data.values().size() > 1) { // one sequence: the file's warning judged it as one sequence alone
            err.printf("warning: %d of the %d sequences have values far outside the training data (3 values or more, and 10%% "
                    + "or more of the sequence's, over %.0f training sd from the training mean%s, or every value within 1/100 of the "
                    + "training data's magnitude, or a code for a missing value such as -999 in any cell%s; each sequence judged "
                    + "alone, as predict's far_from_training column and serve's farFromTraining mark it): %s%s%s; their "
                    + "predictions are extrapolations%n",
                    flagged, data.values().size(), org.rnnlab.training.FarFromTraining.FAR, range == null ? ""
                    : " and beyond the feature's training values by over a quarter of their span, or every value of the sequence "
                    + "beyond them so", writtenValues.isEmpty() ? ""
                    : ", or, as written before each sequence's own scaling, a code for a missing value or spikes in a tenth of its "
                    + "values", String.join(", ", sequences),
                    flagged > sequences.size() ? " and "
                    + (flagged - sequences.size()) + " more" : "", sharedBySequences(data.ids(), flaggedIds, columns));
        }
        // the far cells counted over the file, per feature not named above: a few sequences' cells typed wrong stay under
        // both the file's 2% and each sequence's 10% (a greenhouse trial's CO2 typed 10 times too large in 112 cells of 4
        // days, two of them 9.0% and 9.5% far, confidently mislabelled without a word)
        List<String> cellLines = new ArrayList<>(farCellLines(data.values(), data.ids(), mean, std, range, featureNames, named,
                scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE));
        if (!writtenValues.isEmpty()) {
            cellLines.addAll(spikeLines(writtenValues, data.ids(), mean, std, range, featureNames, scaling));
        }
        for (String line : cellLines) {
            err.printf("warning: %s Their predictions read them as data: fix those cells in the file, or mark them missing "
                    + "(an empty cell) and choose a --missing policy%n", line);
        }
        // the far cells the count above named, for the level blocks to leave out: those over the far limit of the features it
        // named (codes apart, as it counts them), or, under per-sequence scaling, the spikes as written
        Map<Integer, List<int[]>> farCellsAt = new java.util.TreeMap<>();
        boolean scaled = scaling != org.rnnlab.datasets.csv.SequenceScaling.NONE;
        for (int i = 0; i < data.values().size(); i++) {
            if (flaggedAt.containsKey(i)) {
                continue;
            }
            float[][] q = data.values().get(i);
            if (!scaled) {
                for (int t = 0; t < q.length; t++) {
                    for (int f = 0; f < q[t].length; f++) {
                        if (!named.contains(f) && !Float.isNaN(q[t][f]) && org.rnnlab.training.FarFromTraining.far(q[t][f], f, mean, std,
                                range) && !org.rnnlab.datasets.csv.MissingValues.codeLike(q[t][f])) {
                            farCellsAt.computeIfAbsent(i, k -> new ArrayList<>()).add(new int[] {t, f});
                        }
                    }
                }
            } else if (!writtenValues.isEmpty() && writtenValues.get(i).length == q.length) {
                boolean[][] spikes = org.rnnlab.training.WrittenValues.spikes(writtenValues.get(i), mean, std, range);
                for (int t = 0; t < spikes.length; t++) {
                    for (int f = 0; f < spikes[t].length; f++) {
                        if (spikes[t][f]) {
                            farCellsAt.computeIfAbsent(i, k -> new ArrayList<>()).add(new int[] {t, f});
                        }
                    }
                }
            }
        }
        // by sequence, what explains a feature's far values: its unit (the sequences far with the code's cells left out, or
        // tiny; all for a feature scaled as a whole), or a code for a missing value the warnings named
        Map<Integer, Float> codeOf = new java.util.HashMap<>();
        fileCodes.forEach(c -> codeOf.put(c.index(), c.value()));
        java.util.Set<Integer> rescaledAll = new java.util.HashSet<>();
        org.rnnlab.training.FarFromTraining.rescaled(data.values(), mean, std).forEach(x -> rescaledAll.add(x.index()));
        Map<Integer, java.util.Set<Integer>> unitIn = new java.util.TreeMap<>();
        Map<Integer, Map<Float, java.util.Set<Integer>>> codeIn = new java.util.TreeMap<>();
        for (int i = 0; i < data.values().size(); i++) {
            float[][] q = data.values().get(i);
            for (int f : codeOf.keySet()) {
                float code = codeOf.get(f);
                if (java.util.Arrays.stream(q).anyMatch(step -> step[f] == code)) {
                    codeIn.computeIfAbsent(f, k -> new java.util.LinkedHashMap<>()).computeIfAbsent(code,
                            k -> new java.util.TreeSet<>()).add(i);
                }
            }
            for (int f : withCodes.getOrDefault(i, java.util.Set.of())) { // scaled: the codes as written
                for (org.rnnlab.training.FarFromTraining.Code c : org.rnnlab.training.WrittenValues.codes(
                        List.<float[][]>of(writtenValues.get(i)), std)) {
                    if (c.index() == f) {
                        codeIn.computeIfAbsent(f, k -> new java.util.LinkedHashMap<>()).computeIfAbsent(c.value(),
                                k -> new java.util.TreeSet<>()).add(i);
                    }
                }
            }
            if (units.isEmpty()) {
                continue;
            }
            float[][] free = q;
            if (!codeOf.isEmpty()) { // the code's cells left out (NaN), as the far values' mean leaves them out
                free = java.util.Arrays.stream(q).map(float[]::clone).toArray(float[][]::new);
                for (float[] step : free) {
                    codeOf.forEach((f, code) -> {
                        if (step[f] == code) {
                            step[f] = Float.NaN;
                        }
                    });
                }
            }
            java.util.Set<Integer> own = new java.util.HashSet<>(rescaledAll);
            org.rnnlab.training.FarFromTraining.judgeOne(free, mean, std, range).forEach(x -> own.add(x.index()));
            org.rnnlab.training.FarFromTraining.narrow(List.<float[][]>of(free), mean, std, range).forEach(x -> own.add(x.index()));
            for (int f : own) {
                if (units.contains(f)) {
                    unitIn.computeIfAbsent(f, k -> new java.util.TreeSet<>()).add(i);
                }
            }
        }
        return new Far(converted, flaggedAt, codeValues, units, farCellsAt, unitIn, codeIn);
    }

    /**
     * The units that shrink values a hundredfold or more, for the words of a feature whose every value is tiny next to the
     * training data's ({@link org.rnnlab.training.FarFromTraining#narrow}); micro- against base units named since a trial's
     * bridge logged strain in strain for a model trained in microstrain (1e-6) and was offered volts and kilo- only.
     */
    static final String NARROW_UNITS = "volts for millivolts or microvolts, kilo- for base units, base units for micro- (strain "
            + "for microstrain, 1e-6)?";

    /**
     * {@code , a factor near 1e-6 (the largest |value| 0.00016 against the training data's largest 76)}: the power of 1000
     * nearest (in decades) the ratio of the largest new value to the training data's largest (the card's range; without it,
     * to its magnitude {@code scale}), the factor of a change of prefix; "" when it is 1.
     */
    /** {@code 500} for a whole number, else 4 significant digits. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : short4(v);
    }

    static String factorNear(double maxAbs, double scale, org.rnnlab.training.TrainingRange range, int f) {
        double largest = range == null ? scale : Math.max(Math.abs(range.low()[f]), Math.abs(range.high()[f]));
        if (!(maxAbs > 0) || !(largest > 0)) {
            return "";
        }
        long thousands = Math.round(Math.log10(maxAbs / largest) / 3);
        return thousands == 0 ? "" : String.format(Locale.ROOT, ", a factor near 1e%d (the largest |value| %.2g against the "
                + "training data's %s %.4g)", 3 * thousands, maxAbs, range == null ? "magnitude" : "largest", largest);
    }

    /**
     * For a model that scales each sequence by its own statistics ({@code scaling}), the spikes of {@code written} (the
     * sequences as written, {@link org.rnnlab.training.WrittenValues#spikes}) counted over the file per feature, in words:
     * {@code 'strain': 22 cell(s) in 3 of the 51 sequences are spikes ...; in 'B7-v010' (13), ...}. Scaled, a spike lies a
     * few sd out as a peak does, so the far cells of the values as the model reads them miss them (trial 75a).
     */
    static List<String> spikeLines(List<float[][]> written, List<String> ids, float[] mean, float[] std,
                                   org.rnnlab.training.TrainingRange range, List<String> featureNames,
                                   org.rnnlab.datasets.csv.SequenceScaling scaling) {
        int features = std.length;
        long[] cells = new long[features];
        int[] holding = new int[features];
        double[] low = new double[features];
        double[] high = new double[features];
        java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
        List<List<String>> named = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            named.add(new ArrayList<>());
        }
        for (int i = 0; i < written.size(); i++) {
            boolean[][] spikes = org.rnnlab.training.WrittenValues.spikes(written.get(i), mean, std, range);
            for (int f = 0; f < features; f++) {
                long here = 0;
                for (int t = 0; t < spikes.length; t++) {
                    // a code is named as one above (as the file's far cells leave codes to the codes check)
                    if (spikes[t][f] && !org.rnnlab.datasets.csv.MissingValues.codeLike(written.get(i)[t][f])) {
                        here++;
                        low[f] = Math.min(low[f], written.get(i)[t][f]);
                        high[f] = Math.max(high[f], written.get(i)[t][f]);
                    }
                }
                if (here > 0) {
                    cells[f] += here;
                    holding[f]++;
                    if (named.get(f).size() < org.rnnlab.training.FarFromTraining.FAR_CELLS_SHOWN) {
                        named.get(f).add("'" + ids.get(i) + "' (" + here + ")");
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            if (cells[f] == 0) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "'%s': %d cell(s) in %d of the %d sequences are spikes, %s as written: each a run of "
                            + "up to %d steps (or of one value held) beyond both its neighbours, by over %.0f times its sequence's usual "
                            + "step-to-step change, that scaled by the rest of its sequence lies over %.0f training sd out%s; each "
                            + "sequence's own scaling (sequenceScaling %s) bends around them and hides them: in %s%s.",
                    featureNames.get(f), cells[f], holding[f], written.size(), low[f] == high[f] ? number(low[f])
                            : number(low[f]) + " to " + number(high[f]),
                    org.rnnlab.training.WrittenValues.SPIKE_STEPS, org.rnnlab.training.FarFromTraining.FAR,
                    org.rnnlab.training.FarFromTraining.FAR, range == null ? ""
                            : " and beyond the scaled training values by over a quarter of their span", scaling,
                    String.join(", ", named.get(f)), holding[f] > named.get(f).size() ? " and " + (holding[f] - named.get(f).size())
                            + " more" : ""));
        }
        return out;
    }

    /**
     * The file-level far cells of each feature ({@link org.rnnlab.training.FarFromTraining#farCells}) not in {@code named},
     * in words; the decimal point slip only of values {@code asWritten} (no sequence scaling).
     */
    static List<String> farCellLines(List<float[][]> values, List<String> ids, float[] mean, float[] std,
                                     org.rnnlab.training.TrainingRange range, List<String> featureNames,
                                     java.util.Set<Integer> named, boolean asWritten) {
        List<String> out = new ArrayList<>();
        for (org.rnnlab.training.FarFromTraining.FarCells c : org.rnnlab.training.FarFromTraining.farCells(values, mean, std, range)) {
            if (named.contains(c.index())) {
                continue;
            }
            // a temperature's far cells that the other scale brings near the training mean: °F against °C in part of the
            // sequences, judged before the decimal point slip (trial 75a: a deck temperature's second half in °F, 58.6 to
            // 58.9 for a training mean of 12.6, was called "a decimal point lost?", 5.9 at the edge of the training values)
            String name = featureNames.get(c.index());
            double near = Math.max(2 * std[c.index()], 0.1 * Math.abs(mean[c.index()]));
            int other = asWritten && org.rnnlab.datasets.csv.TemperatureUnits.temperatureName(name)
                    ? org.rnnlab.datasets.csv.TemperatureUnits.otherScale(c.low(), mean[c.index()], near) : 0;
            if (other != 0 && org.rnnlab.datasets.csv.TemperatureUnits.otherScale(c.high(), mean[c.index()], near) != other) {
                other = 0;
            }
            org.rnnlab.training.FarFromTraining.FarCells shown = asWritten && other == 0 ? c
                    : new org.rnnlab.training.FarFromTraining.FarCells(c.index(), c.cells(), c.values(), c.sequences(), c.first(),
                    c.counts(), c.low(), c.high(), c.sdLow(), c.sdHigh(), 0);
            String scale = other == 0 ? "" : other == 1
                    ? String.format(Locale.ROOT, " °F against °C in these cells? (x − 32) / 1.8 brings them to %.4g to %.4g, near "
                    + "the training mean %.4g: convert them.", (c.low() - 32) / 1.8, (c.high() - 32) / 1.8, mean[c.index()])
                    : String.format(Locale.ROOT, " °C against °F in these cells? x · 1.8 + 32 brings them to %.4g to %.4g, near "
                    + "the training mean %.4g: convert them.", c.low() * 1.8 + 32, c.high() * 1.8 + 32, mean[c.index()]);
            out.add(shown.describe(name, ids, values.size(), mean[c.index()], std[c.index()], range) + scale);
        }
        return out;
    }

    /** Clipped features (or groups' features) warned of one by one ({@link #warnClipped}); the rest are counted. */
    static final int CLIPPED_SHOWN = 10;

    /**
     * Warns of features clipped in the new data ({@link org.rnnlab.datasets.csv.ClippedRuns}): runs at the file's own largest
     * or smallest value (a detector's or an ADC's ceiling: a chemist's trial's new batch of 150 spectra all clipped at 65535
     * scored without a word; a new participant's +-2 g wrist sensor, inside the training data's +-18 g, went unnamed while
     * only values at or above the training data's largest were judged), said against the training data's range where the
     * card keeps it, and, with {@code groups} (aligned with the sequences, values of {@code groupColumn}; empty for none),
     * each group's own where others reach beyond it. Sequences named that all share a value of a column the user gave
     * ({@code columns}, {@link #givenColumns}) are said so. After each sequence's own scaling ({@code scaling}), each
     * sequence is judged at its own top alone.
     */
    static void warnClipped(NewData data, org.rnnlab.training.TrainingRange range, List<String> featureNames,
                            org.rnnlab.datasets.csv.SequenceScaling scaling, List<String> groups, String groupColumn,
                            Map<String, List<String>> columns, PrintWriter err) {
        boolean asWritten = scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE;
        List<org.rnnlab.datasets.csv.ClippedRuns.Found> clipped = org.rnnlab.datasets.csv.ClippedRuns.find(data.values(), data.ids(),
                groups == null || groups.isEmpty() ? null : groups, featureNames.size(), asWritten, 5);
        for (org.rnnlab.datasets.csv.ClippedRuns.Found c : clipped.subList(0, Math.min(CLIPPED_SHOWN, clipped.size()))) {
            String against = null;
            if (asWritten && range != null && c.group() == null && c.feature() < range.high().length) {
                float trained = c.bottom() ? range.low()[c.feature()] : range.high()[c.feature()];
                boolean beyond = c.bottom() ? c.value() <= trained : c.value() >= trained;
                against = String.format(Locale.ROOT, ", %s the training data's %s, %s%s", beyond ? (c.bottom() ? "at or below"
                        : "at or above") : (c.bottom() ? "above" : "below"), c.bottom() ? "smallest" : "largest",
                        org.rnnlab.datasets.csv.ClippedRuns.number(trained), beyond ? "" : ": a sensor of a smaller range than the "
                        + "training data's?");
            }
            err.printf("warning: %s; their predictions read the flat %s as data%s%n", c.describe(featureNames, data.values().size(),
                    against, groupColumn), c.bottom() ? "bottoms" : "tops", c.group() != null || c.count() > c.named().size() ? ""
                    : sharedBySequences(data.ids(), c.named(), columns)); // a share of those named alone would say too little
        }
        if (clipped.size() > CLIPPED_SHOWN) {
            err.printf("warning: and %d more feature(s) or group(s) clipped alike%n", clipped.size() - CLIPPED_SHOWN);
        }
    }

    /**
     * {@code ; all 200 are station 'S2' (every sequence of it)} when the sequences {@code named} share one value of one of
     * {@code columns} (each aligned with {@code ids}), else "".
     */
    static String sharedBySequences(List<String> ids, List<String> named, Map<String, List<String>> columns) {
        Map<String, Map<String, String>> byId = new java.util.LinkedHashMap<>();
        columns.forEach((column, values) -> {
            if (values.size() == ids.size()) {
                Map<String, String> m = new java.util.HashMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    m.put(ids.get(i), values.get(i) == null ? "" : values.get(i));
                }
                byId.put(column, m);
            }
        });
        return org.rnnlab.datasets.csv.SharedValue.of(named, byId, "sequence").map(v -> "; " + v.describe()).orElse("");
    }

    /**
     * The columns the user gave beside the model's, each sequence's value (aligned with {@code data}'s sequences), by
     * header name: predict's {@code --keep-columns} (each, in order; not {@code NAME@first} or {@code NAME@last}, which
     * vary along a sequence) and evaluate's {@code --group-column} (not {@code --baseline-column}, a label). What the
     * far-outside and level warnings say the sequences or groups they name all share ({@link #sharedBySequences}).
     */
    static Map<String, List<String>> givenColumns(NewData data, org.rnnlab.datasets.csv.SequenceColumns.Request keep,
                                                 Map<String, List<String>> kept) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        if (keep == null || keep.isEmpty() || kept.isEmpty()) {
            return out;
        }
        List<String> names = keep.names();
        for (int k = 0; k < names.size(); k++) {
            boolean given = "--keep-columns".equals(keep.option()) || "--group-column".equals(keep.option())
                    || keep.option().endsWith("/--group-column") && k == names.size() - 1;
            String column = org.rnnlab.datasets.csv.SequenceColumns.column(names.get(k));
            if (!given || !column.equals(names.get(k)) || out.containsKey(column)) {
                continue;
            }
            final int at = k;
            out.put(column, data.ids().stream().map(id -> kept.get(id) == null || kept.get(id).size() <= at ? null
                    : kept.get(id).get(at)).toList());
        }
        return out;
    }

    /** Shifts named in {@link #warnFeatureDrift}'s warning; the rest are counted. */
    static final int DRIFT_SHOWN = 5;

    /**
     * Warns, in one block, of features whose level or spread over the whole file or over one group ({@code groups}, aligned
     * with the sequences, values of the column {@code groupColumn}; empty for none) lies far from the training data's
     * ({@link org.rnnlab.training.FeatureDrift}: mean over 3 training sd from the training mean (or, with the card's
     * sequence means, the mean of the sequences' means over 6 of their training sds from theirs), or sd over 3 times or under
     * 1/3 of the training sd), each value possibly well inside the training range: a station's DC offset and gain (a
     * seismology trial's held-out station had every window called a blast without a word). For a model without per-sequence
     * scaling, names {@code --set sequenceScaling=standardize}, which takes each device's offset and gain out.
     */
    static void warnFeatureDrift(NewData data, List<String> groups, String groupColumn, float[] mean, float[] std,
                                 List<String> featureNames, org.rnnlab.datasets.csv.SequenceScaling scaling, PrintWriter err) {
        warnFeatureDrift(data, groups, groupColumn, mean, std, null, featureNames, scaling, err);
    }

    /**
     * As {@link #warnFeatureDrift(NewData, List, String, float[], float[], List, org.rnnlab.datasets.csv.SequenceScaling,
     * PrintWriter)}, a level also judged against the spread of the training sequences' own means that the card's
     * {@code range} keeps ({@link org.rnnlab.training.FeatureDrift#SEQUENCE_MEAN_SDS}; null or an older card: the pooled sd
     * alone): a vibration axis's pooled sd is the vibration, and a sensor's +0.05 g offset at 2.25 of it went unnamed.
     */
    static void warnFeatureDrift(NewData data, List<String> groups, String groupColumn, float[] mean, float[] std,
                                 org.rnnlab.training.TrainingRange range, List<String> featureNames,
                                 org.rnnlab.datasets.csv.SequenceScaling scaling, PrintWriter err) {
        warnFeatureDrift(data, groups, groupColumn, mean, std, range, featureNames, scaling, Map.of(), err);
    }

    /**
     * As above, the groups named said to be all of one value of another column the user gave, when they are ({@code
     * columns}, {@link #givenColumns}: a trial's 10 pumps in kPa were all station S2's, every pump of it).
     */
    static void warnFeatureDrift(NewData data, List<String> groups, String groupColumn, float[] mean, float[] std,
                                 org.rnnlab.training.TrainingRange range, List<String> featureNames,
                                 org.rnnlab.datasets.csv.SequenceScaling scaling, Map<String, List<String>> columns,
                                 PrintWriter err) {
        warnFeatureDrift(data, groups, groupColumn, mean, std, range, featureNames, scaling, columns, Map.of(), err);
    }

    /**
     * As above, a feature the far-values warning already explained as °F against °C ({@code temperatures}: feature to
     * conversion, {@link #warnFarFromTraining}'s result) referred to that conversion instead of {@code --set
     * sequenceScaling=standardize}: a trial's depot logging engine_temp_c in °F was told to train with per-sequence
     * scaling, which is no remedy for a unit, would erase the engine temperature that told aggressive trips apart, and
     * cannot be given to a {@code --config} replay.
     */
    static void warnFeatureDrift(NewData data, List<String> groups, String groupColumn, float[] mean, float[] std,
                                 org.rnnlab.training.TrainingRange range, List<String> featureNames,
                                 org.rnnlab.datasets.csv.SequenceScaling scaling, Map<String, List<String>> columns,
                                 Map<Integer, String> temperatures, PrintWriter err) {
        warnFeatureDrift(data, groups, groupColumn, mean, std, range, featureNames, scaling, columns,
                new Far(temperatures, Map.of(), Map.of(), java.util.Set.of(), Map.of()), err);
    }

    /**
     * As above, each group (and the whole file) judged without what the far-values warning named ({@code found}): the
     * sequences it named as far from training and the cells it read as codes for a missing value. A level or spread that
     * only they make is said to be driven by them, without the advice to retrain (trial 75a: three sequences of a bridge's
     * 60 with vert_acc x1000, named already, made the whole bridge's level "a device's own offset or gain" and the advice
     * to retrain with per-sequence scaling; without them the bridge was as in training). A level or spread still off without
     * them is said with the numbers without them.
     */
    static void warnFeatureDrift(NewData data, List<String> groups, String groupColumn, float[] mean, float[] std,
                                 org.rnnlab.training.TrainingRange range, List<String> featureNames,
                                 org.rnnlab.datasets.csv.SequenceScaling scaling, Map<String, List<String>> columns,
                                 Far found, PrintWriter err) {
        warnFeatureDrift(data, groups, groupColumn, mean, std, range, featureNames, scaling, columns, found, null, err);
    }

    /**
     * As above, each feature and group named also added to {@code findings} ({@link DriftFinding#LEVEL} or
     * {@link DriftFinding#SPREAD}, with what the block explains it by; null: none kept), those past the first
     * {@value #DRIFT_SHOWN} that the warning counts too.
     */
    static void warnFeatureDrift(NewData data, List<String> groups, String groupColumn, float[] mean, float[] std,
                                 org.rnnlab.training.TrainingRange range, List<String> featureNames,
                                 org.rnnlab.datasets.csv.SequenceScaling scaling, Map<String, List<String>> columns,
                                 Far found, List<DriftFinding> findings, PrintWriter err) {
        Map<Integer, String> temperatures = found.temperatures();
        List<org.rnnlab.training.FeatureDrift.Shift> all = org.rnnlab.training.FeatureDrift.judge(data.values(), groups, mean, std,
                range);
        if (all.isEmpty()) {
            return;
        }
        boolean grouped = groups != null && !groups.isEmpty() && groups.size() == data.values().size();
        // the data without the sequences named as far and with the cells read as codes left out (NaN)
        List<float[][]> kept = new ArrayList<>();
        List<String> keptGroups = new ArrayList<>();
        // per group (the file: a key of its own) and feature, the sequences left out that were named for that feature; per
        // group, its sequences and those left out
        Map<String, Integer> left = new java.util.HashMap<>();
        Map<String, Integer> size = new java.util.HashMap<>();
        Map<String, Integer> leftAll = new java.util.HashMap<>();
        java.util.Set<Integer> cellFeatures = new java.util.HashSet<>(); // features of far cells left out
        long codeCells = 0;
        long farCells = 0;
        String file = "\u0000file";
        for (int i = 0; i < data.values().size(); i++) {
            String g = grouped ? groups.get(i) : file;
            size.merge(g, 1, Integer::sum);
            size.merge(file, grouped ? 1 : 0, Integer::sum);
            java.util.Set<Integer> named = found.flagged().get(i);
            if (named != null) {
                leftAll.merge(g, 1, Integer::sum);
                leftAll.merge(file, grouped ? 1 : 0, Integer::sum);
                for (int f : named) {
                    left.merge(g + "\u0000" + f, 1, Integer::sum);
                    left.merge(file + "\u0000" + f, grouped ? 1 : 0, Integer::sum);
                }
                continue;
            }
            float[][] q = data.values().get(i);
            List<int[]> cells = found.cells().getOrDefault(i, List.of());
            if (!found.codes().isEmpty() || !cells.isEmpty()) {
                q = java.util.Arrays.stream(q).map(float[]::clone).toArray(float[][]::new);
                for (float[] step : q) {
                    for (Map.Entry<Integer, Float> c : found.codes().entrySet()) {
                        if (step[c.getKey()] == c.getValue()) {
                            step[c.getKey()] = Float.NaN;
                            codeCells++;
                        }
                    }
                }
                for (int[] c : cells) {
                    if (c[0] < q.length && !Float.isNaN(q[c[0]][c[1]])) {
                        q[c[0]][c[1]] = Float.NaN;
                        farCells++;
                        cellFeatures.add(c[1]);
                    }
                }
            }
            kept.add(q);
            if (grouped) {
                keptGroups.add(g);
            }
        }
        boolean cleaned = kept.size() < data.values().size() || codeCells > 0 || farCells > 0;
        List<org.rnnlab.training.FeatureDrift.Shift> clean = !cleaned ? all
                : org.rnnlab.training.FeatureDrift.judge(kept, grouped ? keptGroups : groups, mean, std, range);
        Map<String, org.rnnlab.training.FeatureDrift.Shift> cleanByKey = new java.util.HashMap<>();
        clean.forEach(x -> cleanByKey.put(x.feature() + "\u0000" + x.group(), x));
        List<org.rnnlab.training.FeatureDrift.Shift> shifts = new ArrayList<>();
        List<String> drivenWords = new ArrayList<>(); // aligned with shifts: "" for a shift still off without them
        for (org.rnnlab.training.FeatureDrift.Shift x : all) {
            org.rnnlab.training.FeatureDrift.Shift without = cleanByKey.get(x.feature() + "\u0000" + x.group());
            String g = x.group() == null ? file : x.group();
            // most of a group named (a whole bridge in °F): its own level, said as before
            boolean most = 2 * leftAll.getOrDefault(g, 0) >= size.getOrDefault(g, 0);
            if (without != null || most) {
                shifts.add(without != null && !most ? without : x);
                drivenWords.add("");
                continue;
            }
            int out = left.getOrDefault(g + "\u0000" + x.feature(), 0);
            boolean codesHere = found.codes().containsKey(x.feature()) && codeCells > 0;
            boolean cellsHere = cellFeatures.contains(x.feature());
            List<String> by = new ArrayList<>();
            if (out > 0) {
                by.add(out + " of its sequences named above as far from training");
            }
            if (codesHere) {
                by.add("the cells read above as codes for a missing value");
            }
            if (cellsHere) {
                by.add("the far cells named above");
            }
            if (by.isEmpty()) {
                by.add(leftAll.getOrDefault(g, 0) + " of its sequences named above as far from training");
            }
            shifts.add(x);
            drivenWords.add(" (driven by " + String.join(" and ", by) + ": without them it is as in training)");
        }
        if (shifts.isEmpty()) {
            return;
        }
        long features = shifts.stream().mapToInt(org.rnnlab.training.FeatureDrift.Shift::feature).distinct().count();
        long shiftedGroups = shifts.stream().map(org.rnnlab.training.FeatureDrift.Shift::group).filter(java.util.Objects::nonNull)
                .distinct().count();
        long allGroups = groups == null ? 0 : groups.stream().distinct().count();
        String shared = shiftedGroups < 2 ? "" : org.rnnlab.datasets.csv.SharedValue.of(shifts.stream()
                .map(org.rnnlab.training.FeatureDrift.Shift::group).filter(java.util.Objects::nonNull).distinct().toList(),
                org.rnnlab.datasets.csv.SharedValue.byGroup(groups, columns, groupColumn), groupColumn == null ? "group"
                        : "'" + groupColumn + "' value").map(v -> " (" + v.describe(false) + ")").orElse("");
        String where = shiftedGroups == 0 ? "the whole file" : String.format(Locale.ROOT, "%d of the %d %s value(s)%s%s",
                shiftedGroups, allGroups, groupColumn == null ? "group" : "'" + groupColumn + "'", shared,
                shifts.stream().anyMatch(s -> s.group() == null) ? " and the whole file" : "");
        List<String> shown = new ArrayList<>();
        for (int k = 0; k < Math.min(DRIFT_SHOWN, shifts.size()); k++) {
            shown.add(shifts.get(k).describe(featureNames.get(shifts.get(k).feature())) + drivenWords.get(k));
        }
        // only sequences or cells named above make these: no device's offset to retrain for
        boolean allDriven = drivenWords.stream().noneMatch(String::isEmpty);
        int leftOut = leftAll.getOrDefault(file, 0);
        List<String> outWords = new ArrayList<>();
        if (leftOut > 0) {
            outWords.add(leftOut + " sequence(s) far from training");
        }
        if (codeCells > 0) {
            outWords.add(codeCells + " cell(s) read as codes for a missing value");
        }
        if (farCells > 0) {
            outWords.add(farCells + " far cell(s)");
        }
        // said where a shift shown is given with the numbers without them
        boolean withoutShown = shifts.stream().limit(DRIFT_SHOWN).anyMatch(x -> !all.contains(x));
        String without = !cleaned || allDriven || !withoutShown ? "" : " (judged without " + String.join(" and ", outWords)
                + " named above)";
        boolean asRead = scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE;
        boolean byMeans = range != null && range.hasSequenceMeans();
        // by group: a shift the far-values warning explained by a unit in that group's sequences, or by a code for a missing
        // value there (trial 76e F2: a carrier's -99 dropouts in °C beside another's °F), told so; the others as before
        List<org.rnnlab.training.FeatureDrift.Shift> byUnit = new ArrayList<>();
        Map<Float, List<String>> codeNames = new java.util.LinkedHashMap<>();
        int byCode = 0;
        java.util.Set<String> unitGroups = new java.util.LinkedHashSet<>();
        for (int k = 0; k < shifts.size(); k++) {
            org.rnnlab.training.FeatureDrift.Shift x = shifts.get(k);
            List<Integer> in = groupSequences(groups, x.group(), data.values().size());
            if (found.unitIn(x.feature(), in)) {
                byUnit.add(x);
                if (x.group() != null) {
                    unitGroups.add("'" + x.group() + "'");
                }
            } else if (found.codeIn(x.feature(), in) != null) {
                byCode++;
                if (drivenWords.get(k).isEmpty() && k < DRIFT_SHOWN) { // "driven by the cells read above as codes" says it
                    codeNames.computeIfAbsent(found.codeIn(x.feature(), in), c -> new ArrayList<>()).add("'"
                            + featureNames.get(x.feature()) + "'" + (x.group() == null ? "" : " in '" + x.group() + "'"));
                }
            }
        }
        List<Integer> scales = byUnit.stream().map(org.rnnlab.training.FeatureDrift.Shift::feature).distinct()
                .filter(temperatures::containsKey).toList();
        // features the far-values warning explained as another unit by a factor (strain logged for microstrain: trial 75a F9,
        // where this block called them a device's offset and advised per-sequence scaling): its explanation, as for °F
        List<Integer> unitShifts = byUnit.stream().map(org.rnnlab.training.FeatureDrift.Shift::feature).distinct()
                .filter(f -> !temperatures.containsKey(f) && found.units().contains(f)).toList();
        boolean onlyScales = scales.size() + unitShifts.size() + byCode > 0 && byUnit.size() + byCode == shifts.size();
        if (findings != null) {
            for (int k = 0; k < shifts.size(); k++) {
                org.rnnlab.training.FeatureDrift.Shift x = shifts.get(k);
                List<Integer> at = groupSequences(groups, x.group(), data.values().size());
                String explained = !drivenWords.get(k).isEmpty() ? "farFromTraining"
                        : byUnit.contains(x) ? (temperatures.containsKey(x.feature()) ? "temperature" : "unit")
                        : found.codeIn(x.feature(), at) != null ? "missingValueCode" : null;
                findings.add(levelFinding(x, featureNames.get(x.feature()), explained, scaling,
                        x.describe(featureNames.get(x.feature())) + drivenWords.get(k)));
            }
        }
        String in = codeNames.isEmpty() || unitGroups.isEmpty() ? "" : "In " + String.join(", ", unitGroups) + ": ";
        String convert = scales.isEmpty() ? "" : " " + in + String.join(", ", scales.stream().map(f -> "'" + featureNames.get(f) + "' "
                + (temperatures.get(f).startsWith("(x") ? "in °F against the training data's °C" : "in °C against the training "
                + "data's °F")).toList()) + ", as the far-values warning above says: convert those sequences (" + String.join(", ",
                scales.stream().map(f -> "'" + featureNames.get(f) + "' with " + temperatures.get(f)).toList()) + ") before "
                + "predicting, and before training on them; per-sequence scaling (sequenceScaling) is no remedy for a unit: it "
                + "would erase every sequence's level";
        // by the warning that named them: the far-values warning's, then the level-shift warning's (trial 80c F4: acc_x and
        // acc_y in mg, named by their spread there, were pointed here to per-sequence scaling)
        for (boolean level : new boolean[] {false, true}) {
            List<Integer> these = unitShifts.stream().filter(f -> found.byLevel().contains(f) == level).toList();
            if (!these.isEmpty()) {
                convert += (convert.isEmpty() ? " " + in : "; ") + String.join(", ", these.stream().map(f -> "'" + featureNames.get(f)
                        + "'").toList()) + ": as the " + (level ? "unit" : "far-values") + " warning above says, another unit? Convert "
                        + "those values to the training data's unit before predicting (per-sequence scaling is no remedy for a unit)";
            }
        }
        err.printf("warning: the new data's level or spread differs from the training data's in %d feature(s), in %s (mean over "
                        + "%.0f training sd from the training mean, %sor sd over %.0f times or under 1/%.0f of the training sd%s%s): %s%s. "
                        + "The model reads them as data at another place than it was trained on: its predictions for them may all "
                        + "lean one way.%s%n",
                features, where, org.rnnlab.training.FeatureDrift.MEAN_SDS, byMeans ? String.format(Locale.ROOT, "or the mean of its "
                        + "sequences' means over %.0f sd of the training sequences' means from theirs (and over %.2g training sd), ",
                        org.rnnlab.training.FeatureDrift.SEQUENCE_MEAN_SDS, org.rnnlab.training.FeatureDrift.POOLED_SHARE) : "",
                org.rnnlab.training.FeatureDrift.SD_RATIO, org.rnnlab.training.FeatureDrift.SD_RATIO,
                // trial 77a F5: a file of two ships, each as spread as any training ship, lay under 1/3 of the pooled sd
                range != null && range.hasSequenceSd() ? String.format(Locale.ROOT, ", a whole file's under 1/%.0f of the training "
                        + "sequences' own sd too", org.rnnlab.training.FeatureDrift.SD_RATIO) : "",
                asRead ? "" : ", after each sequence's own scaling, sequenceScaling " + scaling,
                String.join("; ", shown) + without, shifts.size() > shown.size() ? "; and " + (shifts.size() - shown.size()) + " more" : "",
                withCodeWords(allDriven ? " Those sequences and cells, named above, not the groups, move them: fix or leave out those (as the "
                        + "warnings above say); the rest lies as in training, so there is nothing to retrain for"
                : (onlyScales ? "" : " A device's own offset or gain (a station, sensor or subject), or data of one class only?"
                        + (asRead ? " If the offset or gain varies by device, train with --set sequenceScaling=standardize (each "
                        + "sequence scaled by its own mean and sd; center removes the offset only; either also removes a class "
                        + "told apart by its level, such as a temperature level that marks a class)" + (scales.isEmpty() && unitShifts.isEmpty()
                        ? "" : " for the other features") : "")) + (convert.isEmpty() ? "" : (onlyScales ? "" : ";") + convert), codeNames));
    }

    /**
     * A feature and group {@link #warnFeatureDrift} names, with its numbers: {@code sequences}, {@code mean}, {@code sd},
     * {@code trainMean}, {@code trainSd}, {@code meanSds} (signed), {@code sdRatio}, and where the card keeps the training
     * sequences' means {@code meanOfMeans}, {@code trainMeanOfMeans}, {@code trainSdOfMeans}, {@code sequenceMeanSds}
     * (signed), and {@code trainSequenceSd} (null where not kept); of the values after each sequence's own scaling for a model
     * trained with it ({@code sequenceScaling}).
     */
    private static DriftFinding levelFinding(org.rnnlab.training.FeatureDrift.Shift x, String name, String explained,
                                             org.rnnlab.datasets.csv.SequenceScaling scaling, String sentence) {
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("sequences", x.sequences());
        figures.put("mean", x.mean());
        figures.put("sd", x.sd());
        figures.put("trainMean", x.trainMean());
        figures.put("trainSd", x.trainSd());
        figures.put("meanSds", x.meanSds());
        figures.put("sdRatio", x.sdRatio());
        figures.put("meanOfMeans", x.meanOfMeans());
        figures.put("trainMeanOfMeans", x.trainMeanOfMeans());
        figures.put("trainSdOfMeans", x.trainSdOfMeans());
        figures.put("sequenceMeanSds", Double.isNaN(x.meanOfMeans()) ? Double.NaN : x.sequenceMeanSds());
        figures.put("trainSequenceSd", x.trainSequenceSd());
        return new DriftFinding(name, x.group(), x.levelOff() ? DriftFinding.LEVEL : DriftFinding.SPREAD, explained, null, figures,
                sentence + (scaling == org.rnnlab.datasets.csv.SequenceScaling.NONE ? ""
                        : " (after each sequence's own scaling, sequenceScaling " + scaling + ")"));
    }

    /**
     * The groups the drift warnings judge by ({@link #warnFeatureDrift}, {@link #warnClassDrift}), aligned with the sequences,
     * and their column's name (null: none).
     */
    record DriftGroups(List<String> groups, String column) {
    }

    /** The positions of the sequences of {@code group} (null: the whole file, or no groups: every sequence). */
    static List<Integer> groupSequences(List<String> groups, String group, int size) {
        return java.util.stream.IntStream.range(0, size).filter(i -> group == null || groups == null || groups.size() != size
                || group.equals(groups.get(i))).boxed().toList();
    }

    /**
     * The level blocks' words for shifts ({@code 'air_temp_c' in 'C32NA'}) that a code for a missing value named above moves,
     * by code: {@code  For 'air_temp_c' in 'C32NA', the code -99 named above, a missing value read as a number, not another
     * unit: read it so with --na-values -99 (or write those cells empty), then predict again.}; "" for none.
     */
    static String codeWords(Map<Float, List<String>> codeNames) {
        StringBuilder out = new StringBuilder();
        codeNames.forEach((code, names) -> {
            String written = code == Math.rint(code) ? Long.toString(code.longValue()) : short4(code);
            out.append(" For ").append(String.join(", ", names)).append(", the code ").append(written).append(" named above: ")
                    .append("codes for a missing value, read as numbers, not another unit: read them so with --na-values ")
                    .append(written).append(", as the warning above says (or write those cells empty), then predict again.");
        });
        return out.toString();
    }

    /** {@code tail}, a sentence's end without its period, then {@link #codeWords}, as a sentence of its own. */
    private static String withCodeWords(String tail, Map<Float, List<String>> codeNames) {
        String words = codeWords(codeNames);
        return words.isEmpty() ? tail : tail + (tail.isEmpty() || tail.endsWith(".") || tail.endsWith("?") ? "" : ".") + words;
    }

    /**
     * The model's group column's values, else predict's first {@code --keep-columns} column's (one value per sequence), else
     * none.
     */
    static DriftGroups driftGroups(SequenceClassifier model, NewData data, org.rnnlab.datasets.csv.SequenceColumns.Request keep,
                                   Map<String, List<String>> kept) {
        List<String> groups = data.groups();
        String groupColumn = model.card().csvSchema().map(CsvSchema::group).map(Object::toString).orElse(null);
        if (groups.isEmpty() && keep != null && !keep.isEmpty() && "--keep-columns".equals(keep.option())) {
            List<String> byKept = data.ids().stream().map(id -> kept.get(id) == null ? null : kept.get(id).get(0)).toList();
            if (byKept.stream().allMatch(java.util.Objects::nonNull)) {
                groups = byKept;
                groupColumn = org.rnnlab.datasets.csv.SequenceColumns.column(keep.names().get(0));
            }
        }
        return new DriftGroups(groups, groupColumn);
    }

    /**
     * Once the model has predicted ({@code predicted}: each sequence's most probable class, aligned with {@code data}'s
     * sequences), warns of features whose level over the whole file or one group lies far from that of the training
     * sequences of the classes predicted ({@link org.rnnlab.training.FeatureDrift#judgeByClass}: on average over
     * {@value org.rnnlab.training.FeatureDrift#CLASS_MEAN_SDS} sds of the predicted class's training sequence means): a
     * reefer trial's +2 %RH humidity offset over a whole file, 4.9 sds of all training sequences' means, was inside the 6 that
     * {@link #warnFeatureDrift} allows a group of one class, and turned every 'ok' window into a fault. A feature and group
     * that warning already named is not named again. A whole file's feature whose level matches the training split's overall
     * level ({@link org.rnnlab.training.FeatureDrift.FileLevel#matches}: judged in standard errors of a file's mean) is worded
     * as the predictions leaning toward a class (a weak model, a new class mix), more likely than a device's offset: a trial's
     * weak GRU had clean test data named a device's offset. Nothing for a card without the per-class means (older cards), for text
     * models or a model without a standardiser.
     */
    static void warnClassDrift(SequenceClassifier model, NewData data, DriftGroups groups, int[] predicted, PrintWriter err) {
        warnClassDrift(model, data, groups, predicted, null, null, err);
    }

    /**
     * As above, where the labels are known ({@code actual}, aligned, label order; null: unknown, as predict's) each sequence
     * judged against the training sequences of its labelled class instead of the class predicted, and said so: judged against
     * the classes predicted, a sequence the model gets wrong is judged against another class's level (trial 80g F1: a gain on
     * acc_x and acc_y had 30 walks and climbs called runs, and evaluate named their unchanged temperature, at walking's level,
     * 14.7 sds below running's, and sent the user to "rnnlab evaluate", the command they ran). A labelled file's level off is
     * the data's, whatever the model predicts, so it is not worded as the predictions' leaning. Each feature and group named
     * is also added to {@code findings} ({@link DriftFinding#CLASS_LEVEL}; null: none kept).
     */
    static void warnClassDrift(SequenceClassifier model, NewData data, DriftGroups groups, int[] predicted, int[] actual,
                               List<DriftFinding> findings, PrintWriter err) {
        boolean labelled = actual != null;
        int[] classes = labelled ? actual : predicted;
        org.rnnlab.training.TrainingRange range = model.card().trainingRange();
        if (model.readsText() || model.normalizer() == null || range == null || !range.hasClassSequenceMeans()) {
            return;
        }
        float[] mean = model.normalizer().getMean().toFloatVector();
        float[] std = model.normalizer().getStd().toFloatVector();
        List<org.rnnlab.training.FeatureDrift.ClassShift> shifts = org.rnnlab.training.FeatureDrift.judgeByClass(data.values(),
                groups.groups(), classes, std, range);
        if (shifts.isEmpty()) {
            return;
        }
        // named already by the level warning as the data were read: not again (a group it named also moves the whole file)
        java.util.Set<String> named = new java.util.HashSet<>();
        java.util.Set<Integer> namedInGroups = new java.util.HashSet<>();
        for (org.rnnlab.training.FeatureDrift.Shift s : org.rnnlab.training.FeatureDrift.judge(data.values(), groups.groups(), mean,
                std, range)) {
            if (s.levelOff()) {
                named.add(s.feature() + "\u0000" + s.group());
                if (s.group() != null) {
                    namedInGroups.add(s.feature());
                }
            }
        }
        List<org.rnnlab.training.FeatureDrift.ClassShift> left = shifts.stream().filter(s -> !named.contains(s.feature() + "\u0000"
                + s.group()) && !(s.group() == null && namedInGroups.contains(s.feature()))).toList();
        if (left.isEmpty()) {
            return;
        }
        List<String> featureNames = model.card().input().featureNames();
        long features = left.stream().mapToInt(org.rnnlab.training.FeatureDrift.ClassShift::feature).distinct().count();
        long shiftedGroups = left.stream().map(org.rnnlab.training.FeatureDrift.ClassShift::group).filter(java.util.Objects::nonNull)
                .distinct().count();
        long allGroups = groups.groups() == null ? 0 : groups.groups().stream().distinct().count();
        // groups too small to judge alone (a reefer trial's 9 trucks of 2-4 trips): counted, so that their silence says nothing
        long small = groups.groups() == null ? 0 : groups.groups().stream().collect(java.util.stream.Collectors.groupingBy(g -> g,
                java.util.stream.Collectors.counting())).values().stream().filter(c -> c < org.rnnlab.training.FeatureDrift.MIN_SEQUENCES)
                .count();
        String column = groups.column() == null ? "group" : "'" + groups.column() + "'";
        boolean wholeFile = left.stream().anyMatch(s -> s.group() == null);
        String where = (wholeFile ? "the whole file" : "") + (wholeFile && shiftedGroups > 0 ? " and " : "")
                + (shiftedGroups == 0 ? "" : String.format(Locale.ROOT, "%d of the %d %s value(s)", shiftedGroups, allGroups, column))
                + (small == 0 || allGroups < 2 ? "" : String.format(Locale.ROOT, " (%d of the %d %s value(s) have under %d sequences, "
                        + "too few to judge alone)", small, allGroups, column, org.rnnlab.training.FeatureDrift.MIN_SEQUENCES));
        List<String> shown = left.stream().limit(DRIFT_SHOWN).map(s -> s.describe(featureNames.get(s.feature()), model.labelNames(),
                labelled)).toList();
        // the features the far-values warning explained as another unit (°F, every value tiny, a unit's factor): that warning's
        // explanation, not a device's offset (trial 75a: a new bridge's strain in strain for microstrain, named there, was
        // called "a device's offset (a calibration, a remounted sensor)" here); judged again, silently, as it judged them
        // by group, as the far-values warning explained each group's far values: its unit, or a code for a missing value
        // (trial 76e F2: a carrier's -99 dropouts, in °C, were told to convert to another unit, as another carrier's °F was)
        Far found = farFromTraining(data, mean, std, range, featureNames,
                model.card().csvSchema().map(CsvSchema::sequenceScaling).orElse(org.rnnlab.datasets.csv.SequenceScaling.NONE),
                java.util.Set.of(), Map.of(), new PrintWriter(java.io.Writer.nullWriter()));
        List<String> unitNames = new ArrayList<>();
        Map<Float, List<String>> codeNames = new java.util.LinkedHashMap<>();
        // the whole file's level off by the classes predicted while it matches the training split's overall level: the
        // predictions', not the data's (trial 79f F1: a weak GRU that called 13 of 14 swipes 'tap' had a clean test file's gz,
        // 0.03 training sd from training's level, called "a device's offset", which sends a port's developer to the sensors)
        List<String> offsetNames = new ArrayList<>();
        List<String> leaningNames = new ArrayList<>();
        org.rnnlab.training.FeatureDrift.ClassShift leaning = null;
        for (org.rnnlab.training.FeatureDrift.ClassShift s : left) {
            List<Integer> in = groupSequences(groups.groups(), s.group(), data.values().size());
            String name = "'" + featureNames.get(s.feature()) + "'" + (s.group() == null ? "" : " in '" + s.group() + "'");
            org.rnnlab.training.FeatureDrift.FileLevel level = s.group() != null ? null
                    : org.rnnlab.training.FeatureDrift.fileLevel(data.values(), s.feature(), std, range);
            String explained;
            if (found.unitIn(s.feature(), in)) {
                unitNames.add(name);
                explained = "unit";
            } else if (found.codeIn(s.feature(), in) != null) {
                codeNames.computeIfAbsent(found.codeIn(s.feature(), in), k -> new ArrayList<>()).add(name);
                explained = "missingValueCode";
            } else if (!labelled && level != null && level.matches()) {
                // a labelled file's sequences are judged against their own classes: no prediction leans there
                leaningNames.add(name + " (" + level.describe() + ")");
                leaning = leaning == null ? s : leaning;
                explained = "predictionsLeaning";
            } else {
                offsetNames.add(name);
                explained = null;
            }
            if (findings != null) {
                findings.add(classFinding(s, featureNames.get(s.feature()), model.labelNames(), labelled, explained));
            }
        }
        int codeCount = codeNames.values().stream().mapToInt(List::size).sum();
        boolean allExplained = offsetNames.isEmpty() && leaningNames.isEmpty();
        boolean leaningOnly = !leaningNames.isEmpty() && offsetNames.isEmpty() && unitNames.isEmpty() && codeCount == 0;
        String why = (offsetNames.isEmpty() ? "" : labelled ? " A device's offset (a calibration, a remounted sensor)?"
                : leaningNames.isEmpty() ? " A device's offset (a calibration, a remounted sensor) that the model reads as a class?"
                : " For " + String.join(", ", offsetNames) + ": a device's offset (a calibration, a remounted sensor) that the model "
                + "reads as a class?")
                + (unitNames.isEmpty() ? "" : (allExplained && codeCount == 0 ? " " : " For ") + String.join(", ", unitNames)
                + (allExplained && codeCount == 0 ? ": " : ", ") + "as the far-values warning above says: another unit? Convert "
                + "those values to the training data's unit before predicting.") + codeWords(codeNames)
                + (leaning == null ? "" : leaningWords(leaningNames, leaning, range, model.labelNames()));
        err.printf(Locale.ROOT, "warning: %s, in %d feature(s), in %s (each sequence's mean against the training sequences' means "
                        + "of its %s class: on average over %.0f of their sds away, and over %.2g training sd, over half of "
                        + "them over %.0f sd on that side): %s%s.%s%s%n", labelled
                        ? "the new data's level differs from that of the training sequences of their own classes (judged by the "
                        + "labels of this file, not by the classes the model predicted)"
                        : leaningOnly
                        ? "the new data's sequences lie far from the training sequences of the classes the model predicted for them, "
                        + "though the whole file's level matches the training data's"
                        : "the new data's level differs from that of the training sequences of the classes the model predicted for "
                        + "them", features, where, labelled ? "labelled" : "predicted",
                org.rnnlab.training.FeatureDrift.CLASS_MEAN_SDS, org.rnnlab.training.FeatureDrift.POOLED_SHARE,
                org.rnnlab.training.FeatureDrift.MAJORITY_SDS, String.join("; ", shown),
                left.size() > shown.size() ? "; and " + (left.size() - shown.size()) + " more" : "", why,
                leaningOnly ? "" : labelled ? " The model may read such a level as another class: compare the recall of each class "
                        + "below" : " Its predictions for them may all lean one way");
        err.flush();
    }

    /**
     * A feature and group {@link #warnClassDrift} names, with its numbers: {@code sequences}, {@code meanSds} (the mean of
     * each sequence's distance from its class's training level, in that class's sds of the training sequences' means,
     * signed), {@code meanDifference} (the mean difference, signed), {@code meanDifferenceTrainingSds} (that in pooled
     * training sd, signed), {@code trainSd}, {@code sameSide} (the sequences over 1 such sd out on that side) and
     * {@code classes} (how many sequences of each class, labelled or predicted as {@code classesBy} says).
     */
    private static DriftFinding classFinding(org.rnnlab.training.FeatureDrift.ClassShift s, String name, List<String> labels,
                                             boolean labelled, String explained) {
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("sequences", s.sequences());
        figures.put("meanSds", s.meanSds());
        figures.put("meanDifference", s.meanDifference());
        figures.put("meanDifferenceTrainingSds", s.meanDifference() / s.trainSd());
        figures.put("trainSd", s.trainSd());
        figures.put("sameSide", s.sameSide());
        Map<String, Object> counts = new java.util.LinkedHashMap<>();
        int[] byClass = s.predicted();
        for (int c = 0; c < byClass.length; c++) {
            if (byClass[c] > 0) {
                counts.put(c < labels.size() ? labels.get(c) : String.valueOf(c), byClass[c]);
            }
        }
        figures.put("classes", counts);
        return new DriftFinding(name, s.group(), DriftFinding.CLASS_LEVEL, explained, labelled ? "labelled" : "predicted", figures,
                s.describe(name, labels, labelled));
    }

    /**
     * The words for features whose whole file's level matches the training split's though its sequences lie far from the
     * training sequences of the classes predicted for them ({@link org.rnnlab.training.FeatureDrift.FileLevel#matches}):
     * {@code names} with their levels, the class the predictions lean toward ({@code shift}'s, the whole file's) against its
     * share of the training sequences, and a weak model or a new class mix as more likely than a device's offset (review 79
     * R3: a likelihood, as a matching level makes an offset unlikely, not impossible).
     */
    private static String leaningWords(List<String> names, org.rnnlab.training.FeatureDrift.ClassShift shift,
                                       org.rnnlab.training.TrainingRange range, List<String> labels) {
        int c = shift.leaning(range);
        String lean;
        if (c < 0) {
            lean = "the predictions hold about the training data's shares of the classes";
        } else {
            long training = 0;
            for (int k = 0; k < range.classCount(); k++) {
                training += range.classSequences(k, shift.feature());
            }
            lean = String.format(Locale.ROOT, "the predictions lean toward '%s' (%d of the %d sequences, against %.0f%% of the "
                            + "training sequences)", c < labels.size() ? labels.get(c) : String.valueOf(c), shift.predicted()[c],
                    shift.sequences(), 100.0 * range.classSequences(c, shift.feature()) / training);
        }
        return String.format(Locale.ROOT, " The whole file's level matches the training data's (within %.0f standard errors of "
                        + "the training sequences' mean of means, or %.2g training sd) in %s: %s, and each sequence is judged "
                        + "against the level of the class predicted for it. More likely a weak model%s than a device's offset, which "
                        + "would move the whole file's level: check the model on labelled data (rnnlab evaluate) before the "
                        + "sensors.", org.rnnlab.training.FeatureDrift.FILE_LEVEL_ERRORS, org.rnnlab.training.FeatureDrift.POOLED_SHARE,
                String.join(", ", names), lean, c < 0 ? "" : " or new data with other shares of the classes");
    }

    /**
     * Warns of sequences holding a feature at one value over {@value org.rnnlab.training.TrainingRange#CONSTANT_STEPS} or more
     * steps where under 1% of the training sequences did ({@link org.rnnlab.training.TrainingRange#constantFeatures}).
     */
    static void warnConstantFeatures(List<float[][]> values, List<String> ids, org.rnnlab.training.TrainingRange range,
                                     java.util.Set<Integer> categories, List<String> featureNames, int total, PrintWriter err) {
        List<String> named = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < values.size(); i++) {
            List<Integer> constant = range.constantFeatures(values.get(i), categories);
            if (!constant.isEmpty()) {
                if (count++ < 5) {
                    named.add("'" + ids.get(i) + "' (" + (constant.size() == featureNames.size() ? "every feature"
                            : String.join(", ", constant.stream().map(f -> "'" + featureNames.get(f) + "'").toList())) + ")");
                }
            }
        }
        if (count > 0) {
            err.printf(Locale.ROOT, "warning: %d of the %d sequences hold a feature at one value over all their steps, which under "
                    + "%.0f%% of the training sequences did: %s%s: a frozen sensor or tracker, a dead channel, a repeated frame? Their "
                    + "predictions read it as data%n", count, total, 100 * org.rnnlab.training.TrainingRange.RARELY_CONSTANT,
                    String.join(", ", named), count > named.size() ? " and " + (count - named.size()) + " more" : "");
        }
    }

    /**
     * Warns of values of a code column ({@link org.rnnlab.datasets.csv.FeatureCodes}: categories written as numbers) that
     * were not among its training codes ({@link NewData#unseenCodes}): the model reads them as numbers, like their numeric
     * neighbours (a trial's unseen merchant code 9999 flagged 18 of 50 accounts as fraud, 5411's none, without a word).
     */
    static void warnUnseenCodes(List<String> unseen, PrintWriter err) {
        if (!unseen.isEmpty()) {
            err.printf("warning: code(s) never seen in training, in %d feature(s) whose training values looked like codes of "
                    + "categories: %s. The model reads a code as a number, so it scores an unseen one like its numeric "
                    + "neighbours: these predictions are guesses (one-hot the column and train on data holding the code to score "
                    + "it as a category)%n", unseen.size(), String.join("; ", unseen));
        }
    }

    /**
     * How near, as a factor, the sd's ratio (new data to training) must be to the mean's for {@link #warnLevelShift}: within
     * 30%, looser than the 3% of a whole feature's exact rescaling, as one session's spread is a small sample of training's.
     */
    static final double SD_AS_MEAN = 1.3;

    /**
     * Warns of features at a level far from zero in training (the mean more than 2 training sd from 0, as gravity on a
     * vertical axis) whose mean here is a quarter of it or less, or 4 times or more: another unit (a new athlete's session in
     * g, a factor 9.81, scored 0.30 without a word: its values lay within 3 training sd, not far enough for
     * {@link #warnFarFromTraining}). Only when the sd moved by about the same factor ({@link #SD_AS_MEAN}), as a change of
     * unit moves both, and not for a feature named as a temperature ({@code TemperatureUnits.temperatureName}): its zero is
     * arbitrary, so a ratio of two levels is no unit's (a wind-farm trial's February nacelle temperature, 9.5 °C against
     * a year's 18.9, was called "pounds against kilograms"); °F against °C is judged by its own rule. A feature about 0 in
     * training (a horizontal axis) is judged by its spread alone: an sd within 12% of a unit's factor of {@value #SPREAD_FACTOR} or
     * more times training's (not 8 or 9.81: a session 9 times livelier is no unit) (or as small a fraction), the mean brought back by it within one training sd of training's,
     * and the name no unitless one's ({@link org.rnnlab.datasets.UnitFactors#unitless}). Returns the features named, which
     * the level block then explains by their unit, not by a device's offset or gain.
     */
    static java.util.Set<Integer> warnLevelShift(NewData data, float[] mean, float[] std, List<String> featureNames,
                                                 PrintWriter err) {
        return warnLevelShift(data, mean, std, featureNames, null, err);
    }

    /** As above, each feature named also added to {@code findings} ({@link DriftFinding#UNIT}; null: none kept). */
    static java.util.Set<Integer> warnLevelShift(NewData data, float[] mean, float[] std, List<String> featureNames,
                                                 List<DriftFinding> findings, PrintWriter err) {
        List<DriftFinding> unitFindings = new ArrayList<>();
        List<String> shifted = new ArrayList<>();
        java.util.Set<Integer> named = new java.util.LinkedHashSet<>();
        boolean bySpread = false;
        for (int f = 0; f < mean.length; f++) {
            if (org.rnnlab.datasets.csv.TemperatureUnits.temperatureName(featureNames.get(f)) || !(std[f] > 0)) {
                continue;
            }
            boolean level = Math.abs(mean[f]) > 2 * std[f] && mean[f] != 0;
            if (!level && org.rnnlab.datasets.UnitFactors.unitless(featureNames.get(f))) {
                continue;
            }
            double sum = 0;
            double sumSquares = 0;
            long count = 0;
            for (float[][] q : data.values()) {
                for (float[] step : q) {
                    if (!Float.isNaN(step[f])) {
                        sum += step[f];
                        sumSquares += (double) step[f] * step[f];
                        count++;
                    }
                }
            }
            if (count == 0) {
                continue;
            }
            double ratio = sum / count / mean[f];
            double sd = Math.sqrt(Math.max(0, sumSquares / count - (sum / count) * (sum / count)));
            double sdRatio = sd / std[f];
            if (level) {
                // a factor between units only: a winter file at a fifth of summer's temperatures, or parked vehicles' speeds, are
                // other data, not another unit (a review); and a unit scales the spread as it does the level
                java.util.Optional<String> unit = org.rnnlab.datasets.UnitFactors.named(ratio);
                if (Double.isFinite(ratio) && unit.isPresent() && sdRatio > 0
                        && Math.abs(Math.log(Math.abs(ratio)) - Math.log(sdRatio)) < Math.log(SD_AS_MEAN)) {
                    named.add(f);
                    shifted.add(String.format(Locale.ROOT, "'%s' (mean here %s, in training %s: %s; %s)", featureNames.get(f),
                            short4((float) (sum / count)), short4(mean[f]), Math.abs(ratio) >= 1 ? String.format(Locale.ROOT,
                                    "%.3g times", ratio) : String.format(Locale.ROOT, "1/%.3g", 1 / ratio), unit.get()));
                    unitFindings.add(unitFinding(featureNames.get(f), sum / count, mean[f], sd, std[f], ratio,
                            shifted.get(shifted.size() - 1)));
                }
                continue;
            }
            // a feature about 0 (a horizontal axis): its level says no factor, its spread does (trial 80c F4: acc_x and acc_y in
            // mg, sd 1000 times training's, were pointed to per-sequence scaling while acc_z, at 1 g, was named a unit). A
            // factor of 100 or more only (a lively session spreads 2 or 3 times wider, a faulty machine's vibration 9 times), and the level brought back by it within
            // one training sd of the training level
            java.util.Optional<org.rnnlab.datasets.UnitFactors.Factor> factor = org.rnnlab.datasets.UnitFactors.factor(sdRatio, SPREAD_TOLERANCE);
            if (factor.isPresent() && factor.get().factor() >= SPREAD_FACTOR
                    && Math.abs((sdRatio >= 1 ? sum / count / factor.get().factor() : sum / count * factor.get().factor()) - mean[f])
                    <= std[f]) {
                named.add(f);
                bySpread = true;
                shifted.add(String.format(Locale.ROOT, "'%s' (sd here %s, in training %s: %s; %s; its mean %s about 0 says no "
                                + "factor)", featureNames.get(f), short4((float) sd), short4(std[f]), sdRatio >= 1
                                ? String.format(Locale.ROOT, "%.3g times", sdRatio) : String.format(Locale.ROOT, "1/%.3g", 1 / sdRatio),
                        factor.get().named(), short4((float) (sum / count))));
                unitFindings.add(unitFinding(featureNames.get(f), sum / count, mean[f], sd, std[f], Double.NaN,
                        shifted.get(shifted.size() - 1)));
            }
        }
        if (findings != null) {
            findings.addAll(unitFindings);
        }
        if (!shifted.isEmpty()) {
            err.printf("warning: %d feature(s) of the new data sit at another level %sthan in training, by a factor between units: "
                    + "%s. Another unit? The model reads them as other data: bring them to the training data's unit%n", shifted.size(),
                    bySpread ? "or spread " : "", String.join("; ", shifted.subList(0, Math.min(5, shifted.size())))
                            + (shifted.size() > 5 ? "; and " + (shifted.size() - 5) + " more" : ""));
        }
        return named;
    }

    /**
     * A feature {@link #warnLevelShift} names: its mean and sd here and in training, their ratios ({@code meanRatio} NaN,
     * written null, for a feature about 0 named by its spread).
     */
    private static DriftFinding unitFinding(String name, double mean, float trainMean, double sd, float trainSd, double meanRatio,
                                            String sentence) {
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("mean", mean);
        figures.put("trainMean", trainMean);
        figures.put("meanRatio", meanRatio);
        figures.put("sd", sd);
        figures.put("trainSd", trainSd);
        figures.put("sdRatio", sd / trainSd);
        return new DriftFinding(name, null, DriftFinding.UNIT, "unit", null, figures, sentence);
    }

    /**
     * The smallest unit factor by which a spread alone names a unit in {@link #warnLevelShift}: 100. A session of a feature
     * about 0 may spread 8 or 10 times wider or narrower than training's for reasons of its own (a fault vibrating 9 times
     * harder, parked data with 1/9 of driving's spread); 8 and 9.81 were called units for any sd 7.2 to 11 times training's
     * (review 80b R2). A spread 100, 1000 or 10⁶ times training's is no change in activity.
     */
    static final double SPREAD_FACTOR = 100;

    /**
     * How near, as a factor, a spread's ratio must be to a unit's for {@link #warnLevelShift} to name it: within 12%. Not
     * tighter: a new file's sd is a sample of another session's activity, and a g to mg export of two athletes had acc_y's
     * sd 966 times training's; what keeps changes in activity out is {@link #SPREAD_FACTOR}.
     */
    static final double SPREAD_TOLERANCE = 1.12;

    /**
     * When one value makes up most of a feature's far values (3 or more times, exactly): said as the code for missing it
     * may be (a trial's -9999 rain at prediction was lumped with genuine storms as "another unit or scale"), else "".
     */
    static String sentinel(List<float[][]> sequences, int f, float mean, float std) {
        java.util.Map<Float, Integer> counts = new java.util.HashMap<>();
        int far = 0;
        for (float[][] sequence : sequences) {
            for (float[] step : sequence) {
                float v = step[f];
                if (!Float.isNaN(v) && Math.abs(v - mean) > org.rnnlab.training.FarFromTraining.FAR * std) {
                    far++;
                    if (counts.size() < 1000 || counts.containsKey(v)) {
                        counts.merge(v, 1, Integer::sum);
                    }
                }
            }
        }
        var most = counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElse(null);
        // nearly all far values (90%), or most of them and written as codes are (-9999, 999): a trial's packet lengths in bits
        // made a full-size packet (11584, 75% of the far values) "a code for a missing value", which would blank the data
        if (most == null || most.getValue() < 3 || most.getValue() * 10L < far * 9L && !(most.getValue() * 2 >= far
                && codeLike(most.getKey()))) {
            return "";
        }
        // exactly, as FarReason writes a code: rounded to 4 digits, 54321.5 read "--na-values 5.432e+04", which matches nothing
        // (review 81a R5)
        String written = most.getKey() == Math.rint(most.getKey()) ? Long.toString(most.getKey().longValue())
                : Float.toString(most.getKey());
        if (most.getKey() == 0f && zerosInZeroRows(sequences, f) * 10L >= most.getValue() * 9L) {
            // zeros of rows of 0 in every feature: empty frames, said by the placeholder-rows warning, where --na-values 0
            // would blank the real zeros of every feature too (a container trial followed this advice: 49 of 72 sequences
            // dropped, accuracy 0.85 -> 0.22)
            return String.format(Locale.ROOT, "; %d of the %d far values are exactly 0, in rows of 0 in every feature (see the "
                    + "warning on such rows)", most.getValue(), far);
        }
        return String.format(Locale.ROOT, "; %d of the %d far values are exactly %s: a code for a missing value? Read it so with "
                + "--na-values %s (in every feature; then filled by the --missing policy; for a model trained with --missing error give one, e.g. --missing interpolate), or write those cells empty (pandas: df.replace(%s, "
                + "float('nan')).to_csv(..., index=False)), or train with --set naValues=%s, which the model then applies",
                most.getValue(), far, written, written, written, written);
    }

    /** How many values of feature {@code f} are 0 in a step whose every feature is 0. */
    private static long zerosInZeroRows(List<float[][]> sequences, int f) {
        long n = 0;
        for (float[][] sequence : sequences) {
            for (float[] step : sequence) {
                if (step[f] == 0f && java.util.stream.IntStream.range(0, step.length).allMatch(j -> step[j] == 0f)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** {@link org.rnnlab.datasets.csv.MissingValues#codeLike}. */
    static boolean codeLike(float v) {
        return org.rnnlab.datasets.csv.MissingValues.codeLike(v);
    }

    private static String short4(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Standard input ({@code -}) or something readable that is neither a regular file nor a folder (a pipe, a FIFO). */
    static boolean isStream(Path input) {
        return input.toString().equals("-") || Files.exists(input) && !Files.isDirectory(input) && !Files.isRegularFile(input);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    /**
     * The columns of {@code keep} ({@code predict --keep-columns lang}) of a text file whose header names its columns
     * ({@link org.rnnlab.datasets.text.TextColumns}: id, text, label where given, and others), by the texts' ids into
     * {@code kept}; a name the header does not give, or a file without such a header, is refused naming the file and its
     * columns. With {@code warn} (predict), the header's other columns that are not kept are said (not read, and not copied).
     */
    static void keepTextColumns(Path input, String idColumn, org.rnnlab.datasets.csv.SequenceColumns.Request keep, List<String> ids,
                                Map<String, List<String>> kept, boolean warn, PrintWriter err) {
        if (input.toString().equals("-") || !Files.isRegularFile(input)) {
            if (!keep.isEmpty()) {
                throw new IllegalArgumentException(keep.option() + " of a text model reads a file's header of columns (e.g. "
                        + "'id<TAB>lang<TAB>text'), and " + input + " is no regular file");
            }
            return;
        }
        List<String> lines = org.rnnlab.datasets.text.TextDataset.readLines(input);
        org.rnnlab.datasets.text.TextColumns columns = org.rnnlab.datasets.text.TextColumns.find(input, lines, l -> false, idColumn);
        if (columns == null) {
            if (!keep.isEmpty()) {
                throw new org.rnnlab.datasets.DatasetFormatException(input, keep.option() + " " + String.join(",", keep.names())
                        + ": the file's first line names no columns (expected a header such as 'id<TAB>" + keep.names().get(0)
                        + "<TAB>text', the texts with their ids and the columns to copy)");
            }
            return;
        }
        List<String> names = new ArrayList<>();
        for (String k : keep.names()) {
            String name = columns.names().stream().filter(n -> n.equalsIgnoreCase(k)).findFirst().orElse(null);
            if (name == null || columns.names().indexOf(name) == columns.text()) {
                throw new org.rnnlab.datasets.DatasetFormatException(input, columns.line(), keep.option() + " " + k + ": the header '"
                        + columns.layout() + "' names no such column (expected one of " + columns.names().stream()
                        .filter(n -> columns.names().indexOf(n) != columns.text()).toList() + "; the text itself is not copied)");
            }
            names.add(name);
        }
        Map<String, List<String>> byId = new java.util.HashMap<>();
        for (org.rnnlab.datasets.text.TextColumns.Row row : columns.rows(input, lines)) {
            List<String> values = new ArrayList<>();
            for (String n : names) {
                int c = columns.names().indexOf(n);
                values.add(c == columns.id() ? row.id() : c == columns.label() ? row.label() : row.others().get(n));
            }
            byId.put(row.id(), values);
        }
        if (!names.isEmpty()) {
            ids.forEach(id -> kept.put(id, byId.getOrDefault(id, java.util.Collections.nCopies(names.size(), ""))));
        }
        List<String> unread = columns.others().stream().filter(n -> !names.contains(n)).toList();
        if (warn && !unread.isEmpty()) {
            err.printf("predict: warning: %s:%d: column(s) %s of the header '%s' are not read (the model reads the texts alone) "
                    + "and not copied: --keep-columns %s copies them beside each prediction%n", input, columns.line(),
                    unread.stream().map(org.rnnlab.datasets.LabelCheck::quoted).toList(), String.join("<TAB>", columns.names()),
                    String.join(",", unread));
            err.flush();
        }
    }

    private static NewData readFile(SequenceClassifier model, Path input, boolean labelRequired, NewData.TextLayout layout,
                                    MissingValues missing, List<String> naValues, Character delimiter, List<String> ignore,
                                    org.rnnlab.datasets.csv.SequenceColumns.Request keep, Map<String, List<String>> kept,
                                    List<DriftFinding> findings, PrintWriter err) {
        refuseJson(model, input, labelRequired);
        NewData data;
        if (model.readsText()) {
            if (missing != null || !naValues.isEmpty()) {
                throw new IllegalArgumentException((missing != null ? "--missing" : "--na-values") + " does not apply to a text model");
            }
            if (!ignore.isEmpty() || delimiter != null || org.rnnlab.datasets.csv.DecimalSeparator.given() != null) {
                throw new IllegalArgumentException((delimiter != null ? "--delimiter"
                        : org.rnnlab.datasets.csv.DecimalSeparator.given() != null ? "--decimal" : "--ignore-columns")
                        + " does not apply to a text model (it reads texts, not CSV columns)");
            }
            data = NewData.text(input, model.card().encoder().orElseThrow(), model.labelNames(),
                    labelRequired ? NewData.TextLayout.LABELLED : layout);
            // the texts without tokens too: predict writes their rows, without a label, with the columns kept
            keepTextColumns(input, model.card().encoder().orElseThrow().idColumn(), keep,
                    java.util.stream.Stream.concat(data.ids().stream(), data.emptyTexts().stream()).toList(), kept, !labelRequired, err);
        } else {
            CsvSchema schema = schema(model.card(), input, delimiter == null ? ',' : delimiter);
            if (delimiter != null) {
                schema = schema.withDelimiter(delimiter);
            }
            MissingValues trained = schema.missing();
            boolean otherPolicy = missing != null && missing != schema.missing();
            if (otherPolicy) {
                schema = schema.withMissing(missing);
            }
            if (!naValues.isEmpty()) {
                schema = schema.withNaValues(naValues);
            }
            if (!keep.isEmpty()) {
                refuseKeepColumns(schema, input, keep.option());
            }
            if (!ignore.isEmpty()) {
                schema = schema.withIgnored(ignore); // the user's own list first: its errors name only what was given to it
            }
            // kept columns the model does not read are left out of the sequences, not refused as unknown
            java.util.Set<String> readByModel = schema.readNames();
            List<String> leftOut = new ArrayList<>(ignore);
            keep.names().stream().map(org.rnnlab.datasets.csv.SequenceColumns::column)
                    .filter(c -> !readByModel.contains(c) && !leftOut.contains(c)).distinct().forEach(leftOut::add);
            if (leftOut.size() > ignore.size()) {
                schema = schema.withIgnored(leftOut);
            }
            // with another policy, also each sequence's fingerprint as the model's policy reads it (evaluate's seen-check)
            org.rnnlab.datasets.csv.CsvSequenceDataset.codeCellsRead(); // the count of cells blanked by codes starts here
            try {
                data = NewData.csv(input, schema, labelRequired, trained, model.labelNames(), keep, kept);
            } catch (RuntimeException e) {
                if (otherPolicy && e.getMessage() != null && e.getMessage().contains("--missing")) {
                    // refused for a missing value under the policy given: say which policy that was
                    err.printf("note: missing values handled with --missing %s instead of the model's %s%n", missing, trained);
                }
                if (model.card().csvSchema().isEmpty() && e instanceof org.rnnlab.datasets.DatasetFormatException d) {
                    throw defaultLayout(d, model.card().input().featureNames());
                }
                throw e;
            }
            if (!ignore.isEmpty()) {
                refuseAbsentIgnored(input, data.columns(), ignore);
            }
            if (otherPolicy) { // once the data are read: a file refused for another reason does not get this note first
                err.printf("note: missing values handled with --missing %s instead of the model's %s%n", missing, trained);
            }
            long coded = org.rnnlab.datasets.csv.CsvSequenceDataset.codeCellsRead();
            if (!naValues.isEmpty()) {
                err.printf("note: cells written %s read as missing values (--na-values)%s, then handled by --missing %s: %d "
                        + "feature cell(s) held a code%s%n", String.join(" or ", naValues), model.card().dataSchema().naValues().isEmpty()
                        ? "" : ", as the model's own codes " + String.join(", ", model.card().dataSchema().naValues()) + " are",
                        schema.missing().toString(), coded, coded == 0 ? " (none: is the code written "
                        + "otherwise in this file?)" : "");
            }
        }
        if (!data.truncated().isEmpty()) {
            err.println(truncationWarning(data, model.card().encoder().orElseThrow()));
        }
        if (!data.dropped().isEmpty()) {
            err.printf("warning: %d sequence(s) dropped for missing values (--missing drop drops each sequence with a gap; "
                    + "drop-steps one with a gap in every step; ffill, interpolate and zero only one with a feature that has no value "
                    + "at all), e.g. %s%n", data.dropped().size(),
                    data.dropped().subList(0, Math.min(5, data.dropped().size())));
        }
        if (!model.readsText()) {
            TrainedLengths trained = TrainedLengths.of(model.card()); // prefixes trained on (--augment prefix=R) count
            warnUntrainedLengths(data, trained.minLength(), trained.maxLength(), err);
            // rows with none (or more than one) of a one-hot group at 1: judged on the values as written, whatever the scaling
            data.oneHotRows().forEach(w -> err.println("warning: " + w));
            if (model.normalizer() != null) {
                // the columns the user gave (--keep-columns, --group-column): what the sequences or groups named may all share
                Map<String, List<String>> given = givenColumns(data, keep, kept);
                warnIgnoredConstants(data, model.normalizer().getMean().toFloatVector(), model.normalizer().getStd().toFloatVector(),
                        model.card().input().featureNames(), err);
                Far found = farFromTraining(data, model.normalizer().getMean().toFloatVector(), model.normalizer().getStd().toFloatVector(),
                        model.card().trainingRange(), model.card().input().featureNames(), model.card().csvSchema().map(CsvSchema::sequenceScaling)
                                .orElse(org.rnnlab.datasets.csv.SequenceScaling.NONE), model.categoryFeatures(), given, err);
                // by the model's group column, else predict's first --keep-columns column, else evaluate's --group-column
                DriftGroups clipGroups = driftGroups(model, data, keep, kept);
                if (clipGroups.groups().isEmpty()) {
                    clipGroups = given.entrySet().stream().filter(e -> e.getValue().stream().allMatch(java.util.Objects::nonNull))
                            .findFirst().map(e -> new DriftGroups(e.getValue(), e.getKey())).orElse(clipGroups);
                }
                warnClipped(data, model.card().trainingRange(), model.card().input().featureNames(), model.card().csvSchema()
                        .map(CsvSchema::sequenceScaling).orElse(org.rnnlab.datasets.csv.SequenceScaling.NONE), clipGroups.groups(),
                        clipGroups.column(), given, err);
                if (model.card().csvSchema().map(CsvSchema::sequenceScaling).orElse(org.rnnlab.datasets.csv.SequenceScaling.NONE)
                        == org.rnnlab.datasets.csv.SequenceScaling.NONE) {
                    // the features named as another unit: the level block refers to it, not to per-sequence scaling (80c F4)
                    found = found.withUnits(warnLevelShift(data, model.normalizer().getMean().toFloatVector(),
                            model.normalizer().getStd().toFloatVector(), model.card().input().featureNames(), findings, err));
                }
                warnUnseenCodes(data.unseenCodes(), err); // whatever the scaling: judged on the values as written
                // per group: the model's group column, else predict's first --keep-columns column (one value per sequence)
                DriftGroups drift = driftGroups(model, data, keep, kept);
                List<String> groups = drift.groups();
                String groupColumn = drift.column();
                warnFeatureDrift(data, groups, groupColumn, model.normalizer().getMean().toFloatVector(),
                        model.normalizer().getStd().toFloatVector(), model.card().trainingRange(), model.card().input().featureNames(),
                        model.card().csvSchema().map(CsvSchema::sequenceScaling).orElse(org.rnnlab.datasets.csv.SequenceScaling.NONE),
                        given, found, findings, err);
            }
        }
        err.flush();
        return data;
    }

    /**
     * Refuses {@code --keep-columns} (or {@code option}, which takes columns the same way: {@code --baseline-column}) where it
     * cannot apply: it copies columns of one long-layout file with a header, one value per sequence, or of the labels file
     * of a folder (one row per sequence file).
     */
    private static void refuseKeepColumns(CsvSchema schema, Path input, String option) {
        if (!CsvSchema.LONG.equals(schema.layout())) {
            // the folder layout: the labels file's columns, one row per sequence (a trial joined its patients by hand)
            if (Files.isDirectory(input) ? !Files.isRegularFile(input.resolve("labels.csv"))
                    : !org.rnnlab.datasets.csv.CsvSequenceDataset.isLabelsFile(input, schema.delimiterChar())) {
                throw new IllegalArgumentException(option + " copies columns of the labels file of this model's folder layout "
                        + "(one row per sequence file), and " + input + " has none: give the folder with its labels.csv, or the "
                        + "labels file");
            }
            return;
        }
        if (!schema.header()) {
            throw new IllegalArgumentException(option + " names columns by header name, but this model reads files without "
                    + "a header (columns by position)");
        }
        if (Files.isDirectory(input) && !Files.isRegularFile(input.resolve("labels.csv"))) {
            // with a labels.csv, its columns are taken, one row per sequence file, as for a folder-layout model (trial 77c F6:
            // evaluate --group-column driver of a folder whose labels.csv held it was refused for a long-layout model only)
            throw new IllegalArgumentException(option + " copies columns of one long-layout CSV file, and " + input + " is a "
                    + "folder of one file per sequence without a labels.csv: give the sequences as one file, or the folder with a "
                    + "labels.csv holding the column (file and one value per sequence file) to keep columns");
        }
    }

    /**
     * Refuses {@code --ignore-columns} names that are no column of the input: a user's {@code --ignore-columns temp,nosuch}
     * went through without a word, so a misspelt name (the column meant still read, or refused) was never pointed out.
     * {@code names} are the header names of the files read.
     */
    private static void refuseAbsentIgnored(Path input, List<String> names, List<String> ignore) {
        // the header names of the files the reader read (not a listing of the folder of its own: that read dot-files and
        // empty recordings the reader skips, and missed .CSV names and listed files in sub-folders)
        List<String> absent = ignore.stream().filter(n -> !names.contains(n)).distinct().toList();
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("--ignore-columns " + String.join(",", ignore) + ": no column named "
                    + absent.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", ")) + " in "
                    + org.rnnlab.datasets.InputNames.shown(input) + " (its columns are " + names + "; names must match the "
                    + "header as written)");
        }
    }

    /**
     * Refuses a JSON file, the body one sends to {@code serve}: read as CSV it was "empty file: no data rows after the header"
     * or "2 columns (expected 1 as in the header [{])", and a text model classified it as a text. A file is JSON when its
     * name ends in .json, or when it starts with '{' or '[' and parses as JSON whole.
     */
    static void refuseJson(SequenceClassifier model, Path input, boolean labelRequired) {
        if (!Files.isRegularFile(input) || !looksLikeJson(input)) {
            return;
        }
        String command = labelRequired ? "evaluate" : "predict";
        String reads = model.readsText()
                ? "texts, one per line, or 'label<TAB>text' lines as in training" + (labelRequired ? "" : " (the label may be blank)")
                : "CSV sequences in the layout the model was trained on (" + schema(model.card(), input).describeColumns()
                        + "; '" + schema(model.card(), input).delimiter().replace("\t", "\\t") + "'-separated)";
        throw new org.rnnlab.datasets.DatasetFormatException(input, "the file is JSON, but " + command + " reads " + reads
                + "; JSON bodies (" + (model.readsText() ? "{\"texts\": [...]}" : "{\"sequences\": [[[...]]]}") + ") are for "
                + "rnnlab serve's POST /predict");
    }

    private static boolean looksLikeJson(Path input) {
        if (input.getFileName() != null && input.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            return true;
        }
        try {
            if (Files.size(input) > (64L << 20)) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(input);
            String text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
            if (!(text.startsWith("{") || text.startsWith("["))) {
                return false;
            }
            // whole: a text file whose first line starts with a JSON value ('[1] great film') is not JSON
            com.fasterxml.jackson.databind.JsonNode node = org.rnnlab.core.Json.mapper().reader()
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            return node != null && node.isContainerNode();
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    /**
     * Texts longer than the model's maximum length are read in part, as in training; without a word the user would
     * not know that the end (or start) of a long text played no role in its prediction.
     */
    static String truncationWarning(NewData data, TextEncoder encoder) {
        int max = encoder.maxLength();
        String first = data.truncated().get(0);
        String firstName = data.textNames().get(data.ids().indexOf(first)); // 'line 4', or the id of a file with an id column
        return String.format("warning: %d text(s) of %s have more than the model's %d tokens: it read only their %s %d, as in "
                        + "training (%s); the first is %s", data.truncated().size(),
                org.rnnlab.datasets.InputNames.shown(java.nio.file.Path.of(data.source())), max,
                encoder.truncation() == Truncation.KEEP_TAIL ? "last" : "first", max, encoder.truncation(),
                firstName.equals(first) ? "id " + org.rnnlab.datasets.LabelCheck.quoted(first) : firstName);
    }

    /**
     * A refusal of a file's columns by rnnlab's default layout, which reads a model that stores no CSV layout (one saved
     * through the Java API without a {@code CsvSchema}, or trained on generated data): said as such, not as "the model's data
     * layout", which the user never gave (trial 81d F2), with the names it reads and how to go on. Other refusals as they are.
     */
    static org.rnnlab.datasets.DatasetFormatException defaultLayout(org.rnnlab.datasets.DatasetFormatException e,
                                                                    List<String> features) {
        String message = e.getMessage();
        String prefix = e.file() + (e.line() == org.rnnlab.datasets.DatasetFormatException.NO_LINE ? "" : ":" + e.line()) + ": ";
        if (message == null || !message.startsWith(prefix) || !message.contains("the model's data layout")) {
            return e;
        }
        String body = message.substring(prefix.length())
                .replace("(the model's data layout names it; ", "(rnnlab's default layout names it, as the model stores no CSV "
                        + "layout of its own; ")
                .replace("are not part of the model's data layout (", "are not part of rnnlab's default layout, which the model "
                        + "is read with as it stores no CSV layout of its own (")
                + "; a model saved without a layout (through the Java API, ModelBundle.card without a CsvSchema) reads the "
                + "columns sequence_id, time and label and its features " + features + " by name: rename "
                + "the file's columns to these, or save the model with a CsvSchema naming the file's own columns (the guide's "
                + "java-api.md, Training from Java)";
        return e.line() == org.rnnlab.datasets.DatasetFormatException.NO_LINE
                ? new org.rnnlab.datasets.DatasetFormatException(e.file(), body)
                : new org.rnnlab.datasets.DatasetFormatException(e.file(), e.line(), body);
    }

    /**
     * The model's CSV contract. Models trained on other data (generated, HAR) or saved before contracts
     * were stored read the long layout {@code sequence_id[,time],features...[,label]} or a folder of one
     * file per sequence: with a header (its first line names a feature or {@code sequence_id}) columns
     * are matched by name, without one by position ({@code sequence_id} first in the long layout).
     */
    static CsvSchema schema(ModelCard card, Path input) {
        return schema(card, input, ',');
    }

    /** {@link #schema(ModelCard, Path)}, a model without a stored layout telling a header by {@code delimiter}. */
    static CsvSchema schema(ModelCard card, Path input, char delimiter) {
        if (card.csvSchema().isPresent()) {
            return card.csvSchema().get();
        }
        List<String> features = card.input().featureNames();
        boolean header = hasHeader(input, features, delimiter);
        if (header) {
            return new CsvSchema(CsvSchema.LONG, ",", true, 0, Column.named("sequence_id"), CsvOptions.DEFAULT_TIME,
                    Column.named("label"), null, null, features.stream().map(Column::named).toList(), MissingValues.ERROR, List.of());
        }
        return new CsvSchema(CsvSchema.LONG, ",", false, features.size() + 1, Column.at(0), null, null, null, null,
                IntStream.rangeClosed(1, features.size()).mapToObj(Column::at).toList(), MissingValues.ERROR, List.of());
    }

    /** Whether the first line of the file (or of the folder's first .csv file) names a feature or sequence_id. */
    private static boolean hasHeader(Path input, List<String> features, char delimiter) {
        try {
            Path file = input;
            if (Files.isDirectory(input)) {
                try (Stream<Path> s = Files.list(input)) {
                    file = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().findFirst().orElse(null);
                }
            }
            if (file == null || !Files.isRegularFile(file)) {
                return true; // the reader reports the missing file
            }
            String first;
            // the first line only: the reader reads (and checks) the whole file afterwards
            try (BufferedReader in = org.rnnlab.datasets.TextFiles.newReader(file, org.rnnlab.datasets.FileEncoding.peekCharset())) {
                first = in.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            } catch (UncheckedIOException notUtf8) {
                return true; // the reader reports the encoding
            }
            for (String cell : first.replace("\uFEFF", "").split(java.util.regex.Pattern.quote(String.valueOf(delimiter)))) {
                String c = cell.trim().replace("\"", "");
                if (c.equals("sequence_id") || features.contains(c)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Labelled new data as a dataset whose test split is every sequence, in file order. */
    static SequenceDataset asTestSet(SequenceClassifier model, NewData data, Path input) {
        List<String> labels = model.labelNames();
        List<Sequence> sequences = new ArrayList<>();
        int longest = model.card().input().maxLength();
        for (int i = 0; i < data.size(); i++) {
            int label = labels.indexOf(data.labels().get(i));
            if (label < 0) {
                // all of them counted, not the first alone (a trial's 12 sequences of a new class were named one at a time)
                Map<String, Integer> unknown = new java.util.TreeMap<>();
                for (String l : data.labels()) {
                    if (!labels.contains(l)) {
                        unknown.merge(l, 1, Integer::sum);
                    }
                }
                int count = unknown.values().stream().mapToInt(Integer::intValue).sum();
                String all = count == 1 ? "" : "; " + count + " of the " + data.size() + " sequences have labels the model does not "
                        + "know: " + unknown.entrySet().stream().limit(10).map(e -> org.rnnlab.datasets.LabelCheck.quoted(e.getKey())
                        + " (" + e.getValue() + org.rnnlab.datasets.LabelCheck.readsAsWords(e.getKey(), labels) + ")")
                        .collect(java.util.stream.Collectors.joining(", "))
                        + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more labels" : "");
                String writtenOtherwise = org.rnnlab.datasets.LabelCheck.readsAsOneOf(data.labels().get(i), labels);
                String compose = org.rnnlab.datasets.LabelCheck.composeHint(unknown.keySet(), labels, model.card().csvSchema()
                        .map(org.rnnlab.datasets.csv.CsvSchema::label).map(org.rnnlab.datasets.csv.Column::name).orElse(null));
                throw new IllegalStateException(data.where().get(i) + ": label " + org.rnnlab.datasets.LabelCheck.quoted(data.labels().get(i))
                        + " of sequence " + org.rnnlab.datasets.LabelCheck.quoted(data.ids().get(i)) + " is not one of the model's labels " + org.rnnlab.datasets.LabelCheck.listed(labels)
                        + writtenOtherwise + all + compose
                        // not where the label is a known one written another way: leaving such sequences out loses them
                        + (!writtenOtherwise.isEmpty() ? "" : count < data.size()
                        ? "; --unknown-labels report scores the other sequences and reports these with the classes the model gave them"
                        // none known: no other sequence to score, but which classes the model gives each label tells a scheme's names
                        : "; --unknown-labels report shows the classes the model gives each of these labels (no sequence is left to score)")
                        // a batch spelling a class otherwise (LDPE for PE-LD): the map that reads it as the model's label
                        + (model.readsText() ? "" : "; a label spelled otherwise than in training is read as the model's with "
                        + "--label-map FILE (columns from,to)"));
            }
            sequences.add(new Sequence(data.values().get(i), label));
            longest = Math.max(longest, data.values().get(i).length);
        }
        InputDescription in = model.card().input();
        InputDescription widened = new InputDescription(in.kind(), in.featureCount(), in.featureNames(), in.vocabularySize(), longest);
        List<DatasetProvenance.FileChecksum> files = Files.isRegularFile(input) ? List.of(FileChecksums.of(input)) : List.of();
        return new InMemorySequenceDataset(model.card().dataset(), widened, labels, new SequenceSet(List.of()),
                new SequenceSet(List.of()), new SequenceSet(sequences),
                new DatasetProvenance(model.card().dataset(), input.toString(), Map.of(), files, 0));
    }
}
