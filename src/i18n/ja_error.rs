//! The Japanese text of every error kind (the English is the `Display` of
//! [`ErrorKind`] in `error.rs`). The match has no catch-all arm: a new
//! error variant does not compile until it has its Japanese here.
//! Ids, commands, attribute names and quoted input stay as they are.

use crate::error::{CommandError, ConfigureError};
use crate::error::{Error, ErrorKind, FileRefusal, Hint, Reference};

/// The message of `kind` in Japanese.
pub fn error(kind: &ErrorKind) -> String {
    use ErrorKind::*;
    match kind {
        NoClosingQuotation => "引用符が閉じられていません。".into(),
        SmartQuote { quote } => {
            format!("普通の引用符が入るべきところに欧文の引用符 '{quote}' があります。")
        }
        UnknownCommand { word, .. } => format!("構文エラー: {word} 付近に不明なコマンドがあります。"),
        Expected { what, found: Some(found), .. } => {
            format!("{what} が必要ですが、'{found}' があります。")
        }
        Expected { what, found: None, .. } => {
            format!("{what} が必要ですが、文がそこで終わっています。")
        }
        AtLeastArguments { count, keyword } => {
            format!("{keyword} の構文エラー: 引数が少なくとも {count} 個必要です。")
        }
        BadAgentSpec { spec } => format!("リソース種別の指定 {spec} が正しくありません。"),
        UnknownNodeType { spec } => {
            format!("uname[:type] の形式が必要ですが、{spec} が指定されています。")
        }
        InvalidId { id } => format!("{id}: オブジェクトIDとして使えません。"),
        UnknownAttribute { attr } => format!("不明な属性です: {attr}"),
        UnknownArguments { args } => format!("不明な引数です: {args}"),
        EmptyValue { name } => format!("{name} に空の値は設定できません。"),
        InvalidRole { role, rsc } => {
            format!("リソース '{rsc}' のロール '{role}' が正しくありません。")
        }
        InvalidSetRole { item } => format!("{item} のロールが正しくありません。"),
        InvalidAction { action, rsc } => {
            format!("'{rsc}' のアクション '{action}' が正しくありません。")
        }
        InvalidKind { kind } => format!("kind の値が正しくありません: {kind}"),
        NestedSets => "リソースセットは入れ子にできません。".into(),
        MismatchedBracket => "閉じ括弧が対応していません。".into(),
        UnmatchedClosingBracket => "対応する開き括弧のない閉じ括弧があります。".into(),
        UnmatchedOpeningBracket => "開き括弧が閉じられていません。".into(),
        EmptySet => "リソースセットが空です。".into(),
        MixedBoolOps { first, second } => {
            format!("論理演算子を混在させることはできません: {first} と {second}")
        }
        AttributeOrder { name } => {
            format!("属性の順序の誤り: {name} はインスタンス属性より前に書く必要があります。")
        }
        DuplicateChild { child, parent } => {
            format!("子リソース {child} がグループ {parent} に複数回書かれています。")
        }
        AtLeastPairs => "name=value の組が少なくとも 2 つ必要です。".into(),
        ParamNameSplit { first, second } => format!(
            "パラメータ名 '{first}' の後に '{second}=' が続いています: パラメータ名に空白は入れられません。"
        ),
        XmlElementUnknown { name } => format!("要素 {name} は認識できません。"),
        XmlMalformed { message } => format!("XMLデータを解析できません: {message}"),
        AclAttributeWithoutType => {
            "attribute は tag/object-type と組み合わせたときだけ使えます。".into()
        }
        DuplicateObject { node: true, id } => format!("ノードが重複しています: {id}"),
        DuplicateObject { node: false, id } => format!("リソースが重複しています: {id}"),
        MissingConstraintResource { constraint, rsc } => {
            format!("制約 {constraint} が存在しないリソース {rsc} を参照しています。")
        }
        GroupChildNotPrimitive { child, kind, .. } => {
            format!("グループに入れられるのは primitive だけです。{child} は {kind} です。")
        }
        ChildInOtherContainer { parent, child, other } => format!(
            "{parent} を作成できません: 子リソース {child} はすでに {other} に入っています。"
        ),
        MissingChild { parent, child } => {
            format!("{parent} が存在しないオブジェクト {child} を参照しています。")
        }
        ContainerChildKind { parent, child, kind } => {
            format!("{parent} に {child} は入れられません: {child} は {kind} です。")
        }
        MonitorTarget { rsc } => format!("monitor: {rsc} は primitive ではありません。"),
        MonitorExists { rsc, interval } => {
            format!("{rsc} には interval {interval} の monitor がすでにあります。")
        }
        ObjectExists { id } => format!("オブジェクト {id} はすでに存在します。"),
        NoSuchObject { id } => format!("オブジェクト {id} は存在しません。"),
        CommentNotSaved { section, line } => format!(
            "<{section}> 内でどのオブジェクトにも属さないコメントは保存されませんでした (crm テキストには置き場所がありません。`save xml` なら残ります): {line}"
        ),
        IdInUse { id } => format!("ID {id} はすでに使われています。"),
        MaskedSecretKept { name, id } => format!(
            "{id}: {name} が伏せ字 (\"******\") で渡されたため、保存済みの値をそのまま残します。"
        ),
        EmbeddedCopyDiffers { container, member } => format!(
            "{container} が埋め込んでいる {member} の写しが {member} の文と異なります。{member} は一か所で変更してください。"
        ),
        Schema { message, .. } => format!("スキーマ検査エラー: {message}"),
        SchemaInvalid { schema, object, element, message } => {
            let what = match (object, element) {
                (Some(o), Some(e)) => format!("{o}: {e} は"),
                (Some(o), None) => format!("{o} は"),
                (None, Some(e)) => format!("{e} は"),
                (None, None) => "CIB は".into(),
            };
            format!("{what} {schema} スキーマに適合していません: {message}")
        }
        MissingReference { object, what, id } => match what {
            Reference::Template => {
                format!("{object}: {id}: そのようなリソーステンプレートはありません。")
            }
            Reference::IdRef => {
                format!("{object}: $id-ref={id}: 参照先が見つかりません: {id}")
            }
            Reference::AclReference => {
                format!("{object}: ref:{id}: CIB に ID が {id} の要素はありません。")
            }
            Reference::AclRole => format!("{object}: ロール {id} は存在しません。"),
        },
        LocationScoreAttribute { object, score } => format!(
            "{object}: スコア '{score}' は数値でも INFINITY でもありません (ノード属性から取るスコアには rule が必要です)。"
        ),
        UnknownResourceClass { object, class, known } => format!(
            "{object}: 不明なリソースクラス '{class}' です (使えるもの: {known})。"
        ),
        Io { path, message } => format!("{path}: 入出力エラー: {message}"),
        Cib { message } => format!("CIB のエラー: {message}"),
        InvalidUtf8 { path, line, offset } => format!(
            "{path}:{line}: {offset} バイト目が UTF-8 (Shift_JIS でも) として正しくありません。"
        ),
        FileRefused { path, why } => match why {
            FileRefusal::ReadOnly => {
                format!("{path}: 読み取り専用のファイルです。何も書き込んでいません。")
            }
            FileRefusal::NotRegular => {
                format!("{path}: 通常のファイルではありません。何も書き込んでいません。")
            }
            FileRefusal::DanglingLink => format!(
                "{path}: 存在しないファイルへのシンボリックリンクです。何も書き込んでいません。"
            ),
            FileRefusal::Owner { uid, gid } => format!(
                "{path}: 所有者が uid {uid} (gid {gid}) で、このユーザが書いたファイルではその所有者を保てません。何も書き込んでいません。"
            ),
            FileRefusal::SameAsInput => {
                format!("{path}: 出力ファイルが入力ファイルと同じです。何も書き込んでいません。")
            }
        },
        Usage { message } => format!("使い方の誤りです: {message}"),
        LanguageServer { detail } => format!("言語サーバ: エディタとの接続に失敗しました: {detail}"),
        BadOption { message } => format!("オプションの値が正しくありません: {message}"),
        Reported => String::new(),
        CommandFailed { command, message } => format!("{command} は実行できません: {message}"),
        NoSuchCommand { word } => format!("{word}: そのようなコマンドはありません。"),
        EditorFailed { editor, status } => {
            format!("エディタ {editor} が失敗しました ({status})。何も変更していません。")
        }
        EditCollision { ids } => format!("要素 {} はすでに存在します。", ids.join(", ")),
        NeedsTerminal { command } => format!(
            "{command} は端末が必要なため、バッチモードでは使えません。"
        ),
        LooksLikeSheet { path, kind } => {
            format!("{path} は crm ファイルではなく {kind} のようです。")
        }
        ChecksRefused { count } => {
            format!("設定に {count} 件のエラーがあります。何もコミットしていません。")
        }
        ChecksFailed { count } => format!("設定に {count} 件のエラーがあります。"),
        BadArguments { command, .. } => format!("{command}: 引数が正しくありません。"),
        MoreErrors { count } => format!("ほかに {count} 件のエラーがあります (表示を省略)。"),
        NoHelp { word, level } => {
            format!("{level} レベルに '{word}' のヘルプはありません。")
        }
        ToolMissing { tool } => {
            format!("{tool} がインストールされていません (PATH に見つかりません)。")
        }
        ToolFailed { call, status, stderr } => {
            let mut s = format!("{call} が失敗しました (rc={status})。");
            if !stderr.is_empty() {
                s.push_str(&format!(": {stderr}"));
            }
            s
        }
        NoCluster { call, status, stderr } => {
            let mut s = format!(
                "クラスタから CIB を読めません: `{call}` が失敗しました (rc={status})。"
            );
            if !stderr.is_empty() {
                s.push_str(&format!(": {stderr}"));
            }
            s
        }
        CommitRejected { call, status, stderr } => {
            let mut s = format!(
                "コミットできません: Pacemaker が変更を拒否しました (`{call}`, rc={status})。"
            );
            if !stderr.is_empty() {
                s.push_str(&format!(":\n{stderr}"));
            }
            s
        }
        CibChanged { started, now, what } => format!(
            "この間に CIB が変更されたため、手を付けません。このセッションの開始時は {started} (admin_epoch.epoch.num_updates) でしたが、現在は {now} です ({what})。何もコミットしていません。"
        ),
        CommitUnconfirmed { expected, now } => format!(
            "コミットを確認できません: CIB は {expected} 以降 (admin_epoch.epoch) のはずですが、{now} のままです。"
        ),
        WaitTimedOut { seconds } => {
            format!("{seconds} 秒待っても、クラスタにはまだ実行待ちのアクションがあります。")
        }
        CommitStarved { tries } => format!(
            "確認とパッチの間に毎回クラスタがステータスを書き込みました。コミットを {tries} 回試みましたが、適用されていません。"
        ),
        VerifyRefused { report } if report.is_empty() => {
            "検査でエラーが見つかりました。何もコミットしていません。".into()
        }
        VerifyRefused { report } => format!(
            "crm_verify がエラーを見つけました。何もコミットしていません:\n{report}"
        ),
        NoSuchNode { node } => format!("ノード {node} は CIB にありません。"),
        NoSuchResource { id } => format!("リソース {id} は存在しません。"),
        Command(e) => command(e),
        NoSuchSource { source } => format!("ソース {source} は存在しません。"),
        NotAReport { path } => format!(
            "{path}: レポートではありません (description.txt も report.summary もありません)。"
        ),
        NoTransitions => "ソースに遷移 (transition) が見つかりません。".into(),
        PeNotFound { spec } => format!("PE 入力ファイル {spec} が見つかりません。"),
        PeAmbiguous { spec } => format!("{spec}: PE 入力が一つに決まりません。"),
        BadTime { spec } => format!("時刻の指定が正しくありません: {spec}"),
        SameTimes { spec } => format!("{spec}: 開始と終了に同じ日時は指定できません。"),
        NoSuchSession { name } => format!("history セッション {name} は存在しません。"),
        SessionExists { name } => format!("history セッション {name} はすでに存在します。"),
        BadRegex { regex, message } => format!("正規表現 {regex} が正しくありません: {message}"),
        RemoteFailed { node, message } => format!("{node} での実行に失敗しました: {message}"),
        NoNodes => {
            "ノードの一覧が分かりません。このマシンはクラスタのノードですか?".into()
        }
        CorosyncKey { key } => format!("corosync.conf: キー {key} はありません。"),
        CorosyncSyntax { path, line, message } => {
            format!("{path}:{line}: 構文エラー: {message}")
        }
        NodesDiffer { what, nodes } => {
            format!("{what} がノード間で異なります: {}", nodes.join(", "))
        }
        ToolNotXml { call, error } => format!("{call} が XML で応答しませんでした: {error}"),
        Configure(e) => configure(e),
        NoSuchUser { user } => format!("/etc/passwd にユーザ {user} がありません。"),
        NoSshKey { node, user } => format!("{node} に {user} の ssh 鍵がありません。"),
        SshCopyIdFailed { node, user } => format!(
            "{user}@{node} への ssh-copy-id に失敗しました: パスワードなしでは crm はパスワード不要の ssh を設定できません。\
             事前に設定してください ({node} の sshd_config で PasswordAuthentication を許可する方法もあります)。"
        ),
        NotAddress { value } => format!(
            "-i {value}: IP アドレスでも、IPv4 アドレスを持つインタフェースでもありません。"
        ),
        ClusterActive { node } => {
            format!("{node} でクラスタが稼働中です。実行できません。")
        }
        NotAdminAddress { value } => format!("-A {value}: IP アドレスではありません。"),
        AddressInUse { addr } => format!("アドレスは既に使われています: {addr}"),
        ClusterInactive { stage } => {
            format!("クラスタが停止中です。{stage} ステージは実行できません。")
        }
        JoinedExisting => "既存のクラスタに参加済みです。再設定はしません。".into(),
    }
}

