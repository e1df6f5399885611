package dev.sluice.classifiers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence for NAME and ADDRESS, loaded once from resources shipped with the module (see {@code
 * names/README.md}): given names (SSA baby-name data, public domain), person-name tokens (cspell
 * people-names, MIT), and hand-written word lists (titles, street suffixes, US states, capitalised
 * words that are names but usually are not). Immutable and thread-safe.
 */
final class NameModel {
  static final NameModel INSTANCE = new NameModel();

  final SliceSet given;
  final SliceSet tokens;
  final SliceSet stop;
  final SliceSet ambiguousGiven;

  /**
   * Given names that are also everyday words or places: they do not vouch for an unlisted family
   * name (Grace Period, Basil Pesto, Brooklyn Nets).
   */
  final SliceSet wordGiven;

  final SliceSet streetSuffix;

  /**
   * Street types by position (see {@code names/street-types.txt}): after, before, glued, german.
   */
  final SliceSet typeAfter;

  final SliceSet typeBefore;
  final SliceSet typeGerman;
  final List<String> typeGlued;

  /** Lower-case words inside street names: "rue de la Paix", "Calle del Sol", "Via di Santo". */
  final SliceSet particles =
      new SliceSet(
          List.of(
              "de", "del", "della", "delle", "dei", "degli", "di", "da", "do", "dos", "das", "du",
              "des", "la", "le", "les", "las", "los", "el", "l", "d", "y", "e", "et", "al", "alla",
              "sur", "sous", "aux", "au", "an", "der", "dem", "den", "am", "im", "zum", "zur",
              "auf", "bei", "van", "von", "à", "en", "sul", "san", "santa", "santo", "saint",
              "sainte"));

  /** Words before a house number that announce an address ("Address 12 Main St"). */
  final SliceSet addressCue =
      new SliceSet(
          List.of(
              "address",
              "addr",
              "adresse",
              "anschrift",
              "dirección",
              "direccion",
              "domicilio",
              "indirizzo",
              "endereço",
              "located",
              "at",
              "to",
              "ship",
              "deliver",
              "visit",
              "on",
              "from",
              "in",
              "near",
              "is",
              "via",
              "à",
              "au",
              "en",
              "nach",
              "bei",
              "de",
              "of"));

  /** Words after a company's name: "Soft King LLC" is no person. */
  final SliceSet companyWords =
      new SliceSet(
          List.of(
              "inc",
              "llc",
              "ltd",
              "limited",
              "gmbh",
              "ag",
              "plc",
              "corp",
              "corporation",
              "co",
              "company",
              "group",
              "holdings",
              "labs",
              "systems",
              "technologies",
              "partners",
              "associates",
              "sa",
              "sarl",
              "srl",
              "spa",
              "bv",
              "nv",
              "ab",
              "oy",
              "kg",
              "pty",
              "foundation",
              "institute",
              "university"));

  /** Articles: "the Janie Bacon is" names a thing. */
  final SliceSet articles = new SliceSet(List.of("the", "an"));

  /** Lower-case words that start a new clause after a street line ("12 Main St or fax ..."). */
  final SliceSet clauseWords =
      new SliceSet(
          List.of(
              "or", "and", "before", "by", "until", "for", "to", "in", "on", "at", "from", "is",
              "was", "as", "if", "ou", "et", "avant", "oder", "und", "bis", "o", "y", "antes",
              "entro", "prima", "e"));

  final SliceSet unitWords;
  final SliceSet usStateCodes;
  final SliceSet usStateNames;
  final SliceSet months;
  final SliceSet directions;

