/// What `BatchWriter` knows of the posts this run wrote on one platform.
final class RunPostKeys {
  /// Every key written, when the platform had no posts as the run met it (else nil: the
  /// index must answer whether a key is stored).
  let written: PostKeyFilter?
  let recent = RecentPosts()

  init(platformWasEmpty: Bool) {
    written = platformWasEmpty ? PostKeyFilter() : nil
  }
}
