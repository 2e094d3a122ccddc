package org.rnnlab.evaluation.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.datasets.csv.CsvSchema;
import org.rnnlab.datasets.csv.LabelMap;

/**
 * What evaluate says of the label maps a scored file's labels were read through ({@link LabelMap}): the one given with
 * {@code --label-map} (with a warning of its rows whose label the file does not hold) and the model's own, stored by
 * {@code train --set labelMap=FILE} (said only when it relabelled something).
 */
final class LabelMapLines {

    private LabelMapLines() {
    }

    /**
     * The lines to print, each without the command's prefix; those starting {@code warning: } are warnings.
     *
     * @param given  the map of {@code --label-map}, or null
     * @param schema the model's CSV data layout, or null (a text model)
     * @param counts sequences relabelled per label as written ({@link LabelMap#relabelled})
     */
    static List<String> of(LabelMap given, CsvSchema schema, Map<String, Long> counts) {
        List<String> out = new ArrayList<>();
        if (given != null) {
            Map<String, Long> own = new LinkedHashMap<>();
            counts.forEach((from, n) -> {
                if (given.mapping().containsKey(from)) {
                    own.put(from, n);
                }
            });
            out.addAll(given.report(own));
        }
        LabelMap stored = schema == null ? null : schema.labelMap();
        if (stored != null) {
            Map<String, Long> its = new LinkedHashMap<>();
            counts.forEach((from, n) -> {
                if ((given == null || !given.mapping().containsKey(from)) && stored.mapping().containsKey(from)) {
                    its.put(from, n);
                }
            });
            if (!its.isEmpty()) {
                out.add(new LabelMap("of the model (" + stored.file() + ")", stored.sha256(), stored.mapping()).report(its).get(0));
            }
        }
        return out;
    }
}
