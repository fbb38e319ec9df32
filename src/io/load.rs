//! Loading article files: decoding any common encoding to UTF-8, refusing binary data,
//! reducing HTML to its article text, reading the optional date header and expanding
//! folders to the article files inside. Every error names the file.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::{ArticleDate, DateFrom};

/// The largest article file read, in bytes; larger files are refused rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// File name endings that a folder is searched for.
pub const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "text", "html", "htm"];

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// The path does not exist.
    #[error("no such file or folder")]
    NotFound,
    /// The file exists but could not be read.
    #[error("cannot read: {0}")]
    Io(#[source] io::Error),
    /// The file holds no text at all.
    #[error("the file is empty")]
    Empty,
    /// The file holds binary data, not text.
    #[error("not a text file ({0})")]
    Binary(&'static str),
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("the file is too large ({0} bytes)")]
    TooLarge(u64),
}

/// A file that could not be loaded, with the reason.
#[derive(Debug, thiserror::Error)]
#[error("{kind}: {}", path.display())]
pub struct LoadError {
    /// The file, as given or as found in a folder.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl LoadError {
    fn new(path: &Path, kind: ErrorKind) -> Self {
        Self {
            path: path.to_path_buf(),
            kind,
        }
    }
}

/// A decoded article, ready for extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The path it came from (for display and output).
    pub path: String,
    /// The whole decoded text, header included; all spans index into it.
    pub text: String,
    /// The date from the header (or the HTML metadata), if there is one.
    pub date: Option<ArticleDate>,
    /// Where `date` comes from.
    pub date_from: Option<DateFrom>,
    /// Where the article body starts (after the header).
    pub body_start: usize,
    /// The encoding the file was decoded from.
    pub encoding: &'static str,
}

impl Document {
    /// Builds a document from text already in memory (tests, the app's pasted text).
    #[must_use]
    pub fn from_text(path: &str, text: String) -> Self {
        let (date, body_start) = parse_header(&text);
        Self {
            path: path.to_string(),
            text,
            date,
            date_from: date.map(|_| DateFrom::Header),
            body_start,
            encoding: "UTF-8",
        }
    }
}

/// Reads and decodes one article file.
///
/// # Errors
/// A [`LoadError`] naming the file when it is missing, unreadable, empty, too large or binary.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    decode_file(path, read_file(path)?)
}

/// Reads the bytes of one article file, refusing folders, pipes, devices and files over
/// [`MAX_FILE_BYTES`] before it reads them.
///
/// # Errors
/// A [`LoadError`] naming the file when it is missing, unreadable, not a regular file or too
/// large.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    // Looked at before it is opened: opening a named pipe would wait for a writer.
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::new(
            path,
            ErrorKind::Io(io::Error::other("is a folder")),
        ));
    }
    if !meta.is_file() {
        // A named pipe, socket or device: reading it could block for ever or never end.
        return Err(LoadError::new(
            path,
            ErrorKind::Io(io::Error::other(
                "not a regular file (a pipe, socket or device)",
            )),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::new(path, ErrorKind::TooLarge(meta.len())));
    }
    let mut file = fs::File::open(path).map_err(|e| io_error(path, e))?;
    // One read into a buffer of the file's size (plus one byte to see the end at once).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| io_error(path, e))?;
    Ok(bytes)
}

/// Decodes the bytes read from `path` ([`read_file`]) into a document: HTML by its
/// extension or its content, text in any encoding.
///
/// # Errors
/// A [`LoadError`] naming the file when the bytes hold no usable text.
pub fn decode_file(path: &Path, bytes: Vec<u8>) -> Result<Document, LoadError> {
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    document_from_vec(&path.to_string_lossy(), bytes, is_html)
        .map_err(|kind| LoadError::new(path, kind))
}

