package dev.releasetrain.store;

/** Work taken one at a time per name: in this process, and on PostgreSQL in every replica of the fleet. */
public interface Locks {
    /** Work that reads and writes GitHub and the store. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code work} while no other holder of the lock {@code name} runs, in this process or, on PostgreSQL, in
     * any replica (an advisory lock, released if the replica dies).
     */
    <T> T exclusively(String name, Work<T> work) throws Exception;
}
