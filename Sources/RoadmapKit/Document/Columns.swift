/// What a table's header says each column holds, by its words (emoji, punctuation, case and accents
/// folded), in the languages learners write trackers in. README "The document" lists the words.
enum ColumnRole: Equatable, Sendable {
    /// Phase / Stage / Level: the group a row belongs to (an overview's row, a status table's group).
    case phase
    /// Week / Sprint / Month / Module…: a group too, and a name when nothing else names the row.
    case period
    /// Day: a group only when no heading groups the tables, else a name.
    case day
    /// Sub Topics, Topics, Items: a cell that lists several items.
    case itemList
    /// Topic, Task, Project…: one item's name.
    case name
    case status
    case total
    /// `#`, `No.`: a row number.
    case ordinal
    case other

    /// `statusColumn` (`.roadmap.yml`'s `status_column:`) is the one status column when it is set.
    static func of(_ header: String, statusColumn: String? = nil) -> ColumnRole {
        let words = TextNormalization.words(header)
        if let statusColumn {
            if words == TextNormalization.words(statusColumn) { return .status }
            if role(words, header) == .status { return .other }
        }
        return role(words, header)
    }

    private static func role(_ words: String, _ header: String) -> ColumnRole {
        if words.isEmpty {
            if header.contains("#") { return .ordinal }
            // A header that is only a tick ("✔️", "✅") heads a status column.
            return header.unicodeScalars.contains { ["✔", "✓", "✅", "☑", "🏁"].contains(Character($0)) }
                ? .status : .other
        }
        if let role = table[words] { return role }
        // "Status (✅/🚧)", "Progress %", "Week #": the first word decides.
        if let first = words.split(separator: " ").first, let role = table[String(first)],
            role != .name || words.split(separator: " ").count <= 2
        {
            return role
        }
        return .other
    }

    private static let table: [String: ColumnRole] = {
        var table: [String: ColumnRole] = [:]
        func add(_ role: ColumnRole, _ words: [String]) {
            for word in words { table[TextNormalization.words(word)] = role }
        }
        add(
            .phase,
            [
                "phase", "phases", "stage", "stages", "level", "levels", "part", "step", "fase", "etapa", "nivel",
                "nível",
                "étape", "phase", "niveau", "stufe", "abschnitt", "단계", "阶段", "段階", "フェーズ", "этап", "фаза", "уровень",
                "giai đoạn", "cấp độ",
            ])
        add(
            .period,
            [
                "week", "weeks", "sprint", "month", "semana", "mes", "mês", "semaine", "mois", "woche", "monat", "주",
                "주차", "월",
                "周", "週", "月", "неделя", "месяц", "tuần", "tháng",
            ])
        add(.day, ["day", "days", "día", "dia", "jour", "tag", "일", "일차", "天", "日", "день", "ngày"])
        add(
            .itemList,
            [
                "sub topics", "subtopics", "sub topic", "subtopic", "sub-topics", "topics", "items", "lessons",
                "contents",
                "subtemas", "subtópicos", "tópicos", "temas", "assuntos", "sous thèmes", "sujets", "unterthemen",
                "themen",
                "하위 주제", "세부 주제", "세부 항목", "주제들", "子主题", "小主题", "知识点", "サブトピック", "トピック", "подтемы", "темы",
                "chủ đề con", "các chủ đề", "nội dung chi tiết",
            ])
        add(
            .name,
            [
                "topic", "task", "tasks", "module", "project", "projects", "chapter", "name", "item", "lesson",
                "concept",
                "skill", "skills", "subject", "title", "course", "exercise", "goal", "goals", "description", "what",
                "content",
                "challenge", "focus", "kata", "problem", "resource", "book", "video", "tutorial", "milestone",
                "deliverable", "objective",
                "tema", "tópico", "assunto", "conteúdo", "tarefa", "projeto", "capítulo", "módulo", "nome", "tarea",
                "proyecto",
                "título", "nombre", "contenido", "descripción", "sujet", "tâche", "projet", "chapitre", "nom",
                "contenu", "thema",
                "aufgabe", "projekt", "kapitel", "inhalt", "주제", "내용", "항목", "과제", "프로젝트", "챕터", "학습 내용", "주제명",
                "主题", "内容", "任务", "项目", "章节", "名称", "课程", "テーマ", "タスク", "項目", "章", "課題", "тема", "задача",
                "проект", "глава", "название", "модуль", "chủ đề", "nội dung", "nhiệm vụ", "dự án", "chương", "tên",
                "bài", "bài học",
            ])
        add(
            .status,
            [
                "status", "state", "progress", "done", "completed", "complete", "check", "estado", "situação",
                "situacao",
                "progresso", "progreso", "statut", "état", "avancement", "fait", "zustand", "fortschritt", "erledigt",
                "상태", "진행", "진행 상태", "진행상황", "완료", "状态", "进度", "完成", "進捗", "ステータス", "状態", "статус",
                "состояние", "прогресс", "готово", "trạng thái", "tiến độ", "hoàn thành",
            ])
        add(.total, ["total", "count", "totals", "qty", "合计", "总数", "합계", "всего", "tổng"])
        add(.ordinal, ["no", "nr", "n", "nº", "number", "num", "번호", "序号", "番号", "номер", "stt"])
        return table
    }()
}

