/// The projections' tables on PostgreSQL: the same shape as the SQLite store's, made with
/// the log's tables when a store opens a database that lacks them.
///
/// What people read, rebuilt from the log at will. Journeys are sealed under the
/// participant's data key (with the access policy's facts sealed apart); the caseload and
/// program rows hold only pseudonymous ids, vocabulary codes, dates and counts. Every row
/// names its participant, so an erasure removes it with one DELETE per table. Text is
/// compared in byte order (`COLLATE "C"`), so rows sort as in SQLite and digests agree;
/// the columns are in SQLite's order, which the digests follow. Flags are BOOLEAN (a
/// digest counts them as the integers 0 and 1, as SQLite stores them).
///
/// Every statement is idempotent; `PostgresLogSchema.create` runs them under its advisory
/// lock, after the log's. Named migrations (`parcours migrate`) replace this array.
enum PostgresProjectionSchema {
    static let statements: [String] = [
        """
        CREATE TABLE IF NOT EXISTS projection_position (
            name TEXT COLLATE "C" PRIMARY KEY,
            position BIGINT NOT NULL CHECK (position >= 0))
        """,
        // `earlier`: a journey's earlier acts, sealed apart (`SealedJourney`); migration v8 adds
        // it to a database made before, in the same place.
        """
        CREATE TABLE IF NOT EXISTS journey (
            participant TEXT COLLATE "C" PRIMARY KEY,
            through_seq BIGINT NOT NULL,
            journey BYTEA NOT NULL,
            record BYTEA NOT NULL,
            access BYTEA,
            earlier BYTEA)
        """,
        """
        CREATE TABLE IF NOT EXISTS caseload (
            clinician TEXT COLLATE "C" NOT NULL,
            participant TEXT COLLATE "C" NOT NULL,
            wheel_stage TEXT COLLATE "C",
            engagement_step TEXT COLLATE "C",
            assessed_on TEXT COLLATE "C",
            last_contact_on TEXT COLLATE "C",
            next_review_on TEXT COLLATE "C",
            open_referrals BIGINT NOT NULL,
            safety_level TEXT COLLATE "C",
            open_warnings BIGINT NOT NULL,
            closed BOOLEAN NOT NULL,
            PRIMARY KEY (clinician, participant))
        """,
        "CREATE INDEX IF NOT EXISTS caseload_participant ON caseload (participant)",
        """
        CREATE TABLE IF NOT EXISTS program_participant (
            participant TEXT COLLATE "C" PRIMARY KEY,
            admitted_on TEXT COLLATE "C" NOT NULL,
            wheel_stage TEXT COLLATE "C",
            engagement_step TEXT COLLATE "C",
            first_plan_on TEXT COLLATE "C",
            last_contact_on TEXT COLLATE "C" NOT NULL,
            closed BOOLEAN NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS program_transition (
            participant TEXT COLLATE "C" NOT NULL,
            event_id TEXT COLLATE "C" NOT NULL,
            on_day TEXT COLLATE "C" NOT NULL,
            from_stage TEXT COLLATE "C" NOT NULL,
            to_stage TEXT COLLATE "C" NOT NULL,
            direction TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (participant, event_id))
        """,
        "CREATE INDEX IF NOT EXISTS program_transition_day ON program_transition (on_day, from_stage, to_stage, direction)",
        """
        CREATE TABLE IF NOT EXISTS program_relapse (
            participant TEXT COLLATE "C" NOT NULL,
            event_id TEXT COLLATE "C" NOT NULL,
            started_on TEXT COLLATE "C" NOT NULL,
            kind TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (participant, event_id))
        """,
        "CREATE INDEX IF NOT EXISTS program_relapse_day ON program_relapse (started_on, kind)",
        """
        CREATE TABLE IF NOT EXISTS program_referral (
            participant TEXT COLLATE "C" NOT NULL,
            event_id TEXT COLLATE "C" NOT NULL,
            made_on TEXT COLLATE "C" NOT NULL,
            resource_kind TEXT COLLATE "C" NOT NULL,
            resource TEXT COLLATE "C" NOT NULL,
            outcome TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (participant, event_id))
        """,
        // Covering: the program picture counts a period's referrals without touching the rows.
        "CREATE INDEX IF NOT EXISTS program_referral_day ON program_referral (made_on, resource_kind, resource, outcome)",
    ]
}
