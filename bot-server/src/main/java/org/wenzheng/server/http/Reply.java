package org.wenzheng.server.http;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What an endpoint does with a request it accepted: answer at once on the event loop (static
 * files, metrics), or hand blocking work (anything touching the knowledge base) to the bounded
 * worker pool, whose result is written back on the channel's event loop.
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

    static Reply now(Response response) {
        return new Now(response);
    }

    static Reply blocking(Callable<Response> work) {
        return new Blocking(work);
    }
}