/// As [`document_from_bytes`], taking the bytes: UTF-8 text without a byte order mark, the
/// common case, becomes the document's text as it is, validated but not copied.
///
/// # Errors
/// As [`document_from_bytes`].
pub fn document_from_vec(path: &str, bytes: Vec<u8>, is_html: bool) -> Result<Document, ErrorKind> {
    if is_html
        || bytes.is_empty()
        || encoding_rs::Encoding::for_bom(&bytes).is_some()
        || binary_magic(&bytes).is_some()
    {
        return document_from_bytes(path, &bytes, is_html);
    }
    match String::from_utf8(bytes) {
        Ok(text) if !sniff_html(&text) => {
            check_text(&text)?;
            document_from_text(path, normalise_text(text), None, "UTF-8")
        }
        Ok(text) => document_from_bytes(path, text.as_bytes(), is_html),
        Err(e) => document_from_bytes(path, e.as_bytes(), is_html),
    }
}

/// Decodes bytes into a document; `is_html` forces HTML reduction (it is also sniffed).
///
/// # Errors
/// [`ErrorKind::Empty`] or [`ErrorKind::Binary`] when the bytes hold no usable text.
pub fn document_from_bytes(path: &str, bytes: &[u8], is_html: bool) -> Result<Document, ErrorKind> {
    let (decoded, encoding) = decode(bytes)?;
    let looks_html = is_html || sniff_html(&decoded);
    let mut text = if looks_html {
        crate::io::html::article_text(&decoded)
    } else {
        normalise_text(decoded)
    };
    let mut date = None;
    if looks_html && parse_header(&text).0.is_none() {
        date = crate::io::html::published_date(&String::from_utf8_lossy(bytes));
        if let Some(d) = date {
            text = format!(" date {d}\n{text}");
        }
    }
    document_from_text(path, text, date, encoding)
}

/// The document of decoded text; `date` is one the HTML metadata gave.
fn document_from_text(
    path: &str,
    text: String,
    date: Option<ArticleDate>,
    encoding: &'static str,
) -> Result<Document, ErrorKind> {
    if text.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    let (header_date, body_start) = parse_header(&text);
    let date_from = if date.is_some() {
        Some(DateFrom::Html)
    } else {
        header_date.map(|_| DateFrom::Header)
    };
    Ok(Document {
        path: path.to_string(),
        date: header_date.or(date),
        date_from,
        text,
        body_start,
        encoding,
    })
}

/// The number of NUL bytes in a sample.
fn count_nul(sample: &[u8]) -> usize {
    sample.split(|&b| b == 0).count() - 1
}

fn io_error(path: &Path, e: io::Error) -> LoadError {
    let kind = if e.kind() == io::ErrorKind::NotFound {
        ErrorKind::NotFound
    } else {
        ErrorKind::Io(e)
    };
    LoadError::new(path, kind)
}

/// Decodes bytes to a string, detecting the encoding; refuses binary data.
///
/// # Errors
/// [`ErrorKind::Empty`] for no bytes, [`ErrorKind::Binary`] for binary data.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), ErrorKind> {
    if bytes.is_empty() {
        return Err(ErrorKind::Empty);
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if enc != encoding_rs::UTF_8 && had_errors && control_share(&text) > 0.0 {
            return Err(ErrorKind::Binary("undecodable UTF-16"));
        }
        check_text(&text)?;
        return Ok((text.into_owned(), enc.name()));
    }
    if let Some(what) = binary_magic(bytes) {
        return Err(ErrorKind::Binary(what));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        check_text(text)?;
        return Ok((text.to_string(), "UTF-8"));
    }
    // Not UTF-8: guess a legacy encoding (Windows-1252 for most German text).
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if count_nul(sample) * 100 > sample.len() {
        return Err(ErrorKind::Binary("contains NUL bytes"));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, sample.len() == bytes.len());
    let mut enc = detector.guess(None, true);
    if enc == encoding_rs::UTF_8 {
        enc = encoding_rs::WINDOWS_1252;
    }
    let (text, _, _) = enc.decode(bytes);
    check_text(&text)?;
    Ok((text.into_owned(), enc.name()))
}

/// Refuses text that is mostly control characters (binary data that happens to decode).
fn check_text(text: &str) -> Result<(), ErrorKind> {
    if text.is_empty() {
        return Err(ErrorKind::Empty);
    }
    if control_share(text) > 0.02 {
        return Err(ErrorKind::Binary("control characters"));
    }
    Ok(())
}

