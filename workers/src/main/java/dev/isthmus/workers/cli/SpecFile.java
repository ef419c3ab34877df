package dev.isthmus.workers.cli;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.SweepLoader;
import dev.isthmus.workers.exec.SweepContext;
import dev.isthmus.workers.store.RunStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads a sweep file and opens its context, with an optional store override. */
final class SpecFile {
    private SpecFile() {}

    static ConnectivitySweep load(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such sweep file");
        }
        return SweepLoader.load(file);
    }

    static SweepContext open(Path file, ConnectivitySweep sweep, String storeOverride) {
        String store = storeOverride != null ? storeOverride : sweep.spec().execution().store();
        Path base = file.toAbsolutePath().getParent();
        return new SweepContext(sweep, base, RunStore.open(store, sweep.name()));
    }
}
