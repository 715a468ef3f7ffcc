//! One page per route, each in a file named for it. A page reads the
//! dataset and app-wide state from `state`, writes through its commands, and
//! is built from `components`; pages never import each other.

mod activities;
mod audit;
mod backup;
mod companies;
mod company;
mod company_form;
mod contact;
mod contact_form;
mod contacts;
mod dashboard;
mod deal;
mod deal_form;
mod deals;
mod duplicates;
mod import;
mod merge;
mod pipeline;
mod reports;
mod settings;
mod tasks;
mod today;

pub use activities::ActivitiesPage;
pub use audit::AuditPage;
pub use backup::BackupPage;
pub use companies::CompaniesPage;
pub use company::CompanyPage;
pub use company_form::CompanyFormPage;
pub use contact::ContactPage;
pub use contact_form::ContactFormPage;
pub use contacts::ContactsPage;
pub use dashboard::DashboardPage;
pub use deal::DealPage;
pub use deal_form::DealFormPage;
pub use deals::DealsPage;
pub use duplicates::DuplicatesPage;
pub use import::ImportPage;
pub use merge::MergePage;
pub use pipeline::PipelinePage;
pub use reports::ReportsPage;
pub use settings::SettingsPage;
pub use tasks::TasksPage;
pub use today::TodayPage;
