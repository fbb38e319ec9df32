//! Development aid: prints the sentences of a text file with the cues and figures found in
//! each, to see why a claim has the source or subject it has.
//!
//! `cargo run --example explain -- FILE [de|en]`

use claimtrack::model::Lang;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: explain FILE [de|en]");
        std::process::exit(2);
    };
    let doc = match claimtrack::io::load::load_file(std::path::Path::new(&path)) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let lang = match args.next().as_deref() {
        Some("en") => Some(Lang::En),
        Some("de") => Some(Lang::De),
        _ => None,
    };
    print!("{}", claimtrack::extract::explain::explain(&doc, lang));
}
