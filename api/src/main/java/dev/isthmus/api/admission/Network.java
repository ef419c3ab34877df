package dev.isthmus.api.admission;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.api.spec.ModelSpec;
import java.util.List;

/**
 * The sizes of a sweep's network and data as the workers will build them, computed in {@code
 * double} so that no spec, however large, overflows here.
 *
 * @param parameters trainable parameters
 * @param largestTensor elements of the largest single tensor, and its field
 * @param widestGroup units of the widest permutation group (the side of an assignment matrix)
 * @param widthField the spec field that sets {@code widestGroup} and dominates {@code parameters}
 * @param widthValue that field's value, for messages
 * @param activationsPerExample floats one example leaves in memory during a forward pass
 * @param flopsPerExample multiply-adds of one forward pass, times two
 * @param features inputs per example
 * @param classes outputs per example
 * @param trainExamples examples trained on
 * @param evalExamples examples paths are evaluated on
 * @param datasetFloats floats the loaded dataset holds (both splits, as loaded)
 */
record Network(
        double parameters,
        double largestTensor,
        double widestGroup,
        String widthField,
        long widthValue,
        double activationsPerExample,
        double flopsPerExample,
        double features,
        double classes,
        double trainExamples,
        double evalExamples,
        double datasetFloats) {

    static final int FASHION_FEATURES = 28 * 28;
    static final int FASHION_TRAIN = 60_000;
    static final int FASHION_TEST = 10_000;
    static final int TRANSFORMER_CONTEXT = 3;

    /** Sizes the network of a validated spec with defaults applied. */
    static Network of(ModelSpec model, DatasetSpec dataset) {
        Data data = Data.of(dataset);
        return switch (model.architecture()) {
            case ModelSpec.RESNET -> resnet(model, data);
            case ModelSpec.TRANSFORMER -> transformer(model, data);
            case ModelSpec.ONNX -> onnx(data);
            default -> mlp(model.hidden(), data);
        };
    }

    private record Data(double features, double classes, double train, double eval, double floats) {
        static Data of(DatasetSpec d) {
            switch (d.name()) {
                case "modular-addition" -> {
                    double p = d.modulus();
                    double pairs = p * p;
                    double train = Math.floor(pairs * d.trainFraction());
                    double eval = pairs - train;
                    if (d.evalExamples() != null) eval = Math.min(eval, d.evalExamples());
                    return new Data(2 * p, p, train, eval, pairs * 2 * p);
                }
                case "tensors" -> {
                    // Its sizes are in its files, which admission (a pure function of the spec)
                    // does not read: only the examples the spec names are counted, as one feature.
                    double train = d.trainExamples() == null ? 0 : d.trainExamples();
                    double eval = d.evalExamples() == null ? 0 : d.evalExamples();
                    return new Data(1, 2, train, eval, 2 * (train + eval));
                }
                case "sparse-parity" -> {
                    double train = d.trainExamples();
                    double eval = d.evalExamples();
                    return new Data(d.bits(), 2, train, eval, (train + eval) * d.bits());
                }
                default -> {
                    boolean onTrain = "train".equals(d.evalSplit());
                    double train = limit(d.trainExamples(), FASHION_TRAIN);
                    double eval = limit(d.evalExamples(), onTrain ? FASHION_TRAIN : FASHION_TEST);
                    // both files as read, plus the selected subsets
                    double floats =
                            (FASHION_TRAIN + FASHION_TEST + train + eval) * FASHION_FEATURES;
                    return new Data(FASHION_FEATURES, 10, train, eval, floats);
                }
            }
        }

        private static double limit(Integer requested, int available) {
            return requested == null ? available : Math.min(requested, available);
        }
    }

    private static Network mlp(List<Integer> hidden, Data data) {
        double[] w = new double[hidden.size() + 2];
        w[0] = data.features();
        for (int i = 0; i < hidden.size(); i++) w[i + 1] = hidden.get(i);
        w[w.length - 1] = data.classes();
        double params = 0;
        double largest = 0;
        double activations = 0;
        int widest = 0;
        for (int i = 0; i + 1 < w.length; i++) {
            params += w[i] * w[i + 1] + w[i + 1];
            largest = Math.max(largest, w[i] * w[i + 1]);
            activations += w[i + 1];
        }
        for (int i = 1; i < hidden.size(); i++) {
            if (hidden.get(i) > hidden.get(widest)) widest = i;
        }
        return new Network(
                params,
                largest,
                hidden.get(widest),
                "spec.model.hidden[" + widest + "]",
                hidden.get(widest),
                activations + w[0],
                2 * (params - activations),
                data.features(),
                data.classes(),
                data.train(),
                data.eval(),
                data.floats());
    }

    /**
     * An onnx graph's size is in its file, which admission (a pure function of the spec) does not
     * read: in this cut it is sized as the smallest network of the data, a features × classes
     * linear map, so that only the data's share of the budget is checked.
     */
    private static Network onnx(Data data) {
        double params = data.features() * data.classes() + data.classes();
        return new Network(
                params,
                data.features() * data.classes(),
                data.classes(),
                "spec.model.file",
                (long) data.classes(),
                data.features() + data.classes(),
                2 * data.features() * data.classes(),
                data.features(),
                data.classes(),
                data.train(),
                data.eval(),
                data.floats());
    }

    /** He et al.'s CIFAR ResNet on 28×28 single-channel images; strides halve the side. */
    private static Network resnet(ModelSpec model, Data data) {
        int n = (model.depth() - 2) / 6;
        double stem = 16.0 * model.width();
        double side = 28;
        double params = 9 * stem + 4 * stem;
        double activations = 3 * stem * side * side;
        double flops = 2 * 9 * stem * side * side;
        double in = stem;
        for (int group = 1; group <= 3; group++) {
            double out = stem * (1 << (group - 1));
            if (group > 1) side = Math.ceil(side / 2);
            for (int b = 0; b < n; b++) {
                double c = 9 * out * in + 9 * out * out + 8 * out;
                if (in != out) c += out * in + 4 * out;
                params += c;
                activations += 6 * out * side * side;
                flops += 2 * (9 * out * in + 9 * out * out) * side * side;
                in = out;
            }
        }
        params += data.classes() * in + data.classes();
        return new Network(
                params,
                9 * in * in,
                in,
                "spec.model.width",
                model.width(),
                activations,
                flops,
                data.features(),
                data.classes(),
                data.train(),
                data.eval(),
                data.floats());
    }

    private static Network transformer(ModelSpec model, Data data) {
        double p = data.classes();
        double d = model.dModel();
        double mlp = model.dMlp();
        double layers = model.layers();
        double heads = model.heads();
        double block = 4 * d + 4 * (d * d + d) + 2 * mlp * d + mlp + d;
        double params = (p + 1) * d + TRANSFORMER_CONTEXT * d + layers * block + 2 * d + p * d + p;
        double largest = Math.max(Math.max(d * d, mlp * d), (p + 1) * d);
        boolean mlpWider = mlp > d;
        double perToken = layers * (10 * d + 2 * mlp + heads * TRANSFORMER_CONTEXT);
        return new Network(
                params,
                largest,
                Math.max(d, mlp),
                mlpWider ? "spec.model.dMlp" : "spec.model.dModel",
                mlpWider ? model.dMlp() : model.dModel(),
                TRANSFORMER_CONTEXT * perToken + p,
                2 * TRANSFORMER_CONTEXT * (layers * (4 * d * d + 2 * mlp * d)) + 2 * p * d,
                data.features(),
                data.classes(),
                data.train(),
                data.eval(),
                data.floats());
    }
}
