package org.rnnlab.datasets.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A feature whose training sequences fall into two clusters of level related as °F to °C (F = 1.8 C + 32): some sequences
 * (a unit, a site, a device) recorded in Fahrenheit among others in Celsius. The change is affine, so no factor between
 * units ({@link GroupScales}) catches it: a trial's ICU ward charted temperature in °F (97-100) where the other units
 * charted °C (35-38), 639 of 3,215 values, and training said nothing; the model read the ward's patients as feverish.
 *
 * <p>Each sequence's level is the median of its values as written (before missing values are filled). The levels are cut
 * at their widest gap between neighbours into a low and a high cluster; the feature is named when
 * <ul>
 * <li>each cluster holds 2 sequences or more, and as many distinct levels as that or 3 (a measured quantity varies from
 *     sequence to sequence; a setting of two values does not),</li>
 * <li>the low cluster's centre (median) lies between {@value #LOWEST} and {@value #HIGHEST} (°C of bodies, weather,
 *     water, rooms),</li>
 * <li>1.8 times it plus 32 lies within the high cluster's range and within {@value #TOLERANCE_PERCENT}% (of the distance
 *     between the two) of the high cluster's centre, and the high centre converted back lies within the low cluster's
 *     range: the same quantity in two units, not two levels that merely differ.</li>
 * </ul>
 *
 * @param feature  the feature's position
 * @param celsius  the low cluster's centre
 * @param fahrenheit the high cluster's centre
 * @param high     the ids of the sequences in the high cluster (°F), in training order
 * @param low      how many sequences are in the low cluster (°C)
 * @param groups   the distinct groups of the high cluster's sequences (empty without a group column)
 */
public record TemperatureUnits(int feature, double celsius, double fahrenheit, List<String> high, int low, List<String> groups) {

    /** Lowest centre of the low (°C) cluster. */
    static final double LOWEST = -50;
    /** Highest centre of the low (°C) cluster. */
    static final double HIGHEST = 60;
    /** How far the high centre may lie from the low centre converted, in percent of the distance between them. */
    static final int TOLERANCE_PERCENT = 5;

    /** The median of each feature's values in {@code values} ({@code [time][feature]}, NaN: missing), NaN without any. */
    public static double[] medians(float[][] values) {
        int width = values.length == 0 ? 0 : values[0].length;
        double[] out = new double[width];
        for (int f = 0; f < width; f++) {
            final int feature = f;
            double[] observed = Arrays.stream(values).mapToDouble(step -> step[feature]).filter(x -> !Double.isNaN(x)).sorted()
                    .toArray();
            out[f] = observed.length == 0 ? Double.NaN : TimeSpacing.median(observed);
        }
        return out;
    }

