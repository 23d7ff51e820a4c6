import ParcoursLog
import PostgresNIO

/// The tables of the two logs on PostgreSQL, made when a store opens a database that lacks them.
///
/// The same shape as the SQLite store's: each log's records (one row a record: its line as
/// signed, the columns it is searched by, its leaf hash) and its stored subtree hashes; the
/// wrapped data keys; the signed checkpoints. Triggers refuse UPDATE and DELETE on the logs,
/// their tree hashes and the checkpoints, and a data key's destruction outside an erasure.
/// `log_head` holds each log's size: the append transaction locks its row (`FOR UPDATE`),
/// so appends are serialized across every server, and the seqs are gapless and in commit
/// order, which no sequence gives. Text is compared in byte order (`COLLATE "C"`) whatever
/// the database's locale, so streams sort as they do in SQLite.
///
/// Every statement is idempotent and runs under an advisory lock, so servers opening one
/// database at once make it once. Named, versioned migrations (`parcours migrate`) replace
/// this when the PostgreSQL store grows beyond the logs.
enum PostgresLogSchema {
    /// The advisory lock key under which the schema is made (any constant of ours).
    static let lockKey: Int64 = 0x7061_7263_6f75_7273 // "parcours"

    static func recordsTable(_ log: LogKind) -> String { log == .events ? "event" : "access_event" }
    static func treeTable(_ log: LogKind) -> String { log == .events ? "event_tree" : "access_tree" }

    /// Makes what is missing, the logs' tables and the projections', in one transaction.
    static func create(in session: PostgresSession) throws {
        try session.inTransaction("BEGIN") {
            try session.rows("SELECT pg_advisory_xact_lock(\(lockKey))")
            for statement in statements + PostgresProjectionSchema.statements { try session.rows(PostgresQuery(unsafeSQL: statement)) }
        }
    }

    static var statements: [String] {
        var statements = [
            """
            CREATE OR REPLACE FUNCTION parcours_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the log is append-only: % rows cannot be %', TG_TABLE_NAME,
                    CASE TG_OP WHEN 'UPDATE' THEN 'updated' WHEN 'DELETE' THEN 'deleted' ELSE 'truncated' END
                    USING ERRCODE = 'integrity_constraint_violation';
            END $$
            """,
            """
            CREATE TABLE IF NOT EXISTS log_head (
                log TEXT COLLATE "C" PRIMARY KEY,
                size BIGINT NOT NULL CHECK (size >= 0))
            """,
            "INSERT INTO log_head (log, size) VALUES ('events', 0), ('access', 0) ON CONFLICT DO NOTHING",
            """
            CREATE TABLE IF NOT EXISTS checkpoint (
                log TEXT COLLATE "C" NOT NULL,
                size BIGINT NOT NULL,
                note TEXT NOT NULL,
                PRIMARY KEY (log, size))
            """,
            """
            CREATE TABLE IF NOT EXISTS data_key (
                id TEXT COLLATE "C" PRIMARY KEY,
                stream TEXT COLLATE "C" NOT NULL UNIQUE,
                wrapped BYTEA NOT NULL,
                created_at TEXT NOT NULL)
            """,
        ]
        for log in LogKind.allCases {
            let records = recordsTable(log), tree = treeTable(log)
            statements += [
                """
                CREATE TABLE IF NOT EXISTS \(records) (
                    seq BIGINT PRIMARY KEY CHECK (seq >= 0),
                    id TEXT COLLATE "C" NOT NULL UNIQUE,
                    stream TEXT COLLATE "C" NOT NULL,
                    version BIGINT NOT NULL,
                    type TEXT COLLATE "C" NOT NULL,
                    author TEXT COLLATE "C" NOT NULL,
                    recorded_at TEXT COLLATE "C" NOT NULL,
                    leaf_hash BYTEA NOT NULL,
                    line BYTEA NOT NULL,
                    UNIQUE (stream, version))
                """,
                """
                CREATE TABLE IF NOT EXISTS \(tree) (
                    level INTEGER NOT NULL,
                    idx BIGINT NOT NULL,
                    hash BYTEA NOT NULL,
                    PRIMARY KEY (level, idx))
                """,
            ]
            for table in [records, tree] {
                statements += [
                    """
                    CREATE OR REPLACE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
                    FOR EACH ROW EXECUTE FUNCTION parcours_refuse_change()
                    """,
                    """
                    CREATE OR REPLACE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
                    FOR EACH STATEMENT EXECUTE FUNCTION parcours_refuse_change()
                    """,
                ]
            }
        }
        statements += [
            """
            CREATE OR REPLACE FUNCTION parcours_refuse_checkpoint_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'signed checkpoints cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
            END $$
            """,
            """
            CREATE OR REPLACE TRIGGER checkpoint_kept BEFORE UPDATE OR DELETE ON checkpoint
            FOR EACH ROW EXECUTE FUNCTION parcours_refuse_checkpoint_change()
            """,
            // A participant's wrapped data key is the only way to her or his record: it is
            // destroyed only by the erasure (`participant.erased`, inserted first in the same
            // transaction), never updated, and none is made for a stream already closed.
            """
            CREATE OR REPLACE FUNCTION parcours_guard_data_key() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    RAISE EXCEPTION 'wrapped data keys cannot be updated' USING ERRCODE = 'integrity_constraint_violation';
                ELSIF TG_OP = 'DELETE' THEN
                    IF NOT EXISTS (SELECT 1 FROM event WHERE stream = OLD.stream AND type = 'participant.erased') THEN
                        RAISE EXCEPTION 'a data key is destroyed only by an erasure (participant.erased in the same transaction)'
                            USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    RETURN OLD;
                ELSIF EXISTS (SELECT 1 FROM event WHERE stream = NEW.stream AND type = 'participant.erased') THEN
                    RAISE EXCEPTION 'no data key for an erased participant' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$
            """,
            """
            CREATE OR REPLACE TRIGGER data_key_guarded BEFORE INSERT OR UPDATE OR DELETE ON data_key
            FOR EACH ROW EXECUTE FUNCTION parcours_guard_data_key()
            """,
        ]
        return statements
    }
}
