/// UTC time text for output. Clout keeps time as unix seconds everywhere inside and prints it
/// only at the edges, always in UTC, so output does not depend on the machine's time zone.
public enum TimeText {
  /// `2026-10-01T12:00:00Z`
  public static func iso8601(_ seconds: Int64) -> String {
    let (date, time) = split(seconds)
    return date + "T" + time + "Z"
  }

  /// `2026-10-01`
  public static func date(_ seconds: Int64) -> String {
    split(seconds).date
  }

  private static func split(_ seconds: Int64) -> (date: String, time: String) {
    // Floor division without negating: `-seconds` traps for Int64.min (a store edited to hold
    // it crashed `clout map`; found by WholePathFuzzTests).
    let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
    let remainder = seconds % 86_400
    let secondOfDay = remainder < 0 ? remainder + 86_400 : remainder
    // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse).
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    let time =
      "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    return (date, time)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value.magnitude)
    let sign = value < 0 ? "-" : ""
    return sign + String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
