import Glibc

/// Child processes, started with posix_spawn rather than Foundation's Process, which costs the hook some
/// 20 ms a run before the child even starts (it sets up a run loop and a monitoring thread).
enum ChildProcess {
    /// Runs `executable` with no input and its output discarded, and returns its exit status (a signal is
    /// reported as 128 + its number).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid = pid_t()
        let spawned = withCStrings([executable] + arguments) { argv in
            withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in posix_spawn(&pid, executable, &actions, nil, argv, envp) }
        }
        guard spawned == 0 else { throw RoadmapError.file("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw RoadmapError.file("lost track of \(executable) \(arguments.first ?? "")") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// A process that holds the open file `descriptor` until the returned pipe is closed — by the caller, or
    /// by the kernel when this process ends — and then exits: whatever dropping the last reference to the
    /// file costs the kernel is paid there, beside this process, not in it. Nobody waits for it: meant for a
    /// process about to exit (a long-lived caller keeps a zombie per child until it exits). `cat` is the whole child: it reads the pipe
    /// until its end, with the file as its fd 3 and /dev/null for output, so it holds nobody's terminal or
    /// pipe. nil when it cannot be started (the caller then simply keeps the file).
    static func holdOpen(_ descriptor: Int32) -> (pid: pid_t, until: Int32)? {
        let candidates: [String] = ["/bin/cat", "/usr/bin/cat"]
        guard let cat = candidates.first(where: { access($0, X_OK) == 0 }) else { return nil }
        // pipe2 is not imported (a GNU extension); nothing else spawns while the hook sets this up.
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        // Above the standard descriptors, so that moving it to 3 cannot clobber the pipe's end on its way to 0.
        let held = fcntl(descriptor, F_DUPFD_CLOEXEC, 10)
        defer {
            close(ends[0])
            if held >= 0 { close(held) }
        }
        guard held >= 0 else {
            close(ends[1])
            return nil
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, held, 3)
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 4) }
        var pid = pid_t()
        let spawned = withCStrings([cat]) { argv in withCStrings([]) { envp in posix_spawn(&pid, cat, &actions, nil, argv, envp) } }
        guard spawned == 0 else {
            close(ends[1])
            return nil
        }
        return (pid, ends[1])
    }

    /// Whether a child gets only the descriptors given to it (else also whatever is not close-on-exec).
    static var closesOtherDescriptors: Bool { closeFrom != nil }

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and later), which Swift does not import (a GNU
    /// extension): without it the child still gets only what is not close-on-exec.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np").map {
            unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }

    /// NUL-terminated C strings for `body`, in a NULL-terminated array as execve and posix_spawn take them.
    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
