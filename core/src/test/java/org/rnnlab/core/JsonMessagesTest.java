package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

/** JSON errors say which field and what was expected, in a reader's terms rather than Jackson's or Java's. */
class JsonMessagesTest {

    record Card(String name, int size) {
        @JsonCreator
        Card(@JsonProperty("name") String name, @JsonProperty("size") int size) {
            this.name = name;
            this.size = size;
        }
    }

    @Test
    void jacksonAndEnumMessagesAreSaidPlainly() {
        // a user's damaged model files: Jackson's creator and token names and Java's enum lookup reached the terminal
        assertThat(Json.plain("Missing creator property 'spec' (index 1); `DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES` "
                + "enabled")).isEqualTo("the field 'spec' is missing");
        assertThat(Json.plain("Cannot deserialize value of type `org.rnnlab.training.ModelCard` from Array value (token "
                + "`JsonToken.START_ARRAY`)")).isEqualTo("expected ModelCard, got an array");
        assertThat(Json.plain("No enum constant org.rnnlab.datasets.text.Truncation.MIDDLE"))
                .isEqualTo("'MIDDLE' is not a known Truncation value");
        assertThat(Json.plain("Unrecognized field \"bogus\" (class org.rnnlab.evaluation.tune.SearchSpace), not marked as ignorable "
                + "(3 known properties: \"hidden\", \"layers\", \"dropout\"])\n at [Source: (String)\"{}\"; line: 1, column: 11]"))
                .isEqualTo("unknown field 'bogus' (known: hidden, layers, dropout)");
        assertThat(Json.plain("a plain message")).isEqualTo("a plain message");
        assertThatThrownBy(() -> Json.read("[1, 2]", Card.class)).hasMessageContaining("expected Card, got an array")
                .hasMessageNotContaining("JsonToken");
        assertThatThrownBy(() -> Json.read("{\"name\": \"x\"}", Card.class)).hasMessageContaining("the field 'size' is missing");
    }
}
