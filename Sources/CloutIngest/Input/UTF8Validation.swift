/// UTF-8 validation over raw bytes, reporting where it fails (Unicode 15, table 3-7).
enum UTF8Validation {
  /// The offset of the first byte that starts an invalid sequence, or nil when all is valid.
  static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalidByte(in: $0) }
  }

  static func firstInvalidByte(in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = buffer.count
    var index = 0
    while index < count {
      let lead = buffer[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return index
      }
      guard index + length <= count else { return index }
      let second = buffer[index + 1]
      guard second >= low && second <= high else { return index }
      var continuation = 2
      while continuation < length {
        let byte = buffer[index + continuation]
        guard byte >= 0x80 && byte <= 0xBF else { return index }
        continuation += 1
      }
      index += length
    }
    return nil
  }
}
