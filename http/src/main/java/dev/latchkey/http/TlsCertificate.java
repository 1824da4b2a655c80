package dev.latchkey.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's certificate and private key for HTTPS on the main port, read from PEM files with the JDK alone: a
 * certificate chain (the server's certificate first, then its intermediates) and an unencrypted PKCS#8 private key
 * ({@code BEGIN PRIVATE KEY}), RSA or EC. Every problem an operator can make (a missing or unreadable file, no
 * certificate, a key in another format, a key that is not the certificate's) is an {@link Unusable} with one sentence
 * that names the file, before the server starts.
 */
public final class TlsCertificate {
    /** The protocols served: TLS 1.2 and 1.3, nothing older. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String ALIAS = "latchkey";

    private final KeyStore keyStore;
    private final String password;
    private final X509Certificate certificate;

    /** A TLS file that cannot be used; the message is one sentence naming the file and what is wrong. */
    public static final class Unusable extends IllegalArgumentException {
        Unusable(String message) {
            super(message);
        }
    }

    private TlsCertificate(KeyStore keyStore, String password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
    }

    /**
     * Reads {@code certFile} ({@code --tls-cert-file}) and {@code keyFile} ({@code --tls-key-file}).
     *
     * @throws Unusable when either cannot be read or used, or the key is not the certificate's
     */
    public static TlsCertificate load(Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.getFirst().getPublicKey())) {
            throw new Unusable("The private key in " + keyFile + " (--tls-key-file) does not belong to the first "
                    + "certificate in " + certFile + " (--tls-cert-file).");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getEncoder().encodeToString(random);
            store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(new Certificate[0]));
            return new TlsCertificate(store, password, chain.getFirst());
        } catch (GeneralSecurityException | IOException e) {
            throw new Unusable("The key in " + keyFile + " and the certificates in " + certFile
                    + " cannot be used together: " + e.getMessage());
        }
    }

    /** The server's certificate (the first of the chain). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Jetty's TLS set-up for this certificate: TLS 1.2 and 1.3 only, Jetty's default cipher exclusions. */
    SslContextFactory.Server sslContextFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(password);
        factory.setCertAlias(ALIAS);
        factory.setIncludeProtocols(PROTOCOLS);
        return factory;
    }

    private static List<X509Certificate> certificates(Path file) {
        String text = read(file, "--tls-cert-file");
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2),
                            file, "--tls-cert-file"))));
                }
            }
        } catch (CertificateException e) {
            throw new Unusable(file + " (--tls-cert-file) holds a certificate that cannot be read: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new Unusable(file + " (--tls-cert-file) holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        String text = read(file, "--tls-key-file");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(decode(m.group(2), file, "--tls-key-file"), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new Unusable(file + " (--tls-key-file) holds an encrypted key; "
                        + "give an unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt) in a file only this user reads.");
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new Unusable(file + " (--tls-key-file) holds a "
                        + type + " in its legacy format; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in "
                        + "OLD -out NEW).");
                default -> {
                    // another block (EC PARAMETERS, a certificate): look further
                }
            }
        }
        throw new Unusable(file + " (--tls-key-file) holds no PEM private key (-----BEGIN PRIVATE KEY-----).");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next
            } catch (GeneralSecurityException e) {
                throw new Unusable(file + " (--tls-key-file) cannot be read: " + e.getMessage());
            }
        }
        throw new Unusable(file + " (--tls-key-file) holds a private key that is neither RSA nor EC.");
    }

    /** Whether {@code key} signs what {@code publicKey} verifies. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String read(Path file, String flag) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new Unusable(file + " (" + flag + ") does not exist.");
        } catch (AccessDeniedException e) {
            throw new Unusable(file + " (" + flag + ") cannot be read: permission denied.");
        } catch (IOException e) {
            throw new Unusable(file + " (" + flag + ") cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + ".");
        }
    }

    private static byte[] decode(String base64, Path file, String flag) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Unusable(file + " (" + flag + ") holds a PEM block that is not valid base64.");
        }
    }
}
