//! The schema's migrations, written once in PostgreSQL's dialect (`migrations/postgres/`) and
//! given to SQLite with SQLite's names for the same column types.
//!
//! sqlx refuses to start on a database whose applied migrations changed by a byte (it keeps each
//! one's SHA-384), so the SQLite text must stay what earlier releases applied: the test below pins
//! those checksums. A later migration that the table cannot translate gets a case of its own here.

use std::borrow::Cow;

use sqlx::migrate::{Migration, Migrator};
use sqlx::{AssertSqlSafe, SqlSafeStr};

use super::Backend;

/// PostgreSQL's column types, as SQLite's: each pair's texts are of one length where the columns
/// are aligned, so the files read the same in both.
const SQLITE_TYPES: [(&str, &str); 6] = [
    ("BIGSERIAL PRIMARY KEY", "INTEGER PRIMARY KEY"),
    ("BIGINT  ", "INTEGER "),
    ("BIGINT,", "INTEGER,"),
    ("BIGINT NOT NULL", "INTEGER NOT NULL"),
    ("DOUBLE PRECISION NOT NULL", "REAL    NOT NULL"),
    (
        "BOOLEAN NOT NULL DEFAULT FALSE",
        "INTEGER NOT NULL DEFAULT 0",
    ),
];

/// The migrations, in `backend`'s dialect.
pub(super) fn migrator(backend: Backend) -> Migrator {
    let postgres = sqlx::migrate!("migrations/postgres");
    match backend {
        Backend::Postgres => postgres,
        Backend::Sqlite => Migrator::with_migrations(
            postgres
                .iter()
                .map(|migration| {
                    Migration::new(
                        migration.version,
                        migration.description.clone(),
                        migration.migration_type,
                        AssertSqlSafe(Cow::Owned(sqlite(migration.sql.as_str()))).into_sql_str(),
                        migration.no_tx,
                    )
                })
                .collect(),
        ),
    }
}

fn sqlite(postgres: &str) -> String {
    SQLITE_TYPES
        .iter()
        .fold(postgres.to_owned(), |sql, (from, to)| sql.replace(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What SQLite databases in the field have applied (`_sqlx_migrations.checksum`), as the
    /// releases before this module wrote them in `migrations/sqlite/`.
    const APPLIED: [(i64, &str); 3] = [
        (1, "b7f652d7c2222ccfc1eea08eff8d2d4857f4f900f74d264ab020734266d04550c02558ad01d8cc39cb70a994ec372da3"),
        (2, "61ffeea59d05491d4168f204527996875f985d1d00cc5fcc2d3952811613e01b07edbbb00bb2085acf1895644976605a"),
        (3, "250f76c7078a772d2784dc0be6efd5c870d565855f2e76842d9e4a046b9869d48bbdbd3fcccdfa386e1e0fbd186767d0"),
    ];

    #[test]
    fn sqlite_migrations_are_the_ones_databases_already_applied() {
        let migrator = migrator(Backend::Sqlite);
        let ours: Vec<(i64, String)> = migrator
            .iter()
            .map(|m| {
                (
                    m.version,
                    m.checksum.iter().map(|b| format!("{b:02x}")).collect(),
                )
            })
            .collect();
        let applied: Vec<(i64, String)> = APPLIED
            .iter()
            .map(|(v, sum)| (*v, sum.to_string()))
            .collect();
        assert_eq!(ours[..applied.len()], applied[..]);
    }

    #[test]
    fn sqlite_text_names_no_postgres_type() {
        for migration in migrator(Backend::Sqlite).iter() {
            for word in ["BIGINT", "BIGSERIAL", "DOUBLE PRECISION", "BOOLEAN"] {
                assert!(
                    !migration.sql.as_str().contains(word),
                    "{word} in migration {}",
                    migration.version
                );
            }
        }
    }
}
