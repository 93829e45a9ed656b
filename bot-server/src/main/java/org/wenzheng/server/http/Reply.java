package org.wenzheng.server.http;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * What an endpoint does with a request it accepted: answer at once on the event loop (static
 * files, metrics), hand blocking work (anything touching the knowledge base) to the bounded
 * worker pool, or name an answer another pool is computing (password hashing, which must not take
 * the workers from citizens); the result is written back on the channel's event loop.
 */
public sealed interface Reply {

    /** A response ready now. */
    record Now(Response response) implements Reply {
        public Now {
            Objects.requireNonNull(response, "response");
        }
    }

    /** Work that may block; runs on a worker thread, or is refused with 503 when all are busy. */
    record Blocking(Callable<Response> work) implements Reply {
        public Blocking {
            Objects.requireNonNull(work, "work");
        }
    }

    /**
     * An answer that completes elsewhere, without a worker (a login, hashed on its own pool). A
     * stage failing with an {@link ApiException} is answered with it, any other failure like a
     * failed blocking work.
     */
    record Later(CompletionStage<Response> response) implements Reply {
        public Later {
            Objects.requireNonNull(response, "response");
        }
    }

    static Reply now(Response response) {
        return new Now(response);
    }

    static Reply blocking(Callable<Response> work) {
        return new Blocking(work);
    }

    static Reply later(CompletionStage<Response> response) {
        return new Later(response);
    }
}
