package org.rnnlab.datasets;

import java.util.List;

/**
 * What one time step of a dataset holds.
 *
 * @param kind           DENSE feature vectors, or TOKENS (one token id per step, as a single feature)
 * @param featureCount   features per step (1 for tokens)
 * @param featureNames   one name per feature (for tokens: {@code token})
 * @param vocabularySize number of token ids including padding and unknown (tokens only; 0 for dense)
 * @param maxLength      longest sequence the dataset produces (its iterators pad to the batch's longest)
 */
public record InputDescription(Kind kind, int featureCount, List<String> featureNames, int vocabularySize, int maxLength) {

    /** Dense features or token ids. */
    public enum Kind { DENSE, TOKENS }

    public InputDescription {
        if (kind == null) {
            throw new IllegalArgumentException("InputDescription.kind must be DENSE or TOKENS, got null");
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("InputDescription.featureCount must be >= 1, got " + featureCount);
        }
        featureNames = nonNull(featureNames, "featureNames", "a list of feature names", "a feature name");
        if (featureNames.size() != featureCount) {
            throw new IllegalArgumentException("InputDescription.featureNames must have featureCount=" + featureCount
                    + " entries, got " + featureNames.size());
        }
        if (kind == Kind.TOKENS && (featureCount != 1 || vocabularySize < 2)) {
            throw new IllegalArgumentException("InputDescription for TOKENS needs featureCount 1 and vocabularySize >= 2, got "
                    + featureCount + " and " + vocabularySize);
        }
        if (kind == Kind.DENSE && vocabularySize != 0) {
            throw new IllegalArgumentException("InputDescription.vocabularySize must be 0 for DENSE input, got " + vocabularySize);
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("InputDescription.maxLength must be >= 1, got " + maxLength);
        }
    }

    /**
     * An immutable copy of a list read from a model card, a null list or element named with what belongs there (a JSON null
     * there was reported as a NullPointerException). Datasets does not see core's {@code Json.requireList}: the same check.
     */
    public static <T> List<T> nonNull(List<T> value, String field, String list, String element) {
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is null (expected " + list + ")");
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw new IllegalArgumentException("'" + field + "[" + i + "]' is null (expected " + element + ")");
            }
        }
        return List.copyOf(value);
    }

    /** Dense input with the given feature names. */
    public static InputDescription dense(List<String> featureNames, int maxLength) {
        return new InputDescription(Kind.DENSE, featureNames.size(), featureNames, 0, maxLength);
    }

    /** Token ids in [0, vocabularySize). */
    public static InputDescription tokens(int vocabularySize, int maxLength) {
        return new InputDescription(Kind.TOKENS, 1, List.of("token"), vocabularySize, maxLength);
    }
}
