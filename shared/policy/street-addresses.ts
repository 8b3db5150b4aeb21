/**
 * Postal addresses in the Swiss, Austrian, French and Italian forms the German/English rules in
 * personal-data.ts do not read: "Bahnhofstrasse 10, 8001 Zürich" (a comma after the house number),
 * "Rue du Rhône 12", "12 rue de la Paix", "Via Nassa 5", "Mariahilfer Straße 45/3/12, 1060 Wien".
 * Street words are capitalised where they are also ordinary words ("via DHL", "place 2 orders"),
 * and a house number is no amount, time or count ("Via Roma 3 giorni" is no address).
 */

export const ALPINE_POSTAL_RULES: Array<[string, RegExp]> = [
  // Bahnhofstrasse 10, 8001 Zürich / Mariahilfer Straße 45/3/12, 1060 Wien
  [
    'street_postcode_ch_at',
    /(?<!\p{L})\p{L}{1,40}(?:strasse|straße|str\.|gasse|weg|platz|allee|ring) ?\d{1,4}[a-z]?(?:\/\d{1,4}){0,2}, (?:CH-|A-|D-)?\d{4,5} \p{Lu}\p{Ll}{2,}/iu,
  ],
  // Rue du Rhône 12, Avenue de la Gare 3, Chemin des Grands Champs 4
  [
    'street_fr',
    /(?<!\p{L})(?:Rue|Avenue|Chemin|Route|Boulevard|Quai|Place|Impasse|Allée) (?:de la |du |des |de l'|de |d')?\p{Lu}[\p{L}'-]{1,30}(?: \p{Lu}[\p{L}'-]{1,30}){0,2},? \d{1,4}(?![\d.:]|\s?(?:€|%|uhr|min|tag|std|km|kg|h\b|x\b|week|day|hour|month|year|time|jour|fois|giorn|settiman|volt))/u,
  ],
  // 12 rue de la Paix, 3bis, avenue Foch
  [
    'street_fr_number_first',
    /(?<!\p{N})\d{1,4}(?: ?bis| ?ter)?,? (?:rue|avenue|av\.|chemin|boulevard|bd|quai|impasse|allée) (?:de la |du |des |de l'|de |d')?\p{Lu}/u,
  ],
  // via Nassa 21, 6900 Lugano / rue du Lac 4, 1003 Lausanne: a lower-case street word, as phones
  // leave it, counts when the postcode and the place follow
  [
    'street_postcode_fr_it',
    /(?<!\p{L})(?:[Vv]ia|[Vv]iale|[Pp]iazza|[Cc]orso|[Vv]icolo|[Ll]argo|[Rr]ue|[Aa]venue|[Cc]hemin|[Rr]oute|[Bb]oulevard|[Qq]uai|[Pp]lace) (?:della |del |dei |delle |di |[Ss]an |[Ss]anta |de la |du |des |de l'|de |d')?\p{L}[\p{L}'-]{1,30}(?: \p{L}[\p{L}'-]{1,30}){0,2},? \d{1,4}[a-z]?, (?:CH-|I-|F-)?\d{4,5} \p{Lu}\p{Ll}{2,}/u,
  ],
  // Via Nassa 5, Via San Gottardo 12, Piazza della Riforma 1
  [
    'street_it',
    /(?<!\p{L})(?:Via|Viale|Piazza|Piazzale|Corso|Vicolo|Largo) (?:della |del |dei |delle |di |San |Santa )?\p{Lu}[\p{L}'-]{1,30}(?: \p{Lu}[\p{L}'-]{1,30}){0,2},? \d{1,4}(?![\d.:]|\s?(?:€|%|uhr|min|tag|std|km|kg|h\b|x\b|week|day|hour|month|year|time|jour|fois|giorn|settiman|volt))/u,
  ],
];
