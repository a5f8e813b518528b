import Foundation

/// A whole file mapped privately, unmapped with the value: pack indexes (read only) and git's index (written
/// to in place by IndexEntryUpdate, copy on write, so the file itself never changes).
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeMutableRawBufferPointer
    /// The file's stat data when it was mapped.
    let status: stat

    /// nil when the file cannot be opened or mapped, or is empty.
    init?(_ path: String, writable: Bool = false) {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        let protection = writable ? PROT_READ | PROT_WRITE : PROT_READ
        guard let mapping = mmap(nil, size, protection, MAP_PRIVATE, file, 0), mapping != MAP_FAILED else { return nil }
        bytes = UnsafeMutableRawBufferPointer(start: mapping, count: size)
        self.status = status
    }

    deinit {
        munmap(bytes.baseAddress, bytes.count)
    }
}
