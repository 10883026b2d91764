// BCCMS: a BouncyCastle peer for Sealbridge's CMS SignedData interoperability tests.
//
// Single-file Java 17 program, run by source launch (no compile step):
//
//   java -cp /usr/share/java/bcprov.jar:/usr/share/java/bcutil.jar:/usr/share/java/bcpkix.jar \
//        Tests/Interop/BCCMS.java sign --key KEY.pem --cert CERT.pem --in FILE --out OUT.der \
//        [--detached] [--no-attributes]
//   java -cp ... Tests/Interop/BCCMS.java verify --in CMS.der [--content FILE]
//
// Debian packages: libbcprov-java libbcpkix-java (libbcutil-java comes with them).
//
// sign:   SM2 key  -> SM3WITHSM2 (BC's default user ID "1234567812345678"), digest SM3
//         P-256    -> SHA256WITHECDSA, digest SHA-256 (other EC curves: SHA-384/512 by size)
//         RSA      -> SHA256WITHRSA (PKCS #1 v1.5), digest SHA-256
//         The signer certificate is included. --no-attributes signs the content directly
//         (no signedAttrs). Output is DER.
// verify: Accepts DER or BER. Verifies every SignerInfo with its certificate from the CMS
//         certificates field. Prints per signer its digest and signature algorithm OIDs and
//         "signer N: OK" or "signer N: FAIL <reason>". Exit 0 only if there is at least one
//         signer and all verify; 1 otherwise; 2 on usage or input errors.

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

public class BCCMS {
    static final ASN1ObjectIdentifier SM2_CURVE = GMObjectIdentifiers.sm2p256v1; // 1.2.156.10197.1.301

