//! Proxies: an explicit `proxy(url)` with credentials, and the environment's `HTTPS_PROXY` /
//! `HTTP_PROXY` / `NO_PROXY`, through a real forwarding proxy on 127.0.0.1 in front of the real
//! sandbox. (One test per concern in its own binary: it sets process environment variables.)

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

mod common;
use common::{block, env};

/// A forwarding HTTP proxy: records each request head, then splices bytes to the target (the
/// sandbox accepts absolute-form request targets). Returns its URL and the recorded heads.
fn forward_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let seen = seen.clone();
            std::thread::spawn(move || {
                let _ = serve(client, &seen);
            });
        }
    });
    (url, heads)
}

fn serve(mut client: TcpStream, seen: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if client.read(&mut byte)? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).to_string();
    let target = text
        .split_whitespace()
        .nth(1)
        .and_then(|u| u.strip_prefix("http://"))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_string();
    seen.lock().unwrap_or_else(|p| p.into_inner()).push(text);
    let mut upstream = TcpStream::connect(target)?;
    upstream.write_all(&head)?;
    let mut up_read = upstream.try_clone()?;
    let mut client_write = client.try_clone()?;
    std::thread::spawn(move || std::io::copy(&mut up_read, &mut client_write));
    std::io::copy(&mut client, &mut upstream)?;
    Ok(())
}

#[test]
fn explicit_and_environment_proxies() {
    let env = env();

    // Explicit proxy with credentials: requests go through it, with Proxy-Authorization.
    let (proxy_url, heads) = forward_proxy();
    let with_auth = proxy_url.replace("http://", "http://alice:s3cret-pw@");
    let c = env.client_with(|b| b.proxy(with_auth.clone()));
    assert!(!format!("{c:?}").contains("s3cret-pw"));
    block(c.wallet().retrieve()).expect("through the proxy");
    let seen = heads.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].starts_with("GET http://127.0.0.1:"), "{}", seen[0]);
    assert!(
        seen[0]
            .to_lowercase()
            .contains("proxy-authorization: basic "),
        "{}",
        seen[0]
    );
    let err = cryptotopcard::Client::builder()
        .api_key("sk_test_abc")
        .base_url("http://127.0.0.1:1/v1")
        .proxy("::not a url with pw s3cret::")
        .build()
        .expect_err("bad proxy URL");
    assert_eq!(err.field(), Some("proxy"));
    assert!(!err.to_string().contains("s3cret"));

    // The environment's HTTP_PROXY applies to clients that set no proxy...
    let (env_proxy, env_heads) = forward_proxy();
    std::env::set_var("HTTP_PROXY", &env_proxy);
    std::env::set_var("http_proxy", &env_proxy);
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");
    let c = env.client_with(|b| b);
    block(c.wallet().retrieve()).expect("through the environment's proxy");
    assert_eq!(env_heads.lock().unwrap().len(), 1);

    // ...unless NO_PROXY names the host.
    std::env::set_var("NO_PROXY", "127.0.0.1");
    std::env::set_var("no_proxy", "127.0.0.1");
    let c = env.client_with(|b| b);
    block(c.wallet().retrieve()).expect("direct");
    assert_eq!(
        env_heads.lock().unwrap().len(),
        1,
        "NO_PROXY bypassed the proxy"
    );

    // An explicit proxy wins over the environment.
    let c = env.client_with(|b| b.proxy(proxy_url.clone()));
    block(c.wallet().retrieve()).expect("explicit proxy");
    assert_eq!(heads.lock().unwrap().len(), 2);
    for v in ["HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"] {
        std::env::remove_var(v);
    }
}
