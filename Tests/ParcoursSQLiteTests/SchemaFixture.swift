/// The schema a fresh store had after migrations v1–v4 when v1 still built its SQL from
/// application types (`LogTable`, `StreamRules`): `sqlite_master` of a store made by
/// `parcours init` at commit 07403d3, captured once, ordered by type and name. Migrations
/// are never edited once shipped, so their literal SQL must give exactly this. v6 added the
/// web application's second factors and sessions (`second_factor`, `web_session`), v8 the
/// index of the access log by participant (`access_event_participant`), v9 the one-time
/// enrolment links (`enrolment_link`), v10 the witnesses' cosignatures and alarms
/// (`checkpoint_cosignature`, `witness_alarm`, append-only), v12 the partial index of the
/// openings of each participant's record (`access_event_opening`), v13 the table of those
/// openings kept by a trigger in its place (`access_opening`, append-only), v17 the column of
/// a journey's earlier acts sealed apart (`journey.earlier`).
enum SchemaFixture {
    static let migratedSchema = #"""
-- index access_event_participant on access_event
CREATE INDEX access_event_participant ON access_event (
    (CASE WHEN json_valid(CAST(line AS TEXT))
     THEN json_extract(CAST(line AS TEXT), '$.envelope.payload.clear.participant') END), seq)

-- index caseload_participant on caseload
CREATE INDEX caseload_participant ON caseload (participant)

-- index program_referral_day on program_referral
CREATE INDEX program_referral_day ON program_referral (made_on, resource_kind, resource, outcome)

-- index program_relapse_day on program_relapse
CREATE INDEX program_relapse_day ON program_relapse (started_on, kind)

-- index program_transition_day on program_transition
CREATE INDEX program_transition_day ON program_transition (on_day, from_stage, to_stage, direction)

-- index sqlite_autoindex_access_event_1 on access_event
(automatic)

-- index sqlite_autoindex_access_event_2 on access_event
(automatic)

-- index sqlite_autoindex_actor_key_1 on actor_key
(automatic)

-- index sqlite_autoindex_data_key_1 on data_key
(automatic)

-- index sqlite_autoindex_data_key_2 on data_key
(automatic)

-- index sqlite_autoindex_enrolment_link_1 on enrolment_link
(automatic)

-- index sqlite_autoindex_enrolment_link_2 on enrolment_link
(automatic)

-- index sqlite_autoindex_event_1 on event
(automatic)

-- index sqlite_autoindex_event_2 on event
(automatic)

-- index sqlite_autoindex_grdb_migrations_1 on grdb_migrations
(automatic)

-- index sqlite_autoindex_journey_1 on journey
(automatic)

-- index sqlite_autoindex_sealed_secret_1 on sealed_secret
(automatic)

-- index sqlite_autoindex_second_factor_1 on second_factor
(automatic)

-- index sqlite_autoindex_store_info_1 on store_info
(automatic)

-- index sqlite_autoindex_web_session_1 on web_session
(automatic)

-- index web_session_actor on web_session
CREATE INDEX web_session_actor ON web_session (actor, last_seen_at)

-- table access_event on access_event
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
    UNIQUE (stream, version))

-- table access_opening on access_opening
CREATE TABLE access_opening (
    participant TEXT NOT NULL,
    seq INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    payload TEXT,
    PRIMARY KEY (participant, seq)) WITHOUT ROWID

-- table access_tree on access_tree
CREATE TABLE access_tree (
    last_leaf INTEGER NOT NULL,
    level INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (last_leaf, level)) WITHOUT ROWID

-- table actor_key on actor_key
CREATE TABLE actor_key (
    public_key TEXT PRIMARY KEY NOT NULL,
    actor TEXT NOT NULL,
    sealed TEXT NOT NULL,
    created_at TEXT NOT NULL)

-- table caseload on caseload
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
    PRIMARY KEY (clinician, participant)) WITHOUT ROWID

-- table checkpoint on checkpoint
CREATE TABLE checkpoint (
    log TEXT NOT NULL,
    size INTEGER NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (log, size)) WITHOUT ROWID

-- table checkpoint_cosignature on checkpoint_cosignature
CREATE TABLE checkpoint_cosignature (
    log TEXT NOT NULL,
    size INTEGER NOT NULL,
    witness TEXT NOT NULL,
    line TEXT NOT NULL,
    kept INTEGER NOT NULL,
    PRIMARY KEY (log, size, witness)) WITHOUT ROWID

