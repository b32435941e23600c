//! Printing diagnostics to stderr, in colour when stderr is a terminal and NO_COLOR is unset.

use std::io::IsTerminal;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

pub fn emit(compilation: &wxl_check::Compilation) {
    let choice = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let stream = StandardStream::stderr(choice);
    let mut lock = stream.lock();
    let config = codespan_reporting::term::Config::default();
    for diagnostic in &compilation.diagnostics {
        let result = codespan_reporting::term::emit_to_write_style(&mut lock, &config, &compilation.files, diagnostic);
        if let Err(error) = result {
            eprintln!("{} (cannot show source: {error})", diagnostic.message);
        }
    }
}
