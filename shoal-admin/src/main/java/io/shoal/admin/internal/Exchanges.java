package io.shoal.admin.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reading JSON requests and writing JSON answers, errors included ({@code {"error": "..."}}). */
public final class Exchanges {
    /** NaN and the infinities (a figure that does not exist yet) are written as null: JSON has no such numbers. */
    public static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .addDecorator((factory, generator) -> new FiniteNumbers(generator)).build());
    /** Request bodies are a few bytes of JSON; anything far larger is a mistake. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private Exchanges() {}

    /** The request body as a JSON object; 400 when it is missing, too large or not an object. */
    public static ObjectNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw new ApiException(400, "expected a JSON object in the request body, got nothing");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "request body is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode)) {
            throw new ApiException(400, "expected a JSON object in the request body, got " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    public static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error", message).put("status", status));
    }

    /** Answers the exchange and closes it, never throwing: the client may be gone already. */
    public static void sendQuietly(HttpExchange exchange, int status, Object body) {
        try {
            send(exchange, status, body);
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    public static void errorQuietly(HttpExchange exchange, int status, String message) {
        sendQuietly(exchange, status, JSON.createObjectNode().put("error", message).put("status", status));
    }

    /** Jackson would write {@code "NaN"}, a string where readers expect a number. */
    private static final class FiniteNumbers extends JsonGeneratorDelegate {
        FiniteNumbers(JsonGenerator generator) {
            super(generator, false);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            if (Double.isFinite(value)) {
                super.writeNumber(value);
            } else {
                writeNull();
            }
        }

        @Override
        public void writeNumber(float value) throws IOException {
            if (Float.isFinite(value)) {
                super.writeNumber(value); // as a float: widening would print 0.1f as 0.10000000149011612
            } else {
                writeNull();
            }
        }
    }
}
