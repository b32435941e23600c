//! `wxl encode`, `wxl decode`, `wxl dump`: JSON in and out of buffers and an annotated hex
//! dump, driven by the schema at run time (docs/JSON.md). Exit codes: 0 success, 1 a data or
//! schema error (bad JSON, a buffer the verifier rejects, schema diagnostics), 2 usage.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use wxl_ir::{Schema, TypeIndex};
use wxl_json::{Context, DecodeError};

#[derive(clap::Args)]
pub struct EncodeArgs {
    /// The schema file (.wxl, .wat, .wasm).
    #[arg(long)]
    schema: PathBuf,
    /// The root object's type (default: the schema's `root`; with neither, the JSON says it
    /// with "$type").
    #[arg(long = "type", value_name = "TYPE")]
    ty: Option<String>,
    /// Write the buffer to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The JSON file; stdin when absent or `-`.
    input: Option<PathBuf>,
    #[command(flatten)]
    common: crate::CommonArgs,
}

#[derive(clap::Args)]
pub struct DecodeArgs {
    /// The schema file (.wxl, .wat, .wasm).
    #[arg(long)]
    schema: PathBuf,
    /// The root type the buffer must have (default: the schema's `root`, else any).
    #[arg(long = "type", value_name = "TYPE")]
    ty: Option<String>,
    /// One line of JSON instead of indented text.
    #[arg(long)]
    compact: bool,
    /// The buffer file; stdin when absent or `-`.
    input: Option<PathBuf>,
    #[command(flatten)]
    common: crate::CommonArgs,
}

#[derive(clap::Args)]
pub struct DumpArgs {
    /// The schema file (.wxl, .wat, .wasm).
    #[arg(long)]
    schema: PathBuf,
    /// The root type for the verdict (default: the schema's `root`, else any).
    #[arg(long = "type", value_name = "TYPE")]
    ty: Option<String>,
    /// The buffer file; stdin when `-`.
    input: PathBuf,
    #[command(flatten)]
    common: crate::CommonArgs,
}

/// Why a command failed; messages are printed by `finish`.
enum Failure {
    /// Exit 2.
    Usage(String),
    /// Exit 1 with a message.
    Data(String),
    /// Exit 1; the message (schema diagnostics, a dump) was printed already.
    Reported,
}

fn finish(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Data(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Reported) => ExitCode::from(1),
    }
}

pub fn encode(args: &EncodeArgs) -> ExitCode {
    finish(run_encode(args))
}

pub fn decode(args: &DecodeArgs) -> ExitCode {
    finish(run_decode(args))
}

pub fn dump(args: &DumpArgs) -> ExitCode {
    finish(run_dump(args))
}

fn run_encode(args: &EncodeArgs) -> Result<(), Failure> {
    if args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Failure::Usage(
            "refusing to write a binary buffer to a terminal: use --output FILE or redirect".into(),
        ));
    }
    let schema = load_schema(&args.schema, &args.common)?;
    let cx = Context::new(&schema);
    let root = root_type(&cx, args.ty.as_deref())?;
    let (name, input) = read_input(args.input.as_deref())?;
    let buf = wxl_json::encode(&cx, root, &input).map_err(|error| {
        let source = String::from_utf8_lossy(&input);
        Failure::Data(format!("{name}:{}", error.render(&source).trim_end()))
    })?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, &buf).map_err(|e| Failure::Data(format!("cannot write {}: {e}", path.display())))
        }
        None => write_stdout(&buf),
    }
}

fn run_decode(args: &DecodeArgs) -> Result<(), Failure> {
    let schema = load_schema(&args.schema, &args.common)?;
    let cx = Context::new(&schema);
    let root = root_type(&cx, args.ty.as_deref())?;
    let (name, buf) = read_input(args.input.as_deref())?;
    let value = wxl_json::decode(&cx, root, &buf).map_err(|error| match error {
        DecodeError::Invalid(_) => Failure::Data(format!("{name}: {error} (`wxl dump` shows the bytes)")),
        DecodeError::TooDeep { .. } | DecodeError::TooManyEmpty { .. } => Failure::Data(format!("{name}: {error}")),
    })?;
    let text = if args.compact { wxl_json::json::to_compact(&value) + "\n" } else { wxl_json::json::to_pretty(&value) };
    write_stdout(text.as_bytes())
}

fn run_dump(args: &DumpArgs) -> Result<(), Failure> {
    let schema = load_schema(&args.schema, &args.common)?;
    let cx = Context::new(&schema);
    let root = root_type(&cx, args.ty.as_deref())?;
    let (_, buf) = read_input(Some(&args.input))?;
    let (text, verdict) = wxl_json::dump(&cx, root, &buf);
    write_stdout(text.as_bytes())?;
    // The verdict is the exit code, so scripts can use `wxl dump` as a verifier.
    verdict.map_err(|_| Failure::Reported)
}

/// The checked schema; diagnostics go to stderr.
fn load_schema(path: &Path, common: &crate::CommonArgs) -> Result<Schema, Failure> {
    let compilation = wxl_check::compile_file(path, &common.config());
    crate::diagnostics::emit(&compilation);
    compilation.schema.ok_or(Failure::Reported)
}

/// `--type NAME`, resolved; an unknown name is a usage error listing the types.
fn root_type(cx: &Context, name: Option<&str>) -> Result<Option<TypeIndex>, Failure> {
    let Some(name) = name else { return Ok(None) };
    match cx.type_named(name) {
        Some(index) => Ok(Some(index)),
        None => Err(Failure::Usage(format!("--type {name}: no such type (types: {})", cx.type_names().join(", ")))),
    }
}

/// The input's name for messages and its bytes: a file, or stdin for `None` and `-`.
fn read_input(path: Option<&Path>) -> Result<(String, Vec<u8>), Failure> {
    match path {
        Some(path) if path != Path::new("-") => {
            let bytes =
                std::fs::read(path).map_err(|e| Failure::Data(format!("cannot read {}: {e}", path.display())))?;
            Ok((path.display().to_string(), bytes))
        }
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| Failure::Data(format!("cannot read stdin: {e}")))?;
            Ok(("<stdin>".into(), bytes))
        }
    }
}

fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| Failure::Data(format!("cannot write stdout: {e}")))
}