-- table data_key on data_key
CREATE TABLE data_key (
    id TEXT PRIMARY KEY NOT NULL,
    stream TEXT NOT NULL UNIQUE,
    wrapped BLOB NOT NULL,
    created_at TEXT NOT NULL)

-- table enrolment_link on enrolment_link
CREATE TABLE enrolment_link (
    digest TEXT PRIMARY KEY NOT NULL,
    actor TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL)

-- table event on event
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
    UNIQUE (stream, version))

-- table event_tree on event_tree
CREATE TABLE event_tree (
    last_leaf INTEGER NOT NULL,
    level INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (last_leaf, level)) WITHOUT ROWID

-- table grdb_migrations on grdb_migrations
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)

-- table journey on journey
CREATE TABLE journey (
    participant TEXT PRIMARY KEY NOT NULL,
    through_seq INTEGER NOT NULL,
    access BLOB,
    record BLOB NOT NULL,
    journey BLOB NOT NULL, earlier BLOB)

-- table program_participant on program_participant
CREATE TABLE program_participant (
    participant TEXT PRIMARY KEY NOT NULL,
    admitted_on TEXT NOT NULL,
    wheel_stage TEXT,
    engagement_step TEXT,
    first_plan_on TEXT,
    last_contact_on TEXT NOT NULL,
    closed INTEGER NOT NULL) WITHOUT ROWID

-- table program_referral on program_referral
CREATE TABLE program_referral (
    participant TEXT NOT NULL,
    event_id TEXT NOT NULL,
    made_on TEXT NOT NULL,
    resource_kind TEXT NOT NULL,
    resource TEXT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (participant, event_id)) WITHOUT ROWID

-- table program_relapse on program_relapse
CREATE TABLE program_relapse (
    participant TEXT NOT NULL,
    event_id TEXT NOT NULL,
    started_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (participant, event_id)) WITHOUT ROWID

-- table program_transition on program_transition
CREATE TABLE program_transition (
    participant TEXT NOT NULL,
    event_id TEXT NOT NULL,
    on_day TEXT NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    direction TEXT NOT NULL,
    PRIMARY KEY (participant, event_id)) WITHOUT ROWID

-- table projection_position on projection_position
CREATE TABLE projection_position (
    name TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL) WITHOUT ROWID

-- table sealed_secret on sealed_secret
CREATE TABLE sealed_secret (name TEXT PRIMARY KEY NOT NULL, sealed BLOB NOT NULL)

-- table second_factor on second_factor
CREATE TABLE second_factor (
    actor TEXT PRIMARY KEY NOT NULL,
    sealed BLOB NOT NULL,
    nonce BLOB NOT NULL,
    last_step INTEGER NOT NULL DEFAULT 0)

-- table store_info on store_info
CREATE TABLE store_info (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)

-- table web_session on web_session
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
    glass_nonce BLOB)

-- table witness_alarm on witness_alarm
CREATE TABLE witness_alarm (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    witness TEXT NOT NULL,
    log TEXT NOT NULL,
    size INTEGER NOT NULL,
    status INTEGER NOT NULL,
    reason TEXT NOT NULL)

-- trigger access_event_immutable_delete on access_event
CREATE TRIGGER access_event_immutable_delete BEFORE DELETE ON access_event
BEGIN SELECT RAISE(ABORT, 'the log is append-only: access_event rows cannot be deleted'); END

-- trigger access_event_immutable_update on access_event
CREATE TRIGGER access_event_immutable_update BEFORE UPDATE ON access_event
BEGIN SELECT RAISE(ABORT, 'the log is append-only: access_event rows cannot be updated'); END

-- trigger access_opening_immutable_delete on access_opening
CREATE TRIGGER access_opening_immutable_delete BEFORE DELETE ON access_opening
BEGIN SELECT RAISE(ABORT, 'the openings follow the access log: access_opening rows cannot be deleted'); END

-- trigger access_opening_immutable_update on access_opening
CREATE TRIGGER access_opening_immutable_update BEFORE UPDATE ON access_opening
BEGIN SELECT RAISE(ABORT, 'the openings follow the access log: access_opening rows cannot be updated'); END

