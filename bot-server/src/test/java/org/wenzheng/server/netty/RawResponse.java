package org.wenzheng.server.netty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An HTTP/1.1 response as read off the wire in handler tests; header names lower-cased. */
record RawResponse(int status, Map<String, String> headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() throws IOException {
        return JSON.readTree(body);
    }

    /** The error code of a JSON error body. */
    String errorCode() throws IOException {
        return json().path("error").path("code").asText();
    }

    /** Every response in the bytes, in order; bodies delimited by Content-Length. */
    static List<RawResponse> parseAll(byte[] bytes) {
        List<RawResponse> out = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int end = indexOf(bytes, at);
            if (end < 0) {
                throw new IllegalStateException("incomplete response head: "
                        + new String(bytes, at, bytes.length - at, StandardCharsets.UTF_8));
            }
            String[] lines = new String(bytes, at, end - at, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            int bodyStart = end + 4;
            out.add(new RawResponse(status, headers, new String(bytes, bodyStart, length, StandardCharsets.UTF_8)));
            at = bodyStart + length;
        }
        return out;
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
