/*
 * OpenSSL side of the chain benchmark: parse + build + validate a 3-level chain, cold.
 *
 * Usage: openssl-chain-bench DIR SECONDS
 *
 * DIR holds root.der, intermediate.der and leaf.der (scripts/make-bench-chains.sh). The bytes are read once. The
 * trust anchor (root) is parsed once into an X509_STORE, outside the loop. Each iteration then d2i's the leaf and
 * the intermediate from bytes, builds and verifies the chain with X509_verify_cert at a fixed time
 * (2030-01-01T00:00:00Z) for the TLS server purpose, and frees everything. OpenSSL caches per X509 object
 * (decoded extensions, EXFLAG_* flags, the decoded public key), so parsing afresh every iteration keeps each
 * validation cold; only the root and OpenSSL's process-wide algorithm fetch cache survive between iterations.
 *
 * SM2 chains (signatures SM3withSM2): OpenSSL 3.0 verifies a certificate's signature with the ID stored on that
 * certificate (X509_set0_distinguishing_id), and with no ID it does not fall back to 1234567812345678, so the
 * check fails. The ID is therefore set on every freshly parsed certificate.
 *
 * Prints one JSON line: {"chain":"p256","iterations":N,"seconds":S,"per_second":X}; "chain" is DIR's last name.
 *
 * Build: gcc -O2 -o openssl-chain-bench scripts/openssl-chain-bench.c -lcrypto
 */
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SM2_ID[] = "1234567812345678";
static const time_t CHECK_TIME = 1893456000; /* 2030-01-01T00:00:00Z */

typedef struct {
    unsigned char *bytes;
    long length;
} Blob;

static void die(const char *message) {
    fprintf(stderr, "openssl-chain-bench: %s\n", message);
    ERR_print_errors_fp(stderr);
    exit(1);
}

static Blob read_file(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "openssl-chain-bench: cannot open %s\n", path);
        exit(1);
    }
    Blob blob = {NULL, 0};
    if (fseek(file, 0, SEEK_END) != 0 || (blob.length = ftell(file)) <= 0 || fseek(file, 0, SEEK_SET) != 0)
        die("cannot size a certificate file");
    blob.bytes = malloc((size_t)blob.length);
    if (blob.bytes == NULL || fread(blob.bytes, 1, (size_t)blob.length, file) != (size_t)blob.length)
        die("cannot read a certificate file");
    fclose(file);
    return blob;
}

static X509 *parse(const Blob *blob, int sm2) {
    const unsigned char *p = blob->bytes;
    X509 *cert = d2i_X509(NULL, &p, blob->length);
    if (cert == NULL || p != blob->bytes + blob->length)
        die("d2i_X509 failed");
    if (sm2) {
        /* X509_set0_distinguishing_id takes ownership (X509_free frees it), so a new string every time. */
        ASN1_OCTET_STRING *id = ASN1_OCTET_STRING_new();
        if (id == NULL || !ASN1_OCTET_STRING_set(id, (const unsigned char *)SM2_ID, (int)strlen(SM2_ID)))
            die("cannot make the SM2 ID");
        X509_set0_distinguishing_id(cert, id);
    }
    return cert;
}

/* One cold validation: parse leaf and intermediate, build the chain to the stored root, verify, free. */
static void validate_once(X509_STORE *store, const Blob *leaf_der, const Blob *intermediate_der, int sm2) {
    X509 *leaf = parse(leaf_der, sm2);
    X509 *intermediate = parse(intermediate_der, sm2);
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    if (untrusted == NULL || !sk_X509_push(untrusted, intermediate))
        die("cannot make the untrusted stack");
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (ctx == NULL || !X509_STORE_CTX_init(ctx, store, leaf, untrusted))
        die("X509_STORE_CTX_init failed");
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), CHECK_TIME);
    if (!X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER))
        die("X509_STORE_CTX_set_purpose failed");
    if (X509_verify_cert(ctx) != 1) {
        int error = X509_STORE_CTX_get_error(ctx);
        fprintf(stderr, "openssl-chain-bench: X509_verify_cert failed at depth %d: %s (%d)\n",
                X509_STORE_CTX_get_error_depth(ctx), X509_verify_cert_error_string(error), error);
        ERR_print_errors_fp(stderr);
        exit(1);
    }
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(untrusted, X509_free); /* frees the intermediate */
    X509_free(leaf);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s DIR SECONDS\n", argv[0]);
        return 64;
    }
    const char *dir = argv[1];
    double seconds = atof(argv[2]);
    if (!(seconds > 0))
        die("SECONDS must be positive");
    Blob root_der = read_file(dir, "root.der");
    Blob intermediate_der = read_file(dir, "intermediate.der");
    Blob leaf_der = read_file(dir, "leaf.der");

    /* The trust anchor, parsed once. */
    X509 *root = parse(&root_der, 0);
    int sm2 = X509_get_signature_nid(root) == NID_SM2_with_SM3;
    if (sm2) {
        /* Not needed for the benchmark (a trust anchor's self-signature is not checked by default), but check once
         * that the fixture's root is sound, and whether OpenSSL needs the ID for it. */
        int without_id = X509_verify(root, X509_get0_pubkey(root)) == 1;
        ERR_clear_error();
        X509_free(root);
        root = parse(&root_der, 1);
        if (X509_verify(root, X509_get0_pubkey(root)) != 1)
            die("the SM2 root's self-signature does not verify with ID 1234567812345678");
        fprintf(stderr, "openssl-chain-bench: SM2 root self-signature verifies with ID %s; without an ID: %s\n",
                SM2_ID, without_id ? "also verifies" : "fails");
    }
    X509_STORE *store = X509_STORE_new();
    if (store == NULL || !X509_STORE_add_cert(store, root))
        die("cannot make the trust store");
    X509_free(root); /* the store holds its own reference */

    /* One untimed run: checks the chain and lets OpenSSL fetch its algorithm implementations once. */
    validate_once(store, &leaf_der, &intermediate_der, sm2);

    long iterations = 0;
    double start = now(), elapsed = 0;
    do {
        validate_once(store, &leaf_der, &intermediate_der, sm2);
        iterations++;
        elapsed = now() - start;
    } while (elapsed < seconds);

    char name[256]; /* DIR's last component, trailing slashes ignored */
    snprintf(name, sizeof name, "%s", dir);
    for (size_t n = strlen(name); n > 1 && name[n - 1] == '/'; n--)
        name[n - 1] = '\0';
    const char *slash = strrchr(name, '/');
    const char *chain = slash != NULL && slash[1] != '\0' ? slash + 1 : name;
    printf("{\"chain\":\"%s\",\"iterations\":%ld,\"seconds\":%.3f,\"per_second\":%.1f}\n", chain, iterations,
           elapsed, iterations / elapsed);

    X509_STORE_free(store);
    free(root_der.bytes);
    free(intermediate_der.bytes);
    free(leaf_der.bytes);
    return 0;
}
