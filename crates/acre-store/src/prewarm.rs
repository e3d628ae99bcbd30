//! Reading an embedded database into the operating system's file cache when
//! the server starts, the way PostgreSQL's `pg_prewarm` does for its own.
//!
//! A bulk move or an import touches pages all over the file. Right after a
//! machine starts, each of them is a separate random read from disk: a
//! 100,000-customer move at a million customers took 23 s that way instead
//! of 4. Read front to back in large blocks, the whole file comes in at the
//! disk's sequential speed, in the background, before most people log in.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The SQLite file behind a database URL (`sqlite://path?options`), if any.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or(url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Memory the system could give the file cache without swapping (Linux).
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Read `path` once, front to back; the bytes read.
fn read_through(path: &Path) -> std::io::Result<u64> {
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 4 << 20];
    let mut total = 0;
    loop {
        match file.read(&mut buf)? {
            0 => return Ok(total),
            n => total += n as u64,
        }
    }
}

/// Start reading the SQLite file of `url` on a thread of its own, when it
/// takes at most half of the memory available (a larger file would only
/// push out pages the server needs). Nothing for PostgreSQL, which keeps
/// its own cache.
pub fn prewarm(url: &str) {
    let Some(path) = sqlite_file(url) else { return };
    let Ok(size) = std::fs::metadata(&path).map(|m| m.len()) else {
        return;
    };
    if available_memory().is_none_or(|m| size > m / 2) {
        tracing::info!(
            bytes = size,
            "database file larger than the cache can hold: not read ahead"
        );
        return;
    }
    std::thread::spawn(move || {
        let started = std::time::Instant::now();
        match read_through(&path) {
            Ok(bytes) => tracing::info!(
                bytes,
                ms = started.elapsed().as_millis() as u64,
                "database file read into the file cache"
            ),
            Err(e) => tracing::warn!(error = %e, "reading the database file ahead failed"),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_file("sqlite:///var/lib/acre/acre.db?mode=rwc"),
            Some(PathBuf::from("/var/lib/acre/acre.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:data/acre.db"),
            Some(PathBuf::from("data/acre.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://postgres@127.0.0.1/acre"), None);
    }
}
