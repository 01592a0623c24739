package org.brocapi.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code --server} option and the HTTP calls the client commands make. */
final class ServerClient {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--server", paramLabel = "URL", description = "Brocapi server (default: $BROCAPI_SERVER, else http://127.0.0.1:8080)")
    String server;

    private HttpClient client;

    String base() {
        String s = server != null ? server : System.getenv().getOrDefault("BROCAPI_SERVER", "http://127.0.0.1:8080");
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    HttpClient http() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }
        return client;
    }

    /** GET returning parsed JSON; a non-2xx answer becomes a {@link Failure} with the server's message. */
    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = parse(r.body());
        if (r.statusCode() / 100 != 2) {
            throw new Failure(r.statusCode(), body != null && body.has("status") ? body.get("status").asString() : r.body());
        }
        return body;
    }

    InputStream getStream(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http().send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() / 100 != 2) {
            String text;
            try (InputStream in = r.body()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            JsonNode body = parse(text);
            throw new Failure(r.statusCode(), body != null && body.has("status") ? body.get("status").asString() : text);
        }
        return r.body();
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The server said no. */
    static final class Failure extends IOException {
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
