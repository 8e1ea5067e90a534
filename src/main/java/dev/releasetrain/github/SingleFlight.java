package dev.releasetrain.github;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls about the same thing that overlap share one: deliveries arriving together on a cold cache (a restart, a
 * burst of pull requests in a new repository) would otherwise each ask GitHub what the first one is already asking.
 * The later callers wait for the first one's answer, or its failure.
 */
final class SingleFlight<T> {
    interface Call<T> {
        T run() throws IOException;
    }

    private final Map<String, CompletableFuture<T>> running = new ConcurrentHashMap<>();

    T once(String key, Call<T> call) throws IOException {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> other = running.putIfAbsent(key, mine);
        if (other != null) {
            return await(other);
        }
        try {
            T result = call.run();
            mine.complete(result);
            return result;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private static <T> T await(CompletableFuture<T> other) throws IOException {
        try {
            return other.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
