package org.rnnlab.evaluation.cli;

import org.rnnlab.training.ModelCard;

/**
 * Why a model card lacks what {@code rnnlab train} records (held-out predictions and their confidence quantiles, training
 * class counts, the training range, test metrics, baselines): a model saved through the Java API with
 * {@code ModelBundle.card} alone (its provenance has no command line) was made without them, whatever its age; only
 * another card predates them. predict's notes said "trained before they were recorded" of a model trained minutes earlier
 * from Java (trial 81d F1).
 */
final class CardOrigin {
    /** What gives a Java-trained model the fields, said after {@link #JAVA_API}. */
    static final String FILLED_BY = "org.rnnlab.evaluation.train.TrainCard.of(trained, dataset) as its card, on a dataset with "
            + "validation or test sequences, fills them as rnnlab train does (the guide's java-api.md, Training from Java)";
    /** How notes name such a model's origin. */
    static final String JAVA_API = "made through the Java API without them (ModelBundle.card alone, or a dataset without a "
            + "validation or test split)";

    private CardOrigin() {
    }

    /**
     * Whether the card was made through the Java API: its provenance records no command line ({@code Trainer.train}'s
     * own), where every model of {@code rnnlab train} records the command that trained it.
     */
    static boolean javaApi(ModelCard card) {
        return card.provenance() != null && card.provenance().commandLine() != null && card.provenance().commandLine().isEmpty();
    }
}
