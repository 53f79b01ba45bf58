//! The server's Ed25519 host key: made on first start in the store folder (readable by
//! the server's user only), read on every later start. Its SHA-256 fingerprint is what
//! an office compares on its first connection.

use std::io::Write;
use std::path::{Path, PathBuf};

use rand_core::{OsRng, RngCore};
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::ssh_key::LineEnding;
use russh::keys::{HashAlg, PrivateKey};

use crate::app::AppError;

/// The key's file name inside the store folder.
pub const FILE: &str = "ssh_host_ed25519_key";

pub fn path(store: &Path) -> PathBuf {
    store.join(FILE)
}

fn failed(what: &str, path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::Invalid(
        format!("服务器密钥{what}失败（{}）：{e}", path.display()),
        format!("could not {what} the server key {}: {e}", path.display()),
    )
}

/// Read the host key, or make one if there is none yet.
pub fn load_or_create(store: &Path) -> Result<PrivateKey, AppError> {
    let file = path(store);
    if file.exists() {
        return load(store);
    }
    let mut seed = [0u8; 32];
    OsRng.fill_bytes(&mut seed);
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| failed("生成", &file, e))?;
    std::fs::create_dir_all(store).map_err(|e| failed("写入", &file, e))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options.open(&file).map_err(|e| failed("写入", &file, e))?;
    out.write_all(text.as_bytes())
        .and_then(|()| out.sync_all())
        .map_err(|e| failed("写入", &file, e))?;
    tracing::info!("made a new host key {}", file.display());
    Ok(key)
}

/// Read the host key that is there (for `serve --fingerprint`).
pub fn load(store: &Path) -> Result<PrivateKey, AppError> {
    let file = path(store);
    let text = std::fs::read_to_string(&file).map_err(|e| failed("读取", &file, e))?;
    PrivateKey::from_openssh(text).map_err(|e| failed("读取", &file, e))
}

/// `SHA256:...`, as OpenSSH prints it on first connection.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_private_to_its_owner_and_read_back_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = load_or_create(dir.path()).expect("create");
        let again = load_or_create(dir.path()).expect("load");
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(fingerprint(&first).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path(dir.path()))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
