package dev.tessera.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AOT training's HTTP/1.1 client: one keep-alive socket to the loopback service, plain requests, bodies by
 * Content-Length or chunked. Not {@code java.net.http}: the cache archives every class its training loads, and
 * that client's ~480 classes (TLS included, its default context is built eagerly) were mapped into every
 * {@code serve} and never used there.
 */
final class TrainingClient implements AutoCloseable {
    /** A response: status, headers by lower-case name, body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    TrainingClient(int port, int timeoutMillis) {
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    Response get(String target, String headerName, String headerValue) throws IOException {
        String extra = headerName == null ? "" : headerName + ": " + headerValue + "\r\n";
        return send("GET " + target + " HTTP/1.1\r\n" + extra, new byte[0]);
    }

    Response post(String target, byte[] body) throws IOException {
        return send("POST " + target + " HTTP/1.1\r\nContent-Length: " + body.length + "\r\n", body);
    }

    private Response send(String head, byte[] body) throws IOException {
        if (socket == null) connect();
        out.write((head + "Host: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        Response response = read();
        if ("close".equalsIgnoreCase(response.headers().get("connection"))) close();
        return response;
    }

    private void connect() throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String[] status = line().split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) throw new IOException("not HTTP: " + status[0]);
        int code = Integer.parseInt(status[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line; !(line = line()).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        byte[] body;
        if (code == 204 || code == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
            headers.put("connection", "close");
        }
        return new Response(code, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(line().split(";", 2)[0].strip(), 16)) > 0; ) {
            body.write(in.readNBytes(size));
            line();
        }
        while (!line().isEmpty()) { } // trailers
        return body.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new EOFException("connection closed");
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) socket.close();
        socket = null;
    }
}
