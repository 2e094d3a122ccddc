/**
 * rnnlab's model zoo: {@link ModelSpec} describes a recurrent sequence classifier
 * (cell, stacked hidden sizes, direction, dropout, gradient normalization, updater, seed, input kind)
 * and {@link NetworkFactory} turns it into an initialised DL4J network. Process-wide
 * ND4J settings live in {@link Nd4jRuntime}; {@link Json} and
 * {@link AtomicFiles} write every file rnnlab produces; {@link SerializationGuard}
 * turns Java deserialization off for the whole process.
 */
package org.rnnlab.core;
