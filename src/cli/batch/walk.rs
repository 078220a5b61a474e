//! The files named on the command line, directories walked into: what `scan` reads
//! when it is given several files or a directory.
//!
//! The order is stable, whatever the file system lists first: the operands in the
//! order given, and inside a directory its entries sorted by name, each directory
//! walked where it falls (depth first). The walk is lazy: one directory's listing at
//! a time per level, so a folder of a million articles is not listed into memory
//! before the first is read.
//!
//! In a directory, only `.txt`, `.html` and `.htm` files are read (any case), and
//! names starting with a dot are skipped (`.git`, editors' files). A link to a file is
//! followed; a link to a directory is not, so that a link back up cannot loop. A file
//! named on the command line is read whatever its name.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// One thing to read, or a directory that could not be listed.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    /// A file (or `-`, standard input) and its size when known, to weigh it.
    File { path: PathBuf, bytes: u64 },
    Unreadable { path: PathBuf, message: String },
}

/// The entries of `operands`, in the stable order above.
pub struct Walk {
    operands: std::vec::IntoIter<OsString>,
    /// The directories being walked, outermost first, each with what is left of its listing.
    open: Vec<std::vec::IntoIter<Child>>,
}

struct Child {
    path: PathBuf,
    is_dir: bool,
    bytes: u64,
}

impl Walk {
    pub fn new(operands: Vec<OsString>) -> Walk {
        Walk { operands: operands.into_iter(), open: Vec::new() }
    }

    /// Opens `dir` for walking, or says why it cannot be listed.
    fn enter(&mut self, dir: PathBuf) -> Option<Entry> {
        match listing(&dir) {
            Ok(children) => {
                self.open.push(children.into_iter());
                None
            }
            Err(e) => Some(Entry::Unreadable { message: format!("the directory {} cannot be read: {e}", dir.display()), path: dir }),
        }
    }
}

impl Iterator for Walk {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(children) = self.open.last_mut() {
                match children.next() {
                    Some(Child { path, is_dir: true, .. }) => {
                        if let Some(unreadable) = self.enter(path) {
                            return Some(unreadable);
                        }
                    }
                    Some(Child { path, bytes, .. }) => return Some(Entry::File { path, bytes }),
                    None => {
                        self.open.pop();
                    }
                }
                continue;
            }
            let operand = PathBuf::from(self.operands.next()?);
            match fs::metadata(&operand) {
                Ok(metadata) if metadata.is_dir() && operand.as_os_str() != "-" => {
                    if let Some(unreadable) = self.enter(operand) {
                        return Some(unreadable);
                    }
                }
                // A missing or unreadable file is read all the same: reading it says why not.
                metadata => return Some(Entry::File { bytes: metadata.map_or(0, |m| m.len()), path: operand }),
            }
        }
    }
}

/// The articles and subdirectories of `dir`, sorted by name.
fn listing(dir: &Path) -> std::io::Result<Vec<Child>> {
    let mut children = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let mut kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_symlink() {
            // Followed to a file; a link to a directory (or a broken one) is left out.
            match fs::metadata(&path) {
                Ok(target) if target.is_file() => kind = target.file_type(),
                _ => continue,
            }
        }
        if kind.is_dir() {
            children.push(Child { path, is_dir: true, bytes: 0 });
        } else if kind.is_file() && is_article(&path) {
            let bytes = fs::metadata(&path).map_or(0, |m| m.len());
            children.push(Child { path, is_dir: false, bytes });
        }
    }
    children.sort_by(|a, b| a.path.file_name().cmp(&b.path.file_name()));
    Ok(children)
}

fn is_article(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(extension.as_deref(), Some("txt" | "html" | "htm"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(operands: &[&Path], root: &Path) -> Vec<String> {
        Walk::new(operands.iter().map(|p| p.as_os_str().to_owned()).collect())
            .map(|entry| match entry {
                Entry::File { path, .. } => path.strip_prefix(root).unwrap_or(&path).display().to_string(),
                Entry::Unreadable { path, .. } => format!("unreadable {}", path.display()),
            })
            .collect()
    }

    #[test]
    fn walks_directories_in_name_order_and_keeps_operand_order() {
        let root = std::env::temp_dir().join(format!("sourcelight-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for dir in ["b", "b/inner", "a", ".hidden"] {
            fs::create_dir_all(root.join(dir)).unwrap();
        }
        for file in ["b/2.txt", "b/10.HTM", "b/inner/x.html", "b/notes.md", "b/.draft.txt", "a/z.txt", ".hidden/h.txt", "loose.json"] {
            fs::write(root.join(file), "Words.").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&root, root.join("b/loop")).unwrap();
        let listed = names(&[&root.join("loose.json"), &root.join("b"), &root.join("a"), &root.join("missing.txt")], &root);
        assert_eq!(listed, ["loose.json", "b/10.HTM", "b/2.txt", "b/inner/x.html", "a/z.txt", "missing.txt"]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn standard_input_is_an_entry() {
        assert_eq!(Walk::new(vec!["-".into()]).collect::<Vec<_>>(), [Entry::File { path: "-".into(), bytes: 0 }]);
    }
}
