/**
 * rnnlab's model zoo: {@link org.rnnlab.core.ModelSpec} describes a recurrent sequence classifier
 * (cell, stacked hidden sizes, direction, dropout, gradient normalization, updater, seed, input kind)
 * and {@link org.rnnlab.core.NetworkFactory} turns it into an initialised DL4J network. Process-wide
 * ND4J settings live in {@link org.rnnlab.core.Nd4jRuntime}; {@link org.rnnlab.core.Json} and
 * {@link org.rnnlab.core.AtomicFiles} write every file rnnlab produces; {@link org.rnnlab.core.SerializationGuard}
 * turns Java deserialization off for the whole process.
 */
package org.rnnlab.core;
