//! Writing claims: the JSON schema of EXTRACTION.md (`{"articles": [...]}`) and CSV with one
//! row per claim and the same fields, header first.

use std::fmt::Write as _;

use crate::model::{ClaimExtras, ExtractedArticle};

/// The JSON document for a set of articles.
///
/// # Errors
/// Only if serialisation fails, which plain data does not.
pub fn to_json(articles: &[ExtractedArticle]) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json(&mut out, articles).map_err(serde_json::Error::io)?;
    String::from_utf8(out).map_err(|e| serde_json::Error::io(std::io::Error::other(e)))
}

/// Writes the JSON document: the schema of EXTRACTION.md, one claim per line, so that it
/// is both compact and readable line by line.
///
/// # Errors
/// When writing fails.
pub fn write_json(
    out: &mut impl std::io::Write,
    articles: &[ExtractedArticle],
) -> std::io::Result<()> {
    let mut writer = JsonWriter::default();
    for article in articles {
        writer.article(out, article)?;
    }
    writer.finish(out)
}

/// Writes the JSON document article by article, as they come (the command line streams its
/// output while later files are still being extracted).
#[derive(Default)]
pub struct JsonWriter {
    /// Articles written so far.
    written: usize,
    /// A claim's object before its extras are appended (reused from claim to claim).
    object: Vec<u8>,
}

/// Writes a claim's JSON object, and its extras after its fields, straight into `out`: the
/// bytes `serde_json` writes for the claim (a test holds the two together), without
/// building the object twice. Numbers with a fraction go through `serde_json`, so that they
/// are printed as it prints them.
fn write_claim(out: &mut Vec<u8>, claim: &crate::model::Claim, extra: Option<&ClaimExtras>) {
    out.extend_from_slice(b"{\"number\":");
    write_span(out, claim.number);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &claim.text);
    out.extend_from_slice(b",\"value\":");
    write_f64(out, claim.value);
    out.extend_from_slice(b",\"high\":");
    match claim.high {
        Some(high) => write_f64(out, high),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"qualifier\":");
    write_str(out, claim.qualifier.as_str());
    out.extend_from_slice(b",\"kind\":");
    write_str(out, claim.kind.as_str());
    for (name, value) in [
        (&b",\"unit\":"[..], &claim.unit),
        (b",\"subject\":", &claim.subject),
        (b",\"action\":", &claim.action),
        (b",\"concept\":", &claim.concept),
    ] {
        out.extend_from_slice(name);
        write_opt_str(out, value.as_deref());
    }
    out.extend_from_slice(if claim.is_change {
        b",\"is_change\":true"
    } else {
        b",\"is_change\":false"
    });
    out.extend_from_slice(b",\"sentence\":");
    write_span(out, claim.sentence);
    out.extend_from_slice(b",\"source\":");
    match &claim.source {
        None => out.extend_from_slice(b"null"),
        Some(source) => {
            out.extend_from_slice(b"{\"span\":");
            write_span(out, source.span);
            out.extend_from_slice(b",\"text\":");
            write_str(out, &source.text);
            out.extend_from_slice(b",\"entity\":");
            write_opt_str(out, source.entity.as_deref());
            out.extend_from_slice(b",\"affiliation\":");
            write_opt_str(out, source.affiliation.as_deref());
            if source.unresolved {
                out.extend_from_slice(b",\"unresolved\":true");
            }
            out.push(b'}');
        }
    }
    if let Some(extra) = extra {
        out.extend_from_slice(b",\"sentence_text\":");
        write_str(out, &extra.sentence_text);
        out.extend_from_slice(b",\"status\":");
        write_str(out, extra.status);
    }
    out.push(b'}');
}

fn write_span(out: &mut Vec<u8>, span: crate::model::Span) {
    out.push(b'[');
    write_usize(out, span.start);
    out.push(b',');
    write_usize(out, span.end);
    out.push(b']');
}

/// A whole number in decimal digits, without the formatting machinery.
fn write_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        // A digit is below ten: the cast keeps it whole.
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn write_f64(out: &mut Vec<u8>, value: f64) {
    // Writing into a vector cannot fail.
    let _ = serde_json::to_writer(&mut *out, &value);
}

