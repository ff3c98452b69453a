//! crm configure language toolchain.
