package org.rnnlab.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnlab.core.AtomicFiles;
import org.rnnlab.core.Json;
import org.rnnlab.core.NetworkFactory;

/**
 * A training checkpoint: one file {@code checkpoint.zip} in the run's {@code checkpoints/} folder.
 * Written to a temporary file and renamed over the previous one, so at every moment the folder holds
 * one complete checkpoint.
 *
 * <p>Format 2 holds data only, in exactly these entries:
 * <ul>
 *   <li>{@code checkpoint.json}: {@link Header}: format, version, the network's input width and
 *       class count, and DL4J's iteration and epoch counters (Adam's bias correction depends on the
 *       iteration); from format 4 also whether the run standardises exactly ({@code exactStandardization});</li>
 *   <li>{@code state.json}: the {@link TrainingState}, which holds the adapted {@code ModelSpec} and
 *       the {@link TrainingConfig};</li>
 *   <li>{@code params.bin}: the parameters, a {@link RawArray};</li>
 *   <li>{@code updater-state.bin}: the updater's state view ({@code getUpdater().getStateViewArray()}),
 *       a {@link RawArray}; absent when the updater keeps none (SGD);</li>
 *   <li>{@code best-params.bin}: the parameters of the best epoch so far, a {@link RawArray}; absent
 *       before the first epoch ends.</li>
 * </ul>
 *
 * <p>{@link #read} rebuilds the network with {@link NetworkFactory} from the state's spec and the
 * header's input width and class count, exactly as {@link Trainer} builds it, checks every array's
 * length against it, sets the parameters, the updater state (as DL4J's {@code ModelSerializer} does,
 * {@code setStateViewArray(net, state, false)}) and the iteration and epoch counters. The learning
 * rate of the epoch is applied by {@link Trainer} before training continues, as for a new network. No
 * DL4J configuration is read and nothing is deserialized. Checkpoints of format 1 (rnnlab 0.1, a
 * DL4J {@code ModelSerializer} zip inside) are refused with a message to start the run again.
 */
public final class Checkpoint {
    /** File name inside the checkpoint folder. */
    public static final String FILE = "checkpoint.zip";
    /**
     * The checkpoint format this version writes. It also reads format 2 (the same entries), except a bidirectional spec
     * with head {@code last}: format 2 trained it with both directions read at the last valid step, format 3 reads each
     * direction at its own final step, and continuing such a run under the other head would mix the two.
     */
    public static final int FORMAT_VERSION = 4;
    /**
     * The first format of runs whose features are standardised by their deviations exactly ({@code ExactStandardize});
     * a run of an older format is resumed with ND4J's standardiser, which divides deviations below about 1e-5 by 1, as it
     * began ({@link Loaded#exactStandardization}).
     */
    static final int FIRST_FORMAT_WITH_EXACT_STANDARDIZATION = 4;
    /** The oldest checkpoint format read. */
    static final int OLDEST_FORMAT_READ = 2;

    static final String HEADER_ENTRY = "checkpoint.json";
    static final String STATE_ENTRY = "state.json";
    static final String PARAMS_ENTRY = "params.bin";
    static final String UPDATER_ENTRY = "updater-state.bin";
    static final String BEST_ENTRY = "best-params.bin";
    static final List<String> ENTRIES = List.of(HEADER_ENTRY, STATE_ENTRY, PARAMS_ENTRY, UPDATER_ENTRY, BEST_ENTRY);
    private static final String FORMAT = "rnnlab-checkpoint";
    private static final String WHAT = "rnnlab checkpoint";

    /** A checkpoint read back. */
    public record Loaded(TrainingState state, MultiLayerNetwork network, INDArray bestParams, boolean exactStandardization) {
    }

