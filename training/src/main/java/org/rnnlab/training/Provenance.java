package org.rnnlab.training;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.rnnlab.core.Json;
import org.rnnlab.core.Nd4jRuntime;

/**
 * How a result was made: software versions, backend and threads, machine, source revision, and the
 * data and seeds. Written next to every model and report, so a result can say how it came about.
 *
 * @param rnnlabVersion rnnlab's version
 * @param dl4jVersion   Deeplearning4j version
 * @param javaVersion   Java runtime version and vendor
 * @param os            operating system name, version and architecture
 * @param cpu           CPU model name (from /proc/cpuinfo where available)
 * @param cores         available processors
 * @param maxHeapMb     maximum JVM heap
 * @param backend       ND4J backend
 * @param threads       {@code --threads}: the threads rnnlab's recurrent kernels split a minibatch over (ND4J's own
 *                      operations run on one; without the kernels, ND4J's thread count)
 * @param ompWaitPolicy the process's {@code OMP_WAIT_POLICY} (the {@code rnnlab} launcher sets passive unless
 *                      given; it changes speed, not results), empty when unset, null in files written
 *                      before it was recorded
 * @param ompNumThreads the process's {@code OMP_NUM_THREADS} (the {@code rnnlab} launcher sets it to 1 unless given,
 *                      whatever {@code --threads}: with ND4J's own thread setting alone some native ops still used OpenMP's default,
 *                      which changed a few results), empty when unset, null in files written before it was recorded
 * @param gitCommit     rnnlab's own source revision: of the checkout in the system property {@code rnnlab.home} (set by the
 *                      launcher), else of the checkout holding rnnlab's classes, never of the working directory;
 *                      {@code -dirty} when its tracked files have uncommitted changes or files git does not ignore are
 *                      untracked, {@code unknown} when rnnlab does
 *                      not run from a git checkout (see {@link GitRevision})
 * @param host          host name
 * @param commandLine   the command that produced the result (empty when called from the API)
 * @param workingDirectory the folder the command ran in, against which its relative paths are read (null in files written
 *                      before it was recorded)
 * @param dataset       dataset name (empty when none)
 * @param datasetChecksum dataset checksum (see {@code DatasetProvenance.checksum()})
 * @param seeds         seeds used: for a train run the model's weight seed, then the training's data-order seed (so {@code [1, 1]}
 *                      for seed 1); for a comparison the model seeds of its runs
 * @param startedAt     when the work started (ISO-8601 UTC)
 * @param engine        where the runs were trained: {@code in-process} (this machine, above), or a comparison's Spark
 *                      engine with its master ({@code spark spark://host:7077}), where the machine above is the driver and
 *                      each run's own machine is in its result; null in files written before it was recorded
 * @param featureStandardisation how the features were standardised before training ({@link Trainer#featureStandardisation}:
 *                      which statistics, fitted on which split, of how many features); null for token input, for files
 *                      written before it was recorded, and where nothing was trained (left out of the JSON then)
 * @param engines       a comparison resumed on another engine than {@code engine}: every engine that trained its runs, the
 *                      first first ({@code ["spark local[*] (2 slots)", "in-process"]}); null otherwise (left out of the JSON
 *                      then): a trial's comparison resumed in-process still named only the Spark engine it started on
 */
