import SwiftASN1

/// RFC 5280 §6.1 certificate-policy processing, on the policy *graph* of RFC 9618 rather than the tree of
/// RFC 5280 §6.1.2 (a). The two give the same results, but a tree can grow exponentially with policy mappings
/// (CVE-2023-0464); the graph keeps one node per policy and depth, so its size is linear in the certificates.
///
/// A level holds, for each `valid_policy`, the valid policies of its parents one level up; `expected` maps each
/// expected policy to the nodes that expect it (a node expects its own policy until a policyMapping replaces that
/// with the subject-domain policies, §6.1.4 (b)(1)). anyPolicy is a flag per level, its parent is always the
/// anyPolicy of the level above.
struct PolicyGraph {
    struct Level {
        /// valid_policy → the valid policies of its parents (anyPolicy included).
        var parents: [ASN1ObjectIdentifier: Set<ASN1ObjectIdentifier>] = [:]
        /// expected policy → the valid policies of this level that expect it.
        var expected: [ASN1ObjectIdentifier: Set<ASN1ObjectIdentifier>] = [:]
        /// Whether the level has an anyPolicy node.
        var hasAnyPolicy = false

        var isEmpty: Bool { parents.isEmpty && !hasAnyPolicy }

        mutating func add(_ policy: ASN1ObjectIdentifier, parents newParents: Set<ASN1ObjectIdentifier>) {
            parents[policy, default: []].formUnion(newParents)
            expected[policy, default: []].insert(policy)
        }
    }

    static let anyPolicy = CertificatePolicies.anyPolicy

    /// Depth 0 is the anchor's anyPolicy node (§6.1.2 (a)).
    private(set) var levels: [Level]

    init() {
        var root = Level()
        root.hasAnyPolicy = true
        levels = [root]
    }

    /// Whether the graph is NULL in RFC 5280's terms: no node at the current depth.
    var isNull: Bool { levels.last?.isEmpty ?? true }

    /// §6.1.3 (d)–(e) for one certificate: `policies` is its certificatePolicies (nil when absent, which makes the
    /// graph NULL); `anyPolicyAllowed` is `inhibit_anyPolicy > 0 || (i < n && self-issued)`.
    mutating func processCertificate(policies: CertificatePolicies?, anyPolicyAllowed: Bool) {
        let previous = levels.last ?? Level()
        var level = Level()
        guard let policies, !previous.isEmpty else {
            levels.append(level)
            return
        }
        var assertsAnyPolicy = false
        for policy in policies.policies.map(\.identifier) {
            if policy == Self.anyPolicy {
                assertsAnyPolicy = true
                continue
            }
            // (d)(1)(i): children of every node expecting the policy; (ii) else a child of anyPolicy.
            if let expecting = previous.expected[policy], !expecting.isEmpty {
                level.add(policy, parents: expecting)
            } else if previous.hasAnyPolicy {
                level.add(policy, parents: [Self.anyPolicy])
            }
        }
        // (d)(2): anyPolicy in the certificate gives every expected policy not yet matched a node, and anyPolicy
        // a node under the previous anyPolicy.
        if assertsAnyPolicy && anyPolicyAllowed {
            for (policy, expecting) in previous.expected where level.parents[policy] == nil && !expecting.isEmpty {
                level.add(policy, parents: expecting)
            }
            level.hasAnyPolicy = previous.hasAnyPolicy
        }
        // (d)(3): nodes without children are pruned when the result is read (`validPolicies`), which walks up from
        // the leaf level; a node here always has a parent, so an empty level means a NULL graph.
        levels.append(level)
    }

    /// Makes the graph NULL (§6.1.3 (e) for the remaining depths).
    mutating func makeNull() {
        levels.append(Level())
    }

    /// §6.1.4 (b): apply the policyMappings of certificate i; `mappingAllowed` is `policy_mapping > 0`.
    mutating func applyMappings(_ mappings: PolicyMappings, mappingAllowed: Bool) {
        guard var level = levels.popLast() else { return }
        defer { levels.append(level) }
        var subjects: [ASN1ObjectIdentifier: [ASN1ObjectIdentifier]] = [:]
        var order: [ASN1ObjectIdentifier] = []
        for mapping in mappings.mappings {
            if subjects[mapping.issuerDomainPolicy] == nil { order.append(mapping.issuerDomainPolicy) }
            subjects[mapping.issuerDomainPolicy, default: []].append(mapping.subjectDomainPolicy)
        }
        for issuerPolicy in order {
            let mapped = subjects[issuerPolicy] ?? []
            if mappingAllowed {
                // (b)(1): the node's expected set becomes the subject-domain policies; with no node but an
                // anyPolicy node, a new node under the previous level's anyPolicy.
                if level.parents[issuerPolicy] == nil {
                    guard level.hasAnyPolicy else { continue }
                    level.parents[issuerPolicy] = [Self.anyPolicy]
                } else {
                    level.expected[issuerPolicy]?.remove(issuerPolicy)
                    if level.expected[issuerPolicy]?.isEmpty == true { level.expected[issuerPolicy] = nil }
                }
                for subject in mapped {
                    level.expected[subject, default: []].insert(issuerPolicy)
                }
            } else {
                // (b)(2): delete the node; the pruning of (b)(2) happens when the result is read.
                level.parents[issuerPolicy] = nil
                for key in Array(level.expected.keys) {
                    level.expected[key]?.remove(issuerPolicy)
                    if level.expected[key]?.isEmpty == true { level.expected[key] = nil }
                }
            }
        }
    }

    /// The user-constrained policy set of §6.1.5 (g): the policies, named in the anchor's domain, that the path is
    /// valid for and the caller accepts. Empty for a NULL graph. `[anyPolicy]` when every policy is acceptable.
    func userConstrainedPolicies(initialPolicySet: Set<ASN1ObjectIdentifier>) -> Set<ASN1ObjectIdentifier> {
        guard let leafLevel = levels.last, !leafLevel.isEmpty, levels.count > 1 else { return [] }
        // Walk up from the leaf level, keeping only nodes with descendants (the pruning of §6.1.3 (d)(3)), and
        // collect the valid_policy_node_set: reachable nodes whose parent is anyPolicy (§6.1.5 (g)(iii)).
        var reachable = Set(leafLevel.parents.keys)
        var reachableAny = leafLevel.hasAnyPolicy
        var authorityPolicies: Set<ASN1ObjectIdentifier> = []
        for depth in stride(from: levels.count - 1, through: 1, by: -1) {
            let level = levels[depth]
            var above: Set<ASN1ObjectIdentifier> = []
            for policy in reachable {
                let parents = level.parents[policy] ?? []
                if parents.contains(Self.anyPolicy) {
                    authorityPolicies.insert(policy)
                    reachableAny = true
                }
                above.formUnion(parents.subtracting([Self.anyPolicy]))
            }
            reachable = above
        }
        _ = reachableAny
        if initialPolicySet.contains(Self.anyPolicy) {
            return leafLevel.hasAnyPolicy ? authorityPolicies.union([Self.anyPolicy]) : authorityPolicies
        }
        var result = authorityPolicies.intersection(initialPolicySet)
        if leafLevel.hasAnyPolicy {
            result.formUnion(initialPolicySet)
        }
        return result
    }
}
