package dev.isthmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code isthmus train} and {@code isthmus evaluate} on files. */
class TrainEvaluateCommandTest {

    @Test
    void trainTwoNetworksThenWalkTheLineBetweenThem(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "architecture: mlp\nhidden: [32]\n");
        Path data = dir.resolve("data.yaml");
        Files.writeString(data, "name: fashion-mnist\ntrainExamples: 4000\nevalExamples: 1000\n");
        for (int seed = 0; seed < 2; seed++) {
            CliTest.Outcome t =
                    CliTest.run(
                            "train",
                            "--model",
                            model.toString(),
                            "--dataset",
                            data.toString(),
                            "--seed",
                            Integer.toString(seed),
                            "--epochs",
                            "2",
                            "--out",
                            dir.resolve(seed + ".safetensors").toString());
            assertEquals(0, t.code(), t.err());
            assertTrue(t.out().contains("mlp 784-32-10, eval loss"), t.out());
        }
        CliTest.Outcome one =
                CliTest.run(
                        "evaluate",
                        "--model",
                        model.toString(),
                        "--dataset",
                        data.toString(),
                        "--a",
                        dir.resolve("0.safetensors").toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(
                one.out().contains("accuracy 0.") && one.out().contains("(1000 examples)"),
                one.out());

        CliTest.Outcome path =
                CliTest.run(
                        "evaluate",
                        "--model",
                        model.toString(),
                        "--dataset",
                        data.toString(),
                        "--a",
                        dir.resolve("0.safetensors").toString(),
                        "--b",
                        dir.resolve("1.safetensors").toString(),
                        "--alphas",
                        "5");
        assertEquals(0, path.code(), path.err());
        assertTrue(
                path.out().contains("0.5000") && path.out().contains("loss barrier     lin "),
                path.out());

        // The sections under their keys, and a whole sweep file, read as the bare sections.
        Path keyed = dir.resolve("keyed.yaml");
        Files.writeString(keyed, "model: {architecture: mlp, hidden: [32]}\n");
        Path sweep = dir.resolve("sweep.yaml");
        Files.writeString(
                sweep,
                "apiVersion: isthmus.dev/v1alpha1\nkind: ConnectivitySweep\nmetadata: {name: s}\n"
                        + "spec:\n  model: {architecture: mlp, hidden: [32]}\n"
                        + "  dataset: {name: fashion-mnist, trainExamples: 4000, evalExamples:"
                        + " 1000}\n");
        for (String[] files :
                new String[][] {
                    {keyed.toString(), sweep.toString()}, {sweep.toString(), sweep.toString()}
                }) {
            CliTest.Outcome wrapped =
                    CliTest.run(
                            "evaluate",
                            "--model",
                            files[0],
                            "--dataset",
                            files[1],
                            "--a",
                            dir.resolve("0.safetensors").toString());
            assertEquals(0, wrapped.code(), wrapped.err());
            assertEquals(one.out(), wrapped.out());
        }

        Files.writeString(model, "architecture: mlp\nhidden: [64]\n");
        CliTest.Outcome wrong =
                CliTest.run(
                        "evaluate",
                        "--model",
                        model.toString(),
                        "--dataset",
                        data.toString(),
                        "--a",
                        dir.resolve("0.safetensors").toString());
        assertEquals(2, wrong.code());
        assertTrue(
                wrong.err().contains("0.safetensors")
                        && wrong.err()
                                .contains(
                                        "layers.0.weight: expected shape [64, 784], got [32, 784]"),
                wrong.err());
    }
}
