import Foundation

// embed-text INPUT OUTPUT NAME: writes OUTPUT, a Swift file declaring `let NAME: String` equal to INPUT's text
// (a build tool of the EmbedFiles plugin).
let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: embed-text INPUT OUTPUT NAME\n".utf8))
    exit(64)
}
let (input, output, name) = (arguments[1], arguments[2], arguments[3])
guard let data = FileManager.default.contents(atPath: input), let text = String(data: data, encoding: .utf8) else {
    FileHandle.standardError.write(Data("embed-text: cannot read \(input) as UTF-8 text\n".utf8))
    exit(1)
}
// A raw string whose delimiter has more `#` than any run in the text, so nothing in the text can end it.
var longestRun = 0
var run = 0
for character in text.unicodeScalars {
    run = character == "#" ? run + 1 : 0
    longestRun = max(longestRun, run)
}
let hashes = String(repeating: "#", count: longestRun + 1)
// The line break added before the closing delimiter is not part of a multi-line literal: the value is the text as is.
let source = """
    // Generated at build time from \(URL(fileURLWithPath: input).lastPathComponent) by embed-text: do not edit.

    let \(name) = \(hashes)\"\"\"
    \(text)
    \"\"\"\(hashes)

    """
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("embed-text: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
