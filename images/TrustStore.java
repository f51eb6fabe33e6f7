import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Writes the image's Java trust store: {@code java TrustStore.java <store> <certificate.crt>...}.
 * Each PEM certificate becomes a trusted entry named after its file, in a PKCS#12 store with the
 * JDK's customary password ("changeit"), as Debian's ca-certificates-java would write it at install.
 */
public class TrustStore {
  public static void main(String[] args) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    for (int i = 1; i < args.length; i++) {
      Path file = Path.of(args[i]);
      try (InputStream in = Files.newInputStream(file)) {
        X509Certificate certificate = (X509Certificate) factory.generateCertificate(in);
        String alias = "debian:" + file.getFileName().toString().toLowerCase();
        store.setCertificateEntry(alias, certificate);
      }
    }
    try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
      store.store(out, "changeit".toCharArray());
    }
    System.out.println("trust store: " + store.size() + " certificates in " + args[0]);
  }
}
