import Foundation

/// A whole file mapped privately, unmapped with the value: pack indexes (read only) and git's index (written
/// to in place by IndexEntryUpdate, copy on write, so the file itself never changes).
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeMutableRawBufferPointer
    /// The file's stat data when it was mapped.
    let status: stat
    /// Kept open only when asked for: `releaseElsewhere` needs the file itself, which its path may no longer name.
    private let descriptor: Int32
    /// The child holding the file meanwhile (ChildProcess.holdOpen), told to let go once this is unmapped.
    private var holder: (pid: pid_t, until: Int32)?

    /// nil when the file cannot be opened or mapped, or is empty.
    init?(_ path: String, writable: Bool = false, keepingDescriptor: Bool = false) {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_size > 0 else {
            close(file)
            return nil
        }
        let size = Int(status.st_size)
        let protection = writable ? PROT_READ | PROT_WRITE : PROT_READ
        guard let mapping = mmap(nil, size, protection, MAP_PRIVATE, file, 0), mapping != MAP_FAILED else {
            close(file)
            return nil
        }
        if !keepingDescriptor { close(file) }
        descriptor = keepingDescriptor ? file : -1
        bytes = UnsafeMutableRawBufferPointer(start: mapping, count: size)
        self.status = status
    }

    /// For a file that has just been replaced (a lock file renamed over it): whoever drops the last
    /// reference to it makes the kernel free its pages and disk blocks there and then, some 10 ms for git's
    /// 13 MB index of 100 000 files, paid inside `munmap` or the process's exit — the commit's wait, for
    /// the hook. A child process holds it instead until this mapping is gone, then lets go: the kernel's
    /// work runs in the child, on the other core, while the hook finishes and exits
    /// (ChildProcess.holdOpen). Needs `keepingDescriptor`; without a child, nothing changes.
    /// - Returns: the child's pid, for tests.
    @discardableResult
    func releaseElsewhere() -> pid_t? {
        guard descriptor >= 0, holder == nil, let child = ChildProcess.holdOpen(descriptor) else { return nil }
        holder = child
        return child.pid
    }

    deinit {
        munmap(bytes.baseAddress, bytes.count)
        if descriptor >= 0 { close(descriptor) }
        if let holder { close(holder.until) }
    }
}
