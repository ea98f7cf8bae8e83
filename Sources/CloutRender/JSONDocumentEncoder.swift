/// Encodes any `Encodable` value as JSON text with the keys in the order the value encodes
/// them and numbers as `Cell`s print them.
///
/// Foundation's `JSONEncoder` sorts keys or loses their order and prints doubles with every
/// digit; the reports promise the CSV's column order and fixed decimals. This encoder builds
/// a tree through `Encodable`, then lays it out by one rule: an object of scalars, an object
/// inside an array and everything inside those is written on one line; other objects and
/// arrays put one member per line, indented by two spaces.
public enum JSONDocumentEncoder {
  /// `flatTopLevel` writes the outermost object's members unindented (the `stats` layout).
  public static func encode<Value: Encodable>(_ value: Value, flatTopLevel: Bool = false) throws
    -> String
  {
    let root = Node()
    try root.store(value, codingPath: [])
    return layout(root.resolved, indent: flatTopLevel ? -2 : 0, inline: false) + "\n"
  }

  /// A resolved JSON value: scalars already printed.
  indirect enum Value {
    case object([(String, Value)])
    case array([Value])
    case scalar(String)

    var isScalar: Bool {
      if case .scalar = self { return true }
      return false
    }
  }

  static func layout(_ value: Value, indent: Int, inline: Bool) -> String {
    switch value {
    case .scalar(let text):
      return text
    case .object(let members):
      let flat = inline || members.allSatisfy { $0.1.isScalar }
      if flat || members.isEmpty {
        return "{"
          + members.map { JSONWriter.string($0.0) + ": " + layout($0.1, indent: 0, inline: true) }
          .joined(separator: ", ") + "}"
      }
      let pad = String(repeating: " ", count: max(0, indent + 2))
      return "{\n"
        + members.map {
          pad + JSONWriter.string($0.0) + ": " + layout($0.1, indent: indent + 2, inline: false)
        }.joined(separator: ",\n") + "\n" + String(repeating: " ", count: max(0, indent)) + "}"
    case .array(let elements):
      if inline || elements.isEmpty {
        return "[" + elements.map { layout($0, indent: 0, inline: true) }.joined(separator: ", ")
          + "]"
      }
      let pad = String(repeating: " ", count: indent + 2)
      return "[\n"
        + elements.map { pad + layout($0, indent: indent + 2, inline: true) }
        .joined(separator: ",\n") + "\n" + String(repeating: " ", count: max(0, indent)) + "]"
    }
  }

  /// A value being encoded; containers hand out child nodes and resolve them at the end.
  final class Node {
    enum Content {
      case unset
      case scalar(String)
      case object([(String, Node)])
      case array([Node])
    }
    var content = Content.unset

    var resolved: Value {
      switch content {
      case .unset: .scalar("null")
      case .scalar(let text): .scalar(text)
      case .object(let members): .object(members.map { ($0.0, $0.1.resolved) })
      case .array(let elements): .array(elements.map(\.resolved))
      }
    }

    func store<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
      switch value {
      case let cell as Cell: content = .scalar(JSONWriter.value(cell))
      case let text as String: content = .scalar(JSONWriter.string(text))
      default: try value.encode(to: TreeEncoder(node: self, codingPath: codingPath))
      }
    }

    func append(key: String) -> Node {
      let child = Node()
      if case .object(var members) = content {
        members.append((key, child))
        content = .object(members)
      } else {
        content = .object([(key, child)])
      }
      return child
    }