/// The message of a refused configure-level tool command in Japanese.
fn configure(e: &ConfigureError) -> String {
    use ConfigureError::*;
    match e {
        NotAPrimitive { id } => format!("primitive ではありません: {id}"),
        NoTemplate { template, rsc } => {
            format!("{rsc} のリソーステンプレート {template} がありません。")
        }
        TooComplex { rsc } => format!("primitive が複雑すぎます: {rsc}"),
        CannotValidate { rsc, agent } => {
            format!("{rsc}: エージェント {agent} では validate-all を実行できません。")
        }
        TimeoutsIncomplete => {
            "default-timeouts: 変更できなかったオブジェクトがあります。".into()
        }
        NoSuchSchema { name } => format!("スキーマ {name} は存在しません。"),
        SchemaConflicts { name, problem } => {
            format!("スキーマ {name} は現在の設定と矛盾します: {problem}")
        }
        ExpectedForce { word } => {
            format!("'force' を指定するか引数なしにしてください ('{word}' が指定されています)。")
        }
        GraphFormat { format } => format!("graph: 不明な画像形式です: {format}"),
        GraphType { kind } => format!("graph: 不明なグラフ種別です: {kind} (使えるのは dot です)"),
        SimulateWord { word } => format!("ptest: 不明な語です: {word}"),
        CibstatusCommand { word } => format!("cibstatus: そのようなコマンドはありません: {word}"),
        NodeState { state } => format!(
            "ノード状態 {state} が正しくありません (online、offline、unclean のいずれか)。"
        ),
        OpOutcome { rc } => format!("op の結果 {rc} が正しくありません。"),
        NotInStatus { what } => format!("status セクションに {what} がありません。"),
        StatusValue { word, expected } => {
            format!("値 {word} が正しくありません ({expected} のいずれか)。")
        }
        StagedChanges => "未コミットの変更があります。別の CIB に切り替える前に commit するか、refresh で破棄してください。".into(),
        NoStatus { source } => format!("{source}: CIB に status セクションがありません。"),
        OpNeedsInterval { rsc } => format!(
            "{rsc} の monitor 操作には間隔が必要です (monitor:INTERVAL)。"
        ),
        OpOnNodes { op, nodes } => format!(
            "操作 {op} は複数のノードにあります: {} (ノードを指定してください)",
            nodes.join(" ")
        ),
        StatusUnchanged => "status は変更されていません。".into(),
        StatusToCluster => "status をクラスタに保存することはできません。".into(),
        EditedXml { problem } => {
            use crate::error::EditedXmlProblem as P;
            let why = match problem {
                P::Unreadable { message } => message.clone(),
                P::NoConfiguration => "<cib> に <configuration> がありません".into(),
                P::NotCib { root } => format!("<{root}> は CIB の文書ではありません"),
            };
            format!("編集した XML は使えません: {why}")
        }
        AssistNoPrimitive => "configure.assist.template: primitive を少なくとも一つ指定してください。".into(),
        AssistPrimitiveMissing { id } => format!("configure.assist.template: primitive {id} が見つかりません。"),
        AssistNotPrimitives => "configure.assist.template: 指定されたリソースにはテンプレートを作れません。".into(),
        AssistAgentsDiffer => "configure.assist.template: 指定された primitive をテンプレートにまとめられません。".into(),
        AssistTemplateFailed => "configure.assist.template: テンプレートを作れませんでした。".into(),
        WeakBondTooFew => "configure.assist.weak-bond: 引数が少なくとも二つ必要です。".into(),
        WeakBondMissing { id } => format!("configure.assist.weak-bond: オブジェクトが見つかりません: {id}"),
        WeakBondNotPrimitive { id } => format!("configure.assist.weak-bond: オブジェクトが primitive ではありません: {id}"),
        RsctestNoElement { id } => format!("要素 {id} は存在しません。"),
        RsctestNoResource => "リソースを少なくとも一つ指定してください。".into(),
        RsctestSyntax { word } => format!("rsctest の構文エラー: 'rsctest {word}'"),
    }
}

