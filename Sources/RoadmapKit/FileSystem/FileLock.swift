import Foundation

/// An exclusive lock on a file under the git folder, so two syncs (two hooks, a hook and a manual run)
/// never interleave. It is an advisory `flock`, which the kernel drops when its holder dies, so a killed
/// run never leaves a stale lock behind.
public final class FileLock {
    private let descriptor: Int32

    /// Waits up to `timeout` seconds for the lock, then fails with one sentence naming the lock file.
    public init(path: String, timeout: Double = 10) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RoadmapError.file("cannot create the lock \(path): \(systemError())") }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw RoadmapError.file("another roadmap run holds \(path); gave up after \(timeout.formatted()) s")
            }
            usleep(20_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
