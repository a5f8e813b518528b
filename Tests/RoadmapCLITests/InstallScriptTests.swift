import Foundation
import Testing

/// Scripts/install.sh against a release folder served from `file://`, as GitHub serves the real one:
/// archives named for OS and CPU, and SHA256SUMS beside them.
@Suite struct InstallScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Scripts/install.sh").standardizedFileURL

    /// A release folder holding this machine's archive (the binary under test, and a man page).
    struct Mirror {
        let folder: TemporaryFolder
        let archive: String

        init(corruptChecksum: Bool = false) throws {
            folder = try TemporaryFolder()
            let uname = URL(fileURLWithPath: "/usr/bin/uname")
            let machine = try Shell.run(uname, ["-m"], in: folder.url, environment: CLI.baseEnvironment).stdout
            let system = try Shell.run(uname, ["-s"], in: folder.url, environment: CLI.baseEnvironment).stdout
            archive =
                "roadmap-\(system.hasPrefix("Darwin") ? "macos" : "linux")-\(machine.hasPrefix("x86_64") ? "x86_64" : "arm64").tar.gz"
            let stage = folder.url.appendingPathComponent("stage")
            try FileManager.default.createDirectory(
                at: stage.appendingPathComponent("bin"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: stage.appendingPathComponent("share/man/man1"), withIntermediateDirectories: true)
            try CLI.copyExecutable(CLI.binary, to: stage.appendingPathComponent("bin/roadmap"))
            try Data(".TH ROADMAP 1\n".utf8).write(to: stage.appendingPathComponent("share/man/man1/roadmap.1"))
            let release = folder.url.appendingPathComponent("release")
            try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
            let shell = URL(fileURLWithPath: "/bin/sh")
            let tar = try Shell.run(
                shell, ["-c", "tar -czf release/\(archive) -C stage bin share"], in: folder.url,
                environment: CLI.baseEnvironment)
            #expect(tar.status == 0, "\(tar.stderr)")
            let sums = try Shell.run(
                shell,
                ["-c", "cd release && { sha256sum \(archive) 2>/dev/null || shasum -a 256 \(archive); } > SHA256SUMS"],
                in: folder.url, environment: CLI.baseEnvironment)
            #expect(sums.status == 0)
            if corruptChecksum {
                let path = release.appendingPathComponent("SHA256SUMS")
                let text = try String(contentsOf: path, encoding: .utf8)
                try Data((String(repeating: "0", count: 64) + text.dropFirst(64)).utf8).write(to: path)
            }
        }

        var url: String { "file://" + folder.url.appendingPathComponent("release").path }
    }

    func install(_ mirror: Mirror, prefix: URL, path: String? = nil) throws -> CLI.Result {
        var environment = CLI.baseEnvironment
        environment["PREFIX"] = prefix.path
        environment["HOME"] = prefix.path
        environment["ROADMAP_RELEASE_URL"] = mirror.url
        if let path { environment["PATH"] = path }
        return try Shell.run(URL(fileURLWithPath: "/bin/sh"), [Self.script.path], in: prefix, environment: environment)
    }

    @Test func installsTheBinaryAndItsManPageUnderThePrefix() throws {
        let mirror = try Mirror()
        let prefix = try TemporaryFolder()
        let result = try install(mirror, prefix: prefix.url)
        #expect(result.status == 0, "\(result.stderr)")
        let binary = prefix.url.appendingPathComponent("bin/roadmap")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        #expect(
            FileManager.default.fileExists(atPath: prefix.url.appendingPathComponent("share/man/man1/roadmap.1").path))
        let version = try Shell.run(binary, ["--version"], in: prefix.url, environment: CLI.baseEnvironment)
        #expect(version.status == 0)
        #expect(
            result.stdout.hasPrefix("installed \(version.stdout.trimmingCharacters(in: .newlines)) to \(binary.path)\n")
        )
        #expect(result.stdout.contains("is not on your PATH"), "the prefix's bin is not on the test's PATH")
        // A second install replaces the first in place.
        #expect(try install(mirror, prefix: prefix.url).status == 0)
    }

    @Test func aChecksumMismatchInstallsNothing() throws {
        let mirror = try Mirror(corruptChecksum: true)
        let prefix = try TemporaryFolder()
        let result = try install(mirror, prefix: prefix.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("install.sh: checksum mismatch for \(mirror.archive) (expected 0000"))
        #expect(result.stderr.hasSuffix("nothing was installed\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: prefix.url.appendingPathComponent("bin").path))
    }

    /// `uname` answering for a machine no release is built for, through a stand-in on PATH.
    @Test(arguments: [
        ("Linux", "riscv64", "no roadmap release is built for riscv64 on linux"),
        ("FreeBSD", "amd64", "no roadmap release is built for FreeBSD"),
    ])
    func anUnknownMachineIsOneSentence(system: String, machine: String, message: String) throws {
        let mirror = try Mirror()
        let prefix = try TemporaryFolder()
        let shims = prefix.url.appendingPathComponent("shims")
        try FileManager.default.createDirectory(at: shims, withIntermediateDirectories: true)
        let uname = shims.appendingPathComponent("uname")
        try Data("#!/bin/sh\ncase $1 in -s) echo \(system) ;; -m) echo \(machine) ;; esac\n".utf8).write(to: uname)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: uname.path)
        let result = try install(mirror, prefix: prefix.url, path: shims.path + ":/usr/bin:/bin")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("install.sh: \(message); build it from source instead: https://github.com/"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: prefix.url.appendingPathComponent("bin").path))
    }
}
