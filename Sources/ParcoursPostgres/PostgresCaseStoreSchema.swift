/// The tables a case store keeps beside the two logs on PostgreSQL, the same shape as the
/// SQLite store's: the facts about the store, the sealed secrets (the master key sealed under
/// its passphrase, the log key and the research secret wrapped by it), the actors' sealed
/// keys, one-time enrolment links, second factors and web sessions. None of them is a log:
/// nothing here is signed, and a key rotation or a revocation deletes what the old key opened.
///
/// The access log's records about one participant are found through an index on the
/// `participant` member of each record's clear payload (`parcours_access_participant`), the
/// records staying byte for byte as signed; a line that is not JSON (a damaged store) is
/// indexed as NULL, so the verifier, not an insert, reports it.
enum PostgresCaseStoreSchema {
    static let statements: [String] = [
        """
        CREATE TABLE store_info (
            name TEXT COLLATE "C" PRIMARY KEY,
            value TEXT NOT NULL)
        """,
        """
        CREATE TABLE sealed_secret (
            name TEXT COLLATE "C" PRIMARY KEY,
            sealed BYTEA NOT NULL)
        """,
        """
        CREATE TABLE actor_key (
            public_key TEXT COLLATE "C" PRIMARY KEY,
            actor TEXT COLLATE "C" NOT NULL,
            sealed TEXT NOT NULL,
            created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE enrolment_link (
            digest TEXT COLLATE "C" PRIMARY KEY,
            actor TEXT COLLATE "C" NOT NULL UNIQUE,
            created_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL)
        """,
        """
        CREATE TABLE second_factor (
            actor TEXT COLLATE "C" PRIMARY KEY,
            sealed BYTEA NOT NULL,
            nonce BYTEA NOT NULL,
            last_step BIGINT NOT NULL DEFAULT 0)
        """,
        """
        CREATE TABLE web_session (
            digest TEXT COLLATE "C" PRIMARY KEY,
            actor TEXT COLLATE "C" NOT NULL,
            sealed_seed BYTEA NOT NULL,
            nonce BYTEA NOT NULL,
            csrf_token TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            last_seen_at DOUBLE PRECISION NOT NULL,
            device TEXT NOT NULL,
            enrolment BYTEA,
            enrolment_nonce BYTEA,
            glass BYTEA,
            glass_nonce BYTEA)
        """,
        "CREATE INDEX web_session_actor ON web_session (actor, last_seen_at)",
        """
        CREATE FUNCTION parcours_access_participant(line BYTEA) RETURNS TEXT
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
        BEGIN
            RETURN convert_from(line, 'UTF8')::jsonb #>> '{envelope,payload,clear,participant}';
        EXCEPTION WHEN others THEN
            RETURN NULL;
        END $$
        """,
        "CREATE INDEX access_event_participant ON access_event (parcours_access_participant(line), seq)",
    ]

    /// The care team's panel "who opened this record" shows a participant's openings: her
    /// records' reads, but not the team's own looks at the panel, which every journey page adds
    /// (half the records about her). A partial index holds only the openings
    /// (`RecordOpening`'s rule, as `parcours_access_opening` spells it), so the panel reads
    /// the twenty it shows, not forty. A line that is not JSON is left out of it.
    ///
    /// Both functions catch what is not JSON in an exception block, which opens a subtransaction:
    /// before PostgreSQL 17 that is refused inside a parallel operation, and PostgreSQL builds an
    /// index over a large table in parallel. So both are `PARALLEL UNSAFE` (the participant's
    /// function was marked safe when its index was built over an empty table).
    static let openings: [String] = [
        "ALTER FUNCTION parcours_access_participant(BYTEA) PARALLEL UNSAFE",
        """
        CREATE FUNCTION parcours_access_opening(line BYTEA) RETURNS BOOLEAN
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE AS $$
        DECLARE
            envelope JSONB;
        BEGIN
            envelope := convert_from(line, 'UTF8')::jsonb -> 'envelope';
            RETURN envelope ->> 'type' = 'access.read'
                AND (envelope #>> '{payload,clear,view}' IS DISTINCT FROM 'access-log'
                     OR envelope #>> '{payload,clear,purpose}' IS DISTINCT FROM 'care'
                     OR envelope #>> '{payload,clear,outcome}' IS DISTINCT FROM 'permitted');
        EXCEPTION WHEN others THEN
            RETURN NULL;
        END $$
        """,
        """
        CREATE INDEX access_event_opening ON access_event (parcours_access_participant(line), seq)
        WHERE parcours_access_opening(line)
        """,
    ]
}
