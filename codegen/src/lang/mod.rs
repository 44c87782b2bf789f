//! One module per target language. Each renders its templates (`codegen/templates/<lang>/`) over
//! the intermediate form and returns the files it owns, as paths relative to the repo root.

use std::path::PathBuf;

use crate::ir::Api;

pub mod go;
pub mod mobile;
pub mod node;
pub mod python;
pub mod rust;

/// A generated file.
pub struct Output {
    /// Relative to the repository root.
    pub path: PathBuf,
    pub contents: String,
}

/// What a language module gets.
pub struct Ctx<'a> {
    pub api: &'a Api,
    /// `codegen/templates`.
    pub templates: PathBuf,
}

pub type Generator = fn(&Ctx) -> Result<Vec<Output>, String>;

/// Every language, in the order they are generated.
pub const LANGUAGES: &[(&str, Generator)] = &[
    ("rust", rust::generate),
    ("python", python::generate),
    ("node", node::generate),
    ("go", go::generate),
    ("mobile", mobile::generate),
];

/// Renders `template` (relative to `templates/<lang>/`) with `ctx` merged over the globals.
pub fn render(
    env: &minijinja::Environment<'_>,
    template: &str,
    ctx: minijinja::Value,
) -> Result<String, String> {
    env.get_template(template)
        .and_then(|t| t.render(ctx))
        .map_err(|e| {
            let mut msg = format!("{template}: {e:#}");
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                msg.push_str(&format!("\n  caused by: {s}"));
                src = s.source();
            }
            msg
        })
}
