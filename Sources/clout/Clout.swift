import ArgumentParser

@main
struct Clout: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clout",
    abstract: "Find who makes others engage in a conversation ecosystem."
  )
}
