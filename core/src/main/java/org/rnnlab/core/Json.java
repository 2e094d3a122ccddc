package org.rnnlab.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one JSON mapper of rnnlab: records in and out, indented, unknown fields rejected (a typo in a
 * config file is an error, not a silent default). Files are written atomically through {@link AtomicFiles}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .setInjectableValues(new InjectableValues.Std().addValue(Json.ABSENT, null));

    /**
     * Injection key of record fields added after files were written ({@code @JacksonInject(value = ABSENT,
     * useInput = TRUE)}): such a field, when absent, is null instead of an error, and the record says what null means.
     */
    public static final String ABSENT = "rnnlab.absent";

    private Json() {
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Indented JSON text of a value. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One-line JSON text of a value. */
    public static String writeCompact(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An immutable copy of a list read from JSON, refusing a null list or a null element with the field named and what
     * belongs there ({@code 'labelNames[1]' is null (expected a label name)}): a JSON null reached {@link List#copyOf} and
     * the reader saw only a NullPointerException's text. For record constructors that JSON (a file) can reach.
     *
     * @param field   the field's name as written in the file
     * @param list    what expected, e.g. "a list of label names"
     * @param element what each element is, e.g. "a label name"
     */
    public static <T> java.util.List<T> requireList(java.util.List<T> value, String field, String list, String element) {
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is null (expected " + list + ")");
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw new IllegalArgumentException("'" + field + "[" + i + "]' is null (expected " + element + ")");
            }
        }
        return java.util.List.copyOf(value);
    }

    /** Parses JSON text into a value of the given type; the message of a failure names the type and the field. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + " from JSON: " + explain(e), e);
        }
    }

    /**
     * What is wrong with a JSON document, in words: the field (its path), the problem (a value a constructor refused says
     * its own reason; Java class names lose their packages) and the line and column, without Jackson's source description.
     */
    public static String explain(JsonProcessingException e) {
        StringBuilder field = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    field.append(field.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    field.append('[').append(r.getIndex()).append(']');
                }
            }
        }
        Throwable cause = e.getCause();
        String what = e instanceof ValueInstantiationException && cause != null && cause.getMessage() != null ? cause.getMessage()
                : String.valueOf(e.getOriginalMessage());
        what = plain(what);
        JsonLocation at = e.getLocation();
        return (field.length() == 0 ? "" : "field " + field + ": ") + what
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    /**
     * A Jackson or enum message in a reader's terms: class names without their packages, a missing creator property as
     * a missing field, a value of the wrong JSON kind as what was expected, an unknown enum constant as an unknown value,
     * an unrecognized field as an unknown field with the known ones.
     */
    public static String plain(String message) {
        String m = String.valueOf(message);
        java.util.regex.Matcher missing = java.util.regex.Pattern.compile("Missing creator property '([^']+)'.*", java.util.regex.Pattern.DOTALL)
                .matcher(m);
        if (missing.matches()) {
            return "the field '" + missing.group(1) + "' is missing";
        }
        java.util.regex.Matcher kind = java.util.regex.Pattern.compile(
                "Cannot deserialize value of type `?(?:[a-z_$][\\w$]*\\.)*([\\w$]+)`? from (\\w+) value.*", java.util.regex.Pattern.DOTALL)
                .matcher(m);
        if (kind.matches()) {
            String got = switch (kind.group(2)) {
                case "Array" -> "an array";
                case "Object" -> "an object";
                default -> "a " + kind.group(2).toLowerCase(java.util.Locale.ROOT) + " value";
            };
            return "expected " + kind.group(1).substring(kind.group(1).lastIndexOf('$') + 1) + ", got " + got;
        }
        java.util.regex.Matcher unknown = java.util.regex.Pattern.compile("Unrecognized field \"([^\"]+)\" \\(class [^)]+\\), not marked "
                + "as ignorable(?: \\(\\d+ known properties: ([^\\]]*)\\])?.*", java.util.regex.Pattern.DOTALL).matcher(m);
        if (unknown.matches()) {
            return "unknown field '" + unknown.group(1) + "'" + (unknown.group(2) == null ? ""
                    : " (known: " + unknown.group(2).replace("\"", "").trim() + ")");
        }
        java.util.regex.Matcher constant = java.util.regex.Pattern.compile("No enum constant (?:[a-z_$][\\w$]*\\.)*([\\w$]+)\\.([^.]+)")
                .matcher(m);
        if (constant.matches()) {
            return "'" + constant.group(2) + "' is not a known " + constant.group(1) + " value";
        }
        return m.replaceAll("`(?:[a-z_$][\\w$]*\\.)+([\\w$.]+)`", "$1");
    }

    /** Writes a value as JSON to a file, atomically. */
    public static void writeFile(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, write(value) + "\n");
    }

    /** Reads a JSON file into a value; the message of a failure names the file. */
    public static <T> T readFile(Path file, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot read " + type.getSimpleName() + " from " + file + ": " + explain(e), e);
        }
    }
}