    /**
     * Contents of {@code checkpoint.json}.
     *
     * @param format         {@code rnnlab-checkpoint}
     * @param version        {@value #FORMAT_VERSION}
     * @param features       input features per step the network was built for (1 for tokens)
     * @param classes        number of classes
     * @param iterationCount DL4J's iteration counter of the network
     * @param epochCount     DL4J's epoch counter of the network
     * @param exactStandardization whether the run standardises its features exactly ({@code ExactStandardize}), else with
     *                       ND4J's standardiser as a run begun before format {@value #FIRST_FORMAT_WITH_EXACT_STANDARDIZATION}
     *                       did; null (absent, in headers written before it was recorded) means as the version says. Without
     *                       it a run begun before format 4 would switch standardisers at its second resume, its first
     *                       resume's checkpoint being stamped format 4
     */
    record Header(String format, int version, int features, int classes, int iterationCount, int epochCount,
                  Boolean exactStandardization) {

        @com.fasterxml.jackson.annotation.JsonCreator
        static Header fromJson(@com.fasterxml.jackson.annotation.JsonProperty("format") String format,
                               @com.fasterxml.jackson.annotation.JsonProperty("version") int version,
                               @com.fasterxml.jackson.annotation.JsonProperty("features") int features,
                               @com.fasterxml.jackson.annotation.JsonProperty("classes") int classes,
                               @com.fasterxml.jackson.annotation.JsonProperty("iterationCount") int iterationCount,
                               @com.fasterxml.jackson.annotation.JsonProperty("epochCount") int epochCount,
                               @com.fasterxml.jackson.annotation.JacksonInject(value = Json.ABSENT,
                                       useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
                               @com.fasterxml.jackson.annotation.JsonProperty("exactStandardization") Boolean exactStandardization) {
            return new Header(format, version, features, classes, iterationCount, epochCount, exactStandardization);
        }

        /** Whether the run standardises exactly: the recorded field, else (an older header) as its version says. */
        boolean standardisesExactly() {
            return exactStandardization != null ? exactStandardization : version >= FIRST_FORMAT_WITH_EXACT_STANDARDIZATION;
        }
    }

    private Checkpoint() {
    }

    /** The checkpoint file of a folder. */
    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** Whether a folder holds a checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(file(dir));
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param features input features per step the network was built for (the dataset's feature count)
     * @param classes  number of classes it was built for
     * @throws IllegalArgumentException if the network is not the one {@code state}'s spec, features and classes describe
     */
    public static void write(Path dir, TrainingState state, int features, int classes, MultiLayerNetwork network, INDArray bestParams)
            throws IOException {
        write(dir, state, features, classes, network, bestParams, true);
    }

    /**
     * Writes a checkpoint atomically, recording whether the run standardises its features exactly (false for a run begun
     * before format {@value #FIRST_FORMAT_WITH_EXACT_STANDARDIZATION}, which keeps ND4J's standardiser at every resume).
     */
    public static void write(Path dir, TrainingState state, int features, int classes, MultiLayerNetwork network, INDArray bestParams,
                             boolean exactStandardization) throws IOException {
        long expected = NetworkFactory.parameterCount(state.spec(), features, classes);
        if (network.numParams() != expected) {
            throw new IllegalArgumentException("the network has " + network.numParams() + " parameters, but the spec describes "
                    + expected + " for " + features + " features and " + classes + " classes");
        }
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        Header header = new Header(FORMAT, FORMAT_VERSION, features, classes, conf.getIterationCount(), conf.getEpochCount(),
                exactStandardization);
        Updater updater = network.getUpdater();
        INDArray updaterState = updater == null ? null : updater.getStateViewArray();
        AtomicFiles.write(file(dir), out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                ModelBundle.put(zip, HEADER_ENTRY, o -> o.write(Json.write(header).getBytes(StandardCharsets.UTF_8)));
                ModelBundle.put(zip, STATE_ENTRY, o -> o.write(Json.write(state).getBytes(StandardCharsets.UTF_8)));
                ModelBundle.put(zip, PARAMS_ENTRY, o -> RawArray.write(network.params(), o));
                if (updaterState != null) {
                    ModelBundle.put(zip, UPDATER_ENTRY, o -> RawArray.write(updaterState, o));
                }
                if (bestParams != null) {
                    ModelBundle.put(zip, BEST_ENTRY, o -> RawArray.write(bestParams, o));
                }
            }
        });
    }

