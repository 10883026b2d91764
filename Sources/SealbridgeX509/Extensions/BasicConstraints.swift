public import SwiftASN1

/// `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }`.
public struct BasicConstraints: Hashable, Sendable, DERSerializable {
    /// Whether the subject is a CA.
    public let isCA: Bool
    /// The most non-self-issued intermediates that may follow, when limited.
    public let pathLengthConstraint: Int?

    /// Makes the extension's value; a path length only means something for a CA.
    public init(isCA: Bool, pathLengthConstraint: Int? = nil) {
        self.isCA = isCA
        self.pathLengthConstraint = isCA ? pathLengthConstraint : nil
    }

    /// Writes `SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }` (the default left out).
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if isCA {
                try coder.serialize(true)
                if let pathLengthConstraint { try coder.serialize(pathLengthConstraint) }
            }
        }
    }

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER, an explicit `cA FALSE`, or a negative length.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        (isCA, pathLengthConstraint) = try decodingExtension("basicConstraints") {
            try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                var isCA = false
                if let flag = try DER.optionalImplicitlyTagged(&nodes, tag: .boolean, { try Bool(derEncoded: $0) }) {
                    guard flag else {
                        throw X509Error.malformedDER(reason: "basicConstraints encodes the default cA FALSE")
                    }
                    isCA = true
                }
                let length = try DER.optionalImplicitlyTagged(&nodes, tag: .integer, { try Int(derEncoded: $0) })
                if let length, length < 0 {
                    throw X509Error.invalidValue(reason: "pathLenConstraint must not be negative")
                }
                return (isCA, length)
            }
        }
    }
}
