package org.rnnlab.training;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class that records being initialised or deserialized: what a crafted model file would use to run
 * code. Tests put a Java-serialized instance of it into bundles and check that {@link Flag#TOUCHED}
 * stays false. Tests never touch the class itself: its serialized form is written by hand
 * ({@link Crafted#markerObject()}), so that nothing here initialises it.
 */
final class DeserializationMarker implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        Flag.TOUCHED.set(true);
    }

    /** Lives in its own class, so reading the flag does not initialise the marker. */
    static final class Flag {
        static final AtomicBoolean TOUCHED = new AtomicBoolean();

        private Flag() {
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        Flag.TOUCHED.set(true);
        in.defaultReadObject();
    }
}
