import ArgumentParser
import TrajetCore
import TrajetQueries

extension Language: ExpressibleByArgument {}
