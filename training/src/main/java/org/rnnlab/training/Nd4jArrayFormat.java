package org.rnnlab.training;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A strict reader of the one array layout that DL4J 1.0.0-M2.1's {@code Nd4j.write} produced in
 * version-1 bundles ({@code coefficients.bin}, and the mean and standard deviation in
 * {@code normalizer.bin}): ND4J's own binary format, not Java serialization. Written big-endian by
 * {@code DataOutputStream}, it is two buffers, the shape information and the data, each as
 *
 * <pre>
 * UTF string   allocation mode, "MIXED_DATA_TYPES"
 * int64        length of the buffer
 * UTF string   data type: "LONG" for the shape information, "FLOAT" or "DOUBLE" for the data
 * length x     values of that type
 * </pre>
 *
 * <p>The shape information is {@code [rank, shape..., stride..., extras, element-wise stride, order]}.
 * Only vectors of a known length are accepted, and every length is checked against that expectation
 * before anything is allocated, so a crafted length cannot make the reader allocate or loop. ND4J's
 * compressed buffers and other allocation modes are refused (M2.1 never wrote them for these arrays).
 */
final class Nd4jArrayFormat {
    private static final String MODE = "MIXED_DATA_TYPES";
    private static final int MAX_RANK = 2;

    private Nd4jArrayFormat() {
    }

    /** Largest stream a vector of {@code length} elements can take (float64 data). */
    static long maxBytes(long length) {
        return 2 * (2 + MODE.length() + 8 + 2 + 6) + 8L * (2 * MAX_RANK + 4) + 8 * length;
    }

    /**
     * Reads one vector of exactly {@code expected} elements, of shape {@code [n]}, {@code [1, n]} or
     * {@code [n, 1]}, and returns it as a rank-1 array of its stored type.
     *
     * @throws IOException saying what is wrong (the caller adds file and entry)
     */
    static INDArray readVector(DataInputStream in, long expected) throws IOException {
        try {
            long shapeLength = header(in, "shape information", "LONG").length();
            if (shapeLength < 6 || shapeLength > 2 * MAX_RANK + 4) {
                throw new IOException("shape information of " + shapeLength + " values: not a vector");
            }
            long[] info = new long[(int) shapeLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = in.readLong();
            }
            long rank = info[0];
            if (rank < 1 || rank > MAX_RANK || shapeLength != 2 * rank + 4) {
                throw new IOException("shape information does not describe a vector (rank " + rank + ")");
            }
            long elements = 1;
            for (int d = 1; d <= rank; d++) {
                if (info[d] < 0 || info[d] > expected) {
                    throw new IOException("dimension " + info[d] + " in the shape, but the model needs " + expected + " values");
                }
                elements *= info[d];
            }
            if (elements != expected) {
                throw new IOException("shape holds " + elements + " values, but the model needs exactly " + expected);
            }
            BufferHeader data = header(in, "data", "FLOAT", "DOUBLE");
            if (data.length() != expected) {
                throw new IOException("data buffer of " + data.length() + " values, but the model needs exactly " + expected);
            }
            if (data.type().equals("FLOAT")) {
                float[] v = new float[(int) expected];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                return Nd4j.createFromArray(v);
            }
            double[] v = new double[(int) expected];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readDouble();
            }
            return Nd4j.createFromArray(v);
        } catch (EOFException e) {
            throw new EOFException("truncated ND4J array");
        } catch (UTFDataFormatException e) {
            throw new IOException("not an ND4J array (malformed text in its header)", e);
        }
    }

    /** A buffer's header: its length and the name of its data type. */
    private record BufferHeader(long length, String type) {
    }

    /** Reads a buffer header whose type is one of {@code types}. */
    private static BufferHeader header(DataInputStream in, String what, String... types) throws IOException {
        String mode = in.readUTF();
        if (!MODE.equals(mode)) {
            throw new IOException("ND4J array " + what + " in allocation mode '" + shorten(mode) + "', expected " + MODE);
        }
        long length = in.readLong();
        String type = in.readUTF();
        if (!List.of(types).contains(type)) {
            throw new IOException("ND4J array " + what + " of type '" + shorten(type) + "', expected " + String.join(" or ", types));
        }
        return new BufferHeader(length, type);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
