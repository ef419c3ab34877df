package dev.isthmus.cli;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.BadInputException;
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
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder, not a sweep file");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such sweep file");
        }
        return SweepLoader.load(file);
    }

    static SweepContext open(Path file, ConnectivitySweep sweep, String storeOverride) {
        return open(sweep, file.toAbsolutePath().getParent(), storeOverride, null);
    }

    /**
     * Opens a sweep's context.
     *
     * @param specFolder what relative checkpoint paths resolve against
     * @param workdir when set, what both a relative store and relative checkpoint paths resolve
     *     against (a cluster pod's mounted volume); else the store resolves against the working
     *     directory
     */
    static SweepContext open(
            ConnectivitySweep sweep, Path specFolder, String storeOverride, Path workdir) {
        String store = storeOverride != null ? storeOverride : sweep.spec().execution().store();
        Path checkpointBase = workdir != null ? workdir : specFolder;
        Path storeBase = workdir != null ? workdir : Path.of("");
        RunStore runStore = RunStore.open(store, sweep.name(), storeBase);
        return new SweepContext(sweep, checkpointBase.toAbsolutePath(), runStore);
    }
}
