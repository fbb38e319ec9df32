//! The command line: `claimtrack extract`, `chart` and `bench`, and the app when no command
//! is given. Parsing is separate from running so that both can be tested; every failure is
//! one [`Error`], reported in one place.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::analysis::series::{self, GroupBy, SeriesKey};
use crate::corpus::Corpus;
use crate::extract::Aliases;
use crate::extract::Extractor;
use crate::io::export;
use crate::io::load::LoadError;
use crate::io::origin::Origin;
use crate::io::pipeline::{self, LoadOptions};
use crate::io::workspace::Workspace;
use crate::model::{ExtractedArticle, Lang};
use crate::render::chart::ChartOptions;

/// The usage text.
pub const USAGE: &str = "\
claimtrack: find, compare and track the figures in news articles

USAGE:
    claimtrack [PATHS...]
    claimtrack extract [--format json|csv] [--aliases FILE] [--workspace FILE]
                       [--threads N] PATHS...
    claimtrack chart [--subject S] [--action A] [--log] [--workspace FILE]
                     [--group-by entity|side] [--title T] [--subtitle S] [--credit C] [--lang de|en]
                     [--width W] [--height H] [--labels]
                     --out FILE.svg|FILE.png PATHS...
    claimtrack compare [--subject S] [--action A] [--window DAYS]
                       [--format text|json] [--workspace FILE]
                       [--group-by entity|side] PATHS...
    claimtrack bench [--mb N] [--threads N] [FILE|DIR ...]
    claimtrack --help | --version

COMMANDS:
    (none)    Open the app: the last workspace (the bundled sample articles at
              the first start), or the articles and folders given.
    extract   Extract the claims of article files (folders are searched for
              .txt, .text, .html and .htm files) and write them to standard
              output as JSON (default) or CSV. Errors go to standard error, one
              line per file. Exit status: 0 when every file loaded, 1 when some
              did not (the rest is still written), 2 on a usage error.
    chart     Draw the timeline of the claims on one subject (default: the
              commonest) as an SVG or PNG image, as the app exports it: a
              title, the value axis named by what it counts, a legend under the
              plot, a source line and a credit, in German or English. An SVG
              carries the title and a description of the values (alt text); a
              PNG has twice the pixels of the size.
    compare   Group the claims into series (same concept, action, kind and
              unit; change figures apart) and report, per series and period,
              the disagreements between named sources (figures that cannot
              all hold) and each source's revisions (its later figure).
    bench     Generate a corpus of article text and measure extraction speed: in memory,
              and end to end over the given files (or the corpus written as files).

