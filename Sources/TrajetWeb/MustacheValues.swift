/// Views as nested dictionaries before rendering.
///
/// swift-mustache reads a struct's fields through `Mirror` on every `{{name}}` lookup, and a lookup that misses
/// walks up the context stack mirroring each level again: the comparison page (hundreds of map lines and legs) took
/// about 50 ms in a release build. Reflecting each value once here, into dictionaries (which the library reads by
/// key), makes rendering a few milliseconds. A nil optional becomes an absent key, so `{{#x}}` hides it (a nil kept in
/// a dictionary would render as the text "nil").
enum MustacheValues {
    static func flatten(_ value: Any) -> Any? {
        switch value {
        case let text as String: return text
        case let number as Int: return number
        case let flag as Bool: return flag
        case let number as Double: return number
        case let dictionary as [String: Any]:
            var flat: [String: Any] = [:]
            flat.reserveCapacity(dictionary.count)
            for (key, child) in dictionary {
                if let converted = flatten(child) { flat[key] = converted }
            }
            return flat
        case let array as [Any]:
            return array.compactMap(flatten)
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { flatten($0.value) }
        case .struct, .class:
            var flat: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let converted = flatten(child.value) { flat[label] = converted }
            }
            return flat
        case .collection, .set:
            return mirror.children.compactMap { flatten($0.value) }
        default:
            return value
        }
    }
}
