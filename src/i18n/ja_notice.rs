//! The Japanese text of crm's questions and INFO/WARNING lines that are
//! not errors (the English is `write_en` in `notice.rs`, `notice/*.rs`
//! and the `Display` of `error::Notice`). No match here has a catch-all
//! arm: a new variant does not compile until it has its Japanese.
//! Ids, commands, file names and quoted input stay as they are. Questions
//! end with an ASCII `?`: `cli::confirm` turns it into ` (y/n)? `.

use crate::error::SkipReason;
use crate::notice::{Misuse, Notice, Said, Told};

/// A question or note of the configure shell, in Japanese.
pub fn notice(n: &Notice) -> String {
    use Notice::*;
    match n {
        CommitPending => "未コミットの変更があります。コミットしますか (y/n)?".into(),
        DropPending => "未コミットの変更があります。破棄しますか (y/n)?".into(),
        AnswerYesOrNo => "y か n で答えてください。".into(),
        CommitForced => "強制的にコミットします。".into(),
        StillCommit => "それでもコミットしますか (y/n)?".into(),
        StillStaged => "変更はまだ保留中です: `commit` で書き込み、`refresh` で破棄します。".into(),
        Discarded { changed, deleted } => {
            let mut s = String::from("保留中の変更を破棄しました。何もコミットしていません");
            if !changed.is_empty() {
                s.push_str(&format!("。書き込まれなかったもの: {}", changed.join(", ")));
            }
            if !deleted.is_empty() {
                s.push_str(&format!("。削除されなかったもの: {}", deleted.join(", ")));
            }
            s.push('。');
            s
        }
    }
}

