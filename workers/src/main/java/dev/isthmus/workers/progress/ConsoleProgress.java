package dev.isthmus.workers.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws a progress bar for one task on a terminal ({@code \r}-redrawn), or prints only start and
 * finish lines when output is not a terminal, so logs stay readable.
 */
public final class ConsoleProgress implements Progress {
    private static final int WIDTH = 24;
    private static final Object LOCK = new Object();

    private final PrintStream out;
    private final String prefix;
    private final boolean interactive;
    private String label = "";
    private long total = 1;
    private long started;
    private int lastDrawn = -1;

    public ConsoleProgress(PrintStream out, String prefix, boolean interactive) {
        this.out = out;
        this.prefix = prefix;
        this.interactive = interactive;
    }

    /** A progress printer for {@code prefix} on stderr, drawing bars if stderr is a terminal. */
    public static ConsoleProgress stderr(String prefix) {
        return new ConsoleProgress(System.err, prefix, STDERR_IS_TERMINAL);
    }

    private static final boolean STDERR_IS_TERMINAL = stderrIsTerminal();

    /** Whether file descriptor 2 is a terminal (Linux); {@code System.console()} checks stdout. */
    private static boolean stderrIsTerminal() {
        try {
            String target =
                    java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2"))
                            .toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    @Override
    public void start(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
        this.started = System.nanoTime();
        this.lastDrawn = -1;
        if (interactive) update(0);
    }

    @Override
    public void update(long done) {
        if (!interactive) return;
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        int percent = (int) (100 * Math.min(done, total) / total);
        if (percent == lastDrawn) return;
        lastDrawn = percent;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        synchronized (LOCK) {
            out.printf(Locale.ROOT, "\r%-14s %-22s [%s] %3d%%", prefix, label, bar, percent);
            out.flush();
        }
    }

    @Override
    public void finish(String summary) {
        double seconds = (System.nanoTime() - started) / 1e9;
        synchronized (LOCK) {
            if (interactive) out.print("\r\033[K");
            out.printf(Locale.ROOT, "%-14s %-22s %s (%.1f s)%n", prefix, label, summary, seconds);
            out.flush();
        }
    }
}