/// The message of a refused level command in Japanese.
fn command(e: &CommandError) -> String {
    use CommandError::*;
    match e {
        NotPromotable { rsc } => format!("{rsc} は昇格可能 (promotable) なリソースではありません。"),
        NoTargetNode => {
            "移動先ノードがありません: move には移動先ノードか 'force' が必要です。".into()
        }
        NotOurNode { node } => format!("クラスタのノードではありません: {node}"),
        ExpectedOnOff { word } => format!(
            "<resource> [on|off|true|false] の形式が必要ですが、'{word}' が指定されています。"
        ),
        NotPrimitive { id } => format!("要素 {id} は primitive リソースではありません。"),
        NoMonitor { rsc } => format!("{rsc} には monitor オペレーションが設定されていません。"),
        NoOperation { rsc, op } => format!("{rsc} にオペレーション {op} はありません。"),
        NoOperationInterval { rsc, op, interval } => {
            format!("{rsc} に interval {interval} のオペレーション {op} はありません。")
        }
        TraceUsage => "使い方: trace <rsc> [<op>] [<interval>] [<log-dir>]".into(),
        NeedsForce { what } => format!(
            "{what} には確認が必要ですが、スクリプトからは答えられません。何も実行していません。"
        ),
        Declined { what } => format!("{what}: 確認されなかったため、何も実行していません。"),
        NodeStillActive { node } => {
            format!("crm_node によると、ノード {node} はまだ稼働中です。")
        }
        NodeInMembership { node } => format!(
            "Pacemaker ではオフラインですが、corosync ではオンラインです。先にノード '{node}' を停止してください。"
        ),
        NodeNotRemoved { node } => {
            format!("{node} はメンバーシップから削除されましたが、CIB からは削除されていません。")
        }
        NoFailCount { rsc, node } => {
            format!("リソース {rsc} には {node} で設定できるフェイルカウントがありません。")
        }
        FailCountAmbiguous { rsc, choices } => format!(
            "{rsc} には複数のオペレーションのフェイルカウントがあります。オペレーションと interval を指定してください ({choices} のいずれか)。"
        ),
        FailCountNoResource { rsc } => {
            format!("リソース {rsc} はこのクラスタに存在しません。")
        }
        TicketCommand { word } => format!(
            "grant|revoke|standby|activate|show|time|delete のいずれかが必要ですが、'{word}' が指定されています。"
        ),
        TicketValue { ticket, value } => {
            format!("チケット {ticket} の値が想定外です: {value}")
        }
        NoSuchTicket { ticket } => format!("{ticket}: そのようなチケットはありません。"),
        TicketEmpty { ticket } => format!("チケット {ticket} について表示するものがありません。"),
        NotInMaintenance { rsc } => format!("{rsc}: 保守モードではありません。"),
        MustRunHere { rsc, node } => {
            format!("リソース {rsc} はこのノード ({node}) で稼働している必要があります。")
        }
        ActionUnsupported { action, agent } => {
            format!("{agent} はアクション '{action}' に対応していません。")
        }
        ActionFailed { action, rc, node } => {
            format!("{node} で {action} が失敗しました (rc={rc})。")
        }
        ClassUnsupported { action, class } => format!(
            "このリソースには '{action}' を呼び出せません (クラス {class})。"
        ),
        ExpectedSsh { word } => format!("不明な引数です: {word}"),
        UnknownAgent { agent } => {
            format!("{agent}: メタデータを取得できません。このリソースエージェントは存在しますか?")
        }
        ValidateOcfOnly { agent } => {
            format!("{agent}: このコマンドが対応しているのは OCF エージェントだけです。")
        }
        NoValidateAll { agent } => {
            format!("{agent}: エージェントが validate-all アクションに対応していません。")
        }
        ExpectedNameValue { word } => {
            format!("パラメータは name=value の形式で指定してください ('{word}' が指定されています)。")
        }
        NoSuchFile { path } => format!("{path}: ファイルがありません。"),
        NoPeInput { name } => format!("PE 入力ファイル {name} がありません。"),
        SeveralPeInputs { name, files } => {
            format!("PE 入力ファイル {name} が複数あります: {files}")
        }
        BadShadowName { name } => format!("ファイル名が正しくありません: {name}"),
        NothingToCommit => "コミットするものがありません。".into(),
        ExpectedWithStatus { word } => {
            format!("'withstatus' が必要ですが、'{word}' が指定されています。")
        }
        CannotTemplate => "指定された primitive からテンプレートを作れません。".into(),
        PrimitiveNotFound { id } => format!("primitive {id} が見つかりません。"),
        NotAPrimitive { id } => format!("オブジェクトが primitive ではありません: {id}"),
        AtLeast { count, what } => format!("{what} が少なくとも {count} 個必要です。"),
        SecretShown => "この値は秘密情報です。".into(),
    }
}

