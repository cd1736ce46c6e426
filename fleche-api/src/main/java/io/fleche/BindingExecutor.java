package io.fleche;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An executor whose tasks run with the submitting thread's active cache and metadata; a {@link
 * FlecheFunction.BoundCall} already in the cache is answered with a completed future, never run.
 */
final class BindingExecutor extends AbstractExecutorService {
  private final ExecutorService delegate;

  BindingExecutor(ExecutorService delegate) {
    this.delegate = Objects.requireNonNull(delegate);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    if (task instanceof FlecheFunction.BoundCall) {
      CompletableFuture<Object> hit = ((FlecheFunction.BoundCall) task).cached();
      if (hit != null) {
        @SuppressWarnings("unchecked")
        Future<T> done = (Future<T>) hit;
        return done;
      }
    }
    return delegate.submit(Fleches.bind(task));
  }

  @Override
  public Future<?> submit(Runnable task) {
    return delegate.submit(Fleches.bind(task));
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return delegate.submit(Fleches.bind(task), result);
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(Fleches.bind(command));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return delegate.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }
}
