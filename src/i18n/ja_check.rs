//! The Japanese text of the commit checks' findings (the English is the
//! `Display` of [`Check`] in `notice.rs`).

use crate::notice::Check;

/// The finding in Japanese. No catch-all arm: a check added later does
/// not compile until it has its Japanese.
pub fn check(c: &Check) -> String {
    use Check::*;
    match c {
        NoMetadata { agent } => {
            format!("{agent}: メタデータを取得できません。このリソースエージェントは存在しますか?")
        }
        NoSuchAgent { agent } => format!("{agent}: そのようなリソースエージェントはありません。"),
        NoSuchTemplate { template } => {
            format!("{template}: そのようなリソーステンプレートはありません。")
        }
        UnknownParam { id, name } => format!("{id}: パラメータ \"{name}\" は不明です。"),
        MissingParam { id, name } => {
            format!("{id}: 必須パラメータ \"{name}\" が定義されていません。")
        }
        UnknownAction { id, action } => format!(
            "{id}: アクション '{action}' がリソースエージェントのメタデータにありません。"
        ),
        ShortTimeout { id, op, timeout, advised, default } => format!(
            "{id}: {op} の{} timeout {timeout} が推奨値 {advised} より短いです。",
            if *default { "既定の" } else { "指定された" }
        ),
        MonitorIntervalZero { id, advised } => format!(
            "{id}: monitor の interval は 0 より大きくしてください。推奨値は {advised} です。"
        ),
        MonitorIntervalTwice { id, advised } => format!(
            "{id}: monitor の interval は重複できません。推奨値は {advised} です。"
        ),
        IntervalNotZero { id, op, interval } => format!(
            "{id}: {op} に指定された interval は {interval} ですが、0 でなければなりません。"
        ),
        UnknownAttribute { id, name } => format!("{id}: 不明な属性 '{name}' です。"),
        NodeMissing { id, node } => format!("{id}: 参照しているノード {node} は存在しません。"),
        FencingTarget { target } => {
            format!("fencing_topology: ターゲット {target} はノードではありません。")
        }
        FencingDevice { device } => {
            format!("fencing_topology: リソース {device} は存在しません。")
        }
        NotStonith { device } => {
            format!("fencing_topology: {device} は stonith リソースではありません。")
        }
        UniqueClash { ids, param, value } => format!(
            "リソース {} がパラメータ \"{param}\" の一意性に違反しています: \"{value}\"",
            ids.join(",")
        ),
        NotChecked { agent } => format!(
            "{agent} はこのマシンにインストールされていないため、パラメータとオペレーションを検査していません。"
        ),
        OptionsNotChecked => {
            "Pacemaker のオプションのメタデータがこのマシンにないため、クラスタのオプションを検査していません。".into()
        }
    }
}