  private NameModel() {
    given = new SliceSet(load("names/given-names.tsv"));
    tokens = new SliceSet(load("names/name-tokens.txt"));
    stop = new SliceSet(load("names/not-names.txt"));
    wordGiven =
        new SliceSet(
            List.of(
                "grace",
                "max",
                "basil",
                "rosemary",
                "brooklyn",
                "jasmine",
                "sage",
                "hunter",
                "mason",
                "carter",
                "taylor",
                "victor",
                "angel",
                "destiny",
                "harmony",
                "heaven",
                "justice",
                "liberty",
                "melody",
                "journey",
                "sierra",
                "dakota",
                "phoenix",
                "aurora",
                "austin",
                "jordan",
                "madison",
                "jackson",
                "lincoln",
                "washington",
                "kennedy",
                "houston",
                "dallas",
                "denver",
                "charlotte",
                "victoria",
                "georgia",
                "virginia",
                "carolina",
                "florence",
                "sydney",
                "paris",
                "chelsea",
                "savannah",
                "cameron",
                "logan",
                "easter",
                "christmas",
                "noel",
                "memorial",
                "amazon",
                "tesla",
                "ford",
                "harley",
                "mercedes",
                "porsche",
                "santa",
                "san",
                "los",
                "las",
                "del",
                "cody",
                "hudson",
                "cooper",
                "bentley",
                "candy",
                "ginger",
                "honey",
                "olive",
                "cherry",
                "violet",
                "lily",
                "daisy",
                "poppy",
                "hazel",
                "willow",
                "storm",
                "rain",
                "snow",
                "star",
                "angel",
                "blue",
                "red",
                "gray",
                "grey",
                "brown",
                "green",
                "white",
                "black"));
    ambiguousGiven =
        new SliceSet(
            List.of(
                "will",
                "may",
                "june",
                "april",
                "august",
                "mark",
                "grant",
                "rose",
                "summer",
                "dawn",
                "hope",
                "faith",
                "joy",
                "page",
                "bill",
                "art",
                "chase",
                "miles",
                "sunny",
                "river",
                "sky",
                "rich",
                "guy",
                "pat",
                "frank",
                "sterling",
                "major",
                "king",
                "prince",
                "royal",
                "lane",
                "dean",
                "earl",
                "ivy",
                "holly",
                "iris",
                "jade",
                "ruby",
                "pearl",
                "crystal",
                "amber",
                "autumn",
                "winter",
                "christian",
                "angel",
                "star",
                "precious",
                "mercy",
                "harmony",
                "justice",
                "january",
                "march",
                "cash",
                "bay",
                "beach",
                "stone",
                "wood",
                "hill",
                "hall",
                "field",
                "storm",
                "rain",
                "blue",
                "gray",
                "grey",
                "green",
                "brown",
                "black",
                "white",
                "young",
                "long",
                "price",
                "cook",
                "baker",
                "austin",
                "dallas",
                "houston",
                "phoenix",
                "denver",
                "orlando",
                "paris",
                "london",
                "florence",
                "victoria",
                "georgia",
                "virginia",
                "carolina",
                "dakota",
                "indiana",
                "montana",
                "nevada",
                "santa",
                "san",
                "saint",
                "st",
                "general",
                "early",
                "china",
                "india",
                "israel",
                "kenya",
                "asia",
                "africa",
                "america",
                "apple",
                "amazon",
                "google",
                "oracle",
                "tesla",
                "visa",
                "discover",
                "dear",
                "new",
                "monday",
                "main"));
    streetSuffix = new SliceSet(load("names/street-suffixes.txt"));
    java.util.Map<String, List<String>> types = sections(load("names/street-types.txt"));
    typeAfter = new SliceSet(types.get("after"));
    typeBefore = new SliceSet(types.get("before"));
    typeGerman = new SliceSet(types.get("german"));
    typeGlued = List.copyOf(types.get("glued"));
    unitWords =
        new SliceSet(
            List.of(
                "apt",
                "apartment",
                "suite",
                "ste",
                "unit",
                "floor",
                "fl",
                "flat",
                "room",
                "rm",
                "bldg",
                "building",
                "dept",
                "po",
                "box",
                "appartamento",
                "interno",
                "scala",
                "piano",
                "puerta",
                "piso",
                "planta",
                "esc",
                "escalera",
                "étage",
                "etage",
                "bâtiment",
                "batiment",
                "zimmer",
                "og",
                "wohnung",
                "whg"));
    List<String> codes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String line : load("names/us-states.tsv")) {
      String[] p = line.split("\t");
      codes.add(p[0]);
      names.add(p[1]);
    }
    usStateCodes = new SliceSet(codes);
    usStateNames = new SliceSet(names);
    months =
        new SliceSet(
            List.of(
                "jan",
                "january",
                "feb",
                "february",
                "mar",
                "march",
                "apr",
                "april",
                "may",
                "jun",
                "june",
                "jul",
                "july",
                "aug",
                "august",
                "sep",
                "sept",
                "september",
                "oct",
                "october",
                "nov",
                "november",
                "dec",
                "december"));
    directions =
        new SliceSet(
            List.of(
                "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west", "old",
                "new", "upper", "lower", "great", "little", "mount", "mt", "fort", "ft", "lake",
                "saint", "st", "san", "santa", "los", "las", "el", "la", "de", "del"));
  }

  static int monthNumber(char[] a, int s, int e) {
    if (e - s < 3) {
      return 0;
    }
    char c0 = Character.toLowerCase(a[s]);
    char c1 = Character.toLowerCase(a[s + 1]);
    char c2 = Character.toLowerCase(a[s + 2]);
    String months = "janfebmaraprmayjunjulaugsepoctnovdec";
    for (int m = 0; m < 12; m++) {
      if (months.charAt(3 * m) == c0
          && months.charAt(3 * m + 1) == c1
          && months.charAt(3 * m + 2) == c2) {
        return m + 1;
      }
    }
    return 0;
  }

  /** Lines grouped under their {@code [section]} headers. */
  private static java.util.Map<String, List<String>> sections(List<String> lines) {
    java.util.Map<String, List<String>> out = new java.util.HashMap<>();
    List<String> cur = null;
    for (String line : lines) {
      if (line.startsWith("[") && line.endsWith("]")) {
        cur = out.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
      } else if (cur != null) {
        cur.add(line);
      }
    }
    return out;
  }

  private static List<String> load(String name) {
    InputStream in = NameModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing classifier resource " + name);
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        out.add(name.endsWith("given-names.tsv") && tab > 0 ? line.substring(0, tab) : line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classifier resource " + name, e);
    }
    return out;
  }
}
