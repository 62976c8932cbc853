import TrajetCore

/// Storage of organisations, group plans and API keys, by concern. `SQLitePlanStore` (TrajetSQLite) is the embedded
/// implementation, `PostgresPlanStore` (TrajetPostgres) the shared one for several servers; callers see only these
/// protocols. Every write is one transaction, and the same test suite runs against both.
///
/// A caller that needs one concern can ask for it alone (`any APIKeyStore` to check a key); `PlanStore` is all four,
/// what `trajet serve` and the CLI open.
public typealias PlanStore = PlanRepository & OrganisationDirectory & APIKeyStore & StoreMaintenance

/// The group plans and their legs.
public protocol PlanRepository: Sendable {
    /// Validates and saves a new plan with its legs (version 1, timestamps set by the store).
    func addPlan(_ detail: PlanDetail) async throws -> PlanDetail
    func plans(_ filter: PlanFilter) async throws -> [Plan]
    /// One page of the plans matching `filter`, ordered by (departure date, id), starting after `cursor`.
    func planPage(_ filter: PlanFilter, after cursor: PlanCursor?, limit: Int) async throws -> [Plan]
    /// Calls `body` with each plan matching `filter` and its legs, ordered by plan id, from one consistent snapshot,
    /// without holding them all in memory (the annual report of 100 000 plans reads them this way).
    func forEachPlanDetail(_ filter: PlanFilter, _ body: (PlanDetail) throws -> Void) async throws
    /// Calls `body` with each plan matching `filter` and the summary of its legs (kept with the plan), in no
    /// particular order (the report sorts), from one snapshot: what the annual report reads.
    func forEachPlanSummary(_ filter: PlanFilter, _ body: (Plan, PlanSummary) throws -> Void) async throws
    func plan(id: String) async throws -> PlanDetail?
    /// Applies `changes`; with `expectedVersion`, fails with `versionConflict` if the plan changed meanwhile.
    func updatePlan(id: String, changes: PlanChanges, expectedVersion: Int?) async throws -> Plan
    /// With `expectedVersion`, fails with `versionConflict` if the plan changed since it was read (checked and
    /// deleted in one transaction).
    func deletePlan(id: String, expectedVersion: Int?) async throws
    /// Replaces the footprint figures of the plan's legs (the same directions and positions) and its factor set,
    /// version + 1; with `expectedVersion`, fails with `versionConflict` if the plan changed meanwhile.
    func recomputePlan(
        id: String, legs: [PlanLeg], factorSetId: String, factorSetVersion: String, expectedVersion: Int?
    ) async throws -> PlanDetail
    func export(organisationId: String?) async throws -> PlanExport
    /// Validates every organisation and plan first, then writes all or nothing; idempotent on plan ids.
    func importPlans(_ document: PlanExport) async throws -> ImportSummary
}

/// The network's organisations.
public protocol OrganisationDirectory: Sendable {
    func addOrganisation(_ organisation: Organisation) async throws -> Organisation
    func organisations() async throws -> [Organisation]
}

/// API keys (their hashes only).
public protocol APIKeyStore: Sendable {
    /// Stores a new key (its hash only); fails with `unknownOrganisation` for an organisation that does not exist.
    func addAPIKey(_ key: APIKey) async throws -> APIKey
    func apiKeys() async throws -> [APIKey]
    /// The key whose SHA-256 is `hash`, revoked or not (the caller checks); read on every request, so a revocation
    /// takes effect at once.
    func apiKey(hash: String) async throws -> APIKey?
    /// Marks the key revoked (idempotent); fails with `invalidValue(field: "id")` for an unknown id.
    func revokeAPIKey(id: String) async throws -> APIKey
    /// Stores keys as they are (hash, dates, revocation), skipping ids already there but carrying a revocation over:
    /// `trajet db copy`. Returns how many were added.
    func importAPIKeys(_ keys: [APIKey]) async throws -> Int
}

/// The database itself: where it is, its schema steps, its health (`trajet db migrate|check`, `/readyz`).
public protocol StoreMaintenance: Sendable {
    /// Where the store is, for messages (a path, or a URL without its password).
    var location: String { get }
    /// Throws if the database cannot answer a query (`/readyz`).
    func ping() async throws
    /// The schema steps this program knows and the database has not applied yet, in order.
    func pendingMigrations() async throws -> [String]
    /// Applies the pending steps (one at a time across processes); returns their names.
    func migrate() async throws -> [String]
    /// What is wrong with the database; empty when it is sound.
    func check() async throws -> [String]
}

extension PlanRepository {
    public func deletePlan(id: String) async throws { try await deletePlan(id: id, expectedVersion: nil) }
}
