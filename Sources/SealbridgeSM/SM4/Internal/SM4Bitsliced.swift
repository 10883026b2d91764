/// SM4 bitsliced across `Lane.blockCount` blocks: every bit of the state is a plane holding that bit of all blocks.
///
/// Constant-time by construction: rounds are the S-box circuit (`SM4SBoxCircuit`) and XORs on whole planes, with
/// no table, no branch and no data-dependent address. The rotations of SM4's linear transformation L are plane
/// renamings and cost nothing.
///
/// A workspace holds 128 planes (four words of 32 bit planes), scratch for the round function and the 32 × 32
/// round-key masks. Blocks go in and come out as rows: the first and last eight bytes of each block as big-endian
/// `UInt64`s. Rows `0..<64` (high halves) and `64..<128` (low halves) are two 64 × 64 bit matrices per element;
/// transposing each turns the words X0‖X1 and X2‖X3 into planes (X1 bit j at plane j, X0 bit j at plane 32 + j,
/// X3 and X2 likewise from 64), and transposing back after the rounds gives X35‖X34 and X33‖X32 rotated by 32.
enum SM4Bitsliced<Lane: SM4BitslicedLane> {
    /// Blocks per batch.
    static var batchSize: Int { Lane.blockCount }

    static var scratchOffset: Int { 128 }
    static var inputOffset: Int { 160 }
    static var spillOffset: Int { 168 }
    static var maskOffset: Int { spillOffset + SM4SBoxCircuit.spillCount }
    static var workspaceCount: Int { maskOffset + 32 * 32 }

    /// Plane offsets of the words X0, X1, X2, X3 (see the type's documentation).
    static var word0: Int { 32 }
    static var word1: Int { 0 }
    static var word2: Int { 96 }
    static var word3: Int { 64 }

    /// `UInt64`s per lane.
    static var width: Int { MemoryLayout<Lane>.size / 8 }

    /// Gives `body` a workspace whose round-key masks come from `roundKeys` (32 folded keys, processing order),
    /// and wipes it afterwards.
    static func withWorkspace<Result>(
        roundKeys: [UInt32],
        _ body: (UnsafeMutablePointer<Lane>) throws -> Result
    ) rethrows -> Result {
        try withUnsafeTemporaryAllocation(of: Lane.self, capacity: workspaceCount) { buffer in
            // swift-format-ignore: NeverForceUnwrap
            // A temporary allocation of a positive capacity has a base address.
            let workspace = buffer.baseAddress!
            workspace.initialize(repeating: Lane(broadcasting: 0), count: workspaceCount)
            defer { wipe(UnsafeMutableRawBufferPointer(buffer)) }
            roundKeys.withUnsafeBufferPointer { keys in
                for round in 0..<32 {
                    let key = keys[round]
                    for bit in 0..<32 {
                        let mask = 0 &- UInt64((key &>> UInt32(bit)) & 1)
                        workspace[maskOffset &+ 32 &* round &+ bit] = Lane(broadcasting: mask)
                    }
                }
            }
            return try body(workspace)
        }
    }

    /// Puts block `index`'s halves into the rows.
    @inline(__always)
    static func setBlock(_ workspace: UnsafeMutablePointer<Lane>, _ index: Int, high: UInt64, low: UInt64) {
        let rows = UnsafeMutableRawPointer(workspace)
        let element = (index & 63) &* width &+ (index &>> 6)
        rows.storeBytes(of: high, toByteOffset: element &* 8, as: UInt64.self)
        rows.storeBytes(of: low, toByteOffset: (64 &* width &+ element) &* 8, as: UInt64.self)
    }

    /// Block `index`'s halves from the rows, after `run`.
    @inline(__always)
    static func block(_ workspace: UnsafeMutablePointer<Lane>, _ index: Int) -> (high: UInt64, low: UInt64) {
        let rows = UnsafeRawPointer(workspace)
        let element = (index & 63) &* width &+ (index &>> 6)
        let high = rows.load(fromByteOffset: element &* 8, as: UInt64.self)
        let low = rows.load(fromByteOffset: (64 &* width &+ element) &* 8, as: UInt64.self)
        return (high, low)
    }

