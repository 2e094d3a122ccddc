package org.rnnlab.datasets.har;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the official UCI HAR zip (Anguita et al., ESANN 2013; UCI id 240), verifies its size and
 * SHA-256, and unpacks the {@code UCI HAR Dataset} folder (held in an inner {@code UCI HAR Dataset.zip})
 * into a cache folder. Everything is unpacked into a temporary sibling first and renamed into place at
 * the end, so a failed or interrupted fetch leaves nothing in the cache. Without network access the
 * fetch fails fast (connect timeout) with a message saying where to put a copy instead.
 */
public final class HarDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(HarDownloader.class);

    /** The official download (an outer zip holding {@code UCI HAR Dataset.zip}). */
    public static final URI OFFICIAL_URL =
            URI.create("https://archive.ics.uci.edu/static/public/240/human+activity+recognition+using+smartphones.zip");
    /** Its size in bytes. */
    public static final long OFFICIAL_BYTES = 61_005_872L;
    /** Its SHA-256 (as pinned by several independent public repositories; UCI publishes none). */
    public static final String OFFICIAL_SHA256 = "c00b803081a5c797cd5e4b83700a9810b38d53d9d84e01917e090e1fdbc81031";
    /** Environment variable overriding the default cache folder. */
    public static final String CACHE_ENV = "RNNLAB_DATA";

    private final Source source;

    /**
     * Where to download from and what to expect.
     *
     * @param url            http(s) address of the zip
     * @param bytes          expected size, > 0
     * @param sha256         expected SHA-256, 64 hex digits
     * @param connectTimeout connect timeout, positive
     */
    public record Source(URI url, long bytes, String sha256, Duration connectTimeout) {
        public Source {
            if (url == null || url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                throw new IllegalArgumentException("Source.url must be an http(s) URL, got " + url);
            }
            if (bytes <= 0) {
                throw new IllegalArgumentException("Source.bytes must be > 0, got " + bytes);
            }
            if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("Source.sha256 must be 64 hex digits, got " + sha256);
            }
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("Source.connectTimeout must be positive, got " + connectTimeout);
            }
        }

        /** The official UCI download with a 10 s connect timeout. */
        public static Source official() {
            return new Source(OFFICIAL_URL, OFFICIAL_BYTES, OFFICIAL_SHA256, Duration.ofSeconds(10));
        }
    }

    /** A downloader of the official zip. */
    public HarDownloader() {
        this(Source.official());
    }

    /** A downloader of another source (a mirror, or a local server in tests). */
    public HarDownloader(Source source) {
        this.source = source;
    }

    /** {@code $RNNLAB_DATA}, else {@code ~/.rnnlab/data}. */
    public static Path defaultCacheDir() {
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".rnnlab", "data");
    }

    /** {@code cacheDir/UCI HAR Dataset}: where {@link #fetch} puts the folder. */
    public static Path targetFolder(Path cacheDir) {
        return cacheDir.resolve(HarLayout.FOLDER_NAME);
    }

    /**
     * Returns {@code cacheDir/UCI HAR Dataset}, downloading, verifying and unpacking it first when it
     * is not there yet.
     *
     * @throws IOException when the download fails (offline: fails within the connect timeout, with a
     *                     message saying where to put a copy), or the zip is not the expected one
     */
    public Path fetch(Path cacheDir) throws IOException {
        Path target = targetFolder(cacheDir);
        if (Files.isRegularFile(HarLayout.activityLabelsFile(target))) {
            LOG.info("UCI HAR already in {}", target);
            return target;
        }
        Files.createDirectories(cacheDir);
        Path zip = Files.createTempFile(cacheDir, ".har-download-", ".zip");
        try {
            download(zip, target);
            return install(zip, cacheDir);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private void download(Path zip, Path target) throws IOException {
        LOG.info("downloading {} ({} bytes)", source.url(), source.bytes());
        HttpClient client = HttpClient.newBuilder().connectTimeout(source.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(source.url())
                .timeout(source.connectTimeout().multipliedBy(6)).GET().build();
        HttpResponse<Path> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofFile(zip));
        } catch (IOException e) {
            throw new IOException("cannot download UCI HAR from " + source.url() + " (" + describe(e) + "). " + offlineHint(target), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + source.url() + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("cannot download UCI HAR from " + source.url() + ": HTTP " + response.statusCode() + ". "
                    + offlineHint(target));
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** What to do without network access. */
    static String offlineHint(Path target) {
        return "Without internet access, copy the unpacked '" + HarLayout.FOLDER_NAME + "' folder to " + target.toAbsolutePath()
                + ", or pass --data DIR to point commands at an existing copy of that folder.";
    }

    /**
     * Verifies a downloaded zip (size and SHA-256 of this downloader's source) and unpacks the
     * {@code UCI HAR Dataset} folder into {@code cacheDir}, atomically.
     *
     * @return {@code cacheDir/UCI HAR Dataset}
     * @throws IOException when the size or checksum differs (nothing is unpacked), the zip holds no
     *                     {@code UCI HAR Dataset} folder, or unpacking fails (nothing is left behind)
     */
    public Path install(Path zip, Path cacheDir) throws IOException {
        verify(zip);
        Path target = targetFolder(cacheDir);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, ".har-unpack-");
        try {
            Path inner = tmp.resolve("inner.zip");
            boolean nested = extractEntry(zip, HarLayout.FOLDER_NAME + ".zip", inner);
            Path unpacked = tmp.resolve("unpacked");
            unzip(nested ? inner : zip, unpacked);
            Path folder = unpacked.resolve(HarLayout.FOLDER_NAME);
            if (!Files.isRegularFile(HarLayout.activityLabelsFile(folder))) {
                throw new IOException(zip + " holds no '" + HarLayout.FOLDER_NAME + "/activity_labels.txt'"
                        + (nested ? " inside its '" + HarLayout.FOLDER_NAME + ".zip'" : ""));
            }
            if (Files.exists(target)) {
                RawRecordings.deleteTree(target);
            }
            Files.move(folder, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("UCI HAR unpacked into {}", target);
            return target;
        } finally {
            RawRecordings.deleteTree(tmp);
        }
    }

    private void verify(Path zip) throws IOException {
        long size = Files.size(zip);
        if (size != source.bytes()) {
            throw new IOException(zip + " has " + size + " bytes, expected " + source.bytes() + " for " + source.url()
                    + " (incomplete or different download)");
        }
        MessageDigest md = HarText.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(zip), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String sha = HexFormat.of().formatHex(md.digest());
        if (!sha.equals(source.sha256())) {
            throw new IOException(zip + " has SHA-256 " + sha + ", expected " + source.sha256() + " for " + source.url()
                    + " (corrupt or different file)");
        }
    }

    /** Copies the entry whose name ends with {@code suffix} (ignoring macOS metadata) to {@code out}; false if none. */
    private static boolean extractEntry(Path zip, String suffix, Path out) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                if (!e.isDirectory() && !name.startsWith("__MACOSX/") && (name.equals(suffix) || name.endsWith("/" + suffix))) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    return true;
                }
            }
        }
        return false;
    }

    /** Unpacks every entry (except macOS metadata) under {@code dir}, refusing entries that escape it. */
    private static void unzip(Path zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().startsWith("__MACOSX/")) {
                    continue;
                }
                Path out = root.resolve(e.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException(zip + ": entry '" + e.getName() + "' would be written outside the target folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
