import Foundation

/// Runs the real `roadmap` binary, built beside the test bundle, and captures what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["ROADMAP_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "roadmap")
    }

    /// A clean environment: no colour from the caller's terminal, no git config from the machine.
    static var baseEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("GIT_") && $0.key != "NO_COLOR" && $0.key != "GITHUB_ACTIONS"
        }
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        return environment
    }

    /// Copies the file at `source` to `destination` (a new file) with its mode, through a descriptor that
    /// closes on exec. FileManager's copy keeps its descriptor inheritable, so a process another test starts
    /// meanwhile can hold the new file open for writing, and running it then fails with ETXTBSY.
    static func copyExecutable(_ source: URL, to destination: URL) throws {
        let bytes = try Data(contentsOf: source)
        let mode = (try FileManager.default.attributesOfItem(atPath: source.path)[.posixPermissions] as? Int) ?? 0o755
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                offset += written
            }
        }
    }

    @discardableResult
    static func run(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:], executable: URL = binary
    ) throws -> Result {
        try Shell.run(
            executable, arguments, in: directory, environment: baseEnvironment.merging(extra) { _, new in new })
    }
}

enum Shell {
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]) throws
        -> CLI.Result
    {
        // Files rather than pipes: a large output can never fill a pipe and stall the child.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        var process: Process
        // An executable another test wrote a moment ago can still be open for writing in a process started
        // meanwhile (ETXTBSY): tried again for up to a second, as that process execs or ends.
        var attempts = 0
        while true {
            process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = environment
            process.standardOutput = output
            process.standardError = error
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
                break
            } catch let failure as NSError
                where attempts < 20
                && (failure.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY)
            {
                attempts += 1
                usleep(50_000)
            }
        }
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// Runs `git` with a fixed identity and no machine configuration.
    @discardableResult
    static func git(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws
        -> CLI.Result
    {
        var environment = CLI.baseEnvironment
        environment["GIT_AUTHOR_NAME"] = "Ada Learner"
        environment["GIT_AUTHOR_EMAIL"] = "ada@example.com"
        environment["GIT_COMMITTER_NAME"] = "Ada Learner"
        environment["GIT_COMMITTER_EMAIL"] = "ada@example.com"
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/git"), arguments, in: directory,
            environment: environment.merging(extra) { _, new in new })
        if result.status != 0 {
            throw GitCommandFailed(arguments: arguments, stderr: result.stderr)
        }
        return result
    }

    struct GitCommandFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var stderr: String
        var description: String { "git \(arguments.joined(separator: " ")) failed: \(stderr)" }
    }
}

/// A temporary folder removed when the test is done with it.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ text: String) throws {
        try write(name, Array(text.utf8))
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))
    }

    func text(_ name: String) throws -> String {
        String(decoding: try read(name), as: UTF8.self)
    }
}

enum Seeds {
    /// The fixtures of the library's tests: real files, shared rather than copied.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../RoadmapKitTests/Fixtures/\(name)").standardizedFileURL
        return [UInt8](try Data(contentsOf: url))
    }
}
