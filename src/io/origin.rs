//! Where an article comes from: a file (or folder) on disk, one of the bundled samples, or
//! text the user pasted. A workspace stores an origin as a string: the path, `bundled:NAME`
//! for a sample, `pasted:NAME` for pasted text (whose text the workspace keeps); this module
//! is the only place that reads or writes that form.

use std::fmt;
use std::path::PathBuf;

use super::samples;

/// The prefix of a bundled sample in a workspace's list of articles.
const SAMPLE_PREFIX: &str = "bundled:";

/// The prefix of a pasted article in a workspace's list of articles.
const PASTED_PREFIX: &str = "pasted:";

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A file, or a folder of article files.
    File(PathBuf),
    /// A bundled sample, by file name (`01-de-truppen-grenze.txt`).
    Sample(String),
    /// Text the user pasted, by the name it was given; the workspace keeps the text.
    Pasted {
        /// Its name (unique in the workspace).
        name: String,
        /// The text (empty when read from a stored form, until the workspace fills it in).
        text: String,
    },
}

impl Origin {
    /// Every bundled sample.
    #[must_use]
    pub fn samples() -> Vec<Origin> {
        samples::SAMPLES
            .iter()
            .map(|(name, _)| Origin::Sample((*name).to_string()))
            .collect()
    }

    /// The origin a workspace names with `stored`: `bundled:NAME` is a sample, anything
    /// else a path.
    #[must_use]
    pub fn from_stored(stored: &str) -> Self {
        if let Some(name) = stored.strip_prefix(SAMPLE_PREFIX) {
            Self::Sample(name.to_string())
        } else if let Some(name) = stored.strip_prefix(PASTED_PREFIX) {
            Self::Pasted {
                name: name.to_string(),
                text: String::new(),
            }
        } else {
            Self::File(PathBuf::from(stored))
        }
    }

    /// The string a workspace stores for it (the inverse of [`Origin::from_stored`]); it is
    /// also the article's path in exports.
    #[must_use]
    pub fn stored(&self) -> String {
        match self {
            Self::File(path) => path.to_string_lossy().into_owned(),
            Self::Sample(name) => format!("{SAMPLE_PREFIX}{name}"),
            Self::Pasted { name, .. } => format!("{PASTED_PREFIX}{name}"),
        }
    }

    /// The short name of an article's stored path, for narrow columns: the file name, without
    /// the sample prefix.
    #[must_use]
    pub fn short_name(stored: &str) -> &str {
        let path = stored
            .strip_prefix(SAMPLE_PREFIX)
            .or_else(|| stored.strip_prefix(PASTED_PREFIX))
            .unwrap_or(stored);
        path.rsplit(['/', '\\']).next().unwrap_or(path)
    }
}

impl From<PathBuf> for Origin {
    fn from(path: PathBuf) -> Self {
        Self::File(path)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Sample(name) => write!(f, "sample {name}"),
            Self::Pasted { name, .. } => write!(f, "pasted article {name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_forms_round_trip() {
        for origin in [
            Origin::File(PathBuf::from("news/a.txt")),
            Origin::Sample("01-de-truppen-grenze.txt".into()),
            Origin::Pasted {
                name: "pasted-1.txt".into(),
                text: String::new(),
            },
        ] {
            assert_eq!(Origin::from_stored(&origin.stored()), origin);
        }
        assert_eq!(Origin::samples().len(), samples::SAMPLES.len());
        assert_eq!(Origin::short_name("bundled:x.txt"), "x.txt");
        assert_eq!(Origin::short_name("a/b/c.txt"), "c.txt");
    }
}
