// The types and server stubs of openapi.yaml are generated into this module at build time
// (swift-openapi-generator's build plugin, `accessModifier: package`). TrajetServer serves the same file at
// `GET /openapi.yaml` (Sources/TrajetServer/Resources/openapi.yaml is a link to it).
