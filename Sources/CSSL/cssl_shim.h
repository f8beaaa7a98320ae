#ifndef CSSL_SHIM_H
#define CSSL_SHIM_H
/* OpenSSL (Debian's libssl-dev) for the relocation server's TLS: what Swift cannot call directly
   (function-like macros) as small functions. */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

static inline int cssl_ctx_require_tls12(SSL_CTX *ctx) { return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION); }

/* SSL_read returns (SSL_ERROR_WANT_READ) after a record that holds no data, such as TLS 1.3's
   session tickets, instead of reading on: on a blocking socket, reading on would wait for the
   peer's next data while the relay has bytes of its own to send. */
static inline void cssl_ctx_no_auto_retry(SSL_CTX *ctx) { SSL_CTX_clear_mode(ctx, SSL_MODE_AUTO_RETRY); }

/* Checks the peer's certificate against a host name, or an IP address when `host` is one. */
static inline int cssl_expect_host(SSL *ssl, const char *host) {
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    if (X509_VERIFY_PARAM_set1_ip_asc(param, host) == 1) return 1;
    return SSL_set1_host(ssl, host);
}
#endif
