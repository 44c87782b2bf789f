//! `--data FILE`: one SQLite row per account, a JSON snapshot written after every mutation.
//! Accounts are keyed by the SHA-256 of their API key, so the file holds no key.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection};

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, String> {
        let conn = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=NORMAL;
             CREATE TABLE IF NOT EXISTS accounts (
                 id TEXT PRIMARY KEY,
                 snapshot TEXT NOT NULL
             );",
        )
        .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    pub fn load(&self) -> Result<Vec<(String, String)>, String> {
        let conn = self.conn.lock().map_err(|_| "storage lock poisoned")?;
        let mut stmt = conn
            .prepare("SELECT id, snapshot FROM accounts")
            .map_err(|e| e.to_string())?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| e.to_string())?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())
    }

    pub fn save(&self, id: &str, snapshot: &str) -> Result<(), String> {
        let conn = self.conn.lock().map_err(|_| "storage lock poisoned")?;
        conn.execute(
            "INSERT INTO accounts (id, snapshot) VALUES (?1, ?2)
             ON CONFLICT(id) DO UPDATE SET snapshot = excluded.snapshot",
            params![id, snapshot],
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    }
}
