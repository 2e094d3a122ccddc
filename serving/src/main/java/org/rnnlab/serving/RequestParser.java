package org.rnnlab.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rnnlab.datasets.InputDescription;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.MissingValues;
import org.rnnlab.datasets.csv.SequenceScaling;

/**
 * Reads the body of a predict request, {@code {"sequences": [[[f, ...], ...], ...]}} or {@code {"texts": ["...", ...]}},
 * with a streaming JSON parser: it never builds a tree of a large request, stops at the first error and says exactly
 * what is wrong (malformed JSON with its line and column, an unknown field by name, a sequence, step and feature
 * by index and name). NaN and Infinity are read so that they can be refused by name.
 */
final class RequestParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * A parsed request: sequences, or texts (the other is null). {@code belowFloatRange}: per sequence, its values that are
     * not 0 as written but below the float range ({@code |x| < 1.4e-45}), read as 0 as predict reads them (null for texts).
     * {@code emptyFeaturesFilled}: per sequence, the features with no value at all in it that the model's fallback filled
     * ({@code --set emptyFeature=mean|zero}), empty for none (null for texts).
     */
    record Parsed(List<float[][]> sequences, List<String> texts, int[] belowFloatRange, List<List<String>> emptyFeaturesFilled,
                  List<float[][]> written) {

        /** A request without the values as written kept apart (texts; a model without per-sequence scaling). */
        Parsed(List<float[][]> sequences, List<String> texts, int[] belowFloatRange, List<List<String>> emptyFeaturesFilled) {
            this(sequences, texts, belowFloatRange, emptyFeaturesFilled, null);
        }

        int size() {
            return sequences != null ? sequences.size() : texts.size();
        }
    }

    private final ServedModel model;
    /** The model's missing-value policy (its CSV schema's; error for other data): null and NaN are filled by it, as predict fills. */
    private final MissingValues missing;
    /** The model's per-sequence scaling (its CSV schema's; none for other data), applied after the missing values as predict does. */
    private final SequenceScaling scaling;
    /** The model's codes for a missing value that are numbers ({@code --set naValues=-9999}): read as missing, as predict reads them. */
    private final java.util.Set<Double> missingCodes;
    private final int maxSequences;
    private final int maxLength;
    /** The model's wide layout ({@code --set layout=wide}), whose step columns messages name as predict does; null for others. */
    private final org.rnnlab.datasets.csv.WideLayout wide;
    /** The model's fallback for a feature with no value at all in a sequence ({@code --set emptyFeature}); null: none. */
    private final org.rnnlab.datasets.csv.EmptyFeatureFill emptyFeature;

    /** Refuse steps given by position ({@code serve --require-feature-names}): only steps naming their features are read. */
    private final boolean requireNames;

    /**
     * The other models served beside this one, by name, and whether each reads texts: a body of texts sent to a model that
     * reads sequences (or the reverse) is told which of them reads it and at which path, as the fix is the path, not the body
     * (trial 77e F7: texts sent to /predict of a server whose default model reads sensors were told to send sequences).
     */
    private final Map<String, Boolean> others;

    RequestParser(ServedModel model, int maxSequences, int maxLength) {
        this(model, maxSequences, maxLength, false);
    }

    RequestParser(ServedModel model, int maxSequences, int maxLength, boolean requireNames) {
        this(model, maxSequences, maxLength, requireNames, Map.of());
    }

    /** @param others the other served models by name (in the server's order), each with whether it reads texts */
    RequestParser(ServedModel model, int maxSequences, int maxLength, boolean requireNames, Map<String, Boolean> others) {
        this.model = model;
        this.others = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(others));
        this.requireNames = requireNames;
        this.missing = model.classifier().card().csvSchema().map(CsvSchema::missing).orElse(MissingValues.ERROR);
        this.scaling = model.classifier().card().csvSchema().map(CsvSchema::sequenceScaling).orElse(SequenceScaling.NONE);
        this.missingCodes = model.classifier().card().csvSchema().map(CsvSchema::naValues).orElse(List.of()).stream()
                .map(String::trim).filter(c -> c.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)")).map(Double::parseDouble)
                .collect(java.util.stream.Collectors.toSet());
        this.maxSequences = maxSequences;
        this.maxLength = maxLength;
        this.wide = model.classifier().card().csvSchema().map(CsvSchema::wide).orElse(null);
        this.emptyFeature = model.classifier().card().csvSchema().map(CsvSchema::emptyFeature).orElse(null);
    }

    /**
     * Feature {@code n} at step {@code t} as messages name it: {@code feature NAME}, and for a wide model with a numeric axis
     * the step column, as predict and the Java API name it ({@link org.rnnlab.datasets.csv.WideLayout#withStepColumn}).
     */
    private String feature(int t, int n) {
        return "feature " + org.rnnlab.datasets.csv.WideLayout.withStepColumn(model.input().featureNames().get(n),
                wide == null ? null : wide.stepColumn(t));
    }

    Parsed parse(InputStream body) throws IOException {
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(utf8(body))) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                throw bad("the request body is empty: expected a JSON object {\"sequences\": [...]} or {\"texts\": [...]}");
            }
            if (first != JsonToken.START_OBJECT) {
                throw bad("the request body must be a JSON object {\"sequences\": [...]} or {\"texts\": [...]}, got " + describe(p));
            }
            List<float[][]> sequences = null;
            List<String> texts = null;
            List<Integer> belowFloatRange = new ArrayList<>();
            List<List<String>> emptyFilled = new ArrayList<>();
            // under sequenceScaling, each sequence as sent, before it is filled and scaled: codes and spikes are judged on it
            // (WrittenValues), as predict judges a file's
            List<float[][]> written = scaling == SequenceScaling.NONE ? null : new ArrayList<>();
            boolean sequencesGiven = false;
            boolean textsGiven = false;
            String field;
            while ((field = p.nextFieldName()) != null) {
                switch (field) {
                    case "sequences" -> {
                        if (textsGiven) {
                            throw bothFields();
                        }
                        sequencesGiven = true;
                        p.nextToken();
                        if (model.readsText()) {
                            p.skipChildren(); // refused below, unless 'texts' comes too (then both are refused)
                        } else {
                            sequences = sequences(p, belowFloatRange, emptyFilled, written);
                        }
                    }
                    case "texts" -> {
                        if (sequencesGiven) {
                            throw bothFields();
                        }
                        textsGiven = true;
                        p.nextToken();
                        if (model.readsText()) {
                            texts = texts(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> throw bad("unknown field '" + Messages.clip(field) + "': a predict request has one field, "
                            + "'sequences' or 'texts'");
                }
            }
            if (p.nextToken() != null) {
                throw bad("unexpected content after the JSON object at " + where(p.currentTokenLocation()));
            }
            if (sequencesGiven && model.readsText()) {
                throw bad("model '" + model.name() + "' reads text: send {\"texts\": [\"...\", ...]}, not sequences"
                        + servedElsewhere(false));
            }
            if (textsGiven && !model.readsText()) {
                throw bad("model '" + model.name() + "' reads sequences of " + model.input().featureCount() + " features "
                        + model.input().featureNames() + ", not texts: send {\"sequences\": [[[...], ...], ...]}"
                        + servedElsewhere(true));
            }
            if (sequences == null && texts == null) {
                throw bad(model.readsText() ? "no 'texts' field: send {\"texts\": [\"...\", ...]}"
                        : "no 'sequences' field: send {\"sequences\": [[[...], ...], ...]} (each step " + model.input().featureCount()
                        + " numbers " + model.input().featureNames() + ")");
            }
            return new Parsed(sequences, texts, sequences == null ? null : belowFloatRange.stream().mapToInt(Integer::intValue).toArray(),
                    sequences == null ? null : emptyFilled, sequences == null ? null : written);
        } catch (StrictUtf8.Invalid e) {
            throw bad(e.getMessage());
        } catch (JsonProcessingException e) {
            // a limit of the parser's (a number too long) gives no location of its own: where the parser stopped
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
            throw bad("malformed JSON at " + where(at) + ": " + Messages.clip(plain(withoutSource(e.getOriginalMessage())), 160));
        }
    }

    /**
     * The body, refused when its first bytes are those of UTF-16 or UTF-32 (a byte order mark, or zero bytes among the first
     * four, as JSON text in those encodings starts). Jackson detects those encodings and reads them, so a UTF-16 body was
     * answered 200, though JSON on the wire is UTF-8 (RFC 8259) and the README promises a 400 for bytes that are not UTF-8;
     * every other body is read through {@link StrictUtf8}, which refuses invalid UTF-8 with its line, column and byte offset
     * (Jackson's UTF-8 parser decodes overlong forms and encoded surrogates).
     */
    static InputStream utf8(InputStream body) throws IOException {
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(body, 4);
        byte[] head = in.readNBytes(4);
        in.unread(head);
        int n = head.length;
        String encoding = null;
        if (n >= 4 && head[0] == 0 && head[1] == 0 && head[2] == (byte) 0xFE && head[3] == (byte) 0xFF
                || n >= 4 && head[0] == (byte) 0xFF && head[1] == (byte) 0xFE && head[2] == 0 && head[3] == 0) {
            encoding = "UTF-32 (it starts with a byte order mark)";
        } else if (n >= 2 && (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF || head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)) {
            encoding = "UTF-16 (it starts with a byte order mark)";
        } else {
            for (int i = 0; i < n && encoding == null; i++) {
                if (head[i] == 0) {
                    encoding = "UTF-16 or UTF-32 (a zero byte at byte offset " + i + ")";
                }
            }
        }
        if (encoding != null) {
            throw bad("malformed JSON at line 1, column 1: the body is not UTF-8 but looks like " + encoding + ": JSON is UTF-8; "
                    + "send the body encoded as UTF-8");
        }
        return new StrictUtf8(in);
    }

    /**
     * The value at the parser (feature {@code n} of step {@code t} of sequence {@code i}): a number, or NaN for a missing
     * value (null, NaN or the model's code for one) where the model fills them; counts in {@code underflows[0]} a value not 0
     * as written but 0 as a float.
     */
    private float value(JsonParser p, int i, int t, int n, int[] underflows) throws IOException {
        JsonToken tok = p.currentToken();
        if (tok == JsonToken.VALUE_NULL && missing != MissingValues.ERROR) {
            return Float.NaN; // filled later, as predict fills an empty cell
        }
        if (tok != JsonToken.VALUE_NUMBER_INT && tok != JsonToken.VALUE_NUMBER_FLOAT) {
            throw bad("sequence " + i + ", step " + t + ", " + feature(t, n) + ": expected a number, got "
                    + describe(p) + (tok == JsonToken.VALUE_NULL ? " (the model fills no missing values"
                    + (model.classifier().card().csvSchema().isPresent() ? ": it was trained with --missing error)" : ")") : ""));
        }
        double v = p.getDoubleValue();
        float f = (float) v;
        if (Double.isNaN(v) && missing != MissingValues.ERROR) {
            f = Float.NaN; // a missing value, filled later
        } else if (!missingCodes.isEmpty() && missingCodes.contains(v)) {
            if (missing == MissingValues.ERROR) {
                throw bad("sequence " + i + ", step " + t + ", " + feature(t, n) + ": " + p.getText()
                        + " is the model's code for a missing value (naValues), and the model fills no missing values "
                        + "(it was trained with --missing error)");
            }
            f = Float.NaN; // the model's code for a missing value (naValues), filled later as predict fills it
        } else if (!Float.isFinite(f)) {
            throw bad("sequence " + i + ", step " + t + ", " + feature(t, n) + ": " + p.getText()
                    // a JSON number is finite as written: an infinite value is one beyond the double range (1e400)
                    + (Double.isFinite(v) || p.getText().matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")
                    ? " is beyond the float range (expected |x| <= 3.4028235e38, the largest 32-bit float)"
                    : Double.isNaN(v) ? " is a missing value, and the model fills no missing values (it was trained with --missing "
                    + "error)"
                    : " is not a finite number (Infinity is not accepted; " + (missing == MissingValues.ERROR
                    ? "nor are missing values: the model fills none)"
                    : "NaN or null mark a missing value, which this model fills by --missing "
                    + missing.name().toLowerCase(java.util.Locale.ROOT) + ")")));
        }
        if (f == 0 && (v != 0 || nonZeroDigits(p.getText()))) {
            underflows[0]++; // 1e-50: not 0 as written, 0 as a float; predict warns of such values
        }
        return f;
    }

    /** {@code {"x": ..., "y": ...}}: a step by name, as messages show it (the first few features). */
    private static String byName(List<String> names) {
        StringBuilder b = new StringBuilder("{");
        for (int f = 0; f < Math.min(3, names.size()); f++) {
            b.append(f == 0 ? "" : ", ").append('"').append(Messages.clip(names.get(f))).append("\": ").append(f + 1);
        }
        return b.append(names.size() > 3 ? ", ...}" : "}").toString();
    }

    /**
     * The 400 for sequence {@code i} longer than {@code --max-length}: the rest of it is skipped (not kept) to count its steps,
     * so that the message names the length given, the limit, the model's longest training sequence, and that predict scores it.
     */
    private ApiException tooLong(JsonParser p, int i) throws IOException {
        long steps = maxLength;
        JsonToken next;
        do {
            p.skipChildren();
            steps++;
            next = p.nextToken();
        } while (next != JsonToken.END_ARRAY && next != null); // null: the body ended inside the sequence (counted so far)
        return bad("sequence " + i + " has " + steps + " steps, more than this server's --max-length of " + maxLength + " (the model "
                + "trained on sequences of up to " + model.classifier().card().maxLength() + " steps; 'rnnlab predict' scores longer "
                + "ones with a warning): start serve with --max-length " + steps + " or more to accept it, or send it in shorter "
                + "windows");
    }

    /** {@code " (did you mean 'x'?)"} for a name that differs from one of {@code names} only in case, else "". */
    private static String closeName(String name, List<String> names) {
        // case, separators or a letter or two: 'numpoints' for 'num_points' (a radar trial's)
        String close = org.rnnlab.datasets.csv.Column.closest(name, names);
        return close == null ? "" : " (did you mean '" + close + "'?)";
    }

    private static ApiException bothFields() {
        return bad("give either 'sequences' or 'texts', not both");
    }

    /**
     * @param belowFloatRange gets, per sequence, its values not 0 as written but read as 0 (below the float range)
     * @param emptyFilled     gets, per sequence, the features with no value at all that the model's fallback filled
     */
    private List<float[][]> sequences(JsonParser p, List<Integer> belowFloatRange, List<List<String>> emptyFilled,
                                      List<float[][]> written) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw bad("'sequences' must be an array of sequences (each an array of steps, each an array of "
                    + model.input().featureCount() + " numbers), got " + describe(p));
        }
        InputDescription in = model.input();
        int features = in.featureCount();
        List<float[][]> out = new ArrayList<>();
        float[] step = new float[features];
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int i = out.size();
            if (i >= maxSequences) {
                throw bad("too many sequences: more than " + maxSequences + " in one request (--max-sequences)");
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw bad("sequence " + i + " must be an array of steps (each an array of " + features + " numbers), got " + describe(p));
            }
            List<float[]> steps = new ArrayList<>();
            int[] underflows = new int[1];
            while (p.nextToken() != JsonToken.END_ARRAY) {
                int t = steps.size();
                if (t >= maxLength) {
                    throw tooLong(p, i);
                }
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    // a step by feature name ({"lead_I": 0.1, ...}): a client that names its values cannot send them in
                    // another order (an ECG trial's second hospital's leads, in another order, were scored without a word)
                    boolean[] given = new boolean[features];
                    while (p.nextToken() != JsonToken.END_OBJECT) {
                        String name = p.currentName();
                        p.nextToken();
                        int f = in.featureNames().indexOf(name);
                        if (f < 0) {
                            throw bad("sequence " + i + ", step " + t + ": '" + name + "' is not one of the model's features "
                                    + in.featureNames() + closeName(name, in.featureNames()) + " (names are matched as written)");
                        }
                        if (given[f]) {
                            throw bad("sequence " + i + ", step " + t + ": feature '" + name + "' given twice");
                        }
                        given[f] = true;
                        step[f] = value(p, i, t, f, underflows);
                    }
                    List<String> absent = new ArrayList<>();
                    for (int f = 0; f < features; f++) {
                        if (!given[f]) {
                            absent.add(in.featureNames().get(f));
                        }
                    }
                    if (!absent.isEmpty()) {
                        throw bad("sequence " + i + ", step " + t + ": no value for feature(s) " + absent + " (a step by name gives "
                                + "every feature of the model " + in.featureNames() + "; null for a missing value)");
                    }
                    steps.add(Arrays.copyOf(step, features));
                    continue;
                }
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    throw bad("sequence " + i + ", step " + t + " must be an array of " + features + " numbers " + in.featureNames()
                            + " or an object of them by name, got " + describe(p));
                }
                if (requireNames) {
                    throw bad("sequence " + i + ", step " + t + ": steps must name their features (the server was started with "
                            + "--require-feature-names), e.g. " + byName(in.featureNames()) + "; by position, in the model's order "
                            + in.featureNames() + ", they are refused so that a client sending them in another order is not scored");
                }
                int n = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (n < features) {
                        step[n] = value(p, i, t, n, underflows);
                    } else if (p.currentToken() != JsonToken.VALUE_NUMBER_INT && p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw bad("sequence " + i + ", step " + t + ", value " + n + ": expected a number, got " + describe(p));
                    }
                    n++;
                }
                if (n != features) {
                    throw bad("sequence " + i + ", step " + t + ": got " + n + " values, expected " + features + " " + in.featureNames());
                }
                steps.add(Arrays.copyOf(step, features));
            }
            if (steps.isEmpty()) {
                throw bad("sequence " + i + " is empty: expected at least one step");
            }
            float[][] values = steps.toArray(new float[0][]);
            if (written != null) {
                written.add(Arrays.stream(values).map(float[]::clone).toArray(float[][]::new));
            }
            if (missing == MissingValues.TRIM) {
                // as predict reads a file of such a model: steps at the end whose every value is missing are end padding,
                // removed; any other missing value is refused, as in training
                int trailing = MissingValues.trailingMissingSteps(values);
                values = MissingValues.trimmed(values);
                if (values.length == 0) {
                    throw bad("sequence " + i + " has no value at all: every value of its " + trailing + " step(s) is missing (the "
                            + "model removes steps at a sequence's end whose every value is missing, --missing trim, and nothing is left)");
                }
                int[] at = MissingValues.firstMissing(values);
                if (at != null) {
                    throw bad("sequence " + i + ", step " + at[0] + ", " + feature(at[0], at[1]) + ": a missing value "
                            + "(null or NaN) that is not end padding (the model was trained with --missing trim, which removes only "
                            + "the steps at a sequence's end whose every value is missing; send a number here)");
                }
            } else if (missing == MissingValues.DROP_STEPS) {
                // as predict reads a file of such a model: every step holding a missing value is removed
                int given = values.length;
                values = MissingValues.withoutMissingSteps(values);
                if (values.length == 0) {
                    throw bad("sequence " + i + " has a missing value (null or NaN) in every one of its " + given + " step(s), and "
                            + "the model removes such steps (it was trained with --missing drop-steps): there is nothing to "
                            + "predict for it");
                }
            } else if (missing != MissingValues.ERROR) {
                MissingValues.Filled filled = missing.fill(values, emptyFeature == null ? null : emptyFeature.array(features));
                if (filled.dropped()) {
                    throw bad("sequence " + i + " has a missing value (null or NaN), and the model drops such sequences (it was "
                            + "trained with --missing drop): there is nothing to predict for it; send it without gaps");
                }
                if (filled.emptyFeature() >= 0) {
                    // one request is answered whole or not at all: the others are named as unanswered (a trial's squad of players
                    // lost every prediction to one dead strap)
                    throw bad("sequence " + i + ", feature " + in.featureNames().get(filled.emptyFeature()) + " has no value at all "
                            + "(the model fills gaps with --missing " + missing + ", from values of the same feature in the sequence"
                            + (emptyFeature == null ? ", and was trained without a fallback for a feature with none: a model "
                            + "trained with --set " + org.rnnlab.datasets.csv.EmptyFeatureFill.SETTING + "=mean or zero fills it"
                            : "; no feature of this sequence has a value, which no fallback fills") + "); the request is answered "
                            + "whole or not at all, so no sequence of it is: leave sequence " + i + " out, or send each sequence "
                            + "in a request of its own");
                }
                emptyFilled.add(filled.fellBack().stream().map(f -> in.featureNames().get(f)).toList());
            }
            if (MissingValues.firstMissing(values) == null) { // a NaN left is refused by the classifier's check, naming its step
                scaling.apply(values); // each sequence by its own statistics, as predict reads a file (--set sequenceScaling)
            }
            if (emptyFilled.size() == out.size()) {
                emptyFilled.add(List.of()); // nothing filled in by the fallback
            }
            out.add(values);
            belowFloatRange.add(underflows[0]);
        }
        if (out.isEmpty()) {
            throw bad("'sequences' is empty: give at least one sequence");
        }
        return out;
    }

    /** Whether a number as written has a digit other than 0 before its exponent (1e-400 does; 0.0e5 does not). */
    static boolean nonZeroDigits(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private List<String> texts(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw bad("'texts' must be an array of strings, got " + describe(p));
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int i = out.size();
            if (i >= maxSequences) {
                throw bad("too many texts: more than " + maxSequences + " in one request (--max-sequences)");
            }
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw bad("text " + i + " must be a string, got " + describe(p));
            }
            out.add(p.getText());
        }
        if (out.isEmpty()) {
            throw bad("'texts' is empty: give at least one text");
        }
        return out;
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of the body";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string (\"" + Messages.clip(p.getText()) + "\")";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + p.getText() + ")";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean (" + p.getText() + ")";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String where(JsonLocation l) {
        return l == null ? "an unknown place" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /**
     * For a body of texts ({@code texts} true) or sequences sent to a model that reads the other: {@code ; model 'text' at
     * /models/text/predict reads texts} for each other served model that reads it, empty for none.
     */
    String servedElsewhere(boolean texts) {
        StringBuilder b = new StringBuilder();
        others.forEach((name, readsText) -> {
            if (readsText == texts) {
                b.append("; model '").append(name).append("' at /models/").append(name).append("/predict reads ")
                        .append(texts ? "texts" : "sequences");
            }
        });
        return b.toString();
    }

    private static ApiException bad(String message) {
        return new ApiException(400, message);
    }

    /**
     * Jackson's message without the description of its input ({@code [Source: (byte[])"..."; line: 1, column: 2]} in
     * "start marker at ..."): it repeats the request's start, and clipping cut the message there, mid-word.
     */
    /**
     * Jackson's words for what a client can act on: its list of expected tokens offered {@code NaN} and {@code INF}, which
     * are refused; a comment is named as not JSON; a number beyond the parser's length limit is said in digits.
     */
    static String plain(String message) {
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher tooLong = java.util.regex.Pattern.compile("Number value length \\((\\d+)\\) exceeds the maximum "
                + "allowed \\((\\d+).*").matcher(message);
        if (tooLong.find()) {
            return "a number of " + tooLong.group(1) + " characters (at most " + tooLong.group(2) + ")";
        }
        // a user's try: a 100,000-character key was "Name length (65536) exceeds the maximum allowed (50000, from
        // `StreamReadConstraints.getMaxNameLength()`)": Jackson's internals, and the length of its buffer, not of the name
        java.util.regex.Matcher longName = java.util.regex.Pattern.compile("Name length \\(\\d+\\) exceeds the maximum allowed "
                + "\\((\\d+).*").matcher(message);
        if (longName.find()) {
            return "a field name longer than " + longName.group(1) + " characters (a predict request has one field, 'sequences' or "
                    + "'texts')";
        }
        java.util.regex.Matcher longString = java.util.regex.Pattern.compile("String value length \\(\\d+\\) exceeds the maximum "
                + "allowed \\((\\d+).*").matcher(message);
        if (longString.find()) {
            return "a string longer than " + longString.group(1) + " characters";
        }
        if (message.contains("ALLOW_COMMENTS")) {
            return "a comment, which JSON does not have";
        }
        return message.replaceAll("\\(JSON String, Number \\(or 'NaN'/'\\+INF'/'-INF'\\), Array, Object or token 'null', 'true' or "
                + "'false'\\)", "(a JSON value: a string, number, array, object, true, false or null)")
                .replaceAll("\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)",
                        "(a JSON value: a string, number, array, object, true, false or null)");
    }

    static String withoutSource(String message) {
        return message == null ? null : message.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)]", "line $1, column $2");
    }
}
