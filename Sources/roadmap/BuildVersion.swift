/// The version `roadmap --version` prints. A release is built from the tag `v` + `number` by
/// Scripts/release.sh, which passes `-D ROADMAP_RELEASE` (and refuses a tag that differs); any other build
/// says it is one from source.
enum BuildVersion {
    static let number = "0.2.0"

    static var description: String {
        #if ROADMAP_RELEASE
            number
        #else
            "\(number)-source (built from source, not a release)"
        #endif
    }
}
