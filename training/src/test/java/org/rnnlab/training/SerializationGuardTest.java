package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnlab.core.SerializationGuard;

/** Once installed, the process-wide filter refuses Java deserialization of any class, quickly. */
class SerializationGuardTest {

    @BeforeAll
    static void install() {
        assertThat(SerializationGuard.install()).as("no other filter set in the test JVM").isTrue();
        assertThat(SerializationGuard.install()).as("idempotent").isTrue();
        assertThat(SerializationGuard.installed()).isTrue();
    }

    @Test
    void anArbitraryClassIsRejected() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(1, 2, 3)));
        }
        assertThatThrownBy(() -> new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject())
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
    }

    @Test
    void theMarkerIsNeitherInitialisedNorDeserialized() {
        assertThatThrownBy(() -> new ObjectInputStream(new ByteArrayInputStream(Crafted.markerObject())).readObject())
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
        assertThat(DeserializationMarker.Flag.TOUCHED).isFalse();
    }

    @Test
    void theCraftedMarkerStreamIsWellFormed() throws Exception {
        // a stream filter that sees the class and rejects it: proves the hand-written stream names the marker class
        List<Class<?>> seen = new ArrayList<>();
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Crafted.markerObject()));
        in.setObjectInputFilter(info -> {
            if (info.serialClass() != null) {
                seen.add(info.serialClass());
            }
            return ObjectInputFilter.Status.REJECTED;
        });
        assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class);
        assertThat(seen).extracting(Class::getName).containsExactly("org.rnnlab.training.DeserializationMarker");
        assertThat(DeserializationMarker.Flag.TOUCHED).isFalse();
    }

    @Test
    void theHashSetBombIsRejectedAtOnce() {
        byte[] bomb = Crafted.hashSetBomb(100);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThatThrownBy(
                () -> new ObjectInputStream(new ByteArrayInputStream(bomb)).readObject())
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED"));
    }
}