/// What configure's tool commands say besides errors, in Japanese.
pub fn told(t: &Told) -> String {
    use Told::*;
    match t {
        NotAPrimitive { id } => format!("要素 {id} は primitive ではありません。"),
        TemplateUndefined { id } => format!("{id} のテンプレートが定義されていません。"),
        NoAgentFor { id } => format!("{id} のリソースエージェントが見つかりません。"),
        AlreadySchema { name } => format!("すでにスキーマ {name} を使っています。"),
        UpgradeNeedsForce { schema } => format!(
            "CIB のスキーマは 0.6 ではなく {schema} です: `upgrade force` で最新のスキーマに上げます。"
        ),
        Upgraded { from, to } => format!("CIB を {from} から {to} に更新しました。"),
        UpgradeNothing { schema } => {
            format!("CIB はすでに最新のスキーマ ({schema}) です。")
        }
        GraphWritten { file } => format!("グラフを {file} に書き出しました。"),
        InstallGraphviz => {
            "遷移グラフを表示するには graphviz をインストールしてください。".into()
        }
        EmptyDotFile => "ptest が空の DOT ファイルを出力しました。".into(),
        StartingViewer { program } => format!("{program} を起動して遷移グラフを表示します。"),
        NoDot => "graphviz の dot がインストールされていないため、DOT テキストだけを出力します (`graph FILE dot`)。".into(),
        SimulateNoStatus => {
            "構成に status がないため、何も動いていない状態からシミュレーションします。".into()
        }
        NoActions => "アクションはありません。".into(),
        CannotCreate { kind, id, existing } => format!(
            "ID '{id}' の {kind} を作れません: 同じ ID の {existing} があります。"
        ),
        RsctestProbing => "リソースを調べています ".into(),
        RsctestStopFirst => "テストの前にすべてのリソースを停止してください。".into(),
        RsctestNoClass { id } => format!("{id} に class 属性がありません。"),
        RsctestClass { class } => {
            format!("class {class} のリソースのテストには対応していません。")
        }
        RsctestProbe { id, node, state } => {
            let state = match *state {
                "running" => "稼働しています",
                "master" => "master です",
                _ => "停止状態ではありません",
            };
            format!("{id}:probe: リソースは {node} で{state}。")
        }
        RsctestHost { node, status } => format!("ホスト {node} ({status})"),
        RsctestStopFailed { id, node } => format!(
            "{id}:stop: リソースは {node} で停止できませんでした。クリーンアップしてください。"
        ),
        RsctestRhcs { id } => format!("{id}:start: RHCS の STONITH リソースはテストできません。"),
        SimulationFailed { code } => format!("シミュレーションに失敗しました (RC={code})。"),
        StatusLoaded { origin } => format!("status を {origin} から読み込みました。"),
        StatusSaved { origin } => format!("status を {origin} に保存しました。"),
        // The origin alone (a file name or `live`), as scripts read it.
        StatusOrigin { origin } => origin.clone(),
        StatusUpdated => "status の写しはシミュレーションの結果になりました。".into(),
        NothingToCommit => "コミットするものはないようです。".into(),
        TryChanging => "先に何か変更してください。".into(),
        OverwritingOtherChange => "強制的にコミットします: ほかの変更を上書きします。".into(),
        NoCrmVerify { schema_only: true } => {
            "crm_verify がインストールされていないため、crm 自身のスキーマ検査だけを行いました。"
                .into()
        }
        NoCrmVerify { schema_only: false } => {
            "crm_verify がインストールされていないため、crm 自身の検査だけを行いました。".into()
        }
        MsDeprecated { suggestion } => format!(
            "\"ms\" は非推奨です。\"clone {suggestion}\" を使ってください。"
        ),
        RegtestBadParam { param } => format!("regtest のパラメータが正しくありません: {param}"),
        ModgroupUnknown { sub } => format!("modgroup のサブコマンド {sub} は不明です。"),
        ConstraintRscMissing { id, rsc } => format!("{id}: リソース {rsc} は存在しません。"),
        ConstraintRscGrouped { id, rsc } => format!(
            "{id}: リソース {rsc} はグループに入っています。制約はグループに対して設定してください。"
        ),
        ConstraintRscAmbiguous { id, rsc } => format!(
            "{id}: リソース {rsc} の指定はあいまいです。制約はコンテナに対して設定してください。"
        ),
        LevelTargetNotNode { id, target } => {
            format!("{id}: ターゲット {target} はノードではありません。")
        }
        LevelDeviceMissing { id, device } => format!("{id}: リソース {device} は存在しません。"),
        LevelDeviceNotStonith { id, device } => {
            format!("{id}: {device} は stonith リソースではありません。")
        }
        NoSuchTemplateFile { name } => format!("open: そのようなテンプレートはありません: {name}"),
        TemplateMissing { what } => {
            format!("テンプレートが正しくありません: {what} がありません。")
        }
        PullingInTemplate { name } => format!("テンプレート {name} を取り込みます。"),
        TemplateWrongUsage { line } => format!("{line}: 使い方が正しくありません。"),
        TemplateNoClosingQuotation { line } => {
            format!("{line}: 引用符が閉じられていません。")
        }
        TemplateParamNameMissing => "パラメータ名がありません。".into(),
        TemplateRequiredNotSet { name } => {
            format!("必須パラメータ {name} が設定されていません。")
        }
        TemplateSyntax { line } => format!("{line}: 構文エラーです。"),
        TemplateUnexpected { line } => format!("<{line}> はここに書けません。"),
        TemplateNewSyntax { args } => {
            format!("new の引数の解析で構文エラー: '{args}'")
        }
        ConfigBadName { name } => format!("{name}: 設定の名前として使えません。"),
        NoSuchConfig { name } => format!("{name}: そのような設定はありません。"),
        LoadConfigFirst => "先に設定を読み込んでください (`load`)。".into(),
        TemplateDeleteSyntax { word } => {
            format!("delete の構文エラー: <{word}> 付近 ('delete {word}' の解析中)")
        }
        ConfigExists { name } => {
            format!("設定 {name} はすでにあります。先に削除してください。")
        }
        TemplateArgumentExpected => "テンプレートを指定してください。".into(),
    }
}

