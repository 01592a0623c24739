package org.brocapi.service.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client against a running server. */
public final class Http {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public final String base;

    public Http(int port) {
        this("127.0.0.1", port);
    }

    public Http(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build());
    }

    public HttpResponse<String> submit(Multipart form) throws IOException, InterruptedException {
        return send(form.post(base + "/submit/pcap").build());
    }

    public JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path).body());
    }

    public static JsonNode parse(String body) {
        return JSON.readTree(body);
    }
}
