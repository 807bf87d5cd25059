package com.strongroom.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on loopback with a throw-away certificate (keytool, SAN 127.0.0.1 and localhost), for the
 * wire-level stand-ins of Azure services whose SDKs send bearer tokens only over HTTPS; and an SDK HTTP client that
 * trusts it.
 */
public record LoopbackHttps(HttpsServer server, X509Certificate certificate) implements AutoCloseable {
    public static LoopbackHttps start(Path workDir, String name, HttpHandler handler) {
        try {
            Path keystore = workDir.resolve(name + ".p12");
            Path log = workDir.resolve(name + "-keytool.log");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", "standin", "-keypass", "standin")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + Files.readString(log));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, "standin".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, "standin".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", handler);
            server.start();
            return new LoopbackHttps(server, (X509Certificate) store.getCertificate(name));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the " + name + " stand-in", e);
        }
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An SDK HTTP client that trusts this server's certificate. */
    public HttpClient trustingClient() {
        try {
            SslContext tls = SslContextBuilder.forClient().trustManager(certificate).build();
            return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(tls))).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
