//! The command line: `claimtrack extract` and `claimtrack bench`. Parsing is separate from
//! running so that both can be tested.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::entity::Aliases;
use crate::export;
use crate::extract::Extractor;
use crate::pipeline;

/// The usage text.
pub const USAGE: &str = "\
claimtrack: find, compare and track the figures in news articles

USAGE:
    claimtrack extract [--format json|csv] [--aliases FILE] [--threads N] PATHS...
    claimtrack bench [--mb N] [--threads N]
    claimtrack --help | --version

COMMANDS:
    extract   Extract the claims of article files (folders are searched for
              .txt, .text, .html and .htm files) and write them to standard
              output as JSON (default) or CSV. Errors go to standard error, one
              line per file. Exit status: 0 when every file loaded, 1 when some
              did not (the rest is still written), 2 on a usage error.
    bench     Generate a corpus of article text and measure extraction speed.

OPTIONS:
    --format json|csv   Output format of extract (default json).
    --aliases FILE      Add entity aliases, one `ALIAS = ENTITY` per line.
    --threads N         Worker threads (default: all cores).
    --mb N              Size of the generated bench corpus in MB (default 24).
";

/// The output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The JSON schema of EXTRACTION.md.
    Json,
    /// One CSV row per claim.
    Csv,
}

/// A parsed command.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `claimtrack extract`.
    Extract {
        /// Output format.
        format: Format,
        /// A user alias file.
        aliases: Option<PathBuf>,
        /// Worker threads.
        threads: Option<usize>,
        /// Files and folders.
        paths: Vec<PathBuf>,
    },
    /// `claimtrack bench`.
    Bench {
        /// Corpus size in MB.
        mb: usize,
        /// Worker threads for the parallel run.
        threads: Option<usize>,
    },
    /// `--help`.
    Help,
    /// `--version`.
    Version,
}

/// Parses the arguments after the program name.
///
/// # Errors
/// A message for the user on a usage error.
pub fn parse(args: Vec<OsString>) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let first = parser.next().map_err(|e| e.to_string())?;
    let sub = match first {
        Some(Long("help") | Short('h')) | None => return Ok(Command::Help),
        Some(Long("version") | Short('V')) => return Ok(Command::Version),
        Some(Value(v)) => v.string().map_err(|e| e.to_string())?,
        Some(other) => return Err(other.unexpected().to_string()),
    };
    let mut format = Format::Json;
    let mut aliases = None;
    let mut threads = None;
    let mut mb = 24;
    let mut paths = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("help") | Short('h') => return Ok(Command::Help),
            Long("format") if sub == "extract" => {
                let v: String = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .map_err(|e| e.to_string())?;
                format = match v.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    _ => return Err(format!("unknown format {v:?} (expected json or csv)")),
                };
            }
            Long("aliases") if sub == "extract" => {
                aliases = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
            }
            Long("threads") => {
                let n: usize = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .parse()
                    .map_err(|e| format!("--threads: {e}"))?;
                if n == 0 {
                    return Err("--threads must be at least 1".into());
                }
                threads = Some(n);
            }
            Long("mb") if sub == "bench" => {
                mb = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .parse()
                    .map_err(|e| format!("--mb: {e}"))?;
            }
            Value(v) if sub == "extract" => paths.push(PathBuf::from(v)),
            other => return Err(other.unexpected().to_string()),
        }
    }
    match sub.as_str() {
        "extract" => {
            if paths.is_empty() {
                return Err("extract needs at least one file or folder".into());
            }
            Ok(Command::Extract {
                format,
                aliases,
                threads,
                paths,
            })
        }
        "bench" => Ok(Command::Bench {
            mb: mb.max(1),
            threads,
        }),
        other => Err(format!("unknown command {other:?}")),
    }
}

/// Runs a command; returns the process exit code.
#[must_use]
pub fn run(command: Command) -> i32 {
    match command {
        Command::Help => {
            print!("{USAGE}");
            0
        }
        Command::Version => {
            println!("claimtrack {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Command::Bench { mb, threads } => {
            let report = crate::bench::run(mb, threads);
            print!("{report}");
            0
        }
        Command::Extract {
            format,
            aliases,
            threads,
            paths,
        } => extract(format, aliases.as_deref(), threads, &paths),
    }
}

fn extract(
    format: Format,
    aliases: Option<&std::path::Path>,
    threads: Option<usize>,
    paths: &[PathBuf],
) -> i32 {
    let extractor = match aliases {
        None => Extractor::new(),
        Some(path) => match Aliases::from_file(path) {
            Ok(user) => Extractor::with_aliases(&user),
            Err(e) => {
                eprintln!("claimtrack: error: {e}");
                return 2;
            }
        },
    };
    let batch = pipeline::run(paths, &extractor, threads, &|_, _| {});
    for error in &batch.errors {
        eprintln!("claimtrack: error: {error}");
    }
    // Every file has been read before anything is written: standard output gets one whole
    // document (only a failing write, such as a closed pipe, can cut it short).
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match format {
        Format::Json => export::write_json(&mut stdout, &batch.articles),
        Format::Csv => stdout.write_all(export::to_csv(&batch.articles).as_bytes()),
    };
    if let Err(e) = written.and_then(|()| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("claimtrack: error: cannot write output: {e}");
        }
        return 1;
    }
    i32::from(!batch.errors.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_extract() {
        let cmd = parse(args(&[
            "extract",
            "--format",
            "csv",
            "--threads",
            "2",
            "a.txt",
            "dir",
        ]))
        .unwrap();
        assert_eq!(
            cmd,
            Command::Extract {
                format: Format::Csv,
                aliases: None,
                threads: Some(2),
                paths: vec!["a.txt".into(), "dir".into()],
            }
        );
    }

    #[test]
    fn usage_errors() {
        assert!(parse(args(&["extract"])).is_err());
        assert!(parse(args(&["extract", "--format", "xml", "a"])).is_err());
        assert!(parse(args(&["frobnicate"])).is_err());
        assert!(parse(args(&["extract", "--threads", "0", "a"])).is_err());
    }
}
