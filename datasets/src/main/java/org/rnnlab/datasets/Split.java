package org.rnnlab.datasets;

/** The three parts of a dataset. Normalisation statistics are fitted on {@link #TRAIN} only. */
public enum Split { TRAIN, VALIDATION, TEST }
