import ArgumentParser
import Foundation
import SealbridgeConformance
import SealbridgeX509
import SwiftASN1

/// `sealbridge conformance …`: the external suites the validator is measured on.
struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run conformance suites: NIST PKITS and C2SP x509-limbo.",
        subcommands: [PKITSRun.self, LimboRun.self]
    )

    struct PKITSRun: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "pkits",
            parent: "sealbridge conformance",
            abstract: "Run the PKITS cases of DIR/cases.json; ends with 'N passed, N failed'.",
            discussion: "Exit 0 when every case passes, 1 otherwise."
        )

        @Argument(help: "The PKITS folder (cases.json, certs/, crls/), e.g. Tests/Vectors/pkits.")
        var directory: String

        @Flag(help: "Print every case, not only the failures.")
        var verbose = false

        mutating func run() throws {
            try runReportingErrors {
                let folder = URL(fileURLWithPath: directory)
                let cases: [PKITS.TestCase]
                do {
                    cases = try PKITS.cases(in: folder)
                } catch {
                    throw CommandFailure(
                        message: "cannot read \(directory)/cases.json: \(userFacingDescription(of: error))",
                        exitCode: ExitCodes.noInput
                    )
                }
                var passed = 0
                var failed = 0
                for testCase in cases {
                    let outcome: PKITS.Outcome
                    do {
                        outcome = try PKITS.run(testCase, in: folder)
                    } catch {
                        failed += 1
                        print("FAIL \(testCase): \(userFacingDescription(of: error))")
                        continue
                    }
                    let verdict: String
                    switch outcome.result {
                    case .valid(let path): verdict = "valid, policies \(path.validPolicies.map(\.dottedText).sorted())"
                    case .invalid(let failure): verdict = "invalid: \(failure)"
                    }
                    if outcome.passed {
                        passed += 1
                        if verbose { print("pass \(testCase): \(verdict)") }
                    } else {
                        failed += 1
                        print("FAIL \(testCase): expected \(testCase.expected), got \(verdict)")
                    }
                }
                print("\(passed) passed, \(failed) failed")
                if failed > 0 { throw ExitCodes.invalid }
            }
        }
    }

    struct LimboRun: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "limbo",
            parent: "sealbridge conformance",
            abstract:
                "Run the x509-limbo suite read from standard input; write the harness results to standard output.",
            discussion: """
                Input: the whole limbo JSON ({"version":1,"testcases":[…]}). Output: \
                {"version":1,"harness":"sealbridge-<version>","results":[…]}. Exit 0 unless the harness itself broke.
                """
        )

        mutating func run() throws {
            try runReportingErrors {
                let input = FileHandle.standardInput.readDataToEndOfFile()
                let results: Limbo.Results
                do {
                    results = try Limbo.run(suiteJSON: input, harnessName: "sealbridge-\(SealbridgeVersion.current)")
                } catch {
                    throw CommandFailure.data(
                        "standard input is not an x509-limbo suite: \(userFacingDescription(of: error))"
                    )
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                FileHandle.standardOutput.write(try encoder.encode(results))
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        }
    }
}
