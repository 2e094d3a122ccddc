package org.rnnlab.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** Builds the malicious and broken files of the safe-loading tests. */
final class Crafted {
    private Crafted() {
    }

    /**
     * The Java serialization stream of one {@link DeserializationMarker} (no fields), written byte by byte
     * so that the class is neither initialised nor instantiated here: magic, version, TC_OBJECT,
     * TC_CLASSDESC, class name, serialVersionUID 1, flags SC_SERIALIZABLE, no fields, TC_ENDBLOCKDATA,
     * no superclass (TC_NULL).
     */
    static byte[] markerObject() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(0xACED);
            out.writeShort(5);
            out.writeByte(0x73);
            out.writeByte(0x72);
            out.writeUTF("org.rnnlab.training.DeserializationMarker");
            out.writeLong(1L);
            out.writeByte(0x02);
            out.writeShort(0);
            out.writeByte(0x78);
            out.writeByte(0x70);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The classic deserialization CPU bomb: {@code depth} levels of HashSets, each holding the two sets of
     * the next level, so that reading it back computes 2^depth hash codes (never ends for depth 100).
     */
    static byte[] hashSetBomb(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entries of a (trusted, test-made) zip, in order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = z.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** The entries of a (trusted, test-made) zip held in memory, in order. */
    static Map<String, byte[]> zipEntries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** A copy of {@code entries} with {@code name} set to {@code content} (added at the end if new). */
    static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] content) {
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        out.put(name, content);
        return out;
    }

    /**
     * A copy of a model bundle's {@code entries} whose bundle.json and model card both say format {@code version}: the same
     * file as an older rnnlab would have labelled it.
     */
    static Map<String, byte[]> asBundleVersion(Map<String, byte[]> entries, int version) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode card = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.rnnlab.core.Json.mapper().readTree(entries.get("model-card.json"));
        card.put("formatVersion", version);
        com.fasterxml.jackson.databind.node.ObjectNode bundle = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.rnnlab.core.Json.mapper().readTree(entries.get("bundle.json"));
        bundle.put("version", version);
        if (version < ModelBundle.FIRST_FORMAT_WITH_CONTENT_DIGEST) {
            bundle.remove("contentSha256"); // formats 1 to 4 record none
        }
        return with(with(entries, "model-card.json", card.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "bundle.json", bundle.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A copy of {@code entries} without {@code name}. */
    static Map<String, byte[]> without(Map<String, byte[]> entries, String name) {
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        out.remove(name);
        return out;
    }

    /** A zip of the entries, deflated, as bytes. */
    static byte[] zip(Map<String, byte[]> entries) {
        List<Entry> list = new ArrayList<>();
        entries.forEach((name, content) -> list.add(deflated(name, content)));
        return zip(list);
    }

    /** Writes a zip of the entries, deflated. */
    static Path writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        Files.write(file, zip(entries));
        return file;
    }

    /**
     * One entry of a hand-written zip.
     *
     * @param name         entry name
     * @param compressed   raw deflate data
     * @param crc          CRC-32 of the uncompressed content
     * @param declaredSize uncompressed size written in the zip's headers (true or not)
     */
    record Entry(String name, byte[] compressed, long crc, long declaredSize) {
    }

    /** An honest deflated entry. */
    static Entry deflated(String name, byte[] content) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(content);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        CRC32 crc = new CRC32();
        crc.update(content);
        return new Entry(name, out.toByteArray(), crc.getValue(), content.length);
    }

    /**
     * A zip bomb entry: {@code mebibytes} MiB of zeros, deflated (about 1 KiB per MiB) by a streaming
     * {@link Deflater}. Each MiB is compressed with a full flush, which makes every MiB's compressed
     * form the same bytes, so they are computed once and repeated.
     *
     * @param declaredSize the uncompressed size the headers claim, or -1 for the true size
     */
    static Entry zeroBomb(String name, int mebibytes, long declaredSize) {
        return bomb(name, mebibytes, declaredSize, (byte) 0);
    }

    /** Like {@link #zeroBomb}, of {@code fill} bytes. */
    static Entry bomb(String name, int mebibytes, long declaredSize, byte fill) {
        byte[] zeros = new byte[1 << 20];
        Arrays.fill(zeros, fill);
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] buf = new byte[1 << 20];
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        for (ByteArrayOutputStream chunk : List.of(first, second)) {
            d.setInput(zeros);
            int n;
            do {
                n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
                chunk.write(buf, 0, n);
            } while (n == buf.length);
        }
        d.finish();
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        while (!d.finished()) {
            end.write(buf, 0, d.deflate(buf));
        }
        d.end();
        byte[] repeated = second.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(first.toByteArray());
        CRC32 crc = new CRC32();
        crc.update(zeros);
        for (int i = 1; i < mebibytes; i++) {
            all.writeBytes(repeated);
            crc.update(zeros);
        }
        all.writeBytes(end.toByteArray());
        long size = (long) mebibytes << 20;
        return new Entry(name, all.toByteArray(), crc.getValue(), declaredSize < 0 ? size : declaredSize);
    }

    /** A hand-written zip (deflated entries, no data descriptors, sizes as declared), as bytes. */
    static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            out.writeBytes(le(0x04034b50, 4, 20, 2, 0, 2, 8, 2, 0, 2, 0x21, 2, e.crc(), 4, e.compressed().length, 4,
                    e.declaredSize(), 4, name.length, 2, 0, 2));
            out.writeBytes(name);
            out.writeBytes(e.compressed());
            central.writeBytes(le(0x02014b50, 4, 20, 2, 20, 2, 0, 2, 8, 2, 0, 2, 0x21, 2, e.crc(), 4, e.compressed().length, 4,
                    e.declaredSize(), 4, name.length, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 4, offset, 4));
            central.writeBytes(name);
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        out.writeBytes(le(0x06054b50, 4, 0, 2, 0, 2, entries.size(), 2, entries.size(), 2, central.size(), 4, centralOffset, 4, 0, 2));
        return out.toByteArray();
    }

    /** Little-endian fields: value, width, value, width, ... */
    private static byte[] le(long... valuesAndWidths) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < valuesAndWidths.length; i += 2) {
            long v = valuesAndWidths[i];
            switch ((int) valuesAndWidths[i + 1]) {
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> throw new IllegalArgumentException("width");
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Copies a test resource to a folder. */
    static Path resource(String name, Path dir) throws IOException {
        try (InputStream in = Crafted.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource fixtures/" + name);
            }
            Path f = dir.resolve(name);
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            return f;
        }
    }

    /** Writes bytes to a stream (for lambdas). */
    static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
    }
}
