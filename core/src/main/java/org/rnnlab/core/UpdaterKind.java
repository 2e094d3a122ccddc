package org.rnnlab.core;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** The optimisers a {@link ModelSpec} can choose, with DL4J's default hyper-parameters besides the rate. */
public enum UpdaterKind {
    /** Adam (Kingma and Ba 2015), beta1 0.9, beta2 0.999, epsilon 1e-8. */
    ADAM,
    /** Plain stochastic gradient descent. */
    SGD,
    /** RMSProp (Tieleman and Hinton 2012), decay 0.95. */
    RMSPROP,
    /** SGD with Nesterov momentum 0.9. */
    NESTEROVS;

    /** The DL4J updater configuration for this kind and learning rate. */
    public IUpdater create(double learningRate) {
        return switch (this) {
            case ADAM -> new Adam(learningRate);
            case SGD -> new Sgd(learningRate);
            case RMSPROP -> new RmsProp(learningRate);
            case NESTEROVS -> new Nesterovs(learningRate, 0.9);
        };
    }
}
