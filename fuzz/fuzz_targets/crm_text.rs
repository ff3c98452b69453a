#![no_main]
//! See `crmtool::fuzzing::crm_text`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| crmtool::fuzzing::crm_text(data));
