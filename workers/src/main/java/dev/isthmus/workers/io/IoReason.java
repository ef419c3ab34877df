package dev.isthmus.workers.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Why an input/output operation failed, in words ("no space left on device"), for messages. */
public final class IoReason {
    private IoReason() {}

    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof AccessDeniedException) return "permission denied";
        String m =
                e instanceof FileSystemException f && f.getReason() != null
                        ? f.getReason()
                        : e.getMessage();
        if (m == null || m.isBlank()) return "an input/output error";
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
