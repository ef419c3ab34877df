package dev.isthmus.workers.progress;

/** Receives progress of one long piece of work; implementations must be thread-safe. */
public interface Progress {

    /** Begins a unit of work with {@code total} steps, e.g. the batches of one epoch. */
    void start(String label, long total);

    /** Reports that {@code done} of the current unit's steps are finished. */
    void update(long done);

    /** Ends the current unit with a one-line summary (e.g. the epoch's loss and accuracy). */
    void finish(String summary);

    /** A progress sink that prints nothing. */
    Progress NONE =
            new Progress() {
                @Override
                public void start(String label, long total) {}

                @Override
                public void update(long done) {}

                @Override
                public void finish(String summary) {}
            };
}
