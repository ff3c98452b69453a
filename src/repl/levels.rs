//! The shell's levels: the command layer's list (`cli::levels`), which
//! `ls`, `help`, completion and dispatch all read.

pub use crate::cli::levels::{navigation, navigation_words, Level, NAVIGATION};