    /// Encrypts (or decrypts, with decryption masks) the batch in the rows, in place.
    static func run(_ workspace: UnsafeMutablePointer<Lane>) {
        transpose(workspace)
        transpose(workspace + 64)
        let scratch = workspace + scratchOffset
        var masks = UnsafePointer(workspace + maskOffset)
        for _ in 0..<8 {
            round(workspace, scratch, masks, word0, word1, word2, word3)
            round(workspace, scratch, masks + 32, word1, word2, word3, word0)
            round(workspace, scratch, masks + 64, word2, word3, word0, word1)
            round(workspace, scratch, masks + 96, word3, word0, word1, word2)
            masks += 128
        }
        transpose(workspace)
        transpose(workspace + 64)
        // Rows 0..<64 now hold X32‖X33 and rows 64..<128 X34‖X35; the block is X35‖X34‖X33‖X32.
        for row in 0..<64 {
            let first = workspace[row]
            let second = workspace[64 &+ row]
            workspace[row] = second &<< 32 | second &>> 32
            workspace[64 &+ row] = first &<< 32 | first &>> 32
        }
    }

    /// One round: X_target ^= L(S″(X_a ⊕ X_b ⊕ X_c ⊕ rk)), all offsets in planes; `scratch` is the workspace's
    /// scratch area (S-box outputs, inputs and spill slots).
    @inline(never)
    static func round(
        _ planes: UnsafeMutablePointer<Lane>,
        _ scratch: UnsafeMutablePointer<Lane>,
        _ masks: UnsafePointer<Lane>,
        _ target: Int,
        _ a: Int,
        _ b: Int,
        _ c: Int
    ) {
        let wordA = planes + a
        let wordB = planes + b
        let wordC = planes + c
        let input = scratch + (inputOffset - scratchOffset)
        let spill = scratch + (spillOffset - scratchOffset)
        for byte in 0..<4 {
            let o = 8 &* byte
            for bit in 0..<8 {
                input[bit] = wordA[o &+ bit] ^ wordB[o &+ bit] ^ wordC[o &+ bit] ^ masks[o &+ bit]
            }
            Lane.substitute(input, scratch + o, spill: spill)
        }
        // L(B) bit j = B_j ⊕ B_{j−2} ⊕ B_{j−10} ⊕ B_{j−18} ⊕ B_{j−24}, indices mod 32.
        let word = planes + target
        for j in 0..<32 {
            let mixed = scratch[j] ^ scratch[(j &+ 30) & 31] ^ scratch[(j &+ 22) & 31]
            word[j] = word[j] ^ mixed ^ scratch[(j &+ 14) & 31] ^ scratch[(j &+ 8) & 31]
        }
    }

    /// Transposes the 64 × 64 bit matrix at `rows` in each element: bit c of row r swaps with bit r of row c.
    @inline(__always)
    static func transpose(_ rows: UnsafeMutablePointer<Lane>) {
        swapStage(rows, 32, 0x0000_0000_FFFF_FFFF)
        swapStage(rows, 16, 0x0000_FFFF_0000_FFFF)
        swapStage(rows, 8, 0x00FF_00FF_00FF_00FF)
        swapStage(rows, 4, 0x0F0F_0F0F_0F0F_0F0F)
        swapStage(rows, 2, 0x3333_3333_3333_3333)
        swapStage(rows, 1, 0x5555_5555_5555_5555)
    }

    @inline(__always)
    static func swapStage(_ rows: UnsafeMutablePointer<Lane>, _ distance: Int, _ mask: UInt64) {
        let lowBits = Lane(broadcasting: mask)
        let shift = UInt64(distance)
        var start = 0
        while start < 64 {
            for row in start..<(start &+ distance) {
                let upper = rows[row]
                let lower = rows[row &+ distance]
                let swapped = ((upper &>> shift) ^ lower) & lowBits
                rows[row &+ distance] = lower ^ swapped
                rows[row] = upper ^ (swapped &<< shift)
            }
            start &+= 2 &* distance
        }
    }
}

/// When the bitsliced engines pay off.
enum SM4Batches {
    /// Below this many blocks, the one-or-two-block path is faster than a 64-block batch.
    static let minimumBlocks = 14

    /// Above this many blocks in a call, 128-block batches (`SIMD2<UInt64>` planes) beat 64-block ones.
    static let wideBatchThreshold = 64
}
