import Foundation
import Testing

/// The command line is a front: it parses, calls a use case of ParcoursApp, renders. It
/// never reaches below the application layer into the storage backend, except to choose it
/// (one file, StoreOptions.swift, opens the SQLite store or the PostgreSQL one). The layers
/// below the application know no backend: GRDB is imported by ParcoursSQLite alone, PostgresNIO
/// by ParcoursPostgres alone.
@Suite("Module boundaries")
struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test("no command file imports GRDB, PostgresNIO or a store, but the one that chooses it")
    func commandsStayAboveTheStore() throws {
        let folder = Self.sources.appendingPathComponent("parcours")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") }.map { $0.dropFirst(7).trimmingCharacters(in: .whitespaces) }
            #expect(!imports.contains("GRDB"), "\(file) imports \(imports)")
            #expect(!imports.contains("PostgresNIO"), "\(file) imports \(imports)")
            #expect(!imports.contains("ParcoursSQLite") || file == "StoreOptions.swift", "\(file) imports \(imports)")
            #expect(!imports.contains("ParcoursPostgres") || file == "StoreOptions.swift", "\(file) imports \(imports)")
        }
    }

    @Test("only each backend imports its driver; the application and the layers below it import no backend")
    func onlyTheBackendKnowsGRDB() throws {
        for module in ["ParcoursLog", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections", "ParcoursApp", "ParcoursFiles", "ParcoursServer"] {
            let folder = Self.sources.appendingPathComponent(module)
            let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "\(module) has no sources")
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") }.map { $0.dropFirst(7).trimmingCharacters(in: .whitespaces) }
                #expect(!imports.contains("GRDB") && !imports.contains("ParcoursSQLite"), "\(module)/\(file) imports \(imports)")
                #expect(!imports.contains("PostgresNIO") && !imports.contains("ParcoursPostgres"), "\(module)/\(file) imports \(imports)")
            }
        }
    }
}
