//! The bundled sample articles, built into the binary so that the app shows a story at its
//! first start wherever it is installed. They are the files under `assets/samples/`.

use crate::io::load::Document;

macro_rules! sample {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/assets/samples/",
                $name
            )),
        )
    };
}

/// The bundled samples: file name and text.
pub const SAMPLES: [(&str, &str); 12] = [
    sample!("01-de-truppen-grenze.txt"),
    sample!("02-en-troops-border.txt"),
    sample!("03-de-manoever-verlegung.txt"),
    sample!("04-en-ostland-inflation.txt"),
    sample!("05-de-grenzgefecht-tote.txt"),
    sample!("06-en-refugees-unhcr.txt"),
    sample!("07-de-un-fluechtlinge.txt"),
    sample!("08-de-eu-hilfspaket.txt"),
    sample!("09-en-us-aid.txt"),
    sample!("10-de-teilabzug.txt"),
    sample!("11-en-satellite-pullback.txt"),
    sample!("12-de-verhandlungen-genf.txt"),
];

/// The document of a bundled sample, if there is one of that name; its path is `stored`.
#[must_use]
pub fn document(name: &str, stored: &str) -> Option<Document> {
    let (_, text) = SAMPLES.iter().find(|(n, _)| *n == name)?;
    Some(Document::from_text(stored, (*text).to_string()))
}
