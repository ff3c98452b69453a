//! crmsh's prompt: `crm(CIB/HOST)LEVEL# `.

use super::levels::Level;

/// The prompt of a line continued with `\`, `¥` or `￥` (crmsh's).
pub const CONTINUATION: &str = "   > ";

/// What the prompt calls the CIB: the shadow's name, the file's name for
/// an offline `CIB_file` (so nobody mistakes it for the cluster), else
/// `live`.
pub fn cib_label(cib_file: Option<&str>, shadow: Option<&str>) -> String {
    if let Some(file) = cib_file.filter(|f| !f.is_empty()) {
        let name = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.to_string());
        return name;
    }
    match shadow.filter(|s| !s.is_empty()) {
        Some(s) => s.to_string(),
        None => "live".to_string(),
    }
}

/// The label for the environment this process runs in.
pub fn current_label() -> String {
    let file = std::env::var("CIB_file").ok();
    let shadow = std::env::var("CIB_shadow").ok();
    cib_label(file.as_deref(), shadow.as_deref())
}

/// This machine's node name, as crmsh shows it (`uname -n`).
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

pub fn prompt(label: &str, host: &str, level: Level) -> String {
    format!("crm({label}/{host}){}# ", level.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_as_crmsh() {
        assert_eq!(prompt("live", "vm", Level::Root), "crm(live/vm)# ");
        assert_eq!(
            prompt("live", "vm", Level::Configure),
            "crm(live/vm)configure# "
        );
        assert_eq!(
            prompt("live", "vm", Level::ConfigureCib),
            "crm(live/vm)configure cib# "
        );
    }

    #[test]
    fn labels_name_the_cib() {
        assert_eq!(cib_label(None, None), "live");
        assert_eq!(cib_label(Some("/tmp/a/test.xml"), None), "test.xml");
        assert_eq!(cib_label(None, Some("sh1")), "sh1");
        assert_eq!(cib_label(Some(""), Some("")), "live");
    }
}