    func appendElement() -> Node {
      let child = Node()
      if case .array(var elements) = content {
        elements.append(child)
        content = .array(elements)
      } else {
        content = .array([child])
      }
      return child
    }
  }

  struct TreeEncoder: Encoder {
    let node: Node
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      if case .object = node.content {} else { node.content = .object([]) }
      return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      if case .array = node.content {} else { node.content = .array([]) }
      return Unkeyed(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
      Single(node: node, codingPath: codingPath)
    }
  }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar("null")
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: Int8, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: Int16, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: Int32, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt8, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt16, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt32, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(String(value))
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(value ? "true" : "false")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
      node.append(key: key.stringValue).content = .scalar(JSONWriter.string(value))
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
      throw JSONDocumentEncoder.plainFloat(value, codingPath + [key])
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
      throw JSONDocumentEncoder.plainFloat(Double(value), codingPath + [key])
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
      try node.append(key: key.stringValue).store(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
      keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
      TreeEncoder(node: node.append(key: key.stringValue), codingPath: codingPath + [key])
        .container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      TreeEncoder(node: node.append(key: key.stringValue), codingPath: codingPath + [key])
        .unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
      TreeEncoder(node: node.append(key: key.stringValue), codingPath: codingPath + [key])
    }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]
    var count: Int {
      if case .array(let elements) = node.content { return elements.count }
      return 0
    }

    mutating func encodeNil() throws { node.appendElement().content = .scalar("null") }

    mutating func encode(_ value: Int) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: Int8) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: Int16) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: Int32) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: Int64) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt8) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt16) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt32) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: UInt64) throws {
      node.appendElement().content = .scalar(String(value))
    }

    mutating func encode(_ value: Bool) throws {
      node.appendElement().content = .scalar(value ? "true" : "false")
    }

    mutating func encode(_ value: String) throws {
      node.appendElement().content = .scalar(JSONWriter.string(value))
    }

    mutating func encode(_ value: Double) throws {
      throw JSONDocumentEncoder.plainFloat(value, codingPath)
    }

    mutating func encode(_ value: Float) throws {
      throw JSONDocumentEncoder.plainFloat(Double(value), codingPath)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
      try node.appendElement().store(value, codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
      -> KeyedEncodingContainer<NestedKey>
    {
      TreeEncoder(node: node.appendElement(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      TreeEncoder(node: node.appendElement(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
      TreeEncoder(node: node.appendElement(), codingPath: codingPath)
    }
  }

  struct Single: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .scalar("null") }

    mutating func encode<T: Encodable>(_ value: T) throws {
      try node.store(value, codingPath: codingPath)
    }

    mutating func encode(_ value: Int) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: Int8) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: Int16) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: Int32) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: Int64) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: UInt) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: UInt8) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: UInt16) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: UInt32) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: UInt64) throws { node.content = .scalar(String(value)) }

    mutating func encode(_ value: Bool) throws { node.content = .scalar(value ? "true" : "false") }

    mutating func encode(_ value: String) throws {
      node.content = .scalar(JSONWriter.string(value))
    }

    mutating func encode(_ value: Float) throws {
      throw JSONDocumentEncoder.plainFloat(Double(value), codingPath)
    }

    mutating func encode(_ value: Double) throws {
      throw JSONDocumentEncoder.plainFloat(value, codingPath)
    }
  }

  /// Plain floating-point values would print every digit; reports pass `Cell.decimal`.
  static func plainFloat(_ value: Double, _ codingPath: [any CodingKey]) -> EncodingError {
    .invalidValue(
      value, .init(codingPath: codingPath, debugDescription: "encode a Cell.decimal, not a Double"))
  }
}

/// A key chosen at run time: columns such as `ndcg@10` or one per interaction type.
public struct JSONKey: CodingKey, Sendable {
  public var stringValue: String
  public var intValue: Int? { nil }

  public init(_ name: String) { stringValue = name }
  public init?(stringValue: String) { self.stringValue = stringValue }
  public init?(intValue: Int) { nil }
}

/// An ordered row of named cells: a JSON object whose keys follow the columns.
public struct JSONRow: Encodable, Sendable {
  public var keys: [String]
  public var cells: [Cell]

  public init(keys: [String], cells: [Cell]) {
    self.keys = keys
    self.cells = cells
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: JSONKey.self)
    for (key, cell) in zip(keys, cells) { try container.encode(cell, forKey: JSONKey(key)) }
  }
}
