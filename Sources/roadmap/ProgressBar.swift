import Foundation

/// A one-line progress bar on stderr, drawn only on a terminal and only once a run has taken a second: a quick
/// run prints nothing, a piped or CI run never gets carriage returns in its log. ROADMAP_PROGRESS_DELAY (in
/// seconds) moves that second, for a test or a slow terminal.
final class ProgressBar {
    private let start = Date()
    private let delay = Output.variable("ROADMAP_PROGRESS_DELAY").flatMap(Double.init) ?? 1
    private let enabled = isatty(STDERR_FILENO) == 1 && Output.variable("TERM") != "dumb"
    private var drawn = false

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0, Date().timeIntervalSince(start) >= delay else { return }
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Output.standardError("\r\(bar) \(done)/\(total) learners")
        drawn = true
    }

    /// Clears the line, so the report starts on a clean one.
    func finish() {
        if drawn { Output.standardError("\r\u{1B}[K") }
    }
}
