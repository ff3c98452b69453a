//! crm configure language toolchain.
pub mod pm_crmgen;