/// The help line under an error in Japanese: the kind's own hint, else
/// "did you mean", else the level's hint; a found cause comes first.
pub fn help(e: &Error) -> Option<String> {
    let help = kind_help(&e.kind)
        .or_else(|| e.suggestion().map(did_you_mean))
        .or_else(|| fallback_help(&e.kind));
    match (e.hint().map(hint), help) {
        (Some(h), Some(help)) => Some(format!("{h}\n{help}")),
        (Some(h), None) => Some(h),
        (None, help) => help,
    }
}

fn did_you_mean(s: &str) -> String {
    format!("'{s}' のことですか?")
}

fn hint(h: &Hint) -> String {
    match h {
        Hint::BlankAfterContinuation { line } => format!(
            "{line} 行目は継続 (`\\` または `¥`) で終わっていますが、次の行が空行です。空行は文の終わりになるので、空行を削除してください。"
        ),
    }
}

fn fallback_help(kind: &ErrorKind) -> Option<String> {
    use ErrorKind::*;
    match kind {
        NoSuchCommand { .. } => {
            Some("`ls` (または `help`) でこのレベルのコマンドを一覧できます。".into())
        }
        NoHelp { .. } => {
            Some("`help` でこのレベルのコマンドを、`help topics` でトピックを一覧できます。".into())
        }
        _ => None,
    }
}

