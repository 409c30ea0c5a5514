//! The demo's pages: a CRM-like shell, the dashboard with the examples and the playground, and the
//! entity pages notifications link to.

mod contacts_list;
mod dashboard;
mod entity;
mod not_found;
mod playground;
mod settings;
mod shell;

pub use contacts_list::ContactsList;
pub use dashboard::Dashboard;
pub use entity::{EntityPage, EntityPageProps};
pub use not_found::NotFound;
pub use playground::Playground;
pub use settings::SettingsPage;
pub use shell::{Shell, ShellProps};