OPTIONS:
    --format json|csv   Output format of extract (default json).
    --format text|json  Output format of compare (default text).
    --aliases FILE      Add entity aliases, one `ALIAS = ENTITY` per line.
    --workspace FILE    Apply the corrections and entity choices saved in an
                        app workspace file.
    --subject S         Chart or compare the claims counting S (a concept such
                        as soldiers, or a subject as written).
    --action A          Only the claims with action A.
    --window DAYS       Compare: a day-dated claim covers DAYS days around its
                        date (default: calendar months).
    --group-by entity|side
                        Chart or compare each entity apart (default), or by
                        side: a person with the state or organisation it
                        speaks for (a state or organisation speaks for itself).
    --log               Chart on a logarithmic value axis.
    --title T           The chart's title (default: made from what is counted,
                        \"Troops massed, by source\").
    --subtitle S        A line under the title.
    --credit C          The credit at the bottom right (default \"Chart:
                        claimtrack\" / \"Grafik: claimtrack\"; \"\" for none).
    --lang de|en        The chart's language (default: the language of most
                        of the plotted claims' articles).
    --width W           Width in pixels, 300 to 16384 (default 1200).
    --height H          Height in pixels, 200 to 16384 (default 700).
    --labels            Write each mark's value beside it.
    --out FILE          Where to write the chart (.svg or .png).
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
        /// A workspace whose corrections apply.
        workspace: Option<PathBuf>,
        /// Worker threads.
        threads: Option<usize>,
        /// Files and folders.
        paths: Vec<PathBuf>,
    },
    /// `claimtrack [PATHS...]`: the app.
    App {
        /// Articles and folders to open instead of the last workspace.
        paths: Vec<PathBuf>,
    },
    /// `claimtrack chart`.
    Chart {
        /// Only claims counting this.
        subject: Option<String>,
        /// Only claims with this action.
        action: Option<String>,
        /// Size, scale, language, title, subtitle, credit, value labels.
        options: ChartOptions,
        /// Lines per entity or per side.
        group_by: GroupBy,
        /// A workspace whose corrections apply.
        workspace: Option<PathBuf>,
        /// The image file.
        out: PathBuf,
        /// Files and folders.
        paths: Vec<PathBuf>,
    },
    /// `claimtrack compare`.
    Compare {
        /// Only series counting this.
        subject: Option<String>,
        /// Only series with this action.
        action: Option<String>,
        /// Periods: a window in days, or calendar months.
        window: Option<u32>,
        /// JSON instead of text.
        json: bool,
        /// Sources told apart by entity or by side.
        group_by: GroupBy,
        /// A workspace whose corrections apply.
        workspace: Option<PathBuf>,
        /// Files and folders.
        paths: Vec<PathBuf>,
    },
    /// `claimtrack bench`.
    Bench {
        /// Corpus size in MB.
        mb: usize,
        /// Worker threads for the parallel run.
        threads: Option<usize>,
        /// Files or folders to run end to end over (none: the generated corpus).
        paths: Vec<PathBuf>,
    },
    /// `--help`.
    Help,
    /// `--version`.
    Version,
}

/// The next option value as a string.
fn string_value(parser: &mut lexopt::Parser) -> Result<String, String> {
    use lexopt::ValueExt;
    parser
        .value()
        .map_err(|e| e.to_string())?
        .string()
        .map_err(|e| e.to_string())
}

