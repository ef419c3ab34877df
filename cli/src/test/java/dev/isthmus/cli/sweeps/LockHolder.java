package dev.isthmus.cli.sweeps;

import dev.isthmus.workers.store.RunLock;
import java.nio.file.Path;

/** Another process holding a sweep folder's run lock, for {@link StoreFaultsTest}. */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