    /**
     * Reads the checkpoint of a folder.
     *
     * @throws IOException      if the folder has no checkpoint
     * @throws BundleException  if the checkpoint is corrupt, crafted, of format 1, or not loadable (the message names file and entry)
     */
    /**
     * The training state of a folder's checkpoint alone (what it trains and how far it got), without building its network.
     *
     * @throws IOException     if the folder has no checkpoint
     * @throws BundleException if the checkpoint is corrupt or of another format
     */
    public static TrainingState readState(Path dir) throws IOException {
        Path f = file(dir);
        try (SafeZip zip = openWithState(dir)) {
            TrainingState state = zip.json(STATE_ENTRY, SafeZip.DOCUMENT_LIMIT_BYTES, TrainingState.class);
            if (state.spec() == null || state.config() == null) {
                throw new BundleException(f, "corrupt " + STATE_ENTRY + ": no spec or training settings");
            }
            return state;
        }
    }

    /** The first checkpoint format whose bidirectional {@code last} head reads each direction's final state. */
    static final int FIRST_FORMAT_WITH_PER_DIRECTION_LAST_HEAD = 3;

    /**
     * Whether the folder's checkpoint is one of a bidirectional run with head {@code last} written before format {@value
     * #FIRST_FORMAT_WITH_PER_DIRECTION_LAST_HEAD}: it trained both directions read at the last valid step (what this rnnlab
     * calls {@code last-step}), so its spec names a head this rnnlab computes otherwise and the run cannot continue as it
     * started. Its config.json, read as such an old one is, says {@code last-step}: callers that compare the two must ask
     * this first, or they report an edit nobody made.
     *
     * @throws IOException     if the folder has no checkpoint
     * @throws BundleException if the checkpoint is corrupt
     */
    public static boolean isOldBidirectionalLastHead(Path dir) throws IOException {
        try (SafeZip zip = openWithState(dir)) {
            Header h = zip.json(HEADER_ENTRY, SafeZip.HEADER_LIMIT_BYTES, Header.class);
            TrainingState state = zip.json(STATE_ENTRY, SafeZip.DOCUMENT_LIMIT_BYTES, TrainingState.class);
            return state.spec() != null && oldBidirectionalLastHead(h.version(), state);
        }
    }