/// What the other levels say besides errors, in Japanese.
pub fn said(s: &Said) -> String {
    use Said::*;
    match s {
        DeprecatedAlias { alias, name } => {
            format!("コマンド '{alias}' は非推奨です。'{name}' を使ってください。")
        }
        AcceptedAs { alias, name } => format!("\"{alias}\" を \"{name}\" として受け付けました。"),
        ConstraintCreated { action, rsc, node } => match (*action == "Move", node) {
            (true, Some(n)) => format!("{rsc} を {n} へ移動する制約を作成しました。"),
            (true, None) => format!("{rsc} を移動する制約を作成しました。"),
            (false, Some(n)) => {
                format!("{rsc} を {n} で動かさない制約 (ban) を作成しました。")
            }
            (false, None) => format!("{rsc} を現在動いているノードで動かさない制約 (ban) を作成しました。"),
        },
        UseClear { rsc } => {
            format!("この制約は `crm resource clear {rsc}` で削除できます。")
        }
        ConstraintsRemoved { rsc } => format!("{rsc} の移動制約を削除しました。"),
        Ordering { rscs, to } => {
            let to = if *to == "stop" { "停止" } else { "起動" };
            format!("{rscs} を{to}します。")
        }
        TraceWritten { rsc, op, dir } => match op {
            Some(op) => format!("{rsc}:{op} のトレースは {dir} に書き出されます。"),
            None => format!("{rsc} のトレースは {dir} に書き出されます。"),
        },
        TraceRestart { rsc, op: Some(op) } if op != "monitor" => format!(
            "トレースを設定しました。{op} オペレーションをトレースするには {rsc} を再起動してください。"
        ),
        TraceRestart { rsc, .. } => format!(
            "トレースを設定しました。monitor 以外のオペレーションをトレースするには {rsc} を再起動してください。"
        ),
        TraceStopped { rsc, op } => match op {
            Some(op) => format!("{rsc} のオペレーション {op} のトレースを止めました。"),
            None => format!("{rsc} のトレースを止めました。"),
        },
        NodeState { state, node } => format!("ノード {node} を {state} にしました。"),
        NodeDeleted { node } => format!("ノード {node} を削除しました。"),
        ProceedingRemoval { node } => format!("ノード {node} の削除を続けます。"),
        ShadowCreated { at, name } => format!("{at}.new: シャドウ CIB {name} を作成しました。"),
        ShadowReset { at, name } => format!("{at}.reset: ライブの CIB を {name} にコピーしました。"),
        ShadowDeleted { at, name } => format!("{at}.delete: シャドウ CIB {name} を削除しました。"),
        ShadowCommitted { at, name } => {
            format!("{at}.commit: シャドウ CIB '{name}' をクラスタにコミットしました。")
        }
        TicketState {
            ticket,
            granted: true,
        } => format!("チケット {ticket} は付与されています (granted)。"),
        TicketState {
            ticket,
            granted: false,
        } => format!("チケット {ticket} は取り消されています (revoked)。"),
        TicketTime { ticket, when } => {
            format!("チケット {ticket} が最後に付与された日時: {when}")
        }
        TemplateCreated { name } => format!("configure.assist.template: テンプレートを作成しました: {name}"),
        WeakBondPlan { constraint, dummy } => format!(
            "弱い結合 (独立した colocation) を作成します\n次の要素を作成します:\n   * colocation 制約、ID: {constraint}\n   * Dummy リソース、ID: {dummy}"
        ),
        // The agent's own words, untranslated.
        AgentSaid { line } => line.clone(),
        AskFence { node } => format!(
            "{node} をフェンシングすると、そのノードは停止し、そこで動いているリソースはすべて移動します。{node} をフェンシングしますか?"
        ),
        AskClearState { node } => {
            format!("ノード {node} の状態を本当に破棄しますか?")
        }
        AskRemoveConfigInUse { name } => {
            format!("使用中の設定 {name} を本当に削除しますか?")
        }
        AskOverrideChild { attr, child } => {
            format!("子リソース {child} の '{attr}' を上書きしますか?")
        }
        AskChildConflict {
            attr,
            conflicting,
            child,
        } => format!(
            "'{attr}' は属性 '{conflicting}' と矛盾します。子リソース {child} の '{conflicting}' を削除しますか?"
        ),
        AskResourceConflict {
            attr,
            conflicting,
            rsc,
        } => format!(
            "'{attr}' は属性 '{conflicting}' と矛盾します。リソース {rsc} の '{conflicting}' を削除しますか?"
        ),
        AskAttributeExists { attr, owner } => {
            format!("属性 '{attr}' はすでに {owner} にあります。削除しますか?")
        }
        AskConflictsIn { attr, with, owner } => {
            format!("'{attr}' は {owner} の '{with}' と矛盾します。削除しますか?")
        }
        AskCreateResources => "リソースを作成しますか?".into(),
        ChangeLoginShell { user } => format!(
            "ユーザ '{user}' のログインシェルを /bin/bash に変更します。続けますか?"
        ),
        AskOverwrite { path } => format!("{path} はすでに存在します。上書きしますか?"),
        // The question is in the language in force already; `[YES]` is
        // crmsh's mark, which scripts look for.
        ForcedYes { question } => format!("{question} [YES]"),
        Services { node, did } => {
            use crate::notice::ServicesDid::*;
            let did = match did {
                AlreadyStarted => "はすでに起動しています",
                Started => "を起動しました",
                AlreadyStopped => "はすでに停止しています",
                Stopped => "を停止しました",
                Enabled => "の自動起動を有効にしました",
                Disabled => "の自動起動を無効にしました",
            };
            format!("{node} のクラスタサービス{did}。")
        }
        FileCopied { path, node } => format!("{path} を {node} にコピーしました。"),
        FileSameOn { file, nodes } => format!("{file}: {nodes} で同じです。"),
        Generated { path } => format!("{path} を生成しました。"),
        ConfiguringCorosync => "corosync を設定しています (ユニキャスト)。".into(),
        Wrote { path } => format!("{path} を書き出しました。"),
        LoadingInitialConfiguration => "クラスタの初期設定を読み込んでいます。".into(),
        WaitingForCluster => "クラスタを待っています。".into(),
        ConfiguringVirtualIp { addr } => format!("仮想 IP ({addr}) を設定しています。"),
        RemovedFromCluster { node } => format!("{node} をクラスタから外しました。"),
        RetrievedFrom { path, node } => format!("{path} を {node} から取得しました。"),
        RetrievingInformation => {
            "クラスタのノードから情報を集めています。しばらくお待ちください...".into()
        }
        TransitionSaved { pe, name } => {
            format!("トランジション {pe} をシャドウ {name} に保存しました。")
        }
        RunningPtest { pe } => format!("{pe} で ptest を実行します。"),
        SessionDeletedLive => {
            "現在の history セッションを削除しました。読み込み元を live にします。".into()
        }
        SessionPacked { path } => format!("レポートを '{path}' に保存しました。"),
        ReportSavedIn { path } => format!("レポートを {path} に保存しました。"),
        ReportTimespan { from, to } => format!("レポートの期間: {from} - {to}"),
        SshdNotRunning { node } => format!(
            "{node} で sshd が動いていません (起動する systemd もありません)。ほかのノードからこのノードに接続できません。"
        ),
        GeneratingSshKey { user } => {
            format!("{user} の SSH 鍵がないため、いま生成します。")
        }
        ConfiguringSsh { user, node } => {
            format!("{user}@{node} とのパスワードなし SSH を設定しています。")
        }
        VerifyHealth => "健全性と設定を検査します。".into(),
        HealthNodes { nodes } => format!("ノード: {nodes}"),
        HealthReportFailed { detail } => {
            format!("クラスタのレポート: レポートを作成できませんでした ({detail})")
        }
    }
}

