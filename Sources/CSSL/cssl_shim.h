#ifndef CSSL_SHIM_H
#define CSSL_SHIM_H
/* OpenSSL (Debian's libssl-dev) for the relocation server's TLS: what Swift cannot call directly
   (function-like macros) as small functions. */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

static inline int cssl_ctx_require_tls12(SSL_CTX *ctx) { return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION); }

/* Checks the peer's certificate against a host name, or an IP address when `host` is one. */
static inline int cssl_expect_host(SSL *ssl, const char *host) {
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    if (X509_VERIFY_PARAM_set1_ip_asc(param, host) == 1) return 1;
    return SSL_set1_host(ssl, host);
}
#endif
