/// The tables of witnesses' cosignatures and alarms on PostgreSQL (migration `v4-witnesses`), as
/// the SQLite store's `v10-witnesses`: one cosignature line per log, size and witness, the first
/// kept; the alarms their refusals raised; both append-only, like the checkpoints they go with.
enum PostgresWitnessSchema {
    static let statements: [String] = [
        """
        CREATE TABLE checkpoint_cosignature (
            log TEXT COLLATE "C" NOT NULL,
            size BIGINT NOT NULL,
            witness TEXT COLLATE "C" NOT NULL,
            line TEXT NOT NULL,
            kept BIGINT NOT NULL,
            PRIMARY KEY (log, size, witness),
            FOREIGN KEY (log, size) REFERENCES checkpoint (log, size))
        """,
        """
        CREATE TABLE witness_alarm (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at TEXT NOT NULL,
            witness TEXT NOT NULL,
            log TEXT COLLATE "C" NOT NULL,
            size BIGINT NOT NULL,
            status INTEGER NOT NULL,
            reason TEXT NOT NULL)
        """,
        """
        CREATE FUNCTION parcours_refuse_witness_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% rows are kept as written', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
        END $$
        """,
        """
        CREATE TRIGGER checkpoint_cosignature_kept BEFORE UPDATE OR DELETE ON checkpoint_cosignature
        FOR EACH ROW EXECUTE FUNCTION parcours_refuse_witness_change()
        """,
        "CREATE TRIGGER checkpoint_cosignature_not_truncated BEFORE TRUNCATE ON checkpoint_cosignature EXECUTE FUNCTION parcours_refuse_witness_change()",
        """
        CREATE TRIGGER witness_alarm_kept BEFORE UPDATE OR DELETE ON witness_alarm
        FOR EACH ROW EXECUTE FUNCTION parcours_refuse_witness_change()
        """,
        "CREATE TRIGGER witness_alarm_not_truncated BEFORE TRUNCATE ON witness_alarm EXECUTE FUNCTION parcours_refuse_witness_change()",
    ]
}