/// The commit checks' warnings and notes (`error::Notice`), in Japanese.
pub fn commit(n: &crate::error::Notice) -> String {
    use crate::error::Notice::*;
    match n {
        ValidationSkipped { schema, reason } => format!(
            "この {schema} の CIB の完全なスキーマ検査を省略しました: {}。crm 自身の検査だけを行いました。",
            skip_reason(reason)
        ),
        TagMemberMissing { tag, id } => {
            format!("タグ {tag}: メンバー {id} は存在しません。")
        }
        FencingDeviceMissing { device } => {
            format!("fencing_topology: リソース {device} は存在しません。")
        }
        FencingTargetNotNode { target } => {
            format!("fencing_topology: ターゲット {target} はノードではありません。")
        }
        PropertyWithoutValue { name } => format!(
            "プロパティ {name} に値がありません ({name}=VALUE の形式が必要です)。空の組として書き込みます。"
        ),
    }
}

fn skip_reason(r: &SkipReason) -> String {
    match r {
        SkipReason::NotInstalled { dir } => format!(
            "{dir} に RelaxNG スキーマがありません (Pacemaker のスキーマファイルがインストールされていません)"
        ),
        SkipReason::Unreadable { dir, detail } => {
            format!("{dir} の RelaxNG スキーマを読めません ({detail})")
        }
    }
}

