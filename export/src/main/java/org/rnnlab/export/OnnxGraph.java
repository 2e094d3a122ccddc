package org.rnnlab.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * A small builder of an ONNX graph on the ONNX protobuf classes that ND4J ships ({@code onnx.Onnx}, generated
 * from {@code onnx.proto}): unique value names, float and int64 initializers, nodes with attributes, typed
 * graph inputs and outputs with symbolic ({@code batch}, {@code time}) or fixed dimensions.
 */
final class OnnxGraph {
    static final int FLOAT = Onnx.TensorProto.DataType.FLOAT_VALUE;
    static final int INT64 = Onnx.TensorProto.DataType.INT64_VALUE;
    static final int INT32 = Onnx.TensorProto.DataType.INT32_VALUE;
    static final int BOOL = Onnx.TensorProto.DataType.BOOL_VALUE;
    static final int DOUBLE = Onnx.TensorProto.DataType.DOUBLE_VALUE;

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Map<String, Integer> used = new HashMap<>();
    private final Map<Long, String> int64Scalars = new HashMap<>();
    private final Map<String, String> int64Vectors = new HashMap<>();

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A fresh value name starting with {@code stem}. */
    String name(String stem) {
        int n = used.merge(stem, 1, Integer::sum);
        return n == 1 ? stem : stem + "_" + n;
    }

    /** A float initializer of the given shape (row-major values). */
    String floats(String stem, float[] values, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(stem + ": " + values.length + " values for shape " + java.util.Arrays.toString(dims));
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return tensor(stem, FLOAT, buf.array(), dims);
    }

    /** A double initializer of the given shape (row-major values). */
    String doubles(String stem, double[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buf.putDouble(v);
        }
        return tensor(stem, DOUBLE, buf.array(), dims);
    }

    /** An int64 initializer of the given shape. */
    String int64s(String stem, long[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buf.putLong(v);
        }
        return tensor(stem, INT64, buf.array(), dims);
    }

    /** An int64 scalar constant (shared). */
    String int64Scalar(long value) {
        return int64Scalars.computeIfAbsent(value, v -> int64s("const_" + (v < 0 ? "m" + -v : v), new long[]{v}));
    }

    /** A 1-D int64 constant (shared), e.g. the axes of Squeeze or the shape of Reshape. */
    String int64Vector(long... values) {
        StringBuilder key = new StringBuilder();
        for (long v : values) {
            key.append(v).append(',');
        }
        return int64Vectors.computeIfAbsent(key.toString(), k -> int64s("axes", values, values.length));
    }

    private String tensor(String stem, int type, byte[] raw, long... dims) {
        String name = name(stem);
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node with one output named after {@code stem}; returns that output. */
    String node(String op, String stem, String[] inputs, Attribute... attributes) {
        return nodeOutputs(op, stem, inputs, 1, attributes)[0];
    }

    /** Adds a node with {@code outputs} outputs; an empty input name marks an omitted optional input. */
    String[] nodeOutputs(String op, String stem, String[] inputs, int outputs, Attribute... attributes) {
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(op).setName(name(stem + "_" + op));
        for (String in : inputs) {
            n.addInput(in);
        }
        String[] out = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            out[i] = name(outputs == 1 ? stem : stem + "_" + i);
            n.addOutput(out[i]);
        }
        for (Attribute a : attributes) {
            n.addAttribute(a.proto());
        }
        graph.addNode(n);
        return out;
    }

    /** Declares a graph input; a dimension is a symbolic name (String) or a fixed size (Number). */
    void input(String name, int type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        used.merge(name, 1, Integer::sum);
    }

    /** Declares a graph output. */
    void output(String name, int type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** Renames the value {@code from} (a node output) to {@code to}, the name a graph output must have. */
    String rename(String from, String to) {
        return node("Identity", to, new String[]{from});
    }

    void docString(String doc) {
        graph.setDocString(doc);
    }

    Onnx.GraphProto build() {
        return graph.build();
    }

    private static Onnx.ValueInfoProto valueInfo(String name, int type, Object... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else {
                dim.setDimParam(d.toString());
            }
            shape.addDim(dim);
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)))
                .build();
    }

    /** A node attribute. */
    record Attribute(Onnx.AttributeProto proto) {
        static Attribute of(String name, long value) {
            return new Attribute(Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(value).build());
        }

        static Attribute of(String name, float value) {
            return new Attribute(Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(value).build());
        }

        static Attribute of(String name, String value) {
            return new Attribute(Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build());
        }

        static Attribute ints(String name, long... values) {
            Onnx.AttributeProto.Builder b = Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                b.addInts(v);
            }
            return new Attribute(b.build());
        }

        static Attribute strings(String name, String... values) {
            Onnx.AttributeProto.Builder b = Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRINGS);
            for (String v : values) {
                b.addStrings(ByteString.copyFrom(v, StandardCharsets.UTF_8));
            }
            return new Attribute(b.build());
        }
    }
}
