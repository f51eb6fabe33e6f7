package com.tradeprocessing.integration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A loopback container registry standing in for ECR during the rehearsal: it speaks the part of the
 * OCI distribution API that Jib's push uses (blob existence, uploads, manifests), requires the ECR
 * token that {@code aws ecr get-login-password} gave deploy.sh, checks every blob against its
 * digest and every manifest against the blobs it names, and hands each accepted manifest to the
 * emulator's ECR ({@code PutImage}, as a push to ECR stores it). What Jib sent that a registry
 * would refuse is kept in {@link #refusals()}.
 *
 * <p>The API: https://github.com/opencontainers/distribution-spec/blob/main/spec.md (pushing blobs
 * and manifests); ECR stores the manifest it is given and names the image by its SHA-256.
 */
final class StandInRegistry implements AutoCloseable {

  /** A manifest accepted and stored in ECR. */
  record Push(String repository, String tag, String digest, String mediaType, JsonNode manifest) {}

  /** Stores an accepted manifest: ECR's PutImage in the emulator. */
  @FunctionalInterface
  interface ImageStore {
    void putImage(String repository, String tag, String mediaType, byte[] manifest)
        throws IOException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Path blobs;
  private final String expectedAuthorization;
  private final ImageStore store;
  private final Map<String, Path> uploads = new ConcurrentHashMap<>();
  private final List<Push> pushes = new CopyOnWriteArrayList<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();

  private StandInRegistry(HttpServer server, Path blobs, String password, ImageStore store) {
    this.server = server;
    this.blobs = blobs;
    this.expectedAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
    this.store = store;
  }

  /**
   * @param directory where blobs are kept
   * @param password the ECR token every request must carry (user {@code AWS}), as ECR requires
   */
  static StandInRegistry start(Path directory, String password, ImageStore store)
      throws IOException {
    Files.createDirectories(directory);
    // HTTPS, as ECR: Jib tries HTTPS first and, allowed insecure registries, accepts this
    // self-signed certificate; a plain HTTP server would leave its TLS handshake unanswered.
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(selfSignedContext(directory)));
    StandInRegistry registry = new StandInRegistry(server, directory, password, store);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v2/", registry::handle);
    server.start();
    return registry;
  }