/// The share of control characters (other than white space) in the first 8,192 characters.
fn control_share(text: &str) -> f64 {
    // Byte by byte over the first 8192 characters: a character starts at every byte that is
    // no continuation byte; the control characters are C0 (but line breaks, tabs and form
    // feeds), DEL, C1 (`C2 80`-`C2 9F`) and the replacement character (`EF BF BD`).
    let bytes = text.as_bytes();
    let is_control = |i: usize, b: u8| {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match b {
            b'\n' | b'\r' | b'\t' | 0x0c => false,
            0..0x20 | 0x7f => true,
            0xc2 => (0x80..0xa0).contains(&next(1)),
            0xef => next(1) == 0xbf && next(2) == 0xbd,
            _ => false,
        }
    };
    // 8192 characters are at most 32 KB: where no control character is there, there is none
    // (the common case). C0 and DEL are tested 64 bytes at a time without an early exit in
    // the block, which the compiler vectorises; C1 and the replacement character begin with
    // bytes rare in text, found with `memchr`.
    let window = &bytes[..bytes.len().min(32 * 1024)];
    let c0 = window.chunks(64).any(|block| {
        block.iter().fold(false, |seen, &b| {
            seen | ((b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f)
        })
    });
    let c1 = || {
        memchr::memchr_iter(0xc2, window)
            .any(|i| window.get(i + 1).is_some_and(|b| (0x80..0xa0).contains(b)))
    };
    let replacement = || memchr::memmem::find(window, &[0xef, 0xbf, 0xbd]).is_some();
    if !text.is_empty() && !c0 && !c1() && !replacement() {
        return 0.0;
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xc0 == 0x80 {
            continue;
        }
        if total == 8 * 1024 {
            break;
        }
        total += 1;
        if is_control(i, b) {
            control += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        control as f64 / total as f64
    }
}

/// Recognises common binary formats by their first bytes.
fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 10] = [
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip archive"),
        (b"\x7fELF", "executable"),
        (b"MZ", "executable"),
        (b"BZh", "bzip2 archive"),
        (b"\xfd7zXZ", "xz archive"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// Normalises line endings to `\n` and drops NUL characters, so offsets are stable.
fn normalise_text(text: String) -> String {
    // One vectorised pass for both bytes (most texts have neither).
    if memchr::memchr2(b'\r', 0, text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\0' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn sniff_html(text: &str) -> bool {
    // The opening bytes compared ignoring ASCII case: no copy of the text's head.
    let head = text.trim_start().as_bytes();
    ["<!doctype html", "<html"].iter().any(|tag| {
        head.get(..tag.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(tag.as_bytes()))
    })
}

/// Reads the optional ` date YYYY[-MM[-DD]]` header; returns the date and where the body starts.
///
/// The body starts after the date and the white space that follows it, whether the text goes on
/// on the same line (as in agency feeds) or on the next one.
#[must_use]
pub fn parse_header(text: &str) -> (Option<ArticleDate>, usize) {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let Some(rest) = trimmed.strip_prefix("date") else {
        return (None, 0);
    };
    let after_word = rest.trim_start_matches([' ', '\t']);
    if after_word.len() == rest.len() {
        return (None, 0);
    }
    let date_len = after_word
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    let date_text = &after_word[..date_len];
    let Some(date) = ArticleDate::parse(date_text) else {
        return (None, 0);
    };
    let after_date = &after_word[date_len..];
    if !after_date.is_empty() && !after_date.starts_with(char::is_whitespace) {
        return (None, 0);
    }
    let body = after_date.trim_start();
    let body_start = text.len() - body.len();
    debug_assert!(body_start >= lead);
    (Some(date), body_start)
}

/// Expands the given paths: files stay as they are, folders become the article files inside
/// (recursively, sorted, hidden entries skipped, symbolic-link loops broken).
/// Paths that do not exist are returned as errors; the rest go on.
#[must_use]
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut seen_dirs, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
            Err(e) => errors.push(io_error(path, e)),
        }
    }
    (files, errors)
}

fn walk_dir(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<LoadError>,
) {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(io_error(dir, e));
            return;
        }
    };
    // The entry's own type where the folder gives it (no call per file); a link is followed.
    // The children share the folder: their names order them as their paths would, and are
    // compared as bytes, not split into components.
    let mut children: Vec<(std::ffi::OsString, Option<fs::FileType>)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name(), e.file_type().ok()))
        .collect();
    children.sort_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
    for (name, kind) in children {
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let child = dir.join(&name);
        match kind {
            Some(t) if t.is_file() => {
                if is_article_file(&child) {
                    files.push(child);
                }
                continue;
            }
            Some(t) if t.is_dir() => {
                walk_dir(&child, seen, files, errors);
                continue;
            }
            _ => {}
        }
        match fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk_dir(&child, seen, files, errors),
            Ok(_) if is_article_file(&child) => files.push(child),
            Ok(_) => {}
            // A dangling link or a file that vanished: report it, go on.
            Err(e) => errors.push(io_error(&child, e)),
        }
    }
}

