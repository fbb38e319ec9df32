//! The workspace: which articles are open, the user's corrections to claims and the choices
//! about source entities. It is a small JSON file written atomically (a temporary file beside
//! it, flushed to disk, then renamed over it), so a crash never leaves half a file.
//!
//! Corrections are matched to claims by the article's content (a hash of its decoded text)
//! and the claim's number span, so they apply again whenever the same article is loaded,
//! wherever the file lies.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{ArticleDate, Claim, Span};

/// The version written into new workspace files.
pub const FORMAT_VERSION: u32 = 1;

/// Names an article by its content: the FNV-1a hash of its decoded text, as 16 hex digits.
#[must_use]
pub fn content_key(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

pub use crate::model::ClaimFields;

/// What a correction does to its claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// The claim's fields as the user corrected them.
    Edit {
        /// The corrected fields.
        fields: ClaimFields,
    },
    /// The claim is not a claim (or not worth keeping).
    Reject,
    /// A claim the extractor missed, added by the user.
    Add {
        /// The whole claim.
        claim: Claim,
    },
}

/// One correction: which claim (article content and number span) and what to do with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// The article's [`content_key`].
    pub article: String,
    /// The claim's number span in that article.
    pub number: Span,
    /// What the user did.
    pub change: Change,
}

/// The user's choices about source entities, applied to every article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityEdits {
    /// An entity renamed or merged into another: old name to new name.
    #[serde(default)]
    pub renames: BTreeMap<String, String>,
    /// A source text (as written, e.g. `Kreml`) moved to an entity.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    /// The state or organisation an entity (a person) speaks for, as the user set it:
    /// entity name (after renames) to affiliation; an empty string clears the extractor's.
    #[serde(default)]
    pub affiliations: BTreeMap<String, String>,
}

impl EntityEdits {
    /// The entity a claim's source stands for after the user's choices.
    #[must_use]
    pub fn resolve(&self, source_text: &str, entity: Option<&str>) -> Option<String> {
        let start = self
            .aliases
            .get(source_text)
            .map(String::as_str)
            .or(entity)?;
        Some(follow(&self.renames, start).to_string())
    }

    /// Renames `from` to `to` (merging when `to` already exists). Names that pointed to
    /// `from` follow it; renaming back undoes the earlier rename instead of making a cycle.
    /// The user's affiliation carries over to the new name unless that name has one.
    pub fn rename(&mut self, from: &str, to: &str) {
        if rename_in(&mut self.renames, from, to) {
            let (from, to) = (from.trim(), to.trim());
            for target in self.aliases.values_mut() {
                if target == from {
                    *target = to.to_string();
                }
            }
            if let Some(affiliation) = self.affiliations.remove(from) {
                self.affiliations
                    .entry(to.to_string())
                    .or_insert(affiliation);
            }
        }
    }

    /// The affiliation the user chose for `entity` (a name after renames): `None` when
    /// the user chose nothing, `Some(None)` when they cleared it.
    #[must_use]
    pub fn affiliation(&self, entity: &str) -> Option<Option<&str>> {
        self.affiliations
            .get(entity)
            .map(|a| Some(a.trim()).filter(|a| !a.is_empty()))
    }

    /// Sets the affiliation of `entity`; an empty `affiliation` clears it (the extractor's
    /// is then not shown either).
    pub fn set_affiliation(&mut self, entity: &str, affiliation: &str) {
        let entity = entity.trim();
        if entity.is_empty() {
            return;
        }
        self.affiliations
            .insert(entity.to_string(), affiliation.trim().to_string());
    }

    /// Moves the source text `alias` to `entity`.
    pub fn move_alias(&mut self, alias: &str, entity: &str) {
        let entity = entity.trim();
        if alias.is_empty() || entity.is_empty() {
            return;
        }
        self.aliases.insert(alias.to_string(), entity.to_string());
    }
}

/// Follows renames from `name` (a cycle, which [`rename_in`] never makes, stops after a few
/// steps).
fn follow<'a>(renames: &'a BTreeMap<String, String>, name: &'a str) -> &'a str {
    let mut name = name;
    for _ in 0..32 {
        match renames.get(name) {
            Some(next) if next != name => name = next,
            _ => break,
        }
    }
    name
}

