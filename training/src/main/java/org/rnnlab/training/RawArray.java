package org.rnnlab.training;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * rnnlab's raw numeric entry format, used for the parameters, updater state and normaliser statistics
 * in model bundles (format 2) and checkpoints. A file holds one flat vector of numbers and nothing
 * else:
 *
 * <pre>
 * offset  size   content
 *      0     4   magic, the ASCII bytes "RNLA"
 *      4     1   format version, 1
 *      5     1   data type: 1 = float32, 2 = float64
 *      6     2   zero
 *      8     8   element count n, signed 64-bit little-endian, 0 &lt;= n
 *     16   n*s   the n values, IEEE 754 little-endian (s = 4 for float32, 8 for float64)
 * </pre>
 *
 * <p>The file ends right after the last value. The reader is told how many elements to expect and
 * refuses any other count before it allocates anything, as well as a wrong magic, version or data
 * type, a short file and trailing bytes. Values are copied bit for bit (NaN payloads included).
 */
final class RawArray {
    /** Bytes before the values. */
    static final int HEADER_BYTES = 16;
    private static final byte[] MAGIC = "RNLA".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int FLOAT32 = 1;
    private static final int FLOAT64 = 2;
    private static final int CHUNK = 1 << 16;

    private RawArray() {
    }

    /** Size of a file holding {@code count} values of the given type. */
    static long bytes(long count, DataType type) {
        return HEADER_BYTES + count * elementSize(type);
    }

    /** Size of the largest file of {@code count} values of any supported type (float64). */
    static long maxBytes(long count) {
        return bytes(count, DataType.DOUBLE);
    }

    private static int elementSize(DataType type) {
        return switch (type) {
            case FLOAT -> 4;
            case DOUBLE -> 8;
            default -> throw new IllegalArgumentException("rnnlab stores FLOAT or DOUBLE arrays, not " + type);
        };
    }

    /** Writes an array (any shape, in 'c' order) as a flat vector. */
    static void write(INDArray array, OutputStream out) throws IOException {
        DataType type = array.dataType();
        int size = elementSize(type);
        long n = array.length();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) VERSION).put((byte) (type == DataType.FLOAT ? FLOAT32 : FLOAT64)).putShort((short) 0).putLong(n);
        out.write(header.array());
        INDArray flat = array.reshape(new long[] {n}); // reshape('c', n) would mean (rows = 'c', cols = n)
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * size).order(ByteOrder.LITTLE_ENDIAN);
        for (long start = 0; start < n; start += CHUNK) {
            int len = (int) Math.min(CHUNK, n - start);
            buf.clear();
            INDArray part = flat.get(NDArrayIndex.interval(start, start + len));
            if (type == DataType.FLOAT) {
                buf.asFloatBuffer().put(part.toFloatVector());
            } else {
                buf.asDoubleBuffer().put(part.toDoubleVector());
            }
            out.write(buf.array(), 0, len * size);
        }
    }

    /**
     * Reads a vector of exactly {@code expected} elements as a rank-1 array of its stored type.
     *
     * @throws IOException with a message saying what is wrong (the caller adds file and entry)
     */
    static INDArray read(InputStream in, long expected) throws IOException {
        byte[] h = readFully(in, HEADER_BYTES, "the header");
        ByteBuffer header = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(Arrays.copyOf(h, 4), MAGIC)) {
            throw new IOException("not an rnnlab raw array (magic bytes " + hex(Arrays.copyOf(h, 4)) + ", expected \"RNLA\")");
        }
        if (h[4] != VERSION) {
            throw new IOException("raw array version " + h[4] + " is not supported (expected " + VERSION + ")");
        }
        DataType type = switch (h[5]) {
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
            default -> throw new IOException("unknown data type code " + h[5] + " (1 = float32, 2 = float64)");
        };
        if (h[6] != 0 || h[7] != 0) {
            throw new IOException("reserved header bytes are not zero");
        }
        long n = header.getLong(8);
        if (n != expected) {
            throw new IOException("holds " + n + " values, but the model needs exactly " + expected);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IOException(n + " values are more than one array can hold");
        }
        INDArray out;
        int size = elementSize(type);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * size).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.FLOAT) {
            float[] values = new float[(int) n];
            for (int start = 0; start < n; start += CHUNK) {
                int len = (int) Math.min(CHUNK, n - start);
                readInto(in, buf, len * size);
                buf.asFloatBuffer().get(values, start, len);
            }
            out = Nd4j.createFromArray(values);
        } else {
            double[] values = new double[(int) n];
            for (int start = 0; start < n; start += CHUNK) {
                int len = (int) Math.min(CHUNK, n - start);
                readInto(in, buf, len * size);
                buf.asDoubleBuffer().get(values, start, len);
            }
            out = Nd4j.createFromArray(values);
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes after the " + n + " values");
        }
        return out;
    }

    private static void readInto(InputStream in, ByteBuffer buf, int bytes) throws IOException {
        buf.clear();
        if (in.readNBytes(buf.array(), 0, bytes) < bytes) {
            throw new EOFException("truncated: ends within the values");
        }
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("truncated: ends within " + what + " (" + b.length + " of " + n + " bytes)");
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
