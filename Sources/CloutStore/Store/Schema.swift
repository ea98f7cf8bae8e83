import CloutCore
import GRDB

/// The store's schema: constants that identify a Clout file, and the versioned migrations.
///
/// The schema version is the number of registered migrations. Each migration writes it into
/// `PRAGMA user_version` so that a build can refuse a store written by a newer build before
/// touching it, and the first migration stamps `PRAGMA application_id` so that other SQLite
/// files are recognized as not being stores.
public enum StoreSchema {
  /// `PRAGMA application_id` of every Clout store: the ASCII bytes `CLOU`.
  public static let applicationID: Int32 = 0x434C_4F55

  /// The newest schema version this build knows.
  public static var version: Int { migrations.count }

  /// Interaction types as stored in `interactions.type` and `pending_interactions.type`
  /// (the `interaction_types` table): fixed numbers that name a type and nothing more. Which
  /// type wins when one post engages a target in several ways is a core rule
  /// (`InteractionType.precedence`), applied in code, never read from these numbers. Schema v1
  /// stored the precedence itself; the v2 migration maps those codes.
  @inline(__always)
  static func code(of type: InteractionType) -> Int64 {
    switch type {
    case .reply: 1
    case .repost: 2
    case .quote: 3
    case .mention: 4
    }
  }

  /// The type a stored code names; nil for a code no build ever wrote (a corrupt store).
  @inline(__always)
  static func type(code: Int64) -> InteractionType? {
    switch code {
    case 1: .reply
    case 2: .repost
    case 3: .quote
    case 4: .mention
    default: nil
    }
  }

