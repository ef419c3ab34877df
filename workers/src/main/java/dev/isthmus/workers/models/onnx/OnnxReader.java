package dev.isthmus.workers.models.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.isthmus.api.validation.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an ONNX model file straight from the protobuf wire format with {@link CodedInputStream},
 * reading only the fields a forward pass needs (field numbers of the public {@code onnx.proto}:
 * ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto and
 * TensorShapeProto). Every other field is skipped. Tensors stored outside the file are refused.
 */
public final class OnnxReader {
    /**
     * The oldest default-domain operator set whose operators' signatures {@link OnnxOps} follows.
     */
    public static final long MIN_OPSET = 13;

    /** The newest operator set checked against ONNX Runtime. */
    public static final long MAX_OPSET = 23;

    private final String source;

    private OnnxReader(String source) {
        this.source = source;
    }

    /** Reads and decodes {@code file}; {@code source} names it in messages. */
    public static OnnxGraph read(Path file, String source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such ONNX file");
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return decode(bytes, source);
    }

    /** Decodes the bytes of an ONNX file. */
    public static OnnxGraph decode(byte[] bytes, String source) {
        OnnxReader r = new OnnxReader(source);
        try {
            return r.model(CodedInputStream.newInstance(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw r.notOnnx();
        } catch (IOException e) {
            throw r.notOnnx();
        }
    }

    private BadInputException notOnnx() {
        return new BadInputException(
                source + ": is not an ONNX file (expected a protobuf ModelProto with a graph)");
    }

    private BadInputException refuse(String what) {
        return new BadInputException(source + ": " + what);
    }

    private OnnxGraph model(CodedInputStream in) throws IOException {
        in.setSizeLimit(Integer.MAX_VALUE);
        long irVersion = -1;
        Long opset = null;
        List<String> otherDomains = new ArrayList<>();
        ByteString graph = null;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) break;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> irVersion = expect(tag, WireFormat.WIRETYPE_VARINT, in).readInt64();
                case 7 -> graph = expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, in).readBytes();
                case 8 -> {
                    CodedInputStream o =
                            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, in)
                                    .readBytes()
                                    .newCodedInput();
                    String domain = "";
                    long version = 0;
                    while (true) {
                        int t = o.readTag();
                        if (t == 0) break;
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case 1 -> domain = o.readString();
                            case 2 -> version = o.readInt64();
                            default -> o.skipField(t);
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) opset = version;
                    else otherDomains.add(domain);
                }
                default -> in.skipField(tag);
            }
        }
        if (irVersion < 1 || graph == null) throw notOnnx();
        if (opset == null) {
            throw refuse(
                    "imports no version of the default operator set (ai.onnx); expected one of "
                            + MIN_OPSET
                            + " to "
                            + MAX_OPSET);
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw refuse(
                    "uses ONNX operator set "
                            + opset
                            + ", which is not supported (expected "
                            + MIN_OPSET
                            + " to "
                            + MAX_OPSET
                            + "; re-export with opset_version in that range)");
        }
        return graph(graph.newCodedInput(), opset);
    }

    private static CodedInputStream expect(int tag, int wireType, CodedInputStream in)
            throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException("unexpected wire type");
        }
        return in;
    }

    private OnnxGraph graph(CodedInputStream in, long opset) throws IOException {
        in.setSizeLimit(Integer.MAX_VALUE);
        List<OnnxGraph.Node> nodes = new ArrayList<>();
        Map<String, OnnxGraph.Tensor> initializers = new LinkedHashMap<>();
        List<OnnxGraph.ValueInfo> inputs = new ArrayList<>();
        List<OnnxGraph.ValueInfo> outputs = new ArrayList<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) break;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(node(in.readBytes().newCodedInput()));
                case 5 -> {
                    OnnxGraph.Tensor t = tensor(in.readBytes().newCodedInput());
                    initializers.put(t.name(), t);
                }
                case 15 -> throw refuse("has sparse initializers, which are not supported");
                case 11 -> inputs.add(valueInfo(in.readBytes().newCodedInput()));
                case 12 -> outputs.add(valueInfo(in.readBytes().newCodedInput()));
                default -> in.skipField(tag);
            }
        }
        inputs.removeIf(v -> initializers.containsKey(v.name()));
        return new OnnxGraph(opset, List.copyOf(nodes), initializers, inputs, outputs);
    }

    private OnnxGraph.Node node(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        Map<String, OnnxGraph.Attribute> attributes = new LinkedHashMap<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) break;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> op = in.readString();
                case 7 -> domain = in.readString();
                case 5 -> {
                    OnnxGraph.Attribute a = attribute(in.readBytes().newCodedInput());
                    attributes.put(a.name(), a);
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph.Node(
                name, op, domain, List.copyOf(inputs), List.copyOf(outputs), attributes);
    }

    private OnnxGraph.Attribute attribute(CodedInputStream in) throws IOException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        OnnxGraph.Tensor t = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) break;
            int wire = WireFormat.getTagWireType(tag);
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 20 -> type = in.readEnum();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readInt64();
                case 4 -> s = in.readBytes().toStringUtf8();
                case 5 -> t = tensor(in.readBytes().newCodedInput());
                case 7 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) floats.add(in.readFloat());
                        in.popLimit(limit);
                    } else {
                        floats.add(in.readFloat());
                    }
                }
                case 8 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) ints.add(in.readInt64());
                        in.popLimit(limit);
                    } else {
                        ints.add(in.readInt64());
                    }
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph.Attribute(
                name, type, f, i, s, t, List.copyOf(floats), List.copyOf(ints));
    }

    private OnnxGraph.Tensor tensor(CodedInputStream in) throws IOException {
        in.setSizeLimit(Integer.MAX_VALUE);
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteString raw = null;
        List<Float> floatData = new ArrayList<>();
        List<Double> doubleData = new ArrayList<>();
        List<Long> intData = new ArrayList<>();
        boolean external = false;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) break;
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> repeatedVarint(in, packed, dims, false);
                case 2 -> dataType = in.readInt32();
                case 8 -> name = in.readString();
                case 9 -> raw = in.readBytes();
                case 4 -> {
                    if (packed) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) floatData.add(in.readFloat());
                        in.popLimit(limit);
                    } else {
                        floatData.add(in.readFloat());
                    }
                }
                case 10 -> {
                    if (packed) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) doubleData.add(in.readDouble());
                        in.popLimit(limit);
                    } else {
                        doubleData.add(in.readDouble());
                    }
                }
                case 5 -> repeatedVarint(in, packed, intData, true);
                case 7 -> repeatedVarint(in, packed, intData, false);
                case 13 -> {
                    external = true;
                    in.skipField(tag);
                }
                case 14 -> external |= in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        String label = "tensor " + (name.isEmpty() ? "(unnamed)" : name);
        if (external) {
            throw refuse(
                    label
                            + " keeps its data in an external file, which is not supported"
                            + " (re-export the model as one file, under 2 GB)");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) count = Math.multiplyExact(count, d);
        int n = Math.toIntExact(count);
        float[] floats = null;
        long[] longs = null;
        ByteBuffer buf =
                raw == null ? null : raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (dataType) {
            case OnnxGraph.Tensor.FLOAT -> {
                floats = new float[n];
                for (int k = 0; k < n; k++) {
                    floats[k] = buf != null ? buf.getFloat() : floatData.get(k);
                }
            }
            case OnnxGraph.Tensor.DOUBLE -> {
                floats = new float[n];
                for (int k = 0; k < n; k++) {
                    floats[k] = (float) (buf != null ? buf.getDouble() : doubleData.get(k));
                }
            }
            case OnnxGraph.Tensor.INT64 -> {
                longs = new long[n];
                for (int k = 0; k < n; k++) longs[k] = buf != null ? buf.getLong() : intData.get(k);
            }
            case OnnxGraph.Tensor.INT32 -> {
                longs = new long[n];
                for (int k = 0; k < n; k++) longs[k] = buf != null ? buf.getInt() : intData.get(k);
            }
            case OnnxGraph.Tensor.BOOL -> {
                longs = new long[n];
                for (int k = 0; k < n; k++) longs[k] = buf != null ? buf.get() : intData.get(k);
            }
            default ->
                    throw refuse(
                            label
                                    + " has ONNX data type "
                                    + dataType
                                    + ", which is not supported (expected float, double, int32, int64 or"
                                    + " bool)");
        }
        if (buf != null && buf.remaining() != 0) throw notOnnx();
        return new OnnxGraph.Tensor(name, dataType, shape, floats, longs);
    }

    private static void repeatedVarint(
            CodedInputStream in, boolean packed, List<Long> out, boolean int32) throws IOException {
        if (packed) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) out.add(int32 ? in.readInt32() : in.readInt64());
            in.popLimit(limit);
        } else {
            out.add(int32 ? (long) in.readInt32() : in.readInt64());
        }
    }

    private OnnxGraph.ValueInfo valueInfo(CodedInputStream in) throws IOException {
        String name = "";
        List<Long> shape = new ArrayList<>();
        int elemType = 0;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) break;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> {
                    ByteString type = in.readBytes();
                    shape = tensorShape(type.newCodedInput());
                    elemType = elemType(type.newCodedInput());
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph.ValueInfo(
                name, elemType, shape.stream().mapToLong(Long::longValue).toArray());
    }

    /** TypeProto → tensor_type (1) → elem_type (1). */
    private static int elemType(CodedInputStream type) throws IOException {
        ByteString tensorType = field(type, 1);
        if (tensorType == null) return 0;
        CodedInputStream t = tensorType.newCodedInput();
        while (true) {
            int tag = t.readTag();
            if (tag == 0) return 0;
            if (WireFormat.getTagFieldNumber(tag) == 1
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                return t.readInt32();
            }
            t.skipField(tag);
        }
    }

    /** TypeProto → tensor_type (1) → shape (2) → dim (1) → dim_value (1) or dim_param (2). */
    private static List<Long> tensorShape(CodedInputStream type) throws IOException {
        List<Long> shape = new ArrayList<>();
        ByteString tensorType = field(type, 1);
        if (tensorType == null) return shape;
        ByteString shapeProto = field(tensorType.newCodedInput(), 2);
        if (shapeProto == null) return shape;
        CodedInputStream s = shapeProto.newCodedInput();
        while (true) {
            int tag = s.readTag();
            if (tag == 0) break;
            if (WireFormat.getTagFieldNumber(tag) != 1) {
                s.skipField(tag);
                continue;
            }
            CodedInputStream d = s.readBytes().newCodedInput();
            long value = -1;
            while (true) {
                int t = d.readTag();
                if (t == 0) break;
                if (WireFormat.getTagFieldNumber(t) == 1) value = d.readInt64();
                else d.skipField(t);
            }
            shape.add(value);
        }
        return shape;
    }

    private static ByteString field(CodedInputStream in, int number) throws IOException {
        while (true) {
            int tag = in.readTag();
            if (tag == 0) return null;
            if (WireFormat.getTagFieldNumber(tag) == number
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                return in.readBytes();
            }
            in.skipField(tag);
        }
    }
}
