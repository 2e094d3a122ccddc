package org.rnnlab.core;

/**
 * What a network reads at each time step: dense feature vectors, or token ids that go through an
 * embedding layer first.
 *
 * @param kind           {@link Kind#DENSE} or {@link Kind#TOKENS}
 * @param vocabularySize number of token ids (tokens only, at least 2; 0 for dense input)
 * @param embeddingSize  size of the embedding vectors (tokens only, at least 1; 0 for dense input)
 */
public record InputSpec(Kind kind, int vocabularySize, int embeddingSize) {

    /** The two input kinds. */
    public enum Kind { DENSE, TOKENS }

    public InputSpec {
        if (kind == null) {
            throw new IllegalArgumentException("input.kind must be DENSE or TOKENS, got null");
        }
        if (kind == Kind.DENSE && (vocabularySize != 0 || embeddingSize != 0)) {
            throw new IllegalArgumentException("input.vocabularySize and input.embeddingSize must be 0 for DENSE input, got "
                    + vocabularySize + " and " + embeddingSize);
        }
        if (kind == Kind.TOKENS) {
            if (vocabularySize < 2 || vocabularySize > 10_000_000) {
                throw new IllegalArgumentException("input.vocabularySize must be in [2, 10000000] for TOKENS input, got " + vocabularySize);
            }
            if (embeddingSize < 1 || embeddingSize > 65_536) {
                throw new IllegalArgumentException("input.embeddingSize must be in [1, 65536] for TOKENS input, got " + embeddingSize);
            }
        }
    }

    /** Dense feature vectors (the feature count is given when the network is built). */
    public static InputSpec dense() {
        return new InputSpec(Kind.DENSE, 0, 0);
    }

    /** Token ids in [0, vocabularySize), embedded into vectors of {@code embeddingSize}. */
    public static InputSpec tokens(int vocabularySize, int embeddingSize) {
        return new InputSpec(Kind.TOKENS, vocabularySize, embeddingSize);
    }
}