-- trigger access_opening_kept on access_event
CREATE TRIGGER access_opening_kept AFTER INSERT ON access_event WHEN (CASE WHEN json_valid(CAST(NEW.line AS TEXT)) THEN json_extract(CAST(NEW.line AS TEXT), '$.envelope.type') = 'access.read' AND (json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.view') IS NOT 'access-log' OR json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.purpose') IS NOT 'care' OR json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.outcome') IS NOT 'permitted') AND json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.participant') IS NOT NULL END)
BEGIN INSERT INTO access_opening VALUES (CAST(json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear.participant') AS TEXT), NEW.seq, NEW.recorded_at, json_remove(json_extract(CAST(NEW.line AS TEXT), '$.envelope.payload.clear'), '$.justification')); END

-- trigger access_tree_immutable_delete on access_tree
CREATE TRIGGER access_tree_immutable_delete BEFORE DELETE ON access_tree
BEGIN SELECT RAISE(ABORT, 'the log is append-only: access_tree rows cannot be deleted'); END

-- trigger access_tree_immutable_update on access_tree
CREATE TRIGGER access_tree_immutable_update BEFORE UPDATE ON access_tree
BEGIN SELECT RAISE(ABORT, 'the log is append-only: access_tree rows cannot be updated'); END

-- trigger checkpoint_cosignature_immutable_delete on checkpoint_cosignature
CREATE TRIGGER checkpoint_cosignature_immutable_delete BEFORE DELETE ON checkpoint_cosignature
BEGIN SELECT RAISE(ABORT, 'cosignatures cannot be deleted'); END

-- trigger checkpoint_cosignature_immutable_update on checkpoint_cosignature
CREATE TRIGGER checkpoint_cosignature_immutable_update BEFORE UPDATE ON checkpoint_cosignature
BEGIN SELECT RAISE(ABORT, 'cosignatures cannot be updated'); END

-- trigger checkpoint_immutable_delete on checkpoint
CREATE TRIGGER checkpoint_immutable_delete BEFORE DELETE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'signed checkpoints cannot be deleted'); END

-- trigger checkpoint_immutable_update on checkpoint
CREATE TRIGGER checkpoint_immutable_update BEFORE UPDATE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'signed checkpoints cannot be updated'); END

-- trigger data_key_delete_only_by_erasure on data_key
CREATE TRIGGER data_key_delete_only_by_erasure BEFORE DELETE ON data_key
WHEN NOT EXISTS (SELECT 1 FROM event WHERE stream = OLD.stream AND type = 'participant.erased')
BEGIN SELECT RAISE(ABORT, 'a data key is destroyed only by an erasure (participant.erased in the same transaction)'); END

-- trigger data_key_immutable_update on data_key
CREATE TRIGGER data_key_immutable_update BEFORE UPDATE ON data_key
BEGIN SELECT RAISE(ABORT, 'wrapped data keys cannot be updated'); END

-- trigger data_key_none_after_erasure on data_key
CREATE TRIGGER data_key_none_after_erasure BEFORE INSERT ON data_key
WHEN EXISTS (SELECT 1 FROM event WHERE stream = NEW.stream AND type = 'participant.erased')
BEGIN SELECT RAISE(ABORT, 'no data key for an erased participant'); END

-- trigger event_immutable_delete on event
CREATE TRIGGER event_immutable_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'the log is append-only: event rows cannot be deleted'); END

-- trigger event_immutable_update on event
CREATE TRIGGER event_immutable_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the log is append-only: event rows cannot be updated'); END

-- trigger event_tree_immutable_delete on event_tree
CREATE TRIGGER event_tree_immutable_delete BEFORE DELETE ON event_tree
BEGIN SELECT RAISE(ABORT, 'the log is append-only: event_tree rows cannot be deleted'); END

-- trigger event_tree_immutable_update on event_tree
CREATE TRIGGER event_tree_immutable_update BEFORE UPDATE ON event_tree
BEGIN SELECT RAISE(ABORT, 'the log is append-only: event_tree rows cannot be updated'); END

-- trigger witness_alarm_immutable_delete on witness_alarm
CREATE TRIGGER witness_alarm_immutable_delete BEFORE DELETE ON witness_alarm
BEGIN SELECT RAISE(ABORT, 'witness alarms cannot be deleted'); END

-- trigger witness_alarm_immutable_update on witness_alarm
CREATE TRIGGER witness_alarm_immutable_update BEFORE UPDATE ON witness_alarm
BEGIN SELECT RAISE(ABORT, 'witness alarms cannot be updated'); END
"""#
}
