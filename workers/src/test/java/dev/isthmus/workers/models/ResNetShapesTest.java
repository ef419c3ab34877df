package dev.isthmus.workers.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tensors are those of the PyTorch module a user would write (akamaster's CIFAR ResNet with
 * option-B shortcuts), so its {@code state_dict} loads as is; docs/architectures.md lists them.
 */
class ResNetShapesTest {

    @Test
    void resnet20HasTheKnownParameterCountAndPyTorchNames() {
        SortedMap<String, long[]> s = new ResNet(1, 10, 20, 1, "batchnorm").parameterShapes();
        ResNet model = new ResNet(1, 10, 20, 1, "batchnorm");
        long trained =
                s.entrySet().stream()
                        .filter(e -> !model.buffers().contains(e.getKey()))
                        .mapToLong(e -> Arrays.stream(e.getValue()).reduce(1, (x, y) -> x * y))
                        .sum();
        // stem 16·1·9 + bn 32; layer1: 3 × (2·16·16·9 + 2·32); layer2: (32·16·9 + 32·32·9 + 128
        // + 32·16 + 64) + 2 × (2·32·32·9 + 128); layer3 likewise with 64; linear 64·10 + 10.
        long expected =
                (144 + 32)
                        + 3 * (2 * 2304 + 64)
                        + (4608 + 9216 + 128 + 512 + 64)
                        + 2 * (2 * 9216 + 128)
                        + (18432 + 36864 + 256 + 2048 + 128)
                        + 2 * (2 * 36864 + 256)
                        + 650;
        assertEquals(272_186, expected);
        assertEquals(expected, trained); // akamaster's 3-channel option-A ResNet-20: 269,722
        assertEquals(21 * 3, model.buffers().size()); // 21 BatchNorm layers
        assertEquals(21, model.integerBuffers().size());

        assertShape(s, "conv1.weight", 16, 1, 3, 3);
        assertShape(s, "bn1.running_var", 16);
        assertShape(s, "bn1.num_batches_tracked");
        assertShape(s, "layer1.2.conv2.weight", 16, 16, 3, 3);
        assertShape(s, "layer2.0.conv1.weight", 32, 16, 3, 3);
        assertShape(s, "layer2.0.shortcut.0.weight", 32, 16, 1, 1);
        assertShape(s, "layer2.0.shortcut.1.running_mean", 32);
        assertShape(s, "layer3.2.bn2.weight", 64);
        assertShape(s, "linear.weight", 10, 64);
        assertShape(s, "linear.bias", 10);
        assertFalse(s.containsKey("layer1.0.shortcut.0.weight")); // identity shortcuts
        assertFalse(s.containsKey("layer2.1.shortcut.0.weight"));
        assertFalse(s.containsKey("conv1.bias"));
    }

    @Test
    void normalizationsChangeOnlyTheNormTensorsAndConvolutionBiases() {
        var bn = new ResNet(1, 10, 8, 2, "batchnorm").parameterShapes();
        var ln = new ResNet(1, 10, 8, 2, "layernorm").parameterShapes();
        var none = new ResNet(1, 10, 8, 2, "none").parameterShapes();
        assertShape(bn, "layer3.0.conv2.weight", 128, 128, 3, 3);
        assertEquals(
                bn.keySet().stream()
                        .filter(k -> !k.contains("running_") && !k.contains("num_batches"))
                        .collect(Collectors.toSet()),
                ln.keySet());
        assertTrue(
                none.keySet().stream().noneMatch(k -> k.contains("bn") || k.endsWith(".1.bias")));
        assertShape(none, "conv1.bias", 32);
        assertShape(none, "layer2.0.shortcut.0.bias", 64);
    }

    @Test
    void theArchitecturesDocListsTheResnet8Tensors() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "architectures.md"));
        String listing = listing(new ResNet(1, 10, 8, 1, "batchnorm").parameterShapes());
        assertTrue(doc.contains(listing), "docs/architectures.md should contain:\n" + listing);
    }

    /** One line per tensor: name, then its shape as PyTorch prints it. */
    static String listing(Map<String, long[]> shapes) {
        StringBuilder sb = new StringBuilder();
        shapes.forEach(
                (name, shape) ->
                        sb.append(String.format("%-40s %s%n", name, Arrays.toString(shape))));
        return sb.toString();
    }

    private static void assertShape(Map<String, long[]> s, String name, long... shape) {
        assertTrue(s.containsKey(name), name);
        assertArrayEquals(shape, s.get(name), name);
    }
}
