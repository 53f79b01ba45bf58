//! The store's trees, by name, and how many keys each holds (for `stats`, the benchmark
//! and the README's table of keys per household).

use super::{Store, StoreError};

impl Store {
    /// Every tree of the store with its number of keys (a full scan of each: for
    /// `stats`, the benchmark and tests, not for every keystroke).
    pub fn tree_keys(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let mut out = Vec::new();
        for name in self.db.tree_names() {
            let tree = self.db.open_tree(&name)?;
            let name = String::from_utf8_lossy(&name).into_owned();
            if name == "__sled__default" && tree.is_empty() {
                continue;
            }
            out.push((name, tree.len()));
        }
        out.sort();
        Ok(out)
    }
}
