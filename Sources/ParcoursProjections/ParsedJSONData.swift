import Foundation
import ParcoursClinical
import ParcoursLog

/// JSON read by the log's own reader (`JSONTapeDecoder`: the bytes read once into a flat
/// tape, members not asked for let through, as `JSONDecoder` does): an act's data for the
/// projections' folds, a sealed journey or record for a catch-up.
///
/// The decoder lives with the parser in `ParcoursLog` (it knows nothing clinical) and is
/// handed to the domain through `ActDataDecoding`: `ParcoursClinical` keeps depending on
/// Foundation only, keeps the act types, versions and upcasting, and this module, which
/// sees both, wires them. Foundation's `JSONDecoder` was about a quarter of a rebuild.
///
/// What this reader refuses (what the log never holds: a fraction, a duplicate member, or
/// data the type does not read) is read again by `JSONDecoder`, so what is decoded, and
/// what is not, stays exactly what the `Codable` path gives.
struct ParsedJSONData: ActDataDecoding {
    let data: Data

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let decoded = try? JSONTapeDecoder().decode(type, from: Array(data)) { return decoded }
        return try FoundationActData(data: data).decode(type)
    }
}