fn write_opt_str(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string as `serde_json` escapes it: `"` and `\\`, and the control characters
/// below 0x20 (`\\n`, `\\t` and the like by name, the others as `\\u00XX`). Eight bytes at a
/// time are passed over when none of them needs it; the runs between escapes are copied
/// whole.
fn write_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // Whether some byte of `w` is below 0x20, a quote (0x22) or a backslash (0x5c), exact
    // for "some".
    let needs_escape = |w: u64| {
        let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        (w.wrapping_sub(0x20 * ONES) & !w & HIGH)
            | zero(w ^ (0x22 * ONES))
            | zero(w ^ (0x5c * ONES))
            != 0
    };
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // The last few bytes are tested as a word too, padded with spaces (no escape).
        let word = crate::extract::token::eight_bytes(bytes, i).unwrap_or_else(|| {
            let mut padded = [b' '; 8];
            let rest = &bytes[i..];
            padded[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(padded)
        });
        if !needs_escape(word) {
            i += 8;
            continue;
        }
        let end = (i + 8).min(bytes.len());
        for (k, &b) in bytes.iter().enumerate().take(end).skip(i) {
            if let Some((escape, n)) = escape_of(b) {
                out.extend_from_slice(&bytes[run..k]);
                out.extend_from_slice(&escape[..n]);
                run = k + 1;
            }
        }
        i = end;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The escape `serde_json` writes for a byte, if it writes one: its bytes and how many.
fn escape_of(b: u8) -> Option<([u8; 6], usize)> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let named = |c: u8| Some(([b'\\', c, 0, 0, 0, 0], 2));
    match b {
        b'"' | b'\\' => named(b),
        b'\n' => named(b'n'),
        b'\t' => named(b't'),
        b'\r' => named(b'r'),
        0x08 => named(b'b'),
        0x0c => named(b'f'),
        0..0x20 => Some((
            [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ],
            6,
        )),
        _ => None,
    }
}

impl JsonWriter {
    /// Writes one article (the document's opening before the first).
    ///
    /// # Errors
    /// When writing fails.
    pub fn article(
        &mut self,
        out: &mut impl std::io::Write,
        article: &ExtractedArticle,
    ) -> std::io::Result<()> {
        if self.written == 0 {
            out.write_all(b"{\"articles\": [")?;
        }
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        out.write_all(b"  {\"path\": ")?;
        serde_json::to_writer(&mut *out, &article.path)?;
        out.write_all(b", \"date\": ")?;
        serde_json::to_writer(&mut *out, &article.date)?;
        out.write_all(b", \"date_from\": ")?;
        serde_json::to_writer(&mut *out, &article.date_from)?;
        out.write_all(b", \"lang\": ")?;
        serde_json::to_writer(&mut *out, &article.lang)?;
        out.write_all(b", \"claims\": [")?;
        for (j, claim) in article.claims.iter().enumerate() {
            out.write_all(if j == 0 { b"\n    " } else { b",\n    " })?;
            self.object.clear();
            write_claim(&mut self.object, claim, article.extras.get(j));
            out.write_all(&self.object)?;
        }
        out.write_all(if article.claims.is_empty() {
            b"]}"
        } else {
            b"\n  ]}"
        })
    }

    /// Closes the document (an empty one when no article was written).
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        if self.written == 0 {
            out.write_all(b"{\"articles\": [")?;
        }
        out.write_all(b"\n]}\n")
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 26] = [
    "path",
    "date",
    "date_from",
    "lang",
    "number_start",
    "number_end",
    "text",
    "value",
    "high",
    "qualifier",
    "kind",
    "unit",
    "subject",
    "action",
    "concept",
    "is_change",
    "sentence_start",
    "sentence_end",
    "source_start",
    "source_end",
    "source_text",
    "source_entity",
    "source_affiliation",
    "source_unresolved",
    "sentence_text",
    "status",
];

/// The CSV table for a set of articles: one row per claim, header first.
#[must_use]
pub fn to_csv(articles: &[ExtractedArticle]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push('\n');
    for article in articles {
        let date = article.date.map(|d| d.to_string()).unwrap_or_default();
        let date_from = article
            .date_from
            .map(|f| f.as_str().to_string())
            .unwrap_or_default();
        for (j, c) in article.claims.iter().enumerate() {
            let source = c.source.as_ref();
            let extra = article.extras.get(j);
            let fields = [
                article.path.clone(),
                date.clone(),
                date_from.clone(),
                article.lang.code().to_string(),
                c.number.start.to_string(),
                c.number.end.to_string(),
                c.text.clone(),
                c.value.to_string(),
                c.high.map(|h| h.to_string()).unwrap_or_default(),
                c.qualifier.to_string(),
                c.kind.to_string(),
                c.unit.clone().unwrap_or_default(),
                c.subject.clone().unwrap_or_default(),
                c.action.clone().unwrap_or_default(),
                c.concept.clone().unwrap_or_default(),
                c.is_change.to_string(),
                c.sentence.start.to_string(),
                c.sentence.end.to_string(),
                source.map(|s| s.span.start.to_string()).unwrap_or_default(),
                source.map(|s| s.span.end.to_string()).unwrap_or_default(),
                source.map(|s| s.text.clone()).unwrap_or_default(),
                source.and_then(|s| s.entity.clone()).unwrap_or_default(),
                source
                    .and_then(|s| s.affiliation.clone())
                    .unwrap_or_default(),
                source.map(|s| s.unresolved.to_string()).unwrap_or_default(),
                extra.map(|e| e.sentence_text.clone()).unwrap_or_default(),
                extra.map_or("extracted", |e| e.status).to_string(),
            ];
            for (k, f) in fields.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}", csv_field(f));
            }
            out.push('\n');
        }
    }
    out
}

