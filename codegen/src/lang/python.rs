//! python: the files generated for this language (see `codegen/templates/python/`).

use super::{Ctx, Output};

pub fn generate(_ctx: &Ctx) -> Result<Vec<Output>, String> {
    Ok(Vec::new())
}
