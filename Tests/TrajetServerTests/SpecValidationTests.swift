import OpenAPIKit
import Testing
import Yams

@testable import TrajetServer

/// openapi.yaml is a valid OpenAPI 3.1 document (OpenAPIKit's validation: references resolve, operation ids are
/// unique, every operation has responses…), and the served copy is that document.
@Suite struct SpecValidationTests {
    @Test func specIsAValidOpenAPI31Document() throws {
        let document = try YAMLDecoder().decode(OpenAPI.Document.self, from: openAPIDocumentText)
        try document.validate()
        #expect(document.openAPIVersion.rawValue.hasPrefix("3.1"))
        let operationIDs = document.allOperationIds
        #expect(operationIDs.count == 16)
        #expect(Set(operationIDs).count == operationIDs.count)
        // Every operation answers problems the same way.
        for route in document.routes {
            for endpoint in route.pathItem.endpoints {
                #expect(endpoint.operation.responses[.default] != nil, "\(endpoint.method) \(route.path.rawValue)")
            }
        }
    }
}
