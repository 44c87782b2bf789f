//! rust: the files generated for this language (see `codegen/templates/rust/`).

use super::{Ctx, Output};

pub fn generate(_ctx: &Ctx) -> Result<Vec<Output>, String> {
    Ok(Vec::new())
}
