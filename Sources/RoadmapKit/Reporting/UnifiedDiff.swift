/// A unified diff of two texts by line (`--diff`, `--check`), with three lines of context, as `git diff`
/// shows it. Lines are compared whole; the common prefix and suffix are trimmed first, so the usual case —
/// a handful of changed table rows — costs almost nothing.
public enum UnifiedDiff {
    public static func make(old: [UInt8], new: [UInt8], name: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = lines(old), b = lines(new)
        let script = editScript(a, b)
        var output = "--- a/\(name)\n+++ b/\(name)\n"
        var index = 0
        while index < script.count {
            guard script[index].kind != .same else { index += 1; continue }
            let start = max(0, index - context)
            var end = index
            // Extend the hunk while changes are no more than 2 × context lines apart.
            var lastChange = index
            while end < script.count {
                if script[end].kind != .same { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            end = min(script.count, lastChange + context + 1)
            let hunk = script[start..<end]
            let oldStart = hunk.first { $0.kind != .insert }?.oldIndex ?? (hunk.first?.oldIndex ?? 0)
            let newStart = hunk.first { $0.kind != .delete }?.newIndex ?? (hunk.first?.newIndex ?? 0)
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            output += "@@ -\(oldStart + (oldCount > 0 ? 1 : 0)),\(oldCount) +\(newStart + (newCount > 0 ? 1 : 0)),\(newCount) @@\n"
            for step in hunk {
                switch step.kind {
                case .same: output += " " + step.text
                case .delete: output += "-" + step.text
                case .insert: output += "+" + step.text
                }
                if !step.text.hasSuffix("\n") { output += "\n\\ No newline at end of file\n" }
            }
            index = end
        }
        return output
    }

    struct Step {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var text: String
        var oldIndex: Int
        var newIndex: Int
    }

    static func lines(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(String(decoding: bytes[start...index], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.count { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }

    /// Longest-common-subsequence edit script over the middle that differs.
    static func editScript(_ a: [String], _ b: [String]) -> [Step] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        var steps: [Step] = (0..<prefix).map { Step(kind: .same, text: a[$0], oldIndex: $0, newIndex: $0) }
        let n = middleA.count, m = middleB.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    table[i][j] = middleA[i] == middleB[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
        }
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, middleA[i] == middleB[j] {
                steps.append(Step(kind: .same, text: middleA[i], oldIndex: prefix + i, newIndex: prefix + j)); i += 1; j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                steps.append(Step(kind: .insert, text: middleB[j], oldIndex: prefix + i, newIndex: prefix + j)); j += 1
            } else {
                steps.append(Step(kind: .delete, text: middleA[i], oldIndex: prefix + i, newIndex: prefix + j)); i += 1
            }
        }
        for offset in 0..<suffix {
            steps.append(Step(kind: .same, text: a[a.count - suffix + offset], oldIndex: a.count - suffix + offset, newIndex: b.count - suffix + offset))
        }
        return steps
    }
}