/// The next option value as a number of pixels within `range`.
fn pixels(
    parser: &mut lexopt::Parser,
    name: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, String> {
    let v = string_value(parser)?;
    let n: u32 = v
        .trim()
        .parse()
        .map_err(|_| format!("--{name}: {v:?} is not a number of pixels"))?;
    if !range.contains(&n) {
        return Err(format!(
            "--{name} must be {} to {} pixels",
            range.start(),
            range.end()
        ));
    }
    Ok(n)
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
        None => return Ok(Command::App { paths: Vec::new() }),
        Some(Long("help") | Short('h')) => return Ok(Command::Help),
        Some(Long("version") | Short('V')) => return Ok(Command::Version),
        Some(Value(v)) => {
            if let Some(name @ ("extract" | "chart" | "compare" | "bench")) = v.to_str() {
                name.to_string()
            } else {
                // Not a command: the app opens these paths (a word that is no path is a
                // mistyped command).
                let first = PathBuf::from(&v);
                let looks_like_path =
                    first.exists() || first.extension().is_some() || first.components().count() > 1;
                if !looks_like_path {
                    return Err(format!(
                        "unknown command or missing file {:?}",
                        v.to_string_lossy()
                    ));
                }
                let mut paths = vec![first];
                for arg in parser.raw_args().map_err(|e| e.to_string())? {
                    paths.push(PathBuf::from(arg));
                }
                return Ok(Command::App { paths });
            }
        }
        Some(other) => return Err(other.unexpected().to_string()),
    };
    let mut format = Format::Json;
    let mut aliases = None;
    let mut workspace = None;
    let mut subject = None;
    let mut action = None;
    let mut out = None;
    let mut chart = ChartOptions::default();
    let mut threads = None;
    let mut mb = 24;
    let mut window = None;
    let mut json = false;
    let mut group_by = GroupBy::Entity;
    let mut paths = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("help") | Short('h') => return Ok(Command::Help),
            Long("format") if sub == "extract" => {
                let v: String = string_value(&mut parser)?;
                format = match v.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    _ => return Err(format!("unknown format {v:?} (expected json or csv)")),
                };
            }
            Long("format") if sub == "compare" => {
                let v: String = string_value(&mut parser)?;
                json = match v.as_str() {
                    "json" => true,
                    "text" => false,
                    _ => return Err(format!("unknown format {v:?} (expected text or json)")),
                };
            }
            Long("window") if sub == "compare" => {
                let v: String = string_value(&mut parser)?;
                let days: u32 = v
                    .parse()
                    .map_err(|_| format!("--window: {v:?} is not a number of days"))?;
                if days == 0 {
                    return Err("--window must be at least 1 day".into());
                }
                window = Some(days);
            }
            Long("group-by") if sub == "chart" || sub == "compare" => {
                let v: String = string_value(&mut parser)?;
                group_by = GroupBy::parse(v.trim())
                    .ok_or_else(|| format!("--group-by: {v:?} (expected entity or side)"))?;
            }
            Long("aliases") if sub == "extract" => {
                aliases = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
            }
            Long("workspace") if sub != "bench" => {
                workspace = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
            }
            Long("subject") if sub == "chart" || sub == "compare" => {
                subject = Some(string_value(&mut parser)?);
            }
            Long("action") if sub == "chart" || sub == "compare" => {
                action = Some(string_value(&mut parser)?);
            }
            Long("out") | Short('o') if sub == "chart" => {
                out = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
            }
            Long("log") if sub == "chart" => chart.log_y = true,
            Long("labels") if sub == "chart" => chart.labels = true,
            Long("title") if sub == "chart" => chart.title = Some(string_value(&mut parser)?),
            Long("subtitle") if sub == "chart" => {
                chart.subtitle = Some(string_value(&mut parser)?);
            }
            Long("credit") if sub == "chart" => chart.credit = Some(string_value(&mut parser)?),
            Long("lang") if sub == "chart" => {
                let v = string_value(&mut parser)?;
                chart.lang =
                    Some(Lang::from_code(v.trim()).ok_or_else(|| {
                        format!("unknown chart language {v:?} (expected de or en)")
                    })?);
            }
            Long("width") if sub == "chart" => {
                chart.width = pixels(&mut parser, "width", 300..=16_384)?;
            }
            Long("height") if sub == "chart" => {
                chart.height = pixels(&mut parser, "height", 200..=16_384)?;
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
            Value(v) => paths.push(PathBuf::from(v)),
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
                workspace,
                threads,
                paths,
            })
        }
        "chart" => {
            let out = out.ok_or("chart needs --out FILE.svg or --out FILE.png")?;
            let ext = out
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if !matches!(ext.as_deref(), Some("svg" | "png")) {
                return Err(format!(
                    "--out {}: the chart is written as .svg or .png",
                    out.display()
                ));
            }
            if paths.is_empty() {
                return Err("chart needs at least one file or folder".into());
            }
            Ok(Command::Chart {
                subject,
                action,
                options: chart,
                group_by,
                workspace,
                out,
                paths,
            })
        }
        "compare" => {
            if paths.is_empty() {
                return Err("compare needs at least one file or folder".into());
            }
            Ok(Command::Compare {
                subject,
                action,
                window,
                json,
                group_by,
                workspace,
                paths,
            })
        }
        "bench" => Ok(Command::Bench {
            mb: mb.max(1),
            threads,
            paths,
        }),
        other => Err(format!("unknown command {other:?}")),
    }
}

