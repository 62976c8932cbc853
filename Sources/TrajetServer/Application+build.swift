import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus
import ServiceLifecycle
import TrajetAPI
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetStore
import TrajetWeb

/// The request context of every route: Hummingbird's basics, with a 1 MiB upload limit instead of 2 MiB (the largest
/// legitimate body, a plan with its search inputs, is a few kilobytes).
package struct TrajetRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    package init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
    package var maxUploadSize: Int { APILimits.maxBodyBytes }
}

/// What the server is built from; `trajet serve` and the tests make one.
package struct ServerEnvironment: Sendable {
    package var settings: Settings
    package var datasets: Datasets
    package var store: any PlanStore
    package var logger: Logger
    package var registry: PrometheusCollectorRegistry

    package init(
        settings: Settings, datasets: Datasets, store: any PlanStore, logger: Logger = Logger(label: "trajet.server"),
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) {
        self.settings = settings
        self.datasets = datasets
        self.store = store
        self.logger = logger
        self.registry = registry
    }
}

/// Builds the HTTP API on `environment` (address from `settings.server`). `runService()` on the result serves until
/// SIGTERM or SIGINT, then finishes the requests in flight (swift-service-lifecycle's graceful shutdown).
/// `services` run beside the server (the PostgreSQL pool); the server stops first on shutdown, so requests in flight
/// still reach the database.
package func buildApplication(_ environment: ServerEnvironment, services: [any Service] = []) throws
    -> some ApplicationProtocol
{
    let server = environment.settings.server
    let shared = SharedParts(
        metrics: APIMetrics(registry: environment.registry),
        searches: SearchGate(concurrency: server.searchConcurrency, queue: server.searchQueue),
        readiness: ReadinessMonitor(store: environment.store),
        routeCache: server.routeCacheSize > 0 && server.publicReads ? RouteResponseCache(capacity: server.routeCacheSize) : nil)
    let router = try buildRouter(environment, shared)
    let early = EarlyAnswers(
        searches: shared.searches, readiness: shared.readiness, metrics: shared.metrics, routeCache: shared.routeCache,
        refusalDelay: .milliseconds(Int64(server.refusalDelayMilliseconds)))
    return Application(
        router: router,
        server: .guardedHTTP1(
            ConnectionLimits(server), connections: ConnectionTable(maxConnections: server.maxConnections), early: early),
        configuration: .init(
            address: .hostname(server.host, port: server.port), serverName: "trajet",
            // Hummingbird's 256 overflowed under a crowd opening connections: the kernel dropped SYNs, and a health
            // check then waited for TCP's 1 s and 3 s retransmissions. The kernel caps it at net.core.somaxconn.
            backlog: 4096,
            // New connections are always accepted: beyond `maxConnections` the one that waited longest for its client
            // is closed (`ConnectionTable`). This hard cap only holds while every open connection is being answered
            // (then newcomers wait in the backlog), so the file descriptors cannot run out.
            availableConnectionsDelegate: MaximumAvailableConnections(
                OpenFileLimit.hardConnectionCap(server.maxConnections), logger: environment.logger)),
        services: [shared.readiness] + services, logger: environment.logger)
}

/// What the router and the connections below it share.
struct SharedParts: Sendable {
    let metrics: APIMetrics
    let searches: SearchGate
    let readiness: ReadinessMonitor
    let routeCache: RouteResponseCache?
}

extension ConnectionLimits {
    init(_ server: ServerSettings) {
        self.init(
            maxHeaderBytes: server.maxHeaderBytes, headerTimeout: .seconds(Int64(server.headerTimeoutSeconds)),
            bodyTimeout: .seconds(Int64(server.bodyTimeoutSeconds)), idleTimeout: .seconds(Int64(server.idleTimeoutSeconds)))
    }
}

/// The routes: every operation of openapi.yaml through the generated server stubs, behind `EdgeMiddleware`.
func buildRouter(_ environment: ServerEnvironment, _ shared: SharedParts) throws -> Router<TrajetRequestContext> {
    let (metrics, searches) = (shared.metrics, shared.searches)
    // HEAD on every GET (RFC 9110): Hummingbird routes it to the GET's responder, middleware included.
    let router = Router(context: TrajetRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = try RouteTable.served.get()
    let server = environment.settings.server
    let routeCache = shared.routeCache
    let planners = RoutePlanners(network: environment.datasets.network, policy: environment.settings.routing)
    // The coordinators' page at `/`: the same searches (same planners, same queue) as `/v1/routes`.
    let web = try WebPages(
        settings: environment.settings, datasets: environment.datasets, store: environment.store,
        searcher: GatedRouteSearch(datasets: environment.datasets, planners: planners, searches: searches),
        logger: environment.logger)
    router.addMiddleware {
        EdgeMiddleware<TrajetRequestContext>(
            metrics: metrics, routes: routes, routeCache: routeCache, store: environment.store,
            publicReads: server.publicReads, web: web)
    }
    web.register(on: router)
    let document = Data(openAPIDocumentText.utf8)
    let api = APIImplementation(
        store: environment.store, datasets: environment.datasets, settings: environment.settings, metrics: metrics,
        openAPIDocument: document, planners: planners, searches: searches, readiness: shared.readiness)
    // No ErrorHandlingMiddleware: EdgeMiddleware maps the generated layer's errors (malformed JSON, wrong types,
    // missing parameters) to 4xx problems with the offending field, where ErrorHandlingMiddleware would send an
    // empty 4xx body. Either way, bad input never becomes a 500 (tested).
    // Compact JSON (the generator's default is pretty-printed): smaller bodies, faster to write.
    try api.registerHandlers(on: router, configuration: .init(jsonEncodingOptions: [.sortedKeys]))
    return router
}

/// The page's route searches on the API's search threads and queue (`SearchGate`): a crowd on the page cannot starve
/// the API of cores, nor the other way round beyond the shared queue.
struct GatedRouteSearch: RouteSearching {
    let datasets: Datasets
    let planners: RoutePlanners
    let searches: SearchGate

    func answer<Output: Sendable>(
        _ request: RoutesRequest, settings: Settings, then finish: @escaping @Sendable (RoutesAnswer) throws -> Output
    ) async throws -> Output {
        let (datasets, planners) = (self.datasets, self.planners)
        do {
            return try await searches.run {
                try finish(try request.run(datasets: datasets, settings: settings, planners: planners))
            }
        } catch let overloaded as SearchGate.Overloaded {
            throw SearchesBusy(retryAfterSeconds: overloaded.retryAfterSeconds)
        }
    }
}
