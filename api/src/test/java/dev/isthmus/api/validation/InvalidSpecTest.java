package dev.isthmus.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One invalid edit of a valid sweep per row, with the exact messages a user sees. */
class InvalidSpecTest {

    private static final String REMOVE = null;
    private static final String DNS_MESSAGE =
            "must be a DNS-1123 label (lower case letters, digits and '-', starting and ending"
                    + " with a letter or digit), got ";

    static Stream<Arguments> cases() {
        return Stream.of(
                // structure: unknown fields and wrong JSON kinds
                row(
                        "spec.model.widths",
                        "[8]",
                        "spec.model.widths: unknown field (expected one of: architecture, hidden,"
                                + " normalization, depth, width, layers, heads, dModel, dMlp, file)"),
                row(
                        "spec.paths",
                        "[{type: linear, control: 1}]",
                        "spec.paths[0].control: unknown field (expected one of: type, epochs,"
                                + " learningRate, repair)"),
                row("spec.alphas", "many", "spec.alphas: expected an integer, got \"many\""),
                row("spec.alphas", "2.5", "spec.alphas: expected an integer, got 2.5"),
                row("spec.alphas", "99999999999", "spec.alphas: is out of range, got 99999999999"),
                row("spec.model", "[mlp]", "spec.model: expected an object, got a list"),
                row("spec.model.hidden", "16", "spec.model.hidden: expected a list, got 16"),
                row(
                        "spec.endpoints.train.learningRate",
                        "fast",
                        "spec.endpoints.train.learningRate: expected a number, got \"fast\""),
                row(
                        "metadata.labels",
                        "{team: 7}",
                        "metadata.labels.team: expected a string, got 7"),
                row("metadata.name", "5", "metadata.name: expected a string, got 5"),
                row("spec.pairs", "7", "spec.pairs: expected a string or a list, got 7"),
                row("spec.pairs", "[[seed-0, 1]]", "spec.pairs[0][1]: expected a string, got 1"),
                row(
                        "spec.paths",
                        "[linear, 3]",
                        "spec.paths[1]: expected a string or an object, got 3"),
                row(
                        "spec.alignments",
                        "[none, null]",
                        "spec.alignments[1]: expected a string or an object, got null"),
                // document
                row(
                        "apiVersion",
                        "isthmus.dev/v1",
                        "apiVersion: must be isthmus.dev/v1alpha1, got isthmus.dev/v1"),
                row("kind", REMOVE, "kind: is required"),
                row("metadata.name", "Fmnist_MLP", "metadata.name: " + DNS_MESSAGE + "Fmnist_MLP"),
                row(
                        "metadata.name",
                        "a".repeat(64),
                        "metadata.name: must be at most 63 characters, got 64"),
                row("spec", REMOVE, "spec: is required"),
                // model
                row(
                        "spec.model",
                        "{architecture: transformer, heads: 3, dModel: 128, normalization: none}",
                        "spec.model.dModel: must be a multiple of heads (3), got 128",
                        "spec.model.normalization: transformer supports layernorm, got none",
                        "spec.model.architecture: transformer reads the tokens a, b, = of"
                                + " modular-addition, got dataset fashion-mnist"),
                row(
                        "spec",
                        "{model: {architecture: transformer}, dataset: {name: modular-addition},"
                                + " endpoints: {train: {seeds: [0, 1]}}, alignments: [none,"
                                + " orthogonal, activation-matching, {type: weight-matching,"
                                + " warmStart: activation-matching}]}",
                        "spec.alignments[2]: activation-matching needs per-unit activations for"
                                + " every permutation, which transformer attention heads and the"
                                + " residual stream do not have (use weight-matching or"
                                + " orthogonal)",
                        "spec.alignments[3]: activation-matching needs per-unit activations for"
                                + " every permutation, which transformer attention heads and the"
                                + " residual stream do not have (use weight-matching or"
                                + " orthogonal)"),
                row(
                        "spec.model.architecture",
                        "resnet20",
                        "spec.model.architecture: unknown architecture resnet20 (expected one of:"
                                + " mlp, resnet, transformer, onnx)"),
                row(
                        "spec.model",
                        "{architecture: onnx, normalization: batchnorm, hidden: [8]}",
                        "spec.model.file: is required",
                        "spec.model.hidden: applies only to mlp",
                        "spec.model.normalization: an onnx graph brings its own normalization"
                                + " layers; remove this field",
                        "spec.endpoints.train: an onnx model is not trained from seeds yet; give"
                                + " its endpoints as endpoints.checkpoints (safetensors with the"
                                + " graph's initializer names)"),
                row(
                        "spec.model",
                        "{architecture: onnx, file: 'https://host/m.onnx'}",
                        "spec.model.file: unsupported scheme https:// (expected a path, file://"
                                + " or s3://)",
                        "spec.endpoints.train: an onnx model is not trained from seeds yet; give"
                                + " its endpoints as endpoints.checkpoints (safetensors with the"
                                + " graph's initializer names)"),
                row(
                        "spec.model",
                        "{architecture: mlp, hidden: [8], file: m.onnx}",
                        "spec.model.file: applies only to onnx"),
                row(
                        "spec.model",
                        "{architecture: mlp, hidden: [8], depth: 20, heads: 2}",
                        "spec.model.depth: applies only to resnet",
                        "spec.model.heads: applies only to transformer"),
                row(
                        "spec.model.hidden",
                        "[16, 16, 0]",
                        "spec.model.hidden[2]: must be >= 1, got 0"),
                row("spec.model.hidden", "[]", "spec.model.hidden: must not be empty"),
                row(
                        "spec.model.normalization",
                        "batchnorm",
                        "spec.model.normalization: mlp supports none, got batchnorm"),
                row(
                        "spec.model.normalization",
                        "groupnorm",
                        "spec.model.normalization: unknown normalization groupnorm (expected one"
                                + " of: none, batchnorm, layernorm)"),
                row(
                        "spec.model",
                        "{architecture: resnet, depth: 18, width: 0, normalization: layernorm}",
                        "spec.model.depth: must be 6n+2 with n >= 1 (8, 14, 20, 32, ...), got 18",
                        "spec.model.width: must be >= 1, got 0"),
                row(
                        "spec.model",
                        "{architecture: resnet, hidden: [16], normalization: batchnorm}",
                        "spec.model.hidden: applies only to mlp"),
                row(
                        "spec",
                        "{model: {architecture: resnet}, dataset: {name: modular-addition},"
                                + " endpoints: {train: {seeds: [0, 1]}}, alignments: [orthogonal]}",
                        "spec.model.architecture: resnet reads the 28x28 images of fashion-mnist,"
                                + " got dataset modular-addition",
                        "spec.alignments[0]: orthogonal rotates a transformer's residual stream,"
                                + " and resnet has no orthogonal symmetry (use weight-matching)"),
                // dataset
                row(
                        "spec.dataset",
                        "{name: fashion-mnist, modulus: 7}",
                        "spec.dataset.modulus: applies only to modular-addition"),
                row(
                        "spec.dataset",
                        "{name: imagenet}",
                        "spec.dataset.name: unknown dataset imagenet (expected one of:"
                                + " fashion-mnist, modular-addition, sparse-parity, tensors)"),
                row(
                        "spec.dataset",
                        "{name: tensors, path: x}",
                        "spec.dataset.path: applies only to fashion-mnist",
                        "spec.dataset.trainFile: is required",
                        "spec.dataset.evalFile: is required (the evaluation split), unless"
                                + " evalSplit is train"),
                row(
                        "spec.dataset",
                        "{name: tensors, trainFile: 'https://x/t.safetensors', evalFile: t.pt}",
                        "spec.dataset.trainFile: unsupported scheme https:// (expected a path,"
                                + " file:// or s3://)",
                        "spec.dataset.evalFile: must end with .safetensors, got t.pt"),
                row(
                        "spec.dataset",
                        "{name: tensors, trainFile: 's3://data/t.safetensors', evalFile:"
                                + " e.safetensors, evalSplit: train}",
                        "spec.dataset.evalFile: evalSplit is train, so paths are evaluated on"
                                + " trainFile; remove this field"),
                row(
                        "spec.dataset",
                        "{name: fashion-mnist, trainFile: t.safetensors}",
                        "spec.dataset.trainFile: applies only to tensors"),
                row(
                        "spec.dataset",
                        "{name: modular-addition, modulus: 1, trainFraction: 1.0}",
                        "spec.dataset.modulus: must be >= 2, got 1",
                        "spec.dataset.trainFraction: must be in (0, 1), got 1"),
                row(
                        "spec.dataset",
                        "{name: sparse-parity, bits: 10, relevant: 11, evalExamples: 0}",
                        "spec.dataset.evalExamples: must be >= 1, got 0",
                        "spec.dataset.relevant: must be <= bits (10), got 11"),
                row(
                        "spec.dataset.evalSplit",
                        "validation",
                        "spec.dataset.evalSplit: unknown split validation (expected one of: test,"
                                + " train)"),
                // endpoints
                row(
                        "spec.endpoints.train.seeds",
                        "[0, 1, 1]",
                        "spec.endpoints.train.seeds[2]: duplicate seed 1"),
                row(
                        "spec.endpoints.train.seeds",
                        "[0, -1]",
                        "spec.endpoints.train.seeds[1]: must be >= 0, got -1"),
                row(
                        "spec.endpoints.train.seeds",
                        "[3]",
                        "spec.endpoints: need at least 2 endpoints to connect, got 1"),
                row(
                        "spec.endpoints",
                        "{}",
                        "spec.endpoints: must list train seeds, checkpoints or both"),
                row(
                        "spec.endpoints.train",
                        "{seeds: [0, 1], optimizer: rmsprop}",
                        "spec.endpoints.train.optimizer: unknown optimizer rmsprop (expected one"
                                + " of: adam, sgd)"),
                row(
                        "spec.endpoints.train",
                        "{seeds: [0, 1], learningRate: 0, momentum: 0.9}",
                        "spec.endpoints.train.learningRate: must be > 0, got 0",
                        "spec.endpoints.train.momentum: applies only to sgd"),
                row(
                        "spec.endpoints.train",
                        "{seeds: [0, 1], optimizer: sgd, batchSize: 0, momentum: 1.0}",
                        "spec.endpoints.train.batchSize: must be >= 1, got 0",
                        "spec.endpoints.train.momentum: must be in [0, 1), got 1"),
                row(
                        "spec.endpoints",
                        "{train: {seeds: [0, 1]}, checkpoints: [{name: seed-1, uri: a.safetensors}]}",
                        "spec.endpoints.checkpoints[0].name: seed-1 is already the name of a"
                                + " trained endpoint"),
                row(
                        "spec.endpoints",
                        "{checkpoints: [{name: a, uri: 's3://b/a.safetensors'},"
                                + " {name: a, uri: /m/b.pt}]}",
                        "spec.endpoints.checkpoints[0].uri: bucket name must be 3 to 63 lower"
                                + " case letters, digits, '.' and '-', got b",
                        "spec.endpoints.checkpoints[1].name: duplicate endpoint name a",
                        "spec.endpoints.checkpoints[1].uri: must end with .safetensors, got"
                                + " /m/b.pt"),
                row(
                        "spec.endpoints",
                        "{checkpoints: [{uri: 'https://x/a.safetensors'},"
                                + " {name: b, uri: b.safetensors}]}",
                        "spec.endpoints.checkpoints[0].name: is required",
                        "spec.endpoints.checkpoints[0].uri: unsupported scheme https:// (expected"
                                + " a path, file:// or s3://)"),
                // pairs
                row(
                        "spec.pairs",
                        "[[seed-0, seed-9]]",
                        "spec.pairs[0][1]: unknown endpoint seed-9 (known: seed-0, seed-1)"),
                row(
                        "spec.pairs",
                        "[[seed-0, seed-1], [seed-1, seed-0], [seed-1, seed-1]]",
                        "spec.pairs[1]: duplicate of spec.pairs[0] (pairs are unordered)",
                        "spec.pairs[2]: connects seed-1 to itself"),
                row("spec.pairs", "[[seed-0]]", "spec.pairs[0]: expected 2 endpoint names, got 1"),
                row(
                        "spec.pairs",
                        "random",
                        "spec.pairs: unknown pairs mode random (expected all, consecutive or a"
                                + " list of endpoint pairs)"),
                row(
                        "spec.pairs",
                        "explicit",
                        "spec.pairs: unknown pairs mode explicit (expected all, consecutive or a"
                                + " list of endpoint pairs)"),
                row("spec.pairs", "[]", "spec.pairs: must not be empty"),
                row(
                        "spec.dataset",
                        "{name: fashion-mnist, path: '  ', bits: 3}",
                        "spec.dataset.path: must not be empty",
                        "spec.dataset.bits: applies only to sparse-parity"),
                // alignments, paths, alphas, metrics
                row(
                        "spec.alignments",
                        "[none, orthogonal]",
                        "spec.alignments[1]: orthogonal rotates a transformer's residual stream,"
                                + " and mlp has no orthogonal symmetry (use weight-matching)"),
                row(
                        "spec.alignments",
                        "[{type: none, maxSweeps: 3, restarts: 2}, {type: weight-matching,"
                                + " maxSweeps: 0, restarts: 0, warmStart: magic, examples: 10},"
                                + " {type: activation-matching, examples: 1, warmStart: none}]",
                        "spec.alignments[0].maxSweeps: applies only to weight-matching",
                        "spec.alignments[0].restarts: applies only to weight-matching",
                        "spec.alignments[1].maxSweeps: must be >= 1, got 0",
                        "spec.alignments[1].restarts: must be >= 1, got 0",
                        "spec.alignments[1].warmStart: unknown warm start magic (expected one of:"
                                + " none, activation-matching)",
                        "spec.alignments[1].examples: applies only to activation-matching (or a"
                                + " weight-matching warm start from it)",
                        "spec.alignments[2].warmStart: applies only to weight-matching",
                        "spec.alignments[2].examples: must be >= 2, got 1"),
                row(
                        "spec.alignments",
                        "[{type: weight-matching, sweeps: 3}]",
                        "spec.alignments[0].sweeps: unknown field (expected one of: type,"
                                + " maxSweeps, examples, warmStart, restarts)"),
                row(
                        "spec.alignments",
                        "[none, none, magic]",
                        "spec.alignments[1]: duplicate alignment none",
                        "spec.alignments[2]: unknown alignment magic (expected one of: none,"
                                + " weight-matching, activation-matching, orthogonal)"),
                row("spec.alignments", "[]", "spec.alignments: must not be empty"),
                row(
                        "spec.paths",
                        "[{type: bezier, epochs: 0, learningRate: -1}, {type: linear, learningRate: 1}]",
                        "spec.paths[0].epochs: must be >= 1, got 0",
                        "spec.paths[0].learningRate: must be a finite number > 0, got -1",
                        "spec.paths[1].learningRate: applies only to bezier"),
                row(
                        "spec.paths",
                        "[{type: linear, epochs: 5}]",
                        "spec.paths[0].epochs: applies only to bezier"),
                row("spec.paths", "[{epochs: 5}]", "spec.paths[0].type: is required"),
                row(
                        "spec.paths",
                        "[{type: linear, repair: magic}]",
                        "spec.paths[0].repair: unknown repair magic (expected one of: none,"
                                + " reset, repair)"),
                row(
                        "spec.paths",
                        "[{type: linear, repair: reset}]",
                        "spec.paths[0].repair: reset recomputes BatchNorm statistics, but"
                                + " spec.model has normalization none (use none or repair)"),
                row(
                        "spec",
                        "{model: {architecture: resnet, normalization: layernorm}, dataset: {name:"
                                + " fashion-mnist}, endpoints: {train: {seeds: [0, 1]}}, paths:"
                                + " [{type: linear, repair: reset}, {type: linear, repair: repair}]}",
                        "spec.paths[0].repair: reset recomputes BatchNorm statistics, but"
                                + " spec.model has normalization layernorm (use none)",
                        "spec.paths[1].repair: repair rescales the hidden layers of mlp models, got"
                                + " architecture resnet"),
                // merges
                row(
                        "spec.merges",
                        "[magic, merge-many, merge-many]",
                        "spec.merges[0].alignment: unknown merge alignment magic (expected one of:"
                                + " none, weight-matching, merge-many)",
                        "spec.merges[2]: duplicate merge merge-many"),
                row(
                        "spec.merges",
                        "[{alignment: merge-many, weights: [1, 2, 3]}]",
                        "spec.merges[0].weights: expected 2 weights, one per endpoint (seed-0,"
                                + " seed-1), got 3"),
                row(
                        "spec.merges",
                        "[{alignment: merge-many, weights: [1, -2]}, {alignment: none, weights:"
                                + " [0, 0]}]",
                        "spec.merges[0].weights[1]: must be a finite number >= 0, got -2",
                        "spec.merges[1].weights: the weights sum to 0; give one above 0"),
                row(
                        "spec.merges",
                        "[{alignment: none, maxIterations: 5, maxSweeps: 3, repair: reset},"
                                + " {alignment: weight-matching, maxIterations: 2, maxSweeps: 0},"
                                + " {alignment: merge-many, maxIterations: 0, cycles: true}]",
                        "spec.merges[0].repair: reset recomputes BatchNorm statistics, but"
                                + " spec.model has normalization none (use none or repair)",
                        "spec.merges[0].maxIterations: applies only to merge-many",
                        "spec.merges[0].maxSweeps: applies only to weight-matching and merge-many",
                        "spec.merges[1].maxIterations: applies only to merge-many",
                        "spec.merges[1].maxSweeps: must be >= 1, got 0",
                        "spec.merges[2].maxIterations: must be >= 1, got 0",
                        "spec.merges[2].cycles: needs a triple of endpoints, and the sweep has 2"),
                row(
                        "spec.merges",
                        "[{alignment: merge-many, iterations: 3}]",
                        "spec.merges[0].iterations: unknown field (expected one of: alignment,"
                                + " weights, repair, maxIterations, maxSweeps, cycles)"),
                row("spec.merges", "[]", "spec.merges: must not be empty"),
                row("spec.alphas", "1", "spec.alphas: must be >= 2, got 1"),
                row("spec.alphas", "5000", "spec.alphas: must be <= 1001, got 5000"),
                row(
                        "spec.metrics",
                        "[loss, magic, loss]",
                        "spec.metrics[1]: unknown metric magic (expected one of: loss, accuracy,"
                                + " decomposition, attribution, cka, confidence, basins, ensemble)",
                        "spec.metrics[2]: duplicate metric loss"),
                row(
                        "spec.metrics",
                        "[{type: ensemble, points: 1}, {type: cka, points: 3}]",
                        "spec.metrics[0].points: must be >= 2, got 1",
                        "spec.metrics[1].points: applies only to ensemble"),
                row(
                        "spec.metrics",
                        "[{type: ensemble, points: 500}]",
                        "spec.metrics[0].points: must be <= 101, got 500"),
                row(
                        "spec.metrics",
                        "[{type: loss, examples: 10}, {type: cka, examples: 2}]",
                        "spec.metrics[0].examples: applies only to cka",
                        "spec.metrics[1].examples: must be >= 4, got 2"),
                row(
                        "spec.metrics",
                        "[{type: confidence, resamples: 10, level: 1.5, threshold: 0.1},"
                                + " {type: basins, linkage: ward, threshold: -1, level: 0.9},"
                                + " {type: loss, resamples: 100, linkage: single}]",
                        "spec.metrics[0].resamples: must be >= 100, got 10",
                        "spec.metrics[0].level: must be a number between 0 and 1 (exclusive), e.g."
                                + " 0.95, got 1.5",
                        "spec.metrics[0].threshold: applies only to basins",
                        "spec.metrics[1].level: applies only to confidence",
                        "spec.metrics[1].linkage: unknown linkage ward (expected one of: single,"
                                + " average, complete)",
                        "spec.metrics[1].threshold: must be a finite number of nats >= 0, got -1",
                        "spec.metrics[2].resamples: applies only to confidence",
                        "spec.metrics[2].linkage: applies only to basins"),
                row(
                        "spec.regression",
                        "{maxLossBarrier: 0.1, onUpperBound: true}",
                        "spec.regression.onUpperBound: gates the upper ends of the bootstrap"
                                + " intervals, but spec.metrics has no confidence (add it, or drop"
                                + " onUpperBound)"),
                row(
                        "spec.regression",
                        "{maxLossBarrier: -0.5, maxIncreas: 1}",
                        "spec.regression.maxIncreas: unknown field (expected one of:"
                                + " maxLossBarrier, maxIncrease, onUpperBound)",
                        "spec.regression.maxLossBarrier: must be a finite number >= 0, got -0.5"),
                // seeds and execution
                row("spec.seeds", "{data: -1}", "spec.seeds.data: must be >= 0, got -1"),
                row(
                        "spec.execution",
                        "{parallelism: 0, retries: 11, threads: 257, device: tpu}",
                        "spec.execution.parallelism: must be >= 1, got 0",
                        "spec.execution.retries: must be <= 10, got 11",
                        "spec.execution.threads: must be <= 256, got 257",
                        "spec.execution.device: unknown device tpu (expected one of: auto, cpu,"
                                + " gpu)"),
                row(
                        "spec.execution",
                        "{store: 's3://bucket/a/../b'}",
                        "spec.execution.store: the key prefix must not contain empty or .."
                                + " segments"),
                row(
                        "spec.endpoints",
                        "{checkpoints: [{name: a, uri: 's3://bucket/'},"
                                + " {name: b, uri: 's3://bucket/b'}, {name: c, uri: 's3://bucket'},"
                                + " {name: d, uri: 's3://bucket/d/'}]}",
                        "spec.endpoints.checkpoints[0].uri: expected s3://bucket/key naming one"
                                + " object, got s3://bucket/",
                        "spec.endpoints.checkpoints[1].uri: must end with .safetensors, got"
                                + " s3://bucket/b",
                        "spec.endpoints.checkpoints[2].uri: expected s3://bucket/key naming one"
                                + " object, got s3://bucket",
                        "spec.endpoints.checkpoints[3].uri: expected s3://bucket/key naming one"
                                + " object, got s3://bucket/d/"),
                row(
                        "spec.execution",
                        "{store: 's3://'}",
                        "spec.execution.store: s3:// must be followed by a bucket name"),
                row(
                        "spec.execution",
                        "{store: 's3://Runs_Bucket/isthmus'}",
                        "spec.execution.store: bucket name must be 3 to 63 lower case letters,"
                                + " digits, '.' and '-', got Runs_Bucket"),
                row(
                        "spec.execution",
                        "{store: 'gs://bucket/isthmus'}",
                        "spec.execution.store: unsupported scheme gs:// (expected a folder path,"
                                + " file:// or s3://)"),
                // cluster execution
                row(
                        "spec.execution",
                        "{resources: {gpu: 1, cpu: 4, memory: 16GB}}",
                        "spec.execution.resources.cpu: expected a string, got 4",
                        "spec.execution.resources.memory: expected a Kubernetes quantity such as"
                                + " 16Gi or 512Mi, got 16GB"),
                row(
                        "spec.execution",
                        "{device: cpu, resources: {gpu: 2, cpu: '0', memory: 1.5Gi}}",
                        "spec.execution.resources.gpu: requests 2 GPU(s) but execution.device is"
                                + " cpu",
                        "spec.execution.resources.cpu: must be more than 0, got 0"),
                row(
                        "spec.execution",
                        "{resources: {memory: 16Gi, maxMemory: 8Gi}}",
                        "spec.execution.resources.maxMemory: must be at least"
                                + " spec.execution.resources.memory (16Gi), got 8Gi"),
                row(
                        "spec.execution",
                        "{resources: {memory: 16Gi, maxMemory: 64GB}}",
                        "spec.execution.resources.maxMemory: expected a Kubernetes quantity such"
                                + " as 64Gi or 4096Mi, got 64GB"),
                row(
                        "spec.execution",
                        "{retries: 0, resources: {memory: 16Gi, maxMemory: 64Gi}}",
                        "spec.execution.resources.maxMemory: caps the memory a retry grows to,"
                                + " but spec.execution.retries is 0, so no task is retried"),
                row(
                        "spec.execution",
                        "{resources: {cpu: '4', maxMemory: 64Gi}}",
                        "spec.execution.resources.maxMemory: caps the memory a retry grows to"
                                + " from spec.execution.resources.memory, which is not set"),
                row(
                        "spec.execution",
                        "{resources: {gpu: -1, cpu: 500 m}}",
                        "spec.execution.resources.gpu: must be >= 0, got -1",
                        "spec.execution.resources.cpu: expected a Kubernetes quantity such as \"4\""
                                + " or \"500m\", got 500 m"),
                row(
                        "spec.execution",
                        "{nodeSelector: {nvidia.com/gpu.product: A100 80GB, 'bad key!': x,"
                                + " pool: gpu}}",
                        "spec.execution.nodeSelector[\"nvidia.com/gpu.product\"]: label value"
                                + " must be up to 63 letters, digits, '-', '_' or '.', starting"
                                + " and ending with a letter or digit, got A100 80GB",
                        "spec.execution.nodeSelector[\"bad key!\"]: is not a valid label key (an"
                                + " optional DNS prefix and '/', then up to 63 letters, digits,"
                                + " '-', '_' or '.')"),
                row(
                        "spec.execution",
                        "{tolerations: [{key: gpu, operator: Exists, value: a}, {effect: NoRun,"
                                + " tolerationSeconds: 5}, {key: gpu, operator: In}, {operator:"
                                + " Exists, effect: NoExecute, tolerationSeconds: 60}]}",
                        "spec.execution.tolerations[0].value: must be empty when the operator is"
                                + " Exists",
                        "spec.execution.tolerations[1].key: is required unless the operator is"
                                + " Exists",
                        "spec.execution.tolerations[1].effect: unknown effect NoRun (expected one"
                                + " of: NoSchedule, PreferNoSchedule, NoExecute)",
                        "spec.execution.tolerations[1].tolerationSeconds: applies only to the"
                                + " NoExecute effect",
                        "spec.execution.tolerations[2].operator: unknown operator In (expected"
                                + " one of: Equal, Exists)"),
                row(
                        "spec.execution",
                        "{tolerations: {key: gpu}}",
                        "spec.execution.tolerations: expected a list, got an object"),
                row(
                        "spec.execution",
                        "{volumeClaim: Runs_PVC}",
                        "spec.execution.volumeClaim: must be a Kubernetes object name (lower case"
                                + " letters, digits, '-' and '.', starting and ending with a"
                                + " letter or digit), got Runs_PVC"),
                row(
                        "spec.execution",
                        "{store: /data/runs, storeCredentials: {secret: s3-creds}}",
                        "spec.execution.storeCredentials: applies only to an s3:// store"),
                row(
                        "spec.execution",
                        "{store: 's3://runs/isthmus', storeCredentials: {name: s3-creds}}",
                        "spec.execution.storeCredentials.name: unknown field (expected one of:"
                                + " secret)",
                        "spec.execution.storeCredentials.secret: is required"),
                // schedule
                row(
                        "spec.schedule",
                        "0 24 * * *",
                        "spec.schedule.crons[0]: hour 24 is out of range 0-23 in \"0 24 * * *\""),
                row(
                        "spec.schedule",
                        "'0 2 * *'",
                        "spec.schedule.crons[0]: expected 5 fields (minute hour day-of-month"
                                + " month day-of-week), got 4 in \"0 2 * *\""),
                row(
                        "spec.schedule",
                        "{crons: ['*/0 * * * *', '0 2 * * MON-FRI', '0 2 * * FRI-MON', '@nightly',"
                                + " '0 2 31 FOO *', '0 2 * * MON-FRI', '0 2 ? * 7'],"
                                + " timezone: Mars/Olympus, startingDeadlineSeconds: -1,"
                                + " history: 11}",
                        "spec.schedule.crons[0]: minute step \"0\" must be a whole number >= 1 in"
                                + " \"*/0 * * * *\"",
                        "spec.schedule.crons[2]: day-of-week range FRI-MON is reversed in \"0 2 *"
                                + " * FRI-MON\"",
                        "spec.schedule.crons[3]: unknown descriptor @nightly (expected @yearly,"
                                + " @annually, @monthly, @weekly, @daily, @midnight, @hourly or 5"
                                + " fields)",
                        "spec.schedule.crons[4]: month \"FOO\" is not a number or a name such as"
                                + " JAN in \"0 2 31 FOO *\"",
                        "spec.schedule.crons[5]: duplicate cron 0 2 * * MON-FRI",
                        "spec.schedule.crons[6]: day-of-week 7 is out of range 0-6 in \"0 2 ? * 7\"",
                        "spec.schedule.timezone: unknown time zone Mars/Olympus (expected an IANA"
                                + " name such as UTC or Europe/Berlin)",
                        "spec.schedule.startingDeadlineSeconds: must be >= 0, got -1",
                        "spec.schedule.history: must be <= 10, got 11"),
                row("spec.schedule", "{crons: []}", "spec.schedule.crons: must not be empty"),
                row("spec.schedule", "{timezone: UTC}", "spec.schedule.crons: is required"),
                row("spec.schedule", "7", "spec.schedule: expected a string or an object, got 7"),
                row(
                        "spec.schedule",
                        "{cron: '0 2 * * *'}",
                        "spec.schedule.cron: unknown field (expected one of: crons, timezone,"
                                + " startingDeadlineSeconds, history)",
                        "spec.schedule.crons: is required"),
                row(
                        "metadata.name",
                        "'nightly; rm -rf /'",
                        "metadata.name: " + DNS_MESSAGE + "nightly; rm -rf /"),
                row(
                        "spec.execution",
                        "{store: 'file://'}",
                        "spec.execution.store: file:// must be followed by a folder path"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("cases")
    void reportsExactly(String path, String value, List<String> expected) {
        String document = Documents.minimalWith(path, value);

        SpecException e =
                assertThrows(SpecException.class, () -> SweepLoader.parse(document, null));

        assertEquals(expected, e.problems().stream().map(Problem::toString).toList());
    }

    private static Arguments row(String path, String value, String... expected) {
        return Arguments.of(path, value, List.of(expected));
    }
}