public record Provenance(String rnnlabVersion, String dl4jVersion, String javaVersion, String os, String cpu, int cores,
                         long maxHeapMb, String backend, int threads, String ompWaitPolicy, String ompNumThreads, String gitCommit,
                         String host,
                         List<String> commandLine, String workingDirectory, String dataset, String datasetChecksum, List<Long> seeds,
                         String startedAt, String engine,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         String featureStandardisation,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         List<String> engines) {

    /** Provenance without a record of the features' standardisation. */
    public Provenance(String rnnlabVersion, String dl4jVersion, String javaVersion, String os, String cpu, int cores,
                      long maxHeapMb, String backend, int threads, String ompWaitPolicy, String ompNumThreads, String gitCommit,
                      String host, List<String> commandLine, String workingDirectory, String dataset, String datasetChecksum,
                      List<Long> seeds, String startedAt, String engine) {
        this(rnnlabVersion, dl4jVersion, javaVersion, os, cpu, cores, maxHeapMb, backend, threads, ompWaitPolicy, ompNumThreads,
                gitCommit, host, commandLine, workingDirectory, dataset, datasetChecksum, seeds, startedAt, engine, null, null);
    }

    /** Where this process trains itself ({@link #engine}). */
    public static final String IN_PROCESS = "in-process";

    public Provenance {
        commandLine = org.rnnlab.core.Json.requireList(commandLine, "commandLine", "a list of the command's words", "a word");
        seeds = org.rnnlab.core.Json.requireList(seeds, "seeds", "a list of seeds", "a seed");
    }

    /**
     * Reads provenance from JSON; {@code ompWaitPolicy}, {@code ompNumThreads} and {@code workingDirectory} are absent (null) in
     * files written before they were recorded.
     */
    @JsonCreator
    static Provenance fromJson(@JsonProperty("rnnlabVersion") String rnnlabVersion, @JsonProperty("dl4jVersion") String dl4jVersion,
                               @JsonProperty("javaVersion") String javaVersion, @JsonProperty("os") String os,
                               @JsonProperty("cpu") String cpu, @JsonProperty("cores") int cores,
                               @JsonProperty("maxHeapMb") long maxHeapMb, @JsonProperty("backend") String backend,
                               @JsonProperty("threads") int threads,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("ompWaitPolicy") String ompWaitPolicy,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("ompNumThreads") String ompNumThreads,
                               @JsonProperty("gitCommit") String gitCommit, @JsonProperty("host") String host,
                               @JsonProperty("commandLine") List<String> commandLine,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("workingDirectory") String workingDirectory, @JsonProperty("dataset") String dataset,
                               @JsonProperty("datasetChecksum") String datasetChecksum, @JsonProperty("seeds") List<Long> seeds,
                               @JsonProperty("startedAt") String startedAt,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("engine") String engine,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("featureStandardisation") String featureStandardisation,
                               @JacksonInject(value = Json.ABSENT, useInput = OptBoolean.TRUE)
                               @JsonProperty("engines") List<String> engines) {
        return new Provenance(rnnlabVersion, dl4jVersion, javaVersion, os, cpu, cores, maxHeapMb, backend, threads, ompWaitPolicy,
                ompNumThreads, gitCommit, host, commandLine, workingDirectory, dataset, datasetChecksum, seeds, startedAt, engine,
                featureStandardisation, engines);
    }

    /** The same, with the features' standardisation recorded ({@link #featureStandardisation}; null for none). */
    public Provenance withFeatureStandardisation(String v) {
        return new Provenance(rnnlabVersion, dl4jVersion, javaVersion, os, cpu, cores, maxHeapMb, backend, threads, ompWaitPolicy,
                ompNumThreads, gitCommit, host, commandLine, workingDirectory, dataset, datasetChecksum, seeds, startedAt, engine, v,
                engines);
    }

    /** The same, trained by another engine ({@link #engine}). */
    public Provenance withEngine(String engine) {
        return new Provenance(rnnlabVersion, dl4jVersion, javaVersion, os, cpu, cores, maxHeapMb, backend, threads, ompWaitPolicy,
                ompNumThreads, gitCommit, host, commandLine, workingDirectory, dataset, datasetChecksum, seeds, startedAt, engine,
                featureStandardisation, engines);
    }

    /** Every engine that trained the runs ({@link #engines}, else {@link #engine} alone; empty when none is recorded). */
    public List<String> enginesSoFar() {
        return engines != null ? engines : engine == null ? List.of() : List.of(engine);
    }

    /**
     * The same, with {@code another} engine after {@link #enginesSoFar} when it is not among them ({@link #engines}): a
     * resume on another engine; {@link #engine} stays the first.
     */
    public Provenance withEngineResumed(String another) {
        List<String> all = new java.util.ArrayList<>(enginesSoFar());
        if (all.contains(another)) {
            return this;
        }
        all.add(another);
        return new Provenance(rnnlabVersion, dl4jVersion, javaVersion, os, cpu, cores, maxHeapMb, backend, threads, ompWaitPolicy,
                ompNumThreads, gitCommit, host, commandLine, workingDirectory, dataset, datasetChecksum, seeds, startedAt, engine,
                featureStandardisation, List.copyOf(all));
    }

    /** This machine in a few words, for a run's result: host name, CPU model and cores. */
    public static String machine() {
        return MachineHolder.MACHINE;
    }

    /** Read once per process (a host name lookup may take a while). */
    private static final class MachineHolder {
        static final String MACHINE = hostName() + " (" + readCpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    /** Captures the environment now, for the given command line, dataset and seeds. */
    public static Provenance capture(List<String> commandLine, String dataset, String datasetChecksum, List<Long> seeds) {
        return new Provenance(currentRnnlabVersion(), currentDl4jVersion(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readCpuModel(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                Nd4jRuntime.backend(), Nd4jRuntime.threads(), Objects.requireNonNullElse(System.getenv("OMP_WAIT_POLICY"), ""),
                Objects.requireNonNullElse(System.getenv("OMP_NUM_THREADS"), ""), GitRevision.ofThisProcess(), hostName(), commandLine,
                System.getProperty("user.dir"), dataset == null ? "" : dataset, datasetChecksum == null ? "" : datasetChecksum, seeds,
                Instant.now().toString(), IN_PROCESS);
    }

    /**
     * The git commit of the rnnlab this process runs ({@code -dirty} with uncommitted changes; {@code unknown} outside a
     * checkout), as model cards record it in {@code provenance.gitCommit}: for {@code rnnlab --version}, so that an operator
     * can check a model's training code against the binary's.
     */
    public static String currentGitCommit() {
        return GitRevision.ofThisProcess();
    }

    /**
     * When the rnnlab commit {@code gitCommit} (as {@link #gitCommit} records it) was committed, by the git of this rnnlab's own
     * checkout; empty outside a checkout, for a commit it does not hold, or without git.
     */
    public static java.util.Optional<Instant> commitTime(String gitCommit) {
        return GitRevision.committedAt(gitCommit);
    }

    /** rnnlab's version, from its build. */
    public static String currentRnnlabVersion() {
        return readProperty(Provenance.class.getResourceAsStream("rnnlab.properties"), "version");
    }

    /** Deeplearning4j's version from its jar's Maven metadata. */
    public static String currentDl4jVersion() {
        return readProperty(Provenance.class.getResourceAsStream("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties"),
                "version");
    }

    private static String readProperty(InputStream in, String key) {
        if (in == null) {
            return "unknown";
        }
        try (in) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                // fall through
            }
        }
        return System.getProperty("os.arch");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Peak resident memory of this process in MiB (VmHWM), or the JVM's committed memory where /proc is absent. */
    public static long peakRssMb() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall through
            }
        }
        var mem = ManagementFactory.getMemoryMXBean();
        return (mem.getHeapMemoryUsage().getCommitted() + mem.getNonHeapMemoryUsage().getCommitted()) / (1024 * 1024);
    }
}