  /// The migrations, oldest first. Never edit a released one: append a new one.
  static let migrations: [(identifier: String, sql: String)] = [
    ("v1-initial", v1),
    ("v2-type-codes-and-parent-rows", v2),
    ("v3-calibrations", calibrations),
    ("v4-post-text-search", postTextSearch),
    ("v5-followers", followers),
    ("v6-batch-text-index", batchTextIndex),
  ]

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for (index, migration) in migrations.enumerated() {
      let version = index + 1
      migrator.registerMigration(migration.identifier) { db in
        try db.execute(sql: migration.sql)
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(version)")
      }
    }
    return migrator
  }

  static let v1 = """
    CREATE TABLE interaction_types (
      code INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE
    );
    INSERT INTO interaction_types(code, name)
      VALUES (0, 'reply'), (1, 'quote'), (2, 'repost'), (3, 'mention');

    -- Platform names ('twitter', 'bluesky', ...), referenced by a small integer: shorter keys
    -- and rows than the name repeated in every row and unique index.
    CREATE TABLE platforms (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE
    );

    -- Keyed by (platform, user_id) when the id is known, else by (platform, handle).
    -- handle and display_name are the latest seen (by post time); names_at is that time.
    CREATE TABLE accounts (
      id INTEGER PRIMARY KEY,
      platform INTEGER NOT NULL REFERENCES platforms(id),
      user_id TEXT,
      handle TEXT,
      display_name TEXT,
      first_seen INTEGER NOT NULL,
      last_seen INTEGER NOT NULL,
      names_at INTEGER NOT NULL,
      CHECK (user_id IS NOT NULL OR handle IS NOT NULL)
    );
    CREATE UNIQUE INDEX accounts_user_id ON accounts(platform, user_id);
    CREATE INDEX accounts_handle ON accounts(platform, handle);
    CREATE UNIQUE INDEX accounts_handle_without_id ON accounts(platform, handle)
      WHERE user_id IS NULL;

    -- One row per platform post; the first copy ingested wins (see Ingest.swift).
    CREATE TABLE posts (
      id INTEGER PRIMARY KEY,
      platform INTEGER NOT NULL REFERENCES platforms(id),
      post_key TEXT NOT NULL,
      author_id INTEGER REFERENCES accounts(id),  -- NULL: the author is gone ([deleted])
      created_at INTEGER NOT NULL,
      text TEXT,
      reply_to_key TEXT,
      repost_of_key TEXT,
      quote_of_key TEXT,
      conversation_key TEXT,
      reply_to_author_id INTEGER REFERENCES accounts(id),
      UNIQUE (platform, post_key)
    );

    -- type is a code of interaction_types (v1: the precedence; see v2). Post-derived rows have post_id and
    -- no post_key; edge rows (edges-csv) have no post_id and post_key as a label.
    -- Self-interactions (actor_id = target_id) are stored; readers leave them out.
    -- Only the unique indexes that keep writes idempotent: the graph and stats read the whole
    -- table, and every further index costs B-tree work per inserted row.
    CREATE TABLE interactions (
      id INTEGER PRIMARY KEY,
      platform INTEGER NOT NULL REFERENCES platforms(id),
      actor_id INTEGER NOT NULL REFERENCES accounts(id),
      target_id INTEGER NOT NULL REFERENCES accounts(id),
      type INTEGER NOT NULL REFERENCES interaction_types(code),
      created_at INTEGER NOT NULL,
      post_id INTEGER REFERENCES posts(id),
      post_key TEXT,
      weight REAL NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX interactions_post_target ON interactions(post_id, target_id)
      WHERE post_id IS NOT NULL;
    CREATE UNIQUE INDEX interactions_edge ON interactions(
      platform, actor_id, target_id, type, created_at, coalesce(post_key, ''))
      WHERE post_id IS NULL;

    -- Interactions whose target is the author of a post not yet in the store.
    CREATE TABLE pending_interactions (
      id INTEGER PRIMARY KEY,
      platform INTEGER NOT NULL REFERENCES platforms(id),
      actor_id INTEGER NOT NULL REFERENCES accounts(id),
      post_id INTEGER NOT NULL REFERENCES posts(id),
      type INTEGER NOT NULL REFERENCES interaction_types(code),
      created_at INTEGER NOT NULL,
      via_post_key TEXT NOT NULL
    );
    CREATE INDEX pending_via ON pending_interactions(platform, via_post_key);

    CREATE TABLE ingest_runs (
      id INTEGER PRIMARY KEY,
      file TEXT NOT NULL,
      format TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
      posts_added INTEGER NOT NULL DEFAULT 0,
      accounts_added INTEGER NOT NULL DEFAULT 0,
      interactions_added INTEGER NOT NULL DEFAULT 0,
      edges_added INTEGER NOT NULL DEFAULT 0,
      duplicates INTEGER NOT NULL DEFAULT 0,
      bad_records INTEGER NOT NULL DEFAULT 0,
      batches INTEGER NOT NULL DEFAULT 0
    );
    """

  /// Type codes that no longer encode the precedence, and each reply's parent as a row id.
  ///
  /// `posts.reply_to_post` is the row id of the post `reply_to_key` names, set when the reply
  /// is written if the parent is stored, else when the parent arrives (`pending_parents`, in
  /// the same transaction as the parent). The graph's post scan then reads integers in row
  /// order instead of joining ten million text keys. `clout rank --top 100 --verbose` on the
  /// store of `gen.py 10000000 1000000 7` (the v1 store migrated), back to back on the shared
  /// 2-core machine at load ~10: "loaded … in" 69.9 s before, 12.2 s after (the issue's
  /// unloaded figure before: 15.4 s). The migration itself took 77 s on that store.
  static let v2 = """
    UPDATE interactions SET type = CASE type
      WHEN 0 THEN 1 WHEN 1 THEN 3 WHEN 2 THEN 2 WHEN 3 THEN 4 ELSE -1 END;
    UPDATE pending_interactions SET type = CASE type
      WHEN 0 THEN 1 WHEN 1 THEN 3 WHEN 2 THEN 2 WHEN 3 THEN 4 ELSE -1 END;
    DELETE FROM interaction_types;
    INSERT INTO interaction_types(code, name)
      VALUES (1, 'reply'), (2, 'repost'), (3, 'quote'), (4, 'mention');

    ALTER TABLE posts ADD COLUMN reply_to_post INTEGER REFERENCES posts(id);
    UPDATE posts SET reply_to_post = (
      SELECT p.id FROM posts AS p
      WHERE p.platform = posts.platform AND p.post_key = posts.reply_to_key)
    WHERE reply_to_key IS NOT NULL;

    -- Replies whose parent is not stored yet, by the parent's key.
    CREATE TABLE pending_parents (
      post_id INTEGER PRIMARY KEY REFERENCES posts(id),
      platform INTEGER NOT NULL REFERENCES platforms(id),
      parent_key TEXT NOT NULL
    );
    CREATE INDEX pending_parents_key ON pending_parents(platform, parent_key);
    INSERT INTO pending_parents(post_id, platform, parent_key)
      SELECT id, platform, reply_to_key FROM posts
      WHERE reply_to_key IS NOT NULL AND reply_to_post IS NULL;
    """

  /// Saved calibrations (`clout calibrate`), newest = highest id. The columns a ranking needs
  /// to choose and apply one; `body` holds the whole calibration (folds, candidates) as JSON.
  static let calibrations = """
    CREATE TABLE calibrations (
      id INTEGER PRIMARY KEY,
      clout_version TEXT NOT NULL,
      platform TEXT,
      data_from INTEGER NOT NULL,
      data_to INTEGER NOT NULL,
      interactions INTEGER NOT NULL,
      half_life REAL,
      weights TEXT NOT NULL,
      body TEXT NOT NULL
    );
    """

  /// The full-text index of post text (`--topic`, `clout topics`) and what a topic's
  /// conversations are found with. See PostTextSearch.swift for the tokenizer's choices.
  ///
  /// External content (`content='post_text_source'`, a view of `posts`): the index keeps no
  /// second copy of the text, and `rebuild` fills it from the posts already stored. Until v6
  /// (`batchTextIndex`) triggers kept it in step with every insert and text fill, in the
  /// statement's own transaction: a batch and its index rows commit together or not at all,
  /// and a duplicate that inserts no post indexes nothing.
  /// `columnsize=0`: no per-post token counts, which only bm25 ranking reads.
  /// Only a post's first `indexedTextLength` characters are indexed, through the view
  /// `post_text_source` that `rebuild` and FTS5's integrity check read too: tokenizing a
  /// 48 MB text in one insert took 100 MB more memory than the rest of ingest
  /// (HugeRecordMemoryTests), while the longest posts of the platforms Clout reads (Reddit's
  /// 40,000-character self posts) fit well within it.
  /// `posts_reply_to_post` finds a post's replies, so a topic's whole threads are collected
  /// by walking down from their posts instead of scanning every post.

  /// Characters of each post's text that the full-text index reads.
  static let indexedTextLength = 100_000

  static let postTextSearch = """
    CREATE VIEW post_text_source AS
      SELECT id, substr(text, 1, \(indexedTextLength)) AS text FROM posts;
    CREATE VIRTUAL TABLE post_text USING fts5(
      text, content = 'post_text_source', content_rowid = 'id', columnsize = 0,
      tokenize = "unicode61 remove_diacritics 2 tokenchars '#'");
    INSERT INTO post_text(post_text) VALUES ('rebuild');
    CREATE TRIGGER posts_text_insert AFTER INSERT ON posts WHEN new.text IS NOT NULL
    BEGIN
      INSERT INTO post_text(rowid, text)
        VALUES (new.id, substr(new.text, 1, \(indexedTextLength)));
    END;
    CREATE TRIGGER posts_text_update AFTER UPDATE OF text ON posts
      WHEN old.text IS NOT new.text
    BEGIN
      INSERT INTO post_text(post_text, rowid, text)
        SELECT 'delete', old.id, substr(old.text, 1, \(indexedTextLength))
        WHERE old.text IS NOT NULL;
      INSERT INTO post_text(rowid, text)
        SELECT new.id, substr(new.text, 1, \(indexedTextLength)) WHERE new.text IS NOT NULL;
    END;
    -- Every occurrence of every term (term, doc = posts.id, col, offset), for `clout topics`.
    CREATE VIRTUAL TABLE post_terms USING fts5vocab(post_text, instance);
    CREATE INDEX posts_reply_to_post ON posts(reply_to_post) WHERE reply_to_post IS NOT NULL;
    """

  /// Each account's latest follower count (`FollowerCount`: the count of the newest post that
  /// carried one), with that post's time and id, which the next count is compared against.
  /// Accounts of a migrated store have none until their files are ingested again (ingest
  /// reads counts from copies of stored posts too).
  static let followers = """
    ALTER TABLE accounts ADD COLUMN followers INTEGER;
    ALTER TABLE accounts ADD COLUMN followers_at INTEGER;
    ALTER TABLE accounts ADD COLUMN followers_post TEXT;
    """

  /// The full-text index filled by ingest once per batch instead of by per-post triggers.
  ///
  /// `BatchWriter` indexes the batch's new posts with one `INSERT … SELECT` over their row id
  /// range (`BatchWriter.indexText()`) and a text filled into an older post as it
  /// fills it, in the batch's transaction as before: a batch and its index rows still commit
  /// together or not at all. The posts themselves are written only by ingest. On a
  /// text-heavy 1M-post timeline the triggers tripled ingest's CPU time, the batch insert
  /// adds 42% (`BatchWriter.indexText()`). A store indexed by the triggers keeps its index as
  /// it is: it already agrees with its posts.
  static let batchTextIndex = """
    DROP TRIGGER posts_text_insert;
    DROP TRIGGER posts_text_update;
    """
}
