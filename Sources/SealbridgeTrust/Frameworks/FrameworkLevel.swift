public import SealbridgeX509
import SwiftASN1

/// What a framework says about a validated path: the level it confers, or why it confers none.
public enum FrameworkLevel: Sendable, Hashable {
    /// The path ends at one of the framework's anchors and meets that anchor's constraints.
    case conferred(level: String)
    /// The path's anchor is not one of the framework's.
    case notAnchored
    /// The path ends at the framework's anchor but misses a constraint (each named).
    case constraintsFailed([String])
}

extension TrustFramework {
    /// anyPolicy (RFC 5280 §4.2.1.4).
    static let anyPolicy: ASN1ObjectIdentifier = [2, 5, 29, 32, 0]

    /// The level this framework confers on `path` for a signature made at `time`: among the anchor's entries
    /// whose constraints hold, the highest level (levels are listed lowest first).
    ///
    /// Constraints: a required policy must be in the path's valid policy set (or the set holds anyPolicy, RFC 5280
    /// §6.1.5 (g)); required qcStatements must be in the signer's certificate (ETSI EN 319 412-5); required key
    /// usages must be allowed by the signer's certificate (no keyUsage extension allows all, RFC 5280 §4.2.1.3);
    /// the signing time must fall in the anchor's window.
    public func level(for path: VerifiedPath, at time: X509Time) -> FrameworkLevel {
        let entries = anchors(for: path.trustAnchor)
        guard !entries.isEmpty else { return .notAnchored }
        let signer = path.certificates.first ?? path.trustAnchor
        var failures: [String] = []
        var best: String?
        for entry in entries {
            let unmet = unmetConstraints(entry.constraints, path: path, signer: signer, time: time)
            if unmet.isEmpty {
                if let current = best, levels.firstIndex(of: current) ?? 0 >= levels.firstIndex(of: entry.level) ?? 0 {
                    continue
                }
                best = entry.level
            } else {
                failures += unmet.map { "level \(entry.level): \($0)" }
            }
        }
        if let best { return .conferred(level: best) }
        return .constraintsFailed(failures)
    }

    private func unmetConstraints(
        _ constraints: AnchorConstraints,
        path: VerifiedPath,
        signer: Certificate,
        time: X509Time
    ) -> [String] {
        var unmet: [String] = []
        if !constraints.policies.isEmpty, !path.validPolicies.contains(TrustFramework.anyPolicy),
            path.validPolicies.isDisjoint(with: constraints.policies)
        {
            let wanted = constraints.policies.map(\.displayText).joined(separator: ", ")
            unmet.append("no required certificate policy (\(wanted)) is valid for the path")
        }
        if !constraints.qcStatements.isEmpty {
            let present = ((try? signer.qcStatements()) ?? nil)?.identifiers ?? []
            let missing = constraints.qcStatements.filter { !present.contains($0) }
            if !missing.isEmpty {
                unmet.append(
                    "the signer's certificate lacks qcStatements \(missing.map(\.displayText).joined(separator: ", "))"
                )
            }
        }
        if !constraints.keyUsage.isEmpty {
            switch Result(catching: { try signer.keyUsage() }) {
            case .success(let usage?) where !usage.isSuperset(of: constraints.keyUsage):
                unmet.append(
                    "the signer's keyUsage does not allow \(constraints.keyUsage.names.joined(separator: ", "))"
                )
            case .failure:
                unmet.append("the signer's keyUsage is malformed")
            default:
                break
            }
        }
        if let from = constraints.validFrom, time < from {
            unmet.append("the anchor confers its level only from \(from); the signature time is \(time)")
        }
        if let until = constraints.validUntil, time >= until {
            unmet.append("the anchor conferred its level only until \(until); the signature time is \(time)")
        }
        return unmet
    }
}

extension Array where Element == TrustFramework {
    /// One trust store over every framework's anchors, for path building across frameworks.
    public var trustStore: TrustStore { TrustStore(flatMap(\.anchorCertificates)) }

    /// The frameworks that anchor `path`, each with what it confers at `time`.
    public func levels(
        for path: VerifiedPath,
        at time: X509Time
    ) -> [(framework: TrustFramework, level: FrameworkLevel)] {
        compactMap { framework in
            let level = framework.level(for: path, at: time)
            return level == .notAnchored ? nil : (framework, level)
        }
    }
}
