import GRDB
import ParcoursLog
import ParcoursProjections

/// The store's migrations: named, append-only, never edited once shipped.
///
/// Invariants live in the schema: the two logs, their tree hashes and the signed
/// checkpoints refuse UPDATE and DELETE by trigger. Only wrapped data keys may be
/// deleted — that is erasure, and the schema refuses it outside one (v3).
enum StoreSchema {
    /// The projections' tables (created by v2), each with a `participant` column: what an
    /// erasure empties of the participant in its own transaction.
    static let projectionTables = SQLiteProjectionTables.tables(of: Set(ProjectionName.allCases))

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-log") { db in
            // Literal SQL, as every migration: a migration never changes once shipped, so it
            // uses no application type (the tables' names live in `LogKind.recordsTable` and
            // `treeTable` too). `StoreSchemaTests` holds the schema it must give, byte for byte.
            try db.execute(sql: """
                CREATE TABLE store_info (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE sealed_secret (name TEXT PRIMARY KEY NOT NULL, sealed BLOB NOT NULL);
                CREATE TABLE actor_key (
                    public_key TEXT PRIMARY KEY NOT NULL,
                    actor TEXT NOT NULL,
                    sealed TEXT NOT NULL,
                    created_at TEXT NOT NULL);
                CREATE TABLE data_key (
                    id TEXT PRIMARY KEY NOT NULL,
                    stream TEXT NOT NULL UNIQUE,
                    wrapped BLOB NOT NULL,
                    created_at TEXT NOT NULL);
                CREATE TABLE checkpoint (
                    log TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    note TEXT NOT NULL,
                    PRIMARY KEY (log, size)) WITHOUT ROWID;
                CREATE TABLE event (
                    seq INTEGER PRIMARY KEY NOT NULL,
                    id TEXT NOT NULL UNIQUE,
                    stream TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    author TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    leaf_hash BLOB NOT NULL,
                    line BLOB NOT NULL,
                    UNIQUE (stream, version));
                CREATE TABLE event_tree (
                    level INTEGER NOT NULL,
                    idx INTEGER NOT NULL,
                    hash BLOB NOT NULL,
                    PRIMARY KEY (level, idx)) WITHOUT ROWID;
                CREATE TRIGGER event_immutable_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: event rows cannot be updated'); END;
                CREATE TRIGGER event_immutable_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: event rows cannot be deleted'); END;
                CREATE TRIGGER event_tree_immutable_update BEFORE UPDATE ON event_tree
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: event_tree rows cannot be updated'); END;
                CREATE TRIGGER event_tree_immutable_delete BEFORE DELETE ON event_tree
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: event_tree rows cannot be deleted'); END;
                CREATE TABLE access_event (
                    seq INTEGER PRIMARY KEY NOT NULL,
                    id TEXT NOT NULL UNIQUE,
                    stream TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    author TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    leaf_hash BLOB NOT NULL,
                    line BLOB NOT NULL,
                    UNIQUE (stream, version));
                CREATE TABLE access_tree (
                    level INTEGER NOT NULL,
                    idx INTEGER NOT NULL,
                    hash BLOB NOT NULL,
                    PRIMARY KEY (level, idx)) WITHOUT ROWID;
                CREATE TRIGGER access_event_immutable_update BEFORE UPDATE ON access_event
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: access_event rows cannot be updated'); END;
                CREATE TRIGGER access_event_immutable_delete BEFORE DELETE ON access_event
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: access_event rows cannot be deleted'); END;
                CREATE TRIGGER access_tree_immutable_update BEFORE UPDATE ON access_tree
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: access_tree rows cannot be updated'); END;
                CREATE TRIGGER access_tree_immutable_delete BEFORE DELETE ON access_tree
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: access_tree rows cannot be deleted'); END;
                CREATE TRIGGER checkpoint_immutable_update BEFORE UPDATE ON checkpoint
                BEGIN SELECT RAISE(ABORT, 'signed checkpoints cannot be updated'); END;
                CREATE TRIGGER checkpoint_immutable_delete BEFORE DELETE ON checkpoint
                BEGIN SELECT RAISE(ABORT, 'signed checkpoints cannot be deleted'); END;
                """)
        }
        migrator.registerMigration("v2-projections") { db in
            // What people read, rebuilt from the log at will. Journeys are sealed under the
            // participant's data key; the caseload and program rows hold only pseudonymous
            // ids, vocabulary codes, dates and counts. Every row names its participant, so
            // an erasure removes it with one DELETE per table.
            try db.execute(sql: """
                CREATE TABLE projection_position (
                    name TEXT PRIMARY KEY NOT NULL,
                    position INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE journey (
                    participant TEXT PRIMARY KEY NOT NULL,
                    through_seq INTEGER NOT NULL,
                    journey BLOB NOT NULL,
                    record BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE caseload (
                    clinician TEXT NOT NULL,
                    participant TEXT NOT NULL,
                    wheel_stage TEXT,
                    engagement_step TEXT,
                    assessed_on TEXT,
                    last_contact_on TEXT,
                    next_review_on TEXT,
                    open_referrals INTEGER NOT NULL,
                    safety_level TEXT,
                    open_warnings INTEGER NOT NULL,
                    closed INTEGER NOT NULL,
                    PRIMARY KEY (clinician, participant)) WITHOUT ROWID;
                CREATE INDEX caseload_participant ON caseload (participant);
                CREATE TABLE program_participant (
                    participant TEXT PRIMARY KEY NOT NULL,
                    admitted_on TEXT NOT NULL,
                    wheel_stage TEXT,
                    engagement_step TEXT,
                    first_plan_on TEXT,
                    last_contact_on TEXT NOT NULL,
                    closed INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE program_transition (
                    participant TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    on_day TEXT NOT NULL,
                    from_stage TEXT NOT NULL,
                    to_stage TEXT NOT NULL,
                    direction TEXT NOT NULL,
                    PRIMARY KEY (participant, event_id)) WITHOUT ROWID;
                CREATE INDEX program_transition_day ON program_transition (on_day, from_stage, to_stage, direction);
                CREATE TABLE program_relapse (
                    participant TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    started_on TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    PRIMARY KEY (participant, event_id)) WITHOUT ROWID;
                CREATE INDEX program_relapse_day ON program_relapse (started_on, kind);
                CREATE TABLE program_referral (
                    participant TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    made_on TEXT NOT NULL,
                    resource_kind TEXT NOT NULL,
                    resource TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    PRIMARY KEY (participant, event_id)) WITHOUT ROWID;
                -- Covering indexes: the program picture counts a period without touching the rows.
                CREATE INDEX program_referral_day ON program_referral (made_on, resource_kind, resource, outcome);
                """)
        }
        migrator.registerMigration("v3-data-key-erasure-only") { db in
            // A participant's wrapped data key is the only way to her or his record: deleting
            // it is erasure, and erasure is only the signed `participant.erased` that closes the
            // stream, inserted before the key is destroyed in the same transaction. Outside
            // that, a DELETE would lose the record while the log still verifies; an UPDATE
            // would swap the key. No key is made for a stream already closed.
            try db.execute(sql: """
                CREATE TRIGGER data_key_delete_only_by_erasure BEFORE DELETE ON data_key
                WHEN NOT EXISTS (SELECT 1 FROM event WHERE stream = OLD.stream AND type = 'participant.erased')
                BEGIN SELECT RAISE(ABORT, 'a data key is destroyed only by an erasure (participant.erased in the same transaction)'); END;
                CREATE TRIGGER data_key_immutable_update BEFORE UPDATE ON data_key
                BEGIN SELECT RAISE(ABORT, 'wrapped data keys cannot be updated'); END;
                CREATE TRIGGER data_key_none_after_erasure BEFORE INSERT ON data_key
                WHEN EXISTS (SELECT 1 FROM event WHERE stream = NEW.stream AND type = 'participant.erased')
                BEGIN SELECT RAISE(ABORT, 'no data key for an erased participant'); END;
                """)
        }
        migrator.registerMigration("v4-journey-access-facts") { db in
            // What the access policy reads of a journey (care team, consents, refusals, who
            // admitted), sealed apart: a write is decided without opening the whole journey.
            // The journey projection starts over, empty, so every row gets it at the next read
            // (a writer before then folds each participant's stream from the log).
            try db.execute(sql: """
                ALTER TABLE journey ADD COLUMN access BLOB;
                DELETE FROM journey;
                UPDATE projection_position SET position = 0 WHERE name = 'journey';
                """)
        }
        migrator.registerMigration("v5-record-ids-by-type") { db in
            // The rules' record now keeps each type's act ids as one string (it was one member
            // per act, decoded at every write). Its rows start over, so that every row is in one
            // form and `verify` finds the projection equal to a fold of the log.
            try db.execute(sql: """
                DELETE FROM journey;
                UPDATE projection_position SET position = 0 WHERE name = 'journey';
                """)
        }
        migrator.registerMigration("v6-web-sign-in") { db in
            // The web application's second factors and sessions: outside the logs (nothing here
            // is a clinical act), and nothing here opens anything alone. A second factor is
            // sealed under a key its actor's signing key derives; a session keeps the digest of
            // its id and the actor's seed sealed under a secret only the browser's cookie holds.
            try db.execute(sql: """
                CREATE TABLE second_factor (
                    actor TEXT PRIMARY KEY NOT NULL,
                    sealed BLOB NOT NULL,
                    nonce BLOB NOT NULL,
                    last_step INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE web_session (
                    digest TEXT PRIMARY KEY NOT NULL,
                    actor TEXT NOT NULL,
                    sealed_seed BLOB NOT NULL,
                    nonce BLOB NOT NULL,
                    csrf_token TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    last_seen_at REAL NOT NULL,
                    device TEXT NOT NULL,
                    enrolment BLOB,
                    enrolment_nonce BLOB,
                    glass BLOB,
                    glass_nonce BLOB);
                CREATE INDEX web_session_actor ON web_session (actor, last_seen_at);
                """)
        }
        migrator.registerMigration("v7-journey-stage-readings") { db in
            // The journey now keeps every stage assessment (both models and the rulers), the
            // path its chart draws. Its rows start over, so every row holds it and `verify`
            // finds the projection equal to a fold of the log.
            try db.execute(sql: """
                DELETE FROM journey;
                UPDATE projection_position SET position = 0 WHERE name = 'journey';
                """)
        }
        migrator.registerMigration("v8-access-by-participant") { db in
            // Who opened one participant's record, newest first, without reading the whole
            // access log: an index on the `participant` member of each record's clear payload.
            // The records stay byte for byte as signed; a line that is not JSON (a damaged
            // store) is indexed as NULL, so the verifier, not an insert, reports it.
            try db.execute(sql: """
                CREATE INDEX access_event_participant ON access_event (
                    (CASE WHEN json_valid(CAST(line AS TEXT))
                     THEN json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.participant') END), seq);
                """)
        }
        migrator.registerMigration("v9-enrolment-links") { db in
            // One-time enrolment links: an administrator enrols a person (or gives her a new key)
            // without choosing her passphrase; the key is sealed under the link's secret until she
            // chooses hers through it. Only the secret's digest is kept, with its expiry.
            try db.execute(sql: """
                CREATE TABLE enrolment_link (
                    digest TEXT PRIMARY KEY NOT NULL,
                    actor TEXT NOT NULL UNIQUE,
                    created_at REAL NOT NULL,
                    expires_at REAL NOT NULL);
                """)
        }
        migrator.registerMigration("v10-witnesses") { db in
            // Witnesses' cosignatures of kept checkpoints (C2SP tlog-cosignature), one per witness
            // and size, and the alarms their refusals raised: both append-only, like checkpoints.
            try db.execute(sql: """
                CREATE TABLE checkpoint_cosignature (
                    log TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    witness TEXT NOT NULL,
                    line TEXT NOT NULL,
                    kept INTEGER NOT NULL,
                    PRIMARY KEY (log, size, witness)) WITHOUT ROWID;
                CREATE TRIGGER checkpoint_cosignature_immutable_update BEFORE UPDATE ON checkpoint_cosignature
                BEGIN SELECT RAISE(ABORT, 'cosignatures cannot be updated'); END;
                CREATE TRIGGER checkpoint_cosignature_immutable_delete BEFORE DELETE ON checkpoint_cosignature
                BEGIN SELECT RAISE(ABORT, 'cosignatures cannot be deleted'); END;
                CREATE TABLE witness_alarm (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    witness TEXT NOT NULL,
                    log TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    status INTEGER NOT NULL,
                    reason TEXT NOT NULL);
                CREATE TRIGGER witness_alarm_immutable_update BEFORE UPDATE ON witness_alarm
                BEGIN SELECT RAISE(ABORT, 'witness alarms cannot be updated'); END;
                CREATE TRIGGER witness_alarm_immutable_delete BEFORE DELETE ON witness_alarm
                BEGIN SELECT RAISE(ABORT, 'witness alarms cannot be deleted'); END;
                """)
        }
        migrator.registerMigration("v11-journey-by-rowid") { db in
            // A journey is a row of tens of KB (a path sealed whole). In a WITHOUT ROWID table the
            // whole row is the b-tree's key: finding one participant's row read whole rows of
            // others, overflow pages and all, at every level of the tree. Kept by rowid, the index
            // on `participant` finds the row and only its own pages are read; the small columns
            // come first, so a write's decision reads the access facts without the journey. The
            // rows are copied as they are (nothing to rebuild).
            try db.execute(sql: """
                ALTER TABLE journey RENAME TO journey_without_rowid;
                CREATE TABLE journey (
                    participant TEXT PRIMARY KEY NOT NULL,
                    through_seq INTEGER NOT NULL,
                    access BLOB,
                    record BLOB NOT NULL,
                    journey BLOB NOT NULL);
                INSERT INTO journey (participant, through_seq, access, record, journey)
                    SELECT participant, through_seq, access, record, journey FROM journey_without_rowid;
                DROP TABLE journey_without_rowid;
                """)
        }
        migrator.registerMigration("v12-access-openings") { db in
            // The care team's panel "who opened this record" shows a participant's openings: her
            // records' reads, but not the team's own looks at the panel, which every journey page
            // adds (half the records about her). A partial index holds only the openings
            // (`RecordOpening.isOpening`), so the panel reads the twenty it shows, not forty. A line
            // that is not JSON is left out of it, so the verifier, not an insert, reports it.
            try db.execute(sql: """
                CREATE INDEX access_event_opening ON access_event (
                    (CASE WHEN json_valid(CAST(line AS TEXT))
                     THEN json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.participant') END), seq)
                WHERE (CASE WHEN json_valid(CAST(line AS TEXT))
                       THEN json_extract(CAST(line AS TEXT), '$.envelope.type') = 'access.read'
                            AND (json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.view') IS NOT 'access-log'
                                 OR json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.purpose') IS NOT 'care'
                                 OR json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.outcome') IS NOT 'permitted') END);
                """)
        }
        migrator.registerMigration("v13-access-opening-rows") { db in
            // The panel read its twenty openings through the partial index, then each record from
            // the access log: twenty rows on twenty pages scattered over it, each page read again
            // (a read transaction starts with an empty cache whenever the log grew), each line
            // parsed whole. An opening's clear payload (without the justification, which the panel
            // never shows) now goes, as its record is appended, into a table ordered by
            // participant, so the panel reads a page or two. A trigger keeps it, from the line
            // itself, for every way a record is appended; the records already in the log are
            // copied once here; the table is append-only, as the log is. The verifier compares it
            // with the log (`Store.verifyOpenings`, with the same expressions as the trigger:
            // `Store.isOpening`, `Store.openingRow`). The partial index is no longer read.
            try db.execute(sql: """
                CREATE TABLE access_opening (
                    participant TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    recorded_at TEXT NOT NULL,
                    payload TEXT,
                    PRIMARY KEY (participant, seq)) WITHOUT ROWID;
                CREATE TRIGGER access_opening_kept AFTER INSERT ON access_event WHEN \(Store.isOpening)
                BEGIN INSERT INTO access_opening VALUES (\(Store.openingRow)); END;
                CREATE TRIGGER access_opening_immutable_update BEFORE UPDATE ON access_opening
                BEGIN SELECT RAISE(ABORT, 'the openings follow the access log: access_opening rows cannot be updated'); END;
                CREATE TRIGGER access_opening_immutable_delete BEFORE DELETE ON access_opening
                BEGIN SELECT RAISE(ABORT, 'the openings follow the access log: access_opening rows cannot be deleted'); END;
                INSERT INTO access_opening SELECT \(Store.openingRow) FROM access_event AS NEW WHERE \(Store.isOpening);
                DROP INDEX IF EXISTS access_event_opening;
                """)
        }
        migrator.registerMigration("v14-journey-english-summaries") { db in
            // Each act of a journey's timeline now keeps its line in English beside the French, so
            // the English pages say it in English. The journey rows start over, so every row holds
            // it and `verify` finds the projection equal to a fold of the log.
            try db.execute(sql: """
                DELETE FROM journey;
                UPDATE projection_position SET position = 0 WHERE name = 'journey';
                """)
        }
        migrator.registerMigration("v15-trees-by-last-leaf") { db in
            // Each tree table was keyed by level, then index: an append's subtrees (its leaf, and
            // the subtrees it completes) went into as many places of the table as levels, a page of
            // the write-ahead log each, a third of what a journey page's access records wrote.
            // Keyed by each subtree's last leaf (the leaf whose append completes it), then level,
            // an append's subtrees lie side by side after the last append's, and the subtrees a run
            // of leaves completes lie in one range of the key (verification reads them in one
            // query, where it read a level at a time). The rows are copied, each subtree's last
            // leaf computed from its level and index; the append-only triggers follow the table.
            // A row whose level or index is not an integer a subtree can have (a damaged store),
            // or whose last leaf would not fit the column (a shift would wrap it onto another
            // subtree's), keeps its index as it is, so the verifier still finds that subtree missing.
            // The rows go in as they are read, unsorted: a sort of the whole tree would be held in
            // memory, where the store keeps SQLite's temporary data (`Store.configuration`).
            for tree in ["event_tree", "access_tree"] {
                try db.execute(sql: """
                    ALTER TABLE \(tree) RENAME TO \(tree)_by_level;
                    CREATE TABLE \(tree) (
                        last_leaf INTEGER NOT NULL,
                        level INTEGER NOT NULL,
                        hash BLOB NOT NULL,
                        PRIMARY KEY (last_leaf, level)) WITHOUT ROWID;
                    INSERT INTO \(tree) (last_leaf, level, hash)
                        SELECT CASE WHEN typeof(level) = 'integer' AND typeof(idx) = 'integer' AND level BETWEEN 0 AND 62
                                         AND idx BETWEEN 0 AND (9223372036854775807 >> level)
                                    THEN (idx << level) | ((1 << level) - 1) ELSE idx END,
                               level, hash
                        FROM \(tree)_by_level;
                    DROP TABLE \(tree)_by_level;
                    CREATE TRIGGER \(tree)_immutable_update BEFORE UPDATE ON \(tree)
                    BEGIN SELECT RAISE(ABORT, 'the log is append-only: \(tree) rows cannot be updated'); END;
                    CREATE TRIGGER \(tree)_immutable_delete BEFORE DELETE ON \(tree)
                    BEGIN SELECT RAISE(ABORT, 'the log is append-only: \(tree) rows cannot be deleted'); END;
                    """)
            }
        }
        migrator.registerMigration("v16-journey-french-spacing") { db in
            // Two of the timeline's French lines (legal obligations explained, a legal disclosure)
            // now put a space before their semicolon, as French typography and every other line
            // do. The journey rows start over, as in v14, so every row says it so and `verify`
            // finds the projection equal to a fold of the log.
            try db.execute(sql: """
                DELETE FROM journey;
                UPDATE projection_position SET position = 0 WHERE name = 'journey';
                """)
        }
        migrator.registerMigration("v17-journey-earlier-acts") { db in
            // A journey is sealed in two parts: the journey with its latest acts, and the acts
            // before them apart (`SealedJourney`), so a page opens only what it shows. The
            // journey rows start over, as in v14, so every row is in that form and `verify`
            // finds the projection equal to a fold of the log.
            try db.execute(sql: """
                ALTER TABLE journey ADD COLUMN earlier BLOB;
                DELETE FROM journey;
                UPDATE projection_position SET position = 0 WHERE name = 'journey';
                """)
        }
        return migrator
    }
}

/// The two logs a store keeps, each in its own pair of tables.
public typealias LogTable = LogKind

extension LogKind {
    /// The table of records.
    var recordsTable: String { self == .events ? "event" : "access_event" }
    /// The table of complete-subtree hashes.
    var treeTable: String { self == .events ? "event_tree" : "access_tree" }
}
