import ArgumentParser
import TrajetCLI

// An @main type rather than top-level `await TrajetCommand.main()`: the latter picks the synchronous entry
// point and aborts for an async root command (see ../shared/design/STYLE.md, swift-argument-parser pitfalls).
@main
enum TrajetMain {
    static func main() async {
        await TrajetCommand.main()
    }
}
