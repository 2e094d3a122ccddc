package org.rnnlab.evaluation.compare;

import java.util.List;

/**
 * What one run of a comparison predicted for each sequence of its test split: the rows of the comparison's
 * {@value org.rnnlab.evaluation.train.TestPredictions#FILE} ({@link ComparisonFiles#testPredictionsCsv}). With {@code --cv}
 * these are out-of-fold predictions, the most honest data a comparison has to choose or check an alarm cut-off on (trial 75d
 * F4: its 24 'failing' cycles of 12 buildings had been scored, and only confusion matrices were kept). Kept in the run's file
 * under {@code runs/} (so that {@code --resume} writes them again) and carried back from a Spark executor with the rest of
 * the run's JSON; left out of results.json ({@link ComparisonResult#withoutPredictions}), which they would swell.
 *
 * @param ids           each sequence's id, in the split's order (a dataset without ids: its place in its split, from 1, and
 *                      the split's name before it for a sequence a fold took from the train or validation split)
 * @param groups        each sequence's group, where the data have a group column; empty without
 * @param actual        each sequence's label index
 * @param predicted     each sequence's predicted label index (argmax)
 * @param probabilities each sequence's probabilities, in label order (the network's own: a comparison does not calibrate)
 */
public record RunPredictions(List<String> ids, List<String> groups, List<Integer> actual, List<Integer> predicted,
                             List<List<Double>> probabilities) {

    public RunPredictions {
        ids = List.copyOf(ids);
        groups = List.copyOf(groups);
        actual = List.copyOf(actual);
        predicted = List.copyOf(predicted);
        probabilities = probabilities.stream().map(List::copyOf).toList();
        int n = ids.size();
        if (actual.size() != n || predicted.size() != n || probabilities.size() != n || !groups.isEmpty() && groups.size() != n) {
            throw new IllegalArgumentException("RunPredictions: " + n + " ids, " + groups.size() + " groups, " + actual.size()
                    + " labels, " + predicted.size() + " predictions and " + probabilities.size() + " probability rows");
        }
    }
}
