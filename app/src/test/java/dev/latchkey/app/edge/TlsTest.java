package dev.latchkey.app.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.EdgeConfig;
import dev.latchkey.app.Main;
import dev.latchkey.app.support.TestCertificates;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.http.TlsCertificate;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * In-process TLS: a server on a real port with a certificate this test makes ({@code keytool}), spoken to over HTTPS;
 * TLS 1.1 refused; the console's cookies Secure; unusable TLS files refused at start with one sentence.
 */
class TlsTest {
    private static Path dir;
    private static TestCertificates ec;
    private static TestCertificates rsa;
    private static TestServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("latchkey-tls");
        ec = TestCertificates.make(dir, "ec", "EC");
        rsa = TestCertificates.make(dir, "rsa", "RSA");
        server = TestServer.start(TestServer.config(false).withEdge(new EdgeConfig(null,
                TlsCertificate.load(ec.certFile(), ec.keyFile()))));
        client = HttpClient.newBuilder().sslContext(ec.clientContext())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTokenIsIssuedOverHttpsAndTheIssuerSaysHttps() throws Exception {
        assertThat(server.url).startsWith("https://127.0.0.1:");
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.url + "/identity/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + TestServer.enc(TestServer.APIKEY_GRANT)
                        + "&apikey=" + TestServer.enc(server.adminKey))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.sslSession()).isPresent();
        assertThat(answer.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        JsonNode token = TestServer.JSON.readTree(answer.body());
        assertThat(token.get("access_token").asText()).isNotBlank();

        HttpResponse<String> discovery = client.send(HttpRequest.newBuilder(URI.create(server.url
                + "/identity/.well-known/openid-configuration")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(TestServer.JSON.readTree(discovery.body()).get("issuer").asText())
                .isEqualTo(server.url + "/identity");

        HttpResponse<String> details = client.send(HttpRequest.newBuilder(URI.create(server.url + "/v1/apikeys/details"))
                .header("Authorization", "Bearer " + token.get("access_token").asText())
                .header("IAM-ApiKey", server.adminKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(details.statusCode()).as(details.body()).isEqualTo(200);
    }

    @Test
    void tlsOnePointOneIsRefusedWithAProtocolVersionAlert() throws Exception {
        // A TLS 1.1 ClientHello written by hand, so that the client JVM's own settings cannot refuse it first.
        byte[] hello = HexFormat.of().parseHex("160301" + "0046" // record: handshake, 70 bytes
                + "01000042" + "0302" // ClientHello, 66 bytes; client_version TLS 1.1
                + "00".repeat(32) + "00" // random, no session id
                + "0006" + "c013c009002f" + "0100" // three CBC suites TLS 1.1 can use; no compression
                + "0013" + "000a00040002" + "0017" + "000b00020100" + "ff01000100"); // P-256, uncompressed, reneg
        try (Socket socket = new Socket("127.0.0.1", URI.create(server.url).getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(hello);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] record = new byte[7];
            in.readFully(record);
            assertThat(record[0]).as("an alert record").isEqualTo((byte) 21);
            assertThat(record[5]).as("fatal").isEqualTo((byte) 2);
            assertThat(record[6]).as("protocol_version (70), not a handshake failure").isEqualTo((byte) 70);
        }
    }

    @Test
    void theConsolesCookiesAreSecureOverHttps() throws Exception {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(server.url + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).contains("; Secure").contains("HttpOnly"));
    }

    @Test
    void anRsaCertificateServesToo() throws Exception {
        try (TestServer other = TestServer.start(TestServer.config(false).withEdge(new EdgeConfig(null,
                TlsCertificate.load(rsa.certFile(), rsa.keyFile()))))) {
            HttpClient rsaClient = HttpClient.newBuilder().sslContext(rsa.clientContext()).build();
            HttpResponse<String> live = rsaClient.send(HttpRequest.newBuilder(URI.create(other.url + "/health/live"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
        }
    }

    private static String refusal(String... tlsArgs) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        String[] args = new String[tlsArgs.length + 7];
        args[0] = "serve";
        args[1] = "--data-dir";
        args[2] = dir.resolve("never-made").toString();
        args[3] = "--port";
        args[4] = "0";
        args[5] = "--management-port"; // none: a refusal that did not happen must not take the default 9000
        args[6] = "0";
        System.arraycopy(tlsArgs, 0, args, 7, tlsArgs.length);
        assertThat(cli.execute(args)).as(err.toString()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("never-made"))).as("refused before anything starts").isFalse();
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void unusableTlsFilesAreRefusedAtStartWithOneSentence() throws Exception {
        String cert = ec.certFile().toString();
        String key = ec.keyFile().toString();
        Path missing = dir.resolve("missing.pem");
        assertThat(refusal("--tls-cert-file", missing.toString(), "--tls-key-file", key))
                .isEqualTo(missing + " (--tls-cert-file) does not exist.");
        assertThat(refusal("--tls-cert-file", cert, "--tls-key-file", rsa.keyFile().toString()))
                .isEqualTo("The private key in " + rsa.keyFile() + " (--tls-key-file) does not belong to the first "
                        + "certificate in " + cert + " (--tls-cert-file).");
        TestCertificates otherEc = TestCertificates.make(dir, "ec2", "EC");
        assertThat(refusal("--tls-cert-file", cert, "--tls-key-file", otherEc.keyFile().toString()))
                .startsWith("The private key in " + otherEc.keyFile() + " (--tls-key-file) does not belong");
        assertThat(refusal("--tls-cert-file", key, "--tls-key-file", key))
                .isEqualTo(key + " (--tls-cert-file) holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        assertThat(refusal("--tls-cert-file", cert, "--tls-key-file", cert))
                .isEqualTo(cert + " (--tls-key-file) holds no PEM private key (-----BEGIN PRIVATE KEY-----).");
        Path legacy = dir.resolve("legacy.pem");
        Files.writeString(legacy, Files.readString(rsa.keyFile()).replace("PRIVATE KEY", "RSA PRIVATE KEY"));
        assertThat(refusal("--tls-cert-file", rsa.certFile().toString(), "--tls-key-file", legacy.toString()))
                .startsWith(legacy + " (--tls-key-file) holds a RSA PRIVATE KEY in its legacy format; convert it");
        assertThat(refusal("--tls-cert-file", cert)).isEqualTo("--tls-cert-file needs --tls-key-file (the certificate's private key).");
        assertThat(refusal("--tls-key-file", key)).isEqualTo("--tls-key-file needs --tls-cert-file (the certificate of that key).");
        Path unreadable = dir.resolve("unreadable.pem");
        Files.copy(ec.keyFile(), unreadable);
        if (unreadable.toFile().setReadable(false) && !Files.isReadable(unreadable)) { // root reads anything
            assertThat(refusal("--tls-cert-file", cert, "--tls-key-file", unreadable.toString()))
                    .isEqualTo(unreadable + " (--tls-key-file) cannot be read: permission denied.");
        }
        assertThat(refusal("--trusted-proxies", "10.0.0.0/33"))
                .startsWith("--trusted-proxies has '10.0.0.0/33', which is not an IPv4 or IPv6 address");
    }
}
