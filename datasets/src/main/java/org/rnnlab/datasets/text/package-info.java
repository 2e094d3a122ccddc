/**
 * Text classification data as token sequences: the {@link org.rnnlab.datasets.text.Tokenizer}, the
 * {@link org.rnnlab.datasets.text.Vocabulary} (built from the training split, JSON round trip), the
 * {@link org.rnnlab.datasets.text.TextEncoder} a trained model stores to encode new text the same
 * way, and {@link org.rnnlab.datasets.text.TextDataset} for users' {@code label<TAB>text} files and
 * the UCI Sentiment Labelled Sentences.
 */
package org.rnnlab.datasets.text;
