/// The words, emoji and marks learners write for an item's state, in the languages the trackers come in
/// (README "Status words" lists them). Each family is one consistent wording, so a table that says
/// TODO and DONE gets DOING, not "In Progress", for the state it has not shown yet.
public enum StatusWords {
    public struct Family: Sendable, Equatable {
        public var notStarted: String
        public var inProgress: String
        public var done: String
        public var skipped: String

        public func word(for status: ItemStatus) -> String {
            switch status {
            case .notStarted: notStarted
            case .inProgress: inProgress
            case .done: done
            case .skipped: skipped
            }
        }
    }

    public static let families: [Family] = [
        Family(notStarted: "Not Started", inProgress: "In Progress", done: "Done", skipped: "Skipped"),
        Family(notStarted: "TODO", inProgress: "DOING", done: "DONE", skipped: "SKIPPED"),
        Family(notStarted: "To Do", inProgress: "In Progress", done: "Done", skipped: "Skipped"),
        Family(notStarted: "Pending", inProgress: "In Progress", done: "Completed", skipped: "Skipped"),
        Family(notStarted: "Not Started", inProgress: "WIP", done: "Done", skipped: "Skipped"),
        Family(notStarted: "Not Started", inProgress: "Ongoing", done: "Finished", skipped: "Skipped"),
        Family(notStarted: "Not Started", inProgress: "Started", done: "Completed", skipped: "N/A"),
        // Portuguese, Spanish, French, German.
        Family(notStarted: "Não iniciado", inProgress: "Em andamento", done: "Concluído", skipped: "Pulado"),
        Family(notStarted: "A fazer", inProgress: "Fazendo", done: "Feito", skipped: "Pulado"),
        Family(notStarted: "Pendente", inProgress: "Em progresso", done: "Completo", skipped: "Ignorado"),
        Family(notStarted: "No iniciado", inProgress: "En progreso", done: "Completado", skipped: "Omitido"),
        Family(notStarted: "Pendiente", inProgress: "En curso", done: "Hecho", skipped: "Omitido"),
        Family(notStarted: "Por hacer", inProgress: "Haciendo", done: "Terminado", skipped: "Saltado"),
        Family(notStarted: "Non commencé", inProgress: "En cours", done: "Terminé", skipped: "Ignoré"),
        Family(notStarted: "À faire", inProgress: "En cours", done: "Fait", skipped: "Sauté"),
        Family(notStarted: "Nicht begonnen", inProgress: "In Arbeit", done: "Erledigt", skipped: "Übersprungen"),
        Family(notStarted: "Offen", inProgress: "In Bearbeitung", done: "Fertig", skipped: "Übersprungen"),
        // Korean, Chinese, Japanese, Russian, Vietnamese.
        Family(notStarted: "시작 전", inProgress: "진행 중", done: "완료", skipped: "건너뜀"),
        Family(notStarted: "예정", inProgress: "진행중", done: "완료", skipped: "생략"),
        Family(notStarted: "未开始", inProgress: "进行中", done: "已完成", skipped: "跳过"),
        Family(notStarted: "待办", inProgress: "学习中", done: "完成", skipped: "跳过"),
        Family(notStarted: "未着手", inProgress: "進行中", done: "完了", skipped: "スキップ"),
        Family(notStarted: "Не начато", inProgress: "В процессе", done: "Готово", skipped: "Пропущено"),
        Family(notStarted: "Не начат", inProgress: "В работе", done: "Выполнено", skipped: "Пропущен"),
        Family(notStarted: "Chưa bắt đầu", inProgress: "Đang học", done: "Hoàn thành", skipped: "Bỏ qua"),
        Family(notStarted: "Chưa làm", inProgress: "Đang làm", done: "Xong", skipped: "Bỏ qua"),
    ]

    /// Words that name a state but belong to no family of their own.
    static let loose: [(ItemStatus, [String])] = [
        (
            .notStarted,
            [
                "not yet started", "not begun", "to-do", "todo", "planned", "backlog", "open", "next", "upcoming",
                "queued",
                "no", "não", "nao", "não começado", "por fazer", "sin empezar", "pas commencé", "à faire", "offen",
                "geplant",
                "해야 함", "대기", "미완료", "未完成", "计划中", "未開始", "予定", "未完了", "не сделано", "запланировано", "chưa",
            ]
        ),
        (
            .inProgress,
            [
                "in progress", "in-progress", "started", "wip", "ongoing", "doing", "progress", "working",
                "working on it",
                "current", "active", "learning", "studying", "in review", "review", "partial", "partially done",
                "em andamento", "estudando", "en proceso", "estudiando", "en cours", "läuft", "begonnen", "학습 중",
                "공부 중",
                "正在学习", "学習中", "изучаю", "в прогрессе", "đang", "đang tiến hành",
            ]
        ),
        (
            .done,
            [
                "done", "completed", "complete", "finished", "finish", "yes", "ok", "learned", "mastered", "passed",
                "achieved",
                "concluído", "concluido", "feito", "completo", "hecho", "completado", "terminé", "fini", "réussi",
                "erledigt",
                "fertig", "abgeschlossen", "완료됨", "끝", "完成", "已学", "済", "完了済み", "сделано", "выполнено", "готов", "xong",
                "đã xong", "đã học",
            ]
        ),
        (
            .skipped,
            [
                "skipped", "skip", "n/a", "na", "not applicable", "dropped", "cancelled", "canceled", "won't do",
                "wont do",
                "omitido", "pulado", "saltado", "ignoré", "abandonné", "entfällt", "übersprungen", "생략", "건너뛰기", "跳过",
                "已跳过", "スキップ", "省略", "пропуск", "пропущено", "bỏ qua",
            ]
        ),
    ]

    /// Emoji and symbols, whatever words stand beside them; a cell's words win over its emoji.
    static let symbols: [(ItemStatus, [String])] = [
        (.done, ["✅", "✔", "✓", "☑", "🟢", "💯", "🏁", "🎉", "✔️", "🟩"]),
        (.inProgress, ["🚧", "🔄", "🟡", "🔶", "🔨", "🛠", "⚙", "🏃", "📖", "🟨", "🔁", "⌛", "🕐", "▶"]),
        (.notStarted, ["⏳", "🔴", "⬜", "☐", "❌", "⭕", "🟥", "🔲", "◻", "⚪"]),
        (.skipped, ["⏭", "⛔", "➖", "🚫", "⏩"]),
    ]

    /// Checkbox marks in cells and lists: `[ ]`, `[x]`, `[/]` or `[~]` (in progress), `[-]` (skipped).
    static let marks: [(ItemStatus, [String])] = [
        (.done, ["[x]"]),
        (.inProgress, ["[/]", "[~]"]),
        (.skipped, ["[-]"]),
        (.notStarted, ["[ ]", "[]"]),
    ]

    /// The state a checkbox character stands for: ` `, `x`, `X`, `/`, `~`, `-`.
    public static func status(ofBox character: UInt8) -> ItemStatus {
        switch character {
        case UInt8(ascii: "x"), UInt8(ascii: "X"): .done
        case UInt8(ascii: "/"), UInt8(ascii: "~"): .inProgress
        case UInt8(ascii: "-"): .skipped
        default: .notStarted
        }
    }
}
