//! The invariants every extraction keeps, shared by the fuzz targets.

use claimtrack::model::ExtractedArticle;

/// Panics (a finding) when a claim breaks an invariant.
pub fn claims(text: &str, article: &ExtractedArticle) {
    if let Err(e) = claimtrack::model::check_claims(text, &article.claims) {
        panic!("{e}");
    }
}
