//! The in-process sandbox server for `require('cryptotopcard/testing')`, served on the core's
//! shared runtime (`cryptotopcard_sandbox::serve`), so the process keeps one tokio runtime.

use napi::bindgen_prelude::Object;
use napi::{Env, Result};
use napi_derive::napi;

use crate::error::to_napi;

#[napi]
pub struct NativeSandbox {
    handle: Option<cryptotopcard_sandbox::SandboxHandle>,
    url: String,
}

#[napi]
impl NativeSandbox {
    /// Starts a sandbox on 127.0.0.1 with a free port; resolves once it listens.
    #[napi(catch_unwind, ts_return_type = "Promise<NativeSandbox>")]
    pub fn start(env: &Env) -> Result<Object<'_>> {
        let (deferred, promise) = env.create_deferred::<NativeSandbox, _>()?;
        cryptotopcard::runtime::runtime().spawn(async move {
            match cryptotopcard_sandbox::serve(cryptotopcard_sandbox::Config::default()).await {
                Ok(handle) => {
                    let url = handle.url().to_string();
                    deferred.resolve(move |_| {
                        Ok(NativeSandbox {
                            handle: Some(handle),
                            url,
                        })
                    });
                }
                Err(e) => deferred.reject(to_napi(&cryptotopcard::Error::Connection {
                    message: format!("the sandbox could not start: {e}"),
                    idempotency_key: None,
                })),
            }
        });
        Ok(promise)
    }

    /// The base URL an SDK takes (`http://127.0.0.1:PORT/v1`).
    #[napi(getter, catch_unwind)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// Stops the server (idempotent).
    #[napi(catch_unwind)]
    pub fn stop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.shutdown();
        }
    }
}
