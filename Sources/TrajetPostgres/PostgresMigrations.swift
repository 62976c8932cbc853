import TrajetCore
import TrajetStore

/// The PostgreSQL schema, in the same named, append-only steps as the SQLite one (`SQLitePlanStore.migrator`): the
/// same tables, columns and checks, in PostgreSQL's types and snake_case names. Never edit a step that has shipped;
/// add the next.
///
/// Text columns compare byte by byte (`COLLATE "C"`), as SQLite does: lists and pages come out in the same order on
/// both backends whatever the server's locale, and a cursor (departure date, id) means the same thing on both.
enum PostgresMigrations {
    struct Step {
        let id: String
        let statements: [String]
    }

    /// A lock key only Trajet's migrations take: two instances starting together migrate one after the other.
    static let advisoryLockKey: Int64 = 0x7472_616A_6574  // "trajet"

    static let table = """
        CREATE TABLE IF NOT EXISTS trajet_migration (
            id text PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    static var steps: [Step] {
        let statuses = PlanStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let directions = LegDirection.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let roles = APIKeyRole.allCases.map(\.rawValue).map { "'\($0)'" }.joined(separator: ", ")
        return [
            Step(
                id: "v1-organisations-plans",
                statements: [
                    """
                    CREATE TABLE organisation (
                        id text COLLATE "C" PRIMARY KEY,
                        name text COLLATE "C" NOT NULL,
                        created_at text COLLATE "C" NOT NULL
                    )
                    """,
                    """
                    CREATE TABLE plan (
                        id text COLLATE "C" PRIMARY KEY,
                        organisation_id text COLLATE "C" NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
                        name text COLLATE "C" NOT NULL,
                        partner_id text COLLATE "C" NOT NULL,
                        origin_place_id text COLLATE "C" NOT NULL,
                        destination_place_id text COLLATE "C" NOT NULL,
                        depart_date text COLLATE "C" NOT NULL,
                        return_date text COLLATE "C",
                        participants bigint NOT NULL CHECK (participants >= 0),
                        leaders bigint NOT NULL CHECK (leaders >= 0),
                        minors boolean NOT NULL,
                        status text COLLATE "C" NOT NULL CHECK (status IN (\(statuses))),
                        notes text COLLATE "C" NOT NULL DEFAULT '',
                        version bigint NOT NULL DEFAULT 1,
                        created_at text COLLATE "C" NOT NULL,
                        updated_at text COLLATE "C" NOT NULL,
                        factor_set_id text COLLATE "C" NOT NULL,
                        factor_set_version text COLLATE "C" NOT NULL,
                        CHECK (participants + leaders BETWEEN 1 AND 500),
                        CHECK (return_date IS NULL OR return_date >= depart_date)
                    )
                    """,
                    "CREATE INDEX plan_on_depart_date ON plan (depart_date)",
                    """
                    CREATE TABLE plan_leg (
                        plan_id text COLLATE "C" NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                        direction text COLLATE "C" NOT NULL CHECK (direction IN (\(directions))),
                        position bigint NOT NULL,
                        leg_id text COLLATE "C" NOT NULL,
                        mode text COLLATE "C" NOT NULL,
                        from_place_id text COLLATE "C" NOT NULL,
                        to_place_id text COLLATE "C" NOT NULL,
                        operator text COLLATE "C" NOT NULL,
                        distance_km double precision NOT NULL,
                        distance_basis text COLLATE "C" NOT NULL,
                        duration_minutes bigint NOT NULL,
                        departure text COLLATE "C" NOT NULL,
                        arrival text COLLATE "C" NOT NULL,
                        ttw_grams bigint NOT NULL,
                        non_co2_grams bigint NOT NULL,
                        wtt_grams bigint NOT NULL,
                        hub_grams bigint NOT NULL,
                        group_ttw_grams bigint NOT NULL,
                        group_non_co2_grams bigint NOT NULL,
                        group_wtt_grams bigint NOT NULL,
                        group_hub_grams bigint NOT NULL,
                        vehicles bigint,
                        fare_min_cents bigint,
                        fare_max_cents bigint,
                        factor_file text COLLATE "C" NOT NULL,
                        factor_line bigint NOT NULL,
                        distance_estimated boolean NOT NULL,
                        duration_estimated boolean NOT NULL,
                        fare_estimated boolean NOT NULL,
                        factor_estimated boolean NOT NULL,
                        service_unconfirmed boolean NOT NULL,
                        footprint_notes text COLLATE "C" NOT NULL,
                        PRIMARY KEY (plan_id, direction, position)
                    )
                    """,
                ]),
            Step(
                id: "v2-plan-indexes",
                statements: [
                    "CREATE INDEX plan_on_organisation_id_depart_date ON plan (organisation_id, depart_date)",
                    "CREATE INDEX plan_on_status ON plan (status)",
                ]),
            // Written with the legs, in the same transaction. A store made by this program has no plan without a
            // summary before this step (it ships with the others), so there is nothing to back-fill; a summary that
            // is missing anyway is recomputed from the legs when read.
            Step(id: "v3-plan-summaries", statements: ["ALTER TABLE plan ADD COLUMN leg_summary text"]),
            Step(
                id: "v4-api-keys",
                statements: [
                    """
                    CREATE TABLE api_key (
                        id text COLLATE "C" PRIMARY KEY,
                        organisation_id text COLLATE "C" REFERENCES organisation(id) ON DELETE CASCADE,
                        role text COLLATE "C" NOT NULL CHECK (role IN (\(roles))),
                        key_hash text COLLATE "C" NOT NULL UNIQUE,
                        label text COLLATE "C" NOT NULL DEFAULT '',
                        created_at text COLLATE "C" NOT NULL,
                        revoked_at text COLLATE "C",
                        CHECK (organisation_id IS NOT NULL OR role = 'admin')
                    )
                    """
                ]),
        ]
    }
}
