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

/// Runs async work from the synchronous command: the parser's `main` is synchronous, and the cohort's reading
/// is the one place that uses a task group.
enum Blocking {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.set(await work())
            done.signal()
        }
        done.wait()
        return box.get()!
    }
}

/// `@unchecked Sendable` is safe: the one stored var is read and written only inside `lock.withLock`, and the
/// lock is a let.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func get() -> Value? { lock.withLock { value } }
}
