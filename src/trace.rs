//! `crm -d`: debug lines on stderr. A process-wide switch, since the
//! places worth tracing (the Pacemaker tools we run, the CIB we read and
//! write) sit below the command line that sets it.

use std::sync::atomic::{AtomicBool, Ordering};

static ON: AtomicBool = AtomicBool::new(false);

pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Prints `DEBUG: message` when debugging is on; the message is only
/// built then.
pub fn debug(message: impl FnOnce() -> String) {
    if enabled() {
        eprintln!("DEBUG: {}", message());
    }
}
