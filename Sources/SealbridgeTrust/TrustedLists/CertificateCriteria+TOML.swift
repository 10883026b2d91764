import SealbridgeX509
import SwiftASN1
import TOMLKit

extension CertificateCriteria {
    /// The keys of a criteria table in agreement TOML.
    static let tomlKeys: Set<String> = [
        "assert", "key_usage", "policy_sets", "extended_key_usage", "subject_attributes", "qc_statement_sets",
        "criteria",
    ]

    /// Reads a criteria list written in agreement TOML, in the order the trusted-list reader produces (key usages,
    /// policy sets, extended key usages, subject attributes, qcStatement sets, nested lists), so a list written by
    /// hand equals the one an MRA extension gives.
    ///
    /// ```toml
    /// assert = "all"                                   # all | atLeastOne | none
    /// key_usage = [{ nonRepudiation = true }]          # each table one KeyUsage criterion
    /// policy_sets = [["1.3.6.1.4.1.314159.1.2"]]       # each array one PolicySet
    /// extended_key_usage = [["1.3.6.1.5.5.7.3.8"]]
    /// subject_attributes = [["2.5.4.97"]]
    /// qc_statement_sets = [[{ id = "0.4.0.1862.1.6", type = "0.4.0.1862.1.6.1" }]]
    /// [[criteria]]                                     # nested lists, same keys
    /// ```
    init(toml fields: TOMLFields, depth: Int = 0) throws {
        guard depth < CertificateCriteria.maximumDepth else {
            throw fields.error(
                "criteria",
                "nests criteria lists deeper than \(CertificateCriteria.maximumDepth) levels"
            )
        }
        try fields.onlyKeys(depth == 0 ? CertificateCriteria.tomlKeys.union(["name"]) : CertificateCriteria.tomlKeys)
        let assertText = try fields.optionalString("assert") ?? "all"
        guard let assertion = Assertion(rawValue: assertText) else {
            throw fields.error("assert", "'\(assertText)' is not all, atLeastOne or none")
        }
        var items: [Criterion] = []
        for usage in try fields.tables("key_usage") {
            var bits: [String: Bool] = [:]
            for key in usage.table.keys {
                guard KeyUsage.named(key) != nil, let value = try usage.optionalBool(key) else {
                    throw usage.error(key, "is not a key usage bit (e.g. nonRepudiation) set to true or false")
                }
                bits[key] = value
            }
            items.append(.keyUsage(bits))
        }
        items += try Self.oidSets(fields, "policy_sets").map(Criterion.policySet)
        items += try Self.oidSets(fields, "extended_key_usage").map(Criterion.extendedKeyUsage)
        items += try Self.oidSets(fields, "subject_attributes").map(Criterion.subjectAttributes)
        for (index, set) in try Self.arrays(fields, "qc_statement_sets").enumerated() {
            var statements: [QCStatementCriterion] = []
            for (number, item) in set.enumerated() {
                let field = "qc_statement_sets[\(index)][\(number)]"
                guard let table = item.table else { throw fields.error(field, "must be a table { id = … }") }
                let entry = TOMLFields(table: table, file: fields.file, path: fields.name(field))
                try entry.onlyKeys(["id", "type", "legislation"])
                let id = try entry.oid("id")
                let type = entry.has("type") ? try entry.oid("type") : nil
                let legislation = try entry.optionalString("legislation").map { $0.uppercased() }
                if let legislation, !Jurisdiction.isValid(legislation) {
                    throw entry.error("legislation", "'\(legislation)' is not a country code")
                }
                statements.append(.init(id: id, type: type, legislation: legislation))
            }
            guard !statements.isEmpty else { throw fields.error("qc_statement_sets[\(index)]", "is empty") }
            items.append(.qcStatementSet(statements))
        }
        for nested in try fields.tables("criteria") {
            items.append(.criteria(try CertificateCriteria(toml: nested, depth: depth + 1)))
        }
        self.init(assertion: assertion, criteria: items)
    }

    private static func arrays(_ fields: TOMLFields, _ key: String) throws -> [TOMLArray] {
        guard let value = fields.table[key] else { return [] }
        guard let outer = value.array else { throw fields.error(key, "must be an array of arrays") }
        return try outer.enumerated().map { index, item in
            guard let inner = item.array else { throw fields.error("\(key)[\(index)]", "must be an array") }
            return inner
        }
    }

    private static func oidSets(_ fields: TOMLFields, _ key: String) throws -> [[ASN1ObjectIdentifier]] {
        try arrays(fields, key).enumerated().map { index, set in
            let oids = try set.enumerated().map { number, item in
                guard let text = item.string, let oid = try? ASN1ObjectIdentifier(dotRepresentation: text) else {
                    throw fields.error("\(key)[\(index)][\(number)]", "must be a dotted OID")
                }
                return oid
            }
            guard !oids.isEmpty else { throw fields.error("\(key)[\(index)]", "is empty") }
            return oids
        }
    }
}

extension TOMLFields {
    /// A required dotted OID.
    func oid(_ key: String) throws -> ASN1ObjectIdentifier {
        let text = try string(key)
        guard let oid = try? ASN1ObjectIdentifier(dotRepresentation: text) else {
            throw error(key, "'\(text)' is not a dotted OID")
        }
        return oid
    }
}