/// Quotes a CSV field when it holds a comma, quote or line break.
fn csv_field(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_written_as_serde_json_writes_them() {
        let mut texts: Vec<String> = ["assets/samples", "tests/eval/articles"]
            .iter()
            .flat_map(|dir| {
                let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
                std::fs::read_dir(dir).into_iter().flatten().flatten()
            })
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        texts.push("Laut \"Polizei\" \\ wurden\t300\u{1}\u{1f} Menschen festgenommen.".into());
        let extractor = crate::extract::Extractor::new();
        let mut written = 0;
        for text in &texts {
            let doc = crate::io::load::Document::from_text("a.txt", text.clone());
            let article = extractor.extract(&doc);
            for mut claim in article.claims {
                for unresolved in [false, true] {
                    if let Some(source) = &mut claim.source {
                        source.unresolved = unresolved;
                    }
                    claim.high = unresolved.then_some(claim.value * 2.5 + 0.1);
                    let extra = ClaimExtras {
                        sentence_text: claim.sentence.slice(text).to_string(),
                        status: "corrected",
                    };
                    let mut ours = Vec::new();
                    write_claim(&mut ours, &claim, None);
                    let theirs = serde_json::to_vec(&claim).unwrap_or_default();
                    assert_eq!(
                        String::from_utf8_lossy(&ours),
                        String::from_utf8_lossy(&theirs)
                    );
                    ours.clear();
                    write_claim(&mut ours, &claim, Some(&extra));
                    let mut theirs = serde_json::to_vec(&claim).unwrap_or_default();
                    theirs.pop();
                    theirs.extend_from_slice(b",\"sentence_text\":");
                    serde_json::to_writer(&mut theirs, &extra.sentence_text).unwrap_or_default();
                    theirs.extend_from_slice(b",\"status\":\"corrected\"}");
                    assert_eq!(
                        String::from_utf8_lossy(&ours),
                        String::from_utf8_lossy(&theirs)
                    );
                    written += 1;
                }
            }
        }
        assert!(written > 100, "{written} claims compared");
        // Every byte that may need escaping, alone and among others.
        for b in 0..=127u8 {
            let s = format!("ab{}cdefghijk{}", char::from(b), char::from(b));
            let mut ours = Vec::new();
            write_str(&mut ours, &s);
            assert_eq!(ours, serde_json::to_vec(&s).unwrap_or_default(), "{b:#x}");
        }
    }

    #[test]
    fn json_is_one_valid_document() {
        let text = "Nach Angaben der Polizei wurden rund 300 Menschen festgenommen. Zehn flohen.";
        let doc = crate::io::load::Document::from_text("a.txt", text.to_string());
        let empty = crate::io::load::Document::from_text("b.txt", "Kein Wert.".to_string());
        let extractor = crate::extract::Extractor::new();
        let articles = vec![extractor.extract(&doc), extractor.extract(&empty)];
        let json = to_json(&articles).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["articles"].as_array().unwrap().len(), 2);
        assert_eq!(
            value["articles"][0]["claims"][0]["source"]["text"],
            "Polizei"
        );
        assert_eq!(value["articles"][1]["claims"].as_array().unwrap().len(), 0);
        let back: Vec<crate::model::ExtractedArticle> =
            serde_json::from_value(value["articles"].clone()).unwrap();
        assert_eq!(back, articles);
        assert_eq!(to_json(&[]).unwrap(), "{\"articles\": [\n]}\n");
    }

    #[test]
    fn csv_has_the_new_columns() {
        let doc = crate::io::load::Document::from_text(
            "a.txt",
            " date 2022-01\nDie Zahl stieg um 300 Soldaten.".to_string(),
        );
        let article = crate::extract::Extractor::new().extract(&doc);
        let csv = to_csv(&[article]);
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        assert_eq!(header, CSV_HEADER);
        let row: Vec<&str> = lines.next().unwrap().split(',').collect();
        let field = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(field("date_from"), "header");
        assert_eq!(field("concept"), "soldiers");
        assert_eq!(field("is_change"), "true");
    }

    #[test]
    fn csv_quotes_fields() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