fn kind_help(kind: &ErrorKind) -> Option<String> {
    use ErrorKind::*;
    match kind {
        SmartQuote { quote } => Some(format!(
            "スライドやワープロからコピーした文字列には “ ” や ‘ ’ が含まれます。代わりに普通の {} を入力してください。",
            if matches!(quote, '‘' | '’') { "'" } else { "\"" }
        )),
        UnknownCommand { suggestion: Some(s), .. } | Expected { suggestion: Some(s), .. } => {
            Some(did_you_mean(s))
        }
        ParamNameSplit { first, second } => Some(did_you_mean(&format!("{first}{second}="))),
        NoClosingQuotation => Some("ここで開いた引用符が閉じられていません。".into()),
        NoCluster { .. } => Some(
            "このマシンで Pacemaker は動いていますか? クラスタではなく CIB ファイルを扱うには CIB_file=PATH を設定してください (例: `CIB_file=cib.xml crm configure show`)。".into(),
        ),
        CommitRejected { .. } => Some("稼働中の CIB は元のままです。".into()),
        BadTime { .. } => Some(
            "2026-12-01 03:00、03:00 (今日)、\"Tue Dec  1 03:00:00 2026\"、3pm のように指定してください。".into(),
        ),
        NoSuchSource { .. } => Some(
            "レポートのディレクトリ、レポートのアーカイブ (.tar.bz2/.gz/.xz)、または live を指定してください。".into(),
        ),
        LooksLikeSheet { path, .. } => Some(format!(
            "環境定義書はまず pm_crmgen で変換します: `pm_crmgen -o cluster.crm {}` の後に `crm configure load update cluster.crm`",
            if path.starts_with('<') || path == "-" { "SHEET" } else { path }
        )),
        BadArguments { usage, .. } if !usage.is_empty() => {
            Some(format!("使い方: {}", usage.replace('\n', "\n        ")))
        }
        SchemaInvalid { .. }
        | MissingReference { .. }
        | LocationScoreAttribute { .. }
        | UnknownResourceClass { .. } => Some(
            "Pacemaker はこの設定を受け付けません。何も書き込んでいません。".into(),
        ),
        CibChanged { .. } => Some(
            "もう一方の変更を確認してから (`crm configure show`)、コマンドをもう一度実行してください。`commit force` (または `crm -F`) なら上書きします。".into(),
        ),
        VerifyRefused { .. } | ChecksRefused { .. } => {
            Some("`crm -F` (または `commit force`) なら、それでもコミットします。".into())
        }
        Command(e) => command_help(e),
        Configure(e) => configure_help(e),
        ToolMissing { .. } => Some(
            "Pacemaker のコマンドラインツール (Debian: pacemaker-cli-utils) をインストールするか、CIB ファイルを扱うなら CIB_file=PATH を設定してください。".into(),
        ),
        _ => None,
    }
}

