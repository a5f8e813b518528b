import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The filesystem as the rest of the tool sees it: read a file, write one atomically. The real one lives
/// beside it; `InMemoryFiles` (RoadmapKitTests) holds files in memory for a sync no disk sees.
public protocol FileAccess: Sendable {
    func read(_ path: String) throws -> [UInt8]
    func exists(_ path: String) -> Bool
    /// Replaces the file so that a reader sees either the old or the new bytes, never a mix.
    func writeAtomically(_ bytes: [UInt8], to path: String) throws
}

/// A file that could not be read; `sentence(naming:)` words it with the name the user knows it by.
public struct ReadError: Error, Equatable, Sendable {
    public enum Reason: Sendable { case missing, directory, unreadable }
    public var path: String
    public var reason: Reason

    public func sentence(naming name: String) -> String {
        switch reason {
        case .missing: "\(name) does not exist"
        case .directory: "\(name) is a directory, not a file"
        case .unreadable: "cannot read \(name): permission denied"
        }
    }
}

extension LocalFiles {
    /// A file's bytes, read straight into an array (through Data they were copied once more: hundreds of page
    /// faults for a 600 KB cache, on every run); nil when it cannot be read whole. For the caches and git's
    /// loose objects, where a missing file is an answer, not an error.
    static func contents(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 0 else { return nil }
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = systemRead(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                count += got
            }
            complete = count == size
        }
        return complete ? bytes : nil
    }
}

/// The local disk. Writes go to a temporary file in the same folder, are flushed with fsync, and are
/// renamed over the target, keeping its permission bits; a symlinked target is written through the link.
public struct LocalFiles: FileAccess {
    public init() {}

    public func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw ReadError(path: path, reason: isDirectory.boolValue ? .directory : .unreadable)
            }
            throw ReadError(path: path, reason: .missing)
        }
        return [UInt8](data)
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    public func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try writeAtomically(bytes, to: path, durable: true)
    }

    /// - Parameter durable: fsync the file and its folder before and after the rename. Off for caches: one
    ///   lost in a crash only costs the next run a full walk, and the syncs cost the hook tens of ms.
    public func writeAtomically(_ bytes: [UInt8], to path: String, durable: Bool) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var mode: mode_t = 0o644
        var info = stat()
        if stat(target, &info) == 0 {
            mode = info.st_mode & 0o7777
            // A file nobody may write is the user saying "not this one" (root would get through otherwise).
            guard mode & 0o222 != 0 else { throw RoadmapError.file("\(path) is read-only; not writing it") }
        }
        // A file larger than RLIMIT_FSIZE would kill us with SIGXFSZ mid-write; as an error, it is reported.
        signal(SIGXFSZ, SIG_IGN)

        var template = Array("\(folder.isEmpty ? "." : folder)/.\(name).roadmap-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw RoadmapError.file("cannot write \(path): \(systemError())") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer {
            if !committed { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RoadmapError.file("cannot write \(path): \(systemError())")
                }
                offset += written
            }
            guard fchmod(descriptor, mode) == 0, !durable || fsync(descriptor) == 0 else {
                throw RoadmapError.file("cannot write \(path): \(systemError())")
            }
        }
        guard rename(temporary, target) == 0 else {
            throw RoadmapError.file("cannot replace \(path): \(systemError())")
        }
        committed = true
        guard durable else { return }
        // The rename is durable only once the folder's entry is on disk too.
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}

extension LocalFiles {
    /// Removes temporary files a killed run left beside `path` (`.<name>.roadmap-XXXXXX`). Only safe
    /// while holding the lock that serialises writers of `path`.
    public func removeStaleTemporaries(besides path: String) {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let folder = target.deletingLastPathComponent()
        let prefix = ".\(target.lastPathComponent).roadmap-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.count == prefix.count + 6 {
            unlink(folder.appendingPathComponent(name).path)
        }
    }
}

/// The C library's words for the current `errno`.
func systemError() -> String {
    String(cString: strerror(errno))
}

/// `read(2)`, named apart from `FileAccess.read`: the C library's module differs by platform.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
    #else
        Darwin.read(descriptor, buffer, count)
    #endif
}

extension LocalFiles {
    /// The running executable's inode, size and modification time: what a cache of the engine's own
    /// results is keyed by, so that any other build (an upgrade, a rebuild) misses. Empty when unknown.
    static let executableIdentity: String = {
        var status = stat()
        #if os(Linux)
            guard stat("/proc/self/exe", &status) == 0 else { return "" }
            let modified = status.st_mtim
        #else
            var size = UInt32(0)
            _ = _NSGetExecutablePath(nil, &size)
            var path = [CChar](repeating: 0, count: Int(size) + 1)
            guard _NSGetExecutablePath(&path, &size) == 0, stat(path, &status) == 0 else { return "" }
            let modified = status.st_mtimespec
        #endif
        return "\(status.st_ino):\(status.st_size):\(modified.tv_sec).\(modified.tv_nsec)"
    }()
}
