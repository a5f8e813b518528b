import Foundation
import RoadmapKit

/// Printing: results to stdout, diagnostics to stderr, colour only for a terminal without NO_COLOR.
enum Output {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Where a run's timings go when `ROADMAP_TRACE` is set (sync, hook run); nil otherwise.
    static var trace: ((String) -> Void)? {
        ProcessInfo.processInfo.environment["ROADMAP_TRACE"].map { _ in { standardError("roadmap: trace: \($0)\n") } }
    }

    static func error(_ message: String) {
        standardError("roadmap: \(message)\n")
    }

    static func warning(_ message: String) {
        standardError("roadmap: warning: \(message)\n")
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static var colorsEnabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