/// Runs a command; returns the process exit code: 0 when everything worked, 1 when some
/// files or writes failed (the rest is done), 2 when nothing could run.
#[must_use]
pub fn run(command: Command) -> i32 {
    match execute(command) {
        Ok(Done::All) => 0,
        Ok(Done::SomeFailed) => 1,
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
}

/// How a command that ran ended.
enum Done {
    /// Everything worked.
    All,
    /// Some files failed; each was reported and the rest was done.
    SomeFailed,
}

impl Done {
    fn failed_if(failed: bool) -> Self {
        if failed { Self::SomeFailed } else { Self::All }
    }
}

/// Tells the user of a failure on standard error, one line.
fn report(error: &Error) {
    if error.is_reportable() {
        eprintln!("claimtrack: error: {error}");
    }
}

fn execute(command: Command) -> Result<Done, Error> {
    match command {
        Command::Help => {
            print!("{USAGE}");
            Ok(Done::All)
        }
        Command::Version => {
            println!("claimtrack {}", env!("CARGO_PKG_VERSION"));
            Ok(Done::All)
        }
        Command::Bench { mb, threads, paths } => {
            let report = crate::bench::run(mb, threads, &paths);
            print!("{report}");
            Ok(Done::All)
        }
        Command::Extract {
            format,
            aliases,
            workspace,
            threads,
            paths,
        } => extract(
            format,
            aliases.as_deref(),
            workspace.as_deref(),
            threads,
            &paths,
        ),
        Command::Chart {
            subject,
            action,
            options,
            group_by,
            workspace,
            out,
            paths,
        } => chart(
            subject.as_deref(),
            action.as_deref(),
            &options,
            group_by,
            workspace.as_deref(),
            &out,
            &paths,
        ),
        Command::Compare {
            subject,
            action,
            window,
            json,
            group_by,
            workspace,
            paths,
        } => compare(
            subject.as_deref(),
            action.as_deref(),
            window,
            json,
            group_by,
            workspace.as_deref(),
            &paths,
        ),
        Command::App { paths } => run_app(&paths).map(|()| Done::All),
    }
}

/// Opens the app's window.
#[cfg(feature = "gui")]
fn run_app(paths: &[PathBuf]) -> Result<(), Error> {
    crate::app::shell::run(paths).map_err(Error::Window)
}

/// Without the `gui` feature there is no window to open.
#[cfg(not(feature = "gui"))]
fn run_app(_paths: &[PathBuf]) -> Result<(), Error> {
    eprintln!("{USAGE}");
    Err(Error::NoApp)
}

/// The command line's paths as origins: files and folders, never bundled samples.
fn origins(paths: &[PathBuf]) -> Vec<Origin> {
    paths.iter().cloned().map(Origin::File).collect()
}

/// Reports every file that failed to load; whether there was one.
fn report_load_errors(errors: Vec<LoadError>) -> bool {
    let failed = !errors.is_empty();
    for e in errors {
        report(&Error::Load(e));
    }
    failed
}

/// Loads articles and applies a workspace's corrections: the claims as the app shows them,
/// and whether some file failed.
fn corrected(
    paths: &[PathBuf],
    extractor: &Extractor,
    workspace: Option<&Path>,
    threads: Option<usize>,
) -> Result<(Corpus, bool), Error> {
    let mut ws = match workspace {
        Some(path) => Workspace::load(path)?,
        None => Workspace::default(),
    };
    let options = LoadOptions {
        threads,
        ..LoadOptions::default()
    };
    let loaded = pipeline::load_articles(&origins(paths), extractor, &options);
    let failed = report_load_errors(loaded.errors);
    let mut corpus = Corpus::default();
    corpus.add(loaded.articles);
    corpus.rebuild(&ws);
    // Entity choices keyed by names the extractor no longer gives apply to the source texts
    // they were named after, as in the app (the file is not changed).
    let migration = corpus.migrate(&ws.entities);
    for moved in &migration.moved {
        eprintln!("claimtrack: note: {}", moved.message());
    }
    if !migration.aliases.is_empty() {
        for (text, to) in &migration.aliases {
            ws.entities.move_alias(text, to);
        }
        corpus.rebuild(&ws);
    }
    Ok((corpus, failed))
}

fn chart(
    subject: Option<&str>,
    action: Option<&str>,
    options: &ChartOptions,
    group_by: GroupBy,
    workspace: Option<&Path>,
    out: &Path,
    paths: &[PathBuf],
) -> Result<Done, Error> {
    let (corpus, failed) = corrected(paths, &Extractor::new(), workspace, None)?;
    let rows: Vec<usize> = (0..corpus.rows.len()).collect();
    let chosen: Vec<SeriesKey> = if subject.is_none() && action.is_none() {
        crate::analysis::timeline::default_series(&corpus, &rows)
            .into_iter()
            .collect()
    } else {
        series::choose(&corpus, &rows, subject, action)
            .into_iter()
            .map(|s| s.key)
            .collect()
    };
    let timeline =
        crate::analysis::timeline::build_by(&corpus, &rows, &chosen, usize::MAX, group_by);
    if timeline.points.is_empty() {
        eprintln!("claimtrack: warning: no dated claims match; the chart is empty");
    }
    crate::render::chart::write_chart(&timeline, options, out)?;
    eprintln!(
        "claimtrack: wrote {} ({} claims on “{}”, in {})",
        out.display(),
        timeline.points.len(),
        timeline.title,
        crate::render::labels::chart_lang(&timeline, options).code()
    );
    Ok(Done::failed_if(failed))
}

fn compare(
    subject: Option<&str>,
    action: Option<&str>,
    window: Option<u32>,
    json: bool,
    group_by: GroupBy,
    workspace: Option<&Path>,
    paths: &[PathBuf],
) -> Result<Done, Error> {
    let (corpus, failed) = corrected(paths, &Extractor::new(), workspace, None)?;
    let all: Vec<usize> = (0..corpus.rows.len()).collect();
    // The chosen claims: every claim of the level series the choice selects, and the
    // change figures of the same concepts and actions (reported as left out).
    let rows: Vec<usize> = if subject.is_none() && action.is_none() {
        all
    } else {
        let keys: Vec<SeriesKey> = series::choose(&corpus, &all, subject, action)
            .into_iter()
            .map(|s| s.key)
            .collect();
        all.into_iter()
            .filter(|&r| keys.contains(&SeriesKey::of(&corpus.rows[r].claim).level()))
            .collect()
    };
    let options = crate::analysis::compare::Options {
        periods: window.map_or(series::Periods::Months, series::Periods::Window),
        group_by,
    };
    let analysis = crate::analysis::compare::analyse(&corpus, &rows, options);
    let text = if json {
        let mut s = serde_json::to_string_pretty(&analysis.to_json(&corpus))
            .map_err(|e| Error::Output(std::io::Error::other(e)))?;
        s.push('\n');
        s
    } else {
        analysis.to_text(&corpus)
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Error::Output)?;
    Ok(Done::failed_if(failed))
}

fn extract(
    format: Format,
    aliases: Option<&std::path::Path>,
    workspace: Option<&Path>,
    threads: Option<usize>,
    paths: &[PathBuf],
) -> Result<Done, Error> {
    let extractor = match aliases {
        None => Extractor::new(),
        Some(path) => Extractor::with_aliases(&Aliases::from_file(path)?),
    };
    if workspace.is_some() {
        let (corpus, failed) = corrected(paths, &extractor, workspace, threads)?;
        let rows: Vec<usize> = (0..corpus.rows.len()).collect();
        write_output(format, &corpus.export(&rows))?;
        return Ok(Done::failed_if(failed));
    }
    let stop = std::sync::atomic::AtomicBool::new(false);
    let options = LoadOptions {
        threads,
        cancel: Some(&stop),
        ..LoadOptions::default()
    };
    if format == Format::Json {
        // Written as the articles come, while later files are still being extracted; a file
        // that fails is reported when its turn comes. A failing write (a closed pipe) stops
        // writing; the error is reported once at the end.
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let mut writer = export::JsonWriter::default();
        let mut failed = false;
        let mut written: std::io::Result<()> = Ok(());
        pipeline::each_claims(
            &origins(paths),
            &extractor,
            &options,
            |result| match result {
                Ok(article) => {
                    if written.is_ok() {
                        written = writer.article(&mut stdout, &article);
                        if written.is_err() {
                            // Nobody reads on: extract no more.
                            stop.store(true, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                }
                Err(e) => {
                    failed = true;
                    report(&Error::Load(e));
                }
            },
        );
        written
            .and_then(|()| writer.finish(&mut stdout))
            .and_then(|()| stdout.flush())
            .map_err(Error::Output)?;
        return Ok(Done::failed_if(failed));
    }
    let loaded = pipeline::load_claims(&origins(paths), &extractor, &options);
    let failed = report_load_errors(loaded.errors);
    write_output(format, &loaded.articles)?;
    Ok(Done::failed_if(failed))
}

fn write_output(format: Format, articles: &[ExtractedArticle]) -> Result<(), Error> {
    // Every file has been read before anything is written: standard output gets one whole
    // document (only a failing write, such as a closed pipe, can cut it short).
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match format {
        Format::Json => export::write_json(&mut stdout, articles),
        Format::Csv => stdout.write_all(export::to_csv(articles).as_bytes()),
    };
    written.and_then(|()| stdout.flush()).map_err(Error::Output)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_group_by() {
        let cmd = parse(args(&["compare", "--group-by", "side", "a.txt"])).unwrap();
        assert!(matches!(
            cmd,
            Command::Compare {
                group_by: GroupBy::Side,
                ..
            }
        ));
        let cmd = parse(args(&["chart", "--out", "c.svg", "a.txt"])).unwrap();
        assert!(matches!(
            cmd,
            Command::Chart {
                group_by: GroupBy::Entity,
                ..
            }
        ));
        assert!(parse(args(&["compare", "--group-by", "party", "a.txt"])).is_err());
        assert!(parse(args(&["extract", "--group-by", "side", "a.txt"])).is_err());
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
                workspace: None,
                threads: Some(2),
                paths: vec!["a.txt".into(), "dir".into()],
            }
        );
    }

    #[test]
    fn no_command_opens_the_app() {
        assert_eq!(parse(args(&[])).unwrap(), Command::App { paths: vec![] });
        assert_eq!(
            parse(args(&["news/a.txt", "more"])).unwrap(),
            Command::App {
                paths: vec!["news/a.txt".into(), "more".into()]
            }
        );
        assert!(matches!(
            parse(args(&["chart", "--out", "c.svg", "a.txt"])).unwrap(),
            Command::Chart { .. }
        ));
    }

    #[test]
    fn parses_chart_options() {
        let cmd = parse(args(&[
            "chart",
            "--title",
            "Truppen",
            "--subtitle",
            "an der Grenze",
            "--credit",
            "",
            "--lang",
            "de",
            "--width",
            "800",
            "--height",
            "500",
            "--labels",
            "--log",
            "--out",
            "c.png",
            "a.txt",
        ]))
        .unwrap();
        let Command::Chart { options, out, .. } = cmd else {
            panic!("{cmd:?}");
        };
        assert_eq!(out, PathBuf::from("c.png"));
        assert_eq!(
            options,
            ChartOptions {
                width: 800,
                height: 500,
                log_y: true,
                lang: Some(Lang::De),
                title: Some("Truppen".into()),
                subtitle: Some("an der Grenze".into()),
                credit: Some(String::new()),
                labels: true,
            }
        );
        for bad in [
            &["chart", "--lang", "fr", "--out", "c.svg", "a"][..],
            &["chart", "--width", "10", "--out", "c.svg", "a"],
            &["chart", "--height", "tall", "--out", "c.svg", "a"],
            &["extract", "--labels", "a"],
        ] {
            assert!(parse(args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn usage_errors() {
        assert!(parse(args(&["extract"])).is_err());
        assert!(parse(args(&["extract", "--format", "xml", "a"])).is_err());
        assert!(parse(args(&["frobnicate"])).is_err());
        assert!(parse(args(&["extract", "--threads", "0", "a"])).is_err());
    }
}
