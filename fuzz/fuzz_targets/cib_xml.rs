#![no_main]
//! See `crmtool::fuzzing::cib_xml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| crmtool::fuzzing::cib_xml(data));
