use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::*;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ctc-sandbox")
}

#[test]
fn binary_prints_its_url_serves_and_stops_on_sigterm() {
    let mut child = Command::new(bin())
        .args([
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--initial-balance",
            "250.5",
            "--webhook-retry-base-ms",
            "10",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {line:?}"));
    let port: u16 = url
        .strip_prefix("http://127.0.0.1:")
        .unwrap()
        .strip_suffix("/v1")
        .unwrap()
        .parse()
        .unwrap();
    assert!(port > 0);

    let rt = tokio::runtime::Runtime::new().unwrap();
    let (key, pan) = rt.block_on(async {
        let api = Api::new(url);
        assert_eq!(cents(&api.wallet().await["balance"]), 25_050);
        let card = api.card("491653", 10.0).await;
        let d = api
            .get(&format!("/cards/{}/details", card["id"].as_str().unwrap()))
            .await;
        assert_eq!(d.status, 200);
        (api.key.clone(), d.body["pan"].as_str().unwrap().to_string())
    });

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit: {:?}", out.status);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("/v1/cards"), "requests are logged");
    assert!(log.contains("req_"), "request ids are logged");
    assert!(!log.contains(&key), "the API key is never logged");
    assert!(!log.contains(&pan), "no PAN in logs");
}

#[test]
fn binary_rejects_bad_options_and_documents_them() {
    let out = Command::new(bin()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for opt in [
        "--port",
        "--host",
        "--data",
        "--faults",
        "--rate-limit",
        "--initial-balance",
        "--webhook-retry-base-ms",
    ] {
        assert!(help.contains(opt), "{opt}");
    }
    for bad in [
        &["--bogus"][..],
        &["--port", "x"],
        &["--faults", "error_500=7"],
        &["--port"],
    ] {
        let out = Command::new(bin()).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn binary_persists_with_data_flag() {
    let path = std::env::temp_dir().join(format!("ctc-sandbox-bin-{}.db", uuid_like()));
    let key = test_key();
    let run = |check: bool| {
        let mut child = Command::new(bin())
            .args(["--port", "0", "--data", path.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim_end()
            .strip_prefix("listening on ")
            .unwrap()
            .to_string();
        let rt = tokio::runtime::Runtime::new().unwrap();
        let total = rt.block_on(async {
            let api = Api::new(&url).with_key(&key);
            if !check {
                api.card("491653", 42.0).await;
            }
            api.get("/cards").await.body["pagination"]["total"]
                .as_u64()
                .unwrap()
        });
        Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(child.wait().unwrap().success());
        total
    };
    assert_eq!(run(false), 1);
    assert_eq!(run(true), 1);
    let _ = std::fs::remove_file(&path);
}
