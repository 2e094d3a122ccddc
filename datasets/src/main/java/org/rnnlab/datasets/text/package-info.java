/**
 * Text classification data as token sequences: the {@link Tokenizer} (words,
 * single characters, or words with the characters of unspaced scripts single, lower-cased or not, by a rules version stored with the model), the
 * {@link Vocabulary} (built from the training split, JSON round trip), the
 * {@link TextEncoder} a trained model stores to encode new text the same
 * way, {@link TextDataset} for users' {@code label<TAB>text} files and
 * the UCI Sentiment Labelled Sentences, and {@link TextColumns} for files
 * whose first line names their columns (texts with ids, and other columns
 * such as a language, read as a group column or copied by predict).
 */
package org.rnnlab.datasets.text;