    /**
     * The features of {@code train} whose sequences' levels ({@code medians} by sequence id, from {@link #medians}) form a
     * °C and a °F cluster, by the rule above.
     */
    public static List<TemperatureUnits> find(List<CsvSequence> train, Map<String, double[]> medians, int width) {
        List<TemperatureUnits> found = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            final int feature = f;
            List<CsvSequence> judged = train.stream().filter(q -> medians.containsKey(q.id()) && medians.get(q.id()).length > feature
                    && Double.isFinite(medians.get(q.id())[feature])).sorted((a, b) -> Double.compare(medians.get(a.id())[feature],
                    medians.get(b.id())[feature])).toList();
            if (judged.size() < 4) {
                continue;
            }
            double[] level = judged.stream().mapToDouble(q -> medians.get(q.id())[feature]).toArray();
            int cut = -1;
            double widest = 0;
            for (int i = 0; i + 1 < level.length; i++) {
                if (level[i + 1] - level[i] > widest) {
                    widest = level[i + 1] - level[i];
                    cut = i;
                }
            }
            if (cut < 1 || cut > level.length - 3) {
                continue; // a cluster of one sequence
            }
            double[] low = Arrays.copyOfRange(level, 0, cut + 1);
            double[] high = Arrays.copyOfRange(level, cut + 1, level.length);
            if (distinct(low) < Math.min(3, low.length) || distinct(high) < Math.min(3, high.length)) {
                continue; // two settings, not a measured quantity
            }
            double c = TimeSpacing.median(low);
            double fahr = TimeSpacing.median(high);
            double converted = 1.8 * c + 32;
            double back = (fahr - 32) / 1.8;
            if (c < LOWEST || c > HIGHEST || converted < high[0] || converted > high[high.length - 1] || back < low[0]
                    || back > low[low.length - 1] || Math.abs(fahr - converted) * 100 > TOLERANCE_PERCENT * (converted - c)) {
                continue;
            }
            java.util.Set<CsvSequence> above = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            above.addAll(judged.subList(cut + 1, judged.size()));
            List<CsvSequence> hot = train.stream().filter(above::contains).toList(); // in training order
            found.add(new TemperatureUnits(f, c, fahr, hot.stream().map(CsvSequence::id).toList(), low.length,
                    hot.stream().map(CsvSequence::group).filter(g -> g != null).distinct().toList()));
        }
        return found;
    }

    /**
     * Whether {@code level}, farther than {@code near} from {@code usual}, comes within {@code near} of it converted to the
     * other temperature scale: {@code 1} when {@code (x − 32) / 1.8} does (°F against °C), {@code -1} when {@code x · 1.8 + 32}
     * does (°C against °F), {@code 0} otherwise. One rule for training's group levels ({@link GroupScales}) and new data's
     * means (FarFromTraining's hint); each words it its own way.
     */
    public static int otherScale(double level, double usual, double near) {
        if (!(Math.abs(level - usual) > near)) {
            return 0;
        }
        if (Math.abs((level - 32) / 1.8 - usual) <= near) {
            return 1;
        }
        return Math.abs(level * 1.8 + 32 - usual) <= near ? -1 : 0;
    }

    /**
     * Whether a feature's name says it is a temperature (temp, celsius, fahrenheit, °, deg), as predict's °F hint asks: two
     * levels of any other quantity can fit 1.8 x + 32 (a review's city and highway speeds, 20 and 67 km/h, which were the
     * classes).
     */
    public static boolean temperatureName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).matches(".*(temp|celsius|fahrenheit|°|deg).*");
    }

    private static long distinct(double[] sorted) {
        return Arrays.stream(sorted).distinct().count();
    }

    /**
     * The warning, naming {@code file}, the feature ({@code names}), the high cluster's sequences (count and up to 5 ids) and
     * groups of {@code groupColumn} (when given), and the conversion.
     */
    public String warning(Object file, List<String> names, String groupColumn) {
        String ids = String.join(", ", high.subList(0, Math.min(5, high.size())).stream().map(org.rnnlab.datasets.LabelCheck::quoted)
                .toList()) + (high.size() > 5 ? " and " + (high.size() - 5) + " more" : "");
        String inGroups = groupColumn == null || groups.isEmpty() ? "" : String.format(Locale.ROOT, ", of %d group(s) of group "
                + "column %s (%s%s)", groups.size(), groupColumn, String.join(", ", groups.subList(0, Math.min(5, groups.size()))
                .stream().map(org.rnnlab.datasets.LabelCheck::quoted).toList()), groups.size() > 5 ? " and " + (groups.size() - 5)
                + " more" : "");
        return String.format(Locale.ROOT, "csv %s: feature '%s' looks like °F in some sequences among °C in the others: %d of the "
                + "%d training sequences (%s%s) hold values around %.4g, the other %d around %.4g, and 1.8 × %.4g + 32 = %.4g "
                + "(°F = 1.8 × °C + 32). The model reads them as other data (a fever where there is none); bring them to one "
                + "unit before training, e.g. pandas: df.loc[rows, '%s'] = (df.loc[rows, '%s'] - 32) / 1.8 for the sequences in "
                + "°F (the care unit, site or device that records them)", file, names.get(feature), high.size(), high.size() + low,
                ids, inGroups, fahrenheit, low, celsius, celsius, 1.8 * celsius + 32, names.get(feature), names.get(feature));
    }
}
