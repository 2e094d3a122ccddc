/**
 * UCI Human Activity Recognition data: nine inertial channels (body_acc_xyz, body_gyro_xyz,
 * total_acc_xyz) in windows of 128 samples (2.56 s at 50 Hz), six activities.
 *
 * <ul>
 *   <li>{@link UciHar} loads the official {@code UCI HAR Dataset} folder
 *       (Anguita, Ghio, Oneto, Parra, Reyes-Ortiz, ESANN 2013) as a
 *       {@link org.rnnlab.datasets.SequenceDataset}: official test part, validation carved from train
 *       by volunteer.</li>
 *   <li>{@link RawRecordings} re-cuts the same windows from the raw
 *       recordings of UCI HAPT (Reyes-Ortiz, Oneto, Samà, Parra, Anguita, Neurocomputing 2016) with
 *       the official pre-processing ({@link HarFilters}: median filter,
 *       Butterworth low-pass filters via iirj) and writes the official layout;
 *       {@link HarRecutCheck} compares its window counts with the official
 *       label and subject files.</li>
 *   <li>{@link HarDownloader} downloads, verifies (size, SHA-256) and unpacks
 *       the official zip into a cache folder, atomically, and fails fast offline.</li>
 * </ul>
 * {@link HarLayout} holds the layout's constants (channels, window, activities,
 * test volunteers) once. Malformed files fail with a {@link org.rnnlab.datasets.DatasetFormatException}
 * naming the file and line.
 */
package org.rnnlab.datasets.har;
