package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Groups (athletes, devices, sites) whose values of a feature far from zero sit at another level than the other groups':
 * another unit (acceleration in g against m/s², a factor 9.81), another firmware or scale.
 * A model trained on both reads them as different data: a trial's athletes recorded in g scored 0.45 where the others
 * scored 0.80-0.93, without a word in training, evaluate or predict.
 *
 * <p>A feature is judged when the median of the groups' means lies more than twice the median of the groups' standard
 * deviations from zero (a level, such as gravity on a vertical axis, not a signal around zero, whose level says nothing)
 * and most groups' means lie within 25% of it (levels that vary by nature, a price per product, are not judged); a group
 * whose mean is that median times a factor between units ({@link org.rnnlab.datasets.UnitFactors}: 9.81, 1000, ...) is at
 * another level when, on top, an empty gap of half the factor (in logarithms) or more lies between it and the others
 * ({@link #apart}: levels that scatter continuously from group to group, a patient's lactate, are no unit); and, whatever the
 * factor, so are the groups on the smaller side of a gap of {@value #FAR_SCALE} times or more between the groups' levels
 * ({@link #farLevels}: a station's pumps in kPa among bar, 68-106 times the usual level by their own levels). Fahrenheit
 * against Celsius is affine, no factor: a feature named as a temperature is judged by its level converted to the other
 * scale instead ({@link #temperature}), never named as a unit's factor; {@link TemperatureUnits} judges °C of bodies,
 * weather and rooms sequence by sequence. A feature around zero (its level within twice the spread) is judged by its spread (the groups' standard
 * deviations), whose natural scatter between groups is larger: a group whose spread is the groups' median spread times
 * a unit's factor of 3 or more, and 4 times the groups' median distance from it (in logarithms) or more; or, whatever the
 * factor, the groups on the smaller side of a gap of {@value #FAR_SCALE} times or more between the groups' spreads (a site's
 * microvolts among millivolts, also when they are half the groups), their ratio to the other side's usual spread. A group
 * far below the others may also be a channel nearly flat there; the warning says so. With 4 groups or more.
 *
 * <p>A group's "mean" and "standard deviation" here are its median and its 10-90% range over 2.56 (the standard deviation
 * of normal values), without the value a feature's own warning names as a code ({@link #find(List, List, Map)}): a few
 * percent of an undeclared -9999, and the cells interpolated beside it, move neither. A non-negative feature judged by its
 * spread whose groups' levels vary by nature (a concentration) is named only at a factor of {@value #FAR_SCALE} or more.
 *
 * <p>Counts (every value a whole number, none negative) and features held at one value on more than half of their steps
 * (a quiz score, 0 on every other event) are not judged by their spread: a group's spread of them is how often it acts
 * (page views per day, quizzes taken) more than the scale of its values, and it varies from group to group by behaviour,
 * by any factor; a trial's students were called another unit ("a factor near 8.00: bits against bytes" for page-view counts,
 * 3.6 for the score of a student with fewer quizzes), and the advice to scale each sequence by its own statistics would
 * have erased the activity level that predicts the outcome. Another unit of a count is a level (the level rule, whole
 * pounds against kilograms, still judges it); a signal around zero recorded in another unit has negative or fractional
 * values, and one that leaves its baseline on most steps is still judged.
 *
 * <p>A group whose sequences are mostly of one class is judged against the groups of that class when there are
 * {@value #PEERS} or more of them ({@link #peers}): a level or spread that goes with the class is what the model should
 * learn, not a unit (a trial's EV households, their charging blocks spreading them 3.6 times wider, were called km/h
 * against m/s on clean data). A class of fewer groups is judged against all, but when every group of it stands out alike
 * (all larger or all smaller, within {@value #ALIKE} times of one another) that is read as the class's signal too, and
 * none of them is named ({@link #classSignal}). The gap of {@value #FAR_SCALE} times is judged over all groups.
 *
 * <p>A feature that rises within the sequences ({@link #clock}: a time since admission) is not judged: its level and spread
 * are how long a group's sequences run (a clinical trial's patients discharged early were called "km/h against m/s").
 */
public final class GroupScales {

    /**
     * Whether feature {@code f} rises within the sequences, as a clock or a time since a start does: it never falls within
     * 90% or more of the sequences of 3 or more steps, and rises in most of them.
     */
    static boolean clock(java.util.Collection<List<float[][]>> groups, int f) {
        int judged = 0;
        int neverFalls = 0;
        int rises = 0;
        for (List<float[][]> sequences : groups) {
            for (float[][] q : sequences) {
                if (q.length < 3) {
                    continue;
                }
                judged++;
                boolean falls = false;
                boolean rose = false;
                for (int t = 1; t < q.length && !falls; t++) {
                    falls = q[t][f] < q[t - 1][f];
                    rose |= q[t][f] > q[t - 1][f];
                }
                neverFalls += falls ? 0 : 1;
                rises += !falls && rose ? 1 : 0;
            }
        }
        return judged > 0 && neverFalls >= 0.9 * judged && rises * 2 > judged;
    }

    /** A spread this many times the groups' usual one (or under its inverse) is another unit or scale, named or not. */
    static final double FAR_SCALE = 30;
    /** Spreads within this factor of the groups' usual one are alike. */
    static final double NEAR = 3;

    private GroupScales() {
    }

    /**
     * The groups on the smaller side of a gap of {@value #FAR_SCALE} times or more between the groups' spreads of a feature
     * (sorted, the widest gap between neighbours; at a tie of sides, those above it), whatever their share: a site's patients
     * in µV among others in mV, also when they are half of them), each with its ratio to the other side's median spread;
     * empty without such a gap.
     */
    private static Map<Integer, Double> farSide(double[][] sds, int feature) {
        List<Integer> groups = new ArrayList<>();
        for (int g = 0; g < sds.length; g++) {
            if (sds[g][feature] > 0 && Double.isFinite(sds[g][feature])) {
                groups.add(g);
            }
        }
        return beyondWidestGap(groups, g -> sds[g][feature]);
    }

    /**
     * Of {@code groups} with positive {@code size}s: those on the smaller side of the widest gap between neighbours (sorted
     * by size) when it is {@value #FAR_SCALE} times or more (at a tie of sides, those above it), each with its size's ratio
     * to the other side's median size; empty without such a gap. Shared by spreads ({@link #farSide}) and levels
     * ({@link #farLevels}).
     */
    private static Map<Integer, Double> beyondWidestGap(List<Integer> groups, java.util.function.IntToDoubleFunction size) {
        List<Integer> order = new ArrayList<>(groups);
        order.sort((a, b) -> Double.compare(size.applyAsDouble(a), size.applyAsDouble(b)));
        int cut = -1;
        double widest = 0;
        for (int i = 0; i + 1 < order.size(); i++) {
            double gap = Math.log(size.applyAsDouble(order.get(i + 1)) / size.applyAsDouble(order.get(i)));
            if (gap > widest) {
                widest = gap;
                cut = i;
            }
        }
        if (cut < 0 || widest < Math.log(FAR_SCALE)) {
            return Map.of();
        }
        List<Integer> low = order.subList(0, cut + 1);
        List<Integer> high = order.subList(cut + 1, order.size());
        List<Integer> minority = low.size() < high.size() ? low : high;
        List<Integer> majority = minority == low ? high : low;
        double usual = TimeSpacing.median(majority.stream().mapToDouble(size::applyAsDouble).toArray());
        Map<Integer, Double> far = new LinkedHashMap<>();
        minority.forEach(g -> far.put(g, size.applyAsDouble(g) / usual));
        return far;
    }

    /**
     * The groups of a feature judged by its level on the smaller side of a gap of {@value #FAR_SCALE} times or more between
     * the groups' levels (their means of the sign of the usual {@code level}, sorted by size; the widest gap between
     * neighbours; at a tie of sides, those above it), each with its ratio to the other side's median level; empty without
     * such a gap. A unit's factor is not asked for: a trial's pumps in kPa among bar lay at 68-106 times the usual level
     * (their own levels 3.5-6 bar), and only those within 12% of 100 were named; the others trained silently.
     */
    private static Map<Integer, Double> farLevels(double[][] means, int feature, double level) {
        List<Integer> groups = new ArrayList<>();
        for (int g = 0; g < means.length; g++) {
            double ratio = means[g][feature] / level;
            if (ratio > 0 && Double.isFinite(ratio)) {
                groups.add(g);
            }
        }
        // all of the usual level's sign: sizes and ratios of magnitudes are those of the means
        return beyondWidestGap(groups, g -> Math.abs(means[g][feature]));
    }

    /**
     * One group at another level: its name, the features, its level's (or spread's) ratio to its peers' median for each,
     * and for each whether the feature is an amount judged by its spread (every value 0 or more, its level within twice its
     * spread: a concentration, whose level is the signal, so scaling each sequence by its own statistics is no remedy), and
     * for each whether its level and spread moved together as a unit's would ({@link #UNIT_SPREAD}, {@link #UNIT_LEVEL}): only
     * then may {@link #warning} name a unit; and for each the words of °F against °C when the feature is named as a
     * temperature and the group's level is the others' in the other scale ({@link #temperature}; empty otherwise).
     */
    public record Shifted(String group, List<String> features, List<Double> ratios, List<Boolean> amounts, List<Boolean> unitLike,
                          List<String> temperatures) {

        /** A group without the evidence of a unit ({@link #unitLike} false for every feature). */
        public Shifted(String group, List<String> features, List<Double> ratios, List<Boolean> amounts) {
            this(group, features, ratios, amounts, new ArrayList<>(java.util.Collections.nCopies(features.size(), false)));
        }

        /** A group with no feature in another temperature scale. */
        public Shifted(String group, List<String> features, List<Double> ratios, List<Boolean> amounts, List<Boolean> unitLike) {
            this(group, features, ratios, amounts, unitLike, new ArrayList<>(java.util.Collections.nCopies(features.size(), "")));
        }
    }

    /**
     * For a feature named as a temperature ({@link TemperatureUnits#temperatureName}): the words of °F against °C when a
     * group's {@code level} converted to the other scale lands near its peers' {@code usual} level (within twice the
     * groups' usual spread {@code spread} or 10% of the level, and the level itself farther than that: predict's rule,
     * FarFromTraining's temperature hint), e.g. {@code "°F against °C: (x − 32) / 1.8 brings the level of 'HA-01', 192.2, to
     * 89.00 (the groups' usual: 89.04)"}; empty otherwise. The change is affine, so no factor between units fits it: a trial's depot
     * logging engine_temp_c in °F (192 against 89, 2.16 times) was called "a factor near 2.20: pounds against kilograms",
     * where predict on the same file said °F against °C; and {@link TemperatureUnits} judges only °C levels of bodies,
     * weather and rooms (up to {@value TemperatureUnits#HIGHEST}), not an engine's 89.
     */
    static String temperature(String name, String group, double level, double usual, double spread) {
        if (!TemperatureUnits.temperatureName(name) || !Double.isFinite(level) || !Double.isFinite(usual)) {
            return "";
        }
        double near = Math.max(2 * (Double.isFinite(spread) ? spread : 0), 0.1 * Math.abs(usual));
        String quoted = org.rnnlab.datasets.LabelCheck.quoted(group);
        return switch (TemperatureUnits.otherScale(level, usual, near)) {
            case 1 -> String.format(Locale.ROOT, "°F against °C: (x − 32) / 1.8 brings the level of %s, %.4g, to %.4g (the groups' "
                    + "usual: %.4g)", quoted, level, (level - 32) / 1.8, usual);
            case -1 -> String.format(Locale.ROOT, "°C against °F: x · 1.8 + 32 brings the level of %s, %.4g, to %.4g (the groups' "
                    + "usual: %.4g)", quoted, level, level * 1.8 + 32, usual);
            default -> "";
        };
    }

    /** The groups at another level than most in {@code sequences}, in order of first appearance. */
    public static List<Shifted> find(List<CsvSequence> sequences, List<String> features) {
        return find(sequences, features, Map.of());
    }

    /**
     * As {@link #find(List, List)}, leaving out of every statistic the value {@code farValues} holds for a feature (by
     * feature index): the value the feature's own warning names as a code or sentinel
     * ({@link org.rnnlab.datasets.FeatureStandardizer#check}). A trial's weather stations had an undeclared -9999 in the
     * temperature of 18 of their 20: each of those 18 had its spread widened some 200 times, so the two stations without
     * the code were called "1/228 of the groups' usual spread ... another unit", and the station whose PM really was in
     * mg/m³ went unnamed. A few such codes are no unit, and the warning says which values were left out
     * ({@link #warning(List, String, int, Map)}).
     */
    public static List<Shifted> find(List<CsvSequence> sequences, List<String> features, Map<Integer, Float> farValues) {
        float[] codes = new float[features.size()];
        Arrays.fill(codes, Float.NaN);
        farValues.forEach((f, v) -> {
            if (f >= 0 && f < codes.length) {
                codes[f] = v;
            }
        });
        Map<String, List<float[][]>> byGroup = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> labelsByGroup = new LinkedHashMap<>();
        for (CsvSequence q : sequences) {
            if (q.group() != null) {
                byGroup.computeIfAbsent(q.group(), g -> new ArrayList<>()).add(q.values());
                if (q.label() != null) {
                    labelsByGroup.computeIfAbsent(q.group(), g -> new java.util.HashMap<>()).merge(q.label(), 1, Integer::sum);
                }
            }
        }
        if (byGroup.size() < 4) {
            return List.of();
        }
        List<String> groups = new ArrayList<>(byGroup.keySet());
        String[] classOf = classes(groups, labelsByGroup);
        int[][] peers = peers(groups, classOf);
        int n = features.size();
        double[][] means = new double[groups.size()][n];
        double[][] sds = new double[groups.size()][n];
        // robust statistics (a group's median and its 10-90% range as a deviation): an undeclared code such as -9999 is left
        // out above, but --missing interpolate had already filled the cells beside it on the line from -9999 (a trial's
        // Gelsenkirchen NO2 then spread "7.30 times the groups' usual"); a few percent of such values move no quantile far
        for (int g = 0; g < groups.size(); g++) {
            for (int f = 0; f < n; f++) {
                double[] robust = robust(byGroup.get(groups.get(g)), f, codes);
                means[g][f] = robust[0];
                sds[g][f] = robust[1];
            }
        }
        Map<String, Shifted> shifted = new LinkedHashMap<>();
        for (int f = 0; f < n; f++) {
            final int feature = f;
            if (fewValues(byGroup.values(), f, codes)) {
                continue; // a flag or one-hot column a group rarely uses is no unit (a review)
            }
            if (clock(byGroup.values(), f)) {
                // a time since a start (hours since admission) rises within each sequence: its level and spread are how long a
                // group's sequences run, not a unit (a clinical trial's patients discharged early were "km/h against m/s")
                continue;
            }
            double level = TimeSpacing.median(Arrays.stream(means).mapToDouble(m -> m[feature]).filter(Double::isFinite).toArray());
            double spread = TimeSpacing.median(Arrays.stream(sds).mapToDouble(s -> s[feature]).filter(Double::isFinite).toArray());
            if (!(Math.abs(level) > 2 * spread) || level == 0) {
                // a signal around zero (a lateral acceleration): its spread, not its level, shows a unit (a truck trial's
                // vehicles logging g among m/s² had a spread 9.81 times smaller)
                if (!(spread > 0)) {
                    continue;
                }
                if (behaviour(byGroup.values(), f, codes)) {
                    continue; // counts and baselines spread by how often a group acts (a trial's students), not by unit
                }
                // an amount (NO2 at air-quality stations) spreads with its level, and its level varies from group to group by
                // nature: a clean rural station's NO2 (mean 5.1, sd 3.2) was "1/7.69 of the groups' usual spread ... bits
                // against bytes"; only a factor of FAR_SCALE or more (mg against µg, W against kW) is then named
                boolean nonNegative = nonNegative(byGroup.values(), f, codes);
                boolean amount = nonNegative && levelsVary(means, f, level);
                // spreads vary by nature from group to group (a patient's ECG amplitude by 2x), so a unit's factor counts
                // only well beyond that scatter (a trial's mV patient at 1/2.12 was called pounds against kilograms); and a
                // factor of 30 or more beside groups mostly within 3x of one another is another unit or scale whether or not
                // it is one of the table's (a trial's 5 patients in µV among 25 in mV, at 436-1321 times, were not judged
                // because the spreads scattered by more than 25%, and the model learnt nothing)
                // each group against its peers: the groups of its class when a class holds most groups' sequences and
                // enough groups (an EV charger's 7-11 kW blocks spread its households 3.6 times wider than the others': a
                // trial's three EV households were called km/h against m/s, on clean data)
                Map<int[], double[]> usual = new java.util.IdentityHashMap<>();
                Map<Integer, Double> far = farSide(sds, feature);
                Map<Integer, Double> flagged = new LinkedHashMap<>();
                Map<Integer, Double> ratios = new LinkedHashMap<>();
                Map<Integer, Boolean> unitLike = new LinkedHashMap<>();
                for (int g = 0; g < groups.size(); g++) {
                    double[] own = usual.computeIfAbsent(peers[g], p -> {
                        double median = TimeSpacing.median(Arrays.stream(p).mapToDouble(i -> sds[i][feature]).filter(Double::isFinite)
                                .toArray());
                        return new double[] {median, TimeSpacing.median(Arrays.stream(p).mapToDouble(i -> Math.abs(Math.log(
                                sds[i][feature] / median))).filter(Double::isFinite).toArray())};
                    });
                    double ratio = sds[g][f] / own[0];
                    ratios.put(g, ratio);
                    double log = Math.abs(Math.log(ratio));
                    boolean unit = org.rnnlab.datasets.UnitFactors.named(ratio).isPresent() && log >= Math.max(Math.log(amount
                            ? FAR_SCALE : NEAR), 4 * own[1]);
                    if (Double.isFinite(ratio) && ratio > 0 && (unit || far.containsKey(g))) {
                        double r = far.getOrDefault(g, ratio);
                        flagged.put(g, r);
                        // a unit scales the level too: the group's level stays where the usual level times the factor puts
                        // it, within a fraction of its own spread (a machine recalibrated midway, acc_y 0 then 0.5 + 3x,
                        // spread 9.69 times the others' with its median at 0.37: "g against m/s²" in a trial)
                        unitLike.put(g, Math.abs(means[g][f] - r * level) <= UNIT_LEVEL * sds[g][f]);
                    }
                }
                add(shifted, groups, classSignal(flagged, ratios, classOf), features.get(f) + "'s spread", nonNegative, unitLike);
                continue;
            }
            // the groups' levels must agree but for a few (gravity on one axis: about 9.8 for every athlete in m/s²); levels
            // that vary by nature (a price per product) are no unit's
            double agreement = TimeSpacing.median(Arrays.stream(means).mapToDouble(m -> Math.abs(m[feature] - level)).filter(Double::isFinite)
                    .toArray()) / Math.abs(level);
            if (!(agreement <= AGREE)) {
                continue;
            }
            Map<int[], Double> levels = new java.util.IdentityHashMap<>();
            // whatever the factor, the groups beyond a gap of FAR_SCALE times from the others: a trial's station in kPa among
            // bar had its pumps at 68-106 times the usual level (their own levels 3.5-6 bar), and only the 5 within 12% of 100
            // were named ("5 of the 40 groups"), the other 5 trained silently
            Map<Integer, Double> far = farLevels(means, feature, level);
            Map<Integer, Double> flagged = new LinkedHashMap<>();
            Map<Integer, Double> ratios = new LinkedHashMap<>();
            Map<Integer, Boolean> unitLike = new LinkedHashMap<>();
            Map<Integer, String> temperatures = new LinkedHashMap<>();
            // a temperature (by its name) is judged by °F against °C, not by the factors between units: a trial's depot in °F
            // (192 against 89 °C, 2.16 times) was called "a factor near 2.20: pounds against kilograms"
            boolean temperature = TemperatureUnits.temperatureName(features.get(f));
            for (int g = 0; g < groups.size(); g++) {
                double own = levels.computeIfAbsent(peers[g], p -> TimeSpacing.median(Arrays.stream(p).mapToDouble(i -> means[i][feature])
                        .filter(Double::isFinite).toArray()));
                double ratio = means[g][f] / own;
                ratios.put(g, ratio);
                String scale = temperature ? temperature(features.get(f), groups.get(g), means[g][f], own, TimeSpacing.median(Arrays
                        .stream(peers[g]).mapToDouble(i -> sds[i][feature]).filter(Double::isFinite).toArray())) : "";
                if (Double.isFinite(ratio) && ratio > 0 && (far.containsKey(g) || !scale.isEmpty() || !temperature
                        && org.rnnlab.datasets.UnitFactors.named(ratio).isPresent()
                        && apart(means, feature, means[g][feature], own, ratio))) { // a unit keeps the sign (-1 against 2 is none)
                    ratio = far.getOrDefault(g, ratio);
                    flagged.put(g, ratio);
                    temperatures.put(g, scale);
                    // a unit scales the spread as it does the level (within UNIT_SPREAD: spreads scatter between groups by
                    // nature); a feature held at one value in every group (whole kilograms) has no spread to say otherwise
                    double usualSpread = TimeSpacing.median(Arrays.stream(peers[g]).mapToDouble(i -> sds[i][feature])
                            .filter(Double::isFinite).toArray());
                    double spreadRatio = sds[g][f] / usualSpread;
                    unitLike.put(g, sds[g][f] == 0 && usualSpread == 0 || spreadRatio > 0 && Double.isFinite(spreadRatio)
                            && Math.abs(Math.log(spreadRatio) - Math.log(ratio)) < Math.log(UNIT_SPREAD));
                }
            }
            add(shifted, groups, classSignal(flagged, ratios, classOf), features.get(f), false, unitLike, temperatures);
        }
        return List.copyOf(shifted.values());
    }

    /**
     * {@code shifted} without the entries that name a feature of {@code features} in another temperature scale ({@link
     * Shifted#temperatures}), and without the groups left with none: the training file's own °F check ({@link
     * TemperatureUnits}) has named those sequences with the conversion already, one warning above.
     */
    public static List<Shifted> withoutScales(List<Shifted> shifted, java.util.Set<String> features) {
        if (features.isEmpty()) {
            return shifted;
        }
        List<Shifted> kept = new ArrayList<>();
        for (Shifted s : shifted) {
            Shifted k = new Shifted(s.group(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
            for (int i = 0; i < s.features().size(); i++) {
                if (s.temperatures().get(i).isEmpty() || !features.contains(s.features().get(i))) {
                    k.features().add(s.features().get(i));
                    k.ratios().add(s.ratios().get(i));
                    k.amounts().add(s.amounts().get(i));
                    k.unitLike().add(s.unitLike().get(i));
                    k.temperatures().add(s.temperatures().get(i));
                }
            }
            if (!k.features().isEmpty()) {
                kept.add(k);
            }
        }
        return List.copyOf(kept);
    }

    private static void add(Map<String, Shifted> shifted, List<String> groups, Map<Integer, Double> flagged, String feature,
                            boolean amount, Map<Integer, Boolean> unitLike) {
        add(shifted, groups, flagged, feature, amount, unitLike, Map.of());
    }

    private static void add(Map<String, Shifted> shifted, List<String> groups, Map<Integer, Double> flagged, String feature,
                            boolean amount, Map<Integer, Boolean> unitLike, Map<Integer, String> temperatures) {
        flagged.forEach((g, ratio) -> {
            Shifted s = shifted.computeIfAbsent(groups.get(g), k -> new Shifted(k, new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            s.features().add(feature);
            s.ratios().add(ratio);
            s.amounts().add(amount);
            s.unitLike().add(unitLike.getOrDefault(g, false));
            s.temperatures().add(temperatures.getOrDefault(g, ""));
        });
    }

    /**
     * For a feature judged by its level: the factor within which the group's spread ratio must match its level's for a unit
     * to be named (30%: spreads scatter between groups by nature, more than levels that agree within {@value #AGREE}).
     */
    static final double UNIT_SPREAD = 1.3;

    /**
     * For a feature judged by its spread (around zero): how far, in the group's own spread, its level may lie from the
     * usual level times the factor for a unit to be named (half of it: a unit moves a level near zero by little).
     */
    static final double UNIT_LEVEL = 0.5;

    /**
     * How near (as a factor) a group's ratio must be to a unit's for {@link #warning} to name that unit: 5%, for factors under
     * {@value #FAR_SCALE}. A group is flagged within 12% ({@link org.rnnlab.datasets.UnitFactors#named(double)}), but naming a
     * unit sends the user hunting for a conversion, and a group's own nature moves its spread by a few times: a recording
     * site whose background noise spread its MFCCs 3.35 times wider was called "km/h against m/s" in a trial. A factor of
     * {@value #FAR_SCALE} or more (mg against µg, 1/909 with a station's natural scatter) no site's nature gives: named within 12%.
     */
    static final double UNIT_NAMED = 1.05;

    /**
     * The unit to name for feature {@code i} of group {@code s}, if any: its ratio lies within {@link #UNIT_NAMED} of a
     * unit's factor (for a factor of {@value #FAR_SCALE} or more 12%, or the nearest power of 1000 within
     * {@value org.rnnlab.datasets.UnitFactors#DECADES} decades: {@link org.rnnlab.datasets.UnitFactors#ofGroups}), its level
     * and spread moved together ({@link Shifted#unitLike}), its name is one a unit can have
     * ({@link org.rnnlab.datasets.UnitFactors#unitless}: not MFCCs, principal components, logarithms), it is no temperature
     * (°F against °C is affine, no factor: never "pounds against kilograms" for a trial's °F depot) and no step within the
     * group explains it ({@code stepped}: group and feature pairs {@link LevelShifts} names).
     */
    static java.util.Optional<org.rnnlab.datasets.UnitFactors.Factor> unit(Shifted s, int i, java.util.Set<List<String>> stepped) {
        String feature = bare(s.features().get(i));
        if (!s.unitLike().get(i) || org.rnnlab.datasets.UnitFactors.unitless(feature)
                || stepped.contains(List.of(s.group(), feature)) || TemperatureUnits.temperatureName(feature)) {
            return java.util.Optional.empty();
        }
        double ratio = s.ratios().get(i);
        return org.rnnlab.datasets.UnitFactors.ofGroups(ratio, Math.abs(Math.log(Math.abs(ratio))) >= Math.log(FAR_SCALE) ? 1.12
                : UNIT_NAMED);
    }

    /** A feature's name as {@link Shifted#features} holds it, without "'s spread". */
    private static String bare(String feature) {
        return feature.replace("'s spread", "");
    }

    /**
     * Whether a group's level {@code level}, {@code ratio} times its peers' usual level {@code usual}, lies beyond an empty
     * gap: between the two, no two neighbouring groups' levels of {@code feature} (nor the group and its nearest, nor the
     * usual level and its nearest) lie less than half the factor apart (in logarithms) from one another. A unit puts its
     * groups at a level of their own, with no groups between (kilograms at 74-80, pounds at 163-176); levels that scatter
     * continuously from group to group are no unit, however far the tail reaches (a trial's ICU patients, lactate 0.5-4
     * mmol/l with one or two draws each, had 23 of 657 called "1/3.25 of the groups' usual level ... km/h against m/s",
     * and the advice to scale each sequence by its own statistics would have erased the strongest signal).
     */
    static boolean apart(double[][] means, int feature, double level, double usual, double ratio) {
        double low = Math.log(Math.min(Math.abs(level), Math.abs(usual)));
        double high = Math.log(Math.max(Math.abs(level), Math.abs(usual)));
        double[] between = Arrays.stream(means).mapToDouble(m -> Math.abs(m[feature])).filter(x -> x > 0 && Double.isFinite(x))
                .map(Math::log).filter(x -> x > low && x < high).sorted().toArray();
        double widest = 0;
        double previous = low;
        for (double x : between) {
            widest = Math.max(widest, x - previous);
            previous = x;
        }
        widest = Math.max(widest, high - previous);
        return widest >= Math.abs(Math.log(Math.abs(ratio))) / 2;
    }

    /** The 10-90% range of a normal distribution in its standard deviations (2 x 1.2816). */
    private static final double NORMAL_10_90 = 2.5631;

    /**
     * A group's level and spread of feature {@code f}, its codes and missing values left out: the median, and the range
     * between its 10% and 90% quantiles over {@value #NORMAL_10_90} (a standard deviation for normal values), or the
     * standard deviation where that range is 0 (a channel nearly flat but for a few steps); NaN for both without values.
     */
    private static double[] robust(List<float[][]> sequences, int f, float[] codes) {
        int count = 0;
        for (float[][] q : sequences) {
            for (float[] step : q) {
                count += Float.isNaN(read(step, f, codes)) ? 0 : 1;
            }
        }
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        float[] values = new float[count];
        int i = 0;
        double sum = 0;
        for (float[][] q : sequences) {
            for (float[] step : q) {
                float x = read(step, f, codes);
                if (!Float.isNaN(x)) {
                    values[i++] = x;
                    sum += x;
                }
            }
        }
        Arrays.sort(values);
        double range = quantile(values, 0.9) - quantile(values, 0.1);
        if (range > 0) {
            return new double[] {quantile(values, 0.5), range / NORMAL_10_90};
        }
        double mean = sum / count;
        double squares = 0;
        for (float x : values) {
            squares += (x - mean) * (x - mean);
        }
        return new double[] {quantile(values, 0.5), Math.sqrt(squares / count)};
    }

    /** The {@code p} quantile of sorted {@code values}, between the two nearest ranks. */
    private static double quantile(float[] values, double p) {
        double at = p * (values.length - 1);
        int low = (int) Math.floor(at);
        int high = Math.min(values.length - 1, low + 1);
        return values[low] + (at - low) * ((double) values[high] - values[low]);
    }

    /** A step's value of feature {@code f}, NaN when it is the value {@code codes} leaves out for it. */
    private static float read(float[] step, int f, float[] codes) {
        float x = step[f];
        return x == codes[f] ? Float.NaN : x;
    }

    /** How far (as a share of their median) the groups' means may lie from it for a feature's levels to agree. */
    static final double AGREE = 0.25;

    /**
     * Whether a feature judged by its spread (its level within twice its spread of zero) and {@link #nonNegative} (an
     * amount) has levels that vary by nature: the groups' levels ({@code means}) not within {@value #AGREE} of their median
     * {@code level} for most groups (the rule by which the level branch leaves a price per product alone). Such a
     * feature's spread grows with its level (a concentration: a clean rural station's NO2, mean 5.1 and sd 3.2, among city
     * stations of sd 16-70), so a quiet group is no unit unless its factor is {@value #FAR_SCALE} or more (mg against µg).
     * FarFromTraining's notion of a skewed non-negative feature (the pooled mean under the pooled sd) was a coin toss there
     * (NO2 40.06 against 40.15) and is moved by the very group in another unit (one household in W makes every household
     * in kW "skewed"); households in kW whose levels agree within 25% are still judged by the table's factors (kWh per
     * quarter-hour among kW, a factor 4).
     */
    private static boolean levelsVary(double[][] means, int f, double level) {
        if (!(level > 0)) {
            return false;
        }
        double agreement = TimeSpacing.median(Arrays.stream(means).mapToDouble(m -> Math.abs(m[f] - level)).filter(Double::isFinite)
                .toArray()) / level;
        return agreement > AGREE;
    }

    /**
     * Whether the values of feature {@code f} are 0 or more, codes and missing values aside, but for at most 1% of them:
     * the cells --missing interpolate filled on the line from an undeclared -9999 (a trial's PM10) are negative.
     */
    private static boolean nonNegative(java.util.Collection<List<float[][]>> groups, int f, float[] codes) {
        long[] negative = count(groups, f, codes, x -> x < 0);
        return negative[1] > 0 && negative[0] * 100 <= negative[1];
    }

    /** Of feature {@code f}'s values (codes and missing values aside), how many {@code which} holds, and how many there are. */
    private static long[] count(java.util.Collection<List<float[][]>> groups, int f, float[] codes,
                                java.util.function.DoublePredicate which) {
        long held = 0;
        long values = 0;
        for (List<float[][]> sequences : groups) {
            for (float[][] q : sequences) {
                for (float[] step : q) {
                    float x = read(step, f, codes);
                    if (!Float.isNaN(x)) {
                        values++;
                        held += which.test(x) ? 1 : 0;
                    }
                }
            }
        }
        return new long[] {held, values};
    }

    /** Ratios of a class's groups within this factor of one another deviate alike. */
    static final double ALIKE = 1.5;

    /**
     * {@code flagged} (group index to ratio) without the groups of a class of 2 to {@value #PEERS} - 1 groups (judged
     * against every group, too few to be their own peers) when some group of that class is flagged and all of them deviate alike:
     * all larger or all smaller, their ratios within {@value #ALIKE} times of one another. That is the class's signal, not a
     * unit: a trial's three EV households, their charging blocks spreading them 3.5-3.9 times wider than the other
     * households', were each called "km/h against m/s" on clean data. The class is judged by all its groups' ratios, flagged
     * or not ({@code ratios}). A household of another class in another unit is
     * still named; a class's groups all in one other unit together cannot be told from the class's signal.
     */
    private static Map<Integer, Double> classSignal(Map<Integer, Double> flagged, Map<Integer, Double> ratios, String[] classOf) {
        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        for (int g = 0; g < classOf.length; g++) {
            if (classOf[g] != null) {
                byClass.computeIfAbsent(classOf[g], c -> new ArrayList<>()).add(g);
            }
        }
        Map<Integer, Double> kept = new LinkedHashMap<>(flagged);
        for (List<Integer> members : byClass.values()) {
            // every member's ratio, flagged or not: a member near the others but off the factor table is not flagged, and
            // left the others named (a review: 2 of 3 rural stations at 1/4 of urban NO2 were "km/h against m/s", the third not)
            if (members.size() < 2 || members.size() >= PEERS || members.stream().noneMatch(flagged::containsKey)
                    || !ratios.keySet().containsAll(members)) {
                continue;
            }
            double[] memberRatios = members.stream().mapToDouble(g -> flagged.getOrDefault(g, ratios.get(g))).toArray();
            double min = Arrays.stream(memberRatios).min().orElseThrow();
            double max = Arrays.stream(memberRatios).max().orElseThrow();
            boolean sameWay = min > 1 || max < 1;
            if (sameWay && min > 0 && max / min <= ALIKE) {
                members.forEach(kept::remove);
            }
        }
        return kept;
    }

    /** Groups of one class needed to judge a group against its class's groups alone ({@link #peers}). */
    static final int PEERS = 4;

    /**
     * The groups each group is judged against (indices into {@code groups}; groups of one peer set share one array): the
     * groups of its class, when more than half of its labelled sequences are of one class and at least {@value #PEERS}
     * groups are so of that class; else every group. A difference that goes with the class is the signal, not a unit: a
     * trial's smart meters, on clean kW data, had the households with an EV charger (7-11 kW blocks in the evening) named
     * at "3.79 times the groups' usual spread ... km/h against m/s", while households really in another unit went
     * unnamed among them. Judged among the EV households, a household in W or kWh still stands out. Data whose groups
     * hold several classes each (activities of an athlete) judge every group against all.
     */
    private static int[][] peers(List<String> groups, String[] classOf) {
        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            if (classOf[g] != null) {
                byClass.computeIfAbsent(classOf[g], c -> new ArrayList<>()).add(g);
            }
        }
        int[] all = java.util.stream.IntStream.range(0, groups.size()).toArray();
        Map<String, int[]> sets = new java.util.HashMap<>();
        int[][] peers = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> same = classOf[g] == null ? null : byClass.get(classOf[g]);
            peers[g] = same == null || same.size() < PEERS || same.size() == groups.size() ? all
                    : sets.computeIfAbsent(classOf[g], c -> same.stream().mapToInt(Integer::intValue).toArray());
        }
        return peers;
    }

    /** The class holding more than half of each group's labelled sequences (null: none, or no labels). */
    private static String[] classes(List<String> groups, Map<String, Map<String, Integer>> labelsByGroup) {
        String[] classOf = new String[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Integer> labels = labelsByGroup.get(groups.get(g));
            if (labels == null) {
                continue;
            }
            int total = labels.values().stream().mapToInt(Integer::intValue).sum();
            for (Map.Entry<String, Integer> e : labels.entrySet()) {
                if (2 * e.getValue() > total) {
                    classOf[g] = e.getKey();
                }
            }
        }
        return classOf;
    }

    /**
     * Whether feature {@code f} is a count (every value a whole number, none negative) or held at one value on more than
     * half of its values (a majority vote: one pass for the candidate, one to count it); missing values aside.
     */
    private static boolean behaviour(java.util.Collection<List<float[][]>> groups, int f, float[] codes) {
        boolean counts = true;
        float candidate = Float.NaN;
        long votes = 0;
        for (List<float[][]> sequences : groups) {
            for (float[][] q : sequences) {
                for (float[] step : q) {
                    float x = read(step, f, codes);
                    if (Float.isNaN(x)) {
                        continue;
                    }
                    counts &= x >= 0 && x == Math.rint(x);
                    if (votes == 0) {
                        candidate = x;
                        votes = 1;
                    } else {
                        votes += x == candidate ? 1 : -1;
                    }
                }
            }
        }
        if (counts) {
            return true;
        }
        float chosen = candidate;
        long[] held = count(groups, f, codes, x -> x == chosen);
        return held[0] * 2 > held[1];
    }

    /** Whether feature {@code f} holds 2 distinct values or fewer over all the sequences (a flag, a one-hot column). */
    private static boolean fewValues(java.util.Collection<List<float[][]>> groups, int f, float[] codes) {
        java.util.Set<Float> seen = new java.util.HashSet<>();
        for (List<float[][]> sequences : groups) {
            for (float[][] q : sequences) {
                for (float[] step : q) {
                    float x = read(step, f, codes);
                    if (!Float.isNaN(x) && seen.add(x) && seen.size() > 2) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The warning for {@code shifted} groups of group column {@code column}, or null when there are none: up to 5 groups,
     * each with up to 4 features and the ratio and its own diagnosis and fix ({@link #advice}: a unit named when a ratio is
     * near 9.81, g against m/s², with what to multiply by; °F with its conversion; per-sequence scaling offered only for the
     * others), and the names of the others (a trial's list stopped at "and 12 more", in data-warnings.txt too, so the
     * households to convert could not be had from the tool).
     */
    public static String warning(List<Shifted> shifted, String column, int groups) {
        return warning(shifted, column, groups, Map.of());
    }

    /**
     * As {@link #warning(List, String, int)}, saying which values were left out ({@code farValues}, by feature name: the
     * codes the features' own warnings name), so that the user knows the groups were judged without them. When a named feature is an
     * amount ({@link Shifted#amounts}), scaling each sequence by its own statistics is not offered without saying that it removes
     * each sequence's level: a trial's advice for a quiet rural station's NO2 would have erased the concentration level,
     * the main signal of both its tasks.
     */
    public static String warning(List<Shifted> shifted, String column, int groups, Map<String, Float> farValues) {
        return warning(shifted, column, groups, farValues, java.util.Set.of());
    }

    /**
     * As {@link #warning(List, String, int, Map)}, naming no unit for a group's feature that {@code stepped} holds (group and
     * feature name: a step within the group, {@link LevelShifts}, which its own warning names): a trial's machine recalibrated
     * midway was called "another unit (a factor near 9.81: acceleration in g against m/s²)" one line above the right
     * diagnosis.
     */
    public static String warning(List<Shifted> shifted, String column, int groups, Map<String, Float> farValues,
                                 java.util.Set<List<String>> stepped) {
        return warning(shifted, column, groups, farValues, stepped, java.util.Optional.empty());
    }

    /**
     * As {@link #warning(List, String, int, Map, java.util.Set)}, saying the one value of another column that every group
     * named holds ({@code shared}: "all 10 are station 'S2' (every group of it)"): a trial's pumps of one station in kPa
     * were named one by one, and the station that they all were had to be found with pandas.
     */
    public static String warning(List<Shifted> shifted, String column, int groups, Map<String, Float> farValues,
                                 java.util.Set<List<String>> stepped, java.util.Optional<SharedValue> shared) {
        if (shifted.isEmpty()) {
            return null;
        }
        Map<Float, List<String>> byValue = new LinkedHashMap<>();
        farValues.forEach((f, v) -> byValue.computeIfAbsent(v, k -> new ArrayList<>()).add("'" + f + "'"));
        List<String> without = byValue.entrySet().stream().map(e -> Float.toString(e.getKey()) + " in " + String.join(", ",
                e.getValue())).toList();
        String judged = without.isEmpty() ? "" : "; judged without the value " + String.join(", ", without) + " (the feature's "
                + "own warning names it as a code for a missing value or an error) and by quantiles, so that a few of them do not "
                + "widen a group's spread";
        // each group its own diagnosis and fix (trial 75a: a bridge in strain and one in °F shared one sentence that offered
        // per-sequence scaling and then called it no remedy for a unit, without saying which advice was whose)
        boolean[] toldNoRemedy = {false};
        List<String> told = new ArrayList<>();
        for (Shifted s : shifted.subList(0, Math.min(5, shifted.size()))) {
            told.add(advice(s, column, stepped, toldNoRemedy));
        }
        return String.format(Locale.ROOT, "%d of the %d groups of group column %s hold features at another level or spread than "
                + "the other groups'%s%s; the model reads them as other data. %s%s", shifted.size(), groups, column, judged,
                shared.map(v -> "; " + v.describe()).orElse(""), String.join(" ", told), shifted.size() > 5 ? " And " + (shifted
                        .size() - 5) + " more, not detailed here: " + String.join(", ", shifted.subList(5, shifted.size()).stream()
                        .map(s -> org.rnnlab.datasets.LabelCheck.quoted(s.group())).toList()) + "." : "");
    }

    /**
     * One group's sentence of {@link #warning}: its features with their ratios, then for each kind of cause its own
     * explanation and fix. A feature in the other temperature scale ({@link Shifted#temperatures}): the conversion with a
     * pandas line for this group's rows. Features at a unit's factor ({@link #unit}): the factor, what to multiply or divide
     * them by, and a pandas line. Both followed by why scaling each sequence by its own statistics is no remedy for a unit
     * (in full once per warning, {@code toldNoRemedy}). Any other feature: another unit or scale, or a channel nearly flat
     * (a dead sensor) for a spread under 1/{@value #FAR_SCALE} of the others', with one unit for all or per-sequence scaling
     * as the way forward (not offered for an amount, whose level is its signal).
     */
    private static String advice(Shifted s, String column, java.util.Set<List<String>> stepped, boolean[] toldNoRemedy) {
        String group = org.rnnlab.datasets.LabelCheck.quoted(s.group());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(4, s.features().size()); i++) {
            double r = s.ratios().get(i);
            parts.add(bare(s.features().get(i)) + " " + (Math.abs(r) >= 1 ? String.format(Locale.ROOT, "%.3g times", r)
                    : String.format(Locale.ROOT, "1/%.3g of", 1 / r)) + " the groups' usual "
                    + (s.features().get(i).endsWith("'s spread") ? "spread" : "level"));
        }
        String head = group + ": " + String.join(", ", parts) + (s.features().size() > 4 ? " and " + (s.features().size() - 4)
                + " more" : "");
        String rows = rows(column, s.group());
        List<String> causes = new ArrayList<>();
        boolean unitNamed = false;
        List<String> others = new ArrayList<>();
        boolean otherFlat = false;
        boolean otherAmount = false;
        Map<String, List<String>> byFactor = new LinkedHashMap<>();
        Map<String, org.rnnlab.datasets.UnitFactors.Factor> factors = new LinkedHashMap<>();
        boolean unitFlat = false;
        for (int i = 0; i < s.features().size(); i++) {
            String feature = bare(s.features().get(i));
            String scale = s.temperatures().get(i);
            boolean flat = s.features().get(i).endsWith("'s spread") && Math.abs(s.ratios().get(i)) < 1 / FAR_SCALE;
            if (!scale.isEmpty()) {
                // the conversion, not per-sequence scaling (which erases every sequence's level: in a trial, the engine
                // temperature that told aggressive trips apart, +3.6 °C)
                boolean toCelsius = scale.startsWith("°F");
                String cell = "df.loc[" + rows + ", " + py(feature) + "]";
                causes.add(String.format(Locale.ROOT, "another temperature scale? %s: %s: convert %s in %s before training "
                        + "(pandas: %s = %s)", feature, scale, feature, group, cell, toCelsius ? "(" + cell + " - 32) / 1.8"
                        : cell + " * 1.8 + 32"));
                unitNamed = true;
                continue;
            }
            java.util.Optional<org.rnnlab.datasets.UnitFactors.Factor> unit = unit(s, i, stepped);
            if (unit.isPresent()) {
                String key = unit.get().factor() + (Math.abs(unit.get().ratio()) < 1 ? "/" : "*");
                byFactor.computeIfAbsent(key, k -> new ArrayList<>()).add(feature);
                factors.putIfAbsent(key, unit.get());
                unitFlat |= flat;
                continue;
            }
            if (!others.contains(feature)) {
                others.add(feature);
            }
            otherFlat |= flat;
            otherAmount |= s.amounts().get(i);
        }
        // a feature of the same group within the flagging tolerance (12%) of a factor named for another of its features is
        // that unit too: an athlete in g had acc_z at 1/9.84 (named) and acc_y's spread at 1/9.09, beyond the 5% that a
        // feature alone needs (UNIT_NAMED), and was told both that scaling each sequence is no remedy and to do it
        for (int i = 0; i < s.features().size() && !byFactor.isEmpty(); i++) {
            String feature = bare(s.features().get(i));
            if (!others.contains(feature) || !s.unitLike().get(i) || org.rnnlab.datasets.UnitFactors.unitless(feature)
                    || stepped.contains(List.of(s.group(), feature)) || TemperatureUnits.temperatureName(feature)) {
                continue;
            }
            java.util.Optional<org.rnnlab.datasets.UnitFactors.Factor> near = org.rnnlab.datasets.UnitFactors.ofGroups(
                    s.ratios().get(i), 1.12);
            String key = near.map(f -> f.factor() + (Math.abs(f.ratio()) < 1 ? "/" : "*")).orElse("");
            if (byFactor.containsKey(key)) {
                byFactor.get(key).add(feature);
                others.remove(feature);
            }
        }
        for (Map.Entry<String, List<String>> e : byFactor.entrySet()) {
            org.rnnlab.datasets.UnitFactors.Factor f = factors.get(e.getKey());
            String names = String.join(", ", e.getValue());
            String pandas = e.getValue().stream().map(feature -> "df.loc[" + rows + ", " + py(feature) + "] "
                    + (Math.abs(f.ratio()) < 1 ? "*= " : "/= ") + f.written()).collect(java.util.stream.Collectors.joining("; "));
            causes.add(String.format(Locale.ROOT, "another unit? %s %s (%s)%s: %s %s in %s by %s (pandas: %s)", names, f.about(),
                    f.named(), unitFlat ? ", or a channel nearly flat there (a dead sensor)" : "", Math.abs(f.ratio()) < 1 ? "multiply"
                    : "divide", names, group, f.written(), pandas));
            unitNamed = true;
        }
        if (unitNamed) {
            causes.add(toldNoRemedy[0] ? "scaling each sequence by its own statistics is no remedy for it (as above)"
                    : "scaling each sequence by its own statistics (sequenceScaling) is no remedy for a unit: it would erase every "
                    + "sequence's level and spread, also where they are the signal");
            toldNoRemedy[0] = true;
        }
        if (!others.isEmpty()) {
            String which = causes.isEmpty() ? "" : String.join(", ", others) + ": ";
            // beside a unit named in the same group, not per-sequence scaling: it was just called no remedy
            String forward = unitNamed ? "bring it to the others' unit" : otherAmount ? "bring it to the others' unit (scaling each "
                    + "sequence by its own statistics, --set sequenceScaling=standardize, would remove each sequence's level, which "
                    + "for an amount such as a concentration is the signal)" : "bring it to the others' unit, or scale each sequence "
                    + "by its own statistics (--set sequenceScaling=standardize)";
            causes.add(which + "another unit or scale" + (otherFlat ? ", or a channel nearly flat there (a dead sensor)" : "") + "? "
                    + forward);
        }
        return head + ": " + String.join("; ", causes) + ".";
    }

    /** The pandas selection of group {@code group}'s rows: a number-like value compared as text, as pandas may read it a number. */
    private static String rows(String column, String group) {
        boolean numeric = group.matches("[-+]?[0-9]+(\\.[0-9]+)?");
        return "df[" + py(column) + "]" + (numeric ? ".astype(str)" : "") + " == " + py(group);
    }

    /** {@code text} as a Python string literal. */
    private static String py(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
