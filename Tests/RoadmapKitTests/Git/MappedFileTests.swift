import Foundation
@testable import RoadmapKit
import Testing

/// The hook's old index is freed by a child process after the hook has ended (MappedFile.releaseElsewhere).
@Suite struct MappedFileTests {
    private func replacedFile() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("index").path
        try Data(repeating: 7, count: 1 << 20).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    private func exits(_ pid: pid_t, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return true }
            usleep(5_000)
        }
        return false
    }

    @Test func aReplacedFileIsHeldByAChildUntilItsMappingIsGone() throws {
        let (folder, path) = try replacedFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        var mapped = MappedFile(path, writable: true, keepingDescriptor: true)
        try Data(repeating: 8, count: 16).write(to: URL(fileURLWithPath: path + ".lock"))
        #expect(rename(path + ".lock", path) == 0)
        let pid = try #require(mapped?.releaseElsewhere())
        // The child holds the replaced file, as fd 3, and nothing of this process's but its own pipe.
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").sorted()
        #expect(descriptors == ["0", "1", "2", "3"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/3") == path + " (deleted)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/1") == "/dev/null")
        #expect(!exits(pid, within: 0.2), "the child waits while the mapping lives")
        #expect(mapped?.bytes.first == 7)
        mapped = nil
        #expect(exits(pid, within: 10), "and lets go once it is gone")
    }

    @Test func withoutItsDescriptorAFileIsNotHandedOver() throws {
        let (folder, path) = try replacedFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mapped = try #require(MappedFile(path))
        #expect(mapped.releaseElsewhere() == nil)
    }
}

/// The index is written a megabyte at a time (GitRepository.writeAll): all of it, in order.
@Suite struct ChunkedWriteTests {
    @Test func everyByteIsWrittenInOrder() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunked-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(3 << 20) + 12345).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let file = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(file >= 0)
        #expect(bytes.withUnsafeBytes { GitRepository.writeAll(file, $0) } == 0)
        close(file)
        #expect(try Data(contentsOf: url) == Data(bytes))
    }
}
