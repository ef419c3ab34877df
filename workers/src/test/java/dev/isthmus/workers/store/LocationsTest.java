package dev.isthmus.workers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocationsTest {
    private static final Path BASE = Path.of("/specs/dir");

    @Test
    void pathsAndFileUrisResolveAgainstTheBaseFolder() {
        assertEquals(Path.of("/specs/dir/a.safetensors"), Locations.resolve("a.safetensors", BASE));
        assertEquals(
                Path.of("/specs/dir/ckpt/a.safetensors"),
                Locations.resolve("file://ckpt/a.safetensors", BASE));
        assertEquals(
                Path.of("/abs/a b.safetensors"),
                Locations.resolve("file:///abs/a b.safetensors", BASE));
        assertEquals(Path.of("/abs/x"), Locations.resolve("FILE:///abs/x", BASE));
        assertEquals(
                Path.of("/specs/up.safetensors"), Locations.resolve("../up.safetensors", BASE));
        assertEquals(Path.of("/specs/dir"), Locations.resolve("file://", BASE));
    }

    @Test
    void otherSchemesAreRefused() {
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> Locations.resolve("s3://b/k", BASE));
        assertEquals("s3://b/k: only paths and file:// locations are supported", e.getMessage());
    }
}
