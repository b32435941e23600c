//! `wxl`: the command-line tool. Exit codes: 0 success, 1 the schema (or a check) failed,
//! 2 usage errors (clap's own).

mod build_command;
mod compat_command;
mod diagnostics;
mod json_commands;
mod layout;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "wxl", version, about = "Schema compiler for zero-copy WASM GC-typed buffers")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Checks schema files (.wxl, .wat, .wasm); prints every diagnostic.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Prints each type's fields with offset, size, alignment and padding (like pahole).
    Layout {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = LayoutFormat::Text)]
        format: LayoutFormat,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Generates code for a language into a folder.
    Build {
        #[arg(long, value_enum)]
        lang: build_command::Lang,
        #[arg(long)]
        out: PathBuf,
        /// Compare with the files in --out instead of writing; exit 1 naming stale files.
        #[arg(long)]
        check: bool,
        /// Rust: also generate the owned object API (`LogT` with `unpack` and `pack`).
        #[arg(long)]
        object_api: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Compares two schema versions and reports changes that break readers (docs/COMPAT.md).
    Compat(compat_command::CompatArgs),
    /// Converts JSON to a buffer, checked against the schema (docs/JSON.md).
    Encode(json_commands::EncodeArgs),
    /// Verifies a buffer and prints it as JSON (docs/JSON.md).
    Decode(json_commands::DecodeArgs),
    /// Prints a buffer as an annotated hex dump, with the verifier's verdict.
    Dump(json_commands::DumpArgs),
}

#[derive(clap::Args, Clone)]
struct CommonArgs {
    /// Folders searched for imports after the importing file's folder.
    #[arg(short = 'I', long = "import-path")]
    import_paths: Vec<PathBuf>,
}

impl CommonArgs {
    fn config(&self) -> wxl_check::Config {
        wxl_check::Config { import_paths: self.import_paths.clone() }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ok = match cli.command {
        Command::Check { files, common } => check(&files, &common.config()),
        Command::Compat(args) => return compat_command::run(&args),
        Command::Encode(args) => return json_commands::encode(&args),
        Command::Decode(args) => return json_commands::decode(&args),
        Command::Dump(args) => return json_commands::dump(&args),
        Command::Layout { file, format, common } => layout::run(&file, format, &common.config()),
        Command::Build { lang, out, check, object_api, files, common } => {
            let options = build_command::BuildOptions { lang, check, object_api };
            build_command::run(&options, &out, &files, &common.config())
        }
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn check(files: &[PathBuf], config: &wxl_check::Config) -> bool {
    let mut ok = true;
    for file in files {
        let compilation = wxl_check::compile_file(file, config);
        diagnostics::emit(&compilation);
        ok &= !compilation.has_errors();
    }
    ok
}
