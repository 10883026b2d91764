/// How much of a package Sealbridge will read: an OFD e-invoice is tens of kilobytes, a long contract with fonts
/// and scans a few tens of megabytes. The defaults leave room for both and refuse what only an attack needs.
public struct ZIPLimits: Sendable, Hashable {
    /// The whole package, as received.
    public var maximumArchiveSize: Int
    /// Entries in the central directory.
    public var maximumEntries: Int
    /// One entry, inflated.
    public var maximumEntrySize: Int
    /// All entries, inflated.
    public var maximumTotalSize: Int
    /// Inflated size ÷ stored size, for entries larger than ``ratioCheckThreshold`` (text compresses 5–20×, fonts and
    /// images far less; a bomb 1,000× and more).
    public var maximumCompressionRatio: Int
    /// Entries at most this large are not checked for their ratio.
    public var ratioCheckThreshold: Int

    /// 256 MiB package, 10,000 entries, 64 MiB per entry, 512 MiB in all, 200× beyond 1 MiB.
    public static let standard = ZIPLimits(
        maximumArchiveSize: 256 << 20,
        maximumEntries: 10_000,
        maximumEntrySize: 64 << 20,
        maximumTotalSize: 512 << 20,
        maximumCompressionRatio: 200,
        ratioCheckThreshold: 1 << 20
    )

    /// Makes one.
    public init(
        maximumArchiveSize: Int,
        maximumEntries: Int,
        maximumEntrySize: Int,
        maximumTotalSize: Int,
        maximumCompressionRatio: Int,
        ratioCheckThreshold: Int
    ) {
        self.maximumArchiveSize = maximumArchiveSize
        self.maximumEntries = maximumEntries
        self.maximumEntrySize = maximumEntrySize
        self.maximumTotalSize = maximumTotalSize
        self.maximumCompressionRatio = maximumCompressionRatio
        self.ratioCheckThreshold = ratioCheckThreshold
    }
}