/// The words of a usage error of a family, in Japanese (shown after
/// "使い方の誤りです: ").
pub fn misuse(m: &Misuse) -> String {
    use Misuse::*;
    match m {
        Syntax { usage } => format!("正しい形式は {usage} です。"),
        GiveCommand { level, example } => {
            format!("{level}: コマンドを指定してください (例: `{example}`)。")
        }
        GiveCommandOf { level, some } => {
            format!("{level}: コマンドを指定してください ({some} など)。")
        }
        WrongArguments {
            level,
            cmd,
            commands,
        } => format!(
            "{level} {cmd}: 引数が正しくありません。`help {level}` を参照してください (コマンド: {commands})。"
        ),
        NoSuchShadow { name } => {
            format!("{name}: そのようなシャドウ CIB はありません (`crm cib list` を参照)。")
        }
        NotSeconds { cmd, value } => format!("{cmd}: {value} は秒数ではありません。"),
        ExpectedZeroOrOne { got } => {
            format!("'0' か '1' を指定してください ('{got}' が指定されました)。")
        }
        TooManyArguments { cmd } => format!("{cmd}: 引数が多すぎます。"),
        Unexpected { cmd, what } => format!("{cmd}: {what} はここに書けません。"),
        NoProviders { class } => format!("クラス {class} にはプロバイダがありません。"),
        NoClass { class } => format!("クラス {class} は存在しません。"),
        NoProvider { provider, class } => {
            format!("クラス {class} にプロバイダ {provider} はありません。")
        }
        NeedsValue { cmd, flag } => format!("{cmd}: {flag} には値が必要です。"),
        UnknownOption { cmd, flag } => format!("{cmd}: 不明なオプション {flag} です。"),
        OneDestination => "report: 出力先は一つだけ指定できます。".into(),
        InNodelist { addr } => format!("{addr}: すでに nodelist にあります。"),
        StatusKind { got } => format!(
            "corosync status: {got}: ring、quorum、qdevice、qnetd のいずれかを指定してください。"
        ),
        Form { usage } => format!("正しい形式は {usage} です。"),
        NoCommand { cmd } => format!("{cmd}: コマンドを指定してください。"),
        GiveAnyCommand => "コマンドを指定してください (例: `crm configure show`)。".into(),
        UnknownAction { cmd, action } => format!("{cmd}: 不明なアクション {action} です。"),
        BadMode => "ファイルのモードが正しくありません (8 進数で指定します)。".into(),
        NoStage { stage, stages } => format!(
            "cluster init: ステージ {stage} はありません (ステージ: {stages})。"
        ),
        BadPeinputsRange { range } => {
            format!("{range}: peinputs の範囲として正しくありません (N または N:M)。")
        }
        SyntaxNear { cmd, word } => format!("{cmd} の構文エラー: <{word}> 付近"),
        NameTheNode => {
            "node: ノード名を指定してください (このマシンのノード名が分かりません)。".into()
        }
        BadSessionName { name } => format!("{name}: セッション名として使えません。"),
        UnknownSubcommand { cmd, word } => {
            format!("{cmd} のサブコマンド {word} は不明です。")
        }
        NoSessionLoaded => {
            "update/pack の前に history のセッションを読み込んでください (`session load`)。"
                .into()
        }
        ExpectedOption { opt } => {
            format!("-o <section>.<name>=<value> の形で指定してください: {opt}")
        }
        BadDestination => "report: 出力先が正しくありません。".into(),
        DestinationExists { path } => format!(
            "report: {path} はすでにあります。削除するか -Z を指定してください。"
        ),
        UnknownOptionName { option } => format!("不明なオプションです: {option}"),
        TooManyColors { given, most } => {
            format!("色が {given} 個あります。カラースキームの色は {most} 個までです。")
        }
        NoSeed => "cluster join -c NODE: 参加するクラスタのノードを指定してください。".into(),
        SkillLevelRequired { level } => {
            format!("このコマンドにはスキルレベル {level} が必要です (ACL)。")
        }
    }
}
