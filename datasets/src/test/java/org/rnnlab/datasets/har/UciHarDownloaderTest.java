package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.Split;

/** Download, verification and unpacking of the official zip, against local stand-ins (this machine is offline). */
class UciHarDownloaderTest {

    @TempDir
    Path tmp;

    /** An outer zip holding {@code UCI HAR Dataset.zip}, like the official download, built from a fixture folder. */
    private byte[] officialLikeZip() throws IOException {
        Path folder = HarFixtures.officialFolder(tmp.resolve("src").resolve("UCI HAR Dataset"));
        byte[] inner = zip(folder.getParent(), Map.of());
        return zip(null, Map.of("UCI HAR Dataset.zip", inner, "__MACOSX/._UCI HAR Dataset.zip", new byte[] {1, 2}));
    }

    private static byte[] zip(Path dirToAdd, Map<String, byte[]> extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            if (dirToAdd != null) {
                try (Stream<Path> files = Files.walk(dirToAdd)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new ZipEntry(dirToAdd.relativize(f).toString().replace('\\', '/')));
                        out.write(Files.readAllBytes(f));
                        out.closeEntry();
                    }
                }
            }
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static HarDownloader downloader(URI url, byte[] expected, String sha) {
        return new HarDownloader(new HarDownloader.Source(url, expected.length, sha, Duration.ofSeconds(2)));
    }

    private static void assertEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.toList()).as("left in " + dir).isEmpty();
            }
        }
    }

    @Test
    void offlineFailsFastSayingWhereToPutACopy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cache = tmp.resolve("cache");
        HarDownloader d = downloader(URI.create("http://127.0.0.1:" + port + "/x.zip"), new byte[10], "0".repeat(64));
        long t0 = System.nanoTime();
        IOException e = catchThrowableOfType(IOException.class, () -> d.fetch(cache));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(e).hasMessageContaining("cannot download UCI HAR from http://127.0.0.1:" + port + "/x.zip")
                .hasMessageContaining(cache.resolve("UCI HAR Dataset").toAbsolutePath().toString())
                .hasMessageContaining("--data DIR");
        assertEmpty(cache);
    }

    @Test
    void installsAVerifiedZipAtomicallyAndTheLoaderReadsIt() throws Exception {
        byte[] zip = officialLikeZip();
        Path file = Files.write(tmp.resolve("har.zip"), zip);
        Path cache = tmp.resolve("cache");
        Path folder = downloader(URI.create("http://127.0.0.1:1/x.zip"), zip, sha256(zip)).install(file, cache);
        assertThat(folder).isEqualTo(cache.resolve("UCI HAR Dataset"));
        try (Stream<Path> s = Files.list(cache)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("UCI HAR Dataset");
        }
        assertThat(UciHar.load(cache).split(Split.TEST).size()).isEqualTo(4);
    }

    @Test
    void aWrongChecksumIsAClearErrorAndLeavesNothingInTheCache() throws Exception {
        byte[] zip = officialLikeZip();
        Path file = Files.write(tmp.resolve("har.zip"), zip);
        Path cache = tmp.resolve("cache");
        String wrong = "ab".repeat(32);
        assertThatThrownBy(() -> downloader(URI.create("http://127.0.0.1:1/x.zip"), zip, wrong).install(file, cache))
                .isInstanceOf(IOException.class).hasMessageContaining("SHA-256").hasMessageContaining(sha256(zip))
                .hasMessageContaining("expected " + wrong);
        assertEmpty(cache);
    }

    @Test
    void aWrongSizeIsAClearError() throws Exception {
        byte[] zip = officialLikeZip();
        Path file = Files.write(tmp.resolve("har.zip"), zip);
        HarDownloader d = new HarDownloader(new HarDownloader.Source(URI.create("http://127.0.0.1:1/x.zip"), zip.length + 1,
                sha256(zip), Duration.ofSeconds(1)));
        assertThatThrownBy(() -> d.install(file, tmp.resolve("cache"))).isInstanceOf(IOException.class)
                .hasMessageContaining("has " + zip.length + " bytes, expected " + (zip.length + 1));
        assertEmpty(tmp.resolve("cache"));
    }

    @Test
    void aZipWithoutTheFolderIsRejectedAndLeavesNothing() throws Exception {
        byte[] zip = zip(null, Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        Path file = Files.write(tmp.resolve("other.zip"), zip);
        Path cache = tmp.resolve("cache");
        assertThatThrownBy(() -> downloader(URI.create("http://127.0.0.1:1/x.zip"), zip, sha256(zip)).install(file, cache))
                .isInstanceOf(IOException.class).hasMessageContaining("holds no 'UCI HAR Dataset/activity_labels.txt'");
        assertEmpty(cache);
    }

    @Test
    void fetchDownloadsOnceFromAnHttpServerThenUsesTheCache() throws Exception {
        byte[] zip = officialLikeZip();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/har.zip", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, zip.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(zip);
            }
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/har.zip");
            Path cache = tmp.resolve("cache");
            HarDownloader d = downloader(url, zip, sha256(zip));
            assertThat(d.fetch(cache)).isEqualTo(cache.resolve("UCI HAR Dataset"));
            assertThat(d.fetch(cache)).isEqualTo(cache.resolve("UCI HAR Dataset"));
            assertThat(requests.get()).isEqualTo(1);
            try (Stream<Path> s = Files.list(cache)) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactly("UCI HAR Dataset");
            }

            Path other = tmp.resolve("cache2");
            HarDownloader corrupt = downloader(url, zip, "cd".repeat(32));
            assertThatThrownBy(() -> corrupt.fetch(other)).isInstanceOf(IOException.class).hasMessageContaining("SHA-256");
            assertEmpty(other);

            HarDownloader missing = downloader(url.resolve("/nothing.zip"), zip, sha256(zip));
            assertThatThrownBy(() -> missing.fetch(other)).isInstanceOf(IOException.class).hasMessageContaining("HTTP 404")
                    .hasMessageContaining("--data DIR");
            assertEmpty(other);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sourceAndDefaultsAreValidated() {
        assertThat(HarDownloader.Source.official().bytes()).isEqualTo(61_005_872L);
        assertThat(HarDownloader.Source.official().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(HarDownloader.defaultCacheDir()).isNotNull();
        assertThatThrownBy(() -> new HarDownloader.Source(URI.create("ftp://x/y.zip"), 1, "0".repeat(64), Duration.ofSeconds(1)))
                .hasMessageContaining("Source.url");
        assertThatThrownBy(() -> new HarDownloader.Source(URI.create("http://x/y.zip"), 1, "xyz", Duration.ofSeconds(1)))
                .hasMessageContaining("Source.sha256");
    }
}
