//! Who is who, remembered between requests: an account's secret for a few seconds (so a rotated
//! secret takes effect within them on every process), and the row of each person seen (a person's
//! row never changes id). Saves every request two queries.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::{Account, Db};

/// How long an account read from the database is trusted.
const ACCOUNT_TTL: Duration = Duration::from_secs(10);
/// Forget everything past this many entries rather than grow without bound.
const MAX_ENTRIES: usize = 100_000;

#[derive(Clone, Default)]
pub(crate) struct Directory {
    accounts: Arc<Mutex<HashMap<String, (Account, Instant)>>>,
    people: Arc<Mutex<HashMap<(i64, String), i64>>>,
}

impl Directory {
    /// The account `name`, if there is one.
    pub(crate) async fn account(&self, db: &Db, name: &str) -> sqlx::Result<Option<Account>> {
        if let Some((account, at)) = self.accounts.lock().expect("directory lock").get(name) {
            if at.elapsed() < ACCOUNT_TTL {
                return Ok(Some(account.clone()));
            }
        }
        let account = db.account(name).await?;
        if let Some(account) = &account {
            let mut accounts = self.accounts.lock().expect("directory lock");
            if accounts.len() >= MAX_ENTRIES {
                accounts.clear();
            }
            accounts.insert(name.to_owned(), (account.clone(), Instant::now()));
        }
        Ok(account)
    }

    /// The row id of the person `name` of the account, added on first sight.
    pub(crate) async fn person(&self, db: &Db, account_id: i64, name: &str) -> sqlx::Result<i64> {
        let key = (account_id, name.to_owned());
        if let Some(&id) = self.people.lock().expect("directory lock").get(&key) {
            return Ok(id);
        }
        let id = db.user(account_id, name).await?.id;
        let mut people = self.people.lock().expect("directory lock");
        if people.len() >= MAX_ENTRIES {
            people.clear();
        }
        people.insert(key, id);
        Ok(id)
    }
}
