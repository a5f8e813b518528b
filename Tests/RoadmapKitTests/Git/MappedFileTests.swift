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
        if ChildProcess.closesOtherDescriptors {
            #expect(descriptors == ["0", "1", "2", "3"])
        } else {
            #expect(Set(["0", "1", "2", "3"]).isSubset(of: descriptors))
        }
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

/// The index is written a megabyte at a time (GitRepository.writeAll): all of it, in order, and no call
/// given more than a megabyte (one 13 MB write stalled 30-50 ms now and then).
@Suite struct ChunkedWriteTests {
    @Test func everyByteIsWrittenInOrderAMegabyteAtATime() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(3 << 20) + 12345).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var written: [UInt8] = []
        var calls: [Int] = []
        let status = bytes.withUnsafeBytes { buffer in
            GitRepository.writeAll(7, buffer) { file, pointer, count in
                #expect(file == 7)
                calls.append(count)
                // Short writes happen: take at most 700 000 bytes a call.
                let taken = min(count, 700_000)
                written += UnsafeRawBufferPointer(start: pointer, count: taken)
                return taken
            }
        }
        #expect(status == 0)
        #expect(written == bytes)
        #expect(calls.max() == 1 << 20)
    }

    @Test func aFailedWriteIsItsErrno() {
        let bytes = [UInt8](repeating: 1, count: 10)
        let status = bytes.withUnsafeBytes { buffer in
            GitRepository.writeAll(7, buffer) { _, _, _ in
                errno = ENOSPC
                return -1
            }
        }
        #expect(status == ENOSPC)
    }
}
