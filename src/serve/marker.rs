//! `serve.port` in the store folder: written while `safetynet serve` holds the store, so
//! the local program (or a CLI command) told "the store is locked" can say where to
//! connect instead.

use std::path::Path;

use crate::tui::Lang;

pub const FILE: &str = "serve.port";

/// Note the port (and this process) while serving.
pub fn write(store: &Path, port: u16) -> std::io::Result<()> {
    std::fs::write(
        store.join(FILE),
        format!("{port}\n{}\n", std::process::id()),
    )
}

pub fn remove(store: &Path) {
    let _ = std::fs::remove_file(store.join(FILE));
}

/// The port a running server noted, if its process is still there.
pub fn port(store: &Path) -> Option<u16> {
    let text = std::fs::read_to_string(store.join(FILE)).ok()?;
    let mut lines = text.lines();
    let port = lines.next()?.trim().parse().ok()?;
    let pid: u32 = lines.next()?.trim().parse().ok()?;
    let alive = !Path::new("/proc/self").exists() || Path::new(&format!("/proc/{pid}")).exists();
    alive.then_some(port)
}

/// What to tell someone who found the store locked by a running server.
pub fn served_note(store: &Path, lang: Lang) -> Option<String> {
    let port = port(store)?;
    Some(match lang {
        Lang::Zh => format!(
            "此数据库由 `safetynet serve` 在端口 {port} 上提供服务：请用 `ssh -p {port} 用户名@服务器` 连接"
        ),
        Lang::En => format!(
            "this store is served by `safetynet serve` on port {port}: connect with `ssh -p {port} USER@HOST`"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_servers_port_is_named_and_a_dead_ones_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(served_note(dir.path(), Lang::En), None);
        write(dir.path(), 2222).expect("write");
        assert_eq!(
            served_note(dir.path(), Lang::En).as_deref(),
            Some("this store is served by `safetynet serve` on port 2222: connect with `ssh -p 2222 USER@HOST`")
        );
        // A server killed without cleaning up: its process is gone.
        std::fs::write(dir.path().join(FILE), "2222\n4000000000\n").expect("write");
        assert_eq!(port(dir.path()), None);
        remove(dir.path());
        assert!(!dir.path().join(FILE).exists());
    }
}
