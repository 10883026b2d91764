import FuzzSupport
import SealbridgeCMS

/// RFC 3161 TimeStampReq, TimeStampResp, TSTInfo and tokens on arbitrary bytes; requests and responses that parse
/// must re-encode to what parses the same.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let request = try? TimeStampRequest(derEncoded: input) {
        precondition((try? TimeStampRequest(derEncoded: request.derRepresentation)) == request)
    }
    if let response = try? TimeStampResponse(derEncoded: input) {
        precondition((try? TimeStampResponse(derEncoded: response.derRepresentation)) == response)
        if let token = response.tokenBytes {
            _ = TimeStampTokenVerifier().verify(tokenBytes: token, timeStampedData: [])
        }
    }
    if let info = try? TSTInfo(derEncoded: input) {
        _ = try? TSTInfo(derEncoded: info.derRepresentation(fractionDigits: 9))
    }
    _ = TimeStampTokenVerifier().verify(tokenBytes: input, timeStampedData: [])
    return 0
}

@main
enum FuzzTimeStamp {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
