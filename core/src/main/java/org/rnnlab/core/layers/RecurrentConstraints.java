package org.rnnlab.core.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.layers.LayerConstraint;

/** The recurrent- and input-weight constraints of a layer builder, bound to rnnlab's parameter keys. */
final class RecurrentConstraints {

    private RecurrentConstraints() {
    }

    /**
     * {@code existing} (may be null) plus a copy of each constraint of {@code added} (may be null)
     * restricted to parameter {@code param}; null when both are empty, as DL4J leaves it.
     */
    static List<LayerConstraint> append(List<LayerConstraint> existing, List<LayerConstraint> added, String param) {
        if (added == null || added.isEmpty()) {
            return existing;
        }
        List<LayerConstraint> out = existing == null ? new ArrayList<>() : existing;
        for (LayerConstraint c : added) {
            LayerConstraint copy = c.clone();
            copy.setParams(new java.util.HashSet<>(Set.of(param)));
            out.add(copy);
        }
        return out;
    }
}
