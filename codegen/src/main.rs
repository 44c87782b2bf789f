//! `ctc-codegen`: the one SDK generator. Reads `spec/openapi.yaml` into the intermediate form
//! (`ir.rs`) and renders every language's templates (`templates/<lang>/`, `lang/<lang>.rs`).
//!
//!     cargo run -p ctc-codegen                 # (re)write every generated file
//!     cargo run -p ctc-codegen -- --check      # exit 1 when a checked-in file differs
//!     cargo run -p ctc-codegen -- --lang go    # one language only (repeatable)
//!     cargo run -p ctc-codegen -- --dump-ir    # print the intermediate form as JSON

mod ir;
mod lang;
mod render;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ctc-codegen: {e}");
            ExitCode::from(2)
        }
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

fn run() -> Result<ExitCode, String> {
    let mut check = false;
    let mut dump = false;
    let mut only: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--dump-ir" => dump = true,
            "--lang" => only.push(args.next().ok_or("--lang needs a value")?),
            "-h" | "--help" => {
                println!(
                    "usage: ctc-codegen [--check] [--dump-ir] [--lang rust|python|node|go|mobile]..."
                );
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let root = repo_root();
    let spec_path = root.join("spec/openapi.yaml");
    let text =
        std::fs::read_to_string(&spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let api = ir::Api::from_yaml(&text)?;
    if dump {
        let json = serde_json::to_string_pretty(&api).map_err(|e| e.to_string())?;
        println!("{json}");
        return Ok(ExitCode::SUCCESS);
    }
    let ctx = lang::Ctx {
        api: &api,
        templates: root.join("codegen/templates"),
    };
    let mut stale = Vec::new();
    let mut written = 0;
    for (name, generate) in lang::LANGUAGES {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        for out in generate(&ctx).map_err(|e| format!("{name}: {e}"))? {
            let path = root.join(&out.path);
            let current = std::fs::read_to_string(&path).ok();
            if current.as_deref() == Some(out.contents.as_str()) {
                continue;
            }
            if check {
                stale.push((
                    out.path.clone(),
                    first_difference(current.as_deref(), &out.contents),
                ));
            } else {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                std::fs::write(&path, &out.contents)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                written += 1;
                println!("wrote {}", out.path.display());
            }
        }
    }
    if check {
        if stale.is_empty() {
            println!("generated files match spec/openapi.yaml");
            return Ok(ExitCode::SUCCESS);
        }
        for (path, diff) in &stale {
            eprintln!("stale: {} ({diff})", path.display());
        }
        eprintln!("run `make codegen` (cargo run -p ctc-codegen) and commit the result");
        return Ok(ExitCode::FAILURE);
    }
    if written == 0 {
        println!("generated files already up to date");
    }
    Ok(ExitCode::SUCCESS)
}

fn first_difference(current: Option<&str>, wanted: &str) -> String {
    let Some(current) = current else {
        return "missing".to_string();
    };
    for (i, (a, b)) in current.lines().zip(wanted.lines()).enumerate() {
        if a != b {
            return format!("line {}: has {:?}, spec gives {:?}", i + 1, a, b);
        }
    }
    format!(
        "length: has {} lines, spec gives {}",
        current.lines().count(),
        wanted.lines().count()
    )
}