/// The number a heading or a cell states for its phase: `Phase 3`, `Week 3`, `Fase 3`, `Day 12`, `3.`,
/// `3주차`, `第3周`, `Неделя 3`, `Tuần 3`. Nil when it states none; then the phase is named by its title.
enum PhaseNumbers {
    static let keywords: Set<String> = [
        "phase", "stage", "step", "level", "part", "module", "week", "sprint", "month", "day", "unit", "milestone",
        "fase", "etapa", "semana", "mes", "modulo", "dia", "parte", "unidad", "unidade", "nivel",
        "etape", "semaine", "mois", "jour", "niveau", "woche", "monat", "tag", "stufe", "teil", "abschnitt",
        "неделя", "этап", "фаза", "день", "месяц", "модуль", "уровень", "часть", "tuan", "thang", "ngay", "giai",
        "phan", "buoi", "bai",
    ]

    /// Korean, Chinese and Japanese put the number before the word: 1주차, 第1周, 第一阶段.
    private static let suffixes = [
        "주차", "주", "단계", "일차", "일", "개월", "周", "週", "天", "日", "阶段", "段階", "章", "部", "月", "课", "課",
    ]

    static func number(in text: String, keywordOnly: Bool = false) -> Int? {
        let words = TextNormalization.words(text).split(separator: " ").map(String.init)
        for (index, word) in words.enumerated() {
            // "Phase 3", "Week 03", "giai đoạn 2" (two words), "phase3".
            if keywords.contains(word), index + 1 < words.count, let number = leadingNumber(words[index + 1]) {
                return number
            }
            if index + 2 < words.count, word == "giai", words[index + 1] == "doan",
                let number = leadingNumber(words[index + 2])
            {
                return number
            }
            // "phase3": only a word ending in a digit can be one (and most words are not).
            guard let last = word.unicodeScalars.last else { continue }
            if ("0"..."9").contains(last) {
                let length = word.count
                for keyword in keywords where length > keyword.count && word.hasPrefix(keyword) {
                    if let number = Int(word.dropFirst(keyword.count)) { return number }
                }
            }
            if !word.utf8.allSatisfy({ $0 < 0x80 }), let number = cjkNumber(word) { return number }
        }
        guard !keywordOnly else { return nil }
        // "3. JavaScript", "03 - Node", "3) Basics": a number opening the heading.
        let trimmed = Mojibake.repaired(text).trimmingBlanks()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        // A bare "3" (a Phase or Week cell), or one opening the heading.
        guard let next = trimmed.dropFirst(digits.count).first else { return Int(digits) }
        return ".):-–— ".contains(next) ? Int(digits) : nil
    }

    /// `1주차`, `第3周`, `第十周` (Chinese numerals up to 99).
    private static func cjkNumber(_ word: String) -> Int? {
        var body = Substring(word)
        if body.hasPrefix("第") { body = body.dropFirst() }
        for suffix in suffixes where body.hasSuffix(suffix) && body.count > suffix.count {
            let number = body.dropLast(suffix.count)
            if let value = Int(number) { return value }
            if word.hasPrefix("第"), let value = chineseNumeral(number) { return value }
        }
        return nil
    }

    private static func chineseNumeral(_ text: Substring) -> Int? {
        let digits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "两": 2]
        if text == "十" { return 10 }
        let parts = text.split(separator: "十", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return text.count == 1 ? digits[text.first!] : nil
        case 2:
            let tens = parts[0].isEmpty ? 1 : (parts[0].count == 1 ? digits[parts[0].first!] : nil)
            let ones = parts[1].isEmpty ? 0 : (parts[1].count == 1 ? digits[parts[1].first!] : nil)
            guard let tens, let ones else { return nil }
            return tens * 10 + ones
        default: return nil
        }
    }

    private static func leadingNumber(_ word: String) -> Int? {
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        return Int(digits)
    }

    /// "🟦 Phase 1: Node.js Core Concepts" → "Node.js Core Concepts", "Phase 2 — Types" → "Types",
    /// "3. Memory" → "Memory"; a heading that only states its number ("Week 3") is its own title.
    static func title(_ heading: String) -> String {
        var text = Mojibake.repaired(heading).trimmingBlanks()
        while let last = text.last, last == ":" || last == "：" { text.removeLast() }
        for separator in [": ", "：", " — ", " – ", " - ", ":"] {
            // The standard library's search: Foundation's `range(of:)` bridges to NSString on Linux.
            guard let range = text.firstRange(of: separator) else { continue }
            let before = String(text[..<range.lowerBound])
            guard number(in: before) != nil else { continue }
            let rest = text[range.upperBound...].trimmingBlanks()
            return rest.isEmpty ? text : rest
        }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let rest = text.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " {
                let title = rest.dropFirst(2).trimmingBlanks()
                if !title.isEmpty { return title }
            }
        }
        return text
    }

    /// A group's title from its cell: "Week 2" as it is; a bare "2" under a "🗓 Week" header is "Week 2".
    static func groupTitle(_ cell: String, header: String) -> String {
        let text = ItemName.clean(cell)
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return title(text) }
        let word = header.drop { !$0.isLetter }.trimmingBlanks()
        return word.isEmpty ? text : "\(word) \(text)"
    }
}
