//! `safetynet serve`: hold the store and serve the program over SSH.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use clap::Args;
use safetynet::app::AppError;
use safetynet::serve::{self, hostkey};
use safetynet::tui::Theme;

use super::{demo, open, Cli};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on; another address than this machine's own only
    /// when asked (e.g. 0.0.0.0:2222 for the district's network)
    #[arg(long, default_value = serve::DEFAULT_LISTEN, value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// Serve the demo district (its own store; demo accounts, password demo2026)
    #[arg(long)]
    pub demo: bool,
    /// Print the server's host-key fingerprint and exit
    #[arg(long)]
    pub fingerprint: bool,
    /// Take a backup at this interval while serving (24h, 30m, 2d); `kill -USR1 PID`
    /// takes one at once in any case
    #[arg(long, value_name = "INTERVAL", value_parser = serve::backups::parse_every)]
    pub backup_every: Option<std::time::Duration>,
    /// Folder for the server's backups (default: beside the store, STORE.backups)
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<std::path::PathBuf>,
    /// Keep the newest N backups in the folder, deleting older ones
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub backup_keep: usize,
}

pub fn run(
    cli: &Cli,
    data: &Path,
    real_store: &Path,
    args: &ServeArgs,
    theme: Theme,
) -> Result<(), AppError> {
    let path = match (&cli.store, args.demo) {
        (Some(p), _) => p.clone(),
        (None, true) => data.join("demo"),
        (None, false) => real_store.to_path_buf(),
    };
    if args.fingerprint {
        // Read the key file only: this works while the server runs.
        let key = hostkey::load(&path)?;
        let _ = writeln!(std::io::stdout(), "{}", hostkey::fingerprint(&key));
        return Ok(());
    }
    serve::tune_allocator();
    let services = if args.demo {
        demo::prepare(cli, data, 3000)?
    } else {
        open(cli, path.clone())?
    };
    let dir = args.backup_dir.clone().unwrap_or_else(|| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".backups");
        path.with_file_name(name)
    });
    serve::serve(
        services,
        serve::Options {
            listen: args.listen,
            lang: cli.lang,
            theme,
            backups: serve::backups::Plan {
                every: args.backup_every,
                dir,
                keep: args.backup_keep,
            },
        },
    )
}
