import Foundation

/// Reads one act's stored data (a JSON object) as a `Decodable` type, the way
/// `JSONDecoder` reads it: members the type does not ask for are left aside.
///
/// The clinical domain depends on Foundation only, so it cannot see the log's JSON reader;
/// this is the seam through which a projection hands one in (`RecordedAct.decode(…using:)`),
/// the domain keeping the act types, the versions and the upcasting.
public protocol ActDataDecoding {
    /// The data decoded as `type`; throws when it is not one.
    func decode<T: Decodable>(_ type: T.Type) throws -> T

    /// The data read into positioned values, for reading an act by hand (`ActReading`);
    /// nil when this reader has none or the data is not one it reads — then `decode` reads it.
    var fields: (any ActDataFields)? { get }
}

extension ActDataDecoding {
    public var fields: (any ActDataFields)? { nil }
}

/// The data read by Foundation's `JSONDecoder`: the reader every other one must agree with.
public struct FoundationActData: ActDataDecoding {
    public let data: Data

    public init(data: Data) { self.data = data }

    public func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: data) }
}
