#![no_main]
//! See `crmtool::fuzzing::sheet_csv`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| crmtool::fuzzing::sheet_csv(data));
