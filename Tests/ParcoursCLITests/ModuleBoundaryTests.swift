import Foundation
import Testing

/// The command line is a front: it parses, calls a use case of ParcoursApp, renders. It
/// never reaches below the application layer into the storage backend.
@Suite("Module boundaries")
struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test("no command file imports GRDB or the SQLite store")
    func commandsStayAboveTheStore() throws {
        let folder = Self.sources.appendingPathComponent("parcours")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") }.map { $0.dropFirst(7).trimmingCharacters(in: .whitespaces) }
            #expect(!imports.contains("GRDB") && !imports.contains("ParcoursStore"), "\(file) imports \(imports)")
        }
    }
}
