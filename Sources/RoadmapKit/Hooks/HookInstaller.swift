import Foundation

/// Installs and removes roadmap's hooks in the folder git runs hooks from. A hook already there is
/// renamed to `<name>.pre-roadmap` (bytes and mode untouched, so uninstall restores it exactly) and run
/// first by ours; installing again rewrites nothing when nothing changed.
public struct HookInstaller {
    public enum Result: Equatable, Sendable {
        case installed(keptExisting: Bool)
        case alreadyInstalled
        case updated
        case removed(restoredExisting: Bool)
        case notInstalled
    }

    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func install(_ kind: HookScript.Kind, script: String) throws -> Result {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let hook = directory.appendingPathComponent(kind.rawValue)
        let preserved = directory.appendingPathComponent(HookScript.preservedName(kind))
        var keptExisting = false
        if let existing = fileManager.contents(atPath: hook.path) ?? symlinkTarget(hook) {
            if String(decoding: existing, as: UTF8.self).contains(HookScript.marker) {
                if existing == Data(script.utf8), isExecutable(hook) { return .alreadyInstalled }
                try write(script, to: hook)
                return .updated
            }
            guard !fileManager.fileExists(atPath: preserved.path) else {
                throw RoadmapError.file(
                    "cannot keep the existing \(kind.rawValue) hook: \(preserved.path) is already taken")
            }
            try fileManager.moveItem(at: hook, to: preserved)
            keptExisting = true
        }
        try write(script, to: hook)
        return .installed(keptExisting: keptExisting)
    }

    public func uninstall(_ kind: HookScript.Kind) throws -> Result {
        let fileManager = FileManager.default
        let hook = directory.appendingPathComponent(kind.rawValue)
        let preserved = directory.appendingPathComponent(HookScript.preservedName(kind))
        guard let existing = fileManager.contents(atPath: hook.path),
            String(decoding: existing, as: UTF8.self).contains(HookScript.marker)
        else {
            return .notInstalled
        }
        try fileManager.removeItem(at: hook)
        if fileManager.fileExists(atPath: preserved.path) || symlinkTarget(preserved) != nil {
            try fileManager.moveItem(at: preserved, to: hook)
            return .removed(restoredExisting: true)
        }
        return .removed(restoredExisting: false)
    }

    private func write(_ script: String, to url: URL) throws {
        try LocalFiles().writeAtomically(Array(script.utf8), to: url.path)
        guard chmod(url.path, 0o755) == 0 else {
            throw RoadmapError.file("cannot make \(url.path) executable: \(systemError())")
        }
    }

    private func isExecutable(_ url: URL) -> Bool {
        FileManager.default.isExecutableFile(atPath: url.path)
    }

    /// A dangling symlink has no contents but is still a hook someone put there.
    private func symlinkTarget(_ url: URL) -> Data? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)).map { Data($0.utf8) }
    }
}
