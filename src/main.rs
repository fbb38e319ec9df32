//! The claimtrack binary: parses the command line and runs a command.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let code = match claimtrack::cli::parse(args) {
        Ok(command) => claimtrack::cli::run(command),
        Err(message) => {
            eprintln!("claimtrack: error: {message}\n\n{}", claimtrack::cli::USAGE);
            2
        }
    };
    claimtrack::bench::report_peak_memory();
    std::process::exit(code);
}
