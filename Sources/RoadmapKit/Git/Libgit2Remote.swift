import CLibgit2
import Foundation

/// Cloning and fetching through libgit2, for the cohort's cache of learners' repositories (RemoteMirror).
/// libgit2 clones and fetches `file://` URLs and local repositories, and network URLs when it was built
/// with their transport. The release binary's libgit2 has no HTTPS or SSH (Scripts/build-libgit2.sh).
enum Libgit2Remote {
    /// A network URL this libgit2 has no transport for.
    static func lacksTransport(for url: String) -> Bool {
        let features = git_libgit2_features()
        if url.hasPrefix("https://") || url.hasPrefix("http://") {
            return features & Int32(GIT_FEATURE_HTTPS.rawValue) == 0
        }
        if url.hasPrefix("ssh://") || url.hasPrefix("git@") {
            return features & Int32(GIT_FEATURE_SSH.rawValue) == 0
        }
        return false
    }

    /// `git clone url folder`, checking out the remote's default branch.
    static func clone(url: String, into folder: URL) throws {
        Libgit2.initialize()
        var options = git_clone_options()
        git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION))
        options.checkout_opts.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
        var handle: OpaquePointer?
        let result = git_clone(&handle, url, folder.path, &options)
        if result < 0 { throw Libgit2.error(code: result, path: url) }
        git_repository_free(handle)
    }

    /// Fetches origin, moves the checked-out branch to origin's copy of it, and checks it out by force: the
    /// cache's work tree is ours, so whatever it held is replaced.
    static func fetch(into folder: URL, url: String) throws {
        Libgit2.initialize()
        var handle: OpaquePointer?
        try Libgit2.check(git_repository_open(&handle, folder.path), path: folder.path)
        defer { git_repository_free(handle) }
        var remote: OpaquePointer?
        try Libgit2.check(git_remote_lookup(&remote, handle, "origin"), path: folder.path)
        defer { git_remote_free(remote) }
        var fetch = git_fetch_options()
        git_fetch_options_init(&fetch, UInt32(GIT_FETCH_OPTIONS_VERSION))
        fetch.prune = GIT_FETCH_PRUNE
        let fetched = git_remote_fetch(remote, nil, &fetch, "cohort: fetch")
        if fetched < 0 { throw Libgit2.error(code: fetched, path: url) }

        var head: OpaquePointer?
        try Libgit2.check(git_reference_lookup(&head, handle, "HEAD"), path: folder.path)
        defer { git_reference_free(head) }
        guard let target = git_reference_symbolic_target(head).map({ String(cString: $0) }),
            target.hasPrefix("refs/heads/")
        else { throw RoadmapError.file("the clone of \(url) in \(folder.path) is on no branch") }
        let branch = target.dropFirst("refs/heads/".count)
        var upstream = git_oid()
        let found = git_reference_name_to_id(&upstream, handle, "refs/remotes/origin/\(branch)")
        if found < 0 {
            throw RoadmapError.file("\(url) has no branch \(branch) any more; remove \(folder.path) to clone it again")
        }
        var moved: OpaquePointer?
        try Libgit2.check(
            git_reference_create(&moved, handle, target, &upstream, 1, "cohort: fast-forward to origin"),
            path: folder.path)
        git_reference_free(moved)
        var checkout = git_checkout_options()
        git_checkout_options_init(&checkout, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
        checkout.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue
        try Libgit2.check(git_checkout_head(handle, &checkout), path: folder.path)
    }
}
