//! The command line: `serve`, `migrate`, `demo`, `user add`, `token create`.

use std::io::Read;
use std::process::ExitCode;

use acre_app::Actor;
use acre_app::accounts::UserInput;
use acre_store::users;
use clap::{Parser, Subcommand};

use crate::config::{ServeArgs, StorageArgs};
use crate::{Application, Config, open_app};

/// Acre (一亩): a sales CRM for B2B sales teams.
#[derive(Parser, Debug)]
#[command(name = "acre", version, about)]
struct Cli {
    #[command(flatten)]
    storage: StorageArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start the web server (UI and JSON API).
    Serve(ServeArgs),
    /// Create or update the database schema, then exit.
    Migrate,
    /// Load the demo organisation (all accounts use the password demo-pass-2026).
    Demo,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Import an .xlsx or .csv file into a record type, as a user (columns
    /// mapped from their headers as the import page guesses them).
    Import {
        #[arg(long)]
        resource: String,
        #[arg(long)]
        file: std::path::PathBuf,
        /// skip, update or create: what to do with rows matching an existing record.
        #[arg(long, default_value = "skip")]
        policy: String,
        /// Who imports (their permissions apply).
        #[arg(long, default_value = "assistant")]
        user: String,
        /// Only check every row; save nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a record type's list (all live records) to .xlsx or .docx.
    Export {
        #[arg(long)]
        resource: String,
        #[arg(long)]
        out: std::path::PathBuf,
        #[arg(long, default_value = "assistant")]
        user: String,
    },
    /// Add synthetic records for benchmarks, e.g. `acre gen --resource products --count 100000`,
    /// or a customer base with three contacts each: `acre gen --customers 1000000`.
    Gen {
        /// Resource key of a registered type (products, competitors, …).
        #[arg(
            long,
            required_unless_present = "customers",
            conflicts_with = "customers"
        )]
        resource: Option<String>,
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Customers to add (owned by the active reps, a tenth in the pool),
        /// with contacts, search keys, duplicate keys and ownership history.
        #[arg(long)]
        customers: Option<usize>,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Add a user; the password is read from standard input.
    Add {
        #[arg(long)]
        username: String,
        /// Display name (e.g. 张三).
        #[arg(long)]
        name: String,
        /// Role key: general_manager, director, manager, rep, assistant, finance, admin.
        #[arg(long, default_value = "rep")]
        role: String,
        /// Shorthand for --role admin.
        #[arg(long)]
        admin: bool,
    },
}

#[derive(Subcommand, Debug)]
enum TokenCommand {
    /// Create a token for a user and print it (shown once).
    Create {
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

/// The active user a command acts as.
async fn cli_actor(app: &acre_app::App, username: &str) -> anyhow::Result<Actor> {
    match users::credentials(&app.db, &username.to_lowercase()).await? {
        Some((u, _)) if u.active => Ok(Actor::new(u, None)),
        _ => anyhow::bail!("no active user {username}"),
    }
}

fn init_logging(s: &StorageArgs) {
    let filter = tracing_subscriber::EnvFilter::try_new(&s.log).unwrap_or_else(|_| "info".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if s.log_json {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli.storage);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("acre: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("acre: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn config(storage: &StorageArgs, serve: Option<&ServeArgs>, demo: bool) -> anyhow::Result<Config> {
    let mut c = Config::for_tests(&storage.database_url()?);
    c.demo = demo;
    if let Some(s) = serve {
        c.bind = s.bind.clone();
        c.secure_cookies = s.secure_cookies;
        c.trust_proxy = s.trust_proxy;
        c.session_idle_minutes = s.session_idle_minutes;
        c.session_max_hours = s.session_max_hours;
    }
    Ok(c)
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let config = config(&cli.storage, Some(&args), args.demo)?;
            let server = Application::build(&config).await?;
            if let Some(token) = server.app().issue_setup_token().await? {
                println!("No accounts yet. Create the first administrator at:");
                println!("  http://{}/setup/{token}", server.addr);
            }
            tracing::info!(addr = %server.addr, demo = config.demo, "Acre is serving");
            println!("Acre is listening on http://{}", server.addr);
            server.run().await
        }
        Command::Migrate => {
            open_app(&config(&cli.storage, None, false)?).await?;
            println!("schema is up to date");
            Ok(())
        }
        Command::Demo => {
            let app = open_app(&config(&cli.storage, None, false)?).await?;
            let created = app.load_demo().await?;
            println!(
                "{}",
                if created {
                    "demo organisation loaded"
                } else {
                    "demo organisation already present"
                }
            );
            Ok(())
        }
        Command::User(UserCommand::Add {
            username,
            name,
            role,
            admin,
        }) => {
            let app = open_app(&config(&cli.storage, None, false)?).await?;
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let input = UserInput {
                username,
                display_name: name,
                role: if admin { "admin".into() } else { role },
                locale: "zh-CN".into(),
                active: true,
                password: Some(password.trim_end_matches(['\r', '\n']).to_string()),
                ..Default::default()
            };
            match app.create_user(None, &input).await {
                Ok((id, _)) => {
                    println!("user {} created (id {id})", input.username);
                    Ok(())
                }
                Err(e) => {
                    for (field, key) in &e.fields {
                        eprintln!("{field}: {}", acre_i18n::Locale::En.t(key));
                    }
                    anyhow::bail!("{}", acre_i18n::Locale::En.t(e.key()))
                }
            }
        }
        Command::Import {
            resource,
            file,
            policy,
            user,
            dry_run,
        } => {
            let app = open_app(&config(&cli.storage, None, false)?).await?;
            let actor = cli_actor(&app, &user).await?;
            let rt = app
                .readable_type(&actor, &resource)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let bytes = std::fs::read(&file)?;
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("import.csv")
                .to_string();
            let started = std::time::Instant::now();
            let job = app
                .stage_import(&actor, rt, &name, &bytes)
                .await
                .map_err(|e| {
                    let why: Vec<String> = e
                        .fields
                        .values()
                        .map(|k| acre_i18n::Locale::En.t(k))
                        .collect();
                    anyhow::anyhow!("{} {}", acre_i18n::Locale::En.t(e.key()), why.join("; "))
                })?;
            let staged = app
                .staged_import(&actor, rt, job)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let mapping = acre_docs::import::guess_mapping(
                &staged.sheet.headers,
                &acre_app::App::import_targets(rt),
            );
            let policy = acre_app::registry::import::Policy::parse(&policy);
            let r = app
                .run_import(&actor, rt, job, &mapping, policy, dry_run)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "created {}, updated {}, skipped {}, failed {} in {:.1} s",
                r.created,
                r.updated,
                r.skipped,
                r.failed,
                started.elapsed().as_secs_f64()
            );
            for e in r.errors.iter().take(20) {
                println!(
                    "  row {}: {} {}",
                    e.row,
                    e.field,
                    acre_i18n::Locale::ZhCn.t(&e.reason)
                );
            }
            Ok(())
        }
        Command::Export {
            resource,
            out,
            user,
        } => {
            let app = open_app(&config(&cli.storage, None, false)?).await?;
            let actor = cli_actor(&app, &user).await?;
            let rt = app
                .readable_type(&actor, &resource)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let q = acre_app::registry::ListQuery::default();
            let locale = acre_i18n::Locale::ZhCn;
            let started = std::time::Instant::now();
            let bytes = if out.extension().is_some_and(|e| e == "docx") {
                app.export_list_docx(&actor, rt, &q, locale).await
            } else {
                app.export_list_xlsx(&actor, rt, &q, locale).await
            }
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            std::fs::write(&out, &bytes)?;
            println!(
                "{} bytes in {:.1} s",
                bytes.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Gen {
            resource,
            count,
            customers,
            seed,
        } => {
            let app = open_app(&config(&cli.storage, None, false)?).await?;
            if let Some(n) = customers {
                let started = std::time::Instant::now();
                let n = app
                    .generate_customers(n, seed)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                println!(
                    "{n} customers and {} contacts added in {:.1} s",
                    n * 3,
                    started.elapsed().as_secs_f64()
                );
                return Ok(());
            }
            let resource = resource.unwrap_or_default();
            let Some(rt) = acre_app::registry::find(&resource) else {
                anyhow::bail!("no such resource: {resource}");
            };
            let started = std::time::Instant::now();
            let n = app
                .generate(rt, count, seed)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "{n} {resource} added in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Token(TokenCommand::Create { user, name }) => {
            let app = open_app(&config(&cli.storage, None, false)?).await?;
            let Some((u, _)) = users::credentials(&app.db, &user.to_lowercase()).await? else {
                anyhow::bail!("no such user: {user}");
            };
            let (_, token) = app
                .create_token(&Actor::new(u, None), &name)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{token}");
            Ok(())
        }
    }
}