    public static void main(String[] args) {
        Security.addProvider(new BouncyCastleProvider());
        if (args.length < 1) {
            usage();
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--detached", "--no-attributes" -> opts.put(a, "");
                case "--key", "--cert", "--in", "--out", "--content" -> {
                    if (i + 1 >= args.length) usage();
                    opts.put(a, args[++i]);
                }
                default -> {
                    System.err.println("unknown option: " + a);
                    usage();
                }
            }
        }
        try {
            switch (args[0]) {
                case "sign" -> System.exit(sign(opts));
                case "verify" -> System.exit(verify(opts));
                default -> usage();
            }
        } catch (Exception e) {
            System.err.println("error: " + e);
            System.exit(2);
        }
    }

    static void usage() {
        System.err.println("usage: BCCMS sign --key KEY.pem --cert CERT.pem --in FILE --out OUT.der [--detached] [--no-attributes]");
        System.err.println("       BCCMS verify --in CMS.der [--content FILE]");
        System.exit(2);
    }

    static String need(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            System.err.println("missing " + name);
            usage();
        }
        return v;
    }

    // ---------------------------------------------------------------- sign

    static int sign(Map<String, String> opts) throws Exception {
        byte[] data = Files.readAllBytes(Path.of(need(opts, "--in")));
        PrivateKeyInfo pki = readPrivateKey(Path.of(need(opts, "--key")));
        X509Certificate cert = readCertificate(Path.of(need(opts, "--cert")));
        PrivateKey key = new JcaPEMKeyConverter().setProvider("BC").getPrivateKey(pki);

        String sigAlg = signatureAlgorithmFor(pki, key);
        ContentSigner signer = new JcaContentSignerBuilder(sigAlg).setProvider("BC").build(key);

        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(
                new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build())
                        .setDirectSignature(opts.containsKey("--no-attributes"))
                        .build(signer, cert));
        gen.addCertificates(new JcaCertStore(List.of(cert)));
        CMSSignedData sd = gen.generate(new CMSProcessableByteArray(data), !opts.containsKey("--detached"));
        Files.write(Path.of(need(opts, "--out")), sd.getEncoded(ASN1Encoding.DER));
        System.err.println("signed with " + sigAlg);
        return 0;
    }

    /** Picks the JCA signature algorithm name from the key type (and, for EC, the curve). */
    static String signatureAlgorithmFor(PrivateKeyInfo pki, PrivateKey key) {
        ASN1ObjectIdentifier alg = pki.getPrivateKeyAlgorithm().getAlgorithm();
        ASN1Encodable params = pki.getPrivateKeyAlgorithm().getParameters();
        // OpenSSL 3 writes SM2 keys as id-ecPublicKey with the SM2 curve as the parameter;
        // some tools use the curve OID itself as the algorithm.
        if (alg.equals(SM2_CURVE) || (alg.equals(X9ObjectIdentifiers.id_ecPublicKey) && SM2_CURVE.equals(params))) {
            return "SM3WITHSM2";
        }
        if (key instanceof RSAPrivateKey) {
            return "SHA256WITHRSA";
        }
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            if (bits > 384) return "SHA512WITHECDSA";
            if (bits > 256) return "SHA384WITHECDSA";
            return "SHA256WITHECDSA";
        }
        throw new IllegalArgumentException("unsupported key algorithm " + alg);
    }

    static PrivateKeyInfo readPrivateKey(Path path) throws IOException {
        try (Reader r = new InputStreamReader(Files.newInputStream(path), StandardCharsets.US_ASCII);
             PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o instanceof PrivateKeyInfo pki) return pki;
            if (o instanceof PEMKeyPair kp) return kp.getPrivateKeyInfo(); // "EC/RSA PRIVATE KEY" forms
            throw new IllegalArgumentException("not an unencrypted private key PEM: " + path
                    + (o == null ? "" : " (" + o.getClass().getSimpleName() + ")"));
        }
    }

    static X509Certificate readCertificate(Path path) throws Exception {
        byte[] raw = Files.readAllBytes(path);
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(raw), StandardCharsets.US_ASCII);
             PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o instanceof X509CertificateHolder h) {
                return new JcaX509CertificateConverter().setProvider("BC").getCertificate(h);
            }
        }
        // Not PEM: try DER.
        CertificateFactory cf = CertificateFactory.getInstance("X.509", "BC");
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(raw));
    }

    // -------------------------------------------------------------- verify

    static int verify(Map<String, String> opts) throws Exception {
        byte[] cms = Files.readAllBytes(Path.of(need(opts, "--in")));
        CMSSignedData sd;
        if (opts.containsKey("--content")) {
            byte[] content = Files.readAllBytes(Path.of(opts.get("--content")));
            sd = new CMSSignedData(new CMSProcessableByteArray(content), cms);
        } else {
            sd = new CMSSignedData(cms);
            if (sd.getSignedContent() == null) {
                System.out.println("detached signature: pass --content FILE");
                return 1;
            }
        }
        Store<X509CertificateHolder> certs = sd.getCertificates();
        Collection<SignerInformation> signers = sd.getSignerInfos().getSigners();
        System.out.println("content type: " + sd.getSignedContentTypeOID() + ", signers: " + signers.size());
        boolean allOK = !signers.isEmpty();
        int n = 0;
        for (SignerInformation si : signers) {
            n++;
            System.out.println("signer " + n + ": digestAlgorithm " + si.getDigestAlgOID()
                    + ", signatureAlgorithm " + si.getEncryptionAlgOID()
                    + (si.getSignedAttributes() == null ? ", no signed attributes" : ", signed attributes"));
            try {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> matches = certs.getMatches(si.getSID());
                if (matches.isEmpty()) {
                    throw new IllegalStateException("signer certificate not in the CMS");
                }
                X509CertificateHolder holder = matches.iterator().next();
                boolean ok = si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(holder));
                if (ok) {
                    System.out.println("signer " + n + ": OK");
                } else {
                    System.out.println("signer " + n + ": FAIL signature does not verify");
                    allOK = false;
                }
            } catch (Exception e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                System.out.println("signer " + n + ": FAIL " + msg.replace('\n', ' '));
                allOK = false;
            }
        }
        return allOK ? 0 : 1;
    }
}