fn configure_help(e: &ConfigureError) -> Option<String> {
    use ConfigureError::*;
    match e {
        NoSuchSchema { .. } => Some(
            "Pacemaker が知っているスキーマは、スキーマディレクトリ (/usr/share/pacemaker) の pacemaker-*.rng です。".into(),
        ),
        CannotValidate { .. } => Some(
            "validate-all を持つ OCF エージェントだけが対象です (`crm ra info AGENT` でアクションを一覧できます)。".into(),
        ),
        GraphFormat { .. } => Some("形式: dot, svg, png, pdf, ps, jpg, gif".into()),
        AssistAgentsDiffer => Some(
            "primitive はすべて同じエージェントで、どれもまだテンプレートを使っていないことが必要です。".into(),
        ),
        RsctestSyntax { .. } => Some(
            "リソースを先に、ノードをその後に書きます: rsctest RSC... [NODE...]".into(),
        ),
        _ => None,
    }
}

fn command_help(e: &CommandError) -> Option<String> {
    use CommandError::*;
    match e {
        NoTargetNode => Some(
            "`resource move RSC NODE` でそのノードへ移動します。`force` なら今稼働しているノードから移動します。".into(),
        ),
        NeedsForce { .. } => Some("`crm -F …` で実行すると yes と答えます。".into()),
        NotInMaintenance { .. } => Some(
            "先に `crm maintenance on RSC` (クラスタ全体なら `on`) を実行してください。`-F` ならそのまま実行します。".into(),
        ),
        NodeStillActive { .. } => Some(
            "先にそのノードのクラスタを停止してください。`crm -F node delete NODE` ならそのまま削除します。".into(),
        ),
        UnknownAgent { .. } => Some(
            "`crm ra list CLASS [PROVIDER]` でこのマシンにあるエージェントを一覧できます。".into(),
        ),
        NothingToCommit => Some("シャドウ CIB の名前を指定してください: `cib commit NAME`".into()),
        _ => None,
    }
}
