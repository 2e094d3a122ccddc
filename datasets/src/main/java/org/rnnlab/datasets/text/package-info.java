/**
 * Text classification data as token sequences: the {@link Tokenizer}, the
 * {@link Vocabulary} (built from the training split, JSON round trip), the
 * {@link TextEncoder} a trained model stores to encode new text the same
 * way, and {@link TextDataset} for users' {@code label<TAB>text} files and
 * the UCI Sentiment Labelled Sentences.
 */
package org.rnnlab.datasets.text;
