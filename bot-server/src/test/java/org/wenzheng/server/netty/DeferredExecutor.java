package org.wenzheng.server.netty;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** A worker pool stand-in whose tasks run when the test says, on the test thread. */
final class DeferredExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    int pending() {
        return tasks.size();
    }

    void runAll() {
        for (Runnable t; (t = tasks.poll()) != null; ) {
            t.run();
        }
    }
}