    /** The folder's checkpoint opened, its header and state entries required (for reading the state without the network). */
    private static SafeZip openWithState(Path dir) throws IOException {
        Path f = file(dir);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no checkpoint in " + dir + " (expected " + f.getFileName() + ")");
        }
        SafeZip zip = SafeZip.open(f, WHAT);
        try {
            zip.require(HEADER_ENTRY, WHAT);
            zip.require(STATE_ENTRY, WHAT);
            return zip;
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static boolean oldBidirectionalLastHead(int version, TrainingState state) {
        return version < FIRST_FORMAT_WITH_PER_DIRECTION_LAST_HEAD && state.spec().asBuiltBeforeBidirectionalLastHead() != state.spec();
    }

    /**
     * Refuses a checkpoint of format 2 of a bidirectional spec with head {@code last}: it was trained reading both
     * directions at the last valid step, which this rnnlab calls {@code last-step}.
     */
    private static void refuseOldBidirectionalLastHead(Path f, int version, TrainingState state) {
        if (oldBidirectionalLastHead(version, state)) {
            throw new BundleException(f, "checkpoint of format " + version + " of a bidirectional model with head last: it was "
                    + "trained reading both directions at the last valid step, and this rnnlab's last head reads the backward "
                    + "direction at step 0, so the run cannot continue as it started: start it again (delete " + f.getParent()
                    + "), or train with --head last-step for the old head");
        }
    }

    public static Loaded read(Path dir) throws IOException {
        Path f = file(dir);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no checkpoint in " + dir + " (expected " + f.getFileName() + ")");
        }
        try (SafeZip zip = SafeZip.open(f, WHAT)) {
            if (!zip.has(HEADER_ENTRY) && zip.has("model.zip")) {
                throw new BundleException(f, "checkpoint of format 1 (rnnlab 0.1, a DL4J ModelSerializer zip inside), which this rnnlab "
                        + "no longer reads because loading it could run code named in the file: start the run again (delete " + dir + ")");
            }
            zip.require(HEADER_ENTRY, WHAT);
            Header h = zip.json(HEADER_ENTRY, SafeZip.HEADER_LIMIT_BYTES, Header.class);
            if (!FORMAT.equals(h.format()) || h.version() < OLDEST_FORMAT_READ || h.version() > FORMAT_VERSION) {
                throw new BundleException(f, "not an rnnlab checkpoint of format " + OLDEST_FORMAT_READ + " to " + FORMAT_VERSION + " ("
                        + HEADER_ENTRY + " says format '" + h.format() + "', version " + h.version() + ")");
            }
            zip.allowOnly(ENTRIES, "checkpoint format " + h.version());
            zip.require(STATE_ENTRY, WHAT);
            zip.require(PARAMS_ENTRY, WHAT);
            TrainingState state = zip.json(STATE_ENTRY, SafeZip.DOCUMENT_LIMIT_BYTES, TrainingState.class);
            if (state.spec() == null || state.config() == null || state.spec().layers() > ModelBundle.MAX_LAYERS
                    || h.features() < 1 || h.classes() < 2 || h.iterationCount() < 0 || h.epochCount() < 0) {
                throw new BundleException(f, "corrupt " + STATE_ENTRY + " or " + HEADER_ENTRY + ": spec " + state.spec() + ", "
                        + h.features() + " features, " + h.classes() + " classes, counters " + h.iterationCount() + "/" + h.epochCount());
            }
            refuseOldBidirectionalLastHead(f, h.version(), state);
            long n = NetworkFactory.parameterCount(state.spec(), h.features(), h.classes());
            if (n > ModelBundle.MAX_PARAMETERS) {
                throw new BundleException(f, "the checkpoint describes a network of " + n + " parameters, more than the "
                        + ModelBundle.MAX_PARAMETERS + " rnnlab loads");
            }
            INDArray params = zip.rawArray(PARAMS_ENTRY, n);
            MultiLayerNetwork net = NetworkFactory.build(state.spec(), h.features(), h.classes(), params.dataType());
            net.setParams(params);
            net.getLayerWiseConfigurations().setIterationCount(h.iterationCount());
            net.getLayerWiseConfigurations().setEpochCount(h.epochCount());
            INDArray view = net.getUpdater().getStateViewArray();
            if (view == null && zip.has(UPDATER_ENTRY)) {
                throw new BundleException(f, "entry " + UPDATER_ENTRY + " is there, but the " + state.spec().updater() + " updater keeps no state");
            }
            if (view != null) {
                zip.require(UPDATER_ENTRY, WHAT);
                INDArray updaterState = sameType(zip.rawArray(UPDATER_ENTRY, view.length()), view, UPDATER_ENTRY, f);
                net.getUpdater().setStateViewArray(net, updaterState, false);
            }
            INDArray best = zip.has(BEST_ENTRY) ? sameType(zip.rawArray(BEST_ENTRY, n), params, BEST_ENTRY, f) : null;
            if (state.best().found() != (best != null)) {
                throw new BundleException(f, "corrupt checkpoint: " + STATE_ENTRY + " says hasBest=" + state.best().found() + ", but "
                        + BEST_ENTRY + " is " + (best != null ? "there" : "missing"));
            }
            return new Loaded(state, net, best, h.standardisesExactly());
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException(f, "corrupt checkpoint (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static INDArray sameType(INDArray read, INDArray like, String entry, Path f) {
        if (read.dataType() != like.dataType()) {
            throw new BundleException(f, "entry " + entry + " holds " + read.dataType() + " values, the network " + like.dataType());
        }
        return read;
    }
}
