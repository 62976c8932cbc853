import ArgumentParser
import TrajetCore

extension Language: ExpressibleByArgument {}
