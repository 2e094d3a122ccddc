package org.rnnlab.evaluation.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.core.Json;

/**
 * One feature (of the whole file or of one group) that a drift warning of {@code evaluate} names, as {@code evaluate --json}'s
 * {@code drift} list gives it (trial 80c F2: the level, spread and unit findings were prose in {@code warnings} only, and a
 * monitoring dashboard charting "acc_z's shift in training sd by month" had to parse English). Each finding the warnings
 * name is here, also those a warning counts as "and N more".
 *
 * @param feature     the feature's name
 * @param group       the group's value (the model's group column), or null for the whole file
 * @param kind        {@link #LEVEL}, {@link #SPREAD}, {@link #UNIT} or {@link #CLASS_LEVEL}
 * @param explainedBy what the warning explains it by, or null (then it asks whether a device's offset or gain): {@code unit}
 *                    (a factor between units), {@code temperature} (°F against °C), {@code missingValueCode} (a code for a
 *                    missing value read as a number), {@code farFromTraining} (only the sequences or cells named far from
 *                    training move it), {@code predictionsLeaning} (predict only: the whole file's level matches training's)
 * @param classesBy   for {@link #CLASS_LEVEL}: {@code labelled} (each sequence judged against its labelled class) or
 *                    {@code predicted}; null for the other kinds
 * @param figures     the numbers behind it, by name, in the order given (a NaN is written as null)
 * @param sentence    the finding's own words, as the warning gives them
 */
record DriftFinding(String feature, String group, String kind, String explainedBy, String classesBy, Map<String, Object> figures,
                    String sentence) {

    /**
     * A level far from training's: the mean over 3 training sd from the training mean, or the mean of the sequences' means
     * over 6 sds of the training sequences' means from theirs ({@code FeatureDrift.Shift#levelOff}); its spread may be off too.
     */
    static final String LEVEL = "LEVEL";

    /** A spread over 3 times, or (a whole file's) under 1/3 of, the training sd, the level as in training. */
    static final String SPREAD = "SPREAD";

    /** A level or spread at a factor between units of the training data's ({@code warnLevelShift}). */
    static final String UNIT = "UNIT";

    /** A level far from that of the training sequences of each sequence's class ({@code warnClassDrift}). */
    static final String CLASS_LEVEL = "CLASS_LEVEL";

    DriftFinding {
        figures = new LinkedHashMap<>(figures);
    }

    /** The finding as a JSON object. */
    ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("feature", feature);
        node.put("group", group);
        node.put("kind", kind);
        node.put("explainedBy", explainedBy);
        if (classesBy != null) {
            node.put("classesBy", classesBy);
        }
        ObjectNode f = node.putObject("figures");
        figures.forEach((k, v) -> put(f, k, v));
        node.put("sentence", sentence);
        return node;
    }

    private static void put(ObjectNode node, String key, Object v) {
        if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float x && !Float.isFinite(x) || v == null) {
            node.putNull(key); // NaN (not judged) or an infinite distance (a training sd of 0)
        } else if (v instanceof Integer i) {
            node.put(key, i);
        } else if (v instanceof Long l) {
            node.put(key, l);
        } else if (v instanceof Number n) {
            node.put(key, n.doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode inner = node.putObject(key);
            m.forEach((k, x) -> put(inner, String.valueOf(k), x));
        } else {
            node.put(key, String.valueOf(v));
        }
    }

    /** {@code evaluate --json}'s {@code drift}: every finding, in the order the warnings name them ([] when none). */
    static ArrayNode json(List<DriftFinding> findings) {
        ArrayNode out = Json.mapper().createArrayNode();
        findings.forEach(d -> out.add(d.json()));
        return out;
    }
}