/// Renames `from` to `to` in a rename table (merging when `to` exists): names that pointed
/// to `from` follow it, and renaming back undoes the earlier rename instead of making a
/// cycle. Returns whether anything was renamed.
fn rename_in(renames: &mut BTreeMap<String, String>, from: &str, to: &str) -> bool {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() || to.is_empty() || from == to {
        return false;
    }
    renames.remove(to);
    for target in renames.values_mut() {
        if target == from {
            *target = to.to_string();
        }
    }
    renames.insert(from.to_string(), to.to_string());
    renames.retain(|k, v| k != v);
    true
}

/// The user's renames and merges of concepts (what claims count), applied to every article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConceptEdits {
    /// A concept renamed or merged into another: old name to new name.
    #[serde(default)]
    pub renames: BTreeMap<String, String>,
}

impl ConceptEdits {
    /// The concept after the user's renames.
    #[must_use]
    pub fn resolve(&self, concept: &str) -> String {
        follow(&self.renames, concept).to_string()
    }

    /// Renames `from` to `to` (merging when `to` already exists).
    pub fn rename(&mut self, from: &str, to: &str) {
        rename_in(&mut self.renames, from, to);
    }
}

/// Everything the user has done, as saved in the workspace file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// The format version of the file (0 for files from before versions were written).
    #[serde(default)]
    pub version: u32,
    /// The articles open in it: file paths, or `bundled:NAME` for a bundled sample.
    #[serde(default)]
    pub articles: Vec<String>,
    /// The corrections, at most one per claim.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// Entity renames, merges and alias moves.
    #[serde(default)]
    pub entities: EntityEdits,
    /// Concept renames and merges.
    #[serde(default)]
    pub concepts: ConceptEdits,
    /// Article dates the user set or corrected: the article's [`content_key`] to its date.
    #[serde(default)]
    pub dates: BTreeMap<String, ArticleDate>,
    /// The texts of pasted articles (there is no file): name to text.
    #[serde(default)]
    pub pasted: BTreeMap<String, String>,
    /// Each entity's colour (an index into the palette), kept so that an entity keeps its
    /// colour from session to session.
    #[serde(default)]
    pub colors: BTreeMap<String, usize>,
}

impl Default for Workspace {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            articles: Vec::new(),
            corrections: Vec::new(),
            entities: EntityEdits::default(),
            concepts: ConceptEdits::default(),
            dates: BTreeMap::new(),
            pasted: BTreeMap::new(),
            colors: BTreeMap::new(),
        }
    }
}

