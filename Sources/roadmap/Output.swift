import Foundation
import RoadmapKit

/// Printing: results to stdout, diagnostics to stderr, colour only for a terminal without NO_COLOR.
enum Output {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Where a run's timings go when `ROADMAP_TRACE` is set (sync, hook run); nil otherwise.
    static var trace: ((String) -> Void)? {
        variable("ROADMAP_TRACE").map { _ in { standardError("roadmap: trace: \($0)\n") } }
    }

    /// One environment variable, read with getenv: `ProcessInfo.environment` copies every variable into a
    /// dictionary on each call, a tenth of a millisecond of an incremental sync's few.
    static func variable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
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
        if let noColor = variable("NO_COLOR"), !noColor.isEmpty { return false }
        if variable("TERM") == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
