package org.wenzheng.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as endpoints see it: copied out of Netty's reference-counted message on the event loop,
 * so it can be read on any thread after that message is released.
 *
 * @param method     the method
 * @param path       the decoded path, without the query
 * @param query      the decoded query parameters
 * @param pathParams the values of the route's {@code {name}} segments
 * @param headers    the request headers (a copy)
 * @param body       the body bytes (at most the configured maxBodyBytes)
 * @param clientIp   the client's address, as text
 */
public record Request(
        HttpMethod method,
        String path,
        Map<String, List<String>> query,
        Map<String, String> pathParams,
        HttpHeaders headers,
        byte[] body,
        String clientIp) {

    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        pathParams = Map.copyOf(pathParams);
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(clientIp, "clientIp");
    }

    /** The first value of a query parameter, if given. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The value of a {@code {name}} segment of the matched route. */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("the route has no parameter " + name);
        }
        return v;
    }

    /** A header's value, if present. */
    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** This request with the values of the matched route's parameters. */
    public Request withPathParams(Map<String, String> params) {
        return new Request(method, path, query, params, headers, body, clientIp);
    }
}
