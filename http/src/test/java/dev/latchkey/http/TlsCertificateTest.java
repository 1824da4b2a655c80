package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading PEM files with the JDK, and the protocols Jetty is told to serve. */
class TlsCertificateTest {
    @TempDir
    Path dir;

    /** A self-signed EC certificate and its PKCS#8 key as PEM files, by keytool: {cert, key}. */
    private Path[] pems(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "s", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Path cert = Files.writeString(dir.resolve(name + "-cert.pem"), pem("CERTIFICATE",
                keys.getCertificate("s").getEncoded()));
        Path key = Files.writeString(dir.resolve(name + "-key.pem"), "a comment before the block\n"
                + pem("PRIVATE KEY", keys.getKey("s", "changeit".toCharArray()).getEncoded()));
        return new Path[] {cert, key};
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n-----END " + type
                + "-----\r\n";
    }

    @Test
    void jettyIsToldTlsOnePointTwoAndOnePointThreeOnly() throws Exception {
        Path[] files = pems("a");
        TlsCertificate tls = TlsCertificate.load(files[0], files[1]);
        assertThat(tls.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        SslContextFactory.Server factory = tls.sslContextFactory();
        factory.start();
        try {
            // The JDK supports older protocols and only its default java.security disables them; an operator's
            // java.security may enable them again, so Jetty is told the two protocols it may serve.
            assertThat(factory.getSslContext().getSupportedSSLParameters().getProtocols()).contains("TLSv1.1");
            assertThat(factory.getIncludeProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(factory.getSelectedProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        } finally {
            factory.stop();
        }
    }

    @Test
    void aChainWithIntermediatesKeepsItsOrder() throws Exception {
        Path[] a = pems("a");
        Path[] b = pems("b");
        Path chain = Files.writeString(dir.resolve("chain.pem"), Files.readString(a[0]) + Files.readString(b[0]));
        TlsCertificate tls = TlsCertificate.load(chain, a[1]);
        assertThat(tls.certificate().getEncoded()).isEqualTo(
                TlsCertificate.load(a[0], a[1]).certificate().getEncoded());
        assertThatThrownBy(() -> TlsCertificate.load(chain, b[1])).isInstanceOf(TlsCertificate.Unusable.class)
                .hasMessageContaining("does not belong to the first certificate");
    }

    @Test
    void filesThatAreNotPemAreOneSentence() throws Exception {
        Path[] a = pems("a");
        Path binary = Files.write(dir.resolve("binary.der"), new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xff});
        assertThatThrownBy(() -> TlsCertificate.load(binary, a[1])).isInstanceOf(TlsCertificate.Unusable.class)
                .hasMessage(binary + " (--tls-cert-file) holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> TlsCertificate.load(a[0], encrypted)).isInstanceOf(TlsCertificate.Unusable.class)
                .hasMessageStartingWith(encrypted + " (--tls-key-file) holds an encrypted key");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), pem("PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> TlsCertificate.load(a[0], garbage)).isInstanceOf(TlsCertificate.Unusable.class)
                .hasMessage(garbage + " (--tls-key-file) holds a private key that is neither RSA nor EC.");
        assertThatThrownBy(() -> TlsCertificate.load(dir, a[1])).isInstanceOf(TlsCertificate.Unusable.class)
                .hasMessageStartingWith(dir + " (--tls-cert-file) cannot be read");
        assertThat(List.of(a)).allSatisfy(p -> assertThat(p).exists());
    }
}
