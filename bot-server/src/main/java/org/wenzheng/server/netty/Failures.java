package org.wenzheng.server.netty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.db.StoreUnavailableException;

/**
 * What a client receives when handling its request failed: a refusal's own status and message,
 * 503 when the workers are saturated or the database is unavailable, and for anything unexpected
 * a 500 with a fixed message, the failure logged with its context and stack trace here, never
 * sent.
 */
public final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    /** Seconds a client is asked to wait after a 503: the queue drains in milliseconds. */
    static final String OVERLOADED_RETRY_AFTER = "1";
    /** Seconds a client is asked to wait when the database is unavailable: a restart takes a few. */
    static final String DATABASE_RETRY_AFTER = "5";

    private Failures() {
    }

    /**
     * @param context what was being done, for the log: method, masked path, client (built only
     *                when a failure is logged)
     */
    public static Response response(Throwable failure, Supplier<String> context) {
        if (failure instanceof ApiException refusal) {
            return refusal.toResponse();
        }
        if (failure instanceof RejectedExecutionException) {
            return overloaded();
        }
        if (failure instanceof StoreUnavailableException) {
            // Temporary (a database restart, every connection busy): no stack trace, the client may retry.
            log.warn("request failed: {}: {}", context.get(), failure.getMessage());
            return Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCodes.UNAVAILABLE,
                    "数据库暂时无法访问，请稍后再试")
                    .withHeader(HttpHeaderNames.RETRY_AFTER.toString(), DATABASE_RETRY_AFTER);
        }
        log.error("request failed: {}", context.get(), failure);
        return internal();
    }

    public static Response overloaded() {
        return Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCodes.OVERLOADED,
                "系统繁忙，请稍后再试")
                .withHeader(HttpHeaderNames.RETRY_AFTER.toString(), OVERLOADED_RETRY_AFTER);
    }

    static Response internal() {
        return Response.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL,
                "系统出错，已记录，请稍后再试");
    }
}
