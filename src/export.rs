//! Writing claims: the JSON schema of EXTRACTION.md (`{"articles": [...]}`) and CSV with one
//! row per claim and the same fields, header first.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::ExtractedArticle;

#[derive(Serialize)]
struct Output<'a> {
    articles: &'a [ExtractedArticle],
}

/// The JSON document for a set of articles.
///
/// # Errors
/// Only if serialisation fails, which plain data does not.
pub fn to_json(articles: &[ExtractedArticle]) -> serde_json::Result<String> {
    let mut out = serde_json::to_string_pretty(&Output { articles })?;
    out.push('\n');
    Ok(out)
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 19] = [
    "path",
    "date",
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
    "sentence_start",
    "sentence_end",
    "source_start",
    "source_end",
    "source_text",
    "source_entity",
];

/// The CSV table for a set of articles: one row per claim, header first.
#[must_use]
pub fn to_csv(articles: &[ExtractedArticle]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push('\n');
    for article in articles {
        let date = article.date.map(|d| d.to_string()).unwrap_or_default();
        for c in &article.claims {
            let source = c.source.as_ref();
            let fields = [
                article.path.clone(),
                date.clone(),
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
                c.sentence.start.to_string(),
                c.sentence.end.to_string(),
                source.map(|s| s.span.start.to_string()).unwrap_or_default(),
                source.map(|s| s.span.end.to_string()).unwrap_or_default(),
                source.map(|s| s.text.clone()).unwrap_or_default(),
                source.and_then(|s| s.entity.clone()).unwrap_or_default(),
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
    fn csv_quotes_fields() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
