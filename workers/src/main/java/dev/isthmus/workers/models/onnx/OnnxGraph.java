package dev.isthmus.workers.models.onnx;

import java.util.List;
import java.util.Map;

/**
 * The part of an ONNX model Isthmus runs: the operator set version of the default domain and the
 * main graph, decoded by {@link OnnxReader}.
 *
 * @param opset the version of the default ({@code ai.onnx}) operator set the graph imports
 * @param nodes the nodes in the file's (topological) order
 * @param initializers constant tensors by name: the parameters and the graph's constants
 * @param inputs the graph's inputs that are not initializers, with their shapes
 * @param outputs the graph's outputs
 */
public record OnnxGraph(
        long opset,
        List<Node> nodes,
        Map<String, Tensor> initializers,
        List<ValueInfo> inputs,
        List<ValueInfo> outputs) {

    /**
     * One node: an operator applied to named values.
     *
     * @param inputs value names; an empty name is an omitted optional input
     */
    public record Node(
            String name,
            String opType,
            String domain,
            List<String> inputs,
            List<String> outputs,
            Map<String, Attribute> attributes) {

        /** The node as messages name it: {@code "/fc1/Gemm" (Gemm)}. */
        public String describe() {
            return "node \"" + (name.isEmpty() ? outputs.get(0) : name) + "\" (" + opType + ")";
        }

        /** The input at {@code i}, or null when it is absent or omitted. */
        public String input(int i) {
            return i < inputs.size() && !inputs.get(i).isEmpty() ? inputs.get(i) : null;
        }
    }

    /**
     * A node attribute; only the fields of its type are set.
     *
     * @param type ONNX's AttributeType number (1 float, 2 int, 3 string, 4 tensor, 6 floats, 7
     *     ints)
     */
    public record Attribute(
            String name,
            int type,
            float f,
            long i,
            String s,
            Tensor t,
            List<Float> floats,
            List<Long> ints) {}

    /**
     * A tensor's name, shape and values: floating-point types in {@code floats}, integer and
     * boolean types in {@code longs}.
     *
     * @param dataType ONNX's TensorProto.DataType number (1 float, 6 int32, 7 int64, 9 bool, 11
     *     double)
     */
    public record Tensor(String name, int dataType, long[] dims, float[] floats, long[] longs) {
        public static final int FLOAT = 1;
        public static final int INT32 = 6;
        public static final int INT64 = 7;
        public static final int BOOL = 9;
        public static final int DOUBLE = 11;

        public boolean isFloat() {
            return floats != null;
        }
    }

    /**
     * A graph input or output: its name, element type and shape, where a symbolic or unknown
     * dimension is -1.
     *
     * @param elemType ONNX's TensorProto.DataType number, 0 when the file does not say
     */
    public record ValueInfo(String name, int elemType, long[] shape) {}
}
