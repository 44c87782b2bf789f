//! A client used before `fork()` keeps working in the child: the child builds its own runtime
//! and connection pool (the parent's threads and pooled sockets do not survive a fork).
#![cfg(unix)]

use std::time::{Duration, Instant};

use cryptotopcard::{CardCreateParams, CardListParams};

mod common;
use common::{block, env};

/// Waits for `pid` at most `limit`; kills it after that. Returns its exit status, or `None`.
fn wait_child(pid: libc::pid_t, limit: Duration) -> Option<i32> {
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: plain waitpid on our own child.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == pid {
            return libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
        }
        if start.elapsed() > limit {
            // SAFETY: our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_forked_child_calls_with_the_parents_client() {
    let env = env();
    let c = env.client.clone();
    // The parent warms the runtime and the pool (a kept-alive connection) before forking.
    block(c.cards().create(CardCreateParams::new("491653", 10.0))).expect("parent create");

    // SAFETY: the child only runs the SDK and then `_exit`s, never returning into the harness.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let ok = cryptotopcard::runtime::is_forked_child()
            && block(c.cards().create(CardCreateParams::new("491653", 10.0))).is_ok()
            && block(c.cards().list(CardListParams::default()))
                .map(|p| p.data.len() == 2)
                .unwrap_or(false);
        // SAFETY: leave without running the parent's destructors or test harness.
        unsafe { libc::_exit(if ok { 0 } else { 3 }) };
    }
    let status = wait_child(pid, Duration::from_secs(60));
    assert_eq!(status, Some(0), "the child's calls failed or hung");

    // And the parent's client still works afterwards.
    assert!(!cryptotopcard::runtime::is_forked_child());
    let page = block(c.cards().list(CardListParams::default())).expect("parent list");
    assert_eq!(page.data.len(), 2);
}
