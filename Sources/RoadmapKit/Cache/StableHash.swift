/// 64-bit FNV-1a: the same value in every run and on every machine, where Swift's Hasher is seeded per
/// process. For cache keys and folder names, never for security.
enum StableHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    static func adding(_ bytes: some Sequence<UInt8>, to hash: UInt64) -> UInt64 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