/// Why a workspace file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// Reading or writing failed.
    #[error("cannot {action} workspace: {source}: {}", path.display())]
    Io {
        /// `read` or `write`.
        action: &'static str,
        /// The workspace file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The file is not a workspace (damaged or another kind of file).
    #[error("workspace is damaged ({message}): {}", path.display())]
    Damaged {
        /// The workspace file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// The file was written by a newer claimtrack.
    #[error("workspace has format version {version}, this claimtrack reads up to {FORMAT_VERSION}: {}", path.display())]
    TooNew {
        /// The workspace file.
        path: PathBuf,
        /// Its version.
        version: u32,
    },
}

impl Workspace {
    /// The origin a stored article names, with a pasted article's text filled in.
    #[must_use]
    pub fn origin(&self, stored: &str) -> crate::io::origin::Origin {
        use crate::io::origin::Origin;
        match Origin::from_stored(stored) {
            Origin::Pasted { name, .. } => {
                let text = self.pasted.get(&name).cloned().unwrap_or_default();
                Origin::Pasted { name, text }
            }
            other => other,
        }
    }

    /// A name for a new pasted article, from its first words, not yet in use.
    #[must_use]
    pub fn pasted_name(&self, text: &str) -> String {
        let words: String = text
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join("-")
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .take(40)
            .collect();
        let stem = if words.is_empty() {
            "pasted".to_string()
        } else {
            format!("pasted-{words}")
        };
        let mut name = format!("{stem}.txt");
        let mut n = 2;
        while self.pasted.contains_key(&name) {
            name = format!("{stem}-{n}.txt");
            n += 1;
        }
        name
    }

    /// Sets (or replaces) the correction of one claim.
    pub fn set_correction(&mut self, article: &str, number: Span, change: Change) {
        self.remove_correction(article, number);
        self.corrections.push(Correction {
            article: article.to_string(),
            number,
            change,
        });
    }

    /// Removes the correction of one claim, returning it.
    pub fn remove_correction(&mut self, article: &str, number: Span) -> Option<Correction> {
        let at = self
            .corrections
            .iter()
            .position(|c| c.article == article && c.number == number)?;
        Some(self.corrections.remove(at))
    }

    /// Parses a workspace file's text.
    ///
    /// # Errors
    /// When the text is not a workspace or comes from a newer version.
    pub fn from_json(path: &Path, text: &str) -> Result<Self, WorkspaceError> {
        #[derive(Deserialize)]
        struct Probe {
            #[serde(default)]
            version: u32,
        }
        let damaged = |e: serde_json::Error| WorkspaceError::Damaged {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let probe: Probe = serde_json::from_str(text).map_err(damaged)?;
        if probe.version > FORMAT_VERSION {
            return Err(WorkspaceError::TooNew {
                path: path.to_path_buf(),
                version: probe.version,
            });
        }
        let mut workspace: Self = serde_json::from_str(text).map_err(damaged)?;
        workspace.version = FORMAT_VERSION;
        Ok(workspace)
    }

    /// Reads a workspace file.
    ///
    /// # Errors
    /// When the file cannot be read or is not a workspace.
    pub fn load(path: &Path) -> Result<Self, WorkspaceError> {
        let text = fs::read_to_string(path).map_err(|source| WorkspaceError::Io {
            action: "read",
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_json(path, &text)
    }

    /// The file's text.
    ///
    /// # Errors
    /// Only if serialisation fails, which plain data does not.
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self)
    }

    /// Writes the workspace atomically.
    ///
    /// # Errors
    /// When the file cannot be written; the previous file is then left as it was.
    pub fn save(&self, path: &Path) -> Result<(), WorkspaceError> {
        let text = self.to_json().map_err(|e| WorkspaceError::Io {
            action: "write",
            path: path.to_path_buf(),
            source: io::Error::other(e),
        })?;
        write_atomically(path, text.as_bytes()).map_err(|source| WorkspaceError::Io {
            action: "write",
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder that is flushed to
/// disk and then renamed over `path`: readers see the old file or the new one, never a mix.
///
/// # Errors
/// When any step fails; the temporary file is removed and `path` is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes the temporary files that an interrupted [`write_atomically`] of `path` left
/// beside it (the file itself is then still the last complete version); returns how many.
#[must_use]
pub fn remove_stale_temporaries(path: &Path) -> usize {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut prefix = name.to_os_string();
    prefix.push(".tmp-");
    let prefix = prefix.to_string_lossy().to_string();
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Where claimtrack keeps its own files: `$CLAIMTRACK_HOME`, else `$XDG_CONFIG_HOME/claimtrack`,
/// else `~/.config/claimtrack`, else `.claimtrack` in the current folder.
#[must_use]
pub fn home_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CLAIMTRACK_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CONFIG_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("claimtrack");
    }
    if let Some(dir) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join(".config").join("claimtrack");
    }
    PathBuf::from(".claimtrack")
}

/// What the app remembers between starts: the last workspace and recently opened paths.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The workspace file open last.
    #[serde(default)]
    pub workspace: Option<PathBuf>,
    /// Recently opened files and folders, newest first.
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// `light`, `dark`, or following the system (`None`).
    #[serde(default)]
    pub theme: Option<String>,
    /// Use claimtrack's own file dialog even where the desktop has one.
    #[serde(default)]
    pub own_file_dialog: bool,
    /// The folder a file dialog showed last.
    #[serde(default)]
    pub last_folder: Option<PathBuf>,
}

impl Session {
    /// The most recent paths kept.
    pub const MAX_RECENT: usize = 12;

    /// Reads the session file in `home`; a missing file gives an empty session.
    ///
    /// # Errors
    /// When the file cannot be read or is damaged.
    pub fn load(home: &Path) -> Result<Self, WorkspaceError> {
        let path = home.join("session.json");
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => {
                return Err(WorkspaceError::Io {
                    action: "read",
                    path,
                    source,
                });
            }
        };
        serde_json::from_str(&text).map_err(|e| WorkspaceError::Damaged {
            path,
            message: e.to_string(),
        })
    }

    /// Writes the session file in `home`.
    ///
    /// # Errors
    /// When it cannot be written.
    pub fn save(&self, home: &Path) -> io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(io::Error::other)?;
        write_atomically(&home.join("session.json"), text.as_bytes())
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(Self::MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_follow_and_undo() {
        let mut e = EntityEdits::default();
        e.rename("Kreml", "Russland");
        assert_eq!(
            e.resolve("Kreml", Some("Kreml")).as_deref(),
            Some("Russland")
        );
        e.rename("Russland", "Moskau");
        assert_eq!(e.resolve("x", Some("Kreml")).as_deref(), Some("Moskau"));
        e.rename("Moskau", "Russland");
        assert_eq!(
            e.resolve("x", Some("Russland")).as_deref(),
            Some("Russland")
        );
        assert_eq!(e.resolve("x", Some("Kreml")).as_deref(), Some("Russland"));
        e.move_alias("Peskow", "Kreml");
        assert_eq!(e.resolve("Peskow", None).as_deref(), Some("Russland"));
    }

    #[test]
    fn affiliations_are_set_cleared_and_follow_renames() {
        let mut e = EntityEdits::default();
        assert_eq!(e.affiliation("Rjabkow"), None);
        e.set_affiliation("Rjabkow", " Russia ");
        assert_eq!(e.affiliation("Rjabkow"), Some(Some("Russia")));
        e.rename("Rjabkow", "Sergej Rjabkow");
        assert_eq!(e.affiliation("Rjabkow"), None);
        assert_eq!(e.affiliation("Sergej Rjabkow"), Some(Some("Russia")));
        e.set_affiliation("Sergej Rjabkow", "");
        assert_eq!(e.affiliation("Sergej Rjabkow"), Some(None));
        // A merge keeps the affiliation the target has.
        e.set_affiliation("Smith", "USA");
        e.set_affiliation("Julianne Smith", "NATO");
        e.rename("Smith", "Julianne Smith");
        assert_eq!(e.affiliation("Julianne Smith"), Some(Some("NATO")));
    }

    #[test]
    fn a_workspace_from_before_affiliations_still_loads() {
        let text = r#"{
  "version": 1,
  "articles": ["bundled:a.txt"],
  "corrections": [],
  "entities": {
    "renames": { "Konzern": "GM" },
    "aliases": { "Kreml": "Russland" }
  },
  "concepts": { "renames": {} }
}"#;
        let w = Workspace::from_json(Path::new("old.json"), text).unwrap();
        assert_eq!(
            w.entities.renames.get("Konzern").map(String::as_str),
            Some("GM")
        );
        assert_eq!(
            w.entities.aliases.get("Kreml").map(String::as_str),
            Some("Russland")
        );
        assert!(w.entities.affiliations.is_empty());
        // Written again, it gains the field and reads back the same.
        let again = Workspace::from_json(Path::new("w.json"), &w.to_json().unwrap()).unwrap();
        assert_eq!(again, w);
    }

    #[test]
    fn round_trip_and_versions() {
        let mut w = Workspace::default();
        w.articles.push("bundled:a.txt".into());
        w.set_correction("00ff", Span::new(3, 5), Change::Reject);
        let text = w.to_json().unwrap();
        let back = Workspace::from_json(Path::new("w.json"), &text).unwrap();
        assert_eq!(back, w);
        let newer = text.replace("\"version\": 1", "\"version\": 99");
        assert!(matches!(
            Workspace::from_json(Path::new("w.json"), &newer),
            Err(WorkspaceError::TooNew { .. })
        ));
        assert!(matches!(
            Workspace::from_json(Path::new("w.json"), &text[..text.len() / 2]),
            Err(WorkspaceError::Damaged { .. })
        ));
    }

    #[test]
    fn atomic_write_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("w.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }
}
