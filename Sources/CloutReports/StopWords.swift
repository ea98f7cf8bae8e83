/// Function words left out of `clout topics`, per language, in the index's folded form
/// (lower case, diacritics removed: "été" is "ete", "über" is "uber").
///
/// Written by hand for this project: articles, pronouns, prepositions, conjunctions and the
/// commonest auxiliary verb forms of each language, checked against the Snowball project's
/// stop-word lists (snowballstem.org, one `stop.txt` per language) for coverage, and kept
/// short: a list only has to keep grammar off the top of a term table.
public enum StopWords {
  /// Language code → words.
  public static let lists: [String: Set<String>] = [
    "en": words(
      """
      a about above after again against all am an and any are as at be because been before
      being below between both but by can could did do does doing down during each few for
      from further had has have having he her here hers herself him himself his how i if in
      into is it its itself just me more most my myself no nor not now of off on once only or
      other our ours ourselves out over own same she should so some such than that the their
      theirs them themselves then there these they this those through to too under until up
      very was we were what when where which while who whom why will with would you your
      yours yourself yourselves im its dont doesnt didnt isnt arent wasnt cant wont s t ll ve
      re d m don
      """),
    "fr": words(
      """
      au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
      meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
      tes toi ton tu un une vos votre vous c d j l m n s t y ete etre est sont suis es etes
      sommes ai as avons avez ont avait etait cette cet ca plus tout tres aussi comme sans
      """),
    "de": words(
      """
      aber als am an auch auf aus bei bin bis bist da dass dein deine dem den der des die dir
      doch du durch ein eine einem einen einer eines er es euch euer fur hat hatte ich ihr
      ihre im in ist ja kein keine mein meine mit nach nicht noch nur ob oder sein seine sich
      sie sind so uber um und uns unser vom von vor war waren was weil wenn wer wie wir wird
      wo zu zum zur
      """),
    "es": words(
      """
      a al algo ante como con contra cual cuando de del desde donde el ella ellas ellos en
      entre era es esa ese eso esta estan este esto fue ha hay la las le les lo los mas me mi
      muy nada ni no nos o para pero por porque que quien se sea ser si sin sobre son su sus
      tambien te tu un una uno unos y ya yo
      """),
    "it": words(
      """
      a ad al alla alle anche che chi ci come con da dal dalla del della delle dei di e ed gli
      ha hanno ho i il in io la le lei lo loro lui ma mi mio nel nella noi non o per piu quando
      quella quello questa questo se si sono su sua suo tu un una uno vi voi
      """),
    "pt": words(
      """
      a ao aos as com como da das de do dos e ela ele eles em entre era esta este eu foi ha
      isso isto ja mais mas me meu minha muito na nao nas no nos o os ou para pela pelo por
      que se sem ser seu sua tambem te tem um uma voce
      """),
    "nl": words(
      """
      aan al als bij dan dat de die dit door een en er geen had heb hebben heeft het hij hoe
      ik in is ja je kan maar met mij mijn naar niet nog nu of om omdat ons ook op over te tot
      u uit van veel voor want was wat we wel werd wij wordt ze zich zij zijn zo
      """),
  ]

  /// Fragments of links and retweet markers: `https://t.co/x` is indexed as https, t, co, x.
  public static let web: Set<String> = words("http https www com co rt amp via html")

  /// The languages whose stop words are a real share of the text: a language counts as
  /// present when the words in its list and in no other make up at least `share` of all
  /// occurrences. Words several languages share ("a", "de", "in") would make every language
  /// look present.
  public static func languages(in uses: [(term: String, occurrences: Int)], share: Double = 0.01)
    -> [String]
  {
    let total = uses.reduce(0) { $0 + $1.occurrences }
    guard total > 0 else { return [] }
    var exclusive: [String: Int] = [:]
    for use in uses {
      if let owners = owners[use.term], owners.count == 1 {
        exclusive[owners[0], default: 0] += use.occurrences
      }
    }
    return exclusive.filter { Double($0.value) >= share * Double(total) }.keys.sorted()
  }

  /// The languages whose list holds each listed word: one lookup per term instead of one per
  /// list (a store's terms run to millions: every number and handle is one).
  private static let owners: [String: [String]] = lists.reduce(into: [:]) { owners, list in
    for word in list.value { owners[word, default: []].append(list.key) }
  }

  private static func words(_ text: String) -> Set<String> {
    Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
  }
}
