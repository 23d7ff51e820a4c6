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
}
