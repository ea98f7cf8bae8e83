import Foundation
import Testing

@Suite struct MapEmojiTests {
  /// The pixels of a PNG whose colour is warm (red clearly above blue, and bright), counted by
  /// a small PNG decoder in Python (zlib and the five PNG filters): an independent reader.
  static func warmPixels(_ path: String) throws -> Int {
    let script = """
      import struct, sys, zlib
      data = open(sys.argv[1], 'rb').read()
      pos, idat = 8, b''
      while pos < len(data):
          length, kind = struct.unpack('>I4s', data[pos:pos + 8])
          body = data[pos + 8:pos + 8 + length]
          if kind == b'IHDR':
              width, height, depth, colour = struct.unpack('>IIBB', body[:10])
          elif kind == b'IDAT':
              idat += body
          pos += 12 + length
      assert depth == 8 and colour in (2, 6), (depth, colour)
      bpp = 4 if colour == 6 else 3
      raw = zlib.decompress(idat)
      stride = width * bpp
      previous = bytearray(stride)
      warm = 0
      for y in range(height):
          kind = raw[y * (stride + 1)]
          line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
          for i in range(stride):
              a = line[i - bpp] if i >= bpp else 0
              b = previous[i]
              c = previous[i - bpp] if i >= bpp else 0
              if kind == 1: line[i] = (line[i] + a) & 255
              elif kind == 2: line[i] = (line[i] + b) & 255
              elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
              elif kind == 4:
                  p = a + b - c
                  pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                  line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
          for x in range(0, stride, bpp):
              r, g, bl = line[x], line[x + 1], line[x + 2]
              if r > 180 and r - bl > 90 and (bpp == 3 or line[x + 3] > 200):
                  warm += 1
          previous = line
      print(warm)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return Int(
      String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
      ?? -1
  }

  /// A map whose only colours are the platform blue, black, white and greys, except for the
  /// emoji in one name: with the colour emoji font (scripts/install-deps.sh) the PNG has warm
  /// pixels (🔥 is orange-red); with the font missing, pango draws an empty box and there are
  /// none. The same map with the name's emoji replaced by letters is the control.
  @Test func emojiInANameDrawInColourInPNG() throws {
    let directory = try TemporaryDirectory()
    func map(_ name: String) throws -> Int {
      var csv = "id,author,created_at,reply_to_id,reply_to_author,display_name\n"
      csv += "1,hub,2026-01-01T00:00:00Z,,,\(name)\n"
      for index in 0..<4 {
        csv += "\(index + 2),user\(index),2026-01-01T01:00:00Z,1,hub,User\n"
      }
      let tag = name.unicodeScalars.count
      let input = directory.path("posts\(tag).csv")
      try Data(csv.utf8).write(to: URL(fileURLWithPath: input))
      let db = directory.path("clout\(tag).db")
      #expect(try CloutProcess.run(["ingest", "--db", db, input]).status == 0)
      let png = directory.path("map\(tag).png")
      let run = try CloutProcess.run([
        "map", "--db", db, "--out", png, "--no-communities", "--half-life", "none",
      ])
      #expect(run.status == 0, "\(run.stderr)")
      return try Self.warmPixels(png)
    }
    let control = try map("Hub fire fire")
    let emoji = try map("Hub 🔥🔥")
    #expect(control == 0)
    #expect(emoji > 20, "\(emoji) warm pixels: is fonts-noto-color-emoji installed?")
  }
}