/// Whether a file name ends in one of [`ARTICLE_EXTENSIONS`].
#[must_use]
pub fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_variants() {
        let cases = [
            (" date 2021-12 Der Text", Some("2021-12"), "Der Text"),
            ("date 2022-01-05\n\nText", Some("2022-01-05"), "Text"),
            ("  date 2020\nText", Some("2020"), "Text"),
            ("date 2020-13 Text", None, "date 2020-13 Text"),
            ("dates 2020 Text", None, "dates 2020 Text"),
            ("Kein Kopf", None, "Kein Kopf"),
            (" date 2021-12", Some("2021-12"), ""),
        ];
        for (text, date, body) in cases {
            let (d, start) = parse_header(text);
            assert_eq!(d.map(|d| d.to_string()).as_deref(), date, "{text:?}");
            assert_eq!(&text[start..], body, "{text:?}");
        }
    }

    #[test]
    fn decodes_encodings() {
        let utf8 = "Über 300 Menschen".as_bytes();
        assert_eq!(decode(utf8).unwrap().0, "Über 300 Menschen");
        let bom = [b"\xef\xbb\xbf".as_slice(), utf8].concat();
        assert_eq!(decode(&bom).unwrap().0, "Über 300 Menschen");
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "Über 300".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap().0, "Über 300");
        let latin1 = b"\xdcber 300 Menschen in M\xfcnchen und Stra\xdfburg gr\xfc\xdfen";
        let (text, enc) = decode(latin1).unwrap();
        assert!(
            text.starts_with("Über 300 Menschen in München"),
            "{text} {enc}"
        );
    }

    /// The share of control characters as it was counted char by char.
    fn control_share_by_chars(text: &str) -> f64 {
        let mut total = 0usize;
        let mut control = 0usize;
        for c in text.chars().take(8 * 1024) {
            total += 1;
            if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{fffd}' {
                control += 1;
            }
        }
        if total == 0 {
            0.0
        } else {
            control as f64 / total as f64
        }
    }

    #[test]
    fn control_share_counts_bytes_as_it_counted_chars() {
        let mut rng = crate::bench::Rng(7);
        let alphabet = [
            "a", "Ü", "\n", "\r", "\t", "\u{c}", "\0", "\u{1b}", "\u{7f}", "\u{85}", "\u{9f}",
            "\u{a0}", "\u{fffd}", "\u{fffc}", "€", "😀", " ",
        ];
        for len in [0, 1, 5, 100, 9000] {
            for _ in 0..20 {
                let text: String = (0..len)
                    .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
                    .collect();
                assert!(
                    (control_share(&text) - control_share_by_chars(&text)).abs() < 1e-12,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn refuses_binary() {
        assert!(matches!(decode(b""), Err(ErrorKind::Empty)));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(ErrorKind::Binary(_))
        ));
        let noise: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(matches!(decode(&noise), Err(ErrorKind::Binary(_))));
    }
}
