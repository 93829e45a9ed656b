package org.wenzheng.server.http;

/**
 * One resource of the server. {@link #handle} runs on the event loop: it must only check the
 * request (cheap) and return either the response or the blocking work to run on a worker.
 */
@FunctionalInterface
public interface Endpoint {
    /**
     * @throws ApiException when the request is refused (bad field, unknown id …)
     */
    Reply handle(Request request);
}
