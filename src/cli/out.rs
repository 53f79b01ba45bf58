//! Standard output for the commands: a closed pipe (`| head -1`) or a full disk
//! (`> /dev/full`) is an error value that ends the command with one line and exit 1,
//! never a panic (`println!` panics on both).

use std::fmt::Arguments;
use std::io::Write;

use safetynet::app::AppError;

fn failed(e: std::io::Error) -> AppError {
    let why = if e.kind() == std::io::ErrorKind::BrokenPipe {
        (
            "读取输出的程序已关闭",
            "the program reading the output has closed it".to_string(),
        )
    } else {
        ("", e.to_string())
    };
    AppError::Invalid(
        format!(
            "无法写出结果（标准输出）：{}",
            if why.0.is_empty() { &why.1 } else { why.0 }
        ),
        format!("cannot write the output (standard output): {}", why.1),
    )
}

/// Write `args` to stdout and flush.
pub fn text(args: Arguments) -> Result<(), AppError> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(args).map_err(failed)?;
    out.flush().map_err(failed)
}

/// Write `args` and a newline to stdout and flush.
pub fn line(args: Arguments) -> Result<(), AppError> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(args).map_err(failed)?;
    out.write_all(b"\n").map_err(failed)?;
    out.flush().map_err(failed)
}
