package org.rnnlab.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * A {@code double} that is NaN when undefined (a validation accuracy without validation data) written to JSON as
 * {@code null}, a value every JSON reader takes as missing, instead of Jackson's default string {@code "NaN"}, which
 * turns a numeric column of a data frame into strings. Read back, {@code null} (and the {@code "NaN"} of files written
 * before) is NaN again. Use on a record component: {@code @JsonSerialize(using = NanAsNull.Writer.class)
 * @JsonDeserialize(using = NanAsNull.Reader.class)}.
 */
public final class NanAsNull {

    private NanAsNull() {
    }

    /** Writes NaN as {@code null}, any other value as a number. */
    public static final class Writer extends StdSerializer<Double> {
        public Writer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || value.isNaN()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }

    /** Reads {@code null} (and the string {@code "NaN"}) as NaN. */
    public static final class Reader extends StdDeserializer<Double> {
        public Reader() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                if (text.equals("NaN")) {
                    return Double.NaN;
                }
                return (Double) ctxt.handleWeirdStringValue(Double.class, text, "expected a number, null or \"NaN\"");
            }
            return p.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
