import CLibgit2

/// The patch of `--diff` and `--check`: libgit2's (git's xdiff), so that what is printed is what
/// `git diff` would show and `git apply` accepts, for LF and CRLF files alike.
public enum Patch {
    /// A `diff --git` patch turning `old` into `new`, both named `name`; "" when they are equal.
    public static func make(old: [UInt8], new: [UInt8], name: String) -> String {
        guard old != new else { return "" }
        Libgit2.initialize()
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        // The tracker is text whatever bytes it holds: never "Binary files differ".
        options.flags = GIT_DIFF_FORCE_TEXT.rawValue
        var patch: OpaquePointer?
        let result = old.withUnsafeBytes { oldBytes in
            new.withUnsafeBytes { newBytes in
                git_patch_from_buffers(
                    &patch, oldBytes.baseAddress, oldBytes.count, name, newBytes.baseAddress, newBytes.count, name,
                    &options)
            }
        }
        defer { git_patch_free(patch) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard result == 0, git_patch_to_buf(&buffer, patch) == 0, let text = buffer.ptr else {
            git_error_clear()
            return ""
        }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: buffer.size), as: UTF8.self)
    }
}
