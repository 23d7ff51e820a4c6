import ParcoursAppTesting
import ParcoursLog
import ParcoursLogTesting
import ParcoursProjections
@testable import ParcoursPostgres

/// A store founded on a test database, as a new PostgreSQL store is: `log.created` by a new
/// admin with a new log key, then the conformance clinician enrolled. Each `server()` opens
/// it again as another `parcours serve` would: its own connections, its own log writer.
struct PostgresFoundedStore: Sendable {
    let database: PostgresTestDatabase
    let logKey: SigningKey
    let clinician: UnlockedActor

    /// Founds a store on a new database.
    init() throws { try self.init(on: PostgresTestDatabase()) }

    init(on database: PostgresTestDatabase) throws {
        self.database = database
        let founded = try ConformanceLog.founded(database.store(), origin: ConformancePeople.origin)
        let clinician = UnlockedActor(id: ConformanceProjections.clinician, key: .generate())
        try founded.append([ConformanceProjections.clinicianEnrolment(key: clinician.key.publicKey)])
        (self.logKey, self.clinician) = (founded.logKey, clinician)
    }

    /// The store as one server opens it: its logs and its projections.
    func server(connections: Int = 16, groupCommit: Bool = true) throws -> ConformanceProjections {
        let log = try database.store(connections: connections, groupCommit: groupCommit)
        let logKey = logKey
        let projections = PostgresProjectionStore(log: log, master: database.master, writer: LogWriter(origin: ConformancePeople.origin),
                                                  logSigningKey: { logKey })
        return ConformanceProjections(store: projections, log: log, clinician: clinician)
    }
}
