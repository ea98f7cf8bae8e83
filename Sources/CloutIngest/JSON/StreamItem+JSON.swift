import CloutCore

extension StreamItem {
  /// The item for a JSON object that holds exactly one post: the post `convert` reads from it,
  /// or the error that reading the object or converting it gave.
  static func onePost(
    from parsed: Result<JSONObject, RecordError>, line: Int,
    _ convert: (JSONObject) throws(RecordError) -> PostRecord
  ) -> StreamItem {
    switch parsed {
    case .failure(let error):
      return .bad(error)
    case .success(let object):
      do {
        return .record(.post(try convert(object)), line: line)
      } catch {
        return .bad(error)
      }
    }
  }
}