  /** A TLS context with a certificate for localhost made by the JDK's keytool. */
  private static SSLContext selfSignedContext(Path directory) throws IOException {
    Path keystore = directory.resolve("registry.p12");
    char[] secret = "stand-in-registry".toCharArray();
    if (!Files.exists(keystore)) {
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process process =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "registry",
                  "-keyalg",
                  "EC",
                  "-dname",
                  "CN=localhost",
                  "-ext",
                  "SAN=dns:localhost,ip:127.0.0.1",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  keystore.toString(),
                  "-storepass",
                  new String(secret))
              .redirectErrorStream(true)
              .start();
      try {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
          throw new IOException("keytool failed: " + output);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, secret);
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, secret);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the registry's certificate", e);
    }
  }

  /** {@code localhost:<port>}: the value of deploy.sh's IMAGE_PUSH_REGISTRY. */
  String address() {
    return "localhost:" + server.getAddress().getPort();
  }

  List<Push> pushes() {
    return List.copyOf(pushes);
  }

  List<String> refusals() {
    return List.copyOf(refusals);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!expectedAuthorization.equals(authorization)) {
        if (authorization != null) {
          refusals.add(
              exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": wrong credentials");
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"stand-in-ecr\"");
        send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/v2/")) {
        send(exchange, 200, "{}");
      } else if (path.contains("/blobs/uploads/")) {
        upload(exchange, method, path);
      } else if (path.contains("/blobs/")) {
        blob(exchange, method, path);
      } else if (path.contains("/manifests/") && method.equals("PUT")) {
        manifest(exchange, path);
      } else {
        refusals.add(method + " " + path + ": not part of a push");
        send(exchange, 404, "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}");
      }
    } catch (RuntimeException | IOException e) {
      refusals.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
      throw e;
    }
  }

  private void blob(HttpExchange exchange, String method, String path) throws IOException {
    String digest = path.substring(path.lastIndexOf('/') + 1);
    Path blob = blobPath(digest);
    if (!Files.exists(blob)) {
      send(exchange, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}");
      return;
    }
    exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
    if (method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Long.toString(Files.size(blob)));
      exchange.sendResponseHeaders(200, -1);
    } else {
      byte[] content = Files.readAllBytes(blob);
      exchange.sendResponseHeaders(200, content.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(content);
      }
    }
  }

  private void upload(HttpExchange exchange, String method, String path) throws IOException {
    String repository = path.substring("/v2/".length(), path.indexOf("/blobs/uploads/"));
    String query = exchange.getRequestURI().getQuery();
    Map<String, String> parameters = parameters(query);
    switch (method) {
      case "POST" -> {
        String mount = parameters.get("mount");
        if (mount != null && Files.exists(blobPath(mount))) {
          exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/blobs/" + mount);
          exchange.getResponseHeaders().set("Docker-Content-Digest", mount);
          send(exchange, 201, "");
          return;
        }
        String id = UUID.randomUUID().toString();
        uploads.put(id, Files.createTempFile(blobs, "upload-", ".part"));
        exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/blobs/uploads/" + id);
        exchange.getResponseHeaders().set("Docker-Upload-UUID", id);
        exchange.getResponseHeaders().set("Range", "0-0");
        send(exchange, 202, "");
      }
      case "PATCH", "PUT" -> {
        String id = path.substring(path.lastIndexOf('/') + 1);
        Path part = uploads.get(id);
        if (part == null) {
          refusals.add(method + " " + path + ": unknown upload");
          send(exchange, 404, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\"}]}");
          return;
        }
        try (InputStream in = exchange.getRequestBody();
            OutputStream out = Files.newOutputStream(part, StandardOpenOption.APPEND)) {
          in.transferTo(out);
        }
        if (method.equals("PATCH")) {
          exchange
              .getResponseHeaders()
              .set("Location", "/v2/" + repository + "/blobs/uploads/" + id);
          exchange.getResponseHeaders().set("Range", "0-" + Math.max(0, Files.size(part) - 1));
          send(exchange, 202, "");
          return;
        }
        String digest = parameters.get("digest");
        String actual = "sha256:" + sha256(Files.readAllBytes(part));
        uploads.remove(id);
        if (!actual.equals(digest)) {
          refusals.add(
              "blob upload to " + repository + ": digest " + digest + " but content " + actual);
          Files.delete(part);
          send(exchange, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}");
          return;
        }
        Files.move(part, blobPath(digest), StandardCopyOption.REPLACE_EXISTING);
        exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/blobs/" + digest);
        exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
        send(exchange, 201, "");
      }
      default -> send(exchange, 405, "");
    }
  }

  private void manifest(HttpExchange exchange, String path) throws IOException {
    String repository = path.substring("/v2/".length(), path.indexOf("/manifests/"));
    String tag = path.substring(path.lastIndexOf('/') + 1);
    String mediaType = exchange.getRequestHeaders().getFirst("Content-Type");
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    JsonNode manifest = JSON.readTree(body);
    List<String> problems = new ArrayList<>();
    if (!mediaType.equals(manifest.path("mediaType").asText())) {
      problems.add(
          "Content-Type " + mediaType + " but mediaType " + manifest.path("mediaType").asText());
    }
    List<JsonNode> referenced = new ArrayList<>();
    referenced.add(manifest.path("config"));
    manifest.path("layers").forEach(referenced::add);
    for (JsonNode descriptor : referenced) {
      Path blob = blobPath(descriptor.path("digest").asText());
      if (!Files.exists(blob)) {
        problems.add("blob " + descriptor.path("digest").asText() + " was never pushed");
      } else if (Files.size(blob) != descriptor.path("size").asLong()) {
        problems.add(
            "blob "
                + descriptor.path("digest").asText()
                + " has "
                + Files.size(blob)
                + " bytes, the manifest says "
                + descriptor.path("size").asLong());
      }
    }
    if (!problems.isEmpty()) {
      refusals.add("manifest " + repository + ":" + tag + ": " + problems);
      send(exchange, 400, "{\"errors\":[{\"code\":\"MANIFEST_INVALID\"}]}");
      return;
    }
    store.putImage(repository, tag, mediaType, body);
    String digest = "sha256:" + sha256(body);
    pushes.add(new Push(repository, tag, digest, mediaType, manifest));
    exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
    exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/manifests/" + digest);
    send(exchange, 201, "");
  }

  private Path blobPath(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return blobs.resolve(digest.substring("sha256:".length()));
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (query == null) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.put(
            pair.substring(0, equals),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, bytes.length == 0 || head ? -1 : bytes.length);
    if (bytes.length > 0 && !head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
