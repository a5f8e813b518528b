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

    /// Runs `executable` with `input` on its standard input (nothing when nil) and returns its exit status
    /// and what it wrote to standard output and standard error.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String], input: [UInt8]? = nil)
        throws -> Result
    {
        // Files, not pipes: git's output can never fill a pipe and stall it, and nothing has to read two
        // pipes at once. Unlinked at once; the descriptors keep them.
        let outputFile = try scratchFile()
        let errorFile = try scratchFile()
        defer {
            close(outputFile)
            close(errorFile)
        }
        let inputFile = try scratchFile()
        defer { close(inputFile) }
        if let input, !input.isEmpty {
            try input.withUnsafeBytes { bytes in
                var written = 0
                while written < bytes.count {
                    let result = write(inputFile, bytes.baseAddress! + written, bytes.count - written)
                    if result < 0 && errno == EINTR { continue }
                    guard result > 0 else { throw RoadmapError.file("cannot write the input of \(executable)") }
                    written += result
                }
            }
            lseek(inputFile, 0, SEEK_SET)
        }
        // glibc's file actions are a struct, Darwin's a pointer the init call allocates.
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t?
        #else
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputFile, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFile, 1)
        posix_spawn_file_actions_adddup2(&actions, errorFile, 2)
        var pid = pid_t()
        let spawned = withCStrings([executable] + arguments) { argv in
            withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                posix_spawn(&pid, executable, &actions, nil, argv, envp)
            }
        }
        guard spawned == 0 else {
            throw RoadmapError.file("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw RoadmapError.file("lost track of \(executable) \(arguments.first ?? "")")
            }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exit, output: readAll(outputFile), errors: readAll(errorFile))
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

    private static func readAll(_ file: Int32) -> [UInt8] {
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
