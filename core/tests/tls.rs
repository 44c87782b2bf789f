//! HTTPS verification. `TlsRoots::WebPki` (the compiled-in Mozilla roots) is what an Android
//! build uses, where the platform verifier would need a JNI initialisation: these tests build
//! and exercise that path on the host against a local TLS server whose certificate is signed by
//! a test CA (tests/data/ca.crt; the CA key was discarded after signing).

use std::sync::Arc;

use cryptotopcard::{Client, ErrorKind, TlsRoots};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

mod common;
use common::block;

const TEST_CA: &[u8] = include_bytes!("data/ca.crt");
const SERVER_CERT: &[u8] = include_bytes!("data/localhost.crt");
const SERVER_KEY: &[u8] = include_bytes!("data/localhost.key");

/// A TLS server on 127.0.0.1 that answers every request with a wallet; returns its port.
async fn tls_server() -> u16 {
    let certs = CertificateDer::pem_slice_iter(SERVER_CERT)
        .collect::<Result<Vec<_>, _>>()
        .expect("server certificate");
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY).expect("server key");
    // The test binary links two providers (ring from the core, aws-lc from the sandbox's reqwest):
    // name one, as a program linking both must.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server TLS config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(cfg));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return; // the client refused our certificate
                };
                let mut req = Vec::new();
                let mut buf = [0u8; 1024];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => req.extend_from_slice(&buf[..n]),
                    }
                }
                let body = r#"{"balance":1234.56,"currency":"USD","pending_deposits":0,"total_deposited":1234.56,"total_spent":0,"cards_active":0,"cards_total_balance":0}"#;
                let resp = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(resp.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    port
}

fn client(port: u16, roots: TlsRoots, extra_ca: bool) -> Client {
    let mut b = Client::builder()
        .api_key("sk_test_tls")
        .base_url(format!("https://localhost:{port}/v1"))
        .max_retries(0)
        .tls_roots(roots);
    if extra_ca {
        b = b.add_root_certificate_pem(TEST_CA).expect("test CA parses");
    }
    b.build().expect("client builds")
}

#[test]
fn webpki_roots_refuse_a_certificate_from_an_unknown_ca() {
    block(async {
        let port = tls_server().await;
        let err = client(port, TlsRoots::WebPki, false)
            .wallet()
            .retrieve()
            .await
            .expect_err("an unknown CA must be refused");
        assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
        assert!(
            err.to_string().to_lowercase().contains("certificate"),
            "the failure names the certificate: {err}"
        );
    });
}

#[test]
fn webpki_roots_with_a_custom_ca_verify_the_server() {
    block(async {
        let port = tls_server().await;
        let wallet = client(port, TlsRoots::WebPki, true)
            .wallet()
            .retrieve()
            .await
            .expect("verified HTTPS call");
        assert_eq!(wallet.balance, 1234.56);
    });
}

#[test]
fn platform_roots_take_a_custom_ca_too() {
    block(async {
        let port = tls_server().await;
        let err = client(port, TlsRoots::Platform, false)
            .wallet()
            .retrieve()
            .await
            .expect_err("the test CA is in no OS store");
        assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
        let wallet = client(port, TlsRoots::Platform, true)
            .wallet()
            .retrieve()
            .await
            .expect("verified HTTPS call");
        assert_eq!(wallet.balance, 1234.56);
    });
}

#[test]
fn bad_pem_is_a_configuration_error() {
    let err = Client::builder()
        .add_root_certificate_pem(b"not a certificate")
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Configuration);
    assert_eq!(err.field(), Some("root_certificates"));
}
