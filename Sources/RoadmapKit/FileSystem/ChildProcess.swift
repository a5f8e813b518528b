import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Child processes, started with posix_spawn rather than Foundation's Process, which costs the hook some
/// 20 ms a run before the child even starts (it sets up a run loop and a monitoring thread).
enum ChildProcess {
    struct Result {
        /// The exit status; a signal is reported as 128 + its number.
        var status: Int32
        var output: [UInt8]
        var errors: [UInt8]
    }

    /// A child started by `start`, with no input; `finish()` waits for it and collects what it wrote.
    final class Running {
        private let pid: pid_t
        private let outputFile: Int32
        private let errorFile: Int32
        private let name: String
        private var finished = false

        fileprivate init(pid: pid_t, outputFile: Int32, errorFile: Int32, name: String) {
            self.pid = pid
            self.outputFile = outputFile
            self.errorFile = errorFile
            self.name = name
        }

        deinit {
            if !finished { _ = try? finish() }
            close(outputFile)
            close(errorFile)
        }

        func finish() throws -> Result {
            finished = true
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                guard errno == EINTR else { throw RoadmapError.file("lost track of \(name)") }
            }
            // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
            let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            return Result(
                status: exit, output: ChildProcess.readAll(outputFile), errors: ChildProcess.readAll(errorFile))
        }
    }

    /// Runs `executable` and returns its exit status and what it wrote to standard output and error.
    /// The first `name` on the environment's PATH that is executable, as a shell finds it; nil when none is.
    static func executable(named name: String, environment: [String: String]) -> String? {
        (environment["PATH"] ?? "").split(separator: ":").map { String($0) + "/" + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        try start(executable, arguments, environment: environment).finish()
    }

    /// Starts `executable` with /dev/null for input; several started at once run side by side.
    static func start(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Running {
        // Files, not pipes: a child's output can never fill a pipe and stall it, and nothing has to read
        // two pipes at once. Unlinked at once; the descriptors keep them.
        let outputFile = try scratchFile()
        let errorFile: Int32
        do { errorFile = try scratchFile() } catch {
            close(outputFile)
            throw error
        }
        // glibc's file actions are a struct, Darwin's a pointer the init call allocates.
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t?
        #else
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFile, 1)
        posix_spawn_file_actions_adddup2(&actions, errorFile, 2)
        var pid = pid_t()
        let spawned = withCStrings([executable] + arguments) { argv in
            withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                posix_spawn(&pid, executable, &actions, nil, argv, envp)
            }
        }
        guard spawned == 0 else {
            close(outputFile)
            close(errorFile)
            throw RoadmapError.file("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        return Running(
            pid: pid, outputFile: outputFile, errorFile: errorFile, name: "\(executable) \(arguments.first ?? "")")
    }

    /// An unnamed temporary file open for reading and writing, closed on exec (the child gets a dup2'd copy).
    private static func scratchFile() throws -> Int32 {
        var template = Array("/tmp/roadmap-child-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else {
            throw RoadmapError.file("cannot make a temporary file: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(file, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return file
    }

    fileprivate static func readAll(_ file: Int32) -> [UInt8] {
        lseek(file, 0, SEEK_SET)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(file, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }

    /// NUL-terminated C strings for `body`, in a NULL-terminated array as execve and posix_spawn take them.
    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}
