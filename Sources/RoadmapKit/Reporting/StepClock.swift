import Foundation

/// What `ROADMAP_TRACE=1` prints: how long each step of a run took, and the peak memory so far. Without a
/// trace it costs nothing: the step's text is not even built.
struct StepClock {
    private let trace: ((String) -> Void)?
    private let prefix: String
    private var last = DispatchTime.now().uptimeNanoseconds

    init(_ trace: ((String) -> Void)?, prefix: String = "") {
        self.trace = trace
        self.prefix = prefix
    }

    mutating func lap(_ step: @autoclosure () -> String) {
        guard let trace else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let memory = Self.peakMemory.map { ", peak RSS \($0)" } ?? ""
        trace("\(prefix)\(step()): \(String(format: "%.1f", Double(now - last) / 1_000_000)) ms\(memory)")
        last = now
    }

    /// The process's peak resident set so far as the kernel words it ("88708 kB"), where /proc says it.
    private static var peakMemory: String? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces)
    }
}
