//! The invariants every extraction keeps, shared by the fuzz targets.

use claimtrack::model::ExtractedArticle;

/// Panics (a finding) when a claim breaks an invariant.
pub fn claims(text: &str, article: &ExtractedArticle) {
    for c in &article.claims {
        for span in [
            Some(c.number),
            Some(c.sentence),
            c.source.as_ref().map(|s| s.span),
        ]
        .into_iter()
        .flatten()
        {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "span {span:?} outside the text"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "span {span:?} not on character boundaries"
            );
        }
        assert!(
            c.sentence.contains(c.number),
            "number {:?} outside its sentence {:?}",
            c.number,
            c.sentence
        );
        assert!(c.value.is_finite(), "value {} not finite", c.value);
        if let Some(high) = c.high {
            assert!(
                high.is_finite() && c.value <= high,
                "range {} to {high}",
                c.value
            );
        }
        assert_eq!(c.number.slice(text), c.text, "text is the number span");
    }
}
