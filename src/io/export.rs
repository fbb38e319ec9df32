//! Writing claims: the JSON schema of EXTRACTION.md (`{"articles": [...]}`) and CSV with one
//! row per claim and the same fields, header first.

use std::fmt::Write as _;

use crate::model::ExtractedArticle;

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
            match article.extras.get(j) {
                None => serde_json::to_writer(&mut *out, claim)?,
                Some(extra) => {
                    // The claim's object with the extras after its fields.
                    self.object.clear();
                    serde_json::to_writer(&mut self.object, claim)?;
                    self.object.pop();
                    out.write_all(&self.object)?;
                    out.write_all(b",\"sentence_text\":")?;
                    serde_json::to_writer(&mut *out, &extra.sentence_text)?;
                    out.write_all(b",\"status\":")?;
                    serde_json::to_writer(&mut *out, extra.status)?;
                    out.write_all(b"}")?;
                }
            }
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
